"""Search engines get the public pages and nothing of the back office or the member pages."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_the_public_pages_the_members_and_the_public_events(demo_2024):
    from hcs.events.models import Event

    answer = Client().get("/sitemap.xml")
    text = answer.content.decode()
    assert answer.status_code == 200 and answer["Content-Type"].startswith("application/xml")
    assert "/bli-medlem/</loc>" in text and "/medlemmar/1488/</loc>" in text
    assert "/medlemmar/0126/</loc>" in text  # Huddinge, a member until 2023
    board = Event.objects.filter(audience="board").first()
    assert f"/kalender/{board.pk}/</loc>" not in text
    assert "/kansli/" not in text and "/medlem/" not in text


def test_robots_keeps_crawlers_out_of_what_is_not_public_and_points_to_the_sitemap(settings):
    settings.SITE_URL = "https://medlem.healthycities.se"
    text = Client().get("/robots.txt").content.decode()
    for closed in ("/kansli/", "/medlem/", "/konto/", "/admin/", "/api/"):
        assert f"Disallow: {closed}\n" in text
    assert "Sitemap: https://medlem.healthycities.se/sitemap.xml" in text
