"""Disclosure control for the yearly report: what of the true counts may be published.

:func:`publish` turns the anonymous records of a year into a :class:`Publication`: every
count either published or hidden as "<k" (or its whole table omitted), with the reason for
each. The rules are open source, so they are built to hold against an attacker who knows
them and re-runs them on every table that could have been true.

Rules
-----
* k is 3..10 (default 5). A count from 1 to k−1 is hidden as "<k" (primary); 0 is "0".
* Partition tables (T3, T5, T6a, T6b, T6c; every case in one row, total row N). The
  publication of each is a function of that table's own counts in fixed row order, N and k
  only (:func:`partition_hidden`), and no choice compares hidden values:
  - size class: 0 < N ≤ number of rows → the table is omitted (public facts only);
  - secondary: while the hidden set is a single cell, or its sum (public: N minus the shown
    cells) is |H| (all would be 1) or |H|·(k−1) (all could be k−1), the first non-zero
    shown row in vocabulary order is hidden as well — whatever its size;
  - no merging (merges were chosen by comparing hidden values, and leaked them);
  - T6b and the contact total of T1 are linked (a case in band "2–3" had two or three
    contacts, ...): the exact total is published only when T6b shows every band; when T6b
    hides a cell or is omitted, the total is not published (it would bound the hidden bands).
* T7 (gender) is published only when every cell is 0 or at least k; else omitted.
* T2/T4 (multi-count, linked by categories): primary suppression, then secondary cells
  chosen in fixed order (never "the smallest") until the interval attacker below finds
  nothing; omitted when that fails. No merging.
* Fewer than k cases (but at least one): a *tiny* publication — only "<k" and the text.
  Last year's T1 figures follow the "<k" rule; last year's contact total is published as
  "<N+k" when it exceeds last year's N by less than k (an exact total would say that no case,
  or only a few, had more than one contact — last year's T6b is not in this report).

What the guarantee covers
-------------------------
Partition tables: an attacker who knows the report, these rules, k and N, and enumerates
every table of counts that agrees with the shown numbers, re-runs the rule and keeps the
tables that give exactly the published output, finds for every hidden count at least two
values (a count pinned at 0 is no secret). The contact total of T1 is published only when T6b
hides nothing, so it cannot bound a hidden band.
Checked exhaustively offline for tables of 2–6 rows up to N = 20 (7 rows to 15, 9 rows to
12) for every k, and by the attacker in ``tests/test_stats_attacker.py`` (hypothesis picks
journals up to 20 cases; it only calls :func:`publish` and compares exported views).

Not covered (known limits)
--------------------------
* T2/T4: checked only by the interval/brute-force attacker of :mod:`.checker` (and
  :func:`_project` here), who is granted whether each hidden cell is primary or secondary
  but does *not* re-run the algorithm; whether the decision to hide one more cell leaks
  through the algorithm is not enumerated for these multi-count tables.
* Combining tables through individual cases (e.g. the same case in T3 and T5): every table
  is protected on its own; an attacker who knows one case's row in one table learns nothing
  from this rule about another table, but cross-table record linkage is not modelled.
* An attacker who knows individual cases (a manager who knows of one complaint);
  differencing against other publications of the same cases (all organisations versus one,
  a corrected re-issue, last year's report of the same cases).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..domain.model import CaseStatistics
from ..domain.vocabulary import CATEGORY_DOMAIN
from ..i18n import N_, _, translator
from .aggregate import (
    TABLE_TITLES,
    UNKNOWN,
    count_tables,
    row_labels,
    table_title,
)
from .notes import SIZE_CLASS_NOTE, note, rule_notes
from .tables import Cell, Publication, Table

K_MIN, K_MAX = 3, 10

PRIMARY = "primary"
SECONDARY = "secondary"

SUM, COVER, LEAF = "sum", "cover", "leaf"

# T6b is checked by enumerating band assignments; beyond this many the table is treated as
# unsafe (hidden further, in the end omitted) rather than published unchecked.



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
#
# The rule for a partition table is a function of its own counts (in fixed row order), N and
# k only, and every choice in it is made by the fixed row order and by published facts —
# never by comparing hidden values. That is what makes the exhaustive attacker of the tests
# (and of :func:`_t6b_candidates`) complete for these tables.


def _size_class_omits(n: int, rows: int) -> bool:
    """Small organisations get no breakdown of a partition table with at least as many rows
    as cases: decided by N and the table's shape, both public, never by the counts."""
    return 0 < n <= rows


def _hidden_set_is_closed(m: int, total: int, k: int) -> bool:
    """Whether a hidden set of ``m`` cells with hidden sum ``total`` (both published: the
    sum is N minus the shown cells) may stop growing. It may not when it is a single cell,
    when every hidden cell must be 1 (total = m) or when every hidden cell could be exactly
    k − 1 (total = m·(k − 1)) — the two corners where a sum pins its parts."""
    return m >= 2 and total >= m + 1 and total != m * (k - 1)


def partition_hidden(counts: Sequence[int], k: int) -> frozenset[int] | None:
    """The rows (indexes, fixed order) a partition table hides; None: the table is omitted.

    Primary: every count from 1 to k − 1. Secondary, while the hidden set is not closed
    (:func:`_hidden_set_is_closed`): the first non-zero shown row in the fixed row order —
    whatever its size. A 0 is never hidden (it is shown as "0"). None when the hidden set
    cannot be closed with non-zero rows."""
    hidden = {i for i, c in enumerate(counts) if 0 < c < k}
    if not hidden:
        return frozenset()
    while not _hidden_set_is_closed(len(hidden), sum(counts[i] for i in hidden), k):
        nxt = next((i for i, c in enumerate(counts) if c > 0 and i not in hidden), None)
        if nxt is None:
            return None
        hidden.add(nxt)
    return frozenset(hidden)


SIZE_CLASS_REASON = N_(
    "Niet gepubliceerd: bij {n} meldingen en {rows} mogelijke rijen zou elke verdeling te veel "
    "over personen zeggen."
)
UNSAFE_REASON = N_(
    "Niet gepubliceerd: met deze aantallen zou elke weergave een klein aantal verraden."
)


def _publish_partition(
    tid: str, counts: dict[str, int], n: int, k: int, lang: str = "nl"
) -> list[_Row]:
    """The rows of a partition table with their states.
    Raises Unprotectable (with the reason, in the document's language) when the table is
    omitted."""
    gettext = translator(lang).gettext
    rows = [_Row(key, label, counts[key]) for key, label in row_labels(tid, lang)]
    if _size_class_omits(n, len(rows)):
        raise Unprotectable(gettext(SIZE_CLASS_REASON).format(n=n, rows=len(rows)))
    values = [r.count for r in rows]
    hidden = partition_hidden(values, k)
    if hidden is None:
        raise Unprotectable(gettext(UNSAFE_REASON))
    for i, row in enumerate(rows):
        if i in hidden:
            row.state = PRIMARY if row.count < k else SECONDARY
    return rows


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
    """The next cell to hide: the first shown non-zero row in fixed order — of the pinned
    cell's domain (its categories, then the domain row), else of T4, else of T2 — never
    chosen by size."""
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
            return candidates[0]
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


def _publish_block(counts, n: int, k: int, lang: str = "nl") -> _Block:
    block = _Block(
        [
            _Row(key, label, counts["T2"][key], domain=CATEGORY_DOMAIN.get(key, ""))
            for key, label in row_labels("T2", lang)
        ],
        [
            _Row(key, label, counts["T4"][key], domain=key if key != UNKNOWN else "")
            for key, label in row_labels("T4", lang)
        ],
    )
    _suppress_block(block, n, k)
    return block


# --------------------------------------------------------------------------- output


# Cell.reason and the review lines are for the VP's own screen: the interface language.


def _primary_reason(k: int) -> str:
    return _("primair: telt 1 tot en met {k_minus_1}").format(k_minus_1=k - 1)


SECONDARY_REASON = N_(
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
                    _("samengevoegd in ‘{label}’").format(label=labels[row.group]),
                    merged_into=row.group,
                )
            )
        elif row.state:
            reason = _primary_reason(k) if row.state == PRIMARY else _(SECONDARY_REASON)
            cells.append(Cell(row.key, row.label, row.count, f"<{k}", True, reason))
        else:
            cells.append(Cell(row.key, row.label, row.count, str(row.count)))
    return tuple(cells)


TOTAL_LABEL = N_("Totaal")


def _total(n: int, lang: str = "nl") -> Cell:
    return Cell("totaal", translator(lang).gettext(TOTAL_LABEL), n, str(n))


def _omitted_table(
    tid: str, counts: dict[str, int], reason: str, lang: str = "nl", *, multi_count: bool = False
) -> Table:
    cells = tuple(
        Cell(key, label, counts.get(key, 0), "", False, _("tabel niet gepubliceerd"))
        for key, label in row_labels(tid, lang)
    )
    return Table(
        tid, table_title(tid, lang), cells, multi_count=multi_count, omitted=True,
        omitted_reason=reason,
    )


def _shown(count: int, k: int) -> str:
    return f"<{k}" if 0 < count < k else str(count)


CONTACTS_REASON = N_("niet gepubliceerd: samen met de verborgen cellen van T6b zou het totaal "
                   "een klein aantal verraden")
CONTACTS_NOTE = N_("Het totaal aantal contactmomenten staat er niet in: samen met de verdeling in "
                 "T6b, waarin cellen verborgen zijn, zou het een klein aantal verraden.")


def _previous_contacts_shown(contacts: int, cases: int, k: int) -> str:
    """Last year's contact total. Every case has at least one contact, so contacts − cases
    is the number of contacts beyond the first; when that is 0..k−1 the exact total would say
    that no case, or only a few (perhaps one), had more than one. It is then "<cases + k"."""
    if cases < k:  # no cases, or their number is hidden itself: the plain rule
        return _shown(contacts, k)
    if contacts - cases < k:
        return f"<{cases + k}"
    return str(contacts)


def _review_lines(table: Table, k: int) -> list[str]:
    head = f"{table.id} {table.title}"
    if table.omitted:
        return [_("{table}: hele tabel niet gepubliceerd — {reason}").format(
            table=head, reason=table.omitted_reason)]
    lines = []
    for cell in table.cells:
        if cell.merged_into:
            lines.append(f"{head} · {cell.label}: {cell.count} → {cell.reason}")
        elif cell.hidden:
            lines.append(f"{head} · {cell.label}: {cell.count} → {cell.shown} ({cell.reason})")
        if cell.previous is not None and 0 < cell.previous < k:
            lines.append(
                _("{table} · {label} vorig jaar: {count} → {shown} ({reason})").format(
                    table=head, label=cell.label, count=cell.previous,
                    shown=cell.previous_shown, reason=_primary_reason(k))
            )
    return lines


def _check_k(k) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or not K_MIN <= k <= K_MAX:
        raise ValueError(
            _("De drempelwaarde k moet een geheel getal van {low} tot en met {high} zijn "
              "(gekregen: {value}).").format(low=K_MIN, high=K_MAX, value=repr(k))
        )


def _rule_notes(k: int, lang: str = "nl") -> list[str]:
    return [*rule_notes(k, lang), note(SIZE_CLASS_NOTE, lang)]


TINY_REASON = N_(
    "Minder meldingen dan de drempelwaarde: elke verdeling zou tot personen te herleiden zijn."
)


def _tiny(counts, *, year: int, organisation: str, k: int, narrative: str,
          lang: str = "nl") -> Publication:
    gettext = translator(lang).gettext
    n = counts["T1"]["meldingen"]
    labels = dict(row_labels("T1", lang))
    t1 = Table(
        "T1",
        table_title("T1", lang),
        (
            Cell(
                "meldingen",
                labels["meldingen"],
                n,
                f"<{k}",
                True,
                _("kleine organisatie: minder dan {k} meldingen").format(k=k),
            ),
        ),
    )
    tables = [t1] + [
        _omitted_table(tid, counts[tid], gettext(TINY_REASON), lang,
                       multi_count=tid in ("T2", "T4"))
        for tid in TABLE_TITLES
        if tid != "T1"
    ]
    tiny = gettext(
        "Er waren in {year} minder dan {k} meldingen. Elke verdeling (naar categorie, relatie, "
        "uitkomst, kanaal of geslacht) zou dan tot personen te herleiden zijn; daarom staan "
        "in dit verslag alleen het totaal (“<{k}”) en de toelichting van de "
        "vertrouwenspersoon. Ook het aantal contacten en de vergelijking met vorig jaar "
        "blijven achterwege."
    ).format(year=year, k=k)
    head = f"T1 {t1.title}"
    review = [
        _("{table} · {label}: {count} → <{k} (kleine organisatie)").format(
            table=head, label=labels["meldingen"], count=n, k=k),
        _("{table} · {label}: {count} → niet gepubliceerd (kleine organisatie)").format(
            table=head, label=labels["contacten"], count=counts["T1"]["contacten"]),
    ]
    review += [line for t in tables[1:] for line in _review_lines(t, k)]
    return Publication(
        year=year,
        organisation=organisation,
        k=k,
        tables=tuple(tables),
        narrative=narrative,
        tiny=True,
        notes=(tiny, *_rule_notes(k, lang)),
        review=tuple(review),
        lang=lang,
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
    lang: str = "nl",
) -> Publication:
    """The yearly report of ``records`` (the cases of ``year``) under disclosure control.

    ``previous``: last year's cases, for the comparison in T1 only. ``organisation``: its
    name, or "" for all organisations together. ``lang``: the document's language ("nl" or
    "en") of every published text; the numbers (what is shown, hidden or omitted) do not
    depend on it. Raises ValueError for k outside 3..10.
    """
    _check_k(k)
    gettext = translator(lang).gettext
    records = list(records)
    counts = count_tables(records, previous)
    t1c = counts["T1"]
    n = t1c["meldingen"]
    if 0 < n < k:
        return _tiny(counts, year=year, organisation=organisation, k=k, narrative=narrative,
                     lang=lang)

    notes = _rule_notes(k, lang)
    tables: list[Table] = []

    if n == 0:
        notes.append(gettext("Er zijn in {year} geen meldingen geweest.").format(year=year))

    # T2 and T4: one block, linked through the categories
    count_note = gettext(
        "Aantal dossiers: {n} (zie T1). Eén melding kan in meer dan één rij "
        "meetellen; de aantallen tellen daarom niet op tot het aantal dossiers en "
        "de tabel heeft geen totaalregel."
    ).format(n=n)
    try:
        block = _publish_block(counts, n, k, lang)
    except Unprotectable:
        t2 = _omitted_table("T2", counts["T2"], gettext(UNSAFE_REASON), lang, multi_count=True)
        t4 = _omitted_table("T4", counts["T4"], gettext(UNSAFE_REASON), lang, multi_count=True)
    else:
        t2 = Table(
            "T2",
            table_title("T2", lang),
            _cells(block.t2, k),
            multi_count=True,
            footnotes=(
                count_note,
                gettext("‘Geen categorie vastgelegd’: dossiers zonder categorie."),
            ),
        )
        t4 = Table(
            "T4",
            table_title("T4", lang),
            _cells(block.t4, k),
            multi_count=True,
            footnotes=(
                count_note,
                gettext("Het domein volgt uit de categorieën van T2: een melding met "
                        "categorieën uit meer dan één domein telt in elk daarvan mee."),
            ),
        )
        notes.append(gettext(
            "In T2 (categorieën) en T4 (domeinen) kan één melding in meer dan één rij "
            "meetellen; die tabellen hebben daarom geen totaalregel."
        ))

    partitions: dict[str, Table] = {}
    for tid in ("T3", "T5", "T6a", "T6b", "T6c"):
        footnotes: list[str] = []
        if tid == "T5":
            footnotes.append(gettext(
                "‘Nog lopend’: dossiers die nog open zijn en nog geen uitkomst hebben."
            ))
        if tid == "T6b":
            footnotes.append(gettext(
                "Een dossier zonder vastgelegd gesprek telt als één contact."))
        if tid == "T6c":
            footnotes.append(gettext(
                "Volgens de vastgelegde duur van de gesprekken; ‘1–3 uur’ "
                "loopt tot en met 3 uur, ‘3–6 uur’ tot en met 6 uur."
            ))
        try:
            rows = _publish_partition(tid, counts[tid], n, k, lang)
        except Unprotectable as omitted:
            partitions[tid] = _omitted_table(tid, counts[tid], str(omitted), lang)
            continue
        partitions[tid] = Table(
            tid, table_title(tid, lang), _cells(rows, k), total=_total(n, lang),
            footnotes=tuple(footnotes),
        )

    t6b = partitions["T6b"]
    contacts_shown = str(t1c["contacten"])
    if t6b.omitted or any(cell.hidden for cell in t6b.cells):
        contacts_shown = ""  # with T6b's shown bands it would bound the hidden ones
    t1_labels = dict(row_labels("T1", lang))
    t1 = Table(
        "T1",
        table_title("T1", lang),
        (
            Cell(
                "meldingen",
                t1_labels["meldingen"],
                n,
                _shown(n, k),
                0 < n < k,
                previous=t1c["meldingen_vorig_jaar"],
                previous_shown=_shown(t1c["meldingen_vorig_jaar"], k),
            ),
            Cell(
                "contacten",
                t1_labels["contacten"],
                t1c["contacten"],
                contacts_shown,
                not contacts_shown,
                reason="" if contacts_shown else _(CONTACTS_REASON),
                previous=t1c["contacten_vorig_jaar"],
                previous_shown=_previous_contacts_shown(
                    t1c["contacten_vorig_jaar"], t1c["meldingen_vorig_jaar"], k),
            ),
        ),
        footnotes=(
            gettext("Meldingen: dossiers geopend in {year}. Contactmomenten: de vastgelegde "
                    "gesprekken in die dossiers; een dossier zonder vastgelegd gesprek telt als "
                    "één contact.").format(year=year),
            *(() if contacts_shown else (gettext(CONTACTS_NOTE),)),
        ),
    )

    t7_counts = counts["T7"]
    if all(c == 0 or c >= k for c in t7_counts.values()):
        t7 = Table(
            "T7",
            table_title("T7", lang),
            tuple(
                Cell(key, label, t7_counts[key], str(t7_counts[key]))
                for key, label in row_labels("T7", lang)
            ),
            total=_total(n, lang),
        )
    else:
        t7 = _omitted_table(
            "T7",
            t7_counts,
            gettext("Niet gepubliceerd: de verdeling naar geslacht wordt alleen getoond als "
                    "elke groep 0 of ten minste {k} meldingen telt.").format(k=k),
            lang,
        )

    tables += [
        t1,
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
        lang=lang,
    )
