"""The whole guide has a home on the site, in our own words, and no page is an island."""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from conftest import ROOT, SEED_DIR, checked, page_text

sys.path.insert(0, str(ROOT / "tools"))
import urls  # noqa: E402  (tools/urls.py: redirect pages at old addresses)
from copycheck import NAMES_FILE, RUN, load_names, shared_runs, words  # noqa: E402
from targets import pages_with, site_text  # noqa: E402  (tests/targets.py)

GUIDE = ROOT / "tests" / "bron" / "leidraad.txt"
GUIDE_TEXT = GUIDE.read_text(encoding="utf-8")
# SHA-256 of the guide's text as the project received it (../shared/seed/000_e66c3a7a0671a2b9.txt).
GUIDE_SHA256 = "b59c0d13af5c584c11a2cad58090e9ee573b24969c5b2ec924e49fed3a242a85"
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


def test_guide_copy_is_the_guide_we_received():
    """The copy check compares the site with tests/bron/leidraad.txt: that file must be the guide,
    untouched. Its hash is checked on every machine (a clone has no ../shared beside it, and a skip
    would pass nothing); where the seed folder is there, the copy must also equal the seed itself."""
    assert hashlib.sha256(GUIDE.read_bytes()).hexdigest() == GUIDE_SHA256, (
        f"{GUIDE.relative_to(ROOT)} is gewijzigd: het is de leidraad zoals we hem kregen, niet om te bewerken")
    seeds = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    for seed in seeds:
        assert seed.read_bytes() == GUIDE.read_bytes(), f"{seed} verschilt van {GUIDE.relative_to(ROOT)}"
    checked(f"leidraad: hash klopt; vergeleken met {len(seeds)} bestand(en) in {SEED_DIR}")


def reader_text(path: Path) -> str:
    """What a reader or a search engine reads of a page: its article, its title and its description."""
    raw = path.read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", raw, re.S)
    description = re.search(r'<meta name="description" content="([^"]*)"', raw)
    from html import unescape

    extra = [unescape(m.group(1)) for m in (title, description) if m]
    return " ".join([page_text(path), *extra])


def copied_runs(texts: dict[str, str], names) -> list[str]:
    return [f"{where}: \"{run}\"" for where, text in texts.items() for run in shared_runs(GUIDE_TEXT, text, names=names)]


def test_no_run_of_eight_words_copied_from_the_guide(site):
    """Every page's text, title and description against the guide, with a planted page that pastes
    a guide sentence into the same check: the run must find that one, and only that one."""
    assert RUN == 8
    names = load_names()
    texts = {p.relative_to(site).as_posix(): reader_text(p) for p in pages(site)}
    planted = "proef/geplakt.html"
    sentence = " ".join(GUIDE_TEXT.split()[200:215])
    texts[planted] = f"Een eigen zin. {sentence} Nog een eigen zin."
    hits = copied_runs(texts, names)
    compared = sum(len(words(t)) for w, t in texts.items() if w != planted)
    checked(f"kopiecontrole: {len(texts) - 1} pagina's, {compared} woorden vergeleken met {len(words(GUIDE_TEXT))} "
          f"woorden van de leidraad; geplante kopie gevonden: {any(h.startswith(planted) for h in hits)}")
    assert len(texts) - 1 >= 30 and compared > 10_000, "te weinig tekst: is dit de echte site?"
    assert any(h.startswith(planted) for h in hits), "de kopiecontrole vond de geplakte zin van de leidraad niet"
    hits = [h for h in hits if not h.startswith(planted)]
    assert not hits, (f"{len(hits)} reeks(en) van {RUN} of meer woorden uit de leidraad (herschrijf ze; een naam of "
                      f"titel hoort in tests/bron/namen.yml):\n" + "\n".join(hits[:30]))


def test_the_copy_check_reads_titles_and_descriptions_too(tmp_path):
    """A guide sentence in a page's <meta name="description"> is site text (search engines show it)."""
    sentence = " ".join(GUIDE_TEXT.split()[200:215])
    page = tmp_path / "p.html"
    page.write_text(f'<html><head><title>Titel</title><meta name="description" content="{sentence}"></head>'
                    '<body><article><p>Eigen woorden.</p></article></body></html>', encoding="utf-8")
    assert copied_runs({"p.html": reader_text(page)}, load_names())


def test_the_copy_check_command_counts_and_refuses_to_read_nothing(tmp_path):
    tool = [sys.executable, str(ROOT / "tools" / "copycheck.py"), str(GUIDE)]
    own = tmp_path / "eigen.md"
    own.write_text("Dit is een tekst in onze eigen woorden, over circulair aankopen in de zorg.\n", encoding="utf-8")
    ok = subprocess.run(tool + [str(own)], capture_output=True, text=True)
    assert ok.returncode == 0 and "Kopiecontrole: 1 bestand(en), 14 woorden vergeleken" in ok.stdout, ok.stdout + ok.stderr
    pasted = tmp_path / "geplakt.md"
    pasted.write_text(" ".join(GUIDE_TEXT.split()[200:215]) + "\n", encoding="utf-8")
    bad = subprocess.run(tool + [str(own), str(pasted)], capture_output=True, text=True)
    assert bad.returncode == 1 and "geplakt.md: " in bad.stdout and "2 bestand(en)" in bad.stdout, bad.stdout
    empty = tmp_path / "leeg"
    empty.mkdir()
    none = subprocess.run(tool + [str(empty)], capture_output=True, text=True)
    assert none.returncode == 2 and "Geen tekst gevonden" in none.stderr, none.stdout + none.stderr


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


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f["feit"])
def test_guide_fact_is_on_the_site(site, fact):
    """A fact of the guide is somewhere on the site: which page carries it is the editors' choice."""
    assert set(fact) == {"feit"}, f"tests/guide_facts.yml: {fact} (alleen 'feit', geen plek)"
    assert pages_with(site, fact["feit"]), f"'{fact['feit']}' staat op geen enkele pagina van de site"


def test_the_facts_are_many_and_a_missing_one_is_found_missing(site):
    """The list is not empty (parametrize over nothing would pass), every page is read, and a planted
    fact that is on no page is reported by the same search."""
    facts = {f["feit"] for f in FACTS}
    read = site_text(site)
    found = [f for f in facts if pages_with(site, f)]
    checked(f"{len(found)} van {len(facts)} feiten uit de leidraad gevonden in {len(read)} pagina's")
    assert len(facts) == len(FACTS) >= 100, "feiten dubbel of te weinig in tests/guide_facts.yml"
    assert len(read) >= 30 and all(read.values())
    assert not pages_with(site, "een feit dat op geen pagina staat, qz7"), "de zoektocht vindt alles: hij kan niet falen"


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
    linked = [p for p in pages(site) if "mailto:info@vlaanderen-circulair.be" in links_of(p).content]
    assert linked, "het contactadres van de uitgever is op geen enkele pagina een mailto-link"


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
    """Our text and code carry our licences; the guide keeps its publisher's, quoted as printed, never relabelled.
    The page that says so is found by what it says, wherever an editor put it."""
    licence = 'href="https://creativecommons.org/licenses/by/4.0/deed.nl"'
    found = [p for p in pages(site) if p.name != "afdrukken.html" and licence in p.read_text(encoding="utf-8")
             and "Onze tekst" in page_text(p)]
    assert len(found) == 1, f"de licenties staan op {len(found)} pagina's, verwacht: één (nu: over.md)"
    about = page_text(found[0])
    assert "Onze tekst" in about and "CC BY 4.0" in about and "MIT" in about
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
