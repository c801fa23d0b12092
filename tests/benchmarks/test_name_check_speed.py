"""Name check speed (not in the default suite; run: pytest tests/benchmarks -s).

* a three-page letter against the ten names of one case: < 5 ms warm;
* the whole journal as name universe, 30,000 people: building the index <= 2 s once, then a
  three-page letter checked (scan: names, contact data, possible names) in <= 50 ms.
"""

from __future__ import annotations

import time

from test_name_check import TEN_PEOPLE, three_pages
from test_name_engine_scale import journal_people

from vp_desktop.letters import name_check
from vp_desktop.letters.name_check import find_names, scan


def best_of(runs: int, call) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        timings.append(time.perf_counter() - started)
    return min(timings)


def test_three_page_letter_against_ten_names():
    text = three_pages()
    name_check.clear_cache()
    started = time.perf_counter()
    find_names(text, TEN_PEOPLE)
    cold = time.perf_counter() - started
    warm = best_of(15, lambda: find_names(text, TEN_PEOPLE))
    print(
        f"\nname check, 3 pages x 10 names: cold {cold * 1000:.1f} ms, "
        f"warm best {warm * 1000:.1f} ms"
    )
    assert warm < 0.005


def test_three_page_letter_against_a_journal_of_30000_names():
    people = TEN_PEOPLE + journal_people(30_000)
    text = three_pages()
    name_check.clear_cache()
    started = time.perf_counter()
    name_check._matcher_of(people)
    build = time.perf_counter() - started
    started = time.perf_counter()
    first = scan(text, people)
    first_check = time.perf_counter() - started
    rebuilt_list = list(people)  # the caller builds its list anew each time
    warm = best_of(10, lambda: scan(text, rebuilt_list))
    warm_names = best_of(10, lambda: find_names(text, rebuilt_list))
    print(
        f"\nname check, 3 pages x {len(people)} names: build {build:.2f} s, "
        f"first check {first_check * 1000:.0f} ms, warm scan {warm * 1000:.1f} ms, "
        f"warm find_names {warm_names * 1000:.1f} ms, {len(first)} hits"
    )
    assert len([h for h in first if h.kind == "name"]) >= 64
    assert build <= 2.0
    assert warm <= 0.050


def test_pathological_texts_stay_linear():
    """Long runs of initials, titles, addresses-to-be and names: 100,000 characters each."""
    texts = {
        "initials": "A." * 50_000,
        "initials with spaces": "A. " * 33_000,
        "titles and names": "mevrouw Smit " * 8_000,
        "names": "Jan " * 25_000,
        "almost an address": "a.a.a." * 16_000 + "@",
        "digits": "0 " * 50_000,
    }
    for label, text in texts.items():
        started = time.perf_counter()
        scan(text, TEN_PEOPLE)
        took = time.perf_counter() - started
        print(f"\n{label}: {len(text)} characters in {took * 1000:.0f} ms", end="")
        assert took < 1.0, label
