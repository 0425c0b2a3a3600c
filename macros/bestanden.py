"""The files beside the pages: what docs/ and data/ may hold (issue 21).

A pull request's diff shows a committed symbolic link as one line, yet MkDocs copies what it
points at: `docs/assets/x.txt -> /proc/self/environ` would publish the build's environment. An
SVG file or an .htm page is copied into the site as it is, and a browser runs its script. So,
before anything is read:

- no symbolic link anywhere in docs/ or data/, and neither folder may be one itself; no other
  special file either (a named pipe would hang the build);
- under docs/ only the file types in FILE_TYPES (pages, our stylesheets, scripts and fonts,
  images, plain text); no .htm/.html/.xhtml, no .j2 template, no Python;
- an SVG file is a drawing, nothing more: no script, no event handler (onload=...), no link or
  reference to another file or site (href, url(), <image>, <foreignObject>), no DTD or entity
  (the XML parser stops at the first of these, before it expands anything). It is refused, not
  repaired: the editor saves it again as a plain SVG or sends a PNG.

New scripts and stylesheets are file types allowed here, but only the developers can approve
them (.github/CODEOWNERS: docs/assets/javascripts/ and docs/assets/stylesheets/).

Framework-free: overrides/hooks/inhoud.py calls `check_tree` when the build starts.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from xml.parsers import expat

from .errors import Problem

# Suffix -> what it is for (shown in the message).
FILE_TYPES = {
    ".md": "pagina's",
    ".css": "stijlbladen (docs/assets/stylesheets/)",
    ".js": "scripts (docs/assets/javascripts/)",
    ".woff2": "lettertypen voor de PDF (docs/assets/fonts/)",
    ".txt": "platte tekst, zoals de licentie van de lettertypen",
    ".png": "afbeeldingen (docs/assets/images/)",
    ".jpg": "afbeeldingen (docs/assets/images/)",
    ".jpeg": "afbeeldingen (docs/assets/images/)",
    ".webp": "afbeeldingen (docs/assets/images/)",
    ".svg": "tekeningen zonder script (docs/assets/images/)",
}
# Why a type an editor might try is not among them.
REFUSED_TYPES = {
    ".htm": "een HTML-pagina wordt zonder de controles van de site gepubliceerd. Schrijf de pagina in Markdown (.md)",
    ".html": "een HTML-pagina wordt zonder de controles van de site gepubliceerd. Schrijf de pagina in Markdown (.md)",
    ".xhtml": "een HTML-pagina wordt zonder de controles van de site gepubliceerd. Schrijf de pagina in Markdown (.md)",
    ".j2": "sjablonen horen in macros/templates/, bij de ontwikkelaars",
    ".py": "Python-code hoort in macros/ of tools/, bij de ontwikkelaars",
}
MAX_SVG_BYTES = 1_000_000

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
# Shapes, text, groups and paint: what a drawing needs. No <a>, <image>, <foreignObject>, <script>,
# <style>, <animate>/<set> (which can rewrite an href), <iframe>, <use> of another file.
SVG_ELEMENTS = {"svg", "g", "defs", "title", "desc", "path", "circle", "ellipse", "line", "polygon", "polyline",
                "rect", "text", "tspan", "symbol", "use", "linearGradient", "radialGradient", "stop", "clipPath",
                "mask", "pattern", "marker"}
_URL_IN_VALUE = re.compile(r"url\(\s*['\"]?(?!#)", re.I)
_IMPORT = re.compile(r"@import|expression\s*\(|javascript:", re.I)

SVG_FIX = ("Een SVG-bestand op de site is alleen een tekening. Bewaar het opnieuw als eenvoudige SVG (Inkscape: "
           "'Opslaan als' > 'Optimized SVG'), of gebruik een PNG.")


class _Refused(Exception):
    def __init__(self, line: int, what: str):
        super().__init__(what)
        self.line = line
        self.what = what


def svg_problems(data: bytes, rel: str) -> list[Problem]:
    """Why an SVG file may not be published, or []."""
    if len(data) > MAX_SVG_BYTES:
        return [Problem(rel, f"het bestand is {len(data) / 1_000_000:.1f} MB; een tekening mag hoogstens "
                             f"{MAX_SVG_BYTES // 1_000_000} MB zijn. {SVG_FIX}")]
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(what: str):
        raise _Refused(parser.CurrentLineNumber, what)

    def start(name, attributes):
        namespace, _, local = name.rpartition(" ")
        if namespace != SVG or local not in SVG_ELEMENTS:
            refuse(f"het element <{local}>" + ("" if namespace == SVG else f" (naamruimte '{namespace or 'geen'}')"))
        for key, value in attributes.items():
            attr_namespace, _, attr = key.rpartition(" ")
            if attr.lower().startswith("on"):
                refuse(f"een gebeurtenis ('{attr}=...'), die een script start")
            if attr == "href" and attr_namespace in ("", XLINK) and not value.strip().startswith("#"):
                refuse(f"een verwijzing naar een ander bestand of een andere site ('{attr}=\"{value[:40]}\"')")
            if _URL_IN_VALUE.search(value) or _IMPORT.search(value):
                refuse(f"een verwijzing naar een ander bestand of een andere site ('{attr}=\"{value[:40]}\"')")

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = lambda *args: refuse("een DOCTYPE (met mogelijk entiteiten die naar bestanden verwijzen)")
    parser.EntityDeclHandler = lambda *args: refuse("een entiteit (<!ENTITY ...>)")
    parser.ProcessingInstructionHandler = lambda target, data: refuse(f"een verwerkingsinstructie (<?{target} ...?>)")
    parser.ExternalEntityRefHandler = lambda *args: refuse("een verwijzing naar een extern bestand")
    try:
        parser.Parse(data, True)
    except _Refused as exc:
        return [Problem(rel, f"bevat {exc.what}. {SVG_FIX}", line=exc.line)]
    except expat.ExpatError as exc:
        return [Problem(rel, f"is geen geldig SVG-bestand ({expat.errors.messages.get(exc.code, 'XML-fout')}). {SVG_FIX}",
                        line=exc.lineno)]
    return []


def _link_problem(rel: str) -> Problem:
    return Problem(rel, "is een symbolische koppeling (symlink) naar een ander bestand of een andere map. De site "
                        "publiceert wat erachter zit, ook bestanden van buiten de repository; een pull request toont "
                        "er maar één regel van. Zet een gewoon bestand in de plaats (git rm het koppelingsbestand en "
                        "voeg de inhoud zelf toe).")


def _published(rel_to_docs: str) -> bool:
    """What MkDocs publishes from docs/: not dotfiles or dot-folders, not templates/ (its default exclude_docs)."""
    parts = rel_to_docs.split("/")
    return not any(p.startswith(".") for p in parts) and parts[0] != "templates"


def check_tree(project: Path, docs_dir: Path, data_dir: Path) -> tuple[int, list[Problem]]:
    """(number of files looked at, problems) for docs/ and data/."""
    problems: list[Problem] = []
    seen = 0
    for root, kind in ((docs_dir, "docs"), (data_dir, "data")):
        shown = _shown(project, root)
        if root.is_symlink():
            problems.append(_link_problem(shown + "/"))  # the folder itself: "data/"
            continue
        if not root.is_dir():
            continue
        for folder, dirs, files in os.walk(root, followlinks=False):
            base = Path(folder)
            for name in sorted(dirs):
                if (base / name).is_symlink():
                    problems.append(_link_problem(_shown(project, base / name)))
            dirs[:] = sorted(d for d in dirs if not (base / d).is_symlink())
            for name in sorted(files):
                path = base / name
                shown_path = _shown(project, path)
                seen += 1
                mode = os.lstat(path).st_mode
                if stat.S_ISLNK(mode):
                    problems.append(_link_problem(shown_path))
                    continue
                if not stat.S_ISREG(mode):
                    problems.append(Problem(shown_path, "is geen gewoon bestand (een pipe of apparaat). Haal het weg."))
                    continue
                if kind == "docs":
                    problems += _docs_file_problems(path, path.relative_to(root).as_posix(), shown_path)
    return seen, problems


def _docs_file_problems(path: Path, rel_to_docs: str, shown: str) -> list[Problem]:
    if not _published(rel_to_docs):
        return []
    suffix = path.suffix.lower()
    if suffix not in FILE_TYPES:
        why = REFUSED_TYPES.get(suffix, "de site publiceert alleen bestandstypen die ze kent")
        allowed = ", ".join(sorted({s for s in FILE_TYPES}))
        return [Problem(shown, f"dit bestandstype ('{suffix or 'zonder extensie'}') is niet toegelaten in docs/: {why}. "
                               f"Toegelaten: {allowed}. Een afbeelding hoort in docs/assets/images/.")]
    if suffix == ".svg":
        return svg_problems(path.read_bytes(), shown)
    return []


def _shown(project: Path, path: Path) -> str:
    try:
        return path.relative_to(project).as_posix()
    except ValueError:
        return path.as_posix()
