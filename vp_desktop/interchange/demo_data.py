"""Fictitious, realistic journal data for demonstrations, screenshots, tests and benchmarks.

``generate_demo`` is deterministic: the same (cases, seed, today) always gives the same data.
It draws from its own ``random.Random(seed)`` and never reads the clock. Every name and
organisation is invented (see :mod:`.demo_texts`).
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import os
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..domain.deadlines import WBK_ACK_KEY, statutory_deadlines
from ..domain.model import Case, Consultation, FollowUp, InvolvedPerson, MelderIdentity, VpProfile
from ..domain.retention import default_destroy_after
from ..domain.vocabulary import CATEGORY_DOMAIN, DOMAINS
from ..storage.demo_marker import mark_as_demo
from ..storage.journal import CaseBundle, Journal
from . import demo_texts as t

CHUNK_SIZE = 500  # cases per transaction in create_demo_journal
SPAN_DAYS = 4 * 365  # the journal covers about four years up to today
RECENT_DAYS = 122  # cases younger than about four months are mostly still open
GROWTH = 0.5  # the newest day is 1.5 times as busy as the oldest


class _Weighted:
    """A weighted choice; the key "" stands for "not recorded" (None)."""

    def __init__(self, weights: dict):
        self.items = list(weights)
        self.cum = list(itertools.accumulate(weights.values()))

    def pick(self, rng: random.Random):
        i = bisect.bisect(self.cum, rng.random() * self.cum[-1])
        item = self.items[min(i, len(self.items) - 1)]
        return None if item == "" else item


W = _Weighted

# fmt: off
CATEGORY_W = W({
    "pesten": 16, "seksuele_intimidatie": 5, "discriminatie": 4, "agressie_geweld": 6,
    "intimidatie_bedreiging": 5, "omgaan_met_elkaar": 8, "beinvloeding_corruptie": 0.8,
    "belangenverstrengeling": 1.5, "omgaan_met_informatie": 1.5, "spullen_gemeente": 1,
    "bevoegdheden": 1, "onafhankelijk_adviseren": 0.4, "gedrag_privesfeer": 1,
    "vermoeden_misstand": 1.2, "arbeidsconflict": 14, "werkdruk": 14, "prive": 5,
    "overig_anders": 4,
})
COMPANIONS = {  # categories that often come together with the first one
    "pesten": ("omgaan_met_elkaar", "intimidatie_bedreiging", "discriminatie", "werkdruk"),
    "seksuele_intimidatie": ("intimidatie_bedreiging", "pesten"),
    "discriminatie": ("pesten", "omgaan_met_elkaar"),
    "agressie_geweld": ("intimidatie_bedreiging", "werkdruk"),
    "intimidatie_bedreiging": ("pesten", "arbeidsconflict"),
    "omgaan_met_elkaar": ("pesten", "arbeidsconflict", "werkdruk"),
    "arbeidsconflict": ("werkdruk", "omgaan_met_elkaar", "intimidatie_bedreiging"),
    "werkdruk": ("arbeidsconflict", "prive", "omgaan_met_elkaar"),
    "prive": ("werkdruk",),
    "vermoeden_misstand": ("bevoegdheden", "belangenverstrengeling", "omgaan_met_informatie"),
    "beinvloeding_corruptie": ("belangenverstrengeling", "bevoegdheden"),
    "belangenverstrengeling": ("bevoegdheden", "omgaan_met_informatie"),
}
CATEGORY_COUNT_W = W({1: 60, 2: 30, 3: 10})

RELATION_BY_CATEGORY = {
    "agressie_geweld": W({"extern_inwoner": 6, "extern_klant": 3, "collega": 1}),
    "beinvloeding_corruptie": W({"extern_leverancier": 4, "collega": 3, "leidinggevende": 1}),
    "vermoeden_misstand": W({"hoger_management": 3, "leidinggevende": 2,
                             "niet_van_toepassing": 3, "onbekend": 2}),
    "werkdruk": W({"leidinggevende": 5, "niet_van_toepassing": 4, "hoger_management": 1}),
    "arbeidsconflict": W({"leidinggevende": 7, "collega": 2, "hoger_management": 1}),
    "prive": W({"niet_van_toepassing": 9, "": 1}),
    "overig_anders": W({"niet_van_toepassing": 3, "onbekend": 1, "": 1}),
}
RELATION_BY_DOMAIN = {
    "ongewenst_gedrag": W({"collega": 6, "leidinggevende": 3, "hoger_management": 0.5,
                           "ondergeschikte": 0.5, "extern_inwoner": 0.5, "onbekend": 0.3,
                           "": 0.3}),
    "integriteit": W({"collega": 5, "leidinggevende": 3, "hoger_management": 1,
                      "extern_leverancier": 1, "onbekend": 1}),
    "overig": W({"niet_van_toepassing": 3, "leidinggevende": 2, "collega": 1}),
}
OUTCOME_BY_DOMAIN = {
    "ongewenst_gedrag": W({"luisterend_oor": 5, "informele_oplossing": 6,
                           "formele_klacht_intern": 2, "formele_klacht_lkog": 0.5,
                           "doorverwezen": 3, "ingetrokken": 1, "onbekend": 0.5}),
    "integriteit": W({"luisterend_oor": 3, "informele_oplossing": 2, "doorverwezen": 4,
                      "melding_misstand_intern": 0.5, "ingetrokken": 1, "onbekend": 0.5}),
    "misstand": W({"melding_misstand_intern": 5, "melding_hvk": 1.5,
                   "melding_toezichthouder": 1, "doorverwezen": 2, "ingetrokken": 1.5}),
    "overig": W({"luisterend_oor": 6, "informele_oplossing": 3, "doorverwezen": 4,
                 "onbekend": 0.5}),
}
REFERRAL_BY_DOMAIN = {
    "ongewenst_gedrag": W({"leidinggevende": 3, "hr": 3, "bedrijfsarts": 3,
                           "maatschappelijk_werk": 2, "mediator": 2,
                           "klachtencommissie_intern": 1, "lkog": 1, "politie": 0.5,
                           "centrum_seksueel_geweld": 0.3, "rechten_van_de_mens": 0.3,
                           "andere_vp": 0.5}),
    "integriteit": W({"integriteitscoordinator": 5, "leidinggevende": 2,
                      "gemeentesecretaris": 1, "juridische_bijstand": 1}),
    "misstand": W({"huis_klokkenluiders": 4, "integriteitscoordinator": 3,
                   "juridische_bijstand": 2, "gemeentesecretaris": 1}),
    "overig": W({"bedrijfsarts": 4, "maatschappelijk_werk": 4, "hr": 3, "leidinggevende": 2,
                 "juridische_bijstand": 1, "ondernemingsraad": 1, "veilig_thuis": 0.2}),
}
MELDER_TYPE_W = W({"medewerker": 70, "leidinggevende": 8, "stagiair": 3, "vakantiekracht": 1,
                   "babs": 1, "uitzendkracht": 5, "extern_ingehuurd": 5, "": 3})
MELDER_TYPE_INTEGRITY_W = W({"medewerker": 60, "leidinggevende": 10, "extern_ingehuurd": 5,
                             "oud_medewerker": 6, "sollicitant": 1, "onbekend": 3, "": 3})
GENDER_W = W({"vrouw": 55, "man": 38, "anders": 2, "": 5})
AGE_W = W({"tot_25": 1, "25_34": 4, "35_44": 5, "45_54": 5, "55_plus": 4, "": 4})
AGE_YOUNG_W = W({"tot_25": 7, "25_34": 2, "": 1})
AGE_OLD_W = W({"45_54": 2, "55_plus": 6, "": 1})
CHANNEL_W = W({"persoonlijk": 38, "telefoon": 30, "video": 10, "email": 16, "via_derde": 4,
               "": 2})
LATER_CHANNEL_W = W({"persoonlijk": 5, "telefoon": 4, "video": 2, "email": 1})
CONSULT_COUNT_W = W({n: w for n, w in enumerate((8, 12, 14, 14, 12, 10, 8, 6, 5, 4, 3, 2), 1)})
GAPS = (2, 3, 5, 7, 7, 7, 10, 14, 14, 14, 21, 21, 28, 35, 42)  # days between consultations
PERSON_COUNT_W = W({0: 25, 1: 45, 2: 20, 3: 10})
OTHER_ROLE_W = W({"getuige": 4, "leidinggevende": 3, "collega": 2, "betrokkene": 1})
KIND_W = W({"terugbellen": 35, "contact": 30, "doorverwijzing": 20, "overig": 15})
OPEN_FOLLOW_UPS_W = W({0: 3, 1: 4.5, 2: 2.5})
DONE_FOLLOW_UPS_W = W({0: 2.5, 1: 4, 2: 2.5, 3: 1})
MONTH_FACTOR = {1: 0.9, 7: 0.6, 8: 0.55, 12: 0.75}  # quieter around the holidays
HOURS = (8, 9, 9, 10, 10, 11, 11, 13, 13, 14, 14, 15, 15, 16, 16, 17)
# fmt: on
PRONOUNS = {
    "vrouw": {"m": "zij", "m_o": "haar", "m_p": "haar"},
    "man": {"m": "hij", "m_o": "hem", "m_p": "zijn"},
    None: {"m": "melder", "m_o": "melder", "m_p": "diens"},
}


def _by_domain(general: tuple[str, ...], specific: dict[str, tuple[str, ...]]) -> dict:
    return {d: general + specific.get(d, ()) for d in DOMAINS.codes()}


DISCUSSED = _by_domain(t.DISCUSSED, t.DISCUSSED_BY_DOMAIN)
PROGRESS = _by_domain(t.PROGRESS, t.PROGRESS_BY_DOMAIN)
ADVICE = _by_domain(t.ADVICE, t.ADVICE_BY_DOMAIN)
SECOND_OPENERS = (
    "Daarnaast speelt mee dat",
    "Ook vertelt melder dat",
    "Verder komt ter sprake dat",
)


@dataclass
class DemoData:
    profile: VpProfile
    organisations: list[str]
    bundles: list[CaseBundle] = field(default_factory=list)
    organisation_names: list[str] = field(default_factory=list)  # aligned with bundles


def _on_weekday(d: date) -> date:
    """The same day, or the Friday before when it falls in a weekend."""
    return d - timedelta(days=max(0, d.weekday() - 4))


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(c for c in folded.lower() if c.isascii() and (c.isalnum() or c in ".-"))


class _Generator:
    def __init__(self, rng: random.Random, today: date):
        self.rng, self.today = rng, today
        self.start = today - timedelta(days=SPAN_DAYS - 1)
        self.profile = VpProfile(
            name=rng.choice(t.PROFILE_NAMES), role="extern", retention_months=12,
            practice="Vertrouwenspunt Lindeveen (demo)",
            contact_lines="Postbus 1234\n1000 AB Voorbeeldstad\n06-00000000 · vp@example.nl",
            place="Voorbeeldstad",
        )
        chosen = sorted(rng.sample(range(len(t.ORGANISATIONS)), rng.randint(4, 6)))
        self.organisations = [t.ORGANISATIONS[i][0] for i in chosen]
        self.organisation_w = W({t.ORGANISATIONS[i][0]: t.ORGANISATIONS[i][1] for i in chosen})

    # --- the case -----------------------------------------------------------------------

    def bundle(self) -> tuple[CaseBundle, str]:
        rng, today = self.rng, self.today
        opened = self._opened()
        categories = self._categories()
        domain = CATEGORY_DOMAIN[categories[0]]
        gender = GENDER_W.pick(rng)
        melder_type = self._melder_type(domain, categories)
        age = (today - opened).days
        closing = rng.random() < (0.85 if age > RECENT_DAYS else 0.45 * age / RECENT_DAYS)
        slow = not closing and age > RECENT_DAYS  # long-running open case
        days = self._consultation_days(opened, CONSULT_COUNT_W.pick(rng), slow)
        closed = min(days[-1] + timedelta(days=rng.randint(0, 21)), today) if closing else None
        case = Case(
            organisation_id=0,
            opened=opened,
            status="gesloten" if closing else "open",
            closed=closed,
            categories=categories,
            relation=self._relation(categories[0]),
            melder_type=melder_type,
            channel=CHANNEL_W.pick(rng),
            gender=gender,
            age_band=self._age_band(melder_type),
            outcome=OUTCOME_BY_DOMAIN[domain].pick(rng) if closing else None,
            summary=self._summary(categories),
            melder=self._melder(domain, gender),
        )
        case.persons = self._persons(case.relation)
        self._dates(case, closed or today)
        if closed:
            case.destroy_after = default_destroy_after(closed, self.profile.retention_months)
        bundle = CaseBundle(case, self._consultations(case, days, gender), [])
        bundle.follow_ups = self._follow_ups(case, domain)
        return bundle, self.organisation_w.pick(rng)

    def _opened(self) -> date:
        rng = self.rng
        while True:
            position = rng.random()
            if rng.random() * (1 + GROWTH) > 1 + GROWTH * position:
                continue
            d = self.start + timedelta(days=int(position * SPAN_DAYS))
            if d.weekday() < 5 and rng.random() <= MONTH_FACTOR.get(d.month, 1.0):
                return d

    def _categories(self) -> tuple[str, ...]:
        rng = self.rng
        chosen = [CATEGORY_W.pick(rng)]
        wanted = CATEGORY_COUNT_W.pick(rng)
        for _ in range(10):
            if len(chosen) == wanted:
                break
            companions = COMPANIONS.get(chosen[0])
            extra = (
                rng.choice(companions)
                if companions and rng.random() < 0.7
                else CATEGORY_W.pick(rng)
            )
            if extra not in chosen:
                chosen.append(extra)
        return tuple(chosen)

    def _relation(self, primary: str) -> str | None:
        weights = RELATION_BY_CATEGORY.get(primary) or RELATION_BY_DOMAIN.get(
            CATEGORY_DOMAIN[primary], RELATION_BY_DOMAIN["integriteit"]
        )
        return weights.pick(self.rng)

    def _melder_type(self, domain: str, categories: tuple[str, ...]) -> str | None:
        if domain in ("integriteit", "misstand"):
            return MELDER_TYPE_INTEGRITY_W.pick(self.rng)
        if "discriminatie" in categories and self.rng.random() < 0.1:
            return "sollicitant"
        return MELDER_TYPE_W.pick(self.rng)

    def _age_band(self, melder_type: str | None) -> str | None:
        if melder_type in ("stagiair", "vakantiekracht"):
            return AGE_YOUNG_W.pick(self.rng)
        if melder_type == "oud_medewerker":
            return AGE_OLD_W.pick(self.rng)
        return AGE_W.pick(self.rng)

    def _summary(self, categories: tuple[str, ...]) -> str:
        topics = " en ".join(t.SUMMARY_TOPICS[c] for c in categories[:2])
        return f"{topics[0].upper()}{topics[1:]}; {self.rng.choice(t.SUMMARY_REQUESTS)}."

    def _name(self, gender: str | None) -> str:
        rng = self.rng
        if gender == "vrouw" or (gender != "man" and rng.random() < 0.5):
            first = rng.choice(t.FIRST_NAMES_F)
        else:
            first = rng.choice(t.FIRST_NAMES_M)
        return f"{first} {rng.choice(t.SURNAMES)}"

    def _phone(self) -> str:
        return f"06-{self.rng.randint(1000, 9999)} {self.rng.randint(1000, 9999)}"

    def _melder(self, domain: str, gender: str | None) -> MelderIdentity:
        rng = self.rng
        if rng.random() < (0.4 if domain == "misstand" else 0.17):
            arrangement = rng.choice(t.CONTACT_ARRANGEMENTS_ANONYMOUS)
            return MelderIdentity(
                anonymous=True, contact_arrangement=arrangement.format(code=rng.randint(1000, 9999))
            )
        name = self._name(gender)
        first, _, last = name.partition(" ")
        email = f"{_ascii(first)}.{_ascii(last)}@example.nl"
        contact = rng.choice((self._phone(), self._phone(), email, f"{self._phone()}, {email}"))
        arrangement = rng.choice(t.CONTACT_ARRANGEMENTS_NAMED) if rng.random() < 0.15 else ""
        return MelderIdentity(
            anonymous=False, name=name, contact=contact, contact_arrangement=arrangement
        )

    def _persons(self, relation: str | None) -> list[InvolvedPerson]:
        rng = self.rng
        count = PERSON_COUNT_W.pick(rng)
        persons = []
        if count and relation in t.PERSON_DESCRIPTIONS and rng.random() < 0.8:
            persons.append(
                InvolvedPerson(
                    self._name(None), "beschuldigde", rng.choice(t.PERSON_DESCRIPTIONS[relation])
                )
            )
        while len(persons) < count:
            role = OTHER_ROLE_W.pick(rng)
            pool = {
                "getuige": t.WITNESS_DESCRIPTIONS,
                "leidinggevende": t.MANAGER_DESCRIPTIONS,
                "collega": t.PERSON_DESCRIPTIONS["collega"],
            }.get(role, t.OTHER_DESCRIPTIONS)
            persons.append(InvolvedPerson(self._name(None), role, rng.choice(pool)))
        return persons

    def _dates(self, case: Case, limit: date) -> None:
        """Consent, incident and report dates; ``limit`` is the last day the case was active."""
        rng = self.rng
        if rng.random() < 0.92:
            case.consent_given = True
            delay = 0 if rng.random() < 0.85 else rng.randint(1, 7)
            case.consent_date = min(case.opened + timedelta(days=delay), limit)
        if "ongewenst_gedrag" in case.domains and rng.random() < 0.65:
            case.incident_date = case.opened - timedelta(days=rng.randint(3, 42))
        if "vermoeden_misstand" in case.categories:
            case.report_date = min(case.opened + timedelta(days=rng.randint(2, 30)), limit)
            ack = case.report_date + timedelta(days=rng.randint(2, 12))
            if rng.random() < 0.6 and ack <= self.today:
                case.acknowledged_date = ack

    # --- consultations ------------------------------------------------------------------

    def _consultation_days(self, opened: date, count: int, slow: bool) -> list[date]:
        days, d = [opened], opened
        for _ in range(count - 1):
            d += timedelta(days=self.rng.choice(GAPS) * (2 if slow else 1))
            if d > self.today:
                break
            days.append(_on_weekday(d))
        return days

    def _consultations(self, case: Case, days: list[date], gender) -> list[Consultation]:
        rng = self.rng
        starts = sorted(
            datetime.combine(d, time(rng.choice(HOURS), rng.choice((0, 15, 30, 45)))) for d in days
        )
        first_channel = case.channel or "persoonlijk"
        pron = PRONOUNS.get(gender, PRONOUNS[None])
        domain = CATEGORY_DOMAIN[case.categories[0]]
        result = []
        for i, started in enumerate(starts):
            channel = first_channel if i == 0 else self._later_channel(first_channel)
            closing = case.closed is not None and i == len(starts) - 1 and i > 0
            notes, advice = (
                self._first_note(case, domain, pron)
                if i == 0
                else self._later_note(case, domain, pron, closing)
            )
            result.append(
                Consultation(started, self._duration(channel, i == 0), channel, notes, advice)
            )
        return result

    def _later_channel(self, first: str) -> str:
        if first != "via_derde" and self.rng.random() < 0.7:
            return first
        return LATER_CHANNEL_W.pick(self.rng)

    def _duration(self, channel: str, first: bool) -> int:
        if channel == "email":
            low, high = 15, 30
        elif channel == "telefoon":
            low, high = 15, 45
        else:
            low, high = (30, 90) if first else (30, 60)
        return self.rng.randrange(low, high + 5, 5)

    def _event(self, category: str, pron: dict) -> str:
        return self.rng.choice(t.EVENTS[category]).format(sinds=self.rng.choice(t.SINDS), **pron)

    def _first_note(self, case: Case, domain: str, pron: dict) -> tuple[str, str]:
        rng = self.rng
        sentences = [f"{rng.choice(t.OPENERS)} {self._event(case.categories[0], pron)}."]
        if len(case.categories) > 1 and rng.random() < 0.5:
            other = rng.choice(case.categories[1:])
            sentences.append(f"{rng.choice(SECOND_OPENERS)} {self._event(other, pron)}.")
        if rng.random() < 0.7:
            sentences.append(rng.choice(t.FEELINGS))
        if rng.random() < 0.6:
            sentences.append(rng.choice(DISCUSSED[domain]))
        advice = [rng.choice(ADVICE[domain])] if rng.random() < 0.8 else []
        if not advice or rng.random() < 0.8:
            advice.append(rng.choice(t.AGREEMENTS))
        return " ".join(sentences[:4]), " ".join(advice)

    def _later_note(self, case: Case, domain: str, pron: dict, closing: bool) -> tuple[str, str]:
        rng = self.rng
        if rng.random() < 0.85:
            sentences = [rng.choice(PROGRESS[domain])]
        else:
            sentences = [f"{rng.choice(t.OPENERS)} {self._event(case.categories[0], pron)}."]
        if rng.random() < 0.35:
            sentences.append(rng.choice(t.FEELINGS))
        if rng.random() < 0.35:
            sentences.append(rng.choice(DISCUSSED[domain]))
        if closing:
            return " ".join([*sentences[:2], rng.choice(t.CLOSINGS)]), "Geen verdere afspraken."
        advice = []
        if rng.random() < 0.4:
            advice.append(rng.choice(ADVICE[domain]))
        if rng.random() < 0.7:
            advice.append(rng.choice(t.AGREEMENTS))
        return " ".join(sentences), " ".join(advice)

    # --- follow-ups ---------------------------------------------------------------------

    def _follow_ups(self, case: Case, domain: str) -> list[FollowUp]:
        rng, today = self.rng, self.today
        result: list[FollowUp] = []
        end = case.closed or today
        done_count = DONE_FOLLOW_UPS_W.pick(rng) if case.closed else int(rng.random() < 0.4)
        span = (end - case.opened).days
        for _ in range(done_count):
            due = case.opened + timedelta(days=rng.randint(0, span))
            done = min(max(due + timedelta(days=rng.randint(-2, 3)), case.opened), end)
            result.append(self._follow_up(domain, due, done))
        if not case.closed:
            for _ in range(OPEN_FOLLOW_UPS_W.pick(rng)):
                if rng.random() < 0.2:
                    due = max(today - timedelta(days=rng.randint(1, 21)), case.opened)
                else:
                    due = today + timedelta(days=rng.randint(0, 35))
                result.append(self._follow_up(domain, due, None))
        result.extend(self._settled_deadlines(case))
        return result

    def _follow_up(self, domain: str, due: date, done: date | None) -> FollowUp:
        rng = self.rng
        kind = KIND_W.pick(rng)
        what = rng.choice(t.FOLLOW_UP_TEXTS[kind])
        destination = None
        if kind == "doorverwijzing":
            destination = REFERRAL_BY_DOMAIN[domain].pick(rng)  # shown beside ``what``
        return FollowUp(what, _on_weekday(due), kind, done, destination)

    @staticmethod
    def _settled_deadlines(case: Case) -> list[FollowUp]:
        """The acknowledgement deadline is met once the organisation acknowledged a report;
        the journal adds the remaining statutory deadlines itself, as open follow-ups."""
        if case.acknowledged_date is None:
            return []
        return [
            FollowUp(
                s.what, s.due, "wettelijke_termijn", case.acknowledged_date, statutory_key=s.key
            )
            for s in statutory_deadlines(case)
            if s.key == WBK_ACK_KEY
        ]


def generate_demo(cases: int, seed: int, today: date) -> DemoData:
    """``cases`` fictitious cases over about four years up to ``today``, sorted by opening."""
    if cases < 0:
        raise ValueError("cases must not be negative")
    generator = _Generator(random.Random(seed), today)
    pairs = sorted((generator.bundle() for _ in range(cases)), key=lambda p: p[0].case.opened)
    return DemoData(
        profile=generator.profile,
        organisations=list(generator.organisations),
        bundles=[bundle for bundle, _ in pairs],
        organisation_names=[name for _, name in pairs],
    )


def create_demo_journal(
    path: str | os.PathLike,
    passphrase: str,
    *,
    cases: int = 250,
    seed: int = 1,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    allow_sync_folder: bool = False,
) -> None:
    """Create a new journal at ``path`` filled with demo data, ``CHUNK_SIZE`` cases per
    transaction. On any failure (also an exception raised by ``progress``, which a caller
    can use to cancel) the files this call created are removed again."""
    data = generate_demo(cases, seed, today or date.today())
    order = sorted(range(len(data.bundles)), key=lambda i: data.bundles[i].case.opened)
    bundles = [data.bundles[i] for i in order]
    names = [data.organisation_names[i] for i in order]
    target = Path(path).expanduser().absolute()
    ours = [f"{target}{s}" for s in ("", "-wal", "-shm") if not os.path.lexists(f"{target}{s}")]
    journal = None
    try:
        journal = Journal.create(
            target,
            passphrase,
            allow_sync_folder=allow_sync_folder,
            profile=data.profile,
            organisations=data.organisations,
        )
        for start in range(0, len(bundles), CHUNK_SIZE):
            end = start + CHUNK_SIZE
            journal.import_bundles(bundles[start:end], names[start:end])
            if progress is not None:
                progress(min(end, len(bundles)), len(bundles))
        mark_as_demo(journal)  # so a later --demo sees whether the user changed it
    except BaseException:
        if journal is not None:
            journal.close()
        if f"{target}" in ours:  # never remove a file that was there before
            for name in ours:
                with contextlib.suppress(OSError):
                    os.remove(name)
        raise
    journal.close()
