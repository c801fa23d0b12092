"""The name check: find (and redact) the names of the people in a case in a free text.

Letters and reports must never give away who the melder is, nor the names of the other people
in a case, unless the melder consented. Before a letter leaves the app its text is checked
against :meth:`Case.named_persons`; every hit is shown to the VP, and the inzage report replaces
hits with the person's role. The check is deliberately generous: a false alarm costs the VP a
glance, a missed name can cost the melder a lot.

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
5. **Variants searched** (see :func:`name_variants`), for a name parsed as given names +
   surname (particles + core, possibly several parts):

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
   An initial alone never hits.
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

Known over-matches, accepted: surnames that are also words ("de boer op gaan", "het Hof",
"de berg"); a capital letter with a full stop before a surname ("groep A. De Vries").

Speed: one regular expression per people list (an alternation of all folded variants, longest
first, inside a look-ahead so candidates at every word start are seen), cached per people
list; the text is folded once per call, ASCII runs in bulk. The cached patterns contain the
names: :func:`clear_cache` drops them (call it when the journal locks).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["NameHit", "clear_cache", "find_names", "name_variants", "redact"]


@dataclass(frozen=True)
class NameHit:
    start: int  # offsets into the original text
    end: int
    matched: str  # the text as it appears
    name: str  # the known full name it belongs to
    role: str  # role code of that person


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
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def _letters(s: str) -> int:
    return sum(c.isalpha() for c in s)


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


def _variants_of(full_name: str) -> tuple[str, set[str], set[str]] | None:
    """(canonical full name, all variants, the variants that start with a surname)."""
    parsed = _parse(full_name)
    if parsed is None:
        return None
    sur_alone, sur_combined = _surname_forms(parsed)
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


def _all_variants(full_name: str) -> tuple[str, set[str], set[str]] | None:
    """:func:`_variants_of` plus the ae/oe/ue spelling of names with umlauts."""
    base = _variants_of(full_name)
    if base is None:
        return None
    transliterated = full_name.translate(_UMLAUTS)
    if transliterated != full_name:
        extra = _variants_of(transliterated)
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


# --- matching ------------------------------------------------------------------------------

_WORD_CHAR = r"[^\W_]"
_INITIALS = r"(?:(?:chr|th|ch|ph|ij|[^\W\d_])\.\s*)+"
_SUFFIX = r"(?:'s|s|'(?<=[sxz]'))"
_INITIAL_CHUNK = re.compile(r"(?:chr|th|ch|ph|ij|[^\W\d_])\.\s*")


def _key(s: str) -> str:
    """Identity of a variant regardless of spacing, hyphens, dots and apostrophes."""
    return "".join(c for c in s if c.isalnum())


def _variant_regex(variant: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(variant):
        c = variant[i]
        if c == " ":
            out.append(r"\s+")
        elif c == "-":
            out.append(r"\s*-\s*")
        elif c == ".":
            out.append(r"\.\s*")
            if i + 1 < len(variant) and variant[i + 1] == " ":
                i += 1
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


@dataclass(frozen=True)
class _Owner:
    name: str
    role: str
    surname_kind: bool


@dataclass(frozen=True)
class _Matcher:
    pattern: re.Pattern[str] | None
    owners: dict[str, _Owner]
    # the variants containing a dot ("v.d. berg"), without the initials branch: tried where the
    # initials branch swallowed a lower-case "v.d." that is not a run of initials
    dotted: re.Pattern[str] | None = None


@lru_cache(maxsize=64)
def _matcher(people: tuple[tuple[str, str], ...]) -> _Matcher:
    ranked: dict[str, tuple[int, int, str, str]] = {}  # key -> (rank, order, name, role)
    surname_keys: set[str] = set()
    variants: set[str] = set()
    for order, (name, role) in enumerate(people):
        found = _all_variants(name)
        if found is None:
            continue
        canonical, person_variants, surname_kind = found
        variants |= person_variants
        surname_keys |= {_key(v) for v in surname_kind}
        for v in person_variants:
            k = _key(v)
            entry = (0 if v == canonical else 1, order, name, role)
            if k not in ranked or entry[:2] < ranked[k][:2]:
                ranked[k] = entry
    if not variants:
        return _Matcher(None, {})
    ordered = sorted(variants, key=lambda v: (-len(v), v))
    body = "|".join(_variant_regex(v) for v in ordered)
    pattern = re.compile(
        rf"(?<!{_WORD_CHAR})(?=(?P<init>{_INITIALS})?(?P<name>{body})(?P<suf>{_SUFFIX})?"
        rf"(?!{_WORD_CHAR}))"
    )
    dotted_body = "|".join(_variant_regex(v) for v in ordered if "." in v)
    dotted = (
        re.compile(
            rf"(?<!{_WORD_CHAR})(?=(?P<init>(?!))?(?P<name>{dotted_body})(?P<suf>{_SUFFIX})?"
            rf"(?!{_WORD_CHAR}))"
        )
        if dotted_body
        else None
    )
    owners = {
        k: _Owner(name=e[2], role=e[3], surname_kind=k in surname_keys) for k, e in ranked.items()
    }
    return _Matcher(pattern, owners, dotted)


def clear_cache() -> None:
    """Forget the compiled patterns, which hold the names of the people; call on lock."""
    _matcher.cache_clear()
    re.purge()


def _people_key(people: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    seen: dict[tuple[str, str], None] = {}
    for name, role in people:
        name = _SPACES.sub(" ", (name or "").strip())
        if name:
            seen.setdefault((name, role or ""), None)
    return tuple(seen)


_Candidate = tuple[int, int, str]  # folded start, folded end, variant key


def _candidate(m: re.Match[str], matcher: _Matcher, text: str, src: list[int]) -> _Candidate | None:
    name_start, name_end = m.span("name")
    key = _key(m.group("name"))
    owner = matcher.owners.get(key)
    if owner is None:  # cannot happen: every alternative is a registered variant
        return None
    end = m.end("suf") if m.group("suf") is not None else name_end
    if m.group("init") is not None:
        init_start = m.start("init")
        # Each initial must start with a capital in the original ("P.J.", "Ph.", not "t.a.v.").
        bounds = [init_start]  # folded positions after 0, 1, 2, ... acceptable initials
        pos = init_start
        while pos < name_start:
            chunk = _INITIAL_CHUNK.match(m.string, pos, name_start)
            if chunk is None or not text[src[pos]].isupper():
                break
            pos = chunk.end()
            bounds.append(pos)
        if pos == name_start and owner.surname_kind:
            return init_start, end, key
        # The initials branch swallowed a lower-case "v.d." ("v.d. Berg", "P. v.d. Berg"):
        # only a variant with dots can start there. Otherwise the surname without the
        # initials is a candidate of its own, found at its own position.
        if matcher.dotted is not None:
            for b in reversed(bounds):
                dotted = matcher.dotted.match(m.string, b)
                found = _candidate(dotted, matcher, text, src) if dotted else None
                if found and (b == init_start or matcher.owners[found[2]].surname_kind):
                    return init_start, found[1], found[2]
        return None
    return name_start, end, key


def _overlaps(a: _Candidate, b: _Candidate) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _select(
    candidates: list[_Candidate], matcher: _Matcher, folded: str, text: str, src: list[int]
) -> list[_Candidate]:
    assert matcher.pattern is not None
    chosen: list[_Candidate] = []
    for c in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if not any(_overlaps(c, s) for s in chosen):
            chosen.append(c)
    # A candidate that lost to a longer overlapping one may still fit in the gap before it.
    changed = True
    while changed:
        changed = False
        for c in candidates:
            if c in chosen or any(s[0] <= c[0] < s[1] for s in chosen):
                continue
            limit = min((s[0] for s in chosen if s[0] > c[0]), default=len(folded))
            m = matcher.pattern.match(folded, c[0], limit)
            shorter = _candidate(m, matcher, text, src) if m else None
            if shorter and not any(_overlaps(shorter, s) for s in chosen):
                chosen.append(shorter)
                changed = True
    return sorted(chosen)


def find_names(text: str, people: Iterable[tuple[str, str]]) -> list[NameHit]:
    """Every mention of a person of ``people`` ((full name, role) pairs) in ``text``.

    Non-overlapping hits sorted by start; offsets refer to ``text`` as given.
    """
    if not text:
        return []
    matcher = _matcher(_people_key(people))
    if matcher.pattern is None:
        return []
    folded, src = _fold_with_map(text)
    candidates: dict[int, _Candidate] = {}
    for m in matcher.pattern.finditer(folded):
        c = _candidate(m, matcher, text, src)
        if c is not None:
            candidates[c[0]] = c
    if not candidates:
        return []
    hits: list[NameHit] = []
    n = len(folded)
    for fs, fe, key in _select(list(candidates.values()), matcher, folded, text, src):
        start = src[fs]
        end = src[fe - 1] + 1
        # include characters that folded into nothing (combining accents, soft hyphens)
        end = max(end, src[fe] if fe < n else len(text))
        owner = matcher.owners[key]
        hits.append(NameHit(start, end, text[start:end], owner.name, owner.role))
    return hits


def redact(
    text: str,
    people: Iterable[tuple[str, str]],
    replacement: Callable[[str, str], str],
) -> str:
    """``text`` with every hit of :func:`find_names` replaced by ``replacement(name, role)``."""
    pieces: list[str] = []
    pos = 0
    for hit in find_names(text, people):
        pieces.append(text[pos : hit.start])
        pieces.append(replacement(hit.name, hit.role))
        pos = hit.end
    pieces.append(text[pos:])
    return "".join(pieces)
