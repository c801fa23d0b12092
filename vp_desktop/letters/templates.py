"""Letter templates: plain text with placeholders, rendered by Jinja2's sandbox.

A template is *safe by construction*: before anything is rendered, :func:`check_template`
parses the source and walks its syntax tree with an allowlist. Only these are accepted:

* plain text;
* ``{{ placeholder }}`` for a name from :data:`PLACEHOLDERS` (``vp.naam``-style attribute access
  only on the catalogue's groups ``vp`` and ``dossier``), optionally through filters from
  :data:`ALLOWED_FILTERS` (``{{ organisatie|upper }}``, ``{{ categorieen|join(', ') }}``);
* ``{% if %}`` / ``{% elif %}`` / ``{% else %}`` / ``{% endif %}`` with comparisons, ``and``,
  ``or``, ``not`` (and the inline ``a if b else c``);
* ``{% for x in <list placeholder> %}`` ... ``{% endfor %}`` over the catalogue's lists only,
  at most two levels deep, with ``loop.index``, ``loop.first``, ``loop.last`` and the like;
* ``{% raw %}`` ... ``{% endraw %}`` and ``{# comments #}``.

Everything else -- calls (``range(...)``), ``{% set %}``, ``{% import %}``, ``{% include %}``,
``{% extends %}``, ``{% macro %}``, ``{% call %}``, ``{% filter %}``, subscripts, attributes
starting with ``_``, arithmetic, ``~``, ``is`` tests, literal lists -- is refused with a Dutch
message naming the line. :func:`render_text` then renders with a sandboxed environment without
globals, with :class:`~jinja2.StrictUndefined`, an output limit and a wall-clock guard. The
context holds only plain ``str``/``int``/``bool``/``list``/``dict`` values (see
:mod:`vp_desktop.letters.context`), so a template cannot reach any Python object. Output is
plain text; escaping for the PDF markup is the renderer's job.

Template file format (``resources/templates/*.txt``, UTF-8)::

    id: lkog
    titel: Doorverwijzing naar de LKOG
    omschrijving: Begeleidende brief bij een klacht bij de LKOG.
    ontvanger: lkog
    onderwerp: Klacht ongewenst gedrag, {{ organisatie }}
    adres: Landelijke Klachtencommissie ...
    adres: Postbus 30435
    ---
    Geachte leden van de commissie,

    ...

A header of ``key: value`` lines -- ``id`` (lower case letters, digits and ``-``; for a
built-in template the file name without ``.txt``), ``titel``, ``omschrijving``, ``ontvanger``
(a code from ``REFERRAL_DESTINATIONS``, ``melder`` for a letter to the melder, or empty for a
letter to any destination), ``onderwerp`` (itself a template) and zero or more ``adres`` lines
(an address the app pre-fills; only the LKOG has one from the source documents -- never invent
one). Empty header lines and lines starting with ``#`` are ignored. Then a line ``---``, then
the body: paragraphs separated by a blank line, no markup.
"""

from __future__ import annotations

import difflib
import re
import time
import traceback
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, nodes
from jinja2.filters import FILTERS as _JINJA_FILTERS
from jinja2.sandbox import SandboxedEnvironment

from ..domain.vocabulary import REFERRAL_DESTINATIONS
from ..i18n import N_, _, language
from ..resources import resources_dir

MAX_SOURCE_CHARS = 50_000  # longer sources are refused before parsing
MAX_OUTPUT_CHARS = 200_000  # a rendered text may not be longer
RENDER_TIMEOUT_S = 1.0  # wall-clock budget of one rendering
MAX_LOOP_DEPTH = 2  # {% for %} inside {% for %}, no deeper
MAX_EXPRESSION_DEPTH = 40  # nesting of one expression (brackets, and/or chains, filters)
_TOO_COMPLEX = N_("deze uitdrukking is te ingewikkeld (te veel haakjes, 'and'/'or' of filters)")

RECIPIENT_MELDER = "melder"  # LetterTemplate.recipient of a letter to the melder
RECIPIENT_ANY = ""  # LetterTemplate.recipient of a letter to any destination


# --- The placeholder catalogue ------------------------------------------------------------


@dataclass(frozen=True)
class Placeholder:
    """One name a template may use. ``example`` is a sample value of the right type."""

    name: str  # "datum", or "vp.naam" for a field of a group
    description_nl: str
    example: str | bool | tuple[str, ...]
    kind: str = "tekst"  # "tekst", "lijst" (of texts) or "ja/nee"

    @property
    def example_text(self) -> str:
        if isinstance(self.example, bool):
            return "ja" if self.example else "nee"
        if isinstance(self.example, tuple):
            return " · ".join(self.example)
        return self.example or "(leeg)"


PLACEHOLDERS: list[Placeholder] = [
    Placeholder("datum", N_("De datum van vandaag, voluit."), "23 november 2026"),
    Placeholder("plaats", N_("Uw plaats (uit uw instellingen); kan leeg zijn."), "Utrecht"),
    Placeholder("vp.naam", N_("Uw naam."), "Ellen Kuipers"),
    Placeholder(
        "vp.rol",
        N_("Uw rol: 'interne vertrouwenspersoon' of 'externe vertrouwenspersoon'."),
        "externe vertrouwenspersoon",
    ),
    Placeholder(
        "vp.organisatie",
        N_("Uw eigen organisatie of bureau; kan leeg zijn."),
        "Bureau Vertrouwenszaken Midden",
    ),
    Placeholder(
        "organisatie", N_("De organisatie (opdrachtgever) van het dossier."), "Gemeente Voorbeeldstad"
    ),
    Placeholder("dossier.code", N_("De code van het dossier."), "2026-014"),
    Placeholder(
        "dossier.geopend",
        N_("De datum waarop het dossier is geopend, voluit. Let op: een precieze datum kan "
        "herleidbaar zijn; noem hem in een brief aan derden alleen met toestemming."),
        "3 maart 2026",
    ),
    Placeholder(
        "categorieen",
        N_("De categorieën van het dossier, als lijst."),
        ("Pesten", "Discriminatie"),
        kind="lijst",
    ),
    Placeholder(
        "categorieen_tekst", N_("De categorieën als lopende tekst."), "pesten en discriminatie"
    ),
    Placeholder(
        "domeinen_tekst",
        N_("De domeinen van het dossier als lopende tekst."),
        "ongewenste omgangsvormen",
    ),
    Placeholder("melder", N_("Neutrale aanduiding van de melder; altijd 'de melder'."), "de melder"),
    Placeholder(
        "melder_naam",
        N_("De naam van de melder; LEEG tenzij de melder toestemming gaf om de naam te noemen "
        "(zie met_identiteit)."),
        "",
    ),
    Placeholder("melder_contact", N_("Telefoon of e-mail van de melder; leeg zonder identiteit."), ""),
    Placeholder(
        "met_identiteit",
        N_("Ja als de naam van de melder genoemd mag worden en bekend is. Gebruik: "
        "{% if met_identiteit %}...{{ melder_naam }}...{% else %}...{% endif %}."),
        False,
        kind="ja/nee",
    ),
    Placeholder(
        "ontvanger",
        N_("De adresregels van de ontvanger, als lijst."),
        ("Gemeente Voorbeeldstad", "t.a.v. de gemeentesecretaris"),
        kind="lijst",
    ),
    Placeholder(
        "ontvanger_naam",
        N_("De eerste adresregel, of anders de naam van de bestemming."),
        "Gemeente Voorbeeldstad",
    ),
    Placeholder(
        "afspraken",
        N_("Advies en afspraken van het laatste gesprek (voor de bevestiging aan de melder). "
        "Namen van anderen in het dossier zijn vervangen door [naam]; zonder identiteit ook "
        "die van de melder."),
        "U bespreekt de situatie eerst zelf met uw leidinggevende. Over twee weken bel ik u.",
    ),
    Placeholder(
        "laatste_gesprek",
        N_("De datum van het laatste gesprek, voluit; kan leeg zijn."),
        "10 november 2026",
    ),
    Placeholder(
        "incident_datum",
        N_("De datum van het voorval, voluit; leeg zonder identiteit, want een precieze datum "
        "kan de melder herleidbaar maken."),
        "",
    ),
    Placeholder(
        "termijn_lkog",
        N_("Uiterste datum voor een klacht bij de LKOG (voorval + 2 jaar); leeg zonder "
        "identiteit, zonder datum van het voorval of buiten ongewenste omgangsvormen."),
        "",
    ),
]

_BY_NAME: dict[str, Placeholder] = {p.name: p for p in PLACEHOLDERS}
_GROUPS: dict[str, tuple[str, ...]] = {}
for _p in PLACEHOLDERS:
    if "." in _p.name:
        _group, _attr = _p.name.split(".", 1)
        _GROUPS[_group] = (*_GROUPS.get(_group, ()), _attr)
_TOP_LEVEL: frozenset[str] = frozenset(p.name.split(".", 1)[0] for p in PLACEHOLDERS)
_LISTS: tuple[str, ...] = tuple(p.name for p in PLACEHOLDERS if p.kind == "lijst")
_LOOP_ATTRS = ("index", "index0", "revindex", "revindex0", "first", "last", "length")


def example_context() -> dict:
    """A context made of the catalogue's examples: for previews and tests."""
    context: dict = {}
    for p in PLACEHOLDERS:
        value = list(p.example) if isinstance(p.example, tuple) else p.example
        if "." in p.name:
            group, attr = p.name.split(".", 1)
            context.setdefault(group, {})[attr] = value
        else:
            context[p.name] = value
    return context


def placeholder_table_markdown() -> str:
    """The catalogue as a Markdown table, as pasted into resources/templates/README.md."""
    rows = ["| plaatshouder | soort | betekenis | voorbeeld |", "|---|---|---|---|"]
    for p in PLACEHOLDERS:
        description = p.description_nl.replace("|", "\\|")
        rows.append(f"| `{p.name}` | {p.kind} | {description} | {p.example_text} |")
    return "\n".join(rows) + "\n"


# --- Readable view of a template (the template editor's chips) ---------------------------

PLACEHOLDER_LABELS: dict[str, str] = {
    "datum": "datum",
    "plaats": "uw plaats",
    "vp.naam": "uw naam",
    "vp.rol": "uw rol",
    "vp.organisatie": "uw organisatie",
    "organisatie": "organisatie",
    "dossier.code": "dossiercode",
    "dossier.geopend": "datum dossier geopend",
    "categorieen": "categorieën (lijst)",
    "categorieen_tekst": "categorieën",
    "domeinen_tekst": "domeinen",
    "melder": "de melder",
    "melder_naam": "naam melder",
    "melder_contact": "contact melder",
    "met_identiteit": "met identiteit",
    "ontvanger": "adresregels ontvanger",
    "ontvanger_naam": "naam ontvanger",
    "afspraken": "afspraken",
    "laatste_gesprek": "datum laatste gesprek",
    "incident_datum": "datum voorval",
    "termijn_lkog": "termijn LKOG",
}  # every catalogue name has a readable label (a test checks it)

CONDITIONS: list[tuple[str, str]] = [
    (N_("met identiteit (de melder mag genoemd worden)"), "met_identiteit"),
    (N_("zonder identiteit (anonieme brief)"), "not met_identiteit"),
    (N_("er is een laatste gesprek"), "laatste_gesprek"),
    (N_("er zijn afspraken vastgelegd"), "afspraken"),
    (N_("er zijn categorieën"), "categorieen_tekst"),
    (N_("de datum van het voorval is bekend"), "incident_datum"),
    (N_("er is een termijn voor de LKOG"), "termijn_lkog"),
    (N_("uw plaats is ingevuld"), "plaats"),
    (N_("uw organisatie is ingevuld"), "vp.organisatie"),
]  # (what the VP reads, the {% if %} test); the "alleen als …" helper offers these
_CONDITION_LABELS = dict((test, label) for label, test in CONDITIONS)  # translated on use

_TAG_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_FILTER_LABELS = {"capitalize": N_("met hoofdletter"), "upper": N_("in hoofdletters"),
                  "lower": N_("in kleine letters"), "title": N_("met hoofdletters")}


def split_template(source: str) -> list[tuple[bool, str]]:
    """``source`` cut into (is_tag, text) pieces: ``{{ … }}``, ``{% … %}`` and ``{# … #}``
    are tags, everything else is text. Joining the texts gives ``source`` back exactly."""
    pieces: list[tuple[bool, str]] = []
    position = 0
    for match in _TAG_RE.finditer(source):
        if match.start() > position:
            pieces.append((False, source[position:match.start()]))
        pieces.append((True, match.group()))
        position = match.end()
    if position < len(source):
        pieces.append((False, source[position:]))
    return pieces


def placeholder_label(name: str) -> str:
    return PLACEHOLDER_LABELS.get(name, name)


def if_tag(test: str) -> str:
    return f"{{% if {test} %}}"


ELSE_TAG = "{% else %}"
ENDIF_TAG = "{% endif %}"


def _readable_expression(expression: str) -> str:
    expression = expression.strip()
    if expression in _CONDITION_LABELS:
        return _(_CONDITION_LABELS[expression]).split(" (")[0]
    return re.sub(r"[A-Za-z_][\w.]*",
                  lambda m: {"not": "niet", "and": "en", "or": "of"}.get(
                      m.group(), placeholder_label(m.group())), expression)


def describe_tag(tag: str) -> tuple[str, str]:
    """How a tag reads in the editor: (kind, label), kind "plaatshouder", "voorwaarde",
    "herhaling" or "overig"; e.g. ``{{ melder_naam }}`` → ("plaatshouder", "naam melder"),
    ``{% if met_identiteit %}`` → ("voorwaarde", "alleen als: met identiteit")."""
    inner = tag[2:-2].strip("-+").strip()
    if tag.startswith("{#"):
        return "overig", _("opmerking")
    if tag.startswith("{{"):
        base, *filters = [part.strip() for part in inner.split("|")]
        if not re.fullmatch(r"[A-Za-z_][\w.]*", base):
            return "plaatshouder", _("formule")
        extra = [_(_FILTER_LABELS[f]) for f in (f.split("(")[0].strip() for f in filters)
                 if f in _FILTER_LABELS]
        extra = [e for e in extra if e]
        return "plaatshouder", placeholder_label(base) + (f" ({', '.join(extra)})" if extra
                                                          else "")
    word, _space, rest = inner.partition(" ")
    if word == "if":
        return "voorwaarde", _("alleen als: {condition}").format(
            condition=_readable_expression(rest))
    if word == "elif":
        return "voorwaarde", _("anders als: {condition}").format(
            condition=_readable_expression(rest))
    if word == "else":
        return "voorwaarde", _("anders")
    if word == "endif":
        return "voorwaarde", _("einde alleen als")
    if word == "for":
        _var, _in, what = rest.partition(" in ")
        return "herhaling", _("voor elk uit: {items}").format(items=_readable_expression(what))
    if word == "endfor":
        return "herhaling", _("einde voor elk")
    return "overig", inner.split(" ")[0] or "code"


# --- Errors ---------------------------------------------------------------------------------


class TemplateError(ValueError):
    """A template that cannot be used. ``message`` (in the interface language, translated
    when the error is made) names the line if known."""

    def __init__(self, reason: str, line: int | None = None):
        self.line = line
        self.reason = reason
        self.message = (_("Regel {line}: {reason}").format(line=line, reason=reason) if line
                        else reason[:1].upper() + reason[1:])
        super().__init__(self.message)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, TemplateError)
            and other.line == self.line
            and other.reason == self.reason
        )

    def __hash__(self) -> int:
        return hash((self.line, self.reason))


def _thousands(n: int) -> str:
    """``n`` with a thousands separator of the interface language: 50.000, 50,000."""
    return f"{n:,}".replace(",", "." if language() == "nl" else ",")


def _suggest(name: str, candidates: Iterable[str]) -> str:
    match = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return _(" (bedoelt u '{name}'?)").format(name=match[0]) if match else ""


# --- The environment ------------------------------------------------------------------------


class _RenderAborted(Exception):
    """Raised inside a rendering that grew too long or took too long."""


_deadline: ContextVar[float] = ContextVar("template_deadline", default=float("inf"))


def _guard(length: int = 0) -> None:
    if length > MAX_OUTPUT_CHARS:
        raise _RenderAborted("length")
    if time.monotonic() > _deadline.get():
        raise _RenderAborted("time")


def _guarded(func):
    def wrapper(*args, **kwargs):
        _guard()
        result = func(*args, **kwargs)
        if isinstance(result, str):
            _guard(len(result))
        return result

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    # keep Jinja's pass_context/pass_eval_context markers
    if hasattr(func, "jinja_pass_arg"):
        wrapper.jinja_pass_arg = func.jinja_pass_arg
    return wrapper


def _replace(value, old, new, count=None) -> str:
    """The ``replace`` filter, refusing results beyond the output limit *before* building them."""
    s, old, new = str(value), str(old), str(new)
    hits = s.count(old) if old else len(s) + 1
    if count is not None:
        count = int(count)
        hits = min(hits, max(count, 0))
    _guard(len(s) + hits * max(len(new) - len(old), 0))
    return s.replace(old, new, -1 if count is None else count)


def _join(value, d="") -> str:
    """The ``join`` filter without ``attribute=``, bounded like :func:`_replace`."""
    items = [str(x) for x in value]
    _guard(sum(map(len, items)) + len(str(d)) * max(len(items) - 1, 0))
    return str(d).join(items)


ALLOWED_FILTERS: tuple[str, ...] = (
    "upper", "lower", "capitalize", "title", "trim", "default",
    "join", "length", "replace", "first", "last",
)  # fmt: skip


def _finalize(value):
    return "" if value is None else value


def _make_environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.globals.clear()
    env.tests.clear()
    filters = {name: _guarded(_JINJA_FILTERS[name]) for name in ALLOWED_FILTERS}
    filters["replace"] = _guarded(_replace)
    filters["join"] = _guarded(_join)
    env.filters = filters
    return env


_ENV = _make_environment()


# --- Checking -------------------------------------------------------------------------------

_ALLOWED_TAGS = ("if", "elif", "else", "endif", "for", "endfor")
_FORBIDDEN_TAGS = {  # whole messages: _(...).format()
    "set": N_("variabelen maken met '{{% set %}}' is niet toegestaan "
              "(alleen if, elif, else, endif, for en endfor zijn toegestaan)"),
    "import": N_("'{{% import %}}' is niet toegestaan "
                 "(alleen if, elif, else, endif, for en endfor zijn toegestaan)"),
    "from": N_("'{{% from ... import %}}' is niet toegestaan "
               "(alleen if, elif, else, endif, for en endfor zijn toegestaan)"),
    "include": N_("andere sjablonen invoegen met '{{% include %}}' is niet toegestaan "
                  "(alleen if, elif, else, endif, for en endfor zijn toegestaan)"),
    "extends": N_("'{{% extends %}}' is niet toegestaan "
                  "(alleen if, elif, else, endif, for en endfor zijn toegestaan)"),
    "block": N_("'{{% block %}}' is niet toegestaan "
                "(alleen if, elif, else, endif, for en endfor zijn toegestaan)"),
    "macro": N_("'{{% macro %}}' is niet toegestaan "
                "(alleen if, elif, else, endif, for en endfor zijn toegestaan)"),
    "call": N_("'{{% call %}}' is niet toegestaan "
               "(alleen if, elif, else, endif, for en endfor zijn toegestaan)"),
    "filter": N_("'{{% filter %}}' is niet toegestaan; gebruik een filter in '{{{{ ... }}}}' "
                 "(alleen if, elif, else, endif, for en endfor zijn toegestaan)"),
    "with": N_("'{{% with %}}' is niet toegestaan "
               "(alleen if, elif, else, endif, for en endfor zijn toegestaan)"),
    "autoescape": N_("'{{% autoescape %}}' is niet toegestaan "
                     "(alleen if, elif, else, endif, for en endfor zijn toegestaan)"),
    "do": N_("'{{% do %}}' is niet toegestaan "
             "(alleen if, elif, else, endif, for en endfor zijn toegestaan)"),
    "break": N_("'{{% break %}}' is niet toegestaan "
                "(alleen if, elif, else, endif, for en endfor zijn toegestaan)"),
    "continue": N_("'{{% continue %}}' is niet toegestaan "
                   "(alleen if, elif, else, endif, for en endfor zijn toegestaan)"),
    "trans": N_("'{{% trans %}}' is niet toegestaan "
                "(alleen if, elif, else, endif, for en endfor zijn toegestaan)"),
    "pluralize": N_("'{{% pluralize %}}' is niet toegestaan "
                    "(alleen if, elif, else, endif, for en endfor zijn toegestaan)"),
}


def _scan_tags(source: str) -> list[TemplateError]:
    """Check the tags and delimiters with the lexer: gives clearer messages than the parser."""
    errors: list[TemplateError] = []
    stack: list[list] = []  # open if/for blocks: [tag, line, else seen]
    structure_ok = True
    open_delim: tuple[str, int] | None = None
    expect_tag = False
    try:
        for line, token, value in _ENV.lex(source):
            if token in ("block_begin", "variable_begin"):
                open_delim = ("{%" if token == "block_begin" else "{{", line)
                expect_tag = token == "block_begin"
                continue
            if token in ("block_end", "variable_end"):
                open_delim = None
                continue
            if token == "whitespace" or not expect_tag:
                continue
            expect_tag = False
            if token != "name":
                reason = _("na '{{%' hoort een opdracht zoals 'if' of 'for'").format()
                errors.append(TemplateError(reason, line))
                continue
            tag = value
            if tag in _FORBIDDEN_TAGS:
                errors.append(TemplateError(_(_FORBIDDEN_TAGS[tag]).format(), line))
            elif tag.startswith("end") and tag[3:] in _FORBIDDEN_TAGS:
                pass  # reported at its opening tag
            elif tag not in _ALLOWED_TAGS:
                errors.append(
                    TemplateError(
                        _("onbekende opdracht '{{% {tag} %}}'{suggestion} (alleen if, elif, "
                          "else, endif, for en endfor zijn toegestaan)").format(
                            tag=tag, suggestion=_suggest(tag, _ALLOWED_TAGS)),
                        line,
                    )
                )
            elif not structure_ok:
                continue
            elif tag in ("if", "for"):
                stack.append([tag, line, False])
            elif tag in ("elif", "else"):
                allowed_in = ("if",) if tag == "elif" else ("if", "for")
                if not stack or stack[-1][0] not in allowed_in:
                    errors.append(
                        TemplateError(_("'{{% {tag} %}}' zonder bijbehorende '{{% if %}}'").format(
                            tag=tag), line)
                    )
                    structure_ok = False
                elif stack[-1][2]:
                    errors.append(
                        TemplateError(
                            _("'{{% {tag} %}}' na '{{% else %}}' in hetzelfde "
                              "'{{% {block} %}}' (van regel {line})").format(
                                tag=tag, block=stack[-1][0], line=stack[-1][1]),
                            line,
                        )
                    )
                    structure_ok = False
                elif tag == "else":
                    stack[-1][2] = True
            else:  # endif, endfor
                opener = tag[3:]
                if stack and stack[-1][0] == opener:
                    stack.pop()
                elif stack:
                    top, top_line, _else_seen = stack[-1]
                    errors.append(
                        TemplateError(
                            _("'{{% {tag} %}}' komt te vroeg: '{{% {block} %}}' van regel "
                              "{line} is nog niet afgesloten met '{{% end{block} %}}'").format(
                                tag=tag, block=top, line=top_line),
                            line,
                        )
                    )
                    structure_ok = False
                else:
                    errors.append(
                        TemplateError(
                            _("'{{% {tag} %}}' zonder bijbehorende '{{% {block} %}}'").format(
                                tag=tag, block=opener), line
                        )
                    )
                    structure_ok = False
    except TemplateSyntaxError as e:
        errors.append(_translate_syntax_error(e))
        return errors
    if open_delim is not None:
        delim, line = open_delim
        closer = "%}" if delim == "{%" else "}}"
        errors.append(TemplateError(_("'{delim}' zonder afsluitende '{closer}'").format(
            delim=delim, closer=closer), line))
    elif structure_ok:
        for tag, line, _else_seen in stack:
            errors.append(
                TemplateError(_("'{{% {tag} %}}' wordt niet afgesloten met '{{% end{tag} %}}'")
                              .format(tag=tag), line)
            )
    return errors


_SYNTAX_TRANSLATIONS = [  # Jinja's message -> ours (translated on use, the groups filled in)
    (
        re.compile(r"unexpected char (?P<char>\"'\"|'\"') at \d+"),
        N_("onverwacht teken {char}: een aanhalingsteken zonder afsluiting?"),
    ),
    (re.compile(r"unexpected char (?P<char>.+?) at \d+"), N_("onverwacht teken {char}")),
    (re.compile(r"Missing end of comment tag"), N_("'{{#' zonder afsluitende '#}}'")),
    (re.compile(r"Missing end of raw directive"), N_("'{{% raw %}}' zonder '{{% endraw %}}'")),
    (re.compile(r"Expected an expression"), N_("hier ontbreekt een plaatshouder of waarde")),
    (re.compile(r"unexpected end of template"), N_("het sjabloon houdt onverwacht op")),
    (re.compile(r"unexpected '(?P<token>.+?)'"), N_("onverwacht '{token}'")),
    (re.compile(r"expected token '(?P<expected>.+?)', got '(?P<found>.+?)'"),
     N_("'{expected}' verwacht, maar '{found}' gevonden")),
]


def _translate_syntax_error(e: TemplateSyntaxError) -> TemplateError:
    text = e.message or str(e)
    for pattern, dutch in _SYNTAX_TRANSLATIONS:
        m = pattern.search(text)
        if m:
            return TemplateError(_(dutch).format(**m.groupdict()), e.lineno)
    return TemplateError(_("het sjabloon kan niet worden gelezen ({detail})").format(detail=text),
                         e.lineno)


def _describe_call(node: nodes.Call) -> str:
    target = node.node
    if isinstance(target, nodes.Name):
        return f"{target.name}(...)"
    if isinstance(target, nodes.Getattr):
        return f".{target.attr}(...)"
    return "(...)"


class _Checker:
    """Walks a parsed template; every node not explicitly allowed is an error."""

    def __init__(self) -> None:
        self.errors: list[TemplateError] = []
        self._seen: set[TemplateError] = set()
        self._depth = 0

    def error(self, node: nodes.Node, reason: str) -> None:
        err = TemplateError(reason, getattr(node, "lineno", None))
        if err not in self._seen:
            self._seen.add(err)
            self.errors.append(err)

    # statements

    def body(self, stmts: list[nodes.Node], loop_vars: tuple[str, ...]) -> None:
        for stmt in stmts:
            self.stmt(stmt, loop_vars)

    def stmt(self, node: nodes.Node, loop_vars: tuple[str, ...]) -> None:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self.expr(child, loop_vars)
        elif isinstance(node, nodes.If):
            self.expr(node.test, loop_vars)
            self.body(node.body, loop_vars)
            for branch in node.elif_:
                self.stmt(branch, loop_vars)
            self.body(node.else_, loop_vars)
        elif isinstance(node, nodes.For):
            self.for_loop(node, loop_vars)
        else:
            self.error(node, self._statement_reason(node))

    @staticmethod
    def _statement_reason(node: nodes.Node) -> str:
        tags: dict[type[nodes.Node], str] = {
            nodes.Assign: "set",
            nodes.AssignBlock: "set",
            nodes.Import: "import",
            nodes.FromImport: "from",
            nodes.Include: "include",
            nodes.Extends: "extends",
            nodes.Block: "block",
            nodes.Macro: "macro",
            nodes.CallBlock: "call",
            nodes.FilterBlock: "filter",
            nodes.With: "with",
            nodes.ExprStmt: "do",
            nodes.ScopedEvalContextModifier: "autoescape",
        }
        tag = tags.get(type(node))
        if tag:
            return _(_FORBIDDEN_TAGS[tag]).format()
        return _("deze opdracht is niet toegestaan "
                 "(alleen if, elif, else, endif, for en endfor zijn toegestaan)")

    def for_loop(self, node: nodes.For, loop_vars: tuple[str, ...]) -> None:
        depth = loop_vars.count("loop")
        if depth >= MAX_LOOP_DEPTH:
            self.error(
                node, _("'{{% for %}}' is te diep genest (hooguit {limit} lussen in elkaar)")
                .format(limit=MAX_LOOP_DEPTH)
            )
            return
        target = node.target
        if not isinstance(target, nodes.Name):
            self.error(
                node, _("na '{{% for' hoort één nieuwe naam, bijv. '{{% for c in categorieen %}}'")
                .format()
            )
            return
        if target.name in _TOP_LEVEL or target.name == "loop" or target.name.startswith("_"):
            self.error(node, _("de lusnaam '{name}' is al in gebruik; kies een andere").format(
                name=target.name))
            return
        if node.recursive:
            self.error(node, _("'recursive' is niet toegestaan in '{{% for %}}'").format())
        it = node.iter
        lists = ", ".join(_LISTS)
        if isinstance(it, nodes.Name) and it.name in _LISTS:
            pass
        elif isinstance(it, nodes.Call):
            self.error(
                it,
                _("functieaanroepen zoals '{call}' zijn niet toegestaan; '{{% for %}}' loopt "
                  "alleen over {lists}").format(call=_describe_call(it), lists=lists),
            )
        elif isinstance(it, nodes.Name) and it.name not in _TOP_LEVEL and it.name not in loop_vars:
            self.unknown(it, it.name, loop_vars)
        else:
            self.error(it, _("'{{% for %}}' loopt alleen over een lijst: {lists}").format(
                lists=lists))
        inner = (*loop_vars, target.name)
        if node.test is not None:
            self.expr(node.test, inner)
        self.body(node.body, (*inner, "loop"))
        self.body(node.else_, loop_vars)

    # expressions

    def unknown(self, node: nodes.Node, name: str, loop_vars: tuple[str, ...]) -> None:
        candidates = [p.name for p in PLACEHOLDERS] + [v for v in loop_vars if v != "loop"]
        self.error(node, _("onbekende plaatshouder '{name}'{suggestion}").format(
            name=name, suggestion=_suggest(name, candidates)))

    def expr(self, node: nodes.Node, loop_vars: tuple[str, ...]) -> None:
        if self._depth >= MAX_EXPRESSION_DEPTH:
            self.error(node, _(_TOO_COMPLEX))
            return
        self._depth += 1
        try:
            self._expr(node, loop_vars)
        finally:
            self._depth -= 1

    def _expr(self, node: nodes.Node, loop_vars: tuple[str, ...]) -> None:
        if isinstance(node, nodes.Name):
            self.name(node, loop_vars)
        elif isinstance(node, nodes.Getattr):
            self.getattr(node, loop_vars)
        elif isinstance(node, nodes.Const):
            if not isinstance(node.value, str | int | float | bool | type(None)):
                self.error(node, _("deze waarde is niet toegestaan"))
        elif isinstance(node, nodes.Compare):
            self.expr(node.expr, loop_vars)
            for operand in node.ops:
                self.expr(operand.expr, loop_vars)
        elif isinstance(node, nodes.And | nodes.Or):
            self.expr(node.left, loop_vars)
            self.expr(node.right, loop_vars)
        elif isinstance(node, nodes.Not):
            self.expr(node.node, loop_vars)
        elif isinstance(node, nodes.CondExpr):
            self.expr(node.test, loop_vars)
            self.expr(node.expr1, loop_vars)
            if node.expr2 is not None:
                self.expr(node.expr2, loop_vars)
        elif isinstance(node, nodes.Filter):
            self.filter(node, loop_vars)
        elif isinstance(node, nodes.Call):
            self.error(
                node, _("functieaanroepen zoals '{call}' zijn niet toegestaan").format(
                    call=_describe_call(node))
            )
        elif isinstance(node, nodes.Getitem | nodes.Slice):
            self.error(
                node,
                _("'[...]' is niet toegestaan; gebruik bijvoorbeeld het filter 'first' of "
                  "'last'"),
            )
        elif isinstance(node, nodes.Test):
            self.error(
                node,
                _("'is {test}' is niet toegestaan; gebruik een vergelijking zoals '==' of "
                  "alleen de plaatshouder").format(test=node.name),
            )
        elif isinstance(node, nodes.Concat):
            self.error(node, _("'~' is niet toegestaan; zet plaatshouders gewoon achter elkaar"))
        elif isinstance(node, nodes.BinExpr | nodes.UnaryExpr):
            self.error(node, _("rekenen met '{operator}' is niet toegestaan").format(
                operator=node.operator))
        elif isinstance(node, nodes.List | nodes.Tuple | nodes.Dict):
            self.error(node, _("lijsten en tabellen in het sjabloon zelf zijn niet toegestaan"))
        else:
            self.error(node, _("deze uitdrukking is niet toegestaan"))

    def name(self, node: nodes.Name, loop_vars: tuple[str, ...]) -> None:
        name = node.name
        if name == "loop" and "loop" in loop_vars:
            self.error(
                node, _("gebruik 'loop' alleen met een eigenschap, bijv. 'loop.index' of "
                        "'loop.last'")
            )
        elif name in loop_vars:
            pass
        elif name in _GROUPS:
            fields = ", ".join(f"{name}.{a}" for a in _GROUPS[name])
            self.error(node, _("'{name}' is een groep; gebruik {fields}").format(
                name=name, fields=fields))
        elif name in _TOP_LEVEL:
            pass
        else:
            self.unknown(node, name, loop_vars)

    def getattr(self, node: nodes.Getattr, loop_vars: tuple[str, ...]) -> None:
        attr, base = node.attr, node.node
        if attr.startswith("_"):
            self.error(node, _("'{name}' is niet toegestaan (verborgen eigenschap)").format(
                name=attr))
            return
        if isinstance(base, nodes.Name):
            if base.name == "loop" and "loop" in loop_vars:
                if attr not in _LOOP_ATTRS:
                    self.error(
                        node,
                        _("'loop.{name}' bestaat niet of is niet toegestaan{suggestion}")
                        .format(name=attr, suggestion=_suggest(attr, _LOOP_ATTRS)),
                    )
                return
            if base.name in _GROUPS and base.name not in loop_vars:
                if attr not in _GROUPS[base.name]:
                    self.unknown(node, f"{base.name}.{attr}", loop_vars)
                return
            if base.name == "loop":
                self.error(node, _("'loop.{name}' bestaat alleen binnen '{{% for %}}'").format(
                    name=attr))
                return
            if base.name not in _TOP_LEVEL and base.name not in loop_vars:
                self.unknown(node, f"{base.name}.{attr}", loop_vars)
                return
        self.error(
            node,
            _("een punt is alleen toegestaan in {names} en loop.index e.d.").format(
                names=", ".join(p.name for p in PLACEHOLDERS if "." in p.name)),
        )

    def filter(self, node: nodes.Filter, loop_vars: tuple[str, ...]) -> None:
        if node.name not in ALLOWED_FILTERS:
            self.error(
                node,
                _("het filter '{name}' is niet toegestaan{suggestion}; toegestaan zijn: "
                  "{filters}").format(name=node.name,
                                      suggestion=_suggest(node.name, ALLOWED_FILTERS),
                                      filters=", ".join(ALLOWED_FILTERS)),
            )
            return
        if node.kwargs or node.dyn_args or node.dyn_kwargs:
            self.error(
                node,
                _("het filter '{name}' mag hier alleen gewone waarden krijgen, zonder "
                  "'naam='").format(name=node.name),
            )
            return
        if node.node is not None:
            self.expr(node.node, loop_vars)
        for arg in node.args:
            self.expr(arg, loop_vars)


def check_template(source: str) -> list[TemplateError]:
    """Every reason why ``source`` may not be used as a template; empty when it is fine."""
    if len(source) > MAX_SOURCE_CHARS:
        return [
            TemplateError(_("het sjabloon is te lang (meer dan {limit} tekens)").format(
                limit=_thousands(MAX_SOURCE_CHARS)))
        ]
    errors = _scan_tags(source)
    if errors:
        return errors
    try:
        tree = _ENV.parse(source)
    except TemplateSyntaxError as e:
        return [_translate_syntax_error(e)]
    except RecursionError:
        return [TemplateError(_(_TOO_COMPLEX))]
    checker = _Checker()
    checker.body(tree.body, ())
    return sorted(checker.errors, key=lambda e: e.line or 0)


# --- Rendering ------------------------------------------------------------------------------

_PLAIN_SCALARS = (str, int, float, bool, type(None))


def _check_plain(value, path: str = "context") -> None:
    if isinstance(value, _PLAIN_SCALARS):
        return
    if isinstance(value, list | tuple):
        for i, item in enumerate(value):
            _check_plain(item, f"{path}[{i}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{path}: keys must be str, got {type(key).__name__}")
            _check_plain(item, f"{path}.{key}")
        return
    raise TypeError(f"{path}: only plain str/int/bool/list/dict values, got {type(value).__name__}")


def _template_line(exc: BaseException) -> int | None:
    line = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == "<template>":
            line = lineno
    return line


def render_text(source: str, context: dict) -> str:
    """Check, then render ``source`` with ``context`` into plain text; raises TemplateError."""
    errors = check_template(source)
    if errors:
        raise errors[0]
    _check_plain(context)
    start = time.monotonic()
    token = _deadline.set(start + RENDER_TIMEOUT_S)
    try:
        template = _ENV.from_string(source)
        parts: list[str] = []
        length = 0
        for chunk in template.generate(context):
            length += len(chunk)
            parts.append(chunk)
            if length > MAX_OUTPUT_CHARS:
                raise _RenderAborted("length")
            if time.monotonic() - start > RENDER_TIMEOUT_S:
                raise _RenderAborted("time")
        return "".join(parts)
    except _RenderAborted as e:
        if e.args and e.args[0] == "length":
            raise TemplateError(_("de brief wordt te lang (meer dan {limit} tekens)").format(
                limit=_thousands(MAX_OUTPUT_CHARS))) from None
        raise TemplateError(_("het sjabloon doet er te lang over")) from None
    except UndefinedError as e:
        raise TemplateError(
            _("een plaatshouder heeft geen waarde ({detail})").format(detail=e.message),
            _template_line(e),
        ) from None
    except TemplateError:
        raise
    except Exception as e:  # noqa: BLE001 - any failure of a user's template is reported
        # never the exception's text: it can quote a value from the case (a filter applied
        # to melder_naam says "invalid literal for int(): 'Jan de Vries'")
        raise TemplateError(
            _("het sjabloon kan niet worden ingevuld ({error})").format(
                error=e.__class__.__name__),
            _template_line(e),
        ) from None
    finally:
        _deadline.reset(token)


# --- Letter templates -----------------------------------------------------------------------


@dataclass(frozen=True)
class LetterTemplate:
    id: str
    title: str
    description: str
    recipient: str  # a REFERRAL_DESTINATIONS code, RECIPIENT_MELDER or RECIPIENT_ANY
    subject: str  # template source, one line
    body: str  # template source
    builtin: bool = True
    address: tuple[str, ...] = ()  # pre-filled address lines, if known

    def check(self) -> list[TemplateError]:
        """The errors of subject and body; the subject's are marked as such."""
        errors = [TemplateError(_("onderwerp: {reason}").format(reason=e.reason))
                  for e in check_template(self.subject)]
        return errors + check_template(self.body)


_HEADER_KEYS = {
    "id": "id", "titel": "title", "omschrijving": "description", "ontvanger": "recipient",
    "onderwerp": "subject",
}  # fmt: skip
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def parse_template_text(text: str, *, builtin: bool = False) -> LetterTemplate:
    """Parse the file format described at the top of this module.

    Raises TemplateError with the file's line number for a malformed header; the template
    sources themselves are checked by :meth:`LetterTemplate.check`.
    """
    lines = text.replace("\r\n", "\n").split("\n")
    values: dict[str, str] = {}
    key_lines: dict[str, int] = {}
    address: list[str] = []
    separator = None
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped == "---":
            separator = number
            break
        if not stripped or stripped.startswith("#"):
            continue
        key, colon, value = stripped.partition(":")
        key, value = key.strip().lower(), value.strip()
        if not colon:
            raise TemplateError(_("kopregel zonder ':' ('{line}')").format(line=stripped[:40]),
                                number)
        if key == "adres":
            address.append(value)
        elif key in _HEADER_KEYS:
            if key in values:
                raise TemplateError(_("'{key}' staat twee keer in de kop").format(key=key),
                                    number)
            values[key] = value
            key_lines[key] = number
        else:
            known = [*_HEADER_KEYS, "adres"]
            raise TemplateError(_("onbekende kop '{key}'{suggestion}").format(
                key=key, suggestion=_suggest(key, known)), number)
    if separator is None:
        raise TemplateError(_("de regel '---' tussen kop en tekst ontbreekt"))
    missing = [k for k in _HEADER_KEYS if k not in values]
    if missing:
        raise TemplateError(_("de kop mist: {keys}").format(keys=", ".join(missing)))
    if not _ID_RE.match(values["id"]):
        raise TemplateError(
            _("ongeldige id '{id}' (alleen kleine letters, cijfers en '-')").format(
                id=values["id"]),
            key_lines["id"],
        )
    recipient = values["ontvanger"]
    if (
        recipient not in (RECIPIENT_MELDER, RECIPIENT_ANY)
        and recipient not in REFERRAL_DESTINATIONS
    ):
        raise TemplateError(
            _("onbekende ontvanger '{recipient}'{suggestion}").format(
                recipient=recipient,
                suggestion=_suggest(recipient, REFERRAL_DESTINATIONS.codes())),
            key_lines["ontvanger"],
        )
    if not values["titel"]:
        raise TemplateError(_("de titel is leeg"), key_lines["titel"])
    body = "\n".join(lines[separator:]).rstrip() + "\n"
    return LetterTemplate(
        id=values["id"],
        title=values["titel"],
        description=values["omschrijving"],
        recipient=recipient,
        subject=values["onderwerp"],
        body=body,
        builtin=builtin,
        address=tuple(address),
    )


def templates_dir() -> Path:
    """``resources/templates``, wherever the app's resources live (checkout or bundle)."""
    return resources_dir() / "templates"


def builtin_templates() -> list[LetterTemplate]:
    """The templates shipped in ``resources/templates/*.txt``, sorted by title.

    A malformed built-in template is a programming error: it raises ValueError naming the
    file (the test suite checks every shipped template).
    """
    found: list[LetterTemplate] = []
    for path in sorted(templates_dir().glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        try:
            template = parse_template_text(text, builtin=True)
        except TemplateError as e:
            raise ValueError(f"{path.name}: {e.message}") from None
        if template.id != path.stem:
            raise ValueError(_("{file}: id '{id}' hoort '{expected}' te zijn").format(
                file=path.name, id=template.id, expected=path.stem))
        errors = template.check()
        if errors:
            offset = [ln.strip() for ln in text.splitlines()].index("---") + 1
            first = errors[0]
            if first.line:
                raise ValueError(_("{file}: regel {line}: {reason}").format(
                    file=path.name, line=first.line + offset, reason=first.reason))
            raise ValueError(f"{path.name}: {first.reason}")
        found.append(template)
    return sorted(found, key=lambda t: t.title.casefold())


# --- The default template of a case -------------------------------------------------------

GENERIC_TEMPLATE_ID = "algemene-doorverwijzing"
DOMAIN_TEMPLATE_IDS: dict[str, str] = {
    "ongewenst_gedrag": "lkog",  # unwanted behaviour: the LKOG (complaints committee)
    "misstand": "huis-voor-klokkenluiders",  # a suspected misstand: Huis voor Klokkenluiders
}


def default_template_id(domains: Iterable[str], available: Iterable[str]) -> str | None:
    """The template a new letter about a case starts with: the one that fits the case's
    domain (in vocabulary order, the first that has one), else the generic referral, else
    the first available; None when there is none."""
    ids = list(available)
    for domain in domains:
        wanted = DOMAIN_TEMPLATE_IDS.get(domain)
        if wanted in ids:
            return wanted
    if GENERIC_TEMPLATE_ID in ids:
        return GENERIC_TEMPLATE_ID
    return ids[0] if ids else None


def builtin_template(template_id: str) -> LetterTemplate:
    for template in builtin_templates():
        if template.id == template_id:
            return template
    raise KeyError(template_id)
