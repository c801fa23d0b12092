"""Composing a letter: a template filled from a case becomes an editable draft, and the draft
becomes a LetterDocument for the renderer. Plain functions over domain objects.

Anonymous by default: the melder's identity and other people's names are only used when the
VP asks for it per letter and the case records the melder's consent. The gates before a letter
leaves the journal (name check, consent, unfinished spots, log line) are the letter service's
(:mod:`vp_desktop.services.letters`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ..domain.model import Case, VpProfile
from ..domain.vocabulary import REFERRAL_DESTINATIONS, VP_ROLES
from ..dutch import format_date_nl
from ..i18n import _
from .context import letter_context
from .document import LetterDocument
from .templates import RECIPIENT_MELDER, LetterTemplate, builtin_templates, render_text

PARTS = ("recipient", "subject", "body")


class LetterError(ValueError):
    """A letter that cannot be made as asked; the message is for the user (Dutch)."""


@dataclass
class LetterDraft:
    template_id: str
    recipient_lines: list[str]
    subject: str
    body: str
    with_identity: bool = False

    def part_text(self, part: str) -> str:
        return {"recipient": "\n".join(self.recipient_lines), "subject": self.subject,
                "body": self.body}[part]


def available_templates(custom=()) -> list[LetterTemplate]:
    """Built-in templates first, then the VP's own (``StoredTemplate`` records)."""
    own = [LetterTemplate(id=t.id, title=t.title, description=t.description,
                          recipient=t.recipient, subject=t.subject, body=t.body, builtin=False)
           for t in custom]
    return builtin_templates() + own


def find_template(templates: list[LetterTemplate], template_id: str) -> LetterTemplate:
    for template in templates:
        if template.id == template_id:
            return template
    known = ", ".join(t.id for t in templates)
    raise LetterError(_("Sjabloon '{template}' bestaat niet. Beschikbaar: {known}.").format(
        template=template_id, known=known))


def recipient_label(template: LetterTemplate) -> str:
    if template.recipient == RECIPIENT_MELDER:
        return "de melder"
    return REFERRAL_DESTINATIONS.label(template.recipient) if template.recipient else ""


def default_address(template: LetterTemplate, stored: list[str] | None) -> list[str]:
    """The VP's own stored address for this destination, else the template's (LKOG)."""
    return list(stored) if stored else list(template.address)


def start_letter(*, template: LetterTemplate, case: Case, organisation: str,
                 profile: VpProfile, address: list[str], latest_advice: str,
                 latest_consultation: date | None, today: date,
                 redact_text: Callable[[str], str], with_identity: bool = False) -> LetterDraft:
    if with_identity and not case.consent_given:
        raise LetterError(_("De melder heeft (volgens het dossier) geen toestemming gegeven; "
                            "de brief blijft anoniem. Leg eerst de toestemming met datum vast."))
    context = letter_context(
        case=case, organisation=organisation, profile=profile, recipient_lines=address,
        recipient_label=recipient_label(template), latest_advice=latest_advice,
        latest_consultation=latest_consultation, today=today, with_identity=with_identity,
        redact_text=redact_text, vp_organisation=profile.practice, place=profile.place)
    return LetterDraft(template_id=template.id, recipient_lines=list(address),
                       subject=render_text(template.subject, context).strip(),
                       body=render_text(template.body, context).strip(),
                       with_identity=with_identity)


UNFINISHED_MARK = "[Vul hier"


def unfinished(draft: LetterDraft) -> str:
    """The first '[Vul hier …]' spot a template left for the VP to fill in, or ''."""
    for part in PARTS:
        text = draft.part_text(part)
        start = text.find(UNFINISHED_MARK)
        if start >= 0:
            end = text.find("]", start)
            return text[start:end + 1 if end >= 0 else start + 40]
    return ""


def letter_document(draft: LetterDraft, *, case: Case, profile: VpProfile,
                    today: date) -> LetterDocument:
    role = VP_ROLES.label(profile.role)
    sender = [profile.name, role, profile.practice, *profile.contact_lines.splitlines()]
    place = f"{profile.place}, " if profile.place.strip() else ""
    return LetterDocument(
        sender_lines=tuple(line.strip() for line in sender if line.strip()),
        recipient_lines=tuple(line for line in draft.recipient_lines if line.strip()),
        date_line=place + format_date_nl(today),
        subject=draft.subject,
        body=draft.body,
        signature_lines=tuple(x for x in (profile.name, role) if x),
        reference=f"VP {case.code}",
    )


@dataclass(frozen=True)
class CaseMaterial:
    """Everything of one case a letter or report is made from, read from the journal once."""

    case: Case
    organisation: str
    profile: VpProfile
    consultations: list
    follow_ups: list

    @property
    def latest_consultation(self):
        return max(self.consultations, key=lambda c: c.started_at, default=None)

    def start_letter(self, template: LetterTemplate, address: list[str], today: date,
                     redact_text: Callable[[str], str], with_identity: bool = False
                     ) -> LetterDraft:
        latest = self.latest_consultation
        return start_letter(
            template=template, case=self.case, organisation=self.organisation,
            profile=self.profile, address=address,
            latest_advice=latest.advice if latest else "",
            latest_consultation=latest.started_at.date() if latest else None,
            today=today, redact_text=redact_text, with_identity=with_identity)
