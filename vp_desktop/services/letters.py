"""Letters and case reports: the only way a letter or a dossieroverzicht leaves the journal.

The window and the command line call these; neither repeats a gate. A letter is printed or
saved only when

* the name check (:mod:`.names`, the one engine, over every name in the journal) finds no name
  or contact data — except the melder's own, when the case records consent and the VP asked
  for a letter with identity; the melder's consent never covers anyone else;
* every "mogelijk een naam" (a capitalised word after a title) was acknowledged, one by one;
* no "[Vul hier …]" spot of the template is left;

and then the activity-log line is written before the file appears or the printer gets the
pages (:mod:`.outputs`). Every failure is a fixed sentence (:mod:`.errors`), in the interface
language (``_()`` at raise time); the activity-log lines stay Dutch (they are stored).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..domain.model import KeptLetter
from ..dutch import plural, short_date
from ..i18n import DOCUMENT_LANGUAGES, N_, _
from ..letters.case_report import build_case_report
from ..letters.compose import (
    PARTS,
    CaseMaterial,
    LetterDraft,
    LetterError,
    available_templates,
    default_address,
    find_template,
    letter_document,
    recipient_label,
    unfinished,
)
from ..letters.name_check import NameHit
from ..letters.templates import LetterTemplate, TemplateError
from ..storage.errors import RecordNotFound
from .errors import OutputRefused, ServiceError
from .names import (
    CONTACT,
    POSSIBLE,
    NameUniverse,
    acknowledgement_keys,
    describe_hits,
    inzage_redactor,
    is_melders_own,
    keys_by_number,
    letter_redactor,
)
from .outputs import LogLine, publish_file, publish_print

# Marked only: translate with _() where shown.
PART_LABELS = {"recipient": N_("adres"), "subject": N_("onderwerp"), "body": N_("tekst")}
MAX_CODE_ECHO = 20


def case_id_for_code(journal, code: str) -> int:
    code = code.strip()
    case_id = journal.case_id_for_code(code)
    if case_id is None:
        raise RecordNotFound(_("Dossier {code} bestaat niet in dit journaal.").format(
            code=code[:MAX_CODE_ECHO]))
    return case_id


def read_material(journal, case_id: int) -> CaseMaterial:
    """Everything of one case a letter or report is made from, read once."""
    case = journal.get_case(case_id)
    organisation = next((o.name for o in journal.organisations()
                         if o.id == case.organisation_id), "")
    return CaseMaterial(case, organisation, journal.profile(), journal.consultations(case_id),
                        journal.follow_ups(case_id))


def _template_failure(exc: TemplateError) -> ServiceError:
    # TemplateError texts come from the template's source (line, placeholder), never from
    # the case: render errors carry only the exception's class name.
    return ServiceError(_("Het sjabloon kan niet worden gebruikt. {reason}").format(
        reason=exc.message))


# --- letters ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LetterCheck:
    """The name check of a letter's final text, per part, and the rule that applies to it."""

    hits: dict[str, tuple[NameHit, ...]] = field(default_factory=dict)
    identity_allowed: bool = False  # consent recorded, melder named, and asked for this letter
    melder_contact: str = ""
    unfinished: str = ""
    texts: dict[str, str] = field(default_factory=dict)  # the checked text per part

    @property
    def all_hits(self) -> list[tuple[str, NameHit]]:
        return [(part, hit) for part in PARTS for hit in self.hits.get(part, ())]

    def allowed(self, part: str, hit: NameHit) -> bool:
        """A hit that may stay without acknowledgement: the melder's own name or contact data
        under consent; in the address block, contact data of nobody recorded (the
        recipient's own address, phone or e-mail)."""
        if hit.kind == POSSIBLE:
            return False
        if self.identity_allowed and is_melders_own(hit, self.melder_contact):
            return True
        return part == "recipient" and hit.kind == CONTACT and not hit.role

    @property
    def possible_keys(self) -> list[str]:
        return acknowledgement_keys(h for _part, h in self.all_hits)

    def blocking(self, acknowledged: Collection[str] = ()) -> list[tuple[str, NameHit]]:
        return [(part, hit) for part, hit in self.all_hits
                if not self.allowed(part, hit)
                and not (hit.kind == POSSIBLE and hit.key in acknowledged)]

    def refusal(self, acknowledged: Collection[str] = ()) -> OutputRefused | None:
        """Why the letter may not leave yet (no text of the letter in it), or None."""
        blocking = self.blocking(acknowledged)
        if blocking:
            by_part = [(_(PART_LABELS[p]), self.texts.get(p, ""),
                        [h for q, h in blocking if q == p]) for p in PARTS]
            names = [h for _p, h in blocking if h.kind != POSSIBLE]
            message = (
                _("De brief bevat namen of contactgegevens uit het journaal; niets afgedrukt "
                  "of opgeslagen. Alleen de naam van de melder mag erin, met 'met namen' en "
                  "vastgelegde toestemming.") if names else
                _("De brief bevat woorden die een naam kunnen zijn; bevestig ze een voor een "
                  "of haal ze weg. Niets afgedrukt of opgeslagen."))
            return OutputRefused(message, describe_hits(by_part, self.possible_keys))
        if self.unfinished:
            return OutputRefused(_("Het sjabloon laat een plek open ('[Vul hier …]'); maak "
                                   "de brief eerst af. Niets afgedrukt of opgeslagen."))
        return None


class LetterMaker:
    """One letter about one case: the case, the templates and the name universe, read once."""

    def __init__(self, journal, case_id: int, today: date | None = None):
        self.today = today or date.today()
        self.material = read_material(journal, case_id)
        self.templates: list[LetterTemplate] = available_templates(journal.custom_templates())
        self.universe = NameUniverse.of_journal(journal, self.material.case)

    @property
    def case(self):
        return self.material.case

    def template(self, template_id: str) -> LetterTemplate:
        try:
            return find_template(self.templates, template_id)
        except LetterError:
            known = ", ".join(t.id for t in self.templates)
            raise ServiceError(_("Dat sjabloon bestaat niet. Beschikbaar: {known}.").format(
                known=known)) from None

    def identity_possible(self, with_identity: bool) -> bool:
        case = self.case
        return bool(with_identity and case.consent_given and not case.melder.anonymous
                    and case.melder.name.strip())

    def redactor(self, with_identity: bool) -> Callable[[str], str]:
        """Free text that flows into a letter (see :func:`.names.letter_redactor`)."""
        return letter_redactor(self.universe, melder_contact=self.case.melder.contact,
                               identity=self.identity_possible(with_identity))

    def start(self, journal, template_id: str, with_identity: bool = False) -> LetterDraft:
        """The template filled from the case: an editable draft, anonymous by default."""
        template = self.template(template_id)
        if with_identity and not self.case.consent_given:
            raise OutputRefused(_("De melder heeft (volgens het dossier) geen toestemming "
                                  "gegeven; de brief blijft anoniem. Leg eerst de toestemming "
                                  "met datum vast."))
        address = default_address(template, journal.address(template.recipient))
        try:
            return self.material.start_letter(template, address, self.today,
                                              self.redactor(with_identity), with_identity)
        except TemplateError as exc:
            raise _template_failure(exc) from None

    def check(self, draft: LetterDraft) -> LetterCheck:
        return LetterCheck(
            hits={part: tuple(self.universe.scan(draft.part_text(part))) for part in PARTS},
            identity_allowed=self.identity_possible(draft.with_identity),
            melder_contact=self.case.melder.contact,
            unfinished=unfinished(draft),
            texts={part: draft.part_text(part) for part in PARTS},
        )

    def pdf(self, draft: LetterDraft) -> bytes:
        """The letter as PDF bytes in memory (preview; no gate, nothing leaves)."""
        from ..pdf.letter import render_letter

        return render_letter(letter_document(draft, case=self.case,
                                             profile=self.material.profile, today=self.today))

    def _gate(self, draft: LetterDraft, acknowledged: Collection[str]) -> tuple[bytes, str]:
        """The PDF of a letter that passed every gate, and its log detail (never content)."""
        check = self.check(draft)
        refusal = check.refusal(acknowledged)
        if refusal is not None:
            raise refusal
        details = []
        if any(check.allowed(p, h) and h.role == "melder" for p, h in check.all_hits):
            details.append("met identiteit")
        if check.possible_keys:
            details.append(plural(len(check.possible_keys), "mogelijke naam", "mogelijke namen")
                           + " bevestigd")
        return self.pdf(draft), "; ".join(details)

    def _log_line(self, kind: str, draft: LetterDraft, data: bytes, detail: str) -> LogLine:
        """The activity-log line of a letter that leaves (with the template's title, not its
        id), carrying the copy kept in the case: the exact PDF bytes and the text parts.
        The copy is stored in the log line's transaction; an output that fails afterwards
        is marked "mislukt" and its copy removed — a letter that never left is not kept."""
        template = self.template(draft.template_id)
        kept = KeptLetter(
            case_id=int(self.case.id or 0), kept_at=datetime.now().replace(microsecond=0),
            output="opgeslagen" if kind == "brief_opgeslagen" else "afgedrukt",
            template_id=template.id, template_title=template.title,
            recipient=recipient_label(template), with_identity=draft.with_identity,
            address=draft.part_text("recipient"), subject=draft.subject, body=draft.body,
            pdf=data)
        return LogLine(kind, self.case.code, template_log_label(template.id), detail, kept=kept)

    def save(self, journal, draft: LetterDraft, target: str | os.PathLike,
             acknowledged: Collection[str] = (), acknowledged_numbers: Collection[int] = ()
             ) -> Path:
        """Possible names are acknowledged by key (window) or by number (command line)."""
        if acknowledged_numbers:
            keys = keys_by_number(self.check(draft).possible_keys, acknowledged_numbers)
            acknowledged = {*acknowledged, *keys}
        data, detail = self._gate(draft, acknowledged)
        return publish_file(journal, target, data, kind="pdf",
                            log=self._log_line("brief_opgeslagen", draft, data, detail))

    def print(self, journal, draft: LetterDraft, send: Callable[[bytes], object],
              acknowledged: Collection[str] = ()) -> None:
        data, detail = self._gate(draft, acknowledged)
        publish_print(journal, lambda: send(data),
                      log=self._log_line("brief_afgedrukt", draft, data, detail))


# --- kept letters: what was sent, kept in the case -------------------------------------------


def kept_letters(journal, case_id: int) -> list[KeptLetter]:
    """The letters printed or saved for a case, newest first (text, no PDF bytes)."""
    return journal.kept_letters(case_id)


def kept_letter(journal, letter_id: int) -> KeptLetter:
    """One kept letter with the exact PDF that was sent."""
    return journal.kept_letter(letter_id)


def kept_letter_title(letter: KeptLetter) -> str:
    """"12-03-2026 · Doorverwijzing naar de LKOG · aan LKOG" — for lists and headings on
    screen (interface language; the template's title is the letter's own, Dutch)."""
    parts = [short_date(letter.kept_at.date()), letter.template_title]
    if letter.recipient:
        parts.append(_("aan {recipient}").format(recipient=letter.recipient))
    return " · ".join(parts)


def _builtin_titles() -> dict[str, str]:
    from ..letters.templates import builtin_templates

    return {t.id: t.title for t in builtin_templates()}


def template_log_label(template_id: str | None) -> str:
    """How the activity log names a letter's template: a built-in one by its title (fixed
    product text), the VP's own only as "eigen sjabloon (eigen-3)" — its title is the VP's
    free text, and the log outlives a case's destruction."""
    if not template_id:
        return ""
    titles = _builtin_titles()
    return titles.get(template_id, f"eigen sjabloon ({template_id})")


def shown_template(logged: str | None) -> str:
    """A log line's template as shown: older lines hold the raw id of a built-in one."""
    if not logged:
        return ""
    return _builtin_titles().get(logged, logged)


def _again(journal, letter: KeptLetter, kind: str) -> LogLine:
    """The log line of a kept letter sent once more: no new copy (the bytes are the same)."""
    code = journal.get_case(letter.case_id).code
    return LogLine(kind, code, template_log_label(letter.template_id),
                   f"opnieuw, brief van {short_date(letter.kept_at.date())}")


KEPT_IDENTITY_REFUSED = N_(
    "Deze brief noemt de melder, en volgens het dossier mag dat nu niet meer (geen "
    "toestemming, of de melder is anoniem). Hij wordt niet opnieuw verstuurd; maak zo nodig "
    "een nieuwe brief zonder namen.")


def _sendable_kept_letter(journal, letter_id: int) -> KeptLetter:
    """A kept letter that may be sent again: one that names the melder only while the case
    still records consent and a named melder (consent can be withdrawn after the first send)."""
    letter = kept_letter(journal, letter_id)
    if letter.with_identity:
        case = journal.get_case(letter.case_id)
        if not (case.consent_given and not case.melder.anonymous and case.melder.name.strip()):
            raise OutputRefused(_(KEPT_IDENTITY_REFUSED))
    return letter


def save_kept_letter(journal, letter_id: int, target: str | os.PathLike) -> Path:
    """Save the exact PDF of a kept letter again (guard and log line as for every output).
    The letter passed the name check when it was first sent; it is not changed."""
    letter = _sendable_kept_letter(journal, letter_id)
    return publish_file(journal, target, letter.pdf, kind="pdf",
                        log=_again(journal, letter, "brief_opgeslagen"))


def print_kept_letter(journal, letter_id: int, send: Callable[[bytes], object]) -> None:
    letter = _sendable_kept_letter(journal, letter_id)
    publish_print(journal, lambda: send(letter.pdf),
                  log=_again(journal, letter, "brief_afgedrukt"))


# --- case reports ----------------------------------------------------------------------------


INZAGE_DUTCH_ONLY = N_("Het inzageverslag voor de melder wordt alleen in het Nederlands "
                       "gemaakt. Kies Nederlands als documenttaal.")
UNSUPPORTED_DOCUMENT_LANGUAGE = N_("Een dossieroverzicht kan in het Nederlands (nl) of het "
                                   "Engels (en) worden gemaakt.")


def check_report_language(inzage: bool, lang: str) -> None:
    """Refuses a document language the report cannot be made in: the inzage (a Dutch
    document, like letters to Dutch bodies) only in Dutch, the archive in "nl" or "en"."""
    if lang not in DOCUMENT_LANGUAGES:
        raise ServiceError(_(UNSUPPORTED_DOCUMENT_LANGUAGE))
    if inzage and lang != "nl":
        raise OutputRefused(_(INZAGE_DUTCH_ONLY))


class CaseReportMaker:
    """The dossieroverzicht of one case: archive (everything, in Dutch or English) or inzage
    (others redacted; Dutch only)."""

    def __init__(self, journal, case_id: int, today: date | None = None):
        self.today = today or date.today()
        self.material = read_material(journal, case_id)
        self.universe = NameUniverse.of_journal(journal, self.material.case)
        self.kept_letters = journal.kept_letters(case_id)

    @property
    def case(self):
        return self.material.case

    def pdf(self, inzage: bool, lang: str = "nl") -> bytes:
        """``lang`` is the document's language, "nl" or "en" (the archive only: an inzage in
        another language than Dutch is refused with :class:`OutputRefused`)."""
        from ..pdf.case_report import render_case_report

        check_report_language(inzage, lang)
        m = self.material
        return render_case_report(build_case_report(
            case=m.case, organisation=m.organisation, consultations=m.consultations,
            follow_ups=m.follow_ups, profile=m.profile, today=self.today, inzage=inzage,
            redact_text=inzage_redactor(self.universe, melder_contact=self.case.melder.contact)
            if inzage else None, kept_letters=self.kept_letters, lang=lang), lang=lang)

    @staticmethod
    def _log_detail(inzage: bool, lang: str) -> str:
        # stored in the activity log: Dutch, and never content
        if inzage:
            return "inzage"
        return "archief" if lang == "nl" else "archief, in het Engels"

    def save(self, journal, target: str | os.PathLike, inzage: bool, lang: str = "nl") -> Path:
        data = self.pdf(inzage, lang)
        return publish_file(journal, target, data, kind="pdf",
                            log=LogLine("rapport_opgeslagen", self.case.code, None,
                                        self._log_detail(inzage, lang)))

    def print(self, journal, send: Callable[[bytes], object], inzage: bool,
              lang: str = "nl") -> None:
        data = self.pdf(inzage, lang)
        publish_print(journal, lambda: send(data),
                      log=LogLine("rapport_afgedrukt", self.case.code, None,
                                  self._log_detail(inzage, lang)))
