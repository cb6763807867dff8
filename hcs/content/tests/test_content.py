"""The secretariat writes the site's texts: drafts the public does not see, publishing, the
history with restore, images and PDFs; and what no text can do to a visitor."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hcs.audit.models import AuditEntry
from hcs.content.markdown import plain, render
from hcs.content.models import Attachment, Entry, Revision
from hcs.content.services import (
    attachment_add,
    entry_create,
    entry_publish,
    entry_save,
    entry_unpublish,
    revision_restore,
)

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def _words(title="Årskonferensen 2024", body="Konferensen hölls i **Norrköping**.", **more):
    return {"title_sv": title, "body_sv": body, **more}


def _news(coordinator, publish=False, **more):
    return entry_create(
        kind=Entry.Kind.NEWS,
        slug=more.pop("slug", "arskonferens-2024"),
        dated=more.pop("dated", __import__("datetime").date(2024, 3, 15)),
        texts=_words(**more),
        actor=coordinator,
        publish=publish,
    )


def test_markdown_keeps_the_text_and_drops_anything_unsafe():
    html = render(
        "## Rubrik\n\n<script>alert(1)</script>\n\n"
        "[klicka](javascript:alert(1)) [medlemmar](/medlemmar/) "
        '<img src=x onerror="alert(1)"> ![extern](https://example.com/spår.png) '
        "![egen](/filer/1/bild.png)\n\n| a | b |\n|:-|-:|\n| 1 | 2 |"
    )
    assert "<h2>Rubrik</h2>" in html
    # Raw HTML is shown as text, never as an element; a javascript: link is no link.
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html and 'href="javascript' not in html
    assert '<a href="/medlemmar/" rel="noopener noreferrer">medlemmar</a>' in html
    assert "example.com" not in html  # no request to a third party from any page
    assert '<img src="/filer/1/bild.png" alt="egen">' in html
    assert "<table>" in html and "style=" not in html  # the CSP refuses style attributes
    assert plain("## Hej\n\nDet här är *viktigt*.") == "Hej Det här är viktigt."


def test_a_draft_is_not_seen_until_it_is_published(coordinator):
    entry = _news(coordinator)
    public = Client()
    assert public.get("/aktuellt/arskonferens-2024/").status_code == 404
    entry_publish(entry=entry, revision=entry.revisions.get(), actor=coordinator)
    page = public.get("/aktuellt/arskonferens-2024/")
    assert page.status_code == 200 and "<strong>Norrköping</strong>" in page.content.decode()

    entry_save(entry=entry, texts=_words(body="Ett utkast om Linköping."), actor=coordinator)
    text = public.get("/aktuellt/arskonferens-2024/").content.decode()
    assert "Norrköping" in text and "Linköping" not in text  # the draft stays unseen

    entry_save(
        entry=entry, texts=_words(body="Ett utkast om Linköping."), actor=coordinator, publish=True
    )
    text = public.get("/aktuellt/arskonferens-2024/").content.decode()
    assert "Linköping" in text
    assert Revision.objects.filter(entry=entry).count() == 2  # publishing the same words adds none

    entry_unpublish(entry=entry, actor=coordinator)
    assert public.get("/aktuellt/arskonferens-2024/").status_code == 404
    assert (
        AuditEntry.objects.filter(object_id=str(entry.pk), content_type__model="entry").count() == 5
    )


def test_the_history_restores_an_earlier_version_as_a_draft(coordinator):
    entry = _news(coordinator, publish=True)
    first = entry.revisions.get()
    entry_save(entry=entry, texts=_words(body="Fel text."), actor=coordinator, publish=True)
    restored = revision_restore(revision=first, actor=coordinator)
    entry.refresh_from_db()
    assert restored.body_sv == first.body_sv and restored.pk != first.pk
    assert entry.live.body_sv == "Fel text."  # a restore is a draft until published
    entry_publish(entry=entry, revision=restored, actor=coordinator)
    entry.refresh_from_db()
    assert entry.live == restored
    with pytest.raises(ValidationError):
        entry_publish(entry=entry, revision=restored, actor=coordinator)


def test_saving_nothing_new_is_refused(coordinator):
    entry = _news(coordinator)
    with pytest.raises(ValidationError) as refused:
        entry_save(entry=entry, texts=_words(), actor=coordinator)
    assert refused.value.code == "unchanged"
    assert entry.revisions.count() == 1


def test_bad_input_stores_nothing_and_names_every_problem(coordinator):
    before = (Entry.objects.count(), Revision.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as refused:
        entry_create(
            kind=Entry.Kind.PUBLICATION,
            slug="Inte en adress!",
            texts={"title_sv": "", "body_sv": "x" * 60_001, "summary_sv": "rad\x00"},
            actor=coordinator,
        )
    assert set(refused.value.message_dict) == {
        "slug",
        "category",
        "dated",
        "title_sv",
        "body_sv",
        "summary_sv",
    }
    assert (Entry.objects.count(), Revision.objects.count(), AuditEntry.objects.count()) == before


def test_two_texts_of_a_kind_cannot_share_an_address(coordinator):
    _news(coordinator)
    with pytest.raises(ValidationError) as refused:
        _news(coordinator, title="En annan")
    assert "slug" in refused.value.message_dict
    assert Entry.objects.count() == 1


def test_an_attachment_is_an_image_or_a_pdf_judged_by_its_content(coordinator):
    entry = _news(coordinator)
    before = Attachment.objects.count()
    for name, content in (
        ("bild.png", b"inte en bild"),
        ("ritning.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
    ):
        with pytest.raises(ValidationError):
            attachment_add(
                entry=entry,
                upload=SimpleUploadedFile(name, content),
                description="En bild",
                actor=coordinator,
            )
    with pytest.raises(ValidationError):  # an image needs words for those who cannot see it
        attachment_add(
            entry=entry, upload=SimpleUploadedFile("a.png", PNG), description="", actor=coordinator
        )
    assert Attachment.objects.count() == before

    image = attachment_add(
        entry=entry,
        upload=SimpleUploadedFile("Konferens bild.PNG", PNG),
        description="Deltagare i Norrköping",
        actor=coordinator,
    )
    assert image.kind == "image" and image.name == "konferens-bild.png"
    url = f"/filer/{image.pk}/{image.name}"
    assert Client().get(url).status_code == 404  # the entry is a draft
    staff = Client()
    staff.force_login(coordinator)
    assert staff.get(url).status_code == 200
    entry_publish(entry=entry, revision=entry.revisions.get(), actor=coordinator)
    shown = Client().get(url)
    assert shown.status_code == 200 and shown["Content-Type"] == "image/png"
    assert b"".join(shown.streaming_content) == PNG


def test_the_secretariat_edits_with_a_preview_and_publishes(coordinator_client):
    page = coordinator_client.get("/kansli/innehall/ny/news/")
    assert page.status_code == 200
    answer = coordinator_client.post(
        "/kansli/innehall/ny/news/",
        {
            "slug": "hostmote-2024",
            "dated": "2024-10-22",
            "title_sv": "Höstmöte i Stockholm",
            "body_sv": "Temat var *För en jämlik hälsa i framtiden*.",
            "action": "draft",
        },
    )
    entry = Entry.objects.get(slug="hostmote-2024")
    assert answer.status_code == 302 and entry.live is None
    preview = coordinator_client.post(
        "/kansli/innehall/forhandsvisning/",
        {"body_sv": "**fet** <script>x</script>", "body_en": ""},
    )
    assert "<strong>fet</strong>" in preview.content.decode()
    assert "<script>" not in preview.content.decode()
    coordinator_client.post(
        f"/kansli/innehall/{entry.pk}/",
        {
            "dated": "2024-10-22",
            "title_sv": "Höstmöte i Stockholm",
            "body_sv": "Temat var *För en jämlik hälsa i framtiden*.",
            "action": "publish",
        },
    )
    entry.refresh_from_db()
    assert entry.live is not None
    assert "Höstmöte i Stockholm" in Client().get("/aktuellt/").content.decode()
    history = coordinator_client.get(f"/kansli/innehall/{entry.pk}/historik/")
    assert history.status_code == 200 and "kansli" in history.content.decode()


def test_the_editor_shows_each_problem_at_its_field(coordinator_client):
    answer = coordinator_client.post(
        "/kansli/innehall/ny/publication/",
        {"slug": "x", "title_sv": "", "action": "publish"},
    )
    assert answer.status_code == 400
    assert Entry.objects.count() == 0


def test_staff_without_the_right_cannot_edit(staff_without_rights):
    client = Client()
    client.force_login(staff_without_rights)
    assert client.get("/kansli/innehall/").status_code == 403
    assert client.post("/kansli/innehall/ny/news/", {"title_sv": "x"}).status_code == 403
    assert Entry.objects.count() == 0


def test_the_news_feed_is_atom_with_the_published_news(coordinator):
    _news(coordinator, publish=True)
    _news(coordinator, slug="utkast", title="Ett utkast")
    feed = Client().get("/aktuellt/atom.xml")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    from xml.etree import ElementTree

    root = ElementTree.parse(io.BytesIO(feed.content)).getroot()
    titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Årskonferensen 2024" in titles and "Ett utkast" not in titles
