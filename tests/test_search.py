"""Dutch search in a real browser: Material's search box, our worker (search-nl.js), the built site.

Each query from tests/search_queries.yml is typed into the search box of the served site and the
result list is read as a user sees it. The expected page (named by entry or title, found wherever
the build puts it: tests/targets.py) must be among the first three result pages for at least 95 %
of the queries; a planted query whose answer cannot come up runs with them and must count as a
miss. Two word-form cases the theme alone gets wrong are checked on their own, against pages
picked from the built site's text, and the glossary's abbreviations against pages picked from data/.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from browser import wait_for
from conftest import ROOT, checked, html_text
from targets import catalog, expected_pages

QUERIES = yaml.safe_load((Path(__file__).with_name("search_queries.yml")).read_text(encoding="utf-8"))
TOP = 3
TARGET = 0.95

INPUT = "input.md-search__input"
META = ".md-search-result__meta"
GROUPS = ".md-search-result__list > li"
PLACEHOLDER = "Typ om te beginnen met zoeken"

# Counts the queries sent to the search worker and the results it sends back, so a test reads
# the list only when the answer to the last keystroke is in (it observes, nothing more).
COUNT_QUERIES = """(() => {
      const Native = window.Worker
      window.__searchPending = 0
      window.Worker = class extends Native {
        constructor(...args) {
          super(...args)
          this.addEventListener("message", ev => { if (ev.data && ev.data.type === 3) window.__searchPending-- })
        }
        postMessage(message, ...rest) {
          if (message && message.type === 2) window.__searchPending++
          return super.postMessage(message, ...rest)
        }
      }
    })()"""


@pytest.fixture(scope="module")
def search_page(browser, base_url):
    """The home page with the search box focused and the search worker ready."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(COUNT_QUERIES)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + "index.html")
    page.click(INPUT)
    page.errors = errors
    page.base = base_url
    yield page
    context.close()


def _read(page) -> list[str]:
    """Result pages in order: the first link of each result group, as a site-relative path."""
    hrefs = page.eval_on_selector_all(f"{GROUPS} > a:first-of-type", "els => els.map(e => e.href)")
    base = urlparse(page.base).path
    return [urlparse(h).path[len(base):] for h in hrefs]


def search(page, query: str, everything: bool = False) -> list[str]:
    """Type `query` like a user and return the result pages once the list has settled."""
    page.fill(INPUT, "")
    wait_for(page, f"document.querySelector('{META}').textContent.includes('{PLACEHOLDER}')")
    page.type(INPUT, query, delay=5)
    wait_for(page, f"!document.querySelector('{META}').textContent.includes('{PLACEHOLDER}')")
    wait_for(page, "window.__searchPending === 0")
    page.wait_for_timeout(50)  # Material renders the answer on the next tick
    if everything:  # Material renders ten groups and more on scrolling: scroll until all are there
        count = re.search(r"\d+", page.text_content(META) or "")
        wanted = int(count.group()) if count else 0
        for _ in range(50):
            if len(_read(page)) >= wanted:
                break
            # Material loads the next four when the list's bottom comes into view: leave it, come back
            page.eval_on_selector(".md-search__scrollwrap", "el => el.scrollTo(0, 0)")
            page.wait_for_timeout(50)
            page.eval_on_selector(".md-search__scrollwrap", "el => el.scrollTo(0, el.scrollHeight)")
            page.wait_for_timeout(100)
    return _read(page)


def top_pages(results: list[str], n: int = TOP) -> list[str]:
    seen: list[str] = []
    for path in results:
        if path not in seen:
            seen.append(path)
    return seen[:n]


def test_query_set_is_big_and_points_at_real_pages(site):
    assert len(QUERIES) >= 120, f"only {len(QUERIES)} queries in search_queries.yml"
    targets = {q["zoek"]: expected_pages(site, q) for q in QUERIES}  # names what the site no longer has
    assert all(targets.values())
    kinds = {q["soort"] for q in QUERIES}
    assert {"vorm", "afkorting", "twee-woorden", "typo"} <= kinds, kinds
    checked(f"{len(QUERIES)} zoekvragen, samen {len(set().union(*targets.values()))} verwachte pagina's")


# Runs with the real queries: its answer (the home page, for a word on no page) cannot come up,
# so the scoring must count it as a miss; a scoring that counted everything as a hit would not.
PLANTED = {"zoek": "qwxzptrk", "titel": None, "soort": "proef"}


def score(page, site, queries: list[dict]) -> tuple[list[str], list[str]]:
    """(hits, misses) of the queries, each as a line that says what was wanted and what came up."""
    hits, misses = [], []
    for q in queries:
        wanted = {"index.html"} if q is PLANTED else expected_pages(site, q)
        found = top_pages(search(page, q["zoek"]))
        line = f"{q['zoek']!r} ({q['soort']}): wanted {sorted(wanted)}, top {TOP}: {found}"
        (hits if wanted & set(found) else misses).append(line)
    return hits, misses


def test_query_set_hit_rate(search_page, site):
    hits, misses = score(search_page, site, [*QUERIES, PLANTED])
    planted = [m for m in misses if m.startswith(repr(PLANTED["zoek"]))]
    assert planted, "the planted query with no possible answer was counted as a hit: the scoring cannot fail"
    misses = [m for m in misses if m not in planted]
    rate = len(hits) / len(QUERIES)
    checked(f"search hit rate (expected page in top {TOP}): {len(hits)}/{len(QUERIES)} = {rate:.1%}; "
          f"planted miss counted: {len(planted)}")
    for line in misses:
        print("  miss:", line)
    assert rate >= TARGET, f"hit rate {rate:.1%} < {TARGET:.0%}; misses:\n" + "\n".join(misses)
    assert not search_page.errors, search_page.errors


# The block under every page (dates, change notes, suggestion link) is theme, not content: the
# search index leaves it out, so the words a search can find on a page leave it out too.
PAGE_META = re.compile(r'<aside class="pagina-meta".*?</aside>', re.S)


def _words(site: Path, page: str) -> set[str]:
    text = html_text(PAGE_META.sub("", (site / page).read_text(encoding="utf-8")))
    return set(re.findall(r"\w+", text.lower()))


def _pages(site: Path):
    from browser import site_pages  # the real pages, without the redirects at old addresses

    return [p for p in site_pages(site) if p != "afdrukken.html"]


def test_singular_finds_plural_only_pages(search_page, site):
    """'aankoop' finds pages that only ever say 'aankopen' (plain prefix search cannot)."""
    only_plural = [p for p in _pages(site)
                   if "aankopen" in (w := _words(site, p)) and not any(x.startswith("aankoop") for x in w)]
    assert only_plural, "no page uses 'aankopen' without 'aankoop': pick another word pair for this test"
    results = search(search_page, "aankoop", everything=True)
    missing = [p for p in only_plural if p not in results]
    assert not missing, f"'aankoop' does not find {missing} (they say 'aankopen')"


def test_plural_finds_singular_only_pages(search_page, site):
    """'weekmakers' finds the pages that only say 'weekmaker'."""
    only_singular = [p for p in _pages(site)
                     if "weekmaker" in (w := _words(site, p)) and "weekmakers" not in w]
    assert only_singular, "no page uses 'weekmaker' without 'weekmakers': pick another word pair for this test"
    results = search(search_page, "weekmakers", everything=True)
    missing = [p for p in only_singular if p not in results]
    assert not missing, f"'weekmakers' does not find {missing} (they say 'weekmaker')"


def indexed_text(site: Path) -> dict[str, str]:
    """Per page, the text the search index holds (Material leaves out what carries data-search-exclude,
    such as the tender builder's criteria, which search finds on their product group's page)."""
    index = json.loads((site / "search" / "search_index.full.json").read_text(encoding="utf-8"))
    out: dict[str, list[str]] = {}
    for doc in index["docs"]:
        out.setdefault(doc["location"].split("#")[0], []).extend([doc.get("title", ""), doc.get("text", "")])
    return {page: html_text(" ".join(parts)) for page, parts in out.items()}


def abbreviation_cases(site: Path) -> list[tuple[str, str, str]]:
    """(abbreviation, term, page) from the glossary in data/: a page that spells the term out and
    never uses the abbreviation (the glossary page itself left out)."""
    glossary = "begrippen.html"
    indexed = indexed_text(site)
    cases = []
    for item in catalog().all("begrip"):
        term = item.entry.term
        for alias in item.entry.aliassen or []:
            if not (alias.isupper() and alias.isalpha() and 2 <= len(alias) <= 6):
                continue
            term_words = re.findall(r"\w+", term.lower())
            for page in _pages(site):
                words = _words(site, page)
                if page != glossary and alias.lower() not in words and set(term_words) <= words \
                        and " ".join(term_words) in " ".join(html_text((site / page).read_text(encoding="utf-8")).lower().split()) \
                        and " ".join(term_words) in " ".join(indexed.get(page, "").lower().split()):
                    cases.append((alias, term, page))
    return cases


def test_abbreviation_finds_pages_that_spell_it_out(search_page, site):
    """A glossary abbreviation (an alias such as 'ZZS') finds a page that only spells the term out."""
    cases = abbreviation_cases(site)
    assert cases, "no glossary abbreviation with a page that only spells its term out: nothing to test"
    missing = []
    for alias in sorted({a for a, _, _ in cases}):
        results = search(search_page, alias, everything=True)
        missing += [f"{a} ({term}): {page}" for a, term, page in cases if a == alias and page not in results]
    checked(f"{len(cases)} pagina's die een afgekort begrip voluit schrijven, {len({a for a, _, _ in cases})} afkortingen")
    assert not missing, "abbreviations that do not find the pages that spell them out:\n" + "\n".join(missing)


def test_nonsense_finds_nothing(search_page):
    """The typo tolerance does not turn every query into a hit."""
    assert search(search_page, "qwxzptrk") == []


def _fresh_page(browser, base_url, requests: list[str], warnings: list[str]):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(COUNT_QUERIES)
    page = context.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: warnings.append(m.text) if m.type in ("warning", "error") else None)
    page.base = base_url
    return context, page


def test_search_loads_its_index_on_the_first_query_only(browser, base_url, site):
    """Page weight: the full index, Material's worker and Lunr wait until someone searches."""
    requests: list[str] = []
    context, page = _fresh_page(browser, base_url, requests, [])
    try:
        page.goto(base_url + "index.html", wait_until="networkidle")
        page.wait_for_timeout(500)
        early = [u for u in requests if "search_index.full.json" in u or "/lunr/" in u or "workers/search." in u]
        assert not early, f"loaded before any query: {early}"
        assert any(u.endswith("search/search_index.json") for u in requests)
        page.click(INPUT)
        step = catalog().all("stap")[0]  # any page's title will do: the first step's
        assert step.page[:-3] + ".html" in search(page, step.title, everything=True)
        assert any("search_index.full.json" in u for u in requests)
    finally:
        context.close()


def test_search_falls_back_to_titles_without_the_full_index(browser, base_url):
    """If the full index cannot be loaded, search still finds pages by their titles."""
    warnings: list[str] = []
    context, page = _fresh_page(browser, base_url, [], warnings)
    context.route("**/search_index.full.json", lambda route: route.abort())
    theme = catalog().all("thema")[0]  # a page whose title is one short name
    try:
        page.goto(base_url + "index.html")
        page.click(INPUT)
        assert theme.page[:-3] + ".html" in top_pages(search(page, theme.title))
        assert any("search_index.full.json" in w for w in warnings), warnings
    finally:
        context.close()


# search/search_index.json is fetched on every first visit (Material's page script), before anyone
# searches: a page's location and title in JSON, and Material's own config keys.
STUB_BYTES_PER_PAGE = 160
STUB_BYTES_CONFIG = 1024


def test_the_index_every_visit_fetches_holds_page_titles_only(site):
    """The stub is small: no sections, no nl_* lists (the worker takes them from the full index),
    and every page's title for the fallback above; its size grows with the pages, not their text."""
    stub_file = site / "search" / "search_index.json"
    stub = json.loads(stub_file.read_text(encoding="utf-8"))
    full = json.loads((site / "search" / "search_index.full.json").read_text(encoding="utf-8"))
    pages = [doc for doc in full["docs"] if "#" not in doc["location"]]
    assert len(pages) >= 30, f"only {len(pages)} pages in the full index"
    sections = [doc["location"] for doc in stub["docs"] if "#" in doc["location"]]
    assert not sections, f"{len(sections)} sections in the stub (e.g. {sections[:3]}): they belong in the full index"
    assert [(d["location"], d["title"]) for d in stub["docs"]] == [(d["location"], d["title"]) for d in pages], \
        "the stub must list every page of the full index with its title (the fallback searches them)"
    assert all(set(doc) == {"location", "title"} for doc in stub["docs"]), "the stub's documents hold more than location and title"
    lists = sorted(key for key in stub["config"] if key.startswith("nl_") and key != "nl_full")
    assert not lists, f"{lists} in the stub's config: only the full index carries them (the worker reads them there)"
    assert stub["config"].get("nl_full") == "search/search_index.full.json"
    assert {"nl_synonyms", "nl_expansions"} <= set(full["config"]), "the full index lost the worker's lists"
    assert {"lang", "separator"} <= set(stub["config"]), "Material's page script reads lang and separator from the stub"
    size, budget = stub_file.stat().st_size, STUB_BYTES_CONFIG + STUB_BYTES_PER_PAGE * len(pages)
    assert size <= budget, (f"search/search_index.json is {size} bytes, over its budget of {budget} for {len(pages)} pages: "
                            "every first visit fetches it, so keep it to page titles (overrides/hooks/search_nl.py, stub_index)")
    checked(f"zoekindex bij elk eerste bezoek: {size} bytes voor {len(pages)} pagina's (budget {budget})")


def test_heading_lookup_is_indexed_and_answers_like_materials_walk():
    """overrides/hooks/search_nl.py wraps Material's table-of-contents lookup (quadratic in the
    headings of a page): the wrapper must still find Material's method and give its answers."""
    import importlib.util
    from types import SimpleNamespace as Item

    from material.plugins.search.plugin import SearchIndex

    spec = importlib.util.spec_from_file_location("search_nl_hook", ROOT / "overrides" / "hooks" / "search_nl.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    original = getattr(SearchIndex, "_find_toc_by_id")
    original = getattr(original, "__wrapped__", original)
    assert original.__code__.co_varnames[:3] == ("self", "toc", "id"), "Material changed _find_toc_by_id"
    toc = [Item(id="a", children=[Item(id="b", children=[]), Item(id="c", children=[Item(id="b", children=[])])]),
           Item(id="d", children=[])]
    fast = hook.fast_toc_lookup(original)
    for anchor in ("a", "b", "c", "d", "x", None):
        assert fast(None, toc, anchor) is original(SearchIndex.__new__(SearchIndex), toc, anchor), anchor
    hook.on_startup("build", False)
    assert getattr(SearchIndex._find_toc_by_id, "__wrapped__", None) is original


def alias_cases() -> list[tuple[str, str, str]]:
    """(alias, product group, its page) for every alias of every product group in data/themas.yml."""
    return [(alias, item.id, item.page[:-3] + ".html")
            for item in catalog().all("thema") for alias in item.entry.aliassen]


def test_every_product_word_finds_its_product_group(search_page, site):
    """Issue 25: what buyers call what they buy (a group's `aliassen`) puts its product group in the top 3.
    Derived from the data, so a new alias is checked the day it is added."""
    cases = alias_cases()
    assert cases, "no product group has aliassen: nothing to check"
    misses = []
    for alias, group, page in cases:
        found = top_pages(search(search_page, alias))
        if page not in found:
            misses.append(f"{alias!r} ({group}): top {TOP}: {found}")
    checked(f"{len(cases)} productwoorden van {len({g for _, g, _ in cases})} productgroepen, "
            f"{len(cases) - len(misses)} met hun productgroep in de top {TOP}")
    assert not misses, "product words that do not find their product group:\n" + "\n".join(misses)


# Issue 25: figures, step bars and other navigation aids repeat the titles of other pages; in a result's
# snippet they read as "Ambitie A: Totale hoeveelheid materialen reducerenA. Totale hoeveelheid ...".
FIGURES = "nav.stappenbalk, nav.ambitiebalk, figure.procesfiguur, figure.ambitiefiguur"
FIGURE_CLASSES = re.compile(r'class="(stappenbalk|ambitiebalk|procesfiguur|ambitiefiguur)[ "]')
ARTICLES = ".md-search-result__article"


def test_result_snippets_leave_out_figures(browser, base_url, site, search_page):
    """No result snippet repeats the text of a figure: the figures are left out of the index. A figure's
    link joins a tip and a label ("Stap 1: Circulaire behoefte" + "Stap 1. Circulaire behoefte"); that
    joined text is on no heading, so it only shows in a snippet when the figure was indexed."""
    kinds: dict[str, str] = {}
    for page in _pages(site):
        for found in FIGURE_CLASSES.findall((site / page).read_text(encoding="utf-8")):
            kinds.setdefault(found, page)
    assert len(kinds) == 4, f"expected the four figures on the site, found {sorted(kinds)}"
    context = browser.new_context()
    texts: set[str] = set()
    try:
        reader = context.new_page()
        for page in kinds.values():
            reader.goto(base_url + page)
            texts |= {t for t in reader.eval_on_selector_all(
                f":is({FIGURES}) a", "els => els.filter(e => e.children.length).map(e => e.textContent.replace(/\\s+/g, ' ').trim())")
                if len(t) >= 12}
    finally:
        context.close()
    assert texts, "the figures hold no link text: nothing to check"
    queries = [item.title for kind in ("stap", "ambitie") for item in catalog().all(kind)[:2]]
    snippets = []
    for query in queries:
        search(search_page, query)
        snippets += search_page.eval_on_selector_all(ARTICLES, "els => els.map(e => e.textContent.replace(/\\s+/g, ' '))")
    checked(f"{len(snippets)} zoekresultaten van {len(queries)} zoekvragen tegen {len(texts)} teksten uit "
            f"{len(kinds)} figuren")
    assert snippets, "the searches showed no results: nothing to check"
    repeated = sorted({t for t in texts for snippet in snippets if t in snippet})
    assert not repeated, "result snippets repeat a figure's text:\n" + "\n".join(repeated)


# --- issue 25: the search dialog while the index loads, and when nothing is found -------------------
LOADING = "Zoekindex wordt geladen"
HELP = "[data-zoekhulp]"


def help_topics() -> list[str]:
    from macros import zoekwoorden

    return list(zoekwoorden.load(ROOT / "data").vaak_gezocht)


def test_first_query_says_the_index_is_loading(browser, base_url):
    """A slow machine or network: until the full index is in, the dialog says it is loading, not
    "Typ om te beginnen met zoeken". The index is held back here until the test lets it through."""
    held: list = []
    context, page = _fresh_page(browser, base_url, [], [])
    context.route("**/search_index.full.json", lambda route: held.append(route))
    try:
        page.goto(base_url + "index.html")
        page.click(INPUT)
        page.type(INPUT, catalog().all("thema")[0].title, delay=5)
        wait_for(page, "document.querySelector('.md-search__input').value.length > 0")
        page.wait_for_timeout(500)  # long enough for the placeholder to come back, were it to
        wait_for(page, "true")  # let the route handler run
        assert held, "the full index was not requested on the first query"
        meta = page.text_content(META) or ""
        assert LOADING in meta and PLACEHOLDER not in meta, meta
        held[0].continue_()
        wait_for(page, f"document.querySelectorAll('{GROUPS}').length > 0")
        assert LOADING not in (page.text_content(META) or "")
    finally:
        context.close()


def test_no_results_offers_the_guide_the_product_groups_and_the_topics(search_page, site):
    """Zero results is no dead end: links to the purchase guide and the product groups (wherever an
    editor moved them) and the most searched topics of data/zoekwoorden.yml, each of which finds pages."""
    from targets import page_carrying

    topics = help_topics()
    assert topics, "data/zoekwoorden.yml has no vaak_gezocht: the help would offer no topics"
    assert search(search_page, topics[0]) and not search_page.is_visible(HELP), "the help shows with results"
    assert search(search_page, "qwxzptrk") == []
    assert search_page.is_visible(HELP), "no help after a search without results"
    from axe_playwright_python.sync_playwright import Axe
    from test_browser_pages import AXE_OPTIONS, axe_lines

    search_page.wait_for_timeout(300)
    violations = Axe().run(search_page, options=AXE_OPTIONS).response["violations"]
    assert not violations, "\n".join(axe_lines("de zoekhulp", violations))
    base = urlparse(search_page.base).path
    links = [urlparse(h).path[len(base):] for h in search_page.eval_on_selector_all(
        f"{HELP} a", "els => els.map(e => e.href)")]
    wanted = [page_carrying("aankoopwijzer_plan("), page_carrying("themas_overzicht(")]
    assert links == wanted, (links, wanted)
    assert all((site / link).is_file() for link in links)
    shown = search_page.eval_on_selector_all(f"{HELP} button", "els => els.map(e => e.textContent.trim())")
    assert shown == topics, shown
    for topic in topics:
        search(search_page, "qwxzptrk")
        search_page.click(f"{HELP} button[data-zoekterm='{topic}']")
        wait_for(search_page, f"document.querySelectorAll('{GROUPS}').length > 0")
        wait_for(search_page, "window.__searchPending === 0")
        assert search_page.input_value(INPUT) == topic
        assert not search_page.is_visible(HELP), f"the help stays after '{topic}' found pages"
    checked(f"zoekhulp: {len(links)} links, {len(topics)} vaak gezochte onderwerpen die elk iets vinden")
