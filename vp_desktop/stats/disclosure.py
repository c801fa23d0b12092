"""Disclosure control for the yearly report: what of the true counts may be published.

:func:`publish` turns the anonymous records of a year into a :class:`Publication`: every
count either published, hidden as "<k", or merged into a larger row, with the reason for
each, so that no published figure — alone, with a total, or with another table — gives a
small number away. :mod:`vp_desktop.stats.checker` attacks the result independently.

Rules
-----
* k is 3..10 (default 5). A count from 1 to k−1 is published as "<k" (primary
  suppression); 0 is published as "0".
* Every table except the multi-count ones (T2 categories, T4 domains) has a total row:
  the number of meldingen N from T1. T2 and T4 have no total row; their footnote gives
  N ("aantal dossiers").
* Secondary suppression: more counts are hidden (also shown as "<k") until no hidden
  count can be worked out from what is published (the attacker model below). The count
  hidden next is the smallest visible non-zero count that is linked to the one that could
  be worked out (same table; for T2/T4 first the same domain).
* Merging: when more than half of a table's non-zero rows would be hidden, rare rows
  (1..k−1) are merged — T3, T5, T6a into one "Overig (samengevoegd)" row, the rare
  categories of a domain in T2 into "Overige: <domein>", and the rare high (or low) bands
  of T6b/T6c into their neighbouring band ("4 of meer"). Suppression is then applied to
  the merged table again. A merge is kept only when it leaves more non-zero counts
  visible than suppression alone; otherwise the unmerged table is published.
* T7 (gender) is published only when every cell is 0 or at least k; else it is omitted.
* No cross-tables; nothing but counts; no dates finer than the year.
* Fewer than k cases in the year (but at least one): a *tiny* publication — only the
  total, as "<k", and the narrative; every table is omitted.
* Last year's meldingen and contacts (T1) follow the same "<k" rule.

Attacker model (the checker implements the same model in its own code)
------------------------------------------------------------------------
The attacker knows everything that is published and the rules above, and in addition —
to be on the safe side — whether each hidden cell is a primary or a secondary
suppression (an export showing a reason, or an attacker re-running the algorithm, could
tell). So the attacker knows, per cell:

* a published number v: exactly v ("0" is exactly 0);
* a primary "<k": a value in [1, k−1]; a secondary "<k": a value in [k, N];
* a merged-away row: nothing of its own, but the merged row is the sum (T3/T5/T6) or the
  union (T2: cases with at least one of the categories) of its members, and per member
  the same class bit: 0, [1, k−1] or [k, N]. (A member known to be 0 is no secret: a 0
  is published as "0" anyway.)

and these relations between cells, which are all the logical relations there are
between the published tables (every combination satisfying them can be realised by some
journal, so the attacker can infer nothing more from the tables alone):

* partition tables (T3, T5, T6a, T6b, T6c, T7): the rows sum to N; a merged row is the
  sum of its members;
* T2/T4: "onbekend" (no category) is the same number U in both; M = N − U cases have a
  category; every domain count D satisfies max(rows of its categories) ≤ D ≤ sum(rows),
  and likewise max(D) ≤ M ≤ sum(D), and a merged T2 row G satisfies
  max(members) ≤ G ≤ sum(members) ("cover" relations). So a hidden domain can be
  bounded by its categories and vice versa: if a domain has one non-zero category, the
  two counts are equal and are hidden together; a category hidden as "<5" next to a
  visible category of 8 in a domain of 12 would be exactly 4 — so the 8 is hidden too;
* T1 contacts C and T6b: every case has at least one contact, a case in band "2–3" two or
  three, and so on, so sum(low_b × n_b) ≤ C ≤ sum(high_b × n_b) (no upper bound when
  "7 of meer" is not 0).

A hidden or merged-away cell is *recoverable* when all assignments consistent with this
knowledge give it the same value. Publication requires that no cell is recoverable.

How it is computed: partition tables and the T2/T4 block form trees of "sum" and "cover"
relations (N → rows → merged members; N → {U, M}, M → domains → categories → merged
members). For such trees the exact range of every node follows from two passes of
interval arithmetic (bottom-up: what its subtree allows; top-down: what the rest allows),
see :func:`_project`; the result is exact because the relation graph is a tree and each
relation's projection onto one node is an interval. The contact relation of T6b is not a
tree relation: T6b is additionally checked by enumerating every assignment of its four
bands within their ranges (:func:`_contact_pins`).

Not modelled (known limits): an attacker who knows individual cases (a manager who knows
of one complaint); differencing against other publications of the same cases (the
report of all organisations together versus per organisation, or a corrected re-issue);
an attacker who uses the order in which the algorithm picks secondary cells.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..domain.model import CaseStatistics
from ..domain.vocabulary import CATEGORY_DOMAIN, DOMAINS
from .aggregate import (
    CONTACT_BANDS,
    ROW_LABELS,
    TABLE_TITLES,
    UNKNOWN,
    cases_with_any,
    count_tables,
)
from .tables import Cell, Publication, Table

K_MIN, K_MAX = 3, 10

PRIMARY = "primary"
SECONDARY = "secondary"

SUM, COVER, LEAF = "sum", "cover", "leaf"

# T6b is checked by enumerating band assignments; beyond this many the table is treated as
# unsafe (hidden further, in the end omitted) rather than published unchecked.
CONTACT_ENUMERATION_BUDGET = 400_000

OVERIG_KEY = "overig"
OVERIG_LABEL = "Overig (samengevoegd)"


class Unprotectable(Exception):
    """No way to hide enough of a table: it is omitted."""


# --------------------------------------------------------------------------- rows


@dataclass(eq=False)  # rows are compared by identity
class _Row:
    key: str
    label: str
    count: int
    state: str = ""  # "", PRIMARY or SECONDARY
    members: tuple[str, ...] = ()  # a merged row: the keys of the rows merged into it
    group: str = ""  # a merged-away row: the key of the merged row
    domain: str = ""  # T2/T4: the domain a row belongs to

    @property
    def top(self) -> bool:
        return not self.group

    @property
    def visible_nonzero(self) -> bool:
        return self.top and not self.state and self.count > 0


def _initial_state(count: int, k: int) -> str:
    return PRIMARY if 0 < count < k else ""


def _box(row: _Row, k: int, n: int) -> tuple[int, int]:
    """What the attacker knows of a published (or hidden) row."""
    if row.state == PRIMARY:
        return (1, k - 1)
    if row.state == SECONDARY:
        return (k, n)
    return (row.count, row.count)


def _member_box(count: int, k: int, n: int) -> tuple[int, int]:
    """What the attacker knows of a merged-away row: only its class."""
    if count == 0:
        return (0, 0)
    return (1, k - 1) if count < k else (k, n)


# --------------------------------------------------------------------------- the engine


@dataclass
class _Node:
    name: str
    kind: str  # SUM, COVER or LEAF
    box: tuple[int, int]
    truth: int
    watch: bool  # hidden or merged away: must not be recoverable
    rows: tuple[_Row, ...] = ()  # the published rows this node stands for
    children: list[int] = field(default_factory=list)


class _Tree:
    def __init__(self) -> None:
        self.nodes: list[_Node] = []

    def add(self, name, kind, box, truth, *, watch=False, rows=(), parent=None) -> int:
        self.nodes.append(_Node(name, kind, box, truth, watch, tuple(rows)))
        index = len(self.nodes) - 1
        if parent is not None:
            self.nodes[parent].children.append(index)
        return index


def _project(nodes: Sequence[_Node], root: int = 0) -> list[tuple[int, int]]:
    """The exact range of every node of a sum/cover tree, given every node's box.

    Bottom-up, B(v) is the range v's own subtree allows: box ∩ [Σ lo, Σ hi] of the children
    for a sum, box ∩ [max lo, Σ hi] for a cover. Top-down, T(c) narrows B(c) by what the
    parent's exact range T(p) and the siblings' B allow:
    sum: [lo T(p) − Σ hi(sib), hi T(p) − Σ lo(sib)]; cover: [lo T(p) − Σ hi(sib), hi T(p)].
    """
    order: list[int] = []
    stack = [(root, False)]
    while stack:
        v, done = stack.pop()
        if done:
            order.append(v)
            continue
        stack.append((v, True))
        stack.extend((c, False) for c in nodes[v].children)
    low: dict[int, int] = {}
    high: dict[int, int] = {}
    for v in order:  # children before parents
        node = nodes[v]
        lo, hi = node.box
        if node.children:
            los = [low[c] for c in node.children]
            his = [high[c] for c in node.children]
            lo = max(lo, sum(los) if node.kind == SUM else max(los))
            hi = min(hi, sum(his))
        low[v], high[v] = lo, hi
    ranges: list[tuple[int, int]] = [(0, -1)] * len(nodes)
    ranges[root] = (low[root], high[root])
    for v in reversed(order):  # parents before children
        node = nodes[v]
        if not node.children:
            continue
        p_lo, p_hi = ranges[v]
        sum_lo = sum(low[c] for c in node.children)
        sum_hi = sum(high[c] for c in node.children)
        for c in node.children:
            others_lo, others_hi = sum_lo - low[c], sum_hi - high[c]
            lo = max(low[c], p_lo - others_hi)
            hi = min(high[c], p_hi - others_lo if node.kind == SUM else p_hi)
            ranges[c] = (lo, hi)
    for v, (lo, hi) in enumerate(ranges):
        if not lo <= nodes[v].truth <= hi:  # the true counts always satisfy the relations
            raise AssertionError(f"inconsistent counts at {nodes[v].name}: {lo}..{hi}")
    return ranges


def _pinned(tree: _Tree, ranges: list[tuple[int, int]]) -> list[_Node]:
    return [n for n, (lo, hi) in zip(tree.nodes, ranges, strict=True) if n.watch and lo == hi]


# --------------------------------------------------------------------------- partition tables


def _partition_tree(rows: list[_Row], n: int, k: int, tid: str) -> _Tree:
    tree = _Tree()
    root = tree.add(f"{tid}:totaal", SUM, (n, n), n)
    by_key = {r.key: r for r in rows}
    for row in rows:
        if row.top:
            _add_row(tree, tid, row, by_key, SUM, root, k, n)
    return tree


def _add_row(tree: _Tree, tid: str, row: _Row, by_key: dict, merged_kind: str, parent: int,
             k: int, n: int) -> None:
    """A published row as a node; a merged row also gets its members as leaves below it."""
    node = tree.add(
        f"{tid}:{row.key}",
        merged_kind if row.members else LEAF,
        _box(row, k, n),
        row.count,
        watch=bool(row.state),
        rows=(row,),
        parent=parent,
    )
    for key in row.members:
        member = by_key[key]
        tree.add(
            f"{tid}:{key}",
            LEAF,
            _member_box(member.count, k, n),
            member.count,
            watch=member.count > 0,  # a known 0 gives nobody away
            rows=(member,),
            parent=node,
        )


def _contact_pins(tree: _Tree, ranges, n: int, contacts: int) -> list[_Node] | None:
    """T6b with the T1 contact total: the hidden cells whose value every consistent band
    assignment agrees on; None when there are too many assignments to enumerate."""
    band_index = {b.key: i for i, b in enumerate(CONTACT_BANDS)}
    leaves: list[int | None] = [None] * len(CONTACT_BANDS)
    for v, node in enumerate(tree.nodes):
        if not node.children and node.rows and node.rows[0].key in band_index:
            leaves[band_index[node.rows[0].key]] = v
    if any(v is None for v in leaves):
        raise AssertionError("T6b without its four bands")
    spans = [ranges[v] for v in leaves]
    groups = [
        (v, [leaves.index(c) for c in node.children], ranges[v])
        for v, node in enumerate(tree.nodes)
        if node.children and v != 0
    ]
    order = sorted(range(len(leaves)), key=lambda i: spans[i][1] - spans[i][0])
    free, last = order[:-1], order[-1]
    size = 1
    for i in free:
        size *= spans[i][1] - spans[i][0] + 1
    if size > CONTACT_ENUMERATION_BUDGET:
        return None
    lows = [b.low for b in CONTACT_BANDS]
    highs = [b.high for b in CONTACT_BANDS]
    top = len(CONTACT_BANDS) - 1
    seen: dict[int, set[int]] = {v: set() for v in leaves}
    seen.update({g: set() for g, _, _ in groups})
    values = [0] * len(leaves)
    for combo in itertools.product(*(range(spans[i][0], spans[i][1] + 1) for i in free)):
        for i, value in zip(free, combo, strict=True):
            values[i] = value
        values[last] = n - sum(combo)
        if not spans[last][0] <= values[last] <= spans[last][1]:
            continue
        group_values = [sum(values[i] for i in members) for _, members, _ in groups]
        if any(
            not lo <= gv <= hi for gv, (_, _, (lo, hi)) in zip(group_values, groups, strict=True)
        ):
            continue
        if sum(lo * x for lo, x in zip(lows, values, strict=True)) > contacts:
            continue
        if (
            values[top] == 0
            and sum(hi * x for hi, x in zip(highs[:top], values[:top], strict=True)) < contacts
        ):
            continue
        for i, v in enumerate(leaves):
            seen[v].add(values[i])
        for (g, _, _), gv in zip(groups, group_values, strict=True):
            seen[g].add(gv)
    return [tree.nodes[v] for v, found in seen.items() if tree.nodes[v].watch and len(found) == 1]


def _suppress_partition(
    rows: list[_Row], n: int, k: int, tid: str, contacts: int | None = None
) -> None:
    """Hide rows (in place) until nothing hidden is recoverable; Unprotectable if stuck."""
    for row in rows:
        row.state = _initial_state(row.count, k) if row.top else ""
    by_key = {r.key: r for r in rows}
    while True:
        tree = _partition_tree(rows, n, k, tid)
        ranges = _project(tree.nodes)
        pinned = _pinned(tree, ranges)
        if not pinned and contacts is not None and any(r.state or r.group for r in rows):
            found = _contact_pins(tree, ranges, n, contacts)
            pinned = list(tree.nodes) if found is None else found
        if not pinned:
            return
        choice = None
        for node in pinned:  # a merged-away row given away by its merged row: hide that
            row = node.rows[0] if node.rows else None
            if row is not None and row.group and by_key[row.group].visible_nonzero:
                choice = by_key[row.group]
                break
        if choice is None:
            candidates = [r for r in rows if r.visible_nonzero]
            if not candidates:
                raise Unprotectable(tid)
            choice = min(candidates, key=lambda r: r.count)
        choice.state = SECONDARY if choice.count >= k else PRIMARY


def _mostly_hidden(rows: Sequence[_Row]) -> bool:
    nonzero = [r for r in rows if r.top and r.count > 0]
    hidden = [r for r in nonzero if r.state]
    return 2 * len(hidden) > len(nonzero)


def _visible_count(rows: Sequence[_Row]) -> int:
    return sum(1 for r in rows if r.visible_nonzero)


def _merge_rare(rows: list[_Row], k: int, tid: str) -> list[_Row] | None:
    """T3, T5, T6a: every rare row (1..k−1) into one "overig" row at the end."""
    rare = [r for r in rows if 0 < r.count < k]
    if len(rare) < 2 or any(r.key == OVERIG_KEY for r in rows):
        return None
    keys = tuple(r.key for r in rare)
    merged = [
        _Row(r.key, r.label, r.count, group=OVERIG_KEY if r.key in keys else "") for r in rows
    ]
    merged.append(_Row(OVERIG_KEY, OVERIG_LABEL, sum(r.count for r in rare), members=keys))
    return merged


_TIME_GROUP_LABELS = {
    (1, 3): "1 uur of meer",
    (2, 3): "Meer dan 3 uur",
    (0, 1): "3 uur of minder",
    (0, 2): "6 uur of minder",
    (1, 2): "1–6 uur",
}


def _band_group_label(tid: str, first: int, last: int) -> str:
    if tid == "T6c":
        return _TIME_GROUP_LABELS[(first, last)]
    low, high = CONTACT_BANDS[first].low, CONTACT_BANDS[last].high
    return f"{low} of meer" if high is None else f"{low}–{high}"


def _merge_bands(rows: list[_Row], k: int, tid: str) -> list[_Row] | None:
    """T6b, T6c: a rare highest (or lowest) band merged with its neighbours until ≥ k."""
    counts = [r.count for r in rows]
    nonzero = [i for i, c in enumerate(counts) if c > 0]
    if not nonzero:
        return None
    spans: list[tuple[int, int]] = []
    last = len(rows) - 1
    if 0 < counts[nonzero[-1]] < k:
        start, total = last, counts[last]
        while total < k and start > 0:
            start -= 1
            total += counts[start]
        if start > 0:
            spans.append((start, last))
    if 0 < counts[nonzero[0]] < k:
        end, total = 0, counts[0]
        while total < k and end < last:
            end += 1
            total += counts[end]
        if end < last and all(end < s for s, _ in spans):
            spans.append((0, end))
    if not spans:
        return None
    merged: list[_Row] = []
    for i, row in enumerate(rows):
        span = next((s for s in spans if s[0] <= i <= s[1]), None)
        if span is None:
            merged.append(_Row(row.key, row.label, row.count))
            continue
        members = rows[span[0] : span[1] + 1]
        key = "+".join(m.key for m in members)
        if i == span[0]:
            merged.append(
                _Row(
                    key,
                    _band_group_label(tid, *span),
                    sum(m.count for m in members),
                    members=tuple(m.key for m in members),
                )
            )
        merged.append(_Row(row.key, row.label, row.count, group=key))
    return merged


def _publish_partition(
    tid: str, counts: dict[str, int], n: int, k: int, contacts: int | None = None
) -> tuple[list[_Row], bool]:
    """The rows of a partition table with their states; (rows, merged?).
    Raises Unprotectable when neither the plain nor the merged table can be made safe."""
    rows = [_Row(key, label, counts[key]) for key, label in ROW_LABELS[tid]]
    plain: list[_Row] | None = rows
    try:
        _suppress_partition(rows, n, k, tid, contacts)
    except Unprotectable:
        plain = None
    if plain is not None and not _mostly_hidden(plain):
        return plain, False
    merge = _merge_bands if tid in ("T6b", "T6c") else _merge_rare
    merged = merge(rows, k, tid)
    if merged is not None:
        try:
            _suppress_partition(merged, n, k, tid, contacts)
        except Unprotectable:
            merged = None
    if merged is not None and (plain is None or _visible_count(merged) > _visible_count(plain)):
        return merged, True
    if plain is None:
        raise Unprotectable(tid)
    return plain, False


# --------------------------------------------------------------------------- T2 and T4


@dataclass
class _Block:
    t2: list[_Row]
    t4: list[_Row]

    def unknown_rows(self) -> tuple[_Row, _Row]:
        return (
            next(r for r in self.t2 if r.key == UNKNOWN),
            next(r for r in self.t4 if r.key == UNKNOWN),
        )


def _block_tree(block: _Block, n: int, k: int) -> _Tree:
    tree = _Tree()
    root = tree.add("N", SUM, (n, n), n)
    u2, u4 = block.unknown_rows()
    tree.add(
        "T2/T4:onbekend",
        LEAF,
        _box(u2, k, n),
        u2.count,
        watch=bool(u2.state),
        rows=(u2, u4),
        parent=root,
    )
    cases_with_category = n - u2.count
    m = tree.add("M", COVER, (0, n), cases_with_category, parent=root)
    by_key = {r.key: r for r in block.t2}
    for d_row in block.t4:
        if d_row.key == UNKNOWN:
            continue
        d = tree.add(
            f"T4:{d_row.key}",
            COVER,
            _box(d_row, k, n),
            d_row.count,
            watch=bool(d_row.state),
            rows=(d_row,),
            parent=m,
        )
        for row in block.t2:
            if row.top and row.domain == d_row.key:
                _add_row(tree, "T2", row, by_key, COVER, d, k, n)
    return tree


def _block_candidate(block: _Block, pinned: list[_Node]) -> _Row | None:
    by_key = {r.key: r for r in block.t2}
    for node in pinned:
        row = node.rows[0] if node.rows else None
        if row is not None and row.group and by_key[row.group].visible_nonzero:
            return by_key[row.group]
    row = pinned[0].rows[0] if pinned[0].rows else None
    domain = row.domain if row is not None else ""
    tiers = [
        [r for r in block.t2 if domain and r.domain == domain]
        + [r for r in block.t4 if domain and r.key == domain],
        list(block.t4),
        block.t2 + block.t4,
    ]
    for tier in tiers:
        candidates = [r for r in tier if r.visible_nonzero]
        if candidates:
            return min(candidates, key=lambda r: r.count)
    return None


def _suppress_block(block: _Block, n: int, k: int) -> None:
    for row in block.t2 + block.t4:
        row.state = _initial_state(row.count, k) if row.top else ""
    u2, u4 = block.unknown_rows()
    while True:
        tree = _block_tree(block, n, k)
        pinned = _pinned(tree, _project(tree.nodes))
        if not pinned:
            return
        choice = _block_candidate(block, pinned)
        if choice is None:
            raise Unprotectable("T2/T4")
        state = SECONDARY if choice.count >= k else PRIMARY
        for row in (u2, u4) if choice in (u2, u4) else (choice,):
            row.state = state


def _merge_categories(block: _Block, records, k: int) -> _Block | None:
    """T2: per domain, its rare categories (1..k−1) into one row "Overige: <domein>"."""
    groups: dict[str, tuple[str, ...]] = {}
    for domain in DOMAINS.codes():
        rare = tuple(r.key for r in block.t2 if r.domain == domain and 0 < r.count < k)
        if len(rare) >= 2:
            groups[domain] = rare
    if not groups:
        return None
    t2: list[_Row] = []
    for row in block.t2:
        group = next((f"{OVERIG_KEY}_{d}" for d, keys in groups.items() if row.key in keys), "")
        t2.append(_Row(row.key, row.label, row.count, group=group, domain=row.domain))
        domain = row.domain
        is_last_of_domain = domain in groups and not any(
            r.domain == domain for r in block.t2[block.t2.index(row) + 1 :]
        )
        if is_last_of_domain:
            keys = groups[domain]
            others_shown = any(
                r.domain == domain and r.key not in keys and r.count >= k for r in block.t2
            )
            name = DOMAINS.label(domain)
            if domain == "overig" or not others_shown:
                label = f"{name} (samengevoegd)"
            else:
                label = f"Overige: {name}"
            t2.append(
                _Row(
                    f"{OVERIG_KEY}_{domain}",
                    label,
                    cases_with_any(records, keys),
                    members=keys,
                    domain=domain,
                )
            )
    t4 = [_Row(r.key, r.label, r.count, domain=r.domain) for r in block.t4]
    return _Block(t2, t4)


def _publish_block(counts, records, n: int, k: int) -> tuple[_Block, bool]:
    block = _Block(
        [
            _Row(key, label, counts["T2"][key], domain=CATEGORY_DOMAIN.get(key, ""))
            for key, label in ROW_LABELS["T2"]
        ],
        [
            _Row(key, label, counts["T4"][key], domain=key if key != UNKNOWN else "")
            for key, label in ROW_LABELS["T4"]
        ],
    )
    plain: _Block | None = block
    try:
        _suppress_block(block, n, k)
    except Unprotectable:
        plain = None
    if plain is not None and not _mostly_hidden(plain.t2):
        return plain, False
    merged = _merge_categories(block, records, k)
    if merged is not None:
        try:
            _suppress_block(merged, n, k)
        except Unprotectable:
            merged = None
    if merged is not None and (
        plain is None or _visible_count(merged.t2 + merged.t4) > _visible_count(plain.t2 + plain.t4)
    ):
        return merged, True
    if plain is None:
        raise Unprotectable("T2/T4")
    return plain, False


# --------------------------------------------------------------------------- output


def _primary_reason(k: int) -> str:
    return f"primair: telt 1 tot en met {k - 1}"


SECONDARY_REASON = (
    "secundair: mee verborgen, anders zou een klein aantal uit het totaal of een andere "
    "tabel te herleiden zijn"
)


def _cells(rows: Sequence[_Row], k: int) -> tuple[Cell, ...]:
    labels = {r.key: r.label for r in rows}
    cells = []
    for row in rows:
        if row.group:
            cells.append(
                Cell(
                    row.key,
                    row.label,
                    row.count,
                    "",
                    False,
                    f"samengevoegd in ‘{labels[row.group]}’",
                    merged_into=row.group,
                )
            )
        elif row.state:
            reason = _primary_reason(k) if row.state == PRIMARY else SECONDARY_REASON
            cells.append(Cell(row.key, row.label, row.count, f"<{k}", True, reason))
        else:
            cells.append(Cell(row.key, row.label, row.count, str(row.count)))
    return tuple(cells)


def _total(n: int) -> Cell:
    return Cell("totaal", "Totaal", n, str(n))


def _merge_footnotes(rows: Sequence[_Row], *, union: bool) -> list[str]:
    labels = {r.key: r.label for r in rows}
    notes = []
    for row in rows:
        if row.members:
            names = ", ".join(labels[m] for m in row.members)
            how = "telt de meldingen met ten minste één van" if union else "omvat"
            notes.append(
                f"‘{row.label}’ {how}: {names} — samengevoegd omdat ze "
                "afzonderlijk te klein waren om te tonen."
            )
    return notes


def _omitted_table(
    tid: str, counts: dict[str, int], reason: str, *, multi_count: bool = False
) -> Table:
    cells = tuple(
        Cell(key, label, counts.get(key, 0), "", False, "tabel niet gepubliceerd")
        for key, label in ROW_LABELS[tid]
    )
    return Table(
        tid, TABLE_TITLES[tid], cells, multi_count=multi_count, omitted=True, omitted_reason=reason
    )


def _shown(count: int, k: int) -> str:
    return f"<{k}" if 0 < count < k else str(count)


def _review_lines(table: Table, k: int) -> list[str]:
    head = f"{table.id} {table.title}"
    if table.omitted:
        return [f"{head}: hele tabel niet gepubliceerd — {table.omitted_reason}"]
    lines = []
    for cell in table.cells:
        if cell.merged_into:
            lines.append(f"{head} · {cell.label}: {cell.count} → {cell.reason}")
        elif cell.hidden:
            lines.append(f"{head} · {cell.label}: {cell.count} → {cell.shown} ({cell.reason})")
        if cell.previous is not None and 0 < cell.previous < k:
            lines.append(
                f"{head} · {cell.label} vorig jaar: {cell.previous} → "
                f"{cell.previous_shown} ({_primary_reason(k)})"
            )
    return lines


def _check_k(k) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or not K_MIN <= k <= K_MAX:
        raise ValueError(
            f"De drempelwaarde k moet een geheel getal van {K_MIN} tot en met {K_MAX} zijn "
            f"(gekregen: {k!r})."
        )


def _rule_notes(k: int) -> list[str]:
    return [
        f"Drempelwaarde k = {k}: aantallen van 1 tot en met {k - 1} staan in dit verslag als "
        f"“<{k}”, zodat geen cijfer tot een persoon te herleiden is.",
        f"Waar een klein aantal anders uit een totaal of uit een andere tabel terug te "
        f"rekenen zou zijn, is ook een groter aantal verborgen; ook dat staat er als “<{k}”.",
        "Er is geen uitsplitsing naar afdeling, team of locatie, er zijn geen kruistabellen, "
        "en er staat geen tekst uit dossiers in: alleen aantallen, per jaar.",
    ]


TINY_REASON = (
    "Minder meldingen dan de drempelwaarde: elke verdeling zou tot personen te herleiden zijn."
)


def _tiny(counts, *, year: int, organisation: str, k: int, narrative: str) -> Publication:
    n = counts["T1"]["meldingen"]
    t1 = Table(
        "T1",
        TABLE_TITLES["T1"],
        (
            Cell(
                "meldingen",
                ROW_LABELS["T1"][0][1],
                n,
                f"<{k}",
                True,
                f"kleine organisatie: minder dan {k} meldingen",
            ),
        ),
    )
    tables = [t1] + [
        _omitted_table(tid, counts[tid], TINY_REASON, multi_count=tid in ("T2", "T4"))
        for tid in TABLE_TITLES
        if tid != "T1"
    ]
    note = (
        f"Er waren in {year} minder dan {k} meldingen. Elke verdeling (naar categorie, relatie, "
        "uitkomst, kanaal of geslacht) zou dan tot personen te herleiden zijn; daarom staan "
        f"in dit verslag alleen het totaal (“<{k}”) en de toelichting van de "
        "vertrouwenspersoon. Ook het aantal contacten en de vergelijking met vorig jaar "
        "blijven achterwege."
    )
    labels = dict(ROW_LABELS["T1"])
    review = [
        f"T1 {t1.title} · {labels['meldingen']}: {n} → <{k} (kleine organisatie)",
        f"T1 {t1.title} · {labels['contacten']}: {counts['T1']['contacten']} → niet "
        "gepubliceerd (kleine organisatie)",
    ]
    review += [line for t in tables[1:] for line in _review_lines(t, k)]
    return Publication(
        year=year,
        organisation=organisation,
        k=k,
        tables=tuple(tables),
        narrative=narrative,
        tiny=True,
        notes=(note, *_rule_notes(k)),
        review=tuple(review),
    )


# --------------------------------------------------------------------------- publish


def publish(
    records: Sequence[CaseStatistics],
    previous: Sequence[CaseStatistics],
    *,
    year: int,
    organisation: str,
    k: int = 5,
    narrative: str = "",
) -> Publication:
    """The yearly report of ``records`` (the cases of ``year``) under disclosure control.

    ``previous``: last year's cases, for the comparison in T1 only. ``organisation``: its
    name, or "" for all organisations together. Raises ValueError for k outside 3..10.
    """
    _check_k(k)
    records = list(records)
    counts = count_tables(records, previous)
    t1c = counts["T1"]
    n = t1c["meldingen"]
    if 0 < n < k:
        return _tiny(counts, year=year, organisation=organisation, k=k, narrative=narrative)

    notes = _rule_notes(k)
    tables: list[Table] = []

    t1 = Table(
        "T1",
        TABLE_TITLES["T1"],
        (
            Cell(
                "meldingen",
                ROW_LABELS["T1"][0][1],
                n,
                _shown(n, k),
                0 < n < k,
                previous=t1c["meldingen_vorig_jaar"],
                previous_shown=_shown(t1c["meldingen_vorig_jaar"], k),
            ),
            Cell(
                "contacten",
                ROW_LABELS["T1"][1][1],
                t1c["contacten"],
                _shown(t1c["contacten"], k),
                0 < t1c["contacten"] < k,
                previous=t1c["contacten_vorig_jaar"],
                previous_shown=_shown(t1c["contacten_vorig_jaar"], k),
            ),
        ),
        footnotes=(
            f"Meldingen: dossiers geopend in {year}. Contactmomenten: de vastgelegde gesprekken "
            "in die dossiers; een dossier zonder vastgelegd gesprek telt als één contact.",
        ),
    )
    tables.append(t1)
    if n == 0:
        notes.append(f"Er zijn in {year} geen meldingen geweest.")

    # T2 and T4: one block, linked through the categories
    count_note = (
        f"Aantal dossiers: {n} (zie T1). Eén melding kan in meer dan één rij "
        "meetellen; de aantallen tellen daarom niet op tot het aantal dossiers en "
        "de tabel heeft geen totaalregel."
    )
    try:
        block, block_merged = _publish_block(counts, records, n, k)
    except Unprotectable:
        reason = (
            "Niet gepubliceerd: met deze aantallen zou elke weergave een klein aantal verraden."
        )
        t2 = _omitted_table("T2", counts["T2"], reason, multi_count=True)
        t4 = _omitted_table("T4", counts["T4"], reason, multi_count=True)
    else:
        t2 = Table(
            "T2",
            TABLE_TITLES["T2"],
            _cells(block.t2, k),
            multi_count=True,
            footnotes=(
                count_note,
                "‘Geen categorie vastgelegd’: dossiers zonder categorie.",
                *_merge_footnotes(block.t2, union=True),
            ),
        )
        t4 = Table(
            "T4",
            TABLE_TITLES["T4"],
            _cells(block.t4, k),
            multi_count=True,
            footnotes=(
                count_note,
                "Het domein volgt uit de categorieën van T2: een melding met "
                "categorieën uit meer dan één domein telt in elk daarvan mee.",
            ),
        )
        notes.append(
            "In T2 (categorieën) en T4 (domeinen) kan één melding in meer dan één rij "
            "meetellen; die tabellen hebben daarom geen totaalregel."
        )
        if block_merged:
            notes.append(
                "In T2 zijn categorieën die afzonderlijk te klein waren per domein "
                "samengevoegd (zie de voetnoot bij T2)."
            )

    partitions: dict[str, Table] = {}
    for tid in ("T3", "T5", "T6a", "T6b", "T6c"):
        contacts = t1c["contacten"] if tid == "T6b" else None
        footnotes: list[str] = []
        if tid == "T5":
            footnotes.append(
                "‘Nog lopend’: dossiers die nog open zijn en nog geen uitkomst hebben."
            )
        if tid == "T6b":
            footnotes.append("Een dossier zonder vastgelegd gesprek telt als één contact.")
        if tid == "T6c":
            footnotes.append(
                "Volgens de vastgelegde duur van de gesprekken; ‘1–3 uur’ "
                "loopt tot en met 3 uur, ‘3–6 uur’ tot en met 6 uur."
            )
        try:
            rows, merged = _publish_partition(tid, counts[tid], n, k, contacts)
        except Unprotectable:
            partitions[tid] = _omitted_table(
                tid,
                counts[tid],
                "Niet gepubliceerd: met deze aantallen zou elke weergave een klein aantal "
                "verraden.",
            )
            continue
        footnotes += _merge_footnotes(rows, union=False)
        if merged:
            notes.append(
                f"In {tid} zijn rijen die afzonderlijk te klein waren samengevoegd "
                "(zie de voetnoot bij de tabel)."
            )
        partitions[tid] = Table(
            tid, TABLE_TITLES[tid], _cells(rows, k), total=_total(n), footnotes=tuple(footnotes)
        )

    t7_counts = counts["T7"]
    if all(c == 0 or c >= k for c in t7_counts.values()):
        t7 = Table(
            "T7",
            TABLE_TITLES["T7"],
            tuple(
                Cell(key, label, t7_counts[key], str(t7_counts[key]))
                for key, label in ROW_LABELS["T7"]
            ),
            total=_total(n),
        )
    else:
        t7 = _omitted_table(
            "T7",
            t7_counts,
            f"Niet gepubliceerd: de verdeling naar geslacht wordt alleen getoond als elke "
            f"groep 0 of ten minste {k} meldingen telt.",
        )

    tables += [
        t2,
        partitions["T3"],
        t4,
        partitions["T5"],
        partitions["T6a"],
        partitions["T6b"],
        partitions["T6c"],
        t7,
    ]
    review = [line for t in tables for line in _review_lines(t, k)]
    return Publication(
        year=year,
        organisation=organisation,
        k=k,
        tables=tuple(tables),
        narrative=narrative,
        tiny=False,
        notes=tuple(notes),
        review=tuple(review),
    )
