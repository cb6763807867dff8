from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps.views import sitemap
from django.urls import URLPattern, URLResolver, include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_page
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from hcs.accounts import two_factor, views_invitation, views_two_factor
from hcs.accounts.views import (
    LoginView,
    PasswordResetConfirmView,
    PasswordResetView,
    admin_login,
    after_login,
)
from hcs.api import api
from hcs.criteria.views import own_row as criteria_own_row
from hcs.events.views import calendar_feed
from hcs.governance.views import board_public
from hcs.ops.views import readyz
from hcs.public.sitemaps import SITEMAPS, robots_txt
from hcs.public.views import healthz
from hcs.reports import views_annual


def _public(patterns):
    """Mark every view under `patterns` as open to anonymous users (the API checks its own auth)."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _public(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback = login_not_required(pattern.callback)
    return patterns


api_urls, app_name, namespace = api.urls
_public(api_urls)

admin.site.site_header = _("Healthy Cities Sverige – back office")
admin.site.site_title = _("Healthy Cities Sverige")
admin.site.index_title = _("Registry")
# The admin is staff's: a session without the second factor, when it is required, gets none of
# it (the log-in itself goes through the platform's page: admin_login).
_admin_has_permission = admin.site.has_permission
admin.site.has_permission = lambda request: (  # type: ignore[method-assign]
    _admin_has_permission(request) and two_factor.satisfied(request.user)
)

urlpatterns = [
    path("", include("hcs.public.urls")),
    path("kansli/", include("hcs.backoffice.urls")),
    path("kansli/avgifter/", include("hcs.fees.urls")),
    path("kansli/fakturor/", include("hcs.invoices.urls")),
    path("kansli/ekonomi/", include("hcs.reports.urls")),
    path("kansli/kriterier/", include("hcs.criteria.urls")),
    path("kansli/evenemang/", include("hcs.events.urls_kansli")),
    path("kansli/styrelsen/", include("hcs.governance.urls_kansli")),
    path("kansli/grupper/", include("hcs.groups.urls_kansli")),
    path("kansli/", include("hcs.applications.urls_kansli")),
    path("kansli/", include("hcs.content.urls_kansli")),
    path("kansli/utskick/", include("hcs.mailings.urls_kansli")),
    path("kansli/uppfoljning/", include("hcs.followup.urls_kansli")),
    path("kansli/larande-exempel/", include("hcs.learning.urls_kansli")),
    path("nyhetsbrev/", include("hcs.mailings.urls_public")),
    path("styrelsen/", board_public, name="board"),
    path(
        "verksamhetsberattelse/<int:year>/",
        views_annual.annual_report_page,
        name="annual_report",
    ),
    path(
        "verksamhetsberattelse/<int:year>.pdf",
        views_annual.annual_report_pdf,
        name="annual_report_pdf",
    ),
    path("medlem/kriterier/", criteria_own_row, name="member_criteria"),
    path("medlem/", include("hcs.portal.urls")),
    path("admin/login/", login_not_required(admin_login)),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_urls, app_name), namespace=namespace)),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path(
        "sitemap.xml",
        login_not_required(cache_page(3600)(sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots"),
    path("kalender/", include("hcs.events.urls")),
    path("platskompassen/", include("hcs.platskompassen.urls")),
    path("kalender.ics", calendar_feed, name="calendar_feed"),
    # CSRF-exempt so that public pages carry no per-visitor token and can be cached; the worst a
    # forged request can do is change someone's language.
    path(
        "i18n/setlang/",
        csrf_exempt(login_not_required(set_language)),
        name="set_language",
    ),
    path(
        "konto/logga-in/",
        login_not_required(LoginView.as_view()),
        name="login",
    ),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/", after_login, name="after_login"),
    path(
        "konto/tva-steg/",
        login_not_required(views_two_factor.verify),
        name="two_factor",
    ),
    path("konto/tva-steg/aktivera/", views_two_factor.setup, name="two_factor_setup"),
    path(
        "konto/tva-steg/reservkoder/",
        views_two_factor.recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path(
        "konto/tva-steg/reservkoder/nya/",
        views_two_factor.recovery_codes_new,
        name="two_factor_recovery_codes_new",
    ),
    path("konto/tva-steg/stang-av/", views_two_factor.disable_view, name="two_factor_disable"),
    path(
        "konto/inbjudan/<str:token>/",
        login_not_required(views_invitation.accept),
        name="invitation",
    ),
    path(
        "konto/inbjudan/",
        login_not_required(views_invitation.set_password),
        name="invitation_set_password",
    ),
    path(
        "konto/ny-adress/<str:token>/",
        login_not_required(views_invitation.email_change_confirm),
        name="email_change_confirm",
    ),
    path(
        "konto/nytt-losenord/",
        PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "konto/nytt-losenord/skickat/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "konto/nytt-losenord/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "konto/nytt-losenord/klart/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Error pages in the visitor's language, saying what went wrong (hcs/lib/views.py).
handler400 = "hcs.lib.views.bad_request"
handler403 = "hcs.lib.views.permission_denied"
handler404 = "hcs.lib.views.page_not_found"
handler500 = "hcs.lib.views.server_error"
