"""The name check: find (and redact) names, contact data and possible names in a free text.

Letters and reports must never give away who the melder is, nor the names of the other people
in a case, unless the melder consented. Before a letter leaves the app its text is checked
against every person recorded in the journal (melders and other persons of all cases, the
case's own people first); every hit is shown to the VP, and the inzage report replaces hits
with the person's role. The check is deliberately generous: a false alarm costs the VP a
glance, a missed name can cost the melder a lot.

Three kinds of hit (:class:`NameHit`.kind), found by :func:`scan`:

* ``"name"``: a spelling of a recorded name (rules 1-12);
* ``"contact"``: an e-mail address or a Dutch phone number (rules 13-14); an address built
  from a recorded name carries that person's name and role, other contact data has name and
  role "";
* ``"possible"``: a capitalised word after a title or form of address that is no recorded
  name (rule 15), "mogelijk een naam"; its ``key`` (the folded words) is the same wherever
  the same spelling stands, so the caller can ask for one acknowledgement per key.

:func:`find_names` gives the names and the e-mail addresses built from names (what the name
check has always been about); :func:`redact` replaces every :func:`scan` hit.

Pure Python, standard library only; no Qt.

Matching rules
==============

1. **Folding.** Text and names are compared case-insensitively and without accents: both are
   case-folded and NFKD-decomposed with the combining marks dropped, so Özdemir = Ozdemir =
   ÖZDEMIR, Zoë = Zoe, Çelik = Celik, Linnéa = Linnea, ß = ss, and the ligature Ĳ/ĳ = "ij".
   Letters without a decomposition are mapped by hand (ø → o, æ → ae, œ → oe, ł → l, đ/ð → d,
   þ → th, dotless ı → i). Typographic apostrophes (’ ‘ ʼ ´ `) count as "'", the hyphen-like
   dashes (‐ ‑ ‒ – −, not the em dash) as "-", a non-breaking space as a space. Invisible
   format characters (soft hyphen, zero-width space, ...) are dropped, so "Pe\\u00adtra" is
   "Petra". Umlauts may also be written the German/Turkish way: ä/ö/ü ≡ ae/oe/ue
   ("Oezdemir"), as an extra variant of names that contain them.
2. **Offsets.** Matching runs on a folded copy of the text with a per-character map back to
   the original, so hits point into the text exactly as given, even where one character
   folds into several ("ß" → "ss") or into nothing (a combining accent, which is included in
   the hit of the letter it belongs to).
3. **Whole words.** A hit must not be preceded or followed by a letter or digit (underscore,
   punctuation, spaces and line breaks are boundaries): "Jan" does not hit "januari" or
   "Jansen", "Berg" not "bergen", "Vries" not "Vriesland", "Hof" not "hofje". Compounds are not
   names either: "Jansenweg" is a street, no hit (but "Jansen-weg" hits "Jansen").
   Apostrophes inside a name (d'Hondt, van 't Hof) are part of the name.
4. **Flexible spacing.** Between the words of a name any run of white space may stand,
   line breaks included ("van den\\nBerg"); a hyphen may have spaces around it.
5. **Variants searched** (see :func:`name_variants`; joined forms, rule 11, come on top),
   for a name parsed as given names + surname (particles + core, possibly several parts):

   * the full name;
   * each given name alone, all given names together; a hyphenated given name whole,
     with a space instead of the hyphen, and each part ("Jan-Willem", "Jan Willem", "Jan",
     "Willem");
   * the surname with its particles ("van den Berg", "de Vries", "van 't Hof", "El Amrani");
     a capitalised particle at the start of a sentence matches by rule 1;
   * the surname core without particles ("Berg", "Vries", "Hof") — only if it has at least
     3 letters (a surname without particles counts from 2 letters, like any name);
   * double surnames ("Jansen-de Boer"): whole, with a space instead of the hyphen
     ("Jansen de Boer"), each part with its particles ("Jansen", "de Boer") and each core
     ("Boer");
   * "van de(n/r)" abbreviated: "v.d. Berg", "vd Berg", "v/d Berg";
   * every given-name form combined with every surname form, including the core without
     particles ("Petra Berg", "Anouk de Boer", "Anouk Jansen").

   Particles (tussenvoegsels) are recognised from a list (van, de, den, der, het, 't, te, ten,
   ter, in, op, aan, bij, uit, onder, voor, over, tot, 's, d', l', la, le, du, des, da, di, del,
   della, dos, das, von, vom, zu, zum, zur, el, al, ben, bin, ibn, abu, bou, ...). As the
   *first* word of a name "al", "ben", "bin", "ibn", "abu" and "bou" count as given names
   (Al, Ben). A particle is never searched alone (a surname that is only a particle,
   "Jan Van", is searched after the given name only). Elided particles stick to the core
   ("d'Hondt", core "Hondt"). "Achternaam, Voornaam tussenvoegsel" ("Berg, Petra van den")
   is read as "Petra van den Berg". Without particles or hyphens the
   last word is the surname and the words before it are given names. Words that are initials
   ("P.J.") are not searched alone.
6. **Initials.** Initials before a surname form ("P. van den Berg", "P.J. de Vries",
   "Ph. Jansen", "IJ. de Boer") are part of the hit. Each initial must start with a capital
   in the original text, so lower-case abbreviations ("t.a.v. Jansen", "o.a. Jansen") stay out
   of the hit; a lower-case "v.d." is read as the particles of rule 5, so "P. v.d. Berg" is
   one hit too. Any initials count, not only the person's own: a differently-initialled
   namesake is still flagged, and leaving a stray initial before a redaction would leak.
   An initial alone never hits. At most eight initials in a row are read as initials.
7. **Suffixes.** A possessive or plural-like ending belongs to the hit, so redaction removes it
   cleanly: "Jans", "Jan's", "Jan’s", "Petra's", and a bare apostrophe after a name ending in
   s, x or z ("de Vries'", "Kees'").
8. **Too short.** Names and variants with fewer than 2 letters are ignored; empty names and
   duplicates in the people list are skipped. Brackets and
   other symbols in a name are ignored: "Jan (Johannes) de Vries".
9. **Overlaps.** Hits do not overlap; where candidates overlap the longest wins (then the
   earliest). A shorter candidate that lost only part of its span is tried again in the gap
   left free, so "Anna" in "Anna Petra van den Berg" is still found when both "Anna Petra"
   and "Petra van den Berg" are people in the case.
10. **Whose name.** When a variant belongs to several people, the hit goes to the person whose
    full name it is, else to the first in the list (:meth:`Case.named_persons` lists the
    melder first, the most sensitive attribution).

11. **Joined forms.** A surname with particles or an apostrophe is also searched glued
    together, particles and apostrophes dropped: "Vandenberg", "VanDenBerg", "Devries",
    "Elamrani", "ONeill"/"Oneill" (for O'Neill), "Vanthof", alone, after initials
    ("P. Vandenberg") and after a given name ("Petra Vandenberg"). Only for a core of at
    least 3 letters ("de Ur" would make every "deur" a name). Whole words still: not
    "Vandenbergstraat". Joined forms are searched, but not listed by :func:`name_variants`.
12. **Initials and particles the record lacks.** Before a surname hit, particles (van, de,
    den, der, ter, ten, 't, v.d., vd, v/d) and initials join the hit even where the recorded
    name has no such particles: "P. van den Berg" for a recorded "Petra Berg". Initials
    without dots ("JW Bakker") join only when they are capitals and the surname is not
    written in capitals (in "MET DE VRIES" the word "MET" stays out). A word glued to
    something before it ("Jan’S Bakker") does not join.
13. **E-mail addresses.** Every e-mail address is contact data. The local part is folded and
    cut at . _ - + and digits; each piece, and all pieces glued, is looked up among the
    recorded forms with up to three letters (initials) dropped at either end. So
    "p.vandenberg@...", "sjansen@...", "jan.de.vries@...", "devries.j@...", "sanne@..."
    belong to their person: the whole address is ONE hit of kind "contact" with that
    person's name and role (it is also returned by :func:`find_names`). The longest name
    found wins; without one in the local part, a name hit elsewhere in the address counts
    ("info@devries-advies.nl").
14. **Phone numbers.** Every Dutch phone number, in any spacing: 0 and nine digits, or +31 /
    0031 (optionally "(0)") and nine digits, with spaces, hyphens, dots or slashes between
    the digits and brackets round an area code: "0612345678", "06-12345678",
    "06 1234 5678", "+31 6 12345678", "+31(0)6-1234 5678", "020-1234567", "(020) 123 4567",
    "0031 20 123 4567". Not a number inside a longer run of digits or letters (IBAN), not a
    date followed by an hour ("01-02-2024 10"); shorter service numbers (0800-1234) and
    foreign numbers are not recognised.
15. **Possible names.** After a title or form of address (dhr, mevr, mvr, mw, mej, mr, dr,
    drs, ir, ing, prof, ds, each with or without a dot; meneer, mevrouw, (de) heer, collega,
    juffrouw, mejuffrouw, juf, zuster, broeder; case-insensitive), the words that follow form
    a possible name when they hold a word starting with a capital in the original text:
    initials ("J.", "J.W.") and particles in any case may stand before it, up to four
    capitalised words and the particles between them belong to it ("mevrouw Anna Smit-Bos",
    "dhr. J. van Dam", "mevrouw De Wit"). It ends at punctuation, a blank line or a word that
    is neither. Written-out forms take no dot ("met de heer. Daarna" is the end of a
    sentence); pronouns, a few sentence words and common abbreviations (VP, HR, OR, MT)
    after a title are no name ("dhr. Hij ging", "collega VP"). Decided: "De heer is ziek",
    "Geachte heer,", "beste collega's", "mevrouw de voorzitter", a title alone: no hit. A
    capital at the start of a sentence without a title is never flagged (far too noisy). A
    recorded name after a title is a name hit, never a possible one; where a recorded name
    stands inside the words after a title, the words on either side of it that still hold a
    capital are possible hits of their own ("de heer Jan van Dam", Jan recorded: "van Dam"
    possible).
16. **All kinds together.** :func:`scan` returns non-overlapping hits sorted by start: the
    longest wins; on the same span a name beats contact data beats a possible name; an
    e-mail address that contains a name is one contact hit.

Known over-matches, accepted: surnames that are also words ("de boer op gaan", "het Hof",
"de berg"); joined forms that are words ("debat" for a "de Bat"); a capital letter with a full
stop before a surname ("groep A. De Vries"); a capitalised ordinary word after a title
("collega Afdelingshoofd"); a ten-digit number starting with 0 that is no phone number.

What the check cannot know
==========================
It only finds what it can match. It cannot know names that were never recorded in the
journal (outside rule 15's titles), nicknames and short forms that are not a recorded given
name ("Hans" for Johannes, "Liz"), misspellings ("Jansen" written "Janssen"), descriptions
that identify someone without a name ("de teamleider van afdeling X", "de enige vrouw in het
team", "haar broer"), names written in another script (Arabic, Cyrillic, Chinese: folding only
removes Latin accents), names split by words or line breaks inside a word, initials alone
("J.V."), e-mail addresses whose local part is not built from a recorded name (they are found
as contact data, without a person), phone numbers from outside the Netherlands, addresses,
dates of birth, personnel numbers or other identifying details. The VP reads every text that
leaves the app; this check only helps.

Speed
=====
The name universe is the whole journal (a 10,000-case journal has some 30,000 people), so the
matcher does not try every name at every position. Per people list, every folded variant is
put in a bucket by its first word (a run of letters and digits); a bucket becomes a trie of
(separator, word) steps the first time a text contains its word. The text is folded once and
cut into words; at each word start (and at an apostrophe before one) the initials rule is
tried and the word's bucket is walked along the following words, so the work per text is
proportional to its length, not to the number of people. For 30,000 people building takes
about 1.3-1.5 s, the first three-page letter about 0.1 s (its buckets become tries), every
later one about 5 ms (tests/benchmarks/test_name_check_speed.py; the former single
alternation took 9.4 s to build and 1.6 s per letter). The index is cached per people list (an equal
list passed again costs one hash); it holds the names: :func:`clear_cache` drops it (call it
when the journal locks).
"""

from __future__ import annotations

import bisect
import inspect
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["NameHit", "clear_cache", "find_names", "name_variants", "redact", "scan"]


@dataclass(frozen=True)
class NameHit:
    start: int  # offsets into the original text
    end: int
    matched: str  # the text as it appears
    name: str  # the known full name it belongs to ("" for contact data or a possible name)
    role: str  # role code of that person ("" likewise)
    kind: str = "name"  # "name" | "contact" | "possible"
    key: str = ""  # folded matched text: stable per spelling, e.g. to acknowledge a possible name


# --- folding -------------------------------------------------------------------------------

# Applied to the raw character, before anything else.
_PRE_FOLD = {
    "\u2019": "'",  # right single quotation mark (typographic apostrophe)
    "\u2018": "'",
    "\u201b": "'",
    "\u02bc": "'",  # modifier letter apostrophe
    "\u00b4": "'",  # acute accent used as an apostrophe
    "\u2032": "'",  # prime
    "\uff07": "'",
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u2212": "-",  # minus sign
    "\ufe63": "-",
    "\uff0d": "-",
}
# Applied to the folded, decomposed characters: letters NFKD leaves alone.
_POST_FOLD = str.maketrans(
    {
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
        "ŧ": "t",
    }
)
_ASCII_FOLD = str.maketrans({"`": "'"})
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """Fold one non-ASCII character; may return several characters or none."""
    pre = _PRE_FOLD.get(ch)
    if pre is not None:
        return pre
    decomposed = unicodedata.normalize("NFKD", ch.casefold())
    kept = "".join(
        c
        for c in decomposed
        if not unicodedata.combining(c) and unicodedata.category(c) not in ("Cf", "Mn", "Me")
    )
    return kept.translate(_POST_FOLD)


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, per folded character, the index of its original character."""
    parts: list[str] = []
    src: list[int] = []
    pos = 0
    for m in _NON_ASCII_RUN.finditer(text):
        start, end = m.span()
        if start > pos:
            parts.append(text[pos:start].lower().translate(_ASCII_FOLD))
            src.extend(range(pos, start))
        for i in range(start, end):
            folded = _fold_char(text[i])
            if folded:
                parts.append(folded)
                src.extend([i] * len(folded))
        pos = end
    if pos < len(text):
        parts.append(text[pos:].lower().translate(_ASCII_FOLD))
        src.extend(range(pos, len(text)))
    return "".join(parts), src


def _fold(text: str) -> str:
    return _fold_with_map(text)[0]


# --- parsing names -------------------------------------------------------------------------

_PARTICLES = frozenset(
    {
        "van", "de", "den", "der", "het", "'t", "t", "te", "ten", "ter", "in", "op", "aan",
        "bij", "uit", "onder", "voor", "over", "tot", "'s", "d'", "l'", "la", "le", "les",
        "lo", "du", "des", "da", "dal", "di", "del", "della", "dello", "dos", "das", "do",
        "von", "vom", "zu", "zum", "zur", "am", "auf", "el", "al", "ben", "bin", "ibn",
        "abu", "bou",
    }
)  # fmt: skip
# As the first word of a name these are given names (Al, Ben), not particles.
_GIVEN_WHEN_LEADING = frozenset({"al", "ben", "bin", "ibn", "abu", "bou"})
_ELIDED_PARTICLE = re.compile(r"^([dl]')(.+)$")  # d'Hondt, l'Ami
_INITIALS_WORD = re.compile(r"^(?:[^\W\d_]{1,3}\.)+$")
_NAME_JUNK = re.compile(r"[^\w\s'.\-/]|_")
_SPACES = re.compile(r"\s+")
_HYPHEN = re.compile(r"\s*-\s*")
_NON_LETTER = re.compile(r"[\W\d_]+")
_NON_ALNUM = re.compile(r"[\W_]+")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def _letters(s: str) -> int:
    return len(_NON_LETTER.sub("", s))


def _is_particle(token: str) -> bool:
    return token in _PARTICLES


def _normalise(full_name: str) -> str:
    """Folded, cleaned name in given-names-first order; hyphens stand as " - " tokens."""
    name = _fold(full_name)
    if "," in name:  # "berg, petra van den" -> "petra van den berg"
        surname, _, rest = name.partition(",")
        rest_tokens = rest.replace(",", " ").split()
        moved: list[str] = []
        while rest_tokens and _is_particle(rest_tokens[-1]):
            moved.insert(0, rest_tokens.pop())
        name = " ".join([*rest_tokens, *moved, surname])
    name = _NAME_JUNK.sub(" ", name)
    name = _HYPHEN.sub(" - ", name)
    name = _SPACES.sub(" ", name).strip(" -")
    # keep "'s-gravesande" / "'t-hooft" together: a hyphen after an elided article joins
    name = re.sub(r"(^|\s)('[st]) - ", r"\1\2-", name)
    return name


@dataclass(frozen=True)
class _Part:
    particles: tuple[str, ...]
    core: str

    @property
    def with_particles(self) -> str:
        out = ""
        for token in (*self.particles, self.core):
            out += token if not out or out.endswith(("d'", "l'")) else " " + token
        return out


@dataclass(frozen=True)
class _ParsedName:
    canonical: str
    given: tuple[str, ...]  # given-name forms to search (alone and combined)
    parts: tuple[_Part, ...]
    seps: tuple[str, ...]  # separator before parts[1:], "-" or " "


def _split_elided(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for t in tokens:
        m = _ELIDED_PARTICLE.match(t)
        if m and _letters(m.group(2)) >= 1:
            out.extend([m.group(1), m.group(2)])
        else:
            out.append(t)
    return out


def _parse(full_name: str) -> _ParsedName | None:
    canonical = _normalise(full_name)
    if _letters(canonical) < 2:
        return None
    tokens = canonical.split(" ")

    # A hyphenated first word followed by more words is a given name (Jan-Willem de Vries);
    # a hyphen followed by a particle is a double surname (Jansen-de Boer).
    compound: list[str] = []
    if len(tokens) >= 3 and tokens[1] == "-" and not _is_particle(tokens[2]):
        i = 0
        compound = [tokens[0]]
        while i + 2 < len(tokens) and tokens[i + 1] == "-" and not _is_particle(tokens[i + 2]):
            compound.append(tokens[i + 2])
            i += 2
        if i + 1 < len(tokens):
            tokens = tokens[i + 1 :]
        else:
            compound = []  # the hyphenated word is all there is: a double surname
    rest = _split_elided(tokens)

    start: int | None = None
    for i, t in enumerate(rest):
        if t == "-" or i == len(rest) - 1:
            continue
        if _is_particle(t) and (i > 0 or compound or t not in _GIVEN_WHEN_LEADING):
            start = i
            break
    if "-" in rest:
        h = rest.index("-")
        hs = h - 1
        while hs > 0 and _is_particle(rest[hs - 1]):
            hs -= 1
        start = hs if start is None else min(start, hs)
    if start is None:
        start = len(rest) - 1 if rest else 0
    start = max(start, 0)

    given: list[str] = []
    given_words = [t for t in rest[:start] if not _INITIALS_WORD.match(t)]
    if compound:
        given += ["-".join(compound), " ".join(compound), *compound]
    given += given_words
    all_given = (["-".join(compound)] if compound else []) + given_words
    if len(all_given) > 1:
        given.append(" ".join(all_given))

    parts: list[_Part] = []
    seps: list[str] = []
    pending: list[str] = []
    sep = " "
    surname_tokens = rest[start:]
    for i, t in enumerate(surname_tokens):
        if t == "-":
            sep = "-"
            continue
        is_last = all(x == "-" for x in surname_tokens[i + 1 :])
        if _is_particle(t) and not is_last:
            pending.append(t)
            continue
        if parts:
            seps.append(sep)
        parts.append(_Part(tuple(pending), t))
        pending = []
        sep = " "
    return _ParsedName(
        canonical=canonical.replace(" - ", "-"),
        given=tuple(dict.fromkeys(g for g in given if _letters(g) >= 2)),
        parts=tuple(parts),
        seps=tuple(seps),
    )


def _surname_forms(parsed: _ParsedName) -> tuple[list[str], list[str]]:
    """(forms valid alone, extra forms valid only after a given name or initials)."""
    alone: list[str] = []
    combined_only: list[str] = []
    parts = parsed.parts
    if not parts:
        return alone, combined_only
    if len(parts) > 1:
        whole = parts[0].with_particles
        spaced = whole
        for sep, part in zip(parsed.seps, parts[1:], strict=True):
            whole += sep + part.with_particles
            spaced += " " + part.with_particles
        alone += [whole, spaced]
    for part in parts:
        alone.append(part.with_particles)
        if part.particles:
            (alone if _letters(part.core) >= 3 else combined_only).append(part.core)
            if part.particles in (("van", "de"), ("van", "den"), ("van", "der")):
                alone += [f"v.d. {part.core}", f"vd {part.core}", f"v/d {part.core}"]
    return alone, combined_only


def _variants_of(full_name: str, joined: bool = False) -> tuple[str, set[str], set[str]] | None:
    """(canonical full name, all variants, the variants that start with a surname); with
    ``joined`` also the glued surnames of :func:`_joined_forms`."""
    parsed = _parse(full_name)
    if parsed is None:
        return None
    sur_alone, sur_combined = _surname_forms(parsed)
    if joined:
        sur_alone += _joined_forms(parsed)
    # a surname that is a bare particle ("Jan Van") is only searched after the given name
    sur_combined += [s for s in sur_alone if s in _PARTICLES]
    sur_alone = [s for s in sur_alone if s not in _PARTICLES]
    variants: set[str] = {parsed.canonical, *parsed.given, *sur_alone}
    for g in parsed.given:
        for s in (*sur_alone, *sur_combined):
            variants.add(f"{g} {s}")
    surname_kind = set(sur_alone) | set(sur_combined)
    if not parsed.given:
        surname_kind.add(parsed.canonical)
    variants = {v for v in variants if _letters(v) >= 2}
    surname_kind = {v for v in surname_kind if _letters(v) >= 2}
    return parsed.canonical, variants, surname_kind


def _all_variants(full_name: str, joined: bool = False) -> tuple[str, set[str], set[str]] | None:
    """:func:`_variants_of` plus the ae/oe/ue spelling of names with umlauts."""
    base = _variants_of(full_name, joined)
    if base is None:
        return None
    transliterated = full_name.translate(_UMLAUTS)
    if transliterated != full_name:
        extra = _variants_of(transliterated, joined)
        if extra is not None:
            return base[0], base[1] | extra[1], base[2] | extra[2]
    return base


def name_variants(full_name: str) -> list[str]:
    """The folded forms searched for one name, longest first.

    Initials before a surname and possessive endings are added by the matcher and are not
    listed. Empty for names with fewer than 2 letters.
    """
    found = _all_variants(full_name or "")
    if found is None:
        return []
    return sorted(found[1], key=lambda v: (-len(v), v))


def _joined_forms(parsed: _ParsedName) -> list[str]:
    """Surnames glued together: particles and apostrophes dropped ("vandenberg", "oneill",
    "elamrani", "devries"). Only for a core of at least 3 letters, so "de Ur" does not turn
    every "deur" into a name. They count as surnames (initials may stand before them) and are
    combined with the given names like any surname form."""
    glued: list[str] = []
    for part in parsed.parts:
        if _letters(part.core) < 3 or not (part.particles or "'" in part.core):
            continue
        form = _NON_ALNUM.sub("", "".join((*part.particles, part.core)))
        if form not in glued:
            glued.append(form)
    return glued


# --- matching ------------------------------------------------------------------------------

_MAX_INITIALS = 8  # longer runs of "A.B.C." are no initials (and would cost quadratic time)
_INITIAL_CHUNK = re.compile(r"(?:chr|th|ch|ph|ij|[^\W\d_])\.\s*")
_RUN = re.compile(r"[^\W_]+")  # a run of letters and digits: the unit of whole-word matching
_RUN_SPLIT = re.compile(r"([^\W_]+)")
_SEP_HYPHEN = re.compile(r"\s*-\s*")
_SEP_DOT = re.compile(r"\.\s*")


def _key(s: str) -> str:
    """Identity of a variant regardless of spacing, hyphens, dots and apostrophes."""
    return _NON_ALNUM.sub("", s)


def _canon_sep(sep: str) -> str:
    """The separator between two runs as the matcher compares it: any white space is one
    space, spaces around a hyphen and after a dot do not count ("v. d.", "Jansen - de")."""
    if sep == " ":
        return sep
    sep = _SEP_HYPHEN.sub("-", sep)
    sep = _SEP_DOT.sub(".", sep)
    return _SPACES.sub(" ", sep)


@dataclass(frozen=True)
class _Owner:
    name: str
    role: str
    surname_kind: bool


# A trie node: children keyed by (separator, run), and the variants that end here as
# (trailing characters, variant, key).
_Node = tuple[dict[tuple[str, str], "_Node"], list[tuple[str, str, str]]]


@dataclass(frozen=True)
class _Matcher:
    # The variants by (leading characters, first run); each bucket becomes a trie the first
    # time a text has that word, so building stays cheap for a whole journal of names.
    buckets: dict[tuple[str, str], list[tuple[str, str]]]  # (variant, key)
    prefixes: tuple[str, ...]  # leading characters some variant starts with ("'")
    owners: dict[str, _Owner]
    tries: dict[tuple[str, str], _Node] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.buckets

    def node(self, edge: tuple[str, str]) -> _Node | None:
        """The trie of a bucket, built on first use (two threads building the same bucket at
        once build equal tries; either may be kept)."""
        node = self.tries.get(edge)
        if node is None:
            bucket = self.buckets.get(edge)
            if bucket is None:
                return None
            node = ({}, [])
            for variant, key in bucket:
                _insert(node, variant, key)
            self.tries[edge] = node
        return node


def _insert(node: _Node, variant: str, key: str) -> None:
    """Add a variant to the trie of its first run."""
    pieces = _RUN_SPLIT.split(variant)  # lead, run, separator, run, ..., run, trailing
    for k in range(2, len(pieces) - 1, 2):
        sep = pieces[k]
        edge = (sep if sep == " " else _canon_sep(sep), pieces[k + 1])
        child = node[0].get(edge)
        if child is None:
            child = node[0][edge] = ({}, [])
        node = child
    node[1].append((pieces[-1].strip(), variant, key))


# A matcher for 30,000 people takes some 40 MB: only the last few people lists are kept.
@lru_cache(maxsize=4)
def _matcher(people: tuple[tuple[str, str], ...]) -> _Matcher:
    ranked: dict[str, tuple[int, int, str, str]] = {}  # key -> (rank, order, name, role)
    surname_keys: set[str] = set()
    key_of: dict[str, str] = {}  # variant -> key
    for order, (name, role) in enumerate(people):
        found = _all_variants(name, joined=True)
        if found is None:
            continue
        canonical, person_variants, surname_kind = found
        for v in person_variants:
            k = key_of.get(v)
            if k is None:
                k = key_of[v] = _key(v)
            entry = (0 if v == canonical else 1, order, name, role)
            old = ranked.get(k)
            if old is None or entry[:2] < old[:2]:
                ranked[k] = entry
        for v in surname_kind:
            surname_keys.add(key_of.get(v) or _key(v))
    buckets: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for v, k in key_of.items():
        lead, run, *_rest = _RUN_SPLIT.split(v, maxsplit=1)
        edge = (_canon_sep(lead) if lead else lead, run)
        bucket = buckets.get(edge)
        if bucket is None:
            buckets[edge] = [(v, k)]
        else:
            bucket.append((v, k))
    prefixes = tuple(sorted({lead for lead, _run in buckets if lead}, key=len, reverse=True))
    owners = {
        k: _Owner(name=e[2], role=e[3], surname_kind=k in surname_keys) for k, e in ranked.items()
    }
    return _Matcher(buckets, prefixes, owners)


@lru_cache(maxsize=4)
def _matcher_as_given(people: tuple[tuple[str, str], ...]) -> _Matcher:
    return _matcher(_people_key(people))


def _matcher_of(people: Iterable[tuple[str, str]]) -> _Matcher:
    """The matcher for a people list; a list passed again (equal, not necessarily the same
    object) costs one hash of it, not a new normalisation."""
    as_given = tuple(people)
    try:
        return _matcher_as_given(as_given)
    except TypeError:  # unhashable pairs (lists): normalise every time
        return _matcher(_people_key(as_given))


def clear_cache() -> None:
    """Forget the indexed names of the people; call when the journal locks."""
    _matcher_as_given.cache_clear()
    _matcher.cache_clear()
    re.purge()


def _people_key(people: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    seen: dict[tuple[str, str], None] = {}
    for name, role in people:
        if name:
            name = " ".join(name.split())
            if name:
                seen[(name, role or "")] = None
    return tuple(seen)


@dataclass(frozen=True)
class _Raw:
    """A match at one position: optional initials, the name, the suffix."""

    init_start: int | None
    name_start: int
    name_end: int
    end: int
    key: str


class _Scan:
    """One folded text with its runs, matched against one :class:`_Matcher`."""

    def __init__(self, text: str, matcher: _Matcher) -> None:
        self.text = text
        self.matcher = matcher
        self.folded, self.src = _fold_with_map(text)
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.words: list[str] = []
        for m in _RUN.finditer(self.folded):
            self.starts.append(m.start())
            self.ends.append(m.end())
            self.words.append(m.group())
        self.run_at = {s: i for i, s in enumerate(self.starts)}
        self._seps: dict[int, str] = {}

    def sep_after(self, i: int) -> str:
        sep = self._seps.get(i)
        if sep is None:
            sep = self._seps[i] = _canon_sep(self.folded[self.ends[i] : self.starts[i + 1]])
        return sep

    def _is_word_char(self, pos: int) -> bool:
        return 0 <= pos < len(self.folded) and (self.folded[pos].isalnum())

    # -- the name at one position (no initials) --

    def _finish(
        self, trailing: str, variant: str, run_end: int, forced_s: bool, endpos: int
    ) -> tuple[int, int] | None:
        """(name end, hit end) for a variant whose last run ends at ``run_end``."""
        folded = self.folded
        if forced_s:  # the run is the variant's last run plus "s": "Jans", "IJzermans"
            return (run_end - 1, run_end) if not trailing else None
        name_end = run_end
        if trailing:
            if not folded.startswith(trailing, name_end) or name_end + len(trailing) > endpos:
                return None
            name_end += len(trailing)
        after = name_end
        if (
            folded.startswith("'s", after)
            and after + 2 <= endpos
            and (after + 2 == endpos or not self._is_word_char(after + 2))
        ):
            return name_end, after + 2
        if (
            folded.startswith("'", after)
            and after + 1 <= endpos
            and folded[name_end - 1] in "sxz"
            and (after + 1 == endpos or not self._is_word_char(after + 1))
        ):
            return name_end, after + 1
        if after == endpos or not self._is_word_char(after):
            return name_end, after
        return None

    def _walk(
        self,
        node: _Node,
        i: int,
        forced_s: bool,
        endpos: int,
        dotted_only: bool,
        best: list[tuple[tuple[int, str], str, int, int]],
    ) -> None:
        for trailing, variant, key in node[1]:
            if dotted_only and "." not in variant:
                continue
            rank = (-len(variant), variant)
            if best and best[0][0] <= rank:
                continue
            done = self._finish(trailing, variant, self.ends[i], forced_s, endpos)
            if done is not None:
                best[:] = [(rank, key, done[0], done[1])]
        if forced_s or not node[0] or i + 1 >= len(self.starts) or self.ends[i + 1] > endpos:
            return
        sep = self.sep_after(i)
        word = self.words[i + 1]
        child = node[0].get((sep, word))
        if child is not None:
            self._walk(child, i + 1, False, endpos, dotted_only, best)
        if word.endswith("s") and len(word) > 1:
            child = node[0].get((sep, word[:-1]))
            if child is not None:
                self._walk(child, i + 1, True, endpos, dotted_only, best)

    def name_at(self, pos: int, endpos: int, dotted_only: bool = False) -> _Raw | None:
        """The variant the text spells at ``pos`` (the longest, then alphabetical)."""
        starts: list[tuple[str, int]] = []
        i = self.run_at.get(pos)
        if i is not None:
            starts.append(("", i))
        else:
            for lead in self.matcher.prefixes:
                j = self.run_at.get(pos + len(lead))
                if j is not None and self.folded.startswith(lead, pos):
                    starts.append((lead, j))
        best: list[tuple[tuple[int, str], str, int, int]] = []
        matcher = self.matcher
        for lead, i in starts:
            if self.ends[i] > endpos:
                continue
            word = self.words[i]
            node = matcher.node((lead, word))
            if node is not None:
                self._walk(node, i, False, endpos, dotted_only, best)
            if word.endswith("s") and len(word) > 1:
                node = matcher.node((lead, word[:-1]))
                if node is not None:
                    self._walk(node, i, True, endpos, dotted_only, best)
        if not best:
            return None
        _rank, key, name_end, end = best[0]
        return _Raw(None, pos, name_end, end, key)

    def match_at(self, pos: int, endpos: int) -> _Raw | None:
        """What the name pattern matches at ``pos``: initials (as many as leave a name after
        them), then a name, then a suffix; or a name without initials."""
        if pos > 0 and self.folded[pos - 1].isalnum():
            return None
        bounds: list[int] = []
        b = pos
        while len(bounds) < _MAX_INITIALS:
            chunk = _INITIAL_CHUNK.match(self.folded, b, endpos)
            if chunk is None:
                break
            b = chunk.end()
            bounds.append(b)
        for b in reversed(bounds):
            raw = self.name_at(b, endpos)
            if raw is not None:
                return _Raw(pos, raw.name_start, raw.name_end, raw.end, raw.key)
        return self.name_at(pos, endpos)

    def positions(self) -> list[int]:
        """Every position a name can start at: each run start, and a leading apostrophe."""
        out: list[int] = []
        folded = self.folded
        prefixes = self.matcher.prefixes
        for s in self.starts:
            for lead in prefixes:
                p = s - len(lead)
                if (
                    p >= 0
                    and folded.startswith(lead, p)
                    and (p == 0 or not folded[p - 1].isalnum())
                ):
                    out.append(p)
            out.append(s)
        return out


_Candidate = tuple[int, int, str]  # folded start, folded end, variant key


def _candidate(raw: _Raw, scan: _Scan) -> _Candidate | None:
    matcher = scan.matcher
    owner = matcher.owners.get(raw.key)
    if owner is None:  # cannot happen: every variant is registered
        return None
    if raw.init_start is not None:
        init_start = raw.init_start
        # Each initial must start with a capital in the original ("P.J.", "Ph.", not "t.a.v.").
        bounds = [init_start]  # folded positions after 0, 1, 2, ... acceptable initials
        pos = init_start
        while pos < raw.name_start:
            chunk = _INITIAL_CHUNK.match(scan.folded, pos, raw.name_start)
            if chunk is None or not scan.text[scan.src[pos]].isupper():
                break
            pos = chunk.end()
            bounds.append(pos)
        if pos == raw.name_start and owner.surname_kind:
            return init_start, raw.end, raw.key
        # The initials swallowed a lower-case "v.d." ("v.d. Berg", "P. v.d. Berg"): only a
        # variant with dots can start there. Otherwise the surname without the initials is a
        # candidate of its own, found at its own position.
        for b in reversed(bounds):
            dotted = scan.name_at(b, len(scan.folded), dotted_only=True)
            found = _candidate(dotted, scan) if dotted else None
            if found and (b == init_start or matcher.owners[found[2]].surname_kind):
                return init_start, found[1], found[2]
        return None
    return raw.name_start, raw.end, raw.key


class _Disjoint:
    """Non-overlapping [start, end) spans sorted by start: overlap tests in O(log n)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        if i > 0 and self.ends[i - 1] > start:
            return True
        return i < len(self.starts) and self.starts[i] < end

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos)
        return i > 0 and self.ends[i - 1] > pos

    def next_start(self, pos: int, default: int) -> int:
        """The first start after ``pos``."""
        i = bisect.bisect_right(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else default

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _select(candidates: list[_Candidate], scan: _Scan) -> list[_Candidate]:
    chosen: set[_Candidate] = set()
    spans = _Disjoint()
    for c in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if not spans.overlaps(c[0], c[1]):
            chosen.add(c)
            spans.add(c[0], c[1])
    # A candidate that lost to a longer overlapping one may still fit in the gap before it.
    changed = True
    while changed:
        changed = False
        for c in candidates:
            if c in chosen or spans.covers(c[0]):
                continue
            limit = spans.next_start(c[0], len(scan.folded))
            raw = scan.match_at(c[0], limit)
            shorter = _candidate(raw, scan) if raw else None
            if shorter and not spans.overlaps(shorter[0], shorter[1]):
                chosen.add(shorter)
                spans.add(shorter[0], shorter[1])
                changed = True
    return sorted(chosen)


def _name_hits(scan: _Scan) -> list[NameHit]:
    candidates: dict[int, _Candidate] = {}
    for p in scan.positions():
        raw = scan.match_at(p, len(scan.folded))
        c = _candidate(raw, scan) if raw else None
        if c is not None:
            candidates[c[0]] = c
    if not candidates:
        return []
    hits: list[NameHit] = []
    text, src, n = scan.text, scan.src, len(scan.folded)
    for fs, fe, key in _select(list(candidates.values()), scan):
        start = src[fs]
        end = src[fe - 1] + 1
        # include characters that folded into nothing (combining accents, soft hyphens)
        end = max(end, src[fe] if fe < n else len(text))
        owner = scan.matcher.owners[key]
        if owner.surname_kind:
            start = _extend_left(text, start, end, hits[-1].end if hits else 0)
        matched = text[start:end]
        hits.append(NameHit(start, end, matched, owner.name, owner.role, "name", _hit_key(matched)))
    return hits


# Initials and particles written before a surname that the recorded name does not have
# ("P. van den Berg" for a recorded "Petra Berg", "JW Bakker"): they belong to the hit.
_LEFT_CONTEXT = re.compile(
    r"(?<![^\W_])(?P<init>(?:[^\W\d_]{1,2}\.\s*)+|[^\W\d_]{1,2}\s+)?"
    r"(?P<part>(?<![^\W_])(?:(?:van|von|de|den|der|ter|ten|['’]t|v\.\s*d\.|vd|v/d)\s+)+)?$",
    re.IGNORECASE,
)
_LEFT_INITIAL = re.compile(r"[^\W\d_]{1,2}\.")


def _extend_left(text: str, start: int, end: int, floor: int) -> int:
    """The start of a surname hit moved left over initials and particles standing before it.

    Dotted initials must each start with a capital ("P.", "Ph.", not "t.a.v."); undotted ones
    ("JW") must be all capitals in a hit that is not itself all capitals, so in a text in
    capitals "MET DE VRIES" does not take "MET".
    """
    m = _LEFT_CONTEXT.search(text, max(floor, start - 60), start)
    if m is None or m.start() == start:
        return start
    init = m.group("init")
    if init is not None and _left_boundary(text, m.start()):
        if "." in init:
            ok = all(c[0].isupper() for c in _LEFT_INITIAL.findall(init))
        else:
            hit = text[start:end]
            ok = init.strip().isupper() and not hit.isupper()
        if ok:
            return m.start()
    if m.group("part") is not None and _left_boundary(text, m.start("part")):
        return m.start("part")
    return start


def _left_boundary(text: str, pos: int) -> bool:
    """Whether a word starting at ``pos`` stands free: after white space or an opening mark,
    not glued to something else ("Jan’S Çelik" does not make "S" an initial)."""
    return pos == 0 or text[pos - 1].isspace() or text[pos - 1] in '([{"“«,;:/'


def _hit_key(matched: str) -> str:
    """A stable identity of a hit's text: folded, white space collapsed."""
    return _SPACES.sub(" ", _fold(matched)).strip()


# --- contact data ----------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+%'’\-])[\w][\w.+%'’\-]*"  # local part
    r"@[\w\-]+(?:\.[\w\-]+)*\.[^\W\d_]{2,}(?![\w])"  # domain
)
_PHONE_SEP = r"[ \u00a0.\-/]{0,3}"
_PHONE = re.compile(
    r"(?:(?<![+@])(?=\+)|(?<![\w+@]))(?<!\d[-./])"  # "+31" may stand glued to a word
    r"(?!\d{1,2}[-./]\d{1,2}[-./]\d{2,4})"  # not a date: 01-02-2024 10 uur
    rf"(?:(?:\+|00)[ \u00a0]?31(?:{_PHONE_SEP}\(0\))?{_PHONE_SEP}|\(0(?=\d{{1,3}}\))|0)"
    rf"\d(?:\)?{_PHONE_SEP}\d){{8}}"
    rf"(?![\w@])(?![ \u00a0.\-/]?\d)"  # not the start of a longer number ("06-1234 5678. 0…" is)
)
_LOCAL_SPLIT = re.compile(r"[^\W\d_]+")


def _email_owner(local: str, matcher: _Matcher) -> _Owner | None:
    """The person whose name the local part of an e-mail address is built from, if any.

    The local part is folded and cut at separators (. _ - + and digits); each piece, and all
    pieces glued, is looked up with up to three letters (initials) dropped at either end:
    "p.vandenberg", "sjansen", "jan.de.vries", "devries.j", "sanne".
    """
    if matcher.empty:
        return None
    pieces = _LOCAL_SPLIT.findall(_fold(local))
    if not pieces:
        return None
    owners = matcher.owners
    best: tuple[int, _Owner] | None = None
    for piece in dict.fromkeys([*pieces, "".join(pieces)]):
        n = len(piece)
        for i in range(min(3, n - 2) + 1):
            for j in range(n, max(n - 3, i + 2) - 1, -1):
                if j - i < (2 if (i, j) == (0, n) else 3):
                    continue
                owner = owners.get(piece[i:j])
                if owner is not None and (best is None or j - i > best[0]):
                    best = (j - i, owner)
    return best[1] if best else None


def _contact_hits(
    text: str, matcher: _Matcher, all_contacts: bool, names: list[NameHit]
) -> list[NameHit]:
    """E-mail addresses (with the person whose name built the local part, else the person of
    the first name hit inside the address, "jan@devries.nl") and phone numbers."""
    hits: list[NameHit] = []
    for m in _EMAIL.finditer(text):
        owner = _email_owner(m.group().partition("@")[0], matcher)
        if owner is not None:
            name, role = owner.name, owner.role
        else:
            inside = [h for h in names if m.start() <= h.start and h.end <= m.end()]
            name, role = (inside[0].name, inside[0].role) if inside else ("", "")
        if not name and not all_contacts:
            continue
        hits.append(
            NameHit(m.start(), m.end(), m.group(), name, role, "contact", _hit_key(m.group()))
        )
    if all_contacts:
        for m in _PHONE.finditer(text):
            hits.append(
                NameHit(m.start(), m.end(), m.group(), "", "", "contact", _hit_key(m.group()))
            )
    return hits


# --- possible names --------------------------------------------------------------------------

# Titles and forms of address, case-insensitive. Abbreviations may carry a dot; written-out
# forms may not (a dot there ends the sentence: "met de heer. Daarna").
_TITLE = re.compile(
    r"(?<![^\W_])(?i:(?:dhr|mevr|mvr|mw|mej|mr|dr|drs|ir|ing|prof|ds)\.?"
    r"|meneer|mevrouw|heer|collega|juffrouw|juf|zuster|broeder|mejuffrouw)"
    r"(?=\s|(?<=\.)[^\W\d_])"  # white space, or after a dot the name itself: "dhr.Smit"
)
_TOKEN = re.compile(
    r"[^\S\n]*\n?[^\S\n]*"  # white space, at most one line break
    r"(?P<w>(?:[^\W\d_]{1,2}\.)+|v\.d\.|v/d|['’][st]|[dl]['’]"  # initials, particles
    r"|[^\W\d_][\w'’\-]*[^\W_]|[^\W\d_])"  # a word
)
_INITIALS_TOKEN = re.compile(r"(?:[^\W\d_]{1,2}\.)+")
_NOT_A_NAME = frozenset(
    {
        "ik", "jij", "je", "u", "hij", "zij", "ze", "wij", "we", "jullie", "het", "dit", "dat",
        "die", "deze", "er", "daarna", "toen", "ook", "maar", "en", "of", "met", "na", "om",
        "als", "dan", "nu", "zo", "wel", "niet", "geen", "een", "wat", "wie", "waar", "is",
        "was", "heeft", "had", "zei", "belde", "kwam", "vp", "hr", "or", "mt", "ict", "ceo",
        "cao", "arbo",
    }
)  # fmt: skip


def _possible_candidates(text: str) -> list[tuple[int, list[tuple[int, int, bool]]]]:
    """Per title: the tokens of the name after it as (start, end, is a capitalised word)."""
    out: list[tuple[int, list[tuple[int, int, bool]]]] = []
    for title in _TITLE.finditer(text):
        pos = title.end()
        tokens: list[tuple[int, int, bool]] = []
        seen_core = seen_particle = False
        cores = 0
        while cores < 4:
            m = _TOKEN.match(text, pos)
            if m is None:
                break
            if m.start("w") == pos and text[pos - 1] != ".":
                break  # words need white space between them (after a dot, not: "J.W.Bakker")
            word = m.group("w")
            folded = _fold(word)
            if _INITIALS_TOKEN.fullmatch(word) and word[0].isupper():
                if seen_particle or seen_core:
                    break
                is_core = False
            elif folded in _PARTICLES or folded in ("v.d.", "vd", "v/d"):
                seen_particle = True
                is_core = False
            elif word[0].isupper() and folded not in _NOT_A_NAME:
                if text[m.end("w"):m.end("w") + 1] in ("&", "/") or (
                        seen_core and _letters(word) < 2):
                    break  # an abbreviation ("P&O", "HR/P&O"), not a name: "Dijkgraaf van P&O"
                is_core = seen_core = True
                seen_particle = False
                cores += 1
            else:
                break
            tokens.append((m.start("w"), m.end("w"), is_core))
            pos = m.end()
        if any(t[2] for t in tokens):
            out.append((title.start(), tokens))
    return out


def _possible_hits(text: str, taken: list[NameHit]) -> list[NameHit]:
    """Names after a title that are not recorded hits. Where a recorded hit lies inside, the
    words on either side of it that still hold a capitalised word are possible hits of their
    own ("de heer Jan van Dam" with Jan recorded: "Jan" a name, "van Dam" possible)."""
    hits: list[NameHit] = []
    spans = _Disjoint()
    for h in taken:
        spans.add(h.start, h.end)
    for _title_start, tokens in _possible_candidates(text):
        runs: list[list[tuple[int, int, bool]]] = [[]]
        for t in tokens:
            if spans.overlaps(t[0], t[1]):
                runs.append([])
            else:
                runs[-1].append(t)
        for kept in runs:
            while kept and not kept[-1][2]:
                kept.pop()
            if not kept:
                continue
            start, end = kept[0][0], kept[-1][1]
            matched = text[start:end]
            hits.append(NameHit(start, end, matched, "", "", "possible", _hit_key(matched)))
    return hits


# --- the public functions --------------------------------------------------------------------


def _non_overlapping(hits: list[NameHit]) -> list[NameHit]:
    """Longest first; on an equal span a name beats contact data beats a possible name."""
    order = {"name": 0, "contact": 1, "possible": 2}
    chosen: list[NameHit] = []
    spans = _Disjoint()
    for h in sorted(hits, key=lambda h: (h.start - h.end, order[h.kind], h.start)):
        if not spans.overlaps(h.start, h.end):
            chosen.append(h)
            spans.add(h.start, h.end)
    return sorted(chosen, key=lambda h: h.start)


def scan(
    text: str,
    people: Iterable[tuple[str, str]],
    *,
    contact_data: bool = True,
    possible: bool = True,
) -> list[NameHit]:
    """Every hit of every kind in ``text``: names of ``people`` ((full name, role) pairs),
    contact data, possible names after a title. Non-overlapping, sorted by start; offsets
    refer to ``text`` as given.

    An e-mail address built from a recorded name is always reported (kind "contact", with the
    person's name and role); ``contact_data`` adds every other e-mail address and every Dutch
    phone number (name and role ""); ``possible`` adds capitalised words after a title or form
    of address that are not a recorded name (kind "possible", name and role "", ``key`` the
    folded words).
    """
    if not text:
        return []
    matcher = _matcher_of(people)
    names = _name_hits(_Scan(text, matcher)) if not matcher.empty else []
    hits = _non_overlapping(names + _contact_hits(text, matcher, contact_data, names))
    if possible:
        hits = _non_overlapping(hits + _possible_hits(text, hits))
    return hits


def find_names(text: str, people: Iterable[tuple[str, str]]) -> list[NameHit]:
    """Every mention of a person of ``people`` ((full name, role) pairs) in ``text``, including
    e-mail addresses built from their names (kind "contact").

    Non-overlapping hits sorted by start; offsets refer to ``text`` as given.
    """
    return scan(text, people, contact_data=False, possible=False)


def _wants_hit(replacement: Callable[..., str]) -> bool:
    """Whether a replacement callback takes the hit (new style) or (name, role) (old style)."""
    try:
        parameters = inspect.signature(replacement).parameters.values()
    except (TypeError, ValueError):
        return True
    positional = [
        p
        for p in parameters
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty
    ]
    return len(positional) < 2 and not any(p.kind == p.VAR_POSITIONAL for p in parameters)


def redact(
    text: str,
    people: Iterable[tuple[str, str]],
    replacement: Callable[[NameHit], str] | Callable[[str, str], str],
    *,
    contact_data: bool = True,
    possible: bool = True,
) -> str:
    """``text`` with every hit of :func:`scan` replaced by ``replacement(hit)``; a callback
    taking two arguments is called as before, ``replacement(name, role)``."""
    new_style = _wants_hit(replacement)
    pieces: list[str] = []
    pos = 0
    for hit in scan(text, people, contact_data=contact_data, possible=possible):
        pieces.append(text[pos : hit.start])
        if new_style:
            pieces.append(replacement(hit))  # type: ignore[call-arg,arg-type]
        else:
            pieces.append(replacement(hit.name, hit.role))  # type: ignore[call-arg,arg-type]
        pos = hit.end
    pieces.append(text[pos:])
    return "".join(pieces)
