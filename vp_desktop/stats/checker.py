"""An independent attacker against a :class:`Publication`: can any hidden count be worked out?

Same attacker model as :mod:`vp_desktop.stats.disclosure` (read its docstring), coded
separately so that a mistake in one shows up in the other:

* what the attacker knows of a cell: a published number exactly; a hidden "<k" cell lies in
  [1, k−1] when it is a primary suppression and in [k, N] when it is a secondary one (the
  attacker is granted that bit — the checker reads it from ``Cell.count < k``, the only
  use it makes of a true count); a merged-away cell (``shown == ""``) only its class:
  0 (which is not a secret), [1, k−1] or [k, N];
* the relations: a partition table's rows (merged members in place of their merged row)
  sum to N, a merged row is the sum of its members; in T2/T4 the two "onbekend" rows are
  equal, M = N − onbekend, and every domain, merged row and M lie between the largest and
  the sum of their parts; in T6b the bands bound the T1 contact total.

Method: interval propagation over those relations until nothing changes (for tree-shaped
relations like these the result is the exact range of every cell), then, where the number
of combinations is small, brute force over every combination of the unknown cells as a
second opinion — and always brute force for T6b, whose contact relation is not a tree.
A cell whose range is a single value is reported, and so is any published number from 1
to k−1 and anything published in a tiny publication beyond its total.
"""

from __future__ import annotations

import itertools
import re

from ..domain.vocabulary import CATEGORY_DOMAIN
from .tables import Cell, Publication, Table

BRUTE_FORCE_BUDGET = 20_000
CONTACT_BUDGET = 500_000

# Per band of T6b: the fewest and most contacts a case in it can have (None: no maximum).
_BAND_CONTACTS = {"1": (1, 1), "2_3": (2, 3), "4_6": (4, 6), "7_plus": (7, None)}
_NUMBER = re.compile(r"^[0-9]+$")


class _Puzzle:
    """Integer unknowns with ranges, and the relations between them."""

    def __init__(self, k: int, n: int, *, class_bit: bool = True) -> None:
        self.k, self.n = k, n
        self.class_bit = class_bit
        self.range: dict[str, list[int]] = {}
        self.watched: dict[str, str] = {}  # unknown → description, for hidden/merged cells
        self.sums: list[tuple[str, list[str]]] = []
        self.covers: list[tuple[str, list[str]]] = []
        self.equal: list[tuple[str, str]] = []

    def cell(self, name: str, cell: Cell, description: str) -> None:
        if cell.shown == "" or cell.hidden:
            if cell.count == 0:  # only a merged-away row can be 0: a known 0 gives nobody away
                low, high = 0, 0
            else:
                low, high = (1, self.k - 1) if cell.count < self.k else (self.k, self.n)
                if not self.class_bit:
                    low, high = 1, self.n
                self.watched[name] = description
        else:
            low = high = int(cell.shown)
        self.range[name] = [low, high]

    def unknown(self, name: str, low: int, high: int) -> None:
        self.range[name] = [low, high]

    # -- propagation

    def propagate(self) -> bool:
        """Narrow every range until stable; False when the relations cannot all hold."""
        r = self.range
        for _ in range(10_000):
            changed = False

            def narrow(name: str, low: int, high: int) -> None:
                nonlocal changed
                cur = r[name]
                if low > cur[0]:
                    cur[0], changed = low, True
                if high < cur[1]:
                    cur[1], changed = high, True

            for whole, parts in self.sums:
                narrow(whole, sum(r[p][0] for p in parts), sum(r[p][1] for p in parts))
                for p in parts:
                    rest_low = sum(r[q][0] for q in parts if q != p)
                    rest_high = sum(r[q][1] for q in parts if q != p)
                    narrow(p, r[whole][0] - rest_high, r[whole][1] - rest_low)
            for whole, parts in self.covers:
                narrow(whole, max(r[p][0] for p in parts), sum(r[p][1] for p in parts))
                for p in parts:
                    rest_high = sum(r[q][1] for q in parts if q != p)
                    narrow(p, r[whole][0] - rest_high, r[whole][1])
            for a, b in self.equal:
                narrow(a, r[b][0], r[b][1])
                narrow(b, r[a][0], r[a][1])
            if any(low > high for low, high in r.values()):
                return False
            if not changed:
                return True
        return False

    # -- brute force

    def holds(self, v: dict[str, int]) -> bool:
        return (
            all(v[w] == sum(v[p] for p in ps) for w, ps in self.sums)
            and all(max(v[p] for p in ps) <= v[w] <= sum(v[p] for p in ps) for w, ps in self.covers)
            and all(v[a] == v[b] for a, b in self.equal)
        )

    def brute_force(self, budget: int) -> dict[str, set[int]] | None:
        """Every value each unknown takes over all consistent assignments (None: too many)."""
        names = [x for x, (low, high) in self.range.items() if low < high]
        size = 1
        for x in names:
            size *= self.range[x][1] - self.range[x][0] + 1
            if size > budget:
                return None
        fixed = {x: low for x, (low, high) in self.range.items() if low == high}
        found: dict[str, set[int]] = {x: set() for x in self.range}
        for combo in itertools.product(
            *(range(self.range[x][0], self.range[x][1] + 1) for x in names)
        ):
            values = dict(fixed)
            values.update(zip(names, combo, strict=True))
            if self.holds(values):
                for x, value in values.items():
                    found[x].add(value)
        return found

    def recovered(self) -> list[str]:
        return [
            f"{self.watched[x]}: te herleiden als {self.range[x][0]}"
            for x in self.watched
            if self.range[x][0] == self.range[x][1]
        ]


def _numbers(pub: Publication) -> list[str]:
    """Every published number from 1 to k−1."""
    problems = []
    for table in pub.tables:
        if table.omitted:
            continue
        for cell in (*table.cells, *((table.total,) if table.total else ())):
            for what, value in (("", cell.shown), (" (vorig jaar)", cell.previous_shown)):
                if _NUMBER.match(value or "") and 1 <= int(value) < pub.k:
                    problems.append(
                        f"{table.id} {cell.label}{what}: {value} gepubliceerd (kleiner dan {pub.k})"
                    )
    return problems


def _is_published(cell: Cell) -> bool:
    return bool(cell.shown) or bool(cell.previous_shown)


def _tiny(pub: Publication) -> list[str]:
    problems = []
    for table in pub.tables:
        if table.id != "T1":
            if not table.omitted:
                problems.append(f"{table.id}: gepubliceerd in een verslag met te weinig meldingen")
            continue
        shown = [c for c in table.cells if _is_published(c)]
        if table.total is not None and _is_published(table.total):
            shown.append(table.total)
        if len(shown) > 1 or any(c.previous_shown for c in shown):
            problems.append(
                "T1: meer dan het totaal gepubliceerd in een verslag met te weinig meldingen"
            )
        if shown and shown[0].shown != f"<{pub.k}":
            problems.append(f"T1: totaal {shown[0].shown!r} in plaats van “<{pub.k}”")
    return problems


def _top_and_members(table: Table) -> tuple[list[Cell], dict[str, list[Cell]]]:
    top = [c for c in table.cells if not c.merged_into]
    members: dict[str, list[Cell]] = {}
    for c in table.cells:
        if c.merged_into:
            members.setdefault(c.merged_into, []).append(c)
    return top, members


def _partition(table: Table, n: int, k: int, contacts: tuple[int, int] | None) -> list[str]:
    # Partition tables hide by a rule that keeps primary and secondary cells apart from
    # nobody: granting the class bit would be an attacker the rule does not claim to stop
    # (the algorithm-aware attacker of the tests is the one it is built against).
    puzzle = _Puzzle(k, n, class_bit=False)
    puzzle.unknown("N", n, n)
    top, members = _top_and_members(table)
    leaves: dict[str, str] = {}  # cell key → unknown name, for the band check
    parts = []
    for cell in top:
        name = f"{table.id}/{cell.key}"
        puzzle.cell(name, cell, f"{table.id} {cell.label}")
        parts.append(name)
        if cell.key in members:
            names = []
            for m in members[cell.key]:
                names.append(f"{table.id}/{m.key}")
                puzzle.cell(names[-1], m, f"{table.id} {m.label} (samengevoegd)")
                leaves[m.key] = names[-1]
            puzzle.sums.append((name, names))
        else:
            leaves[cell.key] = name
    puzzle.sums.append(("N", parts))
    if not puzzle.propagate():
        return [f"{table.id}: de gepubliceerde aantallen kloppen niet met het totaal"]
    if contacts is not None:
        if set(leaves) != set(_BAND_CONTACTS):
            return [f"{table.id}: onverwachte banden {sorted(leaves)}"]
        return _bands(puzzle, leaves, contacts, table.id)
    problems = puzzle.recovered()
    found = puzzle.brute_force(BRUTE_FORCE_BUDGET)
    if found is not None:
        problems += _single(puzzle, found, problems)
    return problems


def _single(puzzle: _Puzzle, found: dict[str, set[int]], already: list[str]) -> list[str]:
    out = []
    for x, description in puzzle.watched.items():
        if len(found[x]) == 1:
            line = f"{description}: te herleiden als {next(iter(found[x]))}"
            if line not in already:
                out.append(line)
        elif not found[x]:
            out.append(f"{description}: geen enkele waarde past (tegenstrijdige tabel)")
    return out


def _bands(
    puzzle: _Puzzle, leaves: dict[str, str], contacts: tuple[int, int], tid: str
) -> list[str]:
    """T6b: enumerate the four bands (the last one follows from N) against the contact
    total, and derive every other unknown (merged rows) from them."""
    keys = list(_BAND_CONTACTS)
    names = [leaves[key] for key in keys]
    spans = {x: puzzle.range[x] for x in names}
    names.sort(key=lambda x: spans[x][1] - spans[x][0])
    free, last = names[:-1], names[-1]
    size = 1
    for x in free:
        size *= spans[x][1] - spans[x][0] + 1
    if size > CONTACT_BUDGET:
        return [f"{tid}: te veel mogelijkheden om te controleren ({size})"]
    found: dict[str, set[int]] = {x: set() for x in puzzle.range}
    c_low, c_high = contacts
    for combo in itertools.product(*(range(spans[x][0], spans[x][1] + 1) for x in free)):
        values = dict(zip(free, combo, strict=True))
        values[last] = puzzle.n - sum(combo)
        if not spans[last][0] <= values[last] <= spans[last][1]:
            continue
        # merged rows and N follow from the bands
        for whole, parts in puzzle.sums:
            if whole != "N":
                values[whole] = sum(values[p] for p in parts)
        values["N"] = puzzle.n
        for x, (low, high) in puzzle.range.items():
            if x not in values:
                values[x] = low if low == high else -1
        if any(not puzzle.range[x][0] <= v <= puzzle.range[x][1] for x, v in values.items()):
            continue
        if not puzzle.holds(values):
            continue
        fewest = sum(_BAND_CONTACTS[key][0] * values[leaves[key]] for key in keys)
        unbounded = any(_BAND_CONTACTS[key][1] is None and values[leaves[key]] > 0 for key in keys)
        most = (
            None
            if unbounded
            else sum(
                (_BAND_CONTACTS[key][1] or 0) * values[leaves[key]]
                for key in keys
                if values[leaves[key]] > 0
            )
        )
        if fewest > c_high or (most is not None and most < c_low):
            continue
        for x, v in values.items():
            found[x].add(v)
    return _single(puzzle, found, [])


def _block(t2: Table, t4: Table, n: int, k: int) -> list[str]:
    puzzle = _Puzzle(k, n)
    puzzle.unknown("N", n, n)
    puzzle.unknown("M", 0, n)
    top2, members2 = _top_and_members(t2)
    domain_parts: dict[str, list[str]] = {}
    problems = []
    for cell in top2:
        name = f"T2/{cell.key}"
        puzzle.cell(name, cell, f"T2 {cell.label}")
        if cell.key == "onbekend":
            continue
        if cell.key in members2:
            names = []
            domains: set[str | None] = set()
            for m in members2[cell.key]:
                names.append(f"T2/{m.key}")
                puzzle.cell(names[-1], m, f"T2 {m.label} (samengevoegd)")
                domains.add(CATEGORY_DOMAIN.get(m.key))
            if len(domains) != 1 or None in domains:
                problems.append(f"T2 {cell.label}: samengevoegd over domeinen heen")
                continue
            puzzle.covers.append((name, names))
            popped = domains.pop()
            assert popped is not None
            domain = popped
        else:
            known = CATEGORY_DOMAIN.get(cell.key)
            if known is None:
                problems.append(f"T2 {cell.label}: onbekende categorie")
                continue
            domain = known
        domain_parts.setdefault(domain, []).append(name)
    top4, members4 = _top_and_members(t4)
    if members4:
        problems.append("T4: samengevoegde domeinen worden niet ondersteund")
    domain_names: list[str] = []
    for cell in top4:
        name = f"T4/{cell.key}"
        puzzle.cell(name, cell, f"T4 {cell.label}")
        if cell.key == "onbekend":
            continue
        domain_names.append(name)
        parts = domain_parts.pop(cell.key, [])
        if parts:
            puzzle.covers.append((name, parts))
        else:
            puzzle.range[name][1] = 0  # a domain without any category row cannot count
    if domain_parts:
        problems.append(f"T2: categorieën zonder domeinrij in T4: {sorted(domain_parts)}")
    if "T2/onbekend" not in puzzle.range or "T4/onbekend" not in puzzle.range:
        return problems + ["T2/T4: rij ‘onbekend’ ontbreekt"]
    puzzle.equal.append(("T2/onbekend", "T4/onbekend"))
    puzzle.sums.append(("N", ["T2/onbekend", "M"]))
    puzzle.covers.append(("M", domain_names))
    if not puzzle.propagate():
        return problems + ["T2/T4: de gepubliceerde aantallen kunnen niet allemaal kloppen"]
    problems += puzzle.recovered()
    found = puzzle.brute_force(BRUTE_FORCE_BUDGET)
    if found is not None:
        problems += _single(puzzle, found, problems)
    return problems


def recoverable_cells(pub: Publication) -> list[str]:
    """Descriptions (Dutch) of every hidden cell an attacker can work out exactly, and of
    every published number from 1 to k−1; empty when the publication is safe."""
    problems = _numbers(pub)
    if pub.tiny:
        return problems + _tiny(pub)
    tables = {t.id: t for t in pub.tables}
    t1 = tables.get("T1")
    cells = {c.key: c for c in t1.cells} if t1 else {}
    meldingen = cells.get("meldingen")
    if meldingen is None or not _NUMBER.match(meldingen.shown):
        return problems + [
            "T1: het aantal meldingen is niet gepubliceerd (en het verslag is "
            "niet als klein gemarkeerd)"
        ]
    n = int(meldingen.shown)
    if 0 < n < pub.k:
        return problems + [f"T1: {n} meldingen maar niet als klein verslag gepubliceerd"]
    contacten = cells.get("contacten")
    if contacten is not None and _NUMBER.match(contacten.shown):
        contacts = (int(contacten.shown), int(contacten.shown))
    elif contacten is not None and contacten.shown.startswith("<") and \
            int(contacten.shown[1:]) > pub.k:
        contacts = (n, int(contacten.shown[1:]) - 1)  # "<N+k": at least one per case
    elif contacten is not None and contacten.shown.startswith("<"):
        contacts = (1, pub.k - 1)
    else:
        contacts = (0, 10**9)  # not published: no constraint
    for table in pub.tables:
        if table.omitted or table.id == "T1" or table.multi_count:
            continue
        if table.total is not None and table.total.shown != str(n):
            problems.append(f"{table.id}: totaal {table.total.shown} ≠ {n} meldingen")
        problems += _partition(table, n, pub.k, contacts if table.id == "T6b" else None)
    t2, t4 = tables.get("T2"), tables.get("T4")
    if t2 is not None and t4 is not None and not t2.omitted and not t4.omitted:
        problems += _block(t2, t4, n, pub.k)
    elif (t2 is not None and not t2.omitted) or (t4 is not None and not t4.omitted):
        problems.append("T2/T4: maar één van beide gepubliceerd; de controle verwacht ze samen")
    return problems
