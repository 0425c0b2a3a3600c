"""MkDocs hook: nothing written in data/ or docs/ can run in a reader's browser.

- on_page_content (last, after every other content step and before the print page
  (overrides/hooks/printpage.py, on_env), the search index and the tags plugin read the
  content): the page's HTML through the allow-list sanitiser (macros/sanitize.py).
- on_post_page (last) and on_post_build (after the redirect stubs and the offline plugin):
  the Content-Security-Policy <meta> with the hashes of the page's own inline scripts
  (macros/csp.py). Pages that plugins write themselves in on_post_build never pass through
  on_post_page; they get their policy from the file on disk. Every .html, .htm and .xhtml file
  of the site carries it, or the build stops; so does an SVG file that could run a script.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import csp, sanitize  # noqa: E402

_done: set = set()
_state = {"preview": False}
_problems: list[str] = []


def on_startup(command, dirty):
    # `mkdocs serve` (make serve) injects an inline live-reload script: see macros/csp.py policy().
    _state["preview"] = command == "serve"


def on_pre_build(config):
    _done.clear()
    _problems.clear()


@event_priority(-100)
def on_page_content(html, page, config, files):
    html = sanitize.clean(html)
    _rename_toc(page.toc)  # the ids the sanitiser renamed (macros/sanitize.py, safe_id)
    # The title MkDocs took from the page's first heading (MkDocs 1.6 keeps it here; the inert corpus,
    # tests/test_hostile.py heading-meta-refresh, fails should a later version move it).
    if getattr(page, "_title_from_render", None):
        page._title_from_render = sanitize.menu_text(page._title_from_render)
    # A tool's script takes the first element with each of its ids: on its page, content may not add
    # a second one before ours (macros/sanitize.py, PAGE_SCRIPTS).
    for problem, value in sanitize.hook_id_problems(html, (page.meta or {}).get("scripts"), with_ids=True):
        _problems.append(f"{_where(page, value)}: {problem}.")
    return html


def _rename_toc(links) -> None:
    for link in links or ():
        link.id = sanitize.safe_id(link.id)
        link.title = sanitize.menu_text(link.title)  # Material's tooltips: see macros/sanitize.py, menu_text
        _rename_toc(link.children)


def _where(page, value: str) -> str:
    """The page and, when the page's own text writes it, the line of the id."""
    where = f"docs/{page.file.src_uri}"
    if page.file.abs_src_path and page.file.generated_by is None:
        lines = Path(page.file.abs_src_path).read_text(encoding="utf-8", errors="replace").splitlines()
        line = next((i for i, text in enumerate(lines, start=1) if f'id="{value}"' in text or f"#{value}" in text), None)
        if line:
            where += f", regel {line}"
    return where


# Once every page is converted (raised here, the message is not prefixed by MkDocs' own English line).
@event_priority(90)
def on_env(env, config, files):
    if _problems:
        head = "Er zit een fout in een pagina" if len(_problems) == 1 else f"Er zitten {len(_problems)} fouten in pagina's"
        raise PluginError(f"{head} (de site is niet gebouwd):\n" + "\n".join(f"  - {p}" for p in _problems))
    return env


# After the other post_page steps (overrides/hooks/toegankelijkheid.py's repairs at 0).
@event_priority(-100)
def on_post_page(output, page, config):
    _done.add(page.file.abs_dest_path)
    return _apply(output, page.file.dest_uri)


def _apply(html: str, where: str) -> str:
    try:
        return csp.apply(html, preview=_state["preview"])
    except csp.UnknownInlineScript as exc:
        raise PluginError(f"{where}: de pagina bevat een inline script dat de site niet kent ({exc}). Een script hoort "
                          "niet in data/ of in de tekst van een pagina, maar in een bestand onder docs/assets/javascripts/ "
                          "(voor ontwikkelaars: een nieuw script van het thema of een plug-in wordt eerst nagekeken in "
                          "TRUSTED_SCRIPTS van macros/csp.py).") from None


# Every document a browser would run script in. docs/ holds no .htm or .xhtml and no SVG with a
# script (overrides/hooks/inhoud.py refuses them), but a plugin may write one.
DOCUMENTS = (".html", ".htm", ".xhtml")


# After the redirect stubs (0, -20), the final repairs (-60) and the offline plugin (-100).
@event_priority(-150)
def on_post_build(config):
    site = Path(config.site_dir)
    problems = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        where = path.relative_to(site).as_posix()
        suffix = path.suffix.lower()
        if suffix == ".svg" and csp.svg_runs_script(path.read_text(encoding="utf-8", errors="replace")):
            problems.append(f"{where}: een SVG-bestand met een script of een gebeurtenis (on...=); zo'n bestand kan "
                            "geen Content-Security-Policy dragen.")
            continue
        if suffix not in DOCUMENTS:
            continue
        if str(path) in _done:
            continue
        text = path.read_text(encoding="utf-8")
        protected = _apply(text, where)
        if csp.MARKER not in protected:
            problems.append(f"{where}: een HTML-document zonder <head> of <meta charset>, waar de Content-Security-"
                            "Policy niet in past.")
            continue
        path.write_text(protected, encoding="utf-8")
    if problems:
        raise PluginError("Niet elk document van de site draagt de Content-Security-Policy (voor ontwikkelaars: welke "
                          "plug-in schreef dit?):\n" + "\n".join(f"  - {p}" for p in problems))
