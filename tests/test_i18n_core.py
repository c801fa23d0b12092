"""Issue 11 for the core: the error and status texts of storage, domain, passphrase, import
and services follow the interface language (catalogue vp_desktop_core), while stored texts
stay Dutch. Every test provokes the real failure (real SQLCipher files, real import bytes)."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from test_i18n_ui import dutch_words

from vp_desktop import i18n
from vp_desktop.domain.model import Case, FollowUp
from vp_desktop.domain.validation import (
    NO_CATEGORY,
    NO_ORGANISATION,
    ValidationError,
    entered_case_problems,
    follow_up_problems,
)
from vp_desktop.passphrase import RULE, TOO_SHORT, assess_passphrase, new_passphrase_problem
from vp_desktop.services import selftest
from vp_desktop.services.errors import OutputRefused, ServiceError, user_message
from vp_desktop.services.importing import ImportRefused, import_cases
from vp_desktop.services.outputs import guard_output_path
from vp_desktop.services.retention import confirmation_question
from vp_desktop.storage import errors
from vp_desktop.storage.journal import Journal

from conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[1]
CORE_PO = ROOT / "resources" / "locale" / "en" / "LC_MESSAGES" / "vp_desktop_core.po"
CORE_SOURCES = [
    "vp_desktop/domain/validation.py", "vp_desktop/passphrase.py",
    "vp_desktop/interchange/import_json.py", "vp_desktop/storage/errors.py",
    "vp_desktop/storage/vault.py", "vp_desktop/storage/journal.py",
    "vp_desktop/storage/backup.py", "vp_desktop/storage/transfer.py",
    "vp_desktop/storage/location_guard.py", "vp_desktop/services/errors.py",
    "vp_desktop/services/backups.py", "vp_desktop/services/handover.py",
    "vp_desktop/services/importing.py", "vp_desktop/services/names.py",
    "vp_desktop/services/retention.py", "vp_desktop/services/outputs.py",
    "vp_desktop/services/selftest.py",
]


def english(text: str) -> str:
    """``text`` is non-empty and has no common Dutch word; returned for further asserts."""
    assert text.strip()
    assert not dutch_words(text), (dutch_words(text), text)
    return text


@pytest.fixture
def journal_path(tmp_path):
    path = tmp_path / "journaal.vpj"
    Journal.create(path, PASSPHRASE, organisations=["Gemeente Test"]).close()
    return path


def test_wrong_passphrase_on_a_real_journal(journal_path):
    i18n.set_language("en")
    with pytest.raises(errors.WrongPassphrase) as caught:
        Journal.open(journal_path, "niet het goede wachtwoord")
    text = english(user_message(caught.value))
    assert text.startswith("The passphrase is wrong") and caught.value.exit_code == 3


def test_the_dutch_text_is_unchanged_when_dutch(journal_path):
    with pytest.raises(errors.WrongPassphrase) as caught:
        Journal.open(journal_path, "niet het goede wachtwoord")
    assert user_message(caught.value) == (
        "Het wachtwoord klopt niet, of dit bestand is geen VP-journaal. Er is niets veranderd.")
    assert NO_ORGANISATION == "Kies een organisatie."
    assert TOO_SHORT == "Gebruik minstens 10 tekens."


@pytest.mark.parametrize("content", [b"x" * 10, b"SQLite format 3\x00" + b"\x00" * 4096,
                                     bytes(range(256)) * 64])
def test_a_damaged_or_foreign_file(tmp_path, content):
    path = tmp_path / "kapot.vpj"
    path.write_bytes(content)
    i18n.set_language("en")
    with pytest.raises(errors.StorageError) as caught:
        Journal.open(path, PASSPHRASE)
    text = english(user_message(caught.value))
    assert "journal" in text


def test_a_missing_journal_names_the_path_in_english(tmp_path):
    i18n.set_language("en")
    with pytest.raises(errors.JournalNotFound) as caught:
        Journal.open(tmp_path / "nergens.vpj", PASSPHRASE)
    assert english(caught.value.message).startswith("There is no journal at ")


def test_an_invalid_import_lists_every_problem_in_english(journal_path):
    raw = json.dumps({
        "format": "vp-desktop-import", "version": 1,
        "cases": [
            {"organisation": "", "code": "2025-1", "opened": "gisteren", "status": "half",
             "categorie": ["pesten"], "persons": [{"role": "getuige"}]},
            "geen object",
        ],
    }).encode()
    i18n.set_language("en")
    with Journal.open(journal_path, PASSPHRASE) as journal:
        with pytest.raises(ImportRefused) as caught:
            import_cases(journal, raw)
        assert journal.case_summaries() == []
    english(caught.value.message)
    assert caught.value.message.startswith("Nothing imported: ")
    assert len(caught.value.details) >= 5
    for line in caught.value.details:
        english(line.replace("'getuige'", "").replace("'half'", ""))
    joined = "\n".join(caught.value.details)
    assert "field 'opened': not a valid date (expected YYYY-MM-DD)." in joined
    assert "did you mean 'categories'?" in joined
    assert "expected an object, but found text." in joined


def test_a_file_that_is_not_json(journal_path):
    i18n.set_language("en")
    with Journal.open(journal_path, PASSPHRASE) as journal, \
            pytest.raises(ImportRefused) as caught:
        import_cases(journal, b"\xff\xfe niet eens tekst")
    assert "not UTF-8 text" in english(" ".join(caught.value.details))


def test_a_refused_output_path(journal_path, tmp_path):
    i18n.set_language("en")
    with pytest.raises(OutputRefused) as caught:
        guard_output_path(journal_path, kind="pdf", journal_path=journal_path)
    assert english(caught.value.message).startswith("Not writing there: a journal file")
    with pytest.raises(OutputRefused) as caught:
        guard_output_path(tmp_path / "geen-map" / "x.pdf", kind="pdf", journal_path=None)
    assert english(caught.value.message) == "The folder of the output file does not exist."
    with pytest.raises(OutputRefused) as caught:
        guard_output_path(tmp_path, kind="pdf", journal_path=None)
    english(caught.value.message)


def test_passphrase_verdicts_and_hints(monkeypatch):
    i18n.set_language("en")
    empty = assess_passphrase("")
    assert english(empty.text) == "At least 10 characters, not a well-known or easily guessed passphrase."
    short = assess_passphrase("kort")
    assert english(short.text).startswith("Too short. Use at least 10 characters.")
    assert english(new_passphrase_problem("Wachtwoord2026!")) == (
        "This passphrase is well known or very easy to guess and cannot be used.")
    assert english(new_passphrase_problem("")) == "Choose a passphrase."
    strong = assess_passphrase(PASSPHRASE + " lamp")
    assert strong.label in ("Strong", "Very strong") and english(strong.text)
    i18n.set_language("nl")
    assert assess_passphrase("").text == RULE


def test_validation_problems_in_english():
    i18n.set_language("en")
    case = Case(code="25-1", organisation_id=None, opened=date(2025, 3, 1), status="gesloten",
                closed=date(2025, 2, 1), categories=("pesten", "pesten", "onzin"))
    problems = entered_case_problems(case)
    assert problems[0] == "Choose an organisation." and NO_CATEGORY not in problems
    for problem in problems:
        english(problem.replace("'onzin'", "").replace("'25-1'", ""))
    assert "Case code '25-1' is not in the form YYYY-NNN." in problems
    with pytest.raises(ValidationError) as caught:
        from vp_desktop.domain.validation import require
        require(follow_up_problems(FollowUp(what=" ", due=None)))  # type: ignore[arg-type]
    assert english(str(caught.value)).startswith("Describe the follow-up.")


def test_counts_use_plural_forms():
    i18n.set_language("en")
    assert confirmation_question(1).startswith("Destroy 1 case? ")
    assert confirmation_question(3, entirely=True).startswith("Delete 3 cases completely")
    i18n.set_language("nl")
    assert confirmation_question(1).startswith("1 dossier vernietigen? ")


def test_service_errors_and_os_reasons():
    i18n.set_language("en")
    assert english(user_message(PermissionError(13, "x"))) == (
        "The file cannot be read or written (access denied).")
    assert english(user_message(KeyError("geheime naam"))) == (
        "Something unexpected went wrong (KeyError); nothing was half saved.")
    assert english(user_message(ServiceError(i18n._("Kies de dossiers die u wilt "
                                                     "overdragen."))))


def test_the_selftest_speaks_english(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    i18n.set_language("en")
    results = selftest.run_selftest()
    assert all(r.ok for r in results), [r.line for r in results]
    for result in results:
        english(result.line.replace("DejaVuSans", ""))
    assert any(r.line.startswith("OK   Journal made") for r in results)
    assert any("256,000 iterations" in r.text for r in results)
    assert english(selftest.summary(results)) == (
        f"Self-test passed: all {len(results)} checks in order.")


def test_every_marked_text_of_the_core_is_in_some_catalogue():
    """Like tests/test_i18n.py for the cli, for the core's sources: every marked text is
    translated in vp_desktop_core.po or in another English catalogue."""
    known: set[str] = set()
    for po in CORE_PO.parent.glob("vp_desktop_*.po"):
        with po.open("rb") as fh:
            for message in read_po(fh, locale="en"):
                if message.id and not message.fuzzy:
                    known.add(message.id if isinstance(message.id, str) else message.id[0])
    missing = []
    for source in CORE_SOURCES:
        for _line, message, _c, _ctx in extract_from_file(
                "python", ROOT / source, keywords={"_": None, "N_": None,
                                                   "ngettext": (1, 2)}):
            key = message if isinstance(message, str) else message[0]
            if key not in known:
                missing.append(f"{source}: {key!r}")
    assert not missing, "\n".join(missing)
