"""Stylesheets and scripts that only some pages use, loaded on those pages only.

Every file in mkdocs.yml's `extra_css` and `extra_javascript` is one more request on every page's
first load (a stylesheet blocks rendering too). The files here style or drive what only some pages
contain (a tool's form, the practice examples' filter, a tickable checklist), so a page gets them
when its rendered HTML has what they are for, found from the page itself, not from a list of pages:
an editor's new page with a checklist gets the checklist's files.

- A stylesheet is used by a page when one of its rules could match there: every class the rule's
  selector requires (those inside :not(), :is(), :where() and :has() aside) is on the page. The
  rules are read from the stylesheet itself, so a new rule for a new class needs no change here.
  A rule that names no class would match every page: such a rule belongs in a stylesheet of
  `extra_css`, and the build says so.
- A script is used by a page when the page has the element the script starts from (its selector
  below: classes and attribute names, matched the same way).

overrides/hooks/paginabestanden.py writes the tags into each finished page (`insert`: the
stylesheets after the last of extra_css, the scripts after the last of extra_javascript, before a
page's own tool scripts, as when every page loaded them); tests/test_paginabestanden.py checks
every built page in a browser, after its scripts ran.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import afdrukken


class AssetError(ValueError):
    """A per-page stylesheet that cannot be used per page (a message for developers, in Dutch)."""

# Paths under docs/, in the order they are loaded (after extra_css, so they win over it as before).
STYLESHEETS = (
    "assets/stylesheets/afvinklijst.css",
    "assets/stylesheets/hulpmiddelen.css",
    "assets/stylesheets/voorbeelden.css",
)
# Script -> the selector its start looks for (the same string is in the script: the test checks it).
SCRIPTS = {
    "assets/javascripts/afvinklijst.js": ".checklist[data-checklist]",
}

_FUNCTIONAL = re.compile(r":(?:not|is|where|has|matches|-webkit-any)\([^()]*\)", re.I)
_ATTRIBUTE = re.compile(r"\[\s*+([\w-]++)[^\[\]]*+\]")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
# At-rules whose blocks hold rules (descend) and those whose blocks hold no selectors (skip).
_NESTING = ("@media", "@supports", "@layer", "@container", "@document")


@dataclass(frozen=True)
class Need:
    """What a selector needs on a page: these classes and these attribute names."""
    classes: frozenset[str]
    attributes: frozenset[str] = frozenset()

    def met_by(self, classes: set[str], attributes: set[str]) -> bool:
        return self.classes <= classes and self.attributes <= attributes


def selector_need(selector: str, with_attributes: bool = False) -> Need:
    """The classes (and, for a script's start, attribute names) a selector requires."""
    plain = selector
    while True:  # innermost first, so :not(:is(.a)) goes too
        stripped = _FUNCTIONAL.sub("", plain)
        if stripped == plain:
            break
        plain = stripped
    attributes = frozenset(_ATTRIBUTE.findall(plain)) if with_attributes else frozenset()
    plain = _ATTRIBUTE.sub("", plain)  # a value may hold a dot: [href$=".pdf"]
    return Need(frozenset(_CLASS.findall(plain)), attributes)


def _without_comments(css: str) -> str:
    """The stylesheet without its /* comments */ (an unclosed one runs to the end, as in a browser)."""
    out, position = [], 0
    while True:
        start = css.find("/*", position)
        if start < 0:
            return "".join(out) + css[position:]
        out.append(css[position:start])
        end = css.find("*/", start + 2)
        if end < 0:
            return "".join(out)
        position = end + 2


def selectors(css: str) -> list[str]:
    """Every selector of every style rule (inside @media and the like too), comma lists split."""
    text = _without_comments(css)
    out: list[str] = []
    depth_skip = 0  # > 0 inside a block whose content is no rules (@font-face, @keyframes, @page)
    depth = 0
    prelude = ""
    for char in text:
        if char == "{":
            head = prelude.strip()
            prelude = ""
            depth += 1
            if depth_skip:
                depth_skip += 1
            elif head.startswith("@"):
                if not head.lower().startswith(_NESTING):
                    depth_skip = 1
            elif head:
                out += [part.strip() for part in head.split(",") if part.strip()]
        elif char == "}":
            prelude = ""
            depth -= 1
            if depth_skip:
                depth_skip -= 1
        elif char == ";":
            prelude = ""  # a declaration or @import: no selector
        else:
            prelude += char
    return out


def stylesheet_needs(path: Path, css: str) -> list[Need]:
    """The needs of a stylesheet's rules; a rule that needs no class stops the build."""
    needs = []
    for selector in selectors(css):
        need = selector_need(selector)
        if not need.classes:
            raise AssetError(
                f"{path}: de regel '{selector}' noemt geen klasse en zou dus op elke pagina gelden, maar dit "
                "stylesheet wordt alleen geladen op de pagina's die zijn klassen gebruiken "
                "(macros/paginabestanden.py). Zet de regel in een stylesheet van extra_css in mkdocs.yml, "
                "of geef hem een klasse.")
        needs.append(need)
    return needs


def page_names(html: str) -> tuple[set[str], set[str]]:
    """The classes and the attribute names of the start tags in a page's HTML, read with the print
    page's tag reader (macros/afdrukken.py: linear, quoted values whole, comments and the text of
    scripts and styles skipped)."""
    classes: set[str] = set()
    names: set[str] = set()
    # the print page's expressions, registered and checked for linear time in tests/test_grenzen.py
    for match in afdrukken._TOKEN.finditer(html):
        for attr in afdrukken._ATTR.finditer(match.group("attrs") or ""):
            name = attr.group(2).lower()
            names.add(name)
            if name == "class":
                classes.update(afdrukken._value(attr.group(3)).split())
    return classes, names


class Assets:
    """The per-page files of one build: each stylesheet's needs read once."""

    def __init__(self, docs_dir: Path):
        self.stylesheets: list[tuple[str, list[Need]]] = []
        for rel in STYLESHEETS:
            path = docs_dir / rel
            if not path.is_file():
                raise AssetError(f"docs/{rel} ontbreekt: macros/paginabestanden.py noemt het als stylesheet per pagina.")
            self.stylesheets.append((rel, stylesheet_needs(Path("docs") / rel, path.read_text(encoding="utf-8"))))
        self.scripts = [(rel, selector_need(sel, with_attributes=True)) for rel, sel in SCRIPTS.items()]

    def for_page(self, html: str) -> dict[str, list[str]]:
        """{"stylesheets": [...], "scripts": [...]}: the files this page's HTML uses, in load order."""
        classes, attributes = page_names(html)
        return {
            "stylesheets": [rel for rel, needs in self.stylesheets
                            if any(need.met_by(classes, attributes) for need in needs)],
            "scripts": [rel for rel, need in self.scripts if need.met_by(classes, attributes)],
        }


def _after_last(output: str, tag: str, root: str, paths: list[str], new: list[str]) -> str:
    """`output` with a tag per path in `new` after the last tag of `paths` in it (as the theme
    writes them). `root` is the relative way from the page to the site's root ("../" on
    stappen/x.html): a tag only counts with exactly that address, and the new tags get it too, so
    nothing in a page's text can choose where they point. Unchanged when no tag is found (the
    print page has no scripts)."""
    if not new:
        return output
    attribute = "href" if tag == "link" else "src"
    closing = "</script>" if tag == "script" else ">"
    # stylesheets: in <head> only; a tag opens with "<" (text has "&lt;"), and nothing closes it before the address
    limit = output.find("</head>") if tag == "link" else len(output)
    end = -1
    for path in paths:
        hit = output.rfind(f' {attribute}="{root}{path}"', 0, max(limit, 0))
        opening = output.rfind("<", 0, hit) if hit >= 0 else -1
        if opening < 0 or not output.startswith(f"<{tag} ", opening) or ">" in output[opening:hit]:
            continue
        close = output.find(closing, hit)
        if close >= 0:
            end = max(end, close + len(closing))
    if end < 0:
        return output
    if tag == "link":
        tags = "".join(f'\n<link rel="stylesheet" href="{root}{path}">' for path in new)
    else:
        tags = "".join(f'\n<script src="{root}{path}"></script>' for path in new)
    return output[:end] + tags + output[end:]


def root_of(dest_uri: str) -> str:
    """The relative address of the site's root from a page written to `dest_uri`."""
    return "../" * dest_uri.count("/")


def insert(output: str, used: dict[str, list[str]], root: str, extra_css: list[str],
           extra_javascript: list[str]) -> str:
    """The finished page with the tags of the per-page files it uses."""
    output = _after_last(output, "link", root, list(extra_css), used["stylesheets"])
    return _after_last(output, "script", root, list(extra_javascript), used["scripts"])
