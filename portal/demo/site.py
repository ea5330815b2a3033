"""The demo's identity: the name "Ale kommun" and a neutral mark drawn for the demo
(assets/demo-mark.png: a hill and a river on a rounded square), never a copied logo."""

from pathlib import Path

from django.core.files.base import ContentFile

from aleforetag.core import services
from aleforetag.core.models import SiteSettings

MARK = Path(__file__).resolve().parent / "assets" / "demo-mark.png"


def load_demo_site() -> SiteSettings:
    """Give the site the demo's municipality name and mark, once (an uploaded logo is kept)."""
    site_settings = SiteSettings.load()
    if site_settings.logo:
        return site_settings
    return services.site_settings_update(
        actor=None,
        site_settings=site_settings,
        data={
            "municipality_name": "Ale kommun",
            "logo": ContentFile(MARK.read_bytes(), name="demo-mark.png"),
            "logo_alt": "Ale kommun",
        },
    )
