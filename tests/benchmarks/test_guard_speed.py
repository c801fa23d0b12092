"""Wall-clock limits that used to sit in the default suite (a loaded CI machine made them
flaky there). Not run by default:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/benchmarks -s -k guard

Targets: every refused template (injection, output blow-up, deep nesting) is refused within
2 s; 2000 demo cases are generated within 5 s; a 50-consultation case report renders within
1 s warm (also in test_letter_speed, from the window).
"""

from __future__ import annotations

import time
from datetime import date

import pytest
from test_pdf_render import case_report
from test_templates import INJECTIONS

from vp_desktop.interchange.demo_data import generate_demo
from vp_desktop.letters import templates as tpl
from vp_desktop.letters.templates import TemplateError, check_template, example_context, render_text
from vp_desktop.pdf.case_report import render_case_report


def _refused_within(seconds: float, source: str, context=None) -> float:
    start = time.perf_counter()
    with pytest.raises(TemplateError):
        render_text(source, context or example_context())
    return time.perf_counter() - start


def test_guard_template_refusals_are_quick():
    worst = 0.0
    for source in INJECTIONS:
        start = time.perf_counter()
        assert check_template(source)
        worst = max(worst, time.perf_counter() - start + _refused_within(2, source))
    context = example_context()
    context["afspraken"] = "x" * 150_000
    blow_ups = [
        ("{{ afspraken }}{{ afspraken }}", context),
        ("{{ datum" + "|replace('', '0123456789')" * 12 + " }}", None),
        ("{{ 'abc'" + "|replace('', '0123456789')" * 12 + " }}", None),
        ("x" * (tpl.MAX_SOURCE_CHARS + 1), None),
        ("{{ " + "(" * 5000 + "datum" + ")" * 5000 + " }}", None),
        ("{{ " + "not " * 5000 + "datum }}", None),
        ("{% if " + " and ".join(["plaats"] * 2000) + " %}{% endif %}", None),
    ]
    for source, ctx in blow_ups:
        worst = max(worst, _refused_within(2, source, ctx))
    print(f"\ntemplate guards: slowest refusal {worst * 1000:.0f} ms "
          f"({len(INJECTIONS) + len(blow_ups)} templates)")
    assert worst < 2


def test_guard_demo_generation_is_quick():
    start = time.perf_counter()
    data = generate_demo(2000, 1, date(2026, 11, 22))
    elapsed = time.perf_counter() - start
    print(f"\ndemo data: 2000 cases generated in {elapsed:.2f} s")
    assert len(data.bundles) == 2000
    assert elapsed < 5


def test_guard_fifty_consultation_report_renders_quickly():
    render_case_report(case_report(1))  # fonts registered, imports warm
    start = time.perf_counter()
    render_case_report(case_report(50))
    elapsed = time.perf_counter() - start
    print(f"\ncase report, 50 consultations: {elapsed * 1000:.0f} ms")
    assert elapsed < 1.0
