"""The figures drawn from data/ at build time (macros/templates/*.html.j2, styled in docs/assets/stylesheets/extra.css): the process
as a cycle (home page, process overview), the ambition map on the life of a product (ambition
overview), and the bars that show where a step or ambition page sits.

Here: what the built HTML holds (every entry, linked, as nested lists, in order), that a new entry
in a copy of the data shows up in the figures with no drawing, that the markup stays inside what
the HTML sanitiser allows, and that the figures stay small. Their look and keyboard use in a real
browser: tests/test_figuren_browser.py.
"""
from __future__ import annotations

import gzip
import posixpath
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build
from macros.catalog import load
from macros.errors import DataError
from macros.model import FASE_LABELS
from macros.render import Renderer

CATALOG = load(ROOT / "data")
STEPS = CATALOG.all("stap")
AMBITIONS = CATALOG.all("ambitie")

# Each figure's outer element, as the templates write it (one per page).
PATTERNS = {
    "proces": r'<figure class="procesfiguur[^"]*"[^>]*>.*?</figure>',
    "ambitie": r'<figure class="ambitiefiguur"[^>]*>.*?</figure>',
    "stappenbalk": r'<nav class="stappenbalk".*?</nav>',
    "ambitiebalk": r'<nav class="ambitiebalk".*?</nav>',
}
# Where each figure is, for the byte budget and the markup check.
WHERE = {"proces": ["index.html", "stappen/index.html"], "ambitie": ["ambities/index.html"],
         "stappenbalk": [s.page[:-3] + ".html" for s in STEPS],
         "ambitiebalk": [a.page[:-3] + ".html" for a in AMBITIONS]}
# What the figures may use: the HTML sanitiser's allow-list (issue 10) must include these.
ALLOWED_TAGS = {"figure", "figcaption", "nav", "div", "ol", "ul", "li", "a", "p", "span", "strong"}
ALLOWED_ATTRS = {"class", "href", "aria-hidden", "aria-current", "aria-label", "data-aantal",
                 "data-search-exclude"}  # issue 25: figures stay out of the search index
# "A few KB" per figure: the largest (the ambition map) is about 1 KB gzipped today.
MAX_GZIP = 2048
MAX_CSS_GZIP = 5 * 1024


class Node:
    def __init__(self, tag: str, attrs: dict, parent: "Node | None"):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list = []  # Nodes and strings

    INLINE = {"a", "span", "strong"}

    def text(self) -> str:
        """The text as a reader (or screen reader) gets it: inline elements run on, blocks are apart."""
        return " ".join(self._raw().split())

    def _raw(self) -> str:
        return "".join(c if isinstance(c, str) else c._raw() if c.tag in self.INLINE else f" {c._raw()} "
                       for c in self.children)

    def kids(self, tag: str | None = None) -> list["Node"]:
        return [c for c in self.children if isinstance(c, Node) and (tag is None or c.tag == tag)]

    def find_all(self, tag: str, cls: str | None = None) -> list["Node"]:
        out = []
        for c in self.kids():
            if c.tag == tag and (cls is None or cls in c.attrs.get("class", "").split()):
                out.append(c)
            out += c.find_all(tag, cls)
        return out

    def find(self, tag: str, cls: str | None = None) -> "Node":
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls}> in <{self.tag}>"
        return found[0]


class Tree(HTMLParser):
    VOID = {"br", "img", "hr", "input", "meta", "link"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root
        self.tags: set = set()
        self.attrs: set = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)
        node = Node(tag, {k: v or "" for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        if tag not in self.VOID:
            self.cur = node

    def handle_endtag(self, tag):
        node = self.cur
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.cur = node.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def fragment(html: str, kind: str) -> str:
    found = re.findall(PATTERNS[kind], html, re.S)
    assert len(found) == 1, f"expected one {kind} figure, found {len(found)}"
    return found[0]


def parse(fragment_html: str) -> Tree:
    tree = Tree()
    tree.feed(fragment_html)
    return tree


def figure(site: Path, page: str, kind: str) -> Node:
    return parse(fragment((site / page).read_text(encoding="utf-8"), kind)).root.kids()[0]


def target(page: str, href: str) -> str:
    """Site-relative path (and #anchor) a relative href on `page` points at."""
    path, _, anchor = href.partition("#")
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return joined + (f"#{anchor}" if anchor else "")


def html_page(item) -> str:
    return item.page[:-3] + ".html"


# --- the process -------------------------------------------------------------------------------


@pytest.mark.parametrize("page", WHERE["proces"])
def test_process_figure_is_an_ordered_list_of_every_step_with_its_link_and_key_question(site, page):
    fig = figure(site, page, "proces")
    items = fig.find("ol", "procesfiguur__stappen").kids("li")
    assert len(items) == len(STEPS)
    for li, step in zip(items, STEPS):
        link = li.find("a")
        assert link.text() == f"Stap {step.entry.nummer}: {step.title}", link.text()
        assert target(page, link.attrs["href"]) == html_page(step)
        question = li.find("p", "procesfiguur__vraag")
        assert question.text().endswith(step.entry.kernvraag)
    # The way back from the last step to the first, in words (the drawing is decoration).
    caption = fig.find("figcaption").text()
    assert f"{len(STEPS)} stappen" in caption and "stap 1" in caption
    assert fig.find("ol").attrs["data-aantal"] == str(len(STEPS))
    assert "procesfiguur--ring" in fig.attrs["class"]


def test_process_overview_keeps_the_steps_in_order(site):
    html = (site / "stappen" / "index.html").read_text(encoding="utf-8")
    positions = [html.find(f'href="{s.id}.html"') for s in STEPS]
    assert all(p > 0 for p in positions) and positions == sorted(positions)


def test_ring_only_for_three_to_twelve_steps(tmp_path):
    """Past twelve steps the ring has no room: the figure keeps the column (and says so in its class)."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    extra = []
    for n in range(len(STEPS) + 1, 14):
        extra.append(f"\n- id: extra-{n}\n  nummer: {n}\n  titel: Extra {n}\n  kernvraag: Vraag {n}?\n"
                     f"  samenvatting: Kort.\n  waarom: Daarom.\n  te_doen:\n    - Doe het.\n")
    steps_file = data / "stappen.yml"
    original = steps_file.read_text(encoding="utf-8")
    steps_file.write_text(original + "".join(extra[:-1]), encoding="utf-8")
    twelve = Renderer(load(data)).procesfiguur("stappen/index.md")
    assert 'data-aantal="12"' in twelve and "procesfiguur--ring" in twelve
    steps_file.write_text(original + "".join(extra), encoding="utf-8")
    thirteen = Renderer(load(data)).procesfiguur("stappen/index.md")
    assert 'data-aantal="13"' in thirteen and "procesfiguur--ring" not in thirteen


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.id)
def test_step_page_shows_where_it_sits_in_the_process(site, step):
    page = html_page(step)
    html = (site / page).read_text(encoding="utf-8")
    # Right under the page title.
    assert re.search(r"</h1>\s*<nav class=\"stappenbalk\"", html)
    bar = figure(site, page, "stappenbalk")
    assert bar.find("p", "stappenbalk__waar").text() == f"Stap {step.entry.nummer} van {len(STEPS)}"
    links = bar.find_all("a")
    assert [target(page, a.attrs["href"]) for a in links] == [html_page(s) for s in STEPS]
    current = [a for a in links if a.attrs.get("aria-current") == "step"]
    assert len(current) == 1 and target(page, current[0].attrs["href"]) == page
    assert "is-huidig" in current[0].parent.attrs["class"].split()
    assert current[0].text() == f"Stap {step.entry.nummer}: {step.title}"


# --- the ambition map -------------------------------------------------------------------------


def test_phases_are_those_of_the_source():
    """data/ambities.yml 'fase', as Vlaanderen Circulair's page on the ambition map groups the
    objectives (resource 'ambitiekaart'): input A and B, use C, potential output D and E."""
    assert {a.entry.letter: a.entry.fase for a in AMBITIONS} == {
        "A": "input", "B": "input", "C": "gebruik", "D": "output", "E": "output"}
    assert CATALOG.get("bron", "ambitiekaart").entry.url == "https://aankopen.vlaanderen-circulair.be/nl/aan-de-slag/de-ambitiekaart"


def test_ambition_map_places_every_ambition_under_its_phase_with_every_strategy(site):
    page = "ambities/index.html"
    fig = figure(site, page, "ambitie")
    phases = fig.find("ol", "ambitiefiguur__fasen").kids("li")
    used = [key for key in FASE_LABELS if any(a.entry.fase == key for a in AMBITIONS)]
    assert [li.find("p", "ambitiefiguur__fasenaam").text() for li in phases] == [FASE_LABELS[k] for k in used]
    seen = []
    for li, key in zip(phases, used):
        cards = li.find("ul", "ambitiefiguur__ambities").kids("li")
        expected = [a for a in AMBITIONS if a.entry.fase == key]
        assert len(cards) == len(expected)
        for card, ambition in zip(cards, expected):
            link = card.find("a", "ambitiefiguur__link")
            assert link.text() == f"Ambitie {ambition.entry.letter}: {ambition.title}"
            assert target(page, link.attrs["href"]) == html_page(ambition)
            strategies = card.find("ul", "ambitiefiguur__strategieen").kids("li")
            wanted = [CATALOG.get("strategie", s.id) for s in ambition.entry.strategieen]
            assert [s.find("a").text() for s in strategies] == [s.title for s in wanted]
            for s, strategy in zip(strategies, wanted):
                path, _, anchor = target(page, s.find("a").attrs["href"]).partition("#")
                assert path == html_page(ambition) and anchor == strategy.id
                assert f'id="{anchor}"' in (site / path).read_text(encoding="utf-8")
            seen.append(ambition.id)
    assert seen == [a.id for a in sorted(AMBITIONS, key=lambda a: list(FASE_LABELS).index(a.entry.fase))]
    assert "Nog niet ingedeeld" not in fig.text()  # every ambition of the guide has its phase


def test_ambition_table_stays_as_the_printable_equivalent(site):
    html = (site / "ambities" / "index.html").read_text(encoding="utf-8")
    table = html[html.index("<table"):html.index("</table>")]
    for ambition in AMBITIONS:
        assert f'href="{ambition.id}.html"' in table
        for s in ambition.entry.strategieen:
            assert f'href="{ambition.id}.html#{s.id}"' in table
    assert html.index("ambitiefiguur") < html.index("<table")


@pytest.mark.parametrize("ambition", AMBITIONS, ids=lambda a: a.id)
def test_ambition_page_shows_where_it_sits_on_the_map(site, ambition):
    page = html_page(ambition)
    html = (site / page).read_text(encoding="utf-8")
    assert re.search(r"</h1>\s*<nav class=\"ambitiebalk\"", html)
    bar = figure(site, page, "ambitiebalk")
    label = FASE_LABELS[ambition.entry.fase]
    assert bar.find("p", "ambitiebalk__waar").text().endswith(label.lower())
    phases = bar.find("ol").kids("li")
    current_phase = [li for li in phases if "is-huidig" in li.attrs["class"].split()]
    assert len(current_phase) == 1 and current_phase[0].find("span", "ambitiebalk__fasenaam").text() == label
    links = bar.find_all("a")
    assert sorted(target(page, a.attrs["href"]) for a in links) == sorted(html_page(a) for a in AMBITIONS)
    current = [a for a in links if a.attrs.get("aria-current") == "page"]
    assert len(current) == 1 and target(page, current[0].attrs["href"]) == page
    assert current[0] in current_phase[0].find_all("a")


# --- drawn from data ----------------------------------------------------------------------------


def test_new_entries_appear_in_the_figures_without_drawing(fixture_project, tmp_path):
    """A copy of the real data plus a step, an ambition with a phase and a strategy, and an ambition
    no source places: all in the figures after a build, the unplaced one labelled as such. What the
    real data holds (how many steps, which letters) is read from it, not assumed."""
    data = fixture_project / "data"
    shutil.rmtree(data)
    shutil.copytree(ROOT / "data", data)
    count = len(STEPS) + 1
    new_letter, loose_letter = [x for x in "ABCDEFG" if x not in {a.entry.letter for a in AMBITIONS}][:2]
    with (data / "stappen.yml").open("a", encoding="utf-8") as f:
        f.write(f"\n- id: nazorg\n  nummer: {count}\n  titel: Nazorg\n"
                "  kernvraag: Wat als &lt;script&gt; & *sterretjes* in de vraag staan?\n"
                "  samenvatting: Kort.\n  waarom: Daarom.\n  te_doen:\n    - Kijk terug.\n")
    with (data / "ambities.yml").open("a", encoding="utf-8") as f:
        f.write(f"\n- id: nieuwe-ambitie\n  letter: {new_letter}\n  titel: Een nieuwe doelstelling\n  fase: gebruik\n"
                "  samenvatting: Kort.\n  strategieen:\n    - id: nieuwe-strategie\n      titel: Een nieuwe strategie\n"
                "      beschrijving: Wat ze inhoudt.\n"
                f"\n- id: losse-ambitie\n  letter: {loose_letter}\n  titel: Een doelstelling zonder fase\n"
                "  samenvatting: Kort.\n  strategieen:\n    - id: losse-strategie\n      titel: Een losse strategie\n"
                "      beschrijving: Wat ze inhoudt.\n")
    (fixture_project / "docs" / "index.md").write_text("# Start\n\n{{ stappen_overzicht() }}\n", encoding="utf-8")
    (fixture_project / "docs" / "ambities" / "index.md").write_text(
        "# Ambities\n\n{{ ambitiefiguur() }}\n\n{{ ambitiekaart() }}\n", encoding="utf-8")
    site = tmp_path / "site"
    proc = mkdocs_build(fixture_project, site)
    assert proc.returncode == 0, proc.stderr

    for page in ("index.html", "stappen/index.html"):
        raw = fragment((site / page).read_text(encoding="utf-8"), "proces")
        # Plain text, shown as typed: the entity stays text, the asterisks stay asterisks.
        assert "&amp;lt;script&amp;gt; &amp; *sterretjes*" in raw
        items = figure(site, page, "proces").find("ol").kids("li")
        assert len(items) == count
        assert items[-1].find("a").text() == f"Stap {count}: Nazorg"
        assert target(page, items[-1].find("a").attrs["href"]) == "stappen/nazorg.html"
        assert "Wat als &lt;script&gt; & *sterretjes* in de vraag staan?" in items[-1].find("p").text()
    bar = figure(site, "stappen/nazorg.html", "stappenbalk")
    assert bar.find("p").text() == f"Stap {count} van {count}"
    assert [a.attrs["href"] for a in bar.find_all("a") if a.attrs.get("aria-current")] == ["nazorg.html"]
    assert figure(site, html_page(STEPS[0]), "stappenbalk").find("p").text() == f"Stap 1 van {count}"

    fig = figure(site, "ambities/index.html", "ambitie")
    use = next(li for li in fig.find("ol").kids("li") if li.find("p").text() == FASE_LABELS["gebruik"])
    in_use = [f"Ambitie {a.entry.letter}: {a.title}" for a in AMBITIONS if a.entry.fase == "gebruik"]
    assert [a.text() for a in use.find_all("a", "ambitiefiguur__link")] == sorted(
        [*in_use, f"Ambitie {new_letter}: Een nieuwe doelstelling"])
    assert any(a.attrs["href"] == "nieuwe-ambitie.html#nieuwe-strategie" for a in use.find_all("a"))
    loose = fig.find("div", "ambitiefiguur__los")
    assert loose.find("p", "ambitiefiguur__fasenaam").text() == "Nog niet ingedeeld"
    assert [a.text() for a in loose.find_all("a")] == [f"Ambitie {loose_letter}: Een doelstelling zonder fase",
                                                       "Een losse strategie"]
    assert "losse-ambitie" not in "".join(a.attrs["href"] for li in fig.find("ol").kids("li") for a in li.find_all("a"))

    new_bar = figure(site, "ambities/nieuwe-ambitie.html", "ambitiebalk")
    assert new_bar.find("p").text() == f"Ambitie {new_letter} in het leven van een product: gebruik"
    loose_bar = figure(site, "ambities/losse-ambitie.html", "ambitiebalk")
    assert "nog niet ingedeeld" in loose_bar.find("p").text()
    here = [li for li in loose_bar.find("ol").kids("li") if "is-huidig" in li.attrs["class"].split()]
    assert len(here) == 1 and here[0].find("span").text() == "Niet ingedeeld"


def test_unknown_phase_is_a_clear_error(data_dir):
    path = data_dir / "ambities.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  titel: Minder materiaal\n", "  titel: Minder materiaal\n  fase: einde\n", 1), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(data_dir)
    (msg,) = [str(p) for p in info.value.problems]
    assert msg.startswith("data/ambities.yml, regel ") and "item 'minder' (nr. 1)" in msg and "veld 'fase'" in msg
    assert "ongeldige waarde 'einde'" in msg and "'input', 'gebruik' of 'output'" in msg


# --- markup and size --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(WHERE))
def test_figure_markup_stays_within_the_sanitiser_allow_list(site, kind):
    for page in WHERE[kind]:
        html = fragment((site / page).read_text(encoding="utf-8"), kind)
        tree = parse(html)
        assert tree.tags <= ALLOWED_TAGS, f"{page}: {tree.tags - ALLOWED_TAGS}"
        assert tree.attrs <= ALLOWED_ATTRS, f"{page}: {tree.attrs - ALLOWED_ATTRS}"
        assert "javascript:" not in html and "style=" not in html
        # No ids: the print page renames them (and would break references to them).
        assert " id=" not in html


def test_figure_markup_check_can_fail():
    tree = parse('<figure class="x" style="color:red"><svg><script>x()</script></svg><a href="#" onclick="x()">a</a></figure>')
    assert tree.tags - ALLOWED_TAGS == {"svg", "script"}
    assert tree.attrs - ALLOWED_ATTRS == {"style", "onclick"}


@pytest.mark.parametrize("kind", list(WHERE))
def test_each_figure_adds_at_most_a_few_kb(site, kind):
    sizes = {}
    for page in WHERE[kind]:
        raw = fragment((site / page).read_text(encoding="utf-8"), kind).encode()
        sizes[page] = (len(raw), len(gzip.compress(raw, 9)))
    too_big = {p: s for p, s in sizes.items() if s[1] > MAX_GZIP}
    assert not too_big, f"over {MAX_GZIP} bytes gzipped (raw, gzip): {too_big}"


def test_figure_styles_are_small_and_still(site):
    css = (site / "assets" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    assert len(gzip.compress(css.encode(), 9)) <= MAX_CSS_GZIP
    # Nothing moves (prefers-reduced-motion has nothing to stop); colours only from the theme.
    assert not re.search(r"\b(transition|animation)\s*:", css)
    colours = re.findall(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(", re.sub(r"/\*.*?\*/", "", css, flags=re.S))
    assert not colours, f"colours not taken from the theme's custom properties: {colours}"
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "assets/stylesheets/extra.css" in html and ".procesfiguur" in css
