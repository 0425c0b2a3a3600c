"""Turn catalog entries into Markdown fragments and pages.

Queries live here and in catalog.py; the Jinja templates in templates/ only
loop and format. Plain-text fields pass through `t` (HTML-escaped, so a
`<script>` in a title shows as text); Markdown fields pass through `md`
(inline `kind:id` links resolved relative to the page being written).
"""
from __future__ import annotations

import functools
import html
import posixpath
import re
from pathlib import Path
from typing import Optional

import jinja2
import jinja2.bccache

from .catalog import INLINE_REF_RE, PAGE_LINK_RE, Catalog, Item, unknown_ref_message
from .datum import datum_nl
from .errors import DataError, Problem
from .model import (ALGEMEEN, CRITERIUM_SOORT_LABELS, CRITERIUM_SOORT_MEERVOUD, FASE_LABELS, GENERAL_CRITERIA_PAGE, KINDS,
                    NIVEAU_LABELS, SOORT_LABELS, TAAL_LABELS, VOORZIENING_LABELS)

TEMPLATES = Path(__file__).parent / "templates"
# The pencil of an entry's edit link is drawn by CSS (.bewerk-item__icoon in extra.css, Material
# Design Icons' file-edit-outline as a mask): an inline SVG per entry made the resource list half
# icon (data x100: 1.3 MB of the page's Markdown).
EDIT_ICON = '<span class="bewerk-item__icoon" aria-hidden="true"></span>'
# Accessible name of an entry's edit link, per kind.
EDIT_LABELS = {"voorbeeld": "Bewerk dit voorbeeld", "bron": "Bewerk deze hulpbron", "begrip": "Bewerk dit begrip",
               "regel": "Bewerk deze regel", "criterium": "Bewerk dit criterium"}
# What the templates generate around the data (an entry's edit link, its lists of related entries)
# goes into the page's HTML, not its Markdown (`fill_slots`, called by overrides/hooks/datapages.py):
# MkDocs and Python-Markdown each parse every raw HTML tag of a page's Markdown with html.parser, and
# every Markdown link goes through a dozen inline patterns. With one edit link and a few lists of
# links per entry that was half the glossary's conversion time (data x100, `make bench`). The
# Markdown holds a slot instead: SUB (U+001A), "b" (a block) or "i" (inline), a number, SUB. It is
# short, plain text to Python-Markdown (the separators U+001C-U+001F would be stripped as
# whitespace), and no data field can hold SUB (macros/safety.py refuses control characters). The
# HTML waits in `_slots` until the page is converted; every build starts with none (`clear_slots`).
# tools/plain_material.py sets HTML_SLOTS to False, to give plain Material the same page as Markdown.
SLOT = "\x1a"
SLOT_RE = re.compile(r"(<p>)?\x1a([bi])(\d+)\x1a(</p>)?")
HTML_SLOTS = True
_slots: list[str] = []


def slot(html_text: str, block: bool = False) -> str:
    _slots.append(html_text)
    return f"{SLOT}{'b' if block else 'i'}{len(_slots) - 1}{SLOT}"


def as_slot(html_text: str, block: bool = False) -> str:
    """HTML for a page's Markdown: a slot, or the HTML itself for the plain Material yardstick
    (tools/plain_material.py sets HTML_SLOTS to False), which then reads it as raw HTML."""
    return slot(html_text, block) if HTML_SLOTS else html_text


def clear_slots() -> None:
    _slots.clear()


def fill_slots(text: str, source: str) -> str:
    """`text` (the HTML of the page `source`) with every slot replaced by its HTML: a block slot
    takes the place of the paragraph Markdown made around it."""
    if SLOT not in text:
        return text

    def sub(match: re.Match) -> str:
        number = int(match.group(3))
        if number >= len(_slots):
            raise DataError([Problem(source, "bevat een onzichtbaar teken (U+001A, SUB), dat de site zelf gebruikt. "
                                             "Haal het weg: het komt meestal mee met tekst die uit een ander programma geplakt is.")])
        inner = _slots[number]
        if match.group(2) == "b" and match.group(1) and match.group(4):
            return inner
        return (match.group(1) or "") + inner + (match.group(4) or "")

    return SLOT_RE.sub(sub, text)


# Characters that would turn plain text into Markdown markup ({ } would start an attribute list).
MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]#|{}])")


def href(target: str, from_page: str) -> str:
    """Relative link from one page (docs-relative .md path) to a target page[#anchor]."""
    path, _, anchor = target.partition("#")
    if path == from_page:
        rel = ""
    else:
        rel = posixpath.relpath(path, posixpath.dirname(from_page) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def _built(rel: str) -> str:
    """A relative `.md` link as MkDocs writes it in the built site (use_directory_urls: false)."""
    path, hash_, anchor = rel.partition("#")
    if path.endswith(".md"):
        path = path[:-3] + ".html"
    return path + hash_ + anchor


def page_href(target: str, from_page: str) -> str:
    """Like `href`, for raw HTML: MkDocs rewrites `.md` links in Markdown only, so point at the built
    `.html` page. A link to the page itself keeps its file name: an empty href would not say where
    it goes."""
    path, hash_, anchor = target.partition("#")
    return _built(posixpath.relpath(path, posixpath.dirname(from_page) or ".") + hash_ + anchor)


def html_href(target: str, from_page: str) -> str:
    """The address MkDocs writes for the Markdown link `href(target, from_page)`: the built .html page,
    or only the anchor on the page itself."""
    return _built(href(target, from_page))


def text(value) -> str:
    """Plain text for HTML, as Markdown writes the text of `plain(value)`: on one line, escaped."""
    return html.escape(" ".join(str(value).split()), quote=False)


def suffix(item: Item) -> str:
    """What follows an entry's link in a list of links: who publishes a resource, whose example it
    is, which ambition a strategy belongs to."""
    if item.kind == "bron":
        return " – " + " ".join(item.entry.uitgever.split())
    if item.kind == "voorbeeld" and item.entry.organisatie:
        return " – " + " ".join(item.entry.organisatie.split())
    if item.kind == "strategie":
        return f" (ambitie {item.parent.entry.letter})"
    if item.kind == "criterium":
        return f" – {CRITERIUM_SOORT_LABELS[item.entry.soort].lower()}, {NIVEAU_LABELS[item.entry.niveau].lower()}"
    return ""


# The anchor of each type's section on a product group's page (in macros/model.py PRODUCT_GROUP_ANCHORS).
SOORT_ANCHORS = {"selectiecriterium": "selectiecriteria", "technische-specificatie": "technische-specificaties",
                 "gunningscriterium": "gunningscriteria", "uitvoeringsvoorwaarde": "uitvoeringsvoorwaarden"}
# The whole-life cost comparator, linked from a product group's hints on life-cycle cost.
COST_TOOL = "werkinstrumenten/levensduurkost.md"
# The tender builder, linked from a product group's criteria.
BUILDER = "werkinstrumenten/bestekbouwer.md"

# A placeholder in a clause: "[aantal]" (macros/model.py allows no other brackets in a clause).
PLACEHOLDER_RE = re.compile(r"\[([^\[\]\n]+)\]")


def mark_placeholders(markdown: str) -> str:
    """A clause's Markdown with every placeholder marked, so a reader sees what to fill in."""
    return PLACEHOLDER_RE.sub(lambda m: f'<span class="invulveld">[{m.group(1)}]</span>', markdown)


def criteria_by_type(items: list[Item]) -> list[tuple[str, str, list[Item]]]:
    """(type, heading, criteria) in the order a bestek is built; within a type by level, then as written."""
    out = []
    for soort, heading in CRITERIUM_SOORT_MEERVOUD.items():
        group = sorted((i for i in items if i.entry.soort == soort), key=Item.sort_key)
        if group:
            out.append((soort, heading, group))
    return out


def criteria_by_group(items: list[Item]) -> list[tuple[Optional[Item], list[Item]]]:
    """Criteria per product group (None: the model clauses for every group), groups by name."""
    groups: dict = {}
    for i in sorted(items, key=Item.sort_key):
        groups.setdefault(i.parent.key if i.parent else None, (i.parent, []))[1].append(i)
    return sorted(groups.values(), key=lambda g: (g[0] is not None, g[0].title.casefold() if g[0] else ""))


def plain(text: str) -> str:
    """Plain text for a Markdown page: shown as typed, on one line (a line break in a plain field
    could otherwise start a block of its own: a list, a heading, an attribute list)."""
    return MD_SPECIAL_RE.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))


def indent(text: str, width: int = 4) -> str:
    pad = " " * width
    return text.replace("\n", "\n" + pad)


class BytecodeCache(jinja2.FileSystemBytecodeCache):
    """A cache that cannot be read or written is no cache, not a failed build."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            pass

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def bytecode_cache(flavour: str) -> Optional[jinja2.BytecodeCache]:
    # Compiling the templates is a tenth of a small build. Jinja's default cache folder is private
    # to the user (created 0700, its owner checked: Jinja refuses it otherwise, and then we compile),
    # and an entry whose template changed is recompiled. The key holds the template's path, not the
    # environment's options: each environment keeps its own entries.
    try:
        return BytecodeCache(pattern=f"circulair-{flavour}-%s.cache")
    except (OSError, RuntimeError):
        return None


def _environment(flavour: str, **options) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), bytecode_cache=bytecode_cache(flavour),
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, **options)


class Renderer:
    def __init__(self, catalog: Catalog, edit_base: Optional[str] = None):
        self.catalog = catalog
        self.edit_base = edit_base  # e.g. https://github.com/org/repo/edit/main/
        self.env = _environment("md", autoescape=False, keep_trailing_newline=True)
        self.env.filters["t"] = plain
        self.env.filters["indent_md"] = indent
        self.env.filters["attr"] = lambda text: html.escape(str(text), quote=True)
        self.env.filters["datum"] = datum_nl  # "28 november 2026", the one format readers see

    # --- links ---------------------------------------------------------------

    def resolve_links(self, text: str, from_page: str, source: str = "") -> str:
        """Replace `](kind:id)` links by relative links; unknown ids raise DataError naming `source`."""
        problems = []

        def sub(match: re.Match) -> str:
            kind, ref = match.group(1), match.group(2)
            item = self.catalog.items.get((kind, ref))
            if item is None:
                problems.append(Problem(source or from_page, "in een link: " + unknown_ref_message(self.catalog, kind, ref)))
                return match.group(0)
            return "](" + href(item.target, from_page) + ")"

        out = INLINE_REF_RE.sub(sub, text)
        if problems:
            raise DataError(problems)
        return out

    def edit_url(self, item: Item) -> Optional[str]:
        # GitHub's edit view ignores #L anchors (only the read-only blob view honours
        # them) and editors want the editor in one click: the link opens the file for
        # editing, and the link text names the line where the entry starts.
        return self.edit_base + item.file if self.edit_base else None

    def edit_link(self, item: Item) -> str:
        """An entry's edit link, as a slot for its Markdown (see SLOT)."""
        link = self.edit_link_html(item)
        return slot(link) if link and HTML_SLOTS else link

    def edit_link_html(self, item: Item) -> str:
        """An entry's edit link for editors: a pencil icon, no file name in the visible text.

        Readers see only the icon; its accessible name ("Bewerk dit voorbeeld: <titel>") is read
        by screen readers, and the file and line where the entry starts are in the link's
        title, for editors who hover it. Empty when the site has no repository.
        """
        url = self.edit_url(item)
        if not url:
            return ""
        name = f"{EDIT_LABELS.get(item.kind, 'Bewerk')}: {item.title}"
        where = f"{name} ({item.file}, regel {item.line})"
        # The name is an attribute, not text: the glossary would otherwise put tooltips into it.
        return (f'<a class="bewerk-item" href="{html.escape(url, quote=True)}" aria-label="{html.escape(name, quote=True)}" '
                f'title="{html.escape(where, quote=True)}">{EDIT_ICON}</a>')

    # --- rendering -----------------------------------------------------------

    def render(self, template: str, from_page: str, **context) -> str:
        catalog = self.catalog

        def link(item: Item) -> str:
            return f"[{plain(item.title)}]({href(item.target, from_page)})"

        def md(text: Optional[str]) -> str:
            if not text:
                return ""
            # Page links in data are written from docs/; make them relative to this page first.
            text = PAGE_LINK_RE.sub(lambda m: "](" + href(m.group(1) + (m.group(2) or ""), from_page), text)
            return self.resolve_links(text, from_page)

        def related(item: Item, kind: str) -> list[Item]:
            return catalog.related(item, kind)

        def a(item: Item) -> str:
            return f'<a href="{html.escape(html_href(item.target, from_page))}">{text(item.title)}</a>'

        def link_line(label: str, items: list[Item], with_suffix: bool = False) -> str:
            """"Label: link, link" (the HTML Markdown made of `**Label:** [..](..), [..](..)`), as a slot;
            with what follows each link in a list of links (a strategy's ambition), if asked."""
            after = (lambda i: html.escape(suffix(i), quote=False)) if with_suffix else (lambda i: "")
            return slot(f"<strong>{text(label)}:</strong> " + ", ".join(a(i) + after(i) for i in items))

        def link_list(items: list[Item]) -> str:
            """A list of links, each with what says where it comes from, as a slot."""
            rows = "".join(f"<li>{a(i)}{html.escape(suffix(i), quote=False)}</li>\n" for i in items)
            return slot(f"<ul>\n{rows}</ul>", block=True)

        def criteria_lines(items: list[Item]) -> str:
            """The criteria that refer to an entry, one line per product group, as a slot."""
            rows = []
            for group, members in criteria_by_group(items):
                label = a(group) if group else f'<a href="{html.escape(html_href(GENERAL_CRITERIA_PAGE, from_page))}">Voor elke productgroep</a>'
                rows.append(f"<li>{label}: " + ", ".join(a(i) for i in members) + "</li>\n")
            return as_slot(f'<ul class="criteria-per-groep">\n{"".join(rows)}</ul>', block=True)

        def criterium_meta(item: Item) -> str:
            """Level and type of a criterion, as a slot: the level as a visible badge."""
            e = item.entry
            return as_slot(f'<span class="niveau niveau--{e.niveau}">Niveau: {NIVEAU_LABELS[e.niveau]}</span> '
                           f'<span class="criteriumsoort">{CRITERIUM_SOORT_LABELS[e.soort]}</span>')

        def criterium_source(item: Item) -> str:
            """"Bron: <set>, nummer <n> · versie <v> van <date>", as a slot."""
            e = item.entry
            source = catalog.get("bron", e.bron)
            own = html.escape(e.bronlink or source.entry.url, quote=True)
            day = e.datum
            return as_slot(f"<strong>Bron:</strong> {a(source)}, <a href=\"{own}\">nummer {text(e.bronnummer)}</a> · versie "
                           f'{e.versie} van <time datetime="{day.isoformat()}">{datum_nl(day)}</time>')

        def clause(markdown: str) -> str:
            return md(mark_placeholders(markdown))

        tpl = self.env.get_template(template)
        return tpl.render(
            catalog=catalog, link=link, md=md, related=related, kinds=KINDS,
            html_slots=HTML_SLOTS, link_line=link_line, link_list=link_list, suffix=suffix,
            criteria_lines=criteria_lines, criterium_meta=criterium_meta, criterium_source=criterium_source,
            clause=clause, niveaus=NIVEAU_LABELS, soort_anchors=SOORT_ANCHORS,
            edit_url=self.edit_url, edit_link=self.edit_link, page=from_page,
            last_good=catalog.last_good,  **context,
        )

    def page(self, item: Item) -> str:
        """The full Markdown source of an entry's own page (steps, ambitions, pitfalls, themes)."""
        context = {"item": item, "e": item.entry}
        if item.kind == "stap":
            steps = self.catalog.all("stap")
            i = steps.index(item)
            context["prev"] = steps[i - 1] if i > 0 else None
            context["next"] = steps[i + 1] if i + 1 < len(steps) else None
            context["balk"] = self.stappenbalk(item)
        if item.kind == "ambitie":
            context["strategies"] = [self.catalog.get("strategie", s.id) for s in item.entry.strategieen]
            context["balk"] = self.ambitiebalk(item)
        if item.kind == "thema":
            context.update(self.product_group(item))
        return self.render(f"{item.kind}.md.j2", item.page, **context)

    def product_group(self, theme: Item) -> dict:
        """What a product group's page shows besides its links: its criteria by type, the strategies of
        the group and of its criteria, its labels, the model clauses for every group."""
        catalog = self.catalog
        criteria = catalog.related(theme, "criterium")
        labels = [catalog.get("bron", ref) for ref in theme.entry.labels]
        strategies = {s.key: s for s in catalog.related(theme, "strategie")}
        for criterion in criteria:
            strategies.update((s.key, s) for s in catalog.related(criterion, "strategie"))
        return {
            "criteria": criteria_by_type(criteria),
            "aantal_criteria": len(criteria),
            "strategies": sorted(strategies.values(), key=Item.sort_key),
            "labels": labels,
            "resources": [r for r in catalog.related(theme, "bron") if r not in labels],
            "general": [i for i in catalog.all("criterium") if i.group == ALGEMEEN],
            "labelinfo": catalog.items.get(("bron", "labelinfo")),
            "cost_tool": self._page_link(COST_TOOL, theme.page),
            "builder": self._page_link(BUILDER, theme.page),
            "criteria_link": self._page_link(GENERAL_CRITERIA_PAGE, theme.page),
        }

    def _page_link(self, page: str, from_page: str) -> Optional[str]:
        """A Markdown link target to a hand-written page, if the site has it (a test site may not)."""
        pages = self.catalog.doc_pages
        return href(page, from_page) if pages is None or page in pages else None

    def general_criteria(self, from_page: str) -> str:
        """The model clauses of data/criteria/algemeen.yml by type, for the page GENERAL_CRITERIA_PAGE."""
        items = [i for i in self.catalog.all("criterium") if i.group == ALGEMEEN]
        return self.render("criteria_algemeen.md.j2", from_page, criteria=criteria_by_type(items))

    # --- figures (raw HTML, drawn from data/ at build time) ----------------------

    @functools.cached_property
    def html_env(self) -> jinja2.Environment:
        """The figures are raw HTML inside a page's Markdown: autoescaped, so a data text is always text."""
        return _environment("html", autoescape=True)

    def figure(self, template: str, from_page: str, **context) -> str:
        """A figure's HTML as one block: no blank line inside, so Markdown leaves it whole."""
        def url(item: Item) -> str:
            return page_href(item.target, from_page)

        out = self.html_env.get_template(template).render(url=url, **context)
        lines = [line for line in out.splitlines() if line.strip()]
        return "\n" + "\n".join(lines) + "\n\n"

    def procesfiguur(self, from_page: str) -> str:
        """The process as a cycle: every step a link, with its key question (home and process overview)."""
        return self.figure("procesfiguur.html.j2", from_page, steps=self.catalog.all("stap"))

    def stappenbalk(self, step: Item) -> str:
        """Where a step page sits in the process: "stap 3 van 7", every step a link."""
        return self.figure("stappenbalk.html.j2", step.page, steps=self.catalog.all("stap"), current=step)

    def phases(self) -> tuple[list[tuple[str, str, list[Item]]], list[Item]]:
        """The ambitions by phase of a product's life, in FASE_LABELS order, and those without a phase."""
        ambitions = self.catalog.all("ambitie")
        placed = [(key, label, [a for a in ambitions if a.entry.fase == key]) for key, label in FASE_LABELS.items()]
        return [p for p in placed if p[2]], [a for a in ambitions if a.entry.fase is None]

    def ambitiefiguur(self, from_page: str) -> str:
        """The ambition map on the life of a product: input, use, output; each ambition with its strategies."""
        phases, unplaced = self.phases()
        strategies = {a.id: [self.catalog.get("strategie", s.id) for s in a.entry.strategieen]
                      for a in self.catalog.all("ambitie")}
        return self.figure("ambitiefiguur.html.j2", from_page, phases=phases, unplaced=unplaced,
                           strategies=strategies)

    def ambitiebalk(self, ambition: Item) -> str:
        """Where an ambition page sits on the map: its phase highlighted among all ambitions."""
        phases, unplaced = self.phases()
        return self.figure("ambitiebalk.html.j2", ambition.page, phases=phases, unplaced=unplaced,
                           current=ambition, labels=FASE_LABELS)

    def listing(self, kind: str, from_page: str) -> str:
        """A data-driven overview of one kind, for a hand-written page."""
        items = self.catalog.all(kind)
        context = {}
        if kind == "bron":
            # Grouped by kind of resource, in the order of SOORT_LABELS; groups sharing a label merge.
            groups: dict[str, list[Item]] = {}
            for soort, label in SOORT_LABELS.items():
                groups.setdefault(label, []).extend(i for i in items if i.entry.soort == soort)
            context = {"groups": [(label, group) for label, group in groups.items() if group],
                       "talen": TAAL_LABELS}
        if kind == "voorbeeld":
            # What the guide describes first; examples it only names come after them.
            items = sorted(items, key=lambda i: (i.entry.soort != "beschreven", i.sort_key()))
            context = self.example_facets(items)
        return self.render(f"{kind}_lijst.md.j2", from_page, items=items, **context)

    def example_facets(self, items: list[Item]) -> dict:
        """What readers filter the practice examples by: care setting and ambition, as the data says.

        An example belongs to an ambition it names, or to the ambition of a strategy it names.
        Returns, per example, the keys of its settings and ambitions (for the filter script's
        data-* attributes), and the groups of the overview that works without JavaScript.
        """
        ambitions = {}
        for i in items:
            linked = self.catalog.related(i, "ambitie") + [s.parent for s in self.catalog.related(i, "strategie")]
            ambitions[i.id] = sorted({a.key: a for a in linked}.values(), key=Item.sort_key)
        settings = [(key, label, [i for i in items if key in i.entry.voorzieningen])
                    for key, label in VOORZIENING_LABELS.items()]
        settings = [s for s in settings if s[2]]
        unknown = [i for i in items if not i.entry.voorzieningen]
        by_ambition = [(a, [i for i in items if a in ambitions[i.id]]) for a in self.catalog.all("ambitie")]
        return {
            "settings": settings,
            "no_setting": unknown,
            "by_ambition": [(a, group) for a, group in by_ambition if group],
            "no_ambition": [i for i in items if not ambitions[i.id]],
            "ambitions_of": ambitions,
            "setting_labels": VOORZIENING_LABELS,
        }

    def changelog(self, changelog, section, from_page: str) -> str:
        """The page "Nieuw en gewijzigd" (macros/wijzigingen.py): this edition's notes, then all of them."""
        # How to follow the feed: a page of its own (docs/volgen.md), not the raw feed.xml.
        volgen = href("volgen.md", from_page)

        def to(target: str, page: str) -> str:
            # A note about this very page links to it by name, not with an empty href.
            return href(target, page) or posixpath.basename(target)

        return self.render("wijziging_lijst.md.j2", from_page, notes=changelog.notes, section=section,
                           volgen=volgen, href=to)


_renderers: dict = {}


def renderer_for(catalog: Catalog, edit_base: Optional[str] = None) -> "Renderer":
    """One Renderer per catalog: its Jinja environment compiles each template once per build, not
    once per macro call (the hook and every overview page on the site ask for one)."""
    key = (id(catalog), edit_base)
    hit = _renderers.get(key)
    if hit is None or hit.catalog is not catalog:
        _renderers.clear()  # a new catalog (data changed in `make serve`): the old ones go
        hit = _renderers[key] = Renderer(catalog, edit_base)
    return hit


def edit_base(repo_url: Optional[str], edit_uri: Optional[str], docs_dir: str) -> Optional[str]:
    """Edit URL prefix for files at the repository root (data/), derived from MkDocs' edit_uri for docs/."""
    if not repo_url or not edit_uri:
        return None
    docs_name = Path(docs_dir).name + "/"
    prefix = edit_uri[: -len(docs_name)] if edit_uri.endswith(docs_name) else edit_uri
    return repo_url.rstrip("/") + "/" + prefix.strip("/") + "/"
