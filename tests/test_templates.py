"""Letter templates: the allowlist check, sandboxed rendering, the built-in templates and the
anonymised context."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from vp_desktop.domain.model import Case, InvolvedPerson, MelderIdentity, VpProfile
from vp_desktop.domain.vocabulary import REFERRAL_DESTINATIONS
from vp_desktop.dutch import enumeration as dutch_enumeration
from vp_desktop.dutch import long_date as dutch_date
from vp_desktop.letters import templates as tpl
from vp_desktop.letters.context import letter_context
from vp_desktop.letters.templates import (
    PLACEHOLDERS,
    LetterTemplate,
    TemplateError,
    builtin_templates,
    check_template,
    example_context,
    parse_template_text,
    placeholder_table_markdown,
    render_text,
)
from vp_desktop.services.names import NameUniverse, letter_redactor

README = Path(__file__).resolve().parents[1] / "resources" / "templates" / "README.md"

MELDER = "Jan de Vries"
OTHERS = ["Petra van den Berg", "Mehmet Özdemir", "Anouk Jansen-de Boer"]
TRICKY_NAMES = [MELDER, *OTHERS]
ADVICE = (
    "Jan de Vries bespreekt het eerst met mevrouw JANSEN-DE BOER. Daarna gesprek met "
    "Mehmet Ozdemir en petra van den berg; Özdemir is op de hoogte. Bel jan.devries@example.org "
    "of 06-12345678. Jansen de Boer weet van niets."
)

EXPECTED_IDS = {
    "lkog", "huis-voor-klokkenluiders", "bedrijfsarts", "maatschappelijk-werk",
    "leidinggevende", "gemeentesecretaris", "bevestiging-melder", "algemene-doorverwijzing",
}  # fmt: skip


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def name_forms(name: str) -> list[str]:
    """The name whole, upper-cased, without accents, and each significant part of it."""
    forms = {name, name.upper(), fold(name), fold(name).upper()}
    forms |= {
        p
        for p in re.split(r"[\s\-]+", name)
        if len(p) > 2 and p.lower() not in ("de", "van", "den", "der")
    }
    return sorted(forms)


def assert_no_names(text: str, names=TRICKY_NAMES) -> None:
    folded = fold(text)
    for name in names:
        for form in name_forms(name):
            assert form not in text, f"{form!r} leaked"
            assert not re.search(r"(?<!\w)" + re.escape(fold(form)) + r"(?!\w)", folded), (
                f"{form!r} leaked (case/accent-insensitive)"
            )


def string_values(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from string_values(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from string_values(v)


def make_case(**overrides) -> Case:
    values = dict(
        organisation_id=1,
        opened=date(2026, 3, 3),
        code="2026-014",
        categories=("pesten", "discriminatie"),
        consent_given=True,
        consent_date=date(2026, 3, 3),
        incident_date=date(2026, 2, 20),
        summary="Samenvatting met Petra van den Berg.",
        melder=MelderIdentity(anonymous=False, name=MELDER, contact="06-12345678"),
        persons=[
            InvolvedPerson("Petra van den Berg", "beschuldigde"),
            InvolvedPerson("Mehmet Özdemir", "getuige"),
            InvolvedPerson("Anouk Jansen-de Boer", "leidinggevende"),
        ],
    )
    values.update(overrides)
    return Case(**values)


PROFILE = VpProfile(name="Ellen Kuipers", role="extern", practice="Bureau Midden", place="Utrecht")


def make_context(case: Case | None = None, *, with_identity: bool = False, **overrides) -> dict:
    case = case or make_case()
    universe = NameUniverse(own=tuple(case.named_persons()), others=())
    identity = with_identity and case.consent_given and not case.melder.anonymous
    kwargs = dict(
        case=case,
        redact_text=letter_redactor(universe, melder_contact=case.melder.contact,
                                    identity=identity),
        organisation="Gemeente Voorbeeldstad",
        profile=PROFILE,
        recipient_lines=["Afdeling P&O", "Postbus 1", "1234 AB Voorbeeldstad"],
        recipient_label="HR/P&O",
        latest_advice=ADVICE,
        latest_consultation=date(2026, 3, 10),
        today=date(2026, 3, 12),
        with_identity=with_identity,
    )
    kwargs.update(overrides)
    return letter_context(**kwargs)


# --- Built-in templates ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def builtins() -> list[LetterTemplate]:
    return builtin_templates()


def test_builtin_templates_are_all_there(builtins):
    assert {t.id for t in builtins} == EXPECTED_IDS
    for t in builtins:
        assert t.builtin
        assert t.title and t.description and t.subject.strip()
        assert t.recipient in ("melder", "") or t.recipient in REFERRAL_DESTINATIONS
    by_id = {t.id: t for t in builtins}
    assert by_id["bevestiging-melder"].recipient == "melder"
    assert by_id["lkog"].recipient == "lkog"
    assert by_id["huis-voor-klokkenluiders"].recipient == "huis_klokkenluiders"


def test_only_the_lkog_has_an_address(builtins):
    for t in builtins:
        if t.id == "lkog":
            assert t.address == (
                "Landelijke Klachtencommissie Ongewenst Gedrag voor de Decentrale Overheid",
                "p/a College voor Arbeidszaken van de VNG",
                "Postbus 30435",
                "2500 GK Den Haag",
            )
        else:
            assert t.address == ()
        # no invented addresses or phone numbers in the texts either
        assert not re.search(r"\b\d{4}\s?[A-Z]{2}\b|Postbus|\b0\d{1,3}[- ]?\d{6,8}\b", t.body)


@pytest.mark.parametrize("with_identity", [False, True])
def test_builtin_templates_check_and_render(builtins, with_identity):
    context = make_context(with_identity=with_identity)
    for t in builtins:
        assert t.check() == [], t.id
        subject = render_text(t.subject, context)
        body = render_text(t.body, context)
        assert "\n" not in subject.strip() and subject.strip()
        assert "{" not in body and "}" not in body and "<" not in body
        first_line = body.split("\n", 1)[0]
        assert re.match(r"^(Geachte|Beste) .+,$", first_line), (t.id, first_line)
        paragraphs = body.strip().split("\n\n")
        assert len(paragraphs) >= 3, t.id
        assert all(p.strip() and p == p.strip() for p in paragraphs), t.id
        assert "vertrouwelijk" in body.lower(), t.id
        if with_identity:
            assert MELDER in body, t.id
        else:
            assert_no_names(subject + "\n" + body)


def test_builtin_templates_render_with_the_example_context(builtins):
    for t in builtins:
        assert render_text(t.body, example_context()).startswith(("Geachte", "Beste"))


@pytest.mark.parametrize("names", [TRICKY_NAMES, ["Jan Jansen", "Lotte van 't Hof"]])
def test_tricky_names_never_appear_in_anonymous_letters(builtins, names):
    case = make_case(
        melder=MelderIdentity(anonymous=False, name=names[0], contact="j@example.org"),
        persons=[InvolvedPerson(n, "betrokkene") for n in names[1:]],
    )
    advice = " ".join(f"{n}, {n.upper()}, {fold(n)}." for n in names) + " Mail j@example.org."
    context = make_context(case, latest_advice=advice)
    for t in builtins:
        text = render_text(t.subject, context) + "\n" + render_text(t.body, context)
        assert_no_names(text, names)
        assert "j@example.org" not in text


def test_identity_only_appears_inside_if_met_identiteit(builtins):
    """Every use of melder_naam/melder_contact sits in the true branch of `if met_identiteit`."""
    env = SandboxedEnvironment()

    def walk(node, guarded: bool):
        if isinstance(node, nodes.If):
            is_guard = isinstance(node.test, nodes.Name) and node.test.name == "met_identiteit"
            walk(node.test, guarded)
            for child in node.body:
                walk(child, guarded or is_guard)
            for child in [*node.elif_, *node.else_]:
                walk(child, guarded)
            return
        if isinstance(node, nodes.Name) and node.name in ("melder_naam", "melder_contact"):
            assert guarded, f"{node.name} outside 'if met_identiteit' at line {node.lineno}"
        for child in node.iter_child_nodes():
            walk(child, guarded)

    for t in builtins:
        walk(env.parse(t.subject), False)
        walk(env.parse(t.body), False)


def test_readme_lists_every_placeholder():
    readme = README.read_text(encoding="utf-8")
    assert placeholder_table_markdown() in readme
    for p in PLACEHOLDERS:
        assert f"`{p.name}`" in readme


# --- The context ----------------------------------------------------------------------------


def test_anonymous_context_contains_no_name_or_contact():
    case = make_case()
    context = make_context(case)
    assert set(context) == {p.name.split(".")[0] for p in PLACEHOLDERS}
    everything = "\n".join(string_values(context))
    for name, _role in case.named_persons():
        assert_no_names(everything, [name])
    assert "06-12345678" not in everything and "06 12345678" not in everything
    assert context["melder"] == "de melder"
    assert context["melder_naam"] == context["melder_contact"] == ""
    assert context["met_identiteit"] is False
    assert context["incident_datum"] == context["termijn_lkog"] == ""
    assert "[naam]" in context["afspraken"]


def test_context_values_are_plain():
    context = make_context(with_identity=True)
    tpl._check_plain(context)  # raises TypeError on anything else
    assert context["vp"] == {
        "naam": "Ellen Kuipers",
        "rol": "externe vertrouwenspersoon",
        "organisatie": "Bureau Midden",
    }
    assert context["dossier"] == {"code": "2026-014", "geopend": "3 maart 2026"}
    assert context["categorieen"] == ["Pesten", "Discriminatie"]
    assert context["categorieen_tekst"] == "pesten en discriminatie"
    assert context["domeinen_tekst"] == "ongewenste omgangsvormen"
    assert context["datum"] == "12 maart 2026"
    assert context["plaats"] == "Utrecht"
    assert context["laatste_gesprek"] == "10 maart 2026"
    assert context["ontvanger"] == ["Afdeling P&O", "Postbus 1", "1234 AB Voorbeeldstad"]
    assert context["ontvanger_naam"] == "Afdeling P&O"


def test_context_with_identity():
    context = make_context(with_identity=True)
    assert context["met_identiteit"] is True
    assert context["melder_naam"] == MELDER
    assert context["melder_contact"] == "06-12345678"
    assert context["incident_datum"] == "20 februari 2026"
    assert context["termijn_lkog"] == "20 februari 2028"
    # the melder's consent does not cover the other persons
    assert MELDER in context["afspraken"]
    assert_no_names(context["afspraken"], OTHERS)


def test_identity_needs_consent():
    with pytest.raises(ValueError, match="toestemming"):
        make_context(make_case(consent_given=False), with_identity=True)
    # without identity a case without consent is fine
    assert make_context(make_case(consent_given=False))["met_identiteit"] is False


def test_identity_of_a_melder_anonymous_to_the_vp_is_not_shown():
    case = make_case(melder=MelderIdentity(anonymous=True, contact_arrangement="code K7"))
    context = make_context(case, with_identity=True)
    assert context["met_identiteit"] is False and context["melder_naam"] == ""


def test_context_details():
    case = make_case(categories=("vermoeden_misstand",), incident_date=date(2024, 2, 29))
    context = make_context(
        case,
        with_identity=True,
        recipient_lines=[" ", ""],
        vp_organisation="Eigen bureau",
        place="Zwolle",
    )
    assert context["categorieen_tekst"] == "vermoeden van een misstand (Wbk)"
    assert context["termijn_lkog"] == ""  # not an unwanted-behaviour case
    assert context["ontvanger"] == [] and context["ontvanger_naam"] == "HR/P&O"
    assert context["vp"]["organisatie"] == "Eigen bureau" and context["plaats"] == "Zwolle"
    lkog = make_context(make_case(incident_date=date(2024, 2, 29)), with_identity=True)
    assert lkog["termijn_lkog"] == "28 februari 2026"
    assert make_context(latest_consultation=None)["laatste_gesprek"] == ""
    assert dutch_date(date(2026, 1, 5)) == "5 januari 2026"
    assert dutch_enumeration(["a"]) == "a"
    assert dutch_enumeration(["a", "b", "c"]) == "a, b en c"


# --- Checking and rendering -----------------------------------------------------------------

ALLOWED = """\
Geachte heer, mevrouw,
{# commentaar #}
{{ datum }} {{ vp.naam|upper }} {{ dossier.code }} {{ melder|capitalize }}
{% if met_identiteit and melder_naam != '' %}{{ melder_naam }}{% elif not plaats %}x{% else %}y{% endif %}
{% for c in categorieen %}{{ loop.index }}. {{ c|lower }}{% if not loop.last %}, {% endif %}{% endfor %}
{% for r in ontvanger %}{% for c in categorieen %}{{ r }}/{{ c }}{% endfor %}{% endfor %}
{{ categorieen|join(', ') }} {{ categorieen|length }} {{ categorieen|first }} {{ ontvanger|last }}
{{ organisatie|replace('Gemeente', 'gemeente')|trim|title }} {{ plaats|default('-', true) }}
{{ 'ja' if 'Pesten' in categorieen else 'nee' }}{% raw %}{{ letterlijk }}{% set x %}{% endraw %}
"""


def test_allowed_constructs_pass_and_render():
    assert check_template(ALLOWED) == []
    text = render_text(ALLOWED, example_context())
    assert "ELLEN KUIPERS" in text
    assert "1. pesten, 2. discriminatie" in text
    assert "{{ letterlijk }}{% set x %}" in text
    assert text.endswith("\n")


INJECTIONS = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self }}",
    "{{ self._TemplateReference__context }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ range(10) }}",
    "{% import os %}",
    "{% from 'x' import y %}",
    "{% include 'x' %}",
    "{% extends 'x' %}",
    "{% for i in range(10**9) %}x{% endfor %}",
    "{% for a in categorieen %}{% for b in categorieen %}{% for c in categorieen %}x"
    "{% endfor %}{% endfor %}{% endfor %}",
    "{{ 'x' * 10**9 }}",
    "{{ categorieen * 1000000000 }}",
    "{{ categorieen[0] }}",
    "{{ vp['naam'] }}",
    "{{ datum[::-1] }}",
    "{% set x = 1 %}",
    "{% macro m() %}{% endmacro %}",
    "{% call m() %}{% endcall %}",
    "{% filter upper %}x{% endfilter %}",
    "{% with x = 1 %}{% endwith %}",
    "{% block b %}{% endblock %}",
    "{% autoescape false %}{% endautoescape %}",
    "{{ datum.upper() }}",
    "{{ vp.items }}",
    "{{ datum|attr('__class__') }}",
    "{{ datum|format('x') }}",
    "{{ categorieen|join(',', attribute='__class__') }}",
    "{{ datum is string }}",
    "{{ datum ~ datum }}",
    "{{ [1, 2] }}",
    "{{ namespace }}",
    "{% for c in categorieen recursive %}{{ loop(c) }}{% endfor %}",
    "{% for c in datum %}{% endfor %}",
]


@pytest.mark.parametrize("source", INJECTIONS)
def test_injection_attempts_are_refused(source):
    errors = check_template(source)
    assert errors, source
    assert all(isinstance(e, TemplateError) and e.message for e in errors)
    with pytest.raises(TemplateError) as info:
        render_text(source, example_context())
    assert info.value.line == 1
    assert info.value.message.startswith("Regel 1: ")


def test_messages_are_dutch_and_specific():
    def first(source: str) -> TemplateError:
        return check_template(source)[0]

    e = first("Geachte heer,\n\n\n{{ melder_naamm }}")
    assert (e.line, e.message) == (
        4,
        "Regel 4: onbekende plaatshouder 'melder_naamm' (bedoelt u 'melder_naam'?)",
    )
    assert first("{{ vp.nam }}").message.endswith("(bedoelt u 'vp.naam'?)")
    assert "te diep genest" in first(INJECTIONS[12]).message
    assert "range(...)" in first("x\n{% for i in range(3) %}{% endfor %}").message
    assert "'{% set %}'" in first("{% set x = 1 %}").message
    assert "'__class__'" in first("{{ ''.__class__ }}").message
    assert first("{{ datum|upperr }}").message.startswith(
        "Regel 1: het filter 'upperr' is niet toegestaan (bedoelt u 'upper'?)"
    )
    assert first("a\n{% if met_identiteit %}x").message == (
        "Regel 2: '{% if %}' wordt niet afgesloten met '{% endif %}'"
    )
    assert first("{% endif %}").message == "Regel 1: '{% endif %}' zonder bijbehorende '{% if %}'"
    assert first("{% iff x %}").message.startswith(
        "Regel 1: onbekende opdracht '{% iff %}' (bedoelt u 'if'?)"
    )
    assert (
        "'{% else %}' na '{% else %}'"
        in first("{% if plaats %}{% else %}{% else %}{% endif %}").message
    )
    assert "'vp' is een groep" in first("{{ vp }}").message
    assert "alleen binnen" in first("{{ loop.index }}").message


@pytest.mark.parametrize(
    ("source", "line", "fragment"),
    [
        ("Geachte heer,\n\n{{ datum ", 3, "'{{' zonder afsluitende '}}'"),
        ("a\n{% if plaats", 2, "'{%' zonder afsluitende '%}'"),
        ("a\nb\n{# opmerking", 3, "'{#' zonder afsluitende '#}'"),
        ("a\n{{ datum $ }}", 2, "onverwacht teken '$'"),
        ("{{ 'abc }}", 1, "aanhalingsteken"),
        ("a\n{{ }}", 2, "ontbreekt"),
    ],
)
def test_syntax_errors_have_a_line(source, line, fragment):
    errors = check_template(source)
    assert errors and errors[0].line == line
    assert fragment in errors[0].message
    with pytest.raises(TemplateError) as info:
        render_text(source, example_context())
    assert info.value.line == line


def test_output_limit_is_enforced():
    context = example_context()
    context["afspraken"] = "x" * 150_000
    with pytest.raises(TemplateError, match="te lang"):
        render_text("{{ afspraken }}{{ afspraken }}", context)
    blow_up = "{{ datum" + "|replace('', '0123456789')" * 12 + " }}"
    assert check_template(blow_up) == []
    with pytest.raises(TemplateError, match="te lang"):
        render_text(blow_up, example_context())
    nested = (
        "{% for a in categorieen %}{% for b in categorieen %}{{ afspraken }}"
        "{% endfor %}{% endfor %}"
    )
    context["afspraken"] = "x" * 60_000
    with pytest.raises(TemplateError, match="te lang"):
        render_text(nested, context)
    with pytest.raises(TemplateError, match="te lang"):
        render_text("x" * (tpl.MAX_SOURCE_CHARS + 1), example_context())


def test_constant_blow_up_and_deep_nesting_are_refused():
    constant = "{{ 'abc'" + "|replace('', '0123456789')" * 12 + " }}"
    with pytest.raises(TemplateError, match="te lang"):
        render_text(constant, example_context())
    for deep in (
        "{{ " + "(" * 5000 + "datum" + ")" * 5000 + " }}",
        "{{ " + "not " * 5000 + "datum }}",
        "{% if " + " and ".join(["plaats"] * 2000) + " %}{% endif %}",
    ):
        with pytest.raises(TemplateError, match="te ingewikkeld"):
            render_text(deep, example_context())


def test_time_limit_is_enforced(monkeypatch):
    monkeypatch.setattr(tpl, "RENDER_TIMEOUT_S", 0.0)
    with pytest.raises(TemplateError) as info:
        render_text("{{ datum }} {{ plaats }} {{ organisatie }}", example_context())
    assert info.value.message == "Het sjabloon doet er te lang over"


def test_render_refuses_non_plain_context_and_reports_missing_values():
    context = example_context()
    context["organisatie"] = PROFILE  # a domain object
    with pytest.raises(TypeError):
        render_text("{{ datum }}", context)
    with pytest.raises(TemplateError, match="geen waarde") as info:
        render_text("a\n{{ datum }}", {})
    assert info.value.line == 2


def test_parse_template_text_errors():
    good = "id: x\ntitel: T\nomschrijving: O\nontvanger: hr\nonderwerp: S\n---\nTekst\n"
    template = parse_template_text(good)
    assert (template.id, template.recipient, template.body, template.builtin) == (
        "x",
        "hr",
        "Tekst\n",
        False,
    )
    with pytest.raises(TemplateError, match=r"Regel 2: onbekende kop 'tittel' \(bedoelt u 'titel'"):
        parse_template_text(good.replace("titel:", "tittel:"))
    with pytest.raises(TemplateError, match="'---'"):
        parse_template_text(good.split("---")[0])
    with pytest.raises(TemplateError, match="Regel 6: kopregel zonder ':'"):
        parse_template_text(good.replace("---\n", ""))
    with pytest.raises(
        TemplateError, match="Regel 4: onbekende ontvanger 'lkgo' \\(bedoelt u 'lkog'"
    ):
        parse_template_text(good.replace("ontvanger: hr", "ontvanger: lkgo"))
    with pytest.raises(TemplateError, match="De kop mist: omschrijving"):
        parse_template_text(good.replace("omschrijving: O\n", ""))
    with pytest.raises(TemplateError, match="Regel 1: ongeldige id"):
        parse_template_text(good.replace("id: x", "id: X Y"))
    bad_subject = parse_template_text(good.replace("onderwerp: S", "onderwerp: {{ x }}"))
    assert bad_subject.check()[0].message.startswith("Onderwerp: onbekende plaatshouder")
