from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from aleforetag.core import views as core_views

urlpatterns = [
    # Pages composed of several apps live at the top, in portal (named here, never imported).
    path("", include("portal.home_urls")),
    path("", include("portal.urls")),
    path("integritet/", core_views.privacy, name="privacy"),
    path("tillganglighet/", core_views.accessibility, name="accessibility"),
    path("driftstatus/", core_views.service_status, name="service-status"),
    path("health/", core_views.health, name="health"),
    path("sprak/", set_language, name="set_language"),
    # Browsers and the Django admin ask for /favicon.ico; the site's icon is an SVG.
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("logotyp/", core_views.site_logo, name="site-logo"),
    path("tema.css", core_views.site_theme, name="site-theme"),
    path("installningar/", core_views.site_settings_edit, name="site-settings"),
    path("konto/", include("aleforetag.accounts.urls")),
    path("workshoppar/", include("workshops.urls")),
    path("", include("feedback.urls")),
    path("uppfoljning/", include("followups.urls")),
    path("", include("indicators.urls")),
    path("oversikt/", include("dashboard.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "aleforetag.core.views.permission_denied"
handler404 = "aleforetag.core.views.page_not_found"
handler500 = "aleforetag.core.views.server_error"
