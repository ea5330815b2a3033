from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top of the portal: pages composed of several apps (the home page, the workshop page
    with its summaries and follow-ups, Mitt inflytande), and what builds data across all of them
    (the demo and the benchmark). Nothing below imports it."""

    name = "portal"
    verbose_name = _("Portal")
