"""The case-list search finds people: the melder's name and contact data and the other
persons' names, accents and case folded, from the start of a word; the index lives inside the
encrypted journal and forgets destroyed cases. And the case list says what it searched when
nothing is found, or how to begin in a journal without cases."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from sqlcipher_pages import places_of

from vp_desktop.domain.model import InvolvedPerson, MelderIdentity
from vp_desktop.storage import schema, vault
from vp_desktop.storage.journal import Journal

from conftest import PASSPHRASE, make_case
from test_ui import CTRL, focus, open_window, press, type_text, unlock_with_keyboard

ALT = Qt.KeyboardModifier.AltModifier


def _people(journal):
    bregje = make_case(journal, melder=MelderIdentity(
        anonymous=False, name="Brégje Schuurmans", contact="06-1234 5678, b.schuurmans@mail.nl"))
    sean = make_case(journal, melder=MelderIdentity(anonymous=False, name="Seán O'Connor"),
                     persons=[InvolvedPerson(name="Jan-Willem Ter Horst", role="beschuldigde")])
    anonymous = make_case(journal, melder=MelderIdentity(anonymous=True,
                                                         contact_arrangement="belt zelf"),
                          persons=[InvolvedPerson(name="Ilse Brouwer", role="getuige"),
                                   InvolvedPerson(name="Karel Schuurman", role="getuige")])
    return bregje, sean, anonymous


def test_names_and_contact_data_are_found_folded_and_by_word_start(journal):
    bregje, sean, anonymous = _people(journal)
    find = journal.search_case_ids
    assert find("schuurmans") == {bregje.id}
    assert find("SCHUURMANS") == {bregje.id}
    assert find("bregje") == {bregje.id}  # accent folded
    assert find("Brégje Schuurmans") == {bregje.id}
    assert find("bre schuur") == {bregje.id}  # every word, each from its start
    assert find("Schuur") == {bregje.id, anonymous.id}  # start of a word, melder and person
    assert find("huurmans") == set()  # not from the middle of a word
    assert find("oconnor") == {sean.id}
    assert find("o'connor") == {sean.id}
    assert find("O’Connor") == {sean.id}
    assert find("sean") == {sean.id}
    assert find("janwillem") == {sean.id} and find("jan-willem") == {sean.id}
    assert find("ter horst") == {sean.id}
    assert find("brouwer") == {anonymous.id}  # another person
    assert find("0612345678") == {bregje.id}  # contact, punctuation left out
    assert find("06-1234") == {bregje.id}
    assert find("b.schuurmans@mail") == {bregje.id}
    assert find("bregje 0612") == {bregje.id}  # name and contact of one melder together
    assert find("bregje brouwer") == set()  # every word in one person's line
    # codes are matched by the case list itself; notes and summaries as before
    assert find("ideeen") == {bregje.id, sean.id, anonymous.id}
    assert find("petra") == {bregje.id}  # make_case's other person, kept there only


def test_the_index_follows_edits_of_names_and_persons(journal):
    bregje, sean, _anonymous = _people(journal)
    bregje.melder = MelderIdentity(anonymous=False, name="Bregje de Boer", contact="")
    journal.update_case(bregje)
    assert journal.search_case_ids("schuurmans") == set()
    assert journal.search_case_ids("0612345678") == set()
    assert journal.search_case_ids("de boer") == {bregje.id}
    sean.persons = [InvolvedPerson(name="Fatima el Amrani", role="beschuldigde")]
    journal.update_case(sean)
    assert journal.search_case_ids("ter horst") == set()
    assert journal.search_case_ids("amrani") == {sean.id}


def test_a_destroyed_case_is_no_longer_found_by_name_and_leaves_no_index_bytes(journal):
    closed = dict(opened=date(2024, 3, 1), status="gesloten", closed=date(2025, 1, 6),
                  destroy_after=date(2026, 1, 6), outcome="informele_oplossing")
    gone = make_case(journal, **closed, melder=MelderIdentity(
        anonymous=False, name="Zoeknaamkanarie Verhoeven", contact="zoekkanarie@voorbeeld.nl"),
        persons=[InvolvedPerson(name="Personkanarie Smit", role="getuige")])
    deleted = make_case(journal, melder=MelderIdentity(anonymous=False, name="Wiskanarie Bos"))
    stays = make_case(journal, melder=MelderIdentity(anonymous=False, name="Blijft Verhoeven"))
    assert journal.search_case_ids("verhoeven") == {gone.id, stays.id}
    canaries = ["Zoeknaamkanarie", "zoekkanarie", "Personkanarie", "Wiskanarie"]
    assert {c for c, _f, _p in places_of(journal.path, PASSPHRASE, canaries)} == set(canaries)
    journal.destroy_cases([gone.id])
    journal.destroy_cases([deleted.id], entirely=True)
    for word in ("zoeknaamkanarie", "verhoeven", "zoekkanarie", "personkanarie", "smit",
                 "wiskanarie"):
        assert journal.search_case_ids(word) <= {stays.id}, word
    assert journal.search_case_ids("verhoeven") == {stays.id}
    # not in any page of the file, also not as the index keeps its words (lower case, the
    # start shared with the word before it)
    assert places_of(journal.path, PASSPHRASE, ["kanarie", "Kanarie"]) == []
    assert journal.verify().ok


def test_a_version_4_journal_gets_its_names_indexed_when_opened(tmp_path, monkeypatch):
    path = tmp_path / "oud.vpj"
    version = schema.MIGRATIONS.index(schema._V_SEARCH)
    with monkeypatch.context() as m:
        m.setattr(vault, "MIGRATIONS", schema.MIGRATIONS[:version])
        m.setattr(vault, "LATEST_VERSION", version)
        with Journal.create(path, PASSPHRASE, organisations=["Gemeente Oud"]) as old:
            case = make_case(old, melder=MelderIdentity(anonymous=False, name="Brégje Smit"))
    with Journal.open(path, PASSPHRASE) as journal:
        assert journal.vault.schema_version == schema.LATEST_VERSION
        assert journal.search_case_ids("bregje") == {case.id}
        assert journal.search_case_ids("petra") == {case.id}  # make_case's other person
        assert journal.verify().ok


def test_name_search_with_fts_syntax_never_raises(journal):
    make_case(journal)
    every = {c.id for c in journal.case_summaries()}
    for query in ('"', "*", "NEAR(", "name:x", "contact:06", "^", "-", "o'", "'", "🙂", "a OR"):
        assert journal.search_case_ids(query) <= every, query


# --- the case list on the real main window ------------------------------------------------

def _window(qtbot, journal, journal_path):
    journal.close()
    window, _session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() == len(window.case_list.model.ids))
    window.tabs.setCurrentIndex(0)
    return window


def _shown_codes(panel) -> set[str]:
    return {panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())}


def test_typing_a_name_in_the_case_list_finds_the_case(qtbot, journal, journal_path):
    bregje, sean, anonymous = _people(journal)
    window = _window(qtbot, journal, journal_path)
    panel = window.case_list
    assert panel.model.rowCount() == 3
    press(Qt.Key.Key_F, CTRL)
    assert focus() is panel.filter_box
    type_text("Schuur")
    assert _shown_codes(panel) == {bregje.code, anonymous.code}
    type_text("mans")
    assert _shown_codes(panel) == {bregje.code}
    assert panel.count_label.text() == "1 van 3 dossiers"
    panel.filter_box.clear()
    type_text("oconnor")
    assert _shown_codes(panel) == {sean.code}
    panel.filter_box.clear()
    type_text("0612345678")
    assert _shown_codes(panel) == {bregje.code}
    panel.filter_box.clear()
    type_text("categorieen ongewenst")  # nothing: no such text, accents or not
    assert panel.proxy.rowCount() == 0
    panel.filter_box.clear()
    assert panel.list_area.currentWidget() is panel.view
    assert panel.count_label.text() == "3 dossiers"


def test_nothing_found_says_what_was_searched_and_clears_by_keyboard(qtbot, journal,
                                                                    journal_path):
    first = make_case(journal, melder=MelderIdentity(anonymous=False, name="Bregje Smit"))
    make_case(journal)
    window = _window(qtbot, journal, journal_path)
    panel = window.case_list
    panel.status.setCurrentIndex(panel.status.findData("open"))
    panel.year.setCurrentIndex(panel.year.findData(2026))
    assert panel.list_area.currentWidget() is panel.view  # both cases pass these
    panel.filter_box.setFocus()
    type_text("Schuurmans")
    assert panel.list_area.currentWidget() is panel.empty_page
    assert panel.empty_text.text().startswith(
        "Geen dossiers gevonden voor ‘Schuurmans’ in status Open, jaar 2026.")
    assert panel.clear_filters_button.isVisibleTo(window)
    assert focus() is panel.filter_box  # typing goes on where it was
    press(Qt.Key.Key_F, ALT)  # &Filters wissen (a button clicks a moment after its key)
    qtbot.waitUntil(lambda: panel.filter_box.text() == "")
    assert [c.currentData() for c in (panel.status, panel.organisation, panel.year)] == [
        None, None, None]
    assert panel.list_area.currentWidget() is panel.view
    assert panel.proxy.rowCount() == 2 and panel.count_label.text() == "2 dossiers"
    assert focus() is panel.view
    panel.status.setCurrentIndex(panel.status.findData("gesloten"))  # none is closed
    assert focus() is panel.clear_filters_button  # the keyboard is not lost in a hidden list
    press(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: panel.status.currentData() is None)
    assert focus() is panel.view and panel.proxy.rowCount() == 2

    # an organisation filter alone is named too, and the button clears it
    organisation = panel.organisation.itemText(1)
    panel.organisation.setCurrentIndex(1)
    panel.filter_box.setText("bregje")
    assert _shown_codes(panel) == {first.code}
    panel.filter_box.setText("bregje zeppelin")
    assert panel.empty_text.text().startswith(
        f"Geen dossiers gevonden voor ‘bregje zeppelin’ in organisatie {organisation}.")
    panel.clear_filters_button.click()
    assert panel.organisation.currentData() is None and panel.proxy.rowCount() == 2


def test_a_journal_without_cases_says_how_to_begin(qtbot, journal, journal_path):
    window = _window(qtbot, journal, journal_path)
    panel = window.case_list
    assert panel.model.rowCount() == 0
    assert panel.list_area.currentWidget() is panel.empty_page
    text = panel.empty_text.text()
    assert text.startswith("Nog geen dossiers")
    assert not panel.clear_filters_button.isVisibleTo(window)
    # the hint names the menu and the shortcuts the window really has
    for action in (window.act_new_case, window.act_log):
        label = action.text().replace("&", "").rstrip("…")
        shortcut = action.shortcut().toString()
        assert f"Dossier › {label} ({shortcut})" in text, (label, shortcut)


def test_a_journal_without_organisation_says_to_add_one_first(qtbot, tmp_path):
    from vp_desktop.storage.journal import Journal

    path = tmp_path / "kaal.vpj"
    Journal.create(path, PASSPHRASE).close()  # as `vp-desktop init` makes it
    journal = Journal.open(path, PASSPHRASE)
    window = _window(qtbot, journal, path)
    text = window.case_list.empty_text.text()
    settings = window.act_settings
    assert "nog geen organisatie" in text
    assert (f"Journaal › {settings.text().replace('&', '').rstrip('…')} "
            f"({settings.shortcut().toString()})") in text
