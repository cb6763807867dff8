"""The board and the meetings in the secretariat's workspace, and the public board page."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hcs.events.models import Event
from hcs.governance.models import AnnualMeeting, BoardMeeting, BoardTerm

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_public_page_shows_the_board_on_a_day(demo_2024):
    page = Client().get("/styrelsen/?datum=2024-06-01").content.decode()
    assert "Fredrik Hansson" in page and "Håkan Eriksson" in page
    assert "Peter Romlén" not in page
    before = Client().get("/styrelsen/?datum=2024-03-01").content.decode()
    assert "Peter Romlén" in before and "Håkan Eriksson" not in before
    assert Client().get("/styrelsen/?datum=2024-02-30").status_code == 400


def test_a_board_meeting_is_an_event_for_the_board_with_numbered_decisions(
    demo_2024, coordinator_client
):
    response = coordinator_client.post(
        "/kansli/styrelsen/moten/nytt/",
        {
            "starts": "2025-02-10T13:00",
            "ends": "2025-02-10T15:00",
            "place": "Digitalt",
            "agenda": "1. Mötets öppnande\n2. Verksamhetsberättelse 2024",
        },
    )
    assert response.status_code == 302
    meeting = BoardMeeting.objects.get(date=date(2025, 2, 10))
    assert (meeting.event.kind, meeting.event.audience) == ("board_meeting", "board")
    url = response["Location"]
    for title in ("Mötets öppnande", "Verksamhetsberättelsen godkänns"):
        coordinator_client.post(url, {"form": "decision", "decision-title": title})
    assert [(d.number, d.title) for d in meeting.decisions.order_by("number")] == [
        (1, "Mötets öppnande"),
        (2, "Verksamhetsberättelsen godkänns"),
    ]
    coordinator_client.post(
        url,
        {
            "form": "meeting",
            "place": "Digitalt",
            "agenda": meeting.agenda,
            "minutes": "Protokoll fört av sekreteraren.",
            "minutes_document": SimpleUploadedFile("protokoll.pdf", PDF, "application/pdf"),
        },
    )
    meeting.refresh_from_db()
    assert meeting.minutes_document.name.endswith(".pdf")
    page = coordinator_client.get(url).content.decode()
    assert "§ 2 Verksamhetsberättelsen godkänns" in page
    # Not in the public calendar.
    assert "Styrelsemöte" not in Client().get("/kalender/").content.decode()


def test_the_annual_meeting_shows_attendance_per_member_and_the_elected(
    demo_2024, coordinator_client
):
    meeting = AnnualMeeting.objects.get(date=date(2024, 3, 14))
    page = coordinator_client.get(f"/kansli/styrelsen/arsmoten/{meeting.pk}/").content.decode()
    assert "Håkan Eriksson" in page  # elected at it
    assert "skickade minst en politiker och en tjänsteperson" in page
    response = coordinator_client.post(
        f"/kansli/styrelsen/arsmoten/{meeting.pk}/",
        {"form": "decision", "decision-kind": "election", "decision-title": "Val av revisor"},
    )
    assert response.status_code == 302
    assert meeting.decisions.order_by("-number").first().title == "Val av revisor"


def test_a_new_annual_meeting_goes_into_the_calendar_once(demo_2024, coordinator_client):
    data = {"starts": "2025-03-13T10:00", "ends": "2025-03-13T12:00", "place": "Malmö"}
    assert coordinator_client.post("/kansli/styrelsen/arsmoten/nytt/", data).status_code == 302
    event = AnnualMeeting.objects.get(date=date(2025, 3, 13)).event
    assert (event.kind, event.audience) == ("annual_meeting", "members")
    again = coordinator_client.post("/kansli/styrelsen/arsmoten/nytt/", data)
    assert again.status_code == 400
    assert Event.objects.filter(kind="annual_meeting", starts__date=date(2025, 3, 13)).count() == 1


def test_terms_are_recorded_and_ended(demo_2024, coordinator_client):
    organisation = BoardTerm.objects.first().organisation
    response = coordinator_client.post(
        "/kansli/styrelsen/",
        {
            "person_name": "Ny Ledamot",
            "role": "member",
            "party": "S",
            "organisation": organisation.pk,
            "start_date": "2025-03-13",
        },
    )
    assert response.status_code == 302
    term = BoardTerm.objects.get(person_name="Ny Ledamot")
    coordinator_client.post(
        f"/kansli/styrelsen/uppdrag/{term.pk}/avsluta/", {f"end-{term.pk}-end_date": "2026-03-12"}
    )
    term.refresh_from_db()
    assert term.end_date == date(2026, 3, 12)
    # A second chair at the same time is refused, and nothing is stored.
    refused = coordinator_client.post(
        "/kansli/styrelsen/",
        {
            "person_name": "Andra Ordföranden",
            "role": "chair",
            "party": "M",
            "organisation": organisation.pk,
            "start_date": "2024-06-01",
        },
    )
    assert refused.status_code == 400
    assert not BoardTerm.objects.filter(person_name="Andra Ordföranden").exists()


def test_the_demo_has_the_seven_board_meetings_in_the_calendar_with_decisions(demo_2024):
    meetings = BoardMeeting.objects.filter(date__year=2024).select_related("event")
    assert meetings.count() == 7
    for meeting in meetings:
        assert meeting.event.kind == "board_meeting" and meeting.event.audience == "board"
        assert meeting.event.date_precision == "month"  # the sources give no day
        assert meeting.decisions.count() >= 3


def test_the_demo_has_the_regional_webinars_as_one_series_of_six(demo_2024):
    from hcs.events.models import EventSeries

    series = EventSeries.objects.get(title__startswith="Regionala webbinarier")
    occasions = list(series.events.all())
    assert len(occasions) == 6
    assert sum(event.participant_count for event in occasions) == 75
