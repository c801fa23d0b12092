"""The name universe: whom the name check looks for, for one output.

The universe is the journal, not the case. Every person recorded anywhere — melders and the
other persons of every case — is looked for in every letter, inzage and jaarverslag text, with
the one engine :mod:`vp_desktop.letters.name_check`. The persons of the case at hand keep
their role (so the inzage can say "[getuige]", and the melder's own name can be allowed under
recorded consent); every other name is "iemand uit een ander dossier". Contact data (e-mail
addresses, phone numbers) and capitalised words after a title or form of address ("mogelijk
een naam") are found by the same engine.

What the check cannot know: a person never recorded in the journal, nicknames and
descriptions ("de teamleider van Burgerzaken"), and names the engine's rules do not derive.
Possible names after a title catch part of the first kind; the rest is the VP's judgement.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..domain.vocabulary import OTHER_CASE_ROLE, person_reference, person_reference_text
from ..i18n import _
from ..letters.name_check import NameHit, find_names, scan
from .errors import ServiceError

MELDER = "melder"
NAME, CONTACT, POSSIBLE = "name", "contact", "possible"


def hit_label(hit: NameHit) -> str:
    """What a hit is, without what it says: for lists and refusals."""
    if hit.kind == POSSIBLE:
        return _("mogelijk een naam")
    if hit.kind == CONTACT:
        return (_("contactgegevens ({who})").format(who=person_reference_text(hit.role))
                if hit.role
                else _("contactgegevens"))
    return _("naam ({who})").format(who=person_reference_text(hit.role))


def _overlaps(a: NameHit, b: NameHit) -> bool:
    return a.start < b.end and b.start < a.end


@dataclass(frozen=True)
class NameUniverse:
    """``own``: the (name, role) pairs of the case at hand, melder first (may be empty);
    ``others``: every name recorded in the journal, as (name, "ander_dossier")."""

    own: tuple[tuple[str, str], ...]
    others: tuple[tuple[str, str], ...]

    @classmethod
    def of_journal(cls, journal, case=None) -> NameUniverse:
        seen: dict[str, None] = {}
        for name, _role, _case_id in journal.all_person_names():
            key = " ".join(name.split())
            if key:
                seen.setdefault(key, None)
        own = tuple(case.named_persons()) if case is not None else ()
        return cls(own=own, others=tuple((name, OTHER_CASE_ROLE) for name in sorted(seen)))

    def scan(self, text: str) -> list[NameHit]:
        """Every hit in ``text``: the case's own names and contact data first, then names
        from the rest of the journal, then possible names where nothing else stands."""
        if not text:
            return []
        own = scan(text, self.own, contact_data=True, possible=True)
        chosen = [h for h in own if h.kind != POSSIBLE]
        for hit in find_names(text, self.others):
            if not any(_overlaps(hit, c) for c in chosen):
                chosen.append(hit)
        for hit in own:
            if hit.kind == POSSIBLE and not any(_overlaps(hit, c) for c in chosen):
                chosen.append(hit)
        return sorted(chosen, key=lambda h: h.start)

    def redact(self, text: str, replacement: Callable[[NameHit], str | None]) -> str:
        """``text`` with every hit replaced by ``replacement(hit)`` (None keeps the hit)."""
        pieces: list[str] = []
        pos = 0
        for hit in self.scan(text):
            new = replacement(hit)
            if new is None:
                continue
            pieces.append(text[pos:hit.start])
            pieces.append(new)
            pos = hit.end
        pieces.append(text[pos:])
        return "".join(pieces)


def is_melders_own(hit: NameHit, melder_contact: str = "") -> bool:
    """A hit that is the melder's own name or contact data (of the case at hand)."""
    if hit.role == MELDER:
        return True
    if hit.kind == CONTACT and not hit.role and melder_contact.strip():
        return _digits_or_text(hit.matched) == _digits_or_text(melder_contact)
    return False


NAME_REPLACEMENT = "[naam]"
CONTACT_REPLACEMENT = "[contact]"


def letter_redactor(universe: NameUniverse, *, melder_contact: str, identity: bool
                    ) -> Callable[[str], str]:
    """For free text that flows into a letter: every name, contact and possible name in the
    journal replaced; the melder's own only kept with ``identity`` (consent, asked for)."""

    def replacement(hit: NameHit) -> str | None:
        if identity and is_melders_own(hit, melder_contact):
            return None
        return CONTACT_REPLACEMENT if hit.kind == CONTACT else NAME_REPLACEMENT

    return lambda text: universe.redact(text, replacement)


def inzage_redactor(universe: NameUniverse, *, melder_contact: str) -> Callable[[str], str]:
    """For the melder's right of access: their own name and contact stay; every other person
    of the case becomes their role ("[getuige]"), names from other cases and possible names
    "[naam]", other contact data "[contact]"."""
    own = {name for name, _role in universe.own}

    def replacement(hit: NameHit) -> str | None:
        if is_melders_own(hit, melder_contact):
            return None
        if hit.kind == NAME and hit.name in own:
            return f"[{person_reference(hit.role)}]"
        return CONTACT_REPLACEMENT if hit.kind == CONTACT else NAME_REPLACEMENT

    return lambda text: universe.redact(text, replacement)


def _digits_or_text(value: str) -> str:
    digits = "".join(c for c in value if c.isdigit())
    if "@" not in value and len(digits) >= 6:
        return digits[-9:]  # 06-12345678, +31 6 1234 5678 and 0031612345678 are one number
    return value.strip().casefold()


def acknowledgement_keys(hits: Iterable[NameHit]) -> list[str]:
    """The keys of the possible-name hits, in text order, each once. The number of a possible
    name (1-based, as the refusal lists it) is its place in this list."""
    return list(dict.fromkeys(h.key for h in hits if h.kind == POSSIBLE))


def keys_by_number(keys: Sequence[str], numbers: Iterable[int]) -> set[str]:
    """The acknowledgement of the command line: possible names chosen by their number."""
    chosen = set()
    for n in numbers:
        if not 1 <= n <= len(keys):
            raise ServiceError(_("Er is geen mogelijke naam met nummer {n} (er zijn er "
                                 "{count}).").format(n=n, count=len(keys)))
        chosen.add(keys[n - 1])
    return chosen


def describe_hits(parts: Sequence[tuple[str, str, Sequence[NameHit]]],
                  numbering: Sequence[str] = ()) -> list[str]:
    """One line per hit, by part, line and kind — never the text itself. ``parts`` are
    (label, text, hits); possible names carry their number in ``numbering`` (their keys)."""
    lines = []
    for label, text, hits in parts:
        for hit in hits:
            line = text.count("\n", 0, hit.start) + 1
            if hit.kind == POSSIBLE and hit.key in numbering:
                entry = _("{part}, regel {line}: {what} (nr. {number})").format(
                    part=label, line=line, what=hit_label(hit),
                    number=list(numbering).index(hit.key) + 1)
            else:
                entry = _("{part}, regel {line}: {what}").format(part=label, line=line,
                                                                  what=hit_label(hit))
            lines.append(entry)
    return lines
