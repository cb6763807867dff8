"""Deny by default: a walk over every URL checks who may see it."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Pages anyone may open, and what they may open them with.
PUBLIC = {
    "/",
    "/medlemmar/",
    "/medlemmar/<str:code>/",
    "/healthz",
    "/konto/logga-in/",
    "/i18n/setlang/",
    "/api/v1/organisations",
    "/api/v1/members",
    "/api/v1/organisations/<code>/memberships",
    "/api/v1/openapi.json",
    "/api/v1/docs",
    "/api/v1/",  # django-ninja's root: nothing there (404)
    "/konto/nytt-losenord/",
    "/konto/nytt-losenord/skickat/",
    "/konto/nytt-losenord/<uidb64>/<token>/",
    "/konto/nytt-losenord/klart/",
    "/bli-medlem/",
    "/kalender/",
    "/kalender/<int:pk>/",
    "/kalender.ics",
    "/api/v1/board",
    "/api/v1/events",
    "/api/v1/events.ics",
    "/api/v1/events/<event_id>/registrations",
    "/api/v1/platskompassen/rounds/<slug>/responses",
    "/api/v1/platskompassen/rounds/<slug>/results",
    "/api/v1/platskompassen/rounds/<slug>/results/compass.svg",
    "/api/v1/platskompassen/rounds/<slug>/results.csv",
    "/api/v1/platskompassen/rounds/<slug>/results.xlsx",
    "/api/v1/platskompassen/rounds/<slug>/results.pdf",
    "/platskompassen/<slug:slug>/",
    "/platskompassen/<slug:slug>/tack/",
    "/platskompassen/<slug:slug>/resultat/",
    "/platskompassen/<slug:slug>/resultat/kompass.svg",
    "/platskompassen/<slug:slug>/resultat.csv",
    "/platskompassen/<slug:slug>/resultat.xlsx",
    "/platskompassen/<slug:slug>/resultat.pdf",
    "/api/v1/fees/<year>/schedule",
    "/api/v1/fees/<year>/summary",
}
# The API's own routes that need a token (401 without one).
TOKEN_ROUTES = {
    "/api/v1/fees/<year>/invoices",
    "/api/v1/invoices",
    "/api/v1/invoices/<number>.pdf",
    "/api/v1/invoices/<number>.xml",
    "/api/v1/payments",
    "/api/v1/compliance/<year>",
}
SAMPLE = {
    "<str:code>": "1280",
    "<code>": "1280",
    "<int:pk>": "1",
    "<uidb64>": "MQ",
    "<token>": "x",
    "<year>": "2024",
    "<int:year>": "2024",
    "<number>": "1",
    "<int:number>": "1",
    "<event_id>": "1",
    "<slug:key>": "website",
    "<slug:slug>": "pilot",
    "<slug>": "pilot",
    "<place_id>": "1",
}


def _routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield "/" + route.lstrip("^").rstrip("$")


def _concrete(route):
    for placeholder, value in SAMPLE.items():
        route = route.replace(placeholder, value)
    return route


def _own_routes():
    return sorted(
        r for r in set(_routes(get_resolver().url_patterns)) if not r.startswith("/admin/")
    )


def test_every_route_is_known_to_this_test():
    routes = set(_own_routes())
    private = {
        "/kansli/",
        "/kansli/befolkning/",
        "/kansli/kontaktpersoner/<int:pk>/export/",
        "/kansli/kontaktpersoner/<int:pk>/radera/",
        "/kansli/avgifter/",
        "/kansli/avgifter/<int:year>/",
        "/kansli/avgifter/modeller/",
        "/kansli/avgifter/modeller/<int:pk>/",
        "/kansli/avgifter/modeller/<int:pk>/anta/",
        "/kansli/avgifter/modeller/<int:pk>/jamforelse.xlsx",
        "/kansli/ekonomi/",
        "/kansli/ekonomi/<int:year>/intakter.csv",
        "/kansli/ekonomi/<int:year>/intakter.xlsx",
        "/kansli/fakturor/",
        "/kansli/fakturor/skapa/<int:year>/",
        "/kansli/fakturor/bankfil/",
        "/kansli/fakturor/sie/<int:year>.si",
        "/kansli/fakturor/<int:number>/",
        "/kansli/fakturor/<int:number>/betalning/",
        "/kansli/fakturor/<int:number>/kreditera/",
        "/kansli/fakturor/<int:number>.pdf",
        "/kansli/fakturor/<int:number>.xml",
        "/kansli/kriterier/",
        "/kansli/kriterier/medlemskriterier.csv",
        "/kansli/kriterier/medlemskriterier.xlsx",
        "/kansli/kriterier/<int:year>/kopiera/",
        "/kansli/kriterier/<int:year>/paminnelser/",
        "/kansli/kriterier/<int:year>/<slug:key>/<str:code>/",
        "/kansli/evenemang/<int:pk>/narvaro/",
        "/medlem/kriterier/",
        "/kalender/<int:pk>/anmal-flera/",
        *TOKEN_ROUTES,
        "/konto/logga-ut/",
        "/konto/",
        "/platskompassen/",
        "/platskompassen/platser/ny/",
        "/platskompassen/platser/<int:pk>/",
        "/platskompassen/platser/<int:pk>/ny-omgang/",
        "/platskompassen/<slug:slug>/qr.svg",
        "/api/v1/platskompassen/places",
        "/api/v1/platskompassen/places/<place_id>/rounds",
        "/api/v1/memberships",
        "/api/v1/memberships/<membership_id>/end",
    }
    unknown = {r for r in routes if not r.startswith("/media/")} - PUBLIC - private
    assert not unknown, f"new routes: decide who may see them and list them here: {unknown}"


@pytest.mark.parametrize("route", _own_routes())
def test_an_anonymous_visitor_sees_only_public_pages(client, demo, route):
    url = _concrete(route)
    response = client.get(url)
    if route in PUBLIC:
        assert response.status_code in (200, 302, 404, 405), url
        if response.status_code == 302:
            assert "logga-in" not in response["Location"], url
    elif route.startswith("/api/"):
        assert response.status_code in (401, 405), url
    else:
        assert response.status_code in (302, 405), url
        if response.status_code == 302:
            assert (
                response["Location"].startswith("/konto/logga-in/")
                or "login" in response["Location"]
            )


def test_the_admin_is_closed_to_anonymous_visitors(client, db):
    assert client.get("/admin/organisations/organisation/").status_code == 302
