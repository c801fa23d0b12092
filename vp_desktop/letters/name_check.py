"""Finding the names of people in a case inside a text, so letters stay anonymous.

Rules (each tested in tests/test_name_check.py):

* Case and accents do not matter: the text and the names are folded (NFKD without combining
  marks, casefold, ß → ss, the ĳ ligature → ij, typographic apostrophes → '). Offsets of the
  hits refer to the original text.
* Whole words only: "Jan" does not hit "januari" or "Jansen".
* For "Petra van den Berg" the variants are: the full name; the first name alone; the surname
  with its particles ("van den Berg"); the surname without particles ("Berg", only when at
  least 3 letters); first name + bare surname ("Petra Berg"); initials + surname
  ("P. van den Berg", "P.J. Berg").
* Dutch particles (van, de, den, der, 't, ter, ten, in, op, …) and Arabic/Romance articles
  (el, al, da, di, …) mark where the surname starts; a particle alone never hits.
* Double surnames ("Jansen-de Boer"): the whole, each part with and without its particles;
  the hyphen may also be written with spaces around it or as a space.
* Possessives: "Jans", "Jan's", "Jan’s", "de Vries'" hit, the suffix included in the span.
* Parts shorter than 2 letters (initials) never hit on their own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

PARTICLES = frozenset({
    "van", "de", "den", "der", "het", "'t", "t", "te", "ten", "ter", "in", "op", "aan", "bij",
    "uit", "voor", "over", "onder", "vanden", "vander", "la", "le", "du", "des", "del",
    "della", "da", "di", "do", "dos", "das", "el", "al", "ben", "bin", "ibn", "von", "zu",
})
_APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"}


@dataclass(frozen=True)
class NameHit:
    start: int
    end: int
    matched: str
    name: str
    role: str


def _fold_char(ch: str) -> str:
    ch = _APOSTROPHES.get(ch, ch)
    decomposed = unicodedata.normalize("NFKD", ch)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return kept.casefold()


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each folded character the index of its original one."""
    out: list[str] = []
    origin: list[int] = []
    if text.isascii():  # the common case: one character each, no decomposition
        return text.lower().replace("`", "'"), list(range(len(text)))
    for index, ch in enumerate(text):
        folded = ch.lower() if ch.isascii() and ch != "`" else _fold_char(ch)
        out.append(folded)
        origin.extend([index] * len(folded))
    return "".join(out), origin


def fold(text: str) -> str:
    return fold_with_map(text)[0]


_TOKEN = re.compile(r"[\w']+")
_SUFFIXES = ("'s", "s", "'")


def _name_tokens(folded_name: str) -> list[str]:
    """Words and hyphens of a folded name: "jansen-de boer" → jansen, -, de, boer."""
    return re.findall(r"-|[^\s-]+", folded_name)


def _letters(words) -> int:
    return sum(c.isalpha() for w in words for c in w)


def _split_name(tokens: list[str]) -> tuple[list[str], list[str]]:
    """First-name tokens and surname tokens. The surname is the last word with the particles
    and hyphen-joined words before it: "van den berg", "jansen - de boer", "el amrani"."""
    if not tokens:
        return [], []
    i = len(tokens) - 1
    while i > 0:
        before = tokens[i - 1]
        if before in PARTICLES:
            i -= 1
        elif before == "-" and i >= 2:
            i -= 2
        else:
            break
    return tokens[:i], tokens[i:]


def _words_of(tokens: list[str]) -> tuple[str, ...]:
    return tuple(t for t in tokens if t != "-")


def _without_particles(words: tuple[str, ...]) -> tuple[str, ...]:
    while words and words[0] in PARTICLES:
        words = words[1:]
    return words


def _surname_variants(surname: list[str]) -> set[tuple[str, ...]]:
    variants = {_words_of(surname), _without_particles(_words_of(surname))}
    if "-" in surname:  # double surname: each part, with and without its particles
        parts, current = [], []
        for token in surname:
            if token == "-":
                parts.append(current)
                current = []
            else:
                current.append(token)
        parts.append(current)
        for part in parts:
            variants |= {tuple(part), _without_particles(tuple(part))}
    return {v for v in variants if v and _letters(v) >= 3 and v[-1] not in PARTICLES}


def _person_variants(full_name: str) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    """(all variants, surname variants) of one person, as tuples of folded words."""
    tokens = _name_tokens(" ".join(fold(full_name).split()))
    if _letters(_words_of(tokens)) < 2:
        return set(), set()
    first, surname = _split_name(tokens)
    surnames = _surname_variants(surname)
    variants = {_words_of(tokens)} | surnames
    first_words = [w for w in _words_of(first) if _letters([w]) >= 2]
    variants |= {(w,) for w in first_words if w not in PARTICLES}
    if first_words:
        variants.add(tuple(first_words))
        core = _without_particles(_words_of(surname))
        if core:
            variants.add((*first_words, *core))
    variants = {v for v in variants if v and not (len(v) == 1 and v[0] in PARTICLES)}
    return variants, surnames


def name_variants(full_name: str) -> list[str]:
    """The folded forms searched for one person (besides initials + surname)."""
    variants, _ = _person_variants(full_name)
    return sorted((" ".join(v) for v in variants), key=lambda v: (-len(v), v))


def _strip_suffix(word: str) -> list[str]:
    return [word] + [word[: -len(s)] for s in _SUFFIXES if word.endswith(s) and len(word) > len(s)]


class _Index:
    def __init__(self, people: Iterable[tuple[str, str]]):
        self.by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        self.surnames: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        seen: set[str] = set()
        for name, role in people:
            if not name or not name.strip() or name in seen:
                continue
            seen.add(name)
            variants, surnames = _person_variants(name)
            for v in variants:
                self.by_first.setdefault(v[0], []).append((v, name, role))
            for v in surnames:
                self.surnames.setdefault(v[0], []).append((v, name, role))
        for table in (self.by_first, self.surnames):
            for entries in table.values():
                entries.sort(key=lambda e: -len(e[0]))

    def match(self, table, words: list[str], k: int):
        """The longest variant starting at word k: (variant length, name, role)."""
        candidates = []
        for key in _strip_suffix(words[k]):
            candidates += table.get(key, ())
        if not candidates:
            return None
        candidates.sort(key=lambda e: -len(e[0]))
        for variant, name, role in candidates:
            n = len(variant)
            if k + n > len(words):
                continue
            if list(variant[:-1]) == words[k:k + n - 1] and variant[-1] in _strip_suffix(
                    words[k + n - 1]):
                return n, name, role
        return None


def _tokens(folded: str) -> list[tuple[str, int, int]]:
    tokens = []
    for m in _TOKEN.finditer(folded):
        word, start = m.group(), m.start()
        if word != "'t":  # quotes around a word are not part of it
            stripped = word.lstrip("'")
            start += len(word) - len(stripped)
            word = stripped
        if word:
            tokens.append((word, start, m.end()))
    return tokens


def find_names(text: str, people: Iterable[tuple[str, str]]) -> list[NameHit]:
    index = _Index(people)
    if not index.by_first or not text:
        return []
    folded, origin = fold_with_map(text)
    tokens = _tokens(folded)
    words = [t[0] for t in tokens]
    hits: list[NameHit] = []
    k = 0
    while k < len(tokens):
        first = k
        while (k < len(tokens) - 1 and len(words[k]) == 1 and tokens[k][2] < len(folded)
               and folded[tokens[k][2]] == "."):  # initials: "p." "p.j."
            k += 1
        found = index.match(index.surnames, words, k) if k > first else None
        if found is None:
            k = first
            found = index.match(index.by_first, words, k)
        if found is None:
            k = first + 1
            continue
        n, name, role = found
        start, end = origin[tokens[first][1]], origin[tokens[k + n - 1][2] - 1] + 1
        hits.append(NameHit(start, end, text[start:end], name, role))
        k += n
    return hits


def redact(text: str, people: Iterable[tuple[str, str]],
           replacement: Callable[[str, str], str]) -> str:
    for hit in reversed(find_names(text, list(people))):
        text = text[:hit.start] + replacement(hit.name, hit.role) + text[hit.end:]
    return text
