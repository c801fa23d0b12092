"""How strong is a new passphrase? One rule for every place that sets one (the create,
change and handover windows, the command line).

- A hard floor: at least ``MIN_LENGTH`` characters, not a well-known weak passphrase (a
  small list shipped here, Dutch ones included, also with digits or signs around it) and
  not trivially guessable by zxcvbn (score 0). Below the floor nothing can be saved.
- Above the floor zxcvbn's estimate is turned into words (the interface language); a passphrase it still rates
  weak (score 1 or 2) may be used after an explicit confirmation.

The floor applies only to new passphrases: a journal made with a shorter one still opens.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .i18n import N_, _

MIN_LENGTH = 10
DUTCH_HINT_WORDS = ["vertrouwenspersoon", "gemeente", "wachtwoord", "journaal", "welkom"]

# Compared after lower-casing and dropping spaces, digits and signs around the letters
# (so "Welkom2026!" and "wacht woord 123" count too). Keep it short: zxcvbn does the rest.
WEAK_PASSPHRASES = frozenset({
    "wachtwoord", "wachtwoorden", "paswoord", "password", "passwort", "welkom", "welkomwelkom",
    "geheim", "supergeheim", "topgeheim", "vertrouwelijk", "vertrouwen", "vertrouwenspersoon",
    "gemeente", "journaal", "vpdesktop", "demo", "demodemo", "hallo", "hallohallo",
    "qwerty", "qwertyuiop", "azerty", "azertyuiop", "asdfghjkl", "abcdefghij", "abc",
    "letmein", "iloveyou", "ikhouvanjou", "voetbal", "ajax", "feyenoord", "psv",
    "zomer", "winter", "lente", "herfst", "januari", "februari", "maart", "april", "mei",
    "juni", "juli", "augustus", "september", "oktober", "november", "december",
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "nederland", "holland", "amsterdam", "rotterdam", "utrecht", "denhaag", "eindhoven",
    "groningen", "tilburg", "almere", "breda", "nijmegen",
    "admin", "administrator", "beheerder", "gebruiker", "test", "testtest", "inloggen",
})

# Texts are marked with N_() and translated where a Strength or a problem is made; RULE and
# TOO_SHORT are the Dutch texts with MIN_LENGTH filled in (the *_TEXT ids are the msgids).
_LABELS = (N_("Zeer zwak"), N_("Zwak"), N_("Matig"), N_("Sterk"), N_("Zeer sterk"))
TOO_SHORT_LABEL = N_("Te kort")
RULE_TEXT = N_("Minstens {n} tekens, geen bekend of makkelijk te raden wachtwoord.")
TOO_SHORT_TEXT = N_("Gebruik minstens {n} tekens.")
RULE = RULE_TEXT.format(n=MIN_LENGTH)
TOO_SHORT = TOO_SHORT_TEXT.format(n=MIN_LENGTH)
TOO_COMMON = N_("Dit wachtwoord is bekend of heel makkelijk te raden en kan niet worden "
                 "gebruikt.")
WEAK_HINT = N_("Makkelijk te raden. Neem liever vier of vijf losse woorden die niet bij "
                "elkaar horen, bijvoorbeeld 'kraan fiets oktober wolk'.")
GOOD_HINT = N_("Goed te gebruiken. Bewaar de wachtwoordzin op een veilige plek.")
WEAK_NEEDS_CONFIRMATION = N_("Dit wachtwoord is zwak. Kies een sterker wachtwoord, of bevestig "
                              "dat u het bewust kiest.")


@dataclass(frozen=True)
class Strength:
    score: int  # 0..4 (0 also for anything below the floor)
    label: str  # "" when nothing was typed: no verdict yet
    hint: str
    below_floor: bool = False  # cannot be used at all, not even with a confirmation

    @property
    def is_weak(self) -> bool:
        return self.score < 3

    @property
    def needs_confirmation(self) -> bool:
        """Usable, but only after the user confirms the weak choice."""
        return self.is_weak and not self.below_floor

    @property
    def text(self) -> str:
        """One line for a hint label: verdict and advice."""
        return f"{self.label}. {self.hint}" if self.label else self.hint


def _letters_core(passphrase: str) -> str:
    text = unicodedata.normalize("NFKC", passphrase).casefold()
    text = re.sub(r"\s+", "", text)
    return re.sub(r"^[\W\d_]+|[\W\d_]+$", "", text)


def is_common(passphrase: str) -> bool:
    """A well-known weak passphrase: in the shipped list (also with digits or signs around
    it, or repeated), only digits and signs, or one character over and over."""
    core = _letters_core(passphrase)
    if not core:
        return True  # nothing but digits, signs and spaces
    squeezed = re.sub(r"[\W_]+", "", core)
    if len(set(squeezed)) <= 2:
        return True
    for candidate in {core, squeezed, re.sub(r"[\W\d_]+", "", core)}:
        if candidate in WEAK_PASSPHRASES:
            return True
        for word in WEAK_PASSPHRASES:  # "welkomwelkomwelkom"
            if len(candidate) % len(word) == 0 and candidate == word * (len(candidate)
                                                                        // len(word)):
                return True
    return False


def _below_floor(passphrase: str) -> str | None:
    """TOO_SHORT or TOO_COMMON (the Dutch constants, to compare), or None."""
    if len(passphrase) < MIN_LENGTH:
        return TOO_SHORT
    if is_common(passphrase):
        return TOO_COMMON
    return None


def _text(problem: str) -> str:
    """A problem constant in the interface language."""
    if problem == TOO_SHORT:
        return _(TOO_SHORT_TEXT).format(n=MIN_LENGTH)
    if problem == RULE:
        return _(RULE_TEXT).format(n=MIN_LENGTH)
    return _(problem)


def floor_problem(passphrase: str) -> str | None:
    """Why ``passphrase`` is below the hard floor (without zxcvbn), in the interface
    language, or None."""
    problem = _below_floor(passphrase)
    return None if problem is None else _text(problem)


def assess_passphrase(passphrase: str, user_inputs: list[str] | None = None) -> Strength:
    if not passphrase:
        return Strength(0, "", _text(RULE), below_floor=True)
    problem = _below_floor(passphrase)
    if problem is not None:
        label = TOO_SHORT_LABEL if problem == TOO_SHORT else _LABELS[0]
        return Strength(0, _(label), _text(problem), below_floor=True)
    from zxcvbn import zxcvbn  # imported lazily: its dictionaries take a moment to load

    inputs = DUTCH_HINT_WORDS + [w for w in (user_inputs or []) if w]
    score = int(zxcvbn(passphrase[:100], user_inputs=inputs)["score"])
    if score == 0:
        return Strength(0, _(_LABELS[0]), _(TOO_COMMON), below_floor=True)
    return Strength(score, _(_LABELS[score]), _(GOOD_HINT if score >= 3 else WEAK_HINT))


def new_passphrase_problem(passphrase: str, *, confirmed_weak: bool = False,
                           user_inputs: list[str] | None = None) -> str | None:
    """The one rule for a new passphrase: None when it may be used, else a reason (in the
    interface language).
    Below the floor it is always refused; a weak one above it only with ``confirmed_weak``."""
    if not passphrase:
        return _("Kies een wachtwoord.")
    strength = assess_passphrase(passphrase, user_inputs)
    if strength.below_floor:
        return strength.hint
    if strength.is_weak and not confirmed_weak:
        return _(WEAK_NEEDS_CONFIRMATION)
    return None
