"""Settings fail loudly when unsafe; the Swedish catalogue is complete and compiled."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "sv" / "LC_MESSAGES" / "django.po"


def _start(**env):
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "hcs.settings", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _start()
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_malformed_boolean_setting_is_an_error_not_a_guess():
    result = _start(SECRET_KEY="x", DEBUG="perhaps")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_local_development_starts_without_configuration():
    assert _start(DEBUG="1").returncode == 0


def _entries():
    text = PO.read_text(encoding="utf-8")
    blocks = text.split("\n\n")[1:]  # the first block is the header
    return blocks


def test_every_swedish_entry_is_translated_and_none_is_fuzzy():
    for block in _entries():
        assert "#, fuzzy" not in block, block
        assert not re.search(r'msgstr(\[\d\])? ""\n?$', block.strip() + "\n"), block


def test_the_compiled_catalogue_matches_the_source():
    msgid = re.compile(r'^msgid "(.+)"\nmsgstr "(.+)"$', re.M)
    context = re.compile(r'^msgctxt "(.+)"$', re.M)
    pairs = [
        (c.group(1) if (c := context.search(block)) else None, *m.groups())
        for block in _entries()
        if (m := msgid.search(block))
    ]
    assert len(pairs) > 100

    def text(escaped: str) -> str:
        return escaped.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")

    with translation.override("sv"):
        for ctx, source, swedish in pairs:
            if ctx is None:
                assert translation.gettext(text(source)) == text(swedish), source
            else:
                assert translation.pgettext(ctx, text(source)) == text(swedish), source


def test_the_wsgi_application_loads():
    code = "from hcs.wsgi import application; print(callable(application))"
    clean = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "SECRET_KEY": "x", "DEBUG": "0"},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "True", result.stderr
