"""How strong is a passphrase? A hint for the user, never a hard rule beyond a minimum.

zxcvbn estimates guessability with dictionaries and patterns; we only turn its score into
Dutch words. A weak passphrase is allowed after an explicit confirmation.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_LENGTH = 8
DUTCH_HINT_WORDS = ["vertrouwenspersoon", "gemeente", "wachtwoord", "journaal", "welkom"]

_LABELS = ("Zeer zwak", "Zwak", "Matig", "Sterk", "Zeer sterk")


@dataclass(frozen=True)
class Strength:
    score: int  # 0..4
    label: str
    hint: str

    @property
    def is_weak(self) -> bool:
        return self.score < 3


def assess_passphrase(passphrase: str, user_inputs: list[str] | None = None) -> Strength:
    if not passphrase:
        return Strength(0, _LABELS[0], "Kies een wachtwoordzin.")
    if len(passphrase) < MIN_LENGTH:
        return Strength(0, _LABELS[0], f"Gebruik minstens {MIN_LENGTH} tekens.")
    from zxcvbn import zxcvbn  # imported lazily: its dictionaries take a moment to load

    inputs = DUTCH_HINT_WORDS + [w for w in (user_inputs or []) if w]
    score = int(zxcvbn(passphrase[:100], user_inputs=inputs)["score"])
    if score >= 3:
        hint = "Goed te gebruiken. Bewaar de wachtwoordzin op een veilige plek."
    else:
        hint = ("Makkelijk te raden. Neem liever vier of vijf losse woorden die niet bij "
                "elkaar horen, bijvoorbeeld 'kraan fiets oktober wolk'.")
    return Strength(score, _LABELS[score], hint)
