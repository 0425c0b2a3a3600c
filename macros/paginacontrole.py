"""A hand-written page is content, not code: what a page under docs/ may hold besides text (issue 21).

mkdocs-macros renders every page as a Jinja template with full access to Python: one line in a
page could read the build's environment, run a command or write a file into the site. So a page
may call the site's own macros, in one exact form, and nothing else:

    {{ naam() }}   {{ naam('tekst') }}   {{ naam(3) }}

`naam` is a macro that macros/adapter.py or macros/hulpmiddelen.py registers (never one of
mkdocs-macros' own, such as macros_info, nor a variable such as config); an argument is a quoted
text without quotes, braces, backslashes or line breaks, or a whole number. Every other `{{`,
`{%` and `{#` is refused before mkdocs-macros sees the page, with the file, the line and the fix.
The scan is linear: it looks for the three openers and matches one bounded pattern at each.

The front matter (the `---` block at the top, or MkDocs' older "key: value" lines) is data, like
data/: known keys with typed values (`PaginaKop`), the same Dutch messages. What the theme shows
of it (title, description, tags) is escaped here once, as Markup, so the theme's templates (which
escape with `|e`, see overrides/main.html) show it as text and never as markup.

overrides/hooks/inhoud.py calls `check_page` on every hand-written page as MkDocs reads it, and
`escape_meta` on every page. Framework-free: nothing here imports MkDocs.
"""
from __future__ import annotations

import difflib
import html
import inspect
import re
import typing
from pathlib import Path
from typing import Annotated, Literal, Optional

import yaml
from markupsafe import Markup
from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from . import safety, yamlfile
from .errors import Problem
from .model import MAX_TITLE, _max_length
from .sanitize import PAGE_SCRIPTS

# A page is text: a megabyte is hundreds of printed pages (the biggest page here is 20 KB).
MAX_PAGE_BYTES = 1_000_000
MAX_DESCRIPTION = 300
# Messages per page: after these, the rest of the page's Jinja is counted, not listed.
MAX_PROBLEMS = 20

# --- macro calls -----------------------------------------------------------------------------------

_OPENER = re.compile(r"\{[{%#]")
# One call, bounded: a name, at most one literal argument, at most two spaces inside the braces.
_CALL = re.compile(r"\{\{ {0,2}([a-z][a-z0-9_]{0,39})\((?:'([^'\"{}\\\n]{0,200})'|\"([^'\"{}\\\n]{0,200})\"|(-?[0-9]{1,9}))?\) {0,2}\}\}")
EXAMPLE = "{{ bronnen_lijst() }} of {{ aantal('bron') }}"


class _Recorder:
    """Stands in for mkdocs-macros' env: records the macros our define_env registers, calls none."""

    def __init__(self, project_dir: Path):
        self.project_dir = str(project_dir)
        self.macros: dict[str, typing.Callable] = {}
        self.conf: dict = {}
        self.variables: dict = {}

    def macro(self, function, name: str = ""):
        self.macros[name or function.__name__] = function
        return function

    def filter(self, function, name: str = ""):
        return function


def site_macros(project_dir: Path) -> dict[str, typing.Callable]:
    """The macros a page may call: exactly those macros/adapter.py (and the tools' module) register."""
    from .adapter import define_env

    recorder = _Recorder(project_dir)
    define_env(recorder)
    return recorder.macros


_CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}


def _snippet(text: str, start: int) -> str:
    end = text.find(_CLOSERS[text[start:start + 2]], start + 2, start + 80)
    piece = text[start:end + 2] if end >= 0 else text[start:start + 60]
    piece = piece.split("\n", 1)[0]
    return piece if len(piece) <= 60 else piece[:60] + "…"


def _argument_problem(name: str, function, args: list) -> Optional[str]:
    try:
        signature = inspect.signature(function)
        signature.bind(*args)
    except TypeError:
        wanted = [p.name for p in inspect.signature(function).parameters.values()]
        form = f"{{{{ {name}('...') }}}}" if wanted else f"{{{{ {name}() }}}}"
        return f"de macro '{name}' krijgt {len(args)} argument(en), maar verwacht er {len(wanted)}. Schrijf {form}"
    try:
        hints = typing.get_type_hints(function)
    except Exception:  # noqa: BLE001  (a hint that does not resolve only means: no list of choices)
        hints = {}
    for parameter, value in zip(signature.parameters, args):
        hint = hints.get(parameter)
        if typing.get_origin(hint) is Literal and value not in typing.get_args(hint):
            choices = ", ".join(f"'{c}'" for c in typing.get_args(hint))
            guess = difflib.get_close_matches(str(value), [str(c) for c in typing.get_args(hint)], n=1)
            hint_text = f" Bedoelde je '{guess[0]}'?" if guess else ""
            return f"de macro '{name}' kent '{value}' niet.{hint_text} Kies een van: {choices}"
    return None


def jinja_problems(text: str, rel: str, macros: dict[str, typing.Callable], start: int = 0) -> list[Problem]:
    """Every `{{`, `{%` and `{#` in a page from `start` on that is not one allowed macro call, with its line."""
    problems: list[Problem] = []
    names = sorted(macros)
    position, line, counted, more = start, 1 + text.count("\n", 0, start), start, 0
    while True:
        found = _OPENER.search(text, position)
        if found is None:
            if more:
                problems.append(Problem(rel, f"en nog {more} plaatsen met {{{{, {{% of {{# verder in de pagina.", line=line))
            return problems
        start = found.start()
        line += text.count("\n", counted, start)
        counted = start
        if len(problems) >= MAX_PROBLEMS:  # a page full of them: the first ones and a count say enough
            more += 1
            position = start + 2
            continue
        call = _CALL.match(text, start) if found.group(0) == "{{" else None
        if call is not None:
            name = call.group(1)
            args = [a for a in (call.group(2), call.group(3)) if a is not None]
            if call.group(4) is not None:
                args.append(int(call.group(4)))
            if name not in macros:
                guess = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
                hint = f" Bedoelde je '{guess[0]}'?" if guess else ""
                problems.append(Problem(rel, f"'{_snippet(text, start)}' roept '{name}' aan, maar dat is geen macro van de "
                                             f"site.{hint} Een pagina kan deze macro's aanroepen: {', '.join(names)}.",
                                        line=line))
            else:
                problem = _argument_problem(name, macros[name], args)
                if problem:
                    problems.append(Problem(rel, problem + ".", line=line))
            position = call.end()
            continue
        opener = found.group(0)
        if opener == "{#":
            why = ("een opmerking in de sjabloontaal Jinja. Schrijf een opmerking voor redacteurs als HTML-commentaar "
                   "(<!-- ... -->): lezers zien dat niet")
        elif opener == "{%":
            why = "een opdracht in de sjabloontaal Jinja (zoals {% if %} of {% set %}). Een pagina is tekst"
        else:
            why = "iets anders dan een aanroep van een macro van de site"
        problems.append(Problem(rel, f"bevat '{_snippet(text, start)}': {why}. Tussen {{{{ en }}}} mag alleen een macro "
                                     f"van de site staan, zo: {EXAMPLE}. Wil je de tekens {opener} zelf tonen, schrijf dan "
                                     f"&#123;{opener[1]}.", line=line))
        position = start + 2


# --- front matter ----------------------------------------------------------------------------------

# The two ways MkDocs reads a page's metadata (mkdocs/utils/meta.py, get_data): a YAML block between
# two lines '---', or, without one, "key: value" lines at the very top. The same patterns here, so
# what is checked is what MkDocs will read (tests/test_paginacontrole.py compares the two).
YAML_BLOCK = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")

HIDE = ("toc", "navigation", "footer", "tags")
SCRIPTS = tuple(PAGE_SCRIPTS)


def _plain(limit: int, tip: str):
    def check(value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("mag niet leeg zijn. Vul een tekst in of haal de regel weg")
        problem = safety.text_problem(value)
        if problem:
            raise ValueError(problem)
        if '"' in value:
            raise ValueError("bevat een dubbel aanhalingsteken (\"). Gebruik enkele aanhalingstekens (') of ‘ en ’")
        return value

    return [_max_length(limit, tip), AfterValidator(check)]


Titel = Annotated[str, *_plain(MAX_TITLE, "Een titel is kort; de uitleg hoort in description")]
Beschrijving = Annotated[str, *_plain(MAX_DESCRIPTION, "Een beschrijving is één of twee zinnen (zoekmachines tonen ongeveer 160 tekens)")]


class PaginaKop(BaseModel):
    """The front matter of a page: these keys and nothing else."""

    model_config = ConfigDict(extra="forbid", strict=True)

    title: Optional[Titel] = None
    description: Optional[Beschrijving] = None
    hide: list[Literal[HIDE]] = []  # type: ignore[valid-type]
    tags: list[str] = []
    scripts: list[Literal[SCRIPTS]] = []  # type: ignore[valid-type]
    # Written by our own templates for the pages made from data/: mkdocs-macros leaves them alone.
    render_macros: Optional[Literal[False]] = None


# Keys an editor may know from MkDocs or Material, and why they are not used here.
KEY_HINTS = {
    "render_macros": "alleen 'render_macros: false' is toegelaten: een pagina is tekst, geen sjabloon",
    "macros": "een pagina is tekst, geen sjabloon: macro-instellingen horen niet in een pagina",
    "author": "de site noemt geen auteurs per pagina; wie bijdroeg, staat in git",
    "template": "alle pagina's gebruiken het sjabloon van de site",
    "icon": "pagina's hebben geen eigen pictogram",
    "status": "pagina's hebben geen status",
    "search": "de zoekfunctie weegt alle pagina's op dezelfde manier",
}


def _key_lines(node, rel: str, problems: list[Problem]) -> dict[str, int]:
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, _ in node.value:
            name, line = str(key.value), key.start_mark.line + 1
            if name in lines:  # YAML keeps the last one silently; a reviewer reads the first
                problems.append(Problem(rel, f"de sleutel '{name}' staat twee keer bovenaan de pagina. Houd er één over.",
                                        line=line, field=name))
            lines.setdefault(name, line)
    return lines


def _yaml(block: str, rel: str, problems: list[Problem]):
    """The front matter's YAML as data and the line of each key, or (None, {}) after a problem.
    Anchors, aliases and deep nesting are refused on the event stream, as in data/ (macros/yamlfile.py)."""
    text = "\n" + block  # line numbers as in the file: line 1 is the first '---'
    lines = text.split("\n")
    # LibYAML reads it, as MkDocs does (it accepts "[a.js?x=1]", which the Python parser refuses); a
    # syntax error is explained from the Python parser's message, which the explanations are written for.
    error = yamlfile._scan(text, lines, rel, problems)
    if error is False:
        return None, {}
    if error is not None:
        error = yamlfile._scan(text, lines, rel, [], fast=False) or error
        line, message, key = yamlfile.diagnose(error, lines)
        problems.append(Problem(rel, "in de paginagegevens bovenaan (tussen de twee regels '---'): " + message,
                                line=line, field=key))
        return None, {}
    try:
        # After the first pass refused anchors, types and depth, on a block the page's size limit keeps
        # small; the loader's numbers and dates are those of data/ (macros/yamlfile.py).
        loader = (yamlfile._FAST or yamlfile._Loader)(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        line, message, key = yamlfile.diagnose(exc, lines)
        problems.append(Problem(rel, message, line=line, field=key))
        return None, {}
    return data, _key_lines(node, rel, problems)


def front_matter(text: str, rel: str, themes: Optional[set[str]] = None) -> tuple[dict, list[Problem]]:
    """The page's metadata as MkDocs will read it, checked; returns (metadata, problems)."""
    from .catalog import _explain  # the data's messages for the same pydantic errors

    problems: list[Problem] = []
    block = YAML_BLOCK.match(text)
    if block is None:
        first = text.split("\n", 1)[0]
        key = META_LINE.match(first)
        if key and first.strip():
            problems.append(Problem(rel, f"de eerste regel ('{first[:60]}') leest MkDocs als paginagegevens "
                                         f"('{key.group('key')}: ...'), niet als tekst: hij verdwijnt van de pagina. "
                                         "Begin de pagina met een kop (# Titel), of zet paginagegevens tussen twee "
                                         "regels '---'.", line=1, field=key.group("key")))
        return {}, problems
    data, lines = _yaml(block.group(1), rel, problems)
    if problems:
        return {}, problems
    if data is None:
        return {}, problems
    if not isinstance(data, dict):
        problems.append(Problem(rel, "de paginagegevens bovenaan (tussen de twee regels '---') zijn geen lijst van "
                                     "sleutels met een waarde. Schrijf bijvoorbeeld 'description: Korte beschrijving.'",
                                line=2))
        return {}, problems
    try:
        checked = PaginaKop.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = err["loc"]
            key = str(loc[0]) if loc else ""
            if err["type"] == "extra_forbidden" and key in KEY_HINTS:
                message = f"deze sleutel is niet toegelaten: {KEY_HINTS[key]}. Toegelaten: {', '.join(PaginaKop.model_fields)}."
            elif err["type"] == "literal_error" and key == "render_macros":
                message = KEY_HINTS["render_macros"] + "."
            elif err["type"] == "literal_error" and key == "scripts":
                message = (f"'{str(err.get('input'))[:80]}' is geen script van de site. Een pagina laadt alleen de "
                           f"scripts van de werkinstrumenten: {', '.join(SCRIPTS)}. Een nieuw script voegt een ontwikkelaar "
                           "toe (docs/assets/javascripts/ en PAGE_SCRIPTS in macros/sanitize.py).")
            elif err["type"] == "extra_forbidden":
                guess = difflib.get_close_matches(key.lower(), list(PaginaKop.model_fields), n=1, cutoff=0.5)
                hint = f"Bedoelde je '{guess[0]}'? " if guess else ""
                message = (f"deze sleutel is niet toegelaten (tikfout?). {hint}Bovenaan een pagina mogen alleen deze "
                           f"sleutels staan: {', '.join(PaginaKop.model_fields)}.")
            else:
                message = _explain(err, PaginaKop, loc)
            problems.append(Problem(rel, message, line=lines.get(key, 2), field=key or None))
        return {}, problems
    if themes is not None:
        for tag in checked.tags:
            if tag not in themes:
                guess = difflib.get_close_matches(tag, sorted(themes), n=1, cutoff=0.6)
                hint = f"Bedoelde je '{guess[0]}'? " if guess else ""
                problems.append(Problem(rel, f"'{tag[:60]}' is geen thema. {hint}Een tag is de naam van een thema uit "
                                             f"data/themas.yml: {', '.join(sorted(themes))}.",
                                        line=lines.get("tags", 2), field="tags"))
    return data, problems


# --- the page --------------------------------------------------------------------------------------


def read_page(path: Path, rel: str) -> tuple[Optional[str], list[Problem]]:
    """The page's text with line ends as MkDocs reads them, or None and the reason."""
    if path.is_symlink():
        return None, [Problem(rel, "is een symbolische koppeling naar een ander bestand. Een pagina is een gewoon "
                                   "bestand in docs/: zet de tekst zelf in het bestand.")]
    raw = path.read_bytes()
    if len(raw) > MAX_PAGE_BYTES:
        return None, [Problem(rel, f"het bestand is {len(raw) / 1_000_000:.1f} MB; een pagina mag hoogstens "
                                   f"{MAX_PAGE_BYTES // 1_000_000} MB zijn. Verdeel de tekst over meer pagina's.")]
    problems: list[Problem] = []
    text = yamlfile._decode(raw, rel, problems)
    if text is None:
        return None, [Problem(p.file, p.message.replace("Bewaar het bestand", "Bewaar de pagina"), line=p.line)
                      for p in problems]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def check_page(text: str, rel: str, macros: dict[str, typing.Callable], themes: Optional[set[str]] = None) -> list[Problem]:
    """Every problem of a hand-written page: its front matter, then every Jinja opener after it (the
    front matter's own values are checked as data: a title may hold no '{{' either)."""
    _, problems = front_matter(text, rel, themes)
    block = YAML_BLOCK.match(text)
    return problems + jinja_problems(text, rel, macros, start=block.end() if block else 0)


def escape_meta(meta: dict, pre_escaped: bool = False) -> None:
    """Title and description as Markup, escaped once; tags escaped as the templates of data pages do.

    Pages made from data/ (macros/templates/_m.md.j2, `front`) arrive escaped already: they are
    marked, not escaped again. Material writes these values into the page as they are."""
    for key in ("title", "description"):
        value = meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            meta[key] = Markup(value if pre_escaped else html.escape(value))
    tags = meta.get("tags")
    if isinstance(tags, list) and not pre_escaped:
        meta["tags"] = [html.escape(t) if isinstance(t, str) else t for t in tags]
