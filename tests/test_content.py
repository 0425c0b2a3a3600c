"""The whole guide has a home on the site, in our own words, and no page is an island."""
from __future__ import annotations

import re
import sys
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from conftest import ROOT, SEED_DIR, page_text

sys.path.insert(0, str(ROOT / "tools"))
import urls  # noqa: E402  (tools/urls.py: redirect pages at old addresses)
from copycheck import NAMES_FILE, RUN, load_names, shared_runs, words  # noqa: E402

GUIDE = ROOT / "tests" / "bron" / "leidraad.txt"
GUIDE_TEXT = GUIDE.read_text(encoding="utf-8")
FACTS = yaml.safe_load((ROOT / "tests" / "guide_facts.yml").read_text(encoding="utf-8"))


def pages(site: Path) -> list[Path]:
    """The real pages: a redirect at an old address is no page (it leads to one)."""
    return [site / p for p in urls.content_pages(site)]


class Links(HTMLParser):
    """Collects hrefs, split into those inside <article> (content) and all of them (content + navigation)."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.content: list[str] = []
        self.all: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.all.append(href)
                if self.depth:
                    self.content.append(href)

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1


def links_of(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolve(site: Path, page: Path, href: str) -> str | None:
    """Site-relative path of an internal link target, or None for external links and in-page anchors."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    base = page.relative_to(site).as_posix()
    return urlsplit(urljoin(base, unquote(parts.path))).path


def test_guide_copy_is_current():
    seeds = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not seeds:
        pytest.skip("no ../shared/seed beside the repository: nothing to compare the kept copy with")
    assert seeds[0].read_text(encoding="utf-8") == GUIDE_TEXT


def test_no_run_of_eight_words_copied_from_the_guide(site):
    assert RUN == 8
    names = load_names()
    hits = []
    for page in pages(site):
        for run in shared_runs(GUIDE_TEXT, page_text(page), names=names):
            hits.append(f"{page.relative_to(site)}: \"{run}\"")
    assert not hits, (f"{len(hits)} reeks(en) van {RUN} of meer woorden uit de leidraad (herschrijf ze; een naam of "
                      f"titel hoort in tests/bron/namen.yml):\n" + "\n".join(hits[:30]))


def test_copy_check_can_fail(tmp_path):
    """The copy check itself finds a pasted sentence (guards against a check that never fires)."""
    sentence = " ".join(GUIDE_TEXT.split()[200:215])
    assert shared_runs(GUIDE_TEXT, f"Iets anders. {sentence} Nog iets.")
    # Eight words of a guide sentence are enough; seven are not.
    eight = "Circulair aankopen begint met het stellen van de"
    assert shared_runs(GUIDE_TEXT, f"Wist je dat {eight.lower()} vragen?", names=[]) == [eight.lower()]
    assert not shared_runs(GUIDE_TEXT, "Wist je dat circulair aankopen begint met het stellen van vragen?", names=[])


def test_allowed_names_break_runs_but_prose_around_them_still_counts():
    names = load_names()
    title = "Potentieel hergebruik van product of component maximaliseren"  # 7 words, an ambition title
    # The title next to guide words would otherwise join them into a run of 8 or more.
    text = f"D. {title} is ambitie D."
    assert shared_runs(GUIDE_TEXT, text, names=[]), "without the allow-list the title plus 'D.' makes a run"
    assert not shared_runs(GUIDE_TEXT, text, names=names)
    # A copied sentence is still found when a name sits in it: the words around the name count.
    copied = ("Zorg ervoor dat langer lopende contracten ruimte laten voor innovatie, evalueer je voorgaande "
              "bestekken en reflecteer voortdurend op het aankoopproces. Dialoog met de markt.")
    assert shared_runs(GUIDE_TEXT, copied, names=names)


def test_allow_list_holds_only_names_from_the_guide():
    """Each entry is a short name or title that occurs in the guide: no sentences, no stale entries."""
    entries = yaml.safe_load(NAMES_FILE.read_text(encoding="utf-8"))
    guide = " " + " ".join(words(GUIDE_TEXT)) + " "
    for entry in entries:
        ws = words(entry)
        assert 1 <= len(ws) <= 10, f"{entry!r}: een naam of titel, geen zin (hoogstens tien woorden)"
        assert not entry.rstrip().endswith((".", "!", "?")), f"{entry!r}: een naam eindigt niet op een leesteken"
        assert f" {' '.join(ws)} " in guide, f"{entry!r} staat niet in de leidraad: haal het uit {NAMES_FILE.name}"


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f"{f['pagina']}:{f['feit']}")
def test_guide_fact_is_on_its_page(site, fact):
    text = page_text(site / urls.follow(site, fact["pagina"])).casefold()
    assert fact["feit"].casefold() in text, f"'{fact['feit']}' ontbreekt op {fact['pagina']}"


def guide_urls() -> set[str]:
    """Every URL the guide cites, made valid the way the site must write it (raw spaces as %20)."""
    urls = set()
    for line in GUIDE_TEXT.splitlines():
        line = line.strip()
        if line.startswith("http"):
            urls.add(line.replace(" ", "%20"))
        for url in re.findall(r"https?://\S+", line):
            if not line.startswith("http"):
                urls.add(url)
    return urls


def test_every_guide_url_is_a_link_on_the_site(site):
    hrefs = set()
    for page in pages(site):
        hrefs.update(links_of(page).content)
    missing = sorted(u for u in guide_urls() if u not in hrefs)
    assert len(guide_urls()) >= 22  # the guide cites 22 distinct addresses
    assert not missing, "URLs uit de leidraad zonder link op de site:\n" + "\n".join(missing)


def test_contact_address_is_a_mailto_link(site):
    assert "mailto:info@vlaanderen-circulair.be" in links_of(site / urls.follow(site, "over.html")).content


def test_no_page_is_an_island(site):
    """Every page is linked from the content of at least one other page, not only from the navigation."""
    linked: set[str] = set()
    for page in pages(site):
        here = page.relative_to(site).as_posix()
        for href in links_of(page).content:
            target = resolve(site, page, href)
            if target and target.endswith(".html") and (site / target).is_file():  # not a PDF in downloads/
                target = urls.follow(site, target)
            if target and target != here:
                linked.add(target)
    islands = [p.relative_to(site).as_posix() for p in pages(site)
               if p.relative_to(site).as_posix() not in linked | {"index.html"}]
    assert not islands, "pagina's waar geen andere pagina naar linkt: " + ", ".join(islands)


def test_every_page_within_two_clicks_of_home(site):
    depth = {"index.html": 0}
    queue = deque(["index.html"])
    while queue:
        current = queue.popleft()
        if depth[current] == 2:
            continue
        for href in links_of(site / current).all:
            target = resolve(site, site / current, href)
            if target and target.endswith(".html") and (site / target).exists():
                target = urls.follow(site, target)  # a link to an old address is a link to its new page
            if target and target.endswith(".html") and (site / target).exists() and target not in depth:
                depth[target] = depth[current] + 1
                queue.append(target)
    far = [p.relative_to(site).as_posix() for p in pages(site) if p.relative_to(site).as_posix() not in depth]
    assert not far, "meer dan twee klikken van de startpagina: " + ", ".join(far)


def test_licences_say_what_is_ours_and_quote_the_guide_as_printed(site):
    """Our text and code carry our licences; the guide keeps its publisher's, quoted as printed, never relabelled."""
    about = page_text(site / "over.html")
    assert "Onze tekst" in about and "CC BY 4.0" in about and "MIT" in about
    assert 'href="https://creativecommons.org/licenses/by/4.0/deed.nl"' in (site / "over.html").read_text(encoding="utf-8")
    # The mark the about page quotes for the guide is the one printed in the guide itself.
    quoted = re.search(r'de vermelding "([^"]+)"', about)
    assert quoted and quoted.group(1) in GUIDE_TEXT, quoted
    # No sentence about the guide gives it a licence or a version the guide does not name.
    footer = re.search(r'<p class="voettekst__licentie">(.*?)</p>', (site / "index.html").read_text(encoding="utf-8"), re.S)
    assert footer and "Onze tekst: CC BY 4.0" in footer.group(1)
    for text in (about, " ".join(footer.group(1).split())):
        for sentence in re.split(r"(?<=[.;:])\s+", text):
            if "leidraad" in sentence.lower() and "CC BY" in sentence:
                raise AssertionError(f"Een licentie van ons bij de leidraad: {sentence!r}")
            assert not re.search(r"leidraad[^.]*(Naamsvermelding|4\.0|BY-)", sentence), sentence


NESTED_BRACKETS_RE = re.compile(r"\([^()]*\([^()]*\)[^()]*\)")


def test_no_brackets_inside_brackets(site):
    """"(Ziekenhuis aan de Stroom (ZAS))" reads badly: a list shows "title – organisation" instead."""
    found = [f"{page.relative_to(site)}: {m.group(0)}" for page in pages(site)
             for m in NESTED_BRACKETS_RE.finditer(page_text(page))]
    assert not found, "haakjes binnen haakjes:\n" + "\n".join(found[:20])
    assert NESTED_BRACKETS_RE.search("Herbruikbare hechtsets (Ziekenhuis aan de Stroom (ZAS))")
