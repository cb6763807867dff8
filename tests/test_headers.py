"""Every response carries a Content-Security-Policy and a Permissions-Policy; what is made for
someone logged in (the secretariat's pages, invoices, GDPR exports) is never stored by a cache."""

import pytest

from hcs.contacts.models import ContactPerson
from hcs.invoices.models import Invoice
from hcs.invoices.services import invoices_generate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/", "/medlemmar/", "/kalender/", "/api/v1/members", "/finns-inte/", "/konto/logga-in/"]
)
def test_every_page_has_a_content_security_policy_and_a_permissions_policy(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
    assert "camera=()" in response["Permissions-Policy"]


def test_private_responses_are_never_cached(demo, coordinator_client):
    invoices_generate(year=2024, actor="test")
    number = Invoice.objects.first().number
    person = ContactPerson.objects.first()
    for url in (
        "/kansli/",
        "/kansli/fakturor/?ar=2024",
        f"/kansli/fakturor/{number}.pdf",
        f"/kansli/kontaktpersoner/{person.pk}/export/",
        "/admin/",
    ):
        response = coordinator_client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url


def test_api_answers_for_a_token_are_never_cached(demo, api_client):
    invoices_generate(year=2024, actor="test")
    number = Invoice.objects.first().number
    for url in ("/api/v1/invoices?year=2024", f"/api/v1/invoices/{number}.pdf"):
        response = api_client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"


def test_public_pages_for_anonymous_visitors_may_be_cached(client, db):
    assert "no-store" not in client.get("/medlemmar/").get("Cache-Control", "")
