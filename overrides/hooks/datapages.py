"""MkDocs hook: data/ -> pages. The only place that knows about MkDocs.

- on_config: validate data/ (a bad file stops the build with the catalog's
  message) and add the generated pages to their navigation section;
- on_files: one generated page per step, ambition, pitfall and theme;
- on_page_markdown: resolve `[...](kind:id)` links on every page, point the
  edit button of a generated page at its YAML file;
- on_page_content: glossary tooltips, each term an <abbr> with its definition (macros/tooltips.py),
  after the HTML the templates keep out of the Markdown (edit links, lists of links: macros/render.py, SLOT).
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.catalog import LINK_TARGET_RE, SCHEME_RE, WEB_SCHEMES, Item, load_cached, unknown_prefix_message  # noqa: E402
from macros.errors import DataError  # noqa: E402
from macros.model import ALGEMEEN, GENERAL_CRITERIA_PAGE, KINDS  # noqa: E402
from macros.render import Renderer, clear_slots, edit_base, fill_slots, renderer_for  # noqa: E402
from macros.tooltips import annotate, glossary_for  # noqa: E402

# Navigation section (by its index page) -> kind of entry whose pages go under it.
SECTIONS = {"stappen/index.md": "stap", "ambities/index.md": "ambitie", "valkuilen/index.md": "valkuil", "themas/index.md": "thema"}
# Every page carries the whole menu (the open section at least): a section with hundreds of
# entries would put hundreds of links on each of its pages, and the site would grow with the
# square of the data (`make bench`, issue 13). Up to this many entries a section lists them in
# the menu; beyond it, the menu shows the section's overview page, which lists them all, and an
# entry's page marks its section as the open one.
NAV_LIMIT = 12

_state: dict = {}


def _nav_title(item: Item) -> Markup:
    """Navigation label, escaped once: the theme writes it into HTML unescaped (the menu, the
    footer's text) and escaped again with `|e` (the footer's aria-label). As Markup, `|e`
    leaves it alone, so a screen reader hears "Foto's", not "Foto&#x27;s"."""
    e = item.entry
    if item.kind == "stap":
        title = f"{e.nummer}. {e.titel}"
    elif item.kind == "ambitie":
        title = f"{e.letter}. {e.titel}"
    else:
        title = item.title
    return Markup(html.escape(title))


def _extend_nav(nav, catalog) -> None:
    for entry in nav or []:
        if not isinstance(entry, dict):
            continue
        for children in entry.values():
            if not isinstance(children, list) or not children:
                continue
            first = children[0]
            index = first if isinstance(first, str) else next(iter(first.values())) if isinstance(first, dict) else None
            kind = SECTIONS.get(index) if isinstance(index, str) else None
            if kind:
                items = catalog.all(kind)
                if len(items) <= NAV_LIMIT:
                    children.extend({_nav_title(i): i.page} for i in items)
                else:
                    _state["off_nav"].update({i.page: index for i in items})
            _extend_nav(children, catalog)


def on_config(config):
    clear_slots()  # the HTML slots of the previous build (`make serve`), see macros/render.py
    data_dir = Path(config.config_file_path).resolve().parent / "data"
    try:
        catalog = load_cached(data_dir)
    except DataError as exc:
        raise PluginError(str(exc)) from None
    general = [i for i in catalog.all("criterium") if i.group == ALGEMEEN]
    if general and not (Path(config.docs_dir) / GENERAL_CRITERIA_PAGE).is_file():
        raise PluginError(f"Er zit een fout in de gegevens (de site is niet gebouwd):\n  - {general[0].file}: de pagina "
                          f"docs/{GENERAL_CRITERIA_PAGE} ontbreekt. Daar staan de clausules voor elke productgroep: zet "
                          "de pagina terug (ze roept de macro modelclausules() op).")
    _state["renderer"] = renderer_for(catalog, edit_base(config.repo_url, config.edit_uri, config.docs_dir))
    _state["generated"] = {}
    _state["off_nav"] = {}  # page of an entry left out of the menu -> its section's index page
    _extend_nav(config.nav, catalog)
    return config


# Before the plugins' on_files (priority 0): mkdocs-redirects checks its targets there, and a
# redirect may point at a generated page (valkuilen/nieuwe-id.md).
@event_priority(50)
def on_files(files, config):
    renderer: Renderer = _state["renderer"]
    for item in renderer.catalog.pages():
        if files.get_file_from_path(item.page):
            raise PluginError(f"docs/{item.page} bestaat al, maar die pagina wordt gemaakt uit {item.file} "
                              f"(item '{item.id}'). Verwijder docs/{item.page}.")
        try:
            content = renderer.page(item)
        except DataError as exc:
            raise PluginError(str(exc)) from None
        inclusion = InclusionLevel.NOT_IN_NAV if item.page in _state["off_nav"] else InclusionLevel.UNDEFINED
        files.append(File.generated(config, item.page, content=content, inclusion=inclusion))
        _state["generated"][item.page] = item
    return files


def on_nav(nav, config, files):
    # The print page (overrides/hooks/printpage.py) reads the reading order from the menu: the
    # entries left out of it follow their section's overview page, in the data's order.
    following: dict[str, list] = {}
    for page, index in _state["off_nav"].items():
        file = files.get_file_from_path(page)
        if file is not None and file.page is not None:
            following.setdefault(index, []).append(file.page)
    nav.buiten_menu = following
    return nav


def on_page_context(context, page, config, nav):
    # An entry's page left out of the menu: its section is the open one (tab and menu), as for
    # the pages listed there; no page in the menu is marked as the current one.
    index = _state["off_nav"].get(page.file.src_uri)
    if index is not None:
        section = next((p.parent for p in nav.pages if p.file.src_uri == index), None)
        if section is not None:
            section.active = True
            _state["opened"] = section
    return context


def on_post_page(output, page, config):
    section = _state.pop("opened", None)
    if section is not None:
        section.active = False  # the menu objects are shared by every page
    return output


def _check_prefixes(markdown: str, page) -> None:
    """A link like [x](hulpbron:quickscan) in a page: no browser knows that scheme, so stop here, in Dutch."""
    problems = []
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8").split("\n") if page.file.abs_src_path else []
    for target in LINK_TARGET_RE.findall(markdown):
        scheme = SCHEME_RE.match(target)
        if not scheme or scheme.group(1) in KINDS or scheme.group(1).lower() in WEB_SCHEMES | {"tel"}:
            continue
        line = next((i for i, text in enumerate(source, start=1) if "(" + target in text), None)
        where = f"docs/{page.file.src_uri}" + (f", regel {line}" if line else "")
        problems.append(f"{where}: in een link: {unknown_prefix_message(scheme.group(1), target[len(scheme.group(0)):])}")
    if problems:
        head = "Er zit een fout in een link" if len(problems) == 1 else f"Er zitten {len(problems)} fouten in links"
        raise PluginError(f"{head} (de site is niet gebouwd):\n" + "\n".join(f"  - {p}" for p in problems))


def on_page_markdown(markdown, page, config, files):
    renderer: Renderer = _state["renderer"]
    src = page.file.src_uri
    item = _state["generated"].get(src)
    if item is not None:
        page.edit_url = renderer.edit_url(item)
    else:
        _check_prefixes(markdown, page)
        try:
            markdown = renderer.resolve_links(markdown, src, source=f"docs/{src}")
        except DataError as exc:
            raise PluginError(str(exc)) from None
    return markdown


# The templates' HTML slots and the glossary tooltips on the page's HTML (macros/render.py, macros/tooltips.py), before
# the other content steps and the sanitiser (overrides/hooks/veiligheid.py).
@event_priority(80)
def on_page_content(html, page, config, files):
    # The glossary page defines every term in place: tooltips there only repeat the text beside
    # them, and its 150+ tooltips cost a phone 0.4 s of blocked main thread (`make bench`, TBT).
    try:
        html = fill_slots(html, f"docs/{page.file.src_uri}")  # first: the glossary marks terms in the lists too
    except DataError as exc:
        raise PluginError(str(exc)) from None
    if page.file.src_uri == KINDS["begrip"].page:
        return html
    return annotate(html, glossary_for(_state["renderer"].catalog))
