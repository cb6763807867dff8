"""Reference data: all municipalities and regions, loaded idempotently; new population years."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from hcs.audit.models import AuditEntry
from hcs.organisations.models import Organisation, Population
from hcs.organisations.queries import known_codes
from hcs.organisations.reference import (
    MUNICIPALITIES_FILE,
    REGIONS_FILE,
    ReferenceFileError,
    parse_population_file,
    parse_reference_files,
)
from hcs.organisations.services import population_import, reference_data_load

pytestmark = pytest.mark.django_db


def _load(municipalities=None, regions=None):
    rows = parse_reference_files(
        municipalities or MUNICIPALITIES_FILE.read_text(encoding="utf-8"),
        regions or REGIONS_FILE.read_text(encoding="utf-8"),
    )
    return reference_data_load(rows=rows)


def _population(code, year):
    return Population.objects.get(organisation__code=code, year=year).population


def _state():
    return (
        list(Population.objects.order_by("pk").values_list("population", flat=True)),
        list(Organisation.objects.order_by("pk").values_list("name", "org_number")),
        AuditEntry.objects.count(),
    )


def test_all_290_municipalities_and_21_regions_are_loaded(db):
    report = _load()
    assert len(report.created) == 311
    assert Organisation.objects.filter(kind="municipality").count() == 290
    assert Organisation.objects.filter(kind="region").count() == 21
    assert Population.objects.count() == 311 * 3


def test_the_figures_are_scbs_on_31_december(db):
    _load()
    assert _population("1280", 2023) == 362133  # Malmö
    assert _population("0180", 2022) == 984748  # Stockholm, 2022 (not 2023: see SOURCES.md)
    assert _population("0180", 2023) == 988943
    assert _population("1470", 2023) == 16066  # Vara
    malmo = Organisation.objects.get(code="1280")
    assert (malmo.county_code, malmo.county_name, malmo.org_number) == (
        "12",
        "Skåne län",
        "212000-1124",
    )


def test_a_second_load_changes_nothing(db):
    _load()
    before = _state()
    report = _load()
    assert (report.created, report.updated, report.unchanged) == ([], [], 311)
    assert _state() == before


def test_a_changed_file_updates_exactly_the_figure_that_changed(db):
    _load()
    text = MUNICIPALITIES_FILE.read_text(encoding="utf-8").replace(
        "1280,Malmö,12,362133,", "1280,Malmö,12,362134,"
    )
    report = _load(municipalities=text)
    assert report.updated == ["1280"] and report.populations_written == 1
    assert _population("1280", 2023) == 362134
    entry = AuditEntry.objects.filter(action="update").get()
    assert entry.changes == {"population_2023": [362133, 362134]}


def test_the_coordinators_website_survives_a_reload(db):
    _load()
    Organisation.objects.filter(code="1280").update(website="https://malmo.se")
    _load()
    assert Organisation.objects.get(code="1280").website == "https://malmo.se"


def test_a_bad_reference_file_is_refused_naming_every_bad_row(db):
    text = MUNICIPALITIES_FILE.read_text(encoding="utf-8")
    text = text.replace("0114,Upplands Väsby,01,50110", "114,Upplands Väsby,01,50110")
    text = text.replace("1280,Malmö,12,362133", "1280,Malmö,12,many")
    with pytest.raises(ReferenceFileError) as refused:
        _load(municipalities=text)
    assert len(refused.value.problems) == 2
    assert "rad 2" in refused.value.problems[0]
    assert not Organisation.objects.exists()


def test_the_command_is_idempotent(db):
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    call_command("load_reference_data", stdout=out)
    assert "0 created, 0 updated, 311 unchanged" in out.getvalue()


def test_the_commands_dry_run_changes_nothing(db):
    call_command("load_reference_data", "--dry-run", stdout=io.StringIO())
    assert not Organisation.objects.exists()


# A new year's population figures.


@pytest.fixture
def loaded(db):
    _load()


def test_a_new_years_file_is_loaded_and_regions_are_summed(loaded):
    rows = ["code,population"] + [
        f"{code},{1000 + i}" for i, code in enumerate(sorted(known_codes())) if len(code) == 4
    ]
    figures = parse_population_file("\n".join(rows), known_codes=known_codes())
    report = population_import(year=2025, figures=figures, actor="test")
    assert len(report.created) == 311
    region = Organisation.objects.get(code="25")
    municipalities = Population.objects.filter(
        year=2025, organisation__kind="municipality", organisation__county_code="25"
    )
    assert _population("25", 2025) == sum(p.population for p in municipalities)
    assert region.populations.count() == 4


def test_a_population_file_with_bad_rows_is_refused_whole(loaded):
    text = "code,population\n1280,370000\n9999,10\n1281,-5\n1280,1\n0114,abc\n"
    with pytest.raises(ReferenceFileError) as refused:
        parse_population_file(text, known_codes=known_codes())
    problems = refused.value.problems
    assert len(problems) == 4
    assert [p.split(":")[0] for p in problems] == ["Rad 3", "Rad 4", "Rad 5", "Rad 6"]
    assert not Population.objects.filter(year=2025).exists()


def test_a_file_without_the_right_header_is_refused(loaded):
    with pytest.raises(ReferenceFileError):
        parse_population_file("kommun;folkmängd\n1280;1\n", known_codes=known_codes())


def test_the_load_population_command(loaded, tmp_path):
    path = tmp_path / "2025.csv"
    path.write_text("code,population\n1280,370000\n", encoding="utf-8")
    out = io.StringIO()
    call_command("load_population", "2025", str(path), stdout=out)
    assert _population("1280", 2025) == 370000
    path.write_text("code,population\n1280,x\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_population", "2025", str(path), stdout=out)
    assert _population("1280", 2025) == 370000


def test_the_secretariat_uploads_a_population_file(coordinator_client, loaded):
    upload = SimpleUploadedFile("2025.csv", b"code,population\n1280,370000\n1281,135000\n")
    response = coordinator_client.post(
        "/kansli/befolkning/", {"year": 2025, "file": upload, "source": "SCB"}, follow=True
    )
    assert response.status_code == 200
    assert _population("1281", 2025) == 135000
    assert "2025" in response.content.decode()


def test_an_upload_check_saves_nothing(coordinator_client, loaded):
    upload = SimpleUploadedFile("2025.csv", b"code,population\n1280,370000\n")
    response = coordinator_client.post(
        "/kansli/befolkning/", {"year": 2025, "file": upload, "source": "SCB", "dry_run": "on"}
    )
    assert response.status_code == 200
    assert not Population.objects.filter(year=2025).exists()


def test_a_bad_upload_shows_every_bad_row_in_swedish_and_saves_nothing(coordinator_client, loaded):
    upload = SimpleUploadedFile("2025.csv", b"code,population\n1280,370000\n9999,1\n1281,x\n")
    response = coordinator_client.post(
        "/kansli/befolkning/", {"year": 2025, "file": upload, "source": "SCB"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Rad 3" in page and "Rad 4" in page
    assert not Population.objects.filter(year=2025).exists()


@pytest.mark.parametrize("population", [b"4\xc2\xb2", b"99999999999999999999", b"-5", b"1e6"])
def test_a_population_that_is_not_a_plausible_number_is_refused(
    coordinator_client, loaded, population
):
    upload = SimpleUploadedFile("2025.csv", b"code,population\n1280," + population + b"\n")
    response = coordinator_client.post(
        "/kansli/befolkning/", {"year": 2025, "file": upload, "source": "SCB"}
    )
    assert response.status_code == 400
    assert "Rad 2" in response.content.decode()
    assert not Population.objects.filter(year=2025).exists()


def test_staff_without_the_right_cannot_upload(client, loaded, staff_without_rights):
    client.force_login(staff_without_rights)
    assert client.get("/kansli/befolkning/").status_code == 403
