"""Name check speed: a three-page letter against ten names (target < 5 ms warm)."""

from __future__ import annotations

import time

from test_name_check import TEN_PEOPLE, three_pages

from vp_desktop.letters import name_check
from vp_desktop.letters.name_check import find_names


def test_three_page_letter_against_ten_names():
    text = three_pages()
    name_check._matcher.cache_clear()
    started = time.perf_counter()
    find_names(text, TEN_PEOPLE)
    cold = time.perf_counter() - started
    timings = []
    for _ in range(15):
        started = time.perf_counter()
        find_names(text, TEN_PEOPLE)
        timings.append(time.perf_counter() - started)
    print(f"\nname check, 3 pages x 10 names: cold {cold * 1000:.1f} ms, "
          f"warm best {min(timings) * 1000:.1f} ms")
    assert min(timings) < 0.005
