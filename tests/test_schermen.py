"""Every screen, every reader (issue 25), in real headless Chromium: every page reflows at 320 CSS px,
the menu drawer of a narrow screen works by keyboard with the focus only on what is visible, the
site follows a dark system setting and has a toggle, and the feed has a readable page.

axe in both colour schemes on every page: tests/test_browser_pages.py. The pages come from the
build (site_pages), never from a list of names an editor could change.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from browser import site_pages, wait_for
from conftest import ROOT
from test_keyboard import FOCUS, contrast, focus_problems, new_context

NARROW = {"width": 320, "height": 640}  # WCAG 1.4.10: 320 CSS px, as 1280 px at 400 % zoom
PHONE = {"width": 390, "height": 800}
STEPS = sorted(yaml.safe_load((ROOT / "data" / "stappen.yml").read_text(encoding="utf-8")), key=lambda s: s["nummer"])
THEMES = yaml.safe_load((ROOT / "data" / "themas.yml").read_text(encoding="utf-8"))

# Runs in the page: how far it scrolls sideways, and the elements that stick out on the right.
OVERFLOW = """() => {
  const doc = document.documentElement, vw = doc.clientWidth;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > vw + 1 && el.checkVisibility({visibilityProperty: true})) {
      out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${Math.round(r.right)} px)`);
      if (out.length >= 5) break;
    }
  }
  return {scroll: doc.scrollWidth, width: vw, out};
}"""


def overflow_problem(path: str, found: dict) -> str | None:
    if found["scroll"] <= found["width"]:
        return None
    return f"{path}: scrolls sideways ({found['scroll']} px for {found['width']} px): {', '.join(found['out'])}"


def page_at(browser, viewport):
    """A page in a fresh context of this size, closed when the fixture ends."""
    ctx = new_context(browser, viewport)
    yield ctx.new_page()
    ctx.close()


@pytest.fixture(scope="module")
def narrow_page(browser):
    yield from page_at(browser, NARROW)


def test_every_page_reflows_at_320_px(narrow_page, base_url, site):
    """No page scrolls sideways at 320 CSS px (WCAG 1.4.10), the examples filter included."""
    pages = site_pages(site)
    assert len(pages) >= 30, pages
    problems = []
    for path in pages:
        narrow_page.goto(base_url + path, wait_until="load")
        problem = overflow_problem(path, narrow_page.evaluate(OVERFLOW))
        if problem:
            problems.append(problem)
    print(f"{len(pages)} pagina's op 320 px bekeken")
    assert not problems, "\n".join(problems)


def test_the_reflow_check_catches_a_page_that_scrolls_sideways(narrow_page, base_url):
    """The same check, on a page with a planted select as wide as the one of issue 25 (531 px)."""
    narrow_page.goto(base_url + "index.html", wait_until="load")
    assert overflow_problem("index.html", narrow_page.evaluate(OVERFLOW)) is None
    narrow_page.evaluate("""() => { const s = document.createElement('select'); const o = document.createElement('option');
      o.textContent = 'x'; s.appendChild(o); s.className = 'geplant';
      document.querySelector('article').appendChild(s); s.style.width = '531px'; }""")
    problem = overflow_problem("index.html", narrow_page.evaluate(OVERFLOW))
    assert problem and "select.geplant" in problem, problem


# --- the menu drawer on a narrow screen, by keyboard -----------------------------------------

# Runs in the page: the focused element, whether it is really seen (not hidden, not covered by
# something else at its centre), and whether it sits in the drawer.
SEEN = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1), y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return {
    what: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40)}"`,
    shown: el.checkVisibility({opacityProperty: true, visibilityProperty: true}) && r.width > 0 && r.height > 0
      && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
    onTop: !!top && (top === el || el.contains(top) || top.contains(el)),
    inDrawer: !!el.closest('.md-sidebar--primary'),
    open: document.getElementById('__drawer').checked,
  };
}"""


def drawer_pages(site: Path) -> list[str]:
    """A page at each depth of the menu: home, a step (a section's page), a theme (a nested section)."""
    built = set(site_pages(site))
    pages = ["index.html", f"stappen/{STEPS[0]['id']}.html", f"themas/{THEMES[-1]['id']}.html"]
    assert set(pages) <= built, set(pages) - built
    return pages


def open_drawer(page) -> None:
    menu = page.locator('label[for="__drawer"].md-header__button [role="button"]')
    menu.focus()
    page.keyboard.press("Enter")
    wait_for(page, "document.getElementById('__drawer').checked")


def walk_drawer(page, where: str, limit: int = 60) -> tuple[list[str], list[str]]:
    """Tab from where the focus is until it leaves the drawer: the stops, and every stop that is not seen."""
    stops, problems = [], []
    for _ in range(limit):
        info = page.evaluate(SEEN)
        if info is None or not info["open"]:
            break
        stops.append(info["what"])
        if not (info["shown"] and info["onTop"] and info["inDrawer"]):
            problems.append(f"{where}: focus on {info['what']} (shown {info['shown']}, on top {info['onTop']}, "
                            f"in the menu {info['inDrawer']})")
        problems += focus_problems(page.evaluate(FOCUS), where)
        page.keyboard.press("Tab")
    else:
        problems.append(f"{where}: Tab never left the open menu in {limit} presses")
    return stops, problems


@pytest.fixture
def phone(browser):
    yield from page_at(browser, PHONE)


def test_narrow_menu_by_keyboard_keeps_the_focus_on_what_is_visible(phone, base_url, site):
    """At 390 px: Enter on the menu button opens the drawer and moves the focus into it; every Tab stop
    is a link or button on show in the drawer (never a hidden table of contents or a link under a
    panel); Tab past its last link closes the drawer and goes on in the page."""
    checked = 0
    for path in drawer_pages(site):
        phone.goto(base_url + path, wait_until="load")
        open_drawer(phone)
        wait_for(phone, "document.activeElement && document.activeElement.closest('.md-sidebar--primary')")
        stops, problems = walk_drawer(phone, f"{path}, menu open")
        assert not problems, "\n".join(problems)
        assert len(stops) >= 3, (path, stops)
        assert not phone.evaluate("document.getElementById('__drawer').checked"), f"{path}: menu still open"
        info = phone.evaluate(SEEN)
        assert info and info["shown"] and info["onTop"], (path, info)
        checked += len(stops)
    print(f"{checked} tabstops in het menu bekeken")


def test_narrow_menu_opens_the_table_of_contents_and_goes_back_by_keyboard(phone, base_url):
    """The page's table of contents and the way back up are buttons in the drawer, and only the
    level on show takes the focus."""
    step = STEPS[0]
    phone.goto(base_url + f"stappen/{step['id']}.html", wait_until="load")
    open_drawer(phone)
    toc = phone.locator('.md-nav--primary label[for="__toc"].md-nav__link [role="button"]')
    assert toc.get_attribute("aria-label") == f"Inhoudsopgave van {step['nummer']}. {step['titel']}"
    toc.focus()
    phone.keyboard.press("Enter")
    wait_for(phone, "document.getElementById('__toc').checked")
    wait_for(phone, "document.activeElement && document.activeElement.getAttribute('aria-label') === 'Terug uit Inhoudsopgave'")
    phone.keyboard.press("Tab")
    stops, problems = walk_drawer(phone, "table of contents in the menu")
    assert not problems, "\n".join(problems)
    assert any("Waarom deze stap?" in s for s in stops), stops
    # Opened again, the menu shows the table of contents, the focus on its way back up; back up,
    # the button that opened the table of contents has the focus again.
    open_drawer(phone)
    wait_for(phone, "document.activeElement && document.activeElement.getAttribute('aria-label') === 'Terug uit Inhoudsopgave'")
    phone.keyboard.press("Enter")
    wait_for(phone, "!document.getElementById('__toc').checked")
    wait_for(phone, "document.activeElement && (document.activeElement.getAttribute('aria-label') || '').startsWith('Inhoudsopgave van')")


def test_the_drawer_walk_catches_a_hidden_focus(phone, base_url):
    """The walk above fails on a focus nobody sees: a link planted under the drawer's open panel."""
    phone.goto(base_url + f"stappen/{STEPS[0]['id']}.html", wait_until="load")
    open_drawer(phone)
    phone.evaluate("""() => { const a = document.createElement('a'); a.href = '#'; a.textContent = 'verstopt';
      a.className = 'md-nav__link geplant'; const li = document.createElement('li'); li.appendChild(a);
      document.querySelector('.md-nav--primary > .md-nav__list').prepend(li); a.focus(); }""")
    _, problems = walk_drawer(phone, "planted")
    assert any("geplant" in p for p in problems), problems


# --- dark and light ---------------------------------------------------------------------------

SCHEME = """() => ({scheme: document.body.getAttribute('data-md-color-scheme'),
                    background: getComputedStyle(document.body).backgroundColor,
                    text: getComputedStyle(document.querySelector('.md-typeset')).color})"""


def luminance_of(css: str) -> float:
    return contrast(css, "rgb(0, 0, 0)")  # 1.0 for black, 21 for white


@pytest.mark.parametrize("system,scheme", [("dark", "slate"), ("light", "default")])
def test_the_site_follows_the_system_colour_scheme(browser, base_url, system, scheme):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=system)
    try:
        page = ctx.new_page()
        page.goto(base_url + f"stappen/{STEPS[0]['id']}.html", wait_until="load")
        wait_for(page, f"document.body.getAttribute('data-md-color-scheme') === '{scheme}'")
        found = page.evaluate(SCHEME)
        dark_background = luminance_of(found["background"]) < 3
        assert dark_background == (system == "dark"), found
        assert contrast(found["text"], found["background"]) >= 7, found
    finally:
        ctx.close()


def test_the_toggle_chooses_a_scheme_by_keyboard_and_keeps_it(browser, base_url):
    """On a light system: the header button picks dark (Enter), the choice survives a reload and
    another page, and the button is named in Dutch."""
    ctx = new_context(browser, {"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        page.goto(base_url + "index.html", wait_until="load")
        assert page.evaluate(SCHEME)["scheme"] == "default"
        names = []
        for _ in range(3):
            button = page.locator('label.md-header__button[for^="__palette_"]:not([hidden]) [role="button"]')
            names.append(button.get_attribute("aria-label"))
            button.focus()
            page.keyboard.press("Enter")
            page.wait_for_timeout(100)
            if page.evaluate(SCHEME)["scheme"] == "slate":
                break
        assert page.evaluate(SCHEME)["scheme"] == "slate", names
        assert all(re.search(r"kleurenschema", n or "") for n in names), names
        page.goto(base_url + f"stappen/{STEPS[-1]['id']}.html", wait_until="load")
        assert page.evaluate(SCHEME)["scheme"] == "slate"
        assert luminance_of(page.evaluate(SCHEME)["background"]) < 3
    finally:
        ctx.close()


# Runs in the page: the colours the figures and the key question are drawn in, on their background.
FIGURE_COLOURS = """() => {
  const bg = getComputedStyle(document.body).backgroundColor;
  const current = document.querySelector('.stappenbalk__stap.is-huidig .stappenbalk__link');
  const other = document.querySelector('.stappenbalk__stap:not(.is-huidig) .stappenbalk__link');
  const key = document.querySelector('.admonition.question');
  return {
    bg,
    currentFill: getComputedStyle(current).backgroundColor, currentText: getComputedStyle(current).color,
    otherBorder: getComputedStyle(other).borderTopColor, otherText: getComputedStyle(other).color,
    keyBorder: getComputedStyle(key).borderLeftColor, keyFill: getComputedStyle(key).backgroundColor,
    keyText: getComputedStyle(key.querySelector('p:last-child')).color,
  };
}"""


@pytest.mark.parametrize("system", ["light", "dark"])
def test_figures_and_the_key_question_keep_their_contrast_in_both_schemes(browser, base_url, system):
    """Non-text contrast (WCAG 1.4.11) that axe does not measure: the step bar's circles and the key
    question's rule stand out 3:1 from the page; their text 4.5:1 on its own fill."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=system)
    try:
        page = ctx.new_page()
        page.goto(base_url + f"stappen/{STEPS[1]['id']}.html", wait_until="load")
        wait_for(page, "document.body.getAttribute('data-md-color-scheme') === '" + ("slate" if system == "dark" else "default") + "'")
        c = page.evaluate(FIGURE_COLOURS)
        assert contrast(c["currentFill"], c["bg"]) >= 3, c
        assert contrast(c["currentText"], c["currentFill"]) >= 4.5, c
        assert contrast(c["otherBorder"], c["bg"]) >= 3, c
        assert contrast(c["otherText"], c["bg"]) >= 4.5, c
        assert contrast(c["keyBorder"], c["keyFill"]) >= 3, c
        assert contrast(c["keyText"], c["keyFill"]) >= 4.5, c
    finally:
        ctx.close()


def test_focus_stays_visible_in_the_dark_scheme(browser, base_url):
    """Every Tab stop of a step page has a focus ring with 3:1 against what is behind it, in dark too."""
    ctx = new_context(browser, {"width": 1280, "height": 900}, color_scheme="dark")
    try:
        page = ctx.new_page()
        page.goto(base_url + f"stappen/{STEPS[0]['id']}.html", wait_until="load")
        wait_for(page, "document.body.getAttribute('data-md-color-scheme') === 'slate'")
        problems, seen, first = [], 0, None
        for _ in range(400):  # once round the page: stop where the first stop comes back
            page.keyboard.press("Tab")
            info = page.evaluate(FOCUS)
            if info is None:
                continue
            if info["what"] == first:
                break
            first = first or info["what"]
            seen += 1
            problems += focus_problems(info, "dark scheme")
        assert seen > 40
        assert not problems, "\n".join(problems[:20])
    finally:
        ctx.close()


# --- the feed ----------------------------------------------------------------------------------

def test_the_feed_has_a_readable_page_and_every_page_links_that_page(browser, base_url, site):
    """Readers who click "follow" get a page (volgen.html) with the feed's address to copy and how to
    subscribe in Outlook, Teams or a feed reader, not the raw XML. Feed readers still find feed.xml."""
    page = browser.new_page()
    try:
        page.goto(base_url + "volgen.html", wait_until="load")
        assert page.locator("h1").inner_text().rstrip("¶") == "Wijzigingen volgen"
        headings = page.locator("article h2").all_inner_texts()
        for wanted in ("In Outlook", "In Teams", "In een feedlezer"):
            assert any(wanted in h for h in headings), headings
        address = page.locator("a.feed-adres")
        text, href = address.inner_text(), address.get_attribute("href")
        assert text == href and text.endswith("/feed.xml"), (text, href)
        assert page.locator("a.feed-adres").is_visible()
        # The address it shows is the feed: it answers with Atom.
        feed = page.request.get(base_url + "feed.xml")
        assert feed.ok and "<feed" in feed.text()
    finally:
        page.close()
    linking = 0
    for path in site_pages(site):
        html = (site / path).read_text(encoding="utf-8")
        meta = re.search(r'<aside class="pagina-meta".*?</aside>', html, re.S)
        if meta and "pagina-meta__volgen" in meta.group(0):
            assert 'feed.xml"' not in meta.group(0), f"{path}: the follow link opens the raw feed"
            assert re.search(r'href="(\.\./)*volgen\.html"', meta.group(0)), path
            linking += 1
        assert 'type="application/atom+xml"' in html, f"{path}: feed readers no longer find the feed"
    assert linking >= 5


# --- edit links for editors, not readers ---------------------------------------------------------

def test_entry_pencils_are_hidden_until_an_editor_asks(browser, base_url, site):
    """Resources, examples, terms and rules each keep an edit link, invisible to readers until
    "Toon een bewerkknop bij elk item" under the page; the page's own edit link is always there."""
    pages = [p for p in site_pages(site) if 'class="bewerk-item"' in (site / p).read_text(encoding="utf-8")
             and p != "afdrukken.html"]  # the print page has no page meta; its pencils never show (print.css)
    assert len(pages) >= 3, pages
    page = browser.new_page()
    try:
        for path in pages:
            page.goto(base_url + path, wait_until="load")
            pencils = page.locator(".bewerk-item")
            assert pencils.count() > 0
            assert not any(pencils.nth(i).is_visible() for i in range(pencils.count())), f"{path}: pencils shown to readers"
            page.locator("a.bewerkknoppen-toon").click()
            assert pencils.first.is_visible(), f"{path}: 'Toon een bewerkknop' shows nothing"
            page.locator("a.bewerkknoppen-verberg").click()
            assert not pencils.first.is_visible()
            assert page.locator('.pagina-meta a[rel="edit"]').is_visible()
    finally:
        page.close()


# --- the home page: tasks first, a search that works ---------------------------------------------

def test_home_page_leads_with_the_four_tasks_and_a_search(site):
    """GOV.UK's order: what the guide is in a few lines, a search, then the tasks, each a link."""
    from conftest import html_text

    html = (site / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    tasks = re.search(r'<div class="taken">(.*?)</div>', article, re.S)
    assert tasks, "no task cards on the home page"
    names = [html_text(m) for m in re.findall(r"<strong><a [^>]*>(.*?)</a></strong>", tasks.group(1), re.S)]
    assert names == ["Ik start een aankoop", "Ik schrijf een bestek", "Ik zoek een voorbeeld", "Wat zegt de regelgeving?"]
    # The search and the tasks come before the process figure and the rest.
    assert article.index('class="startzoeken"') < article.index('class="taken"') < article.index('class="procesfiguur')


def test_the_home_page_search_opens_the_site_search_with_the_question(browser, base_url):
    """A plain form (no script of ours): Material opens its search for ?q= and shows results."""
    page = browser.new_page()
    try:
        page.goto(base_url + "index.html", wait_until="load")
        page.fill("#startzoeken-vraag", "behoefte")
        page.keyboard.press("Enter")
        page.wait_for_url("**/index.html?q=behoefte*")
        wait_for(page, "document.getElementById('__search').checked")
        assert page.input_value(".md-search__input") == "behoefte"
        page.locator(".md-search-result__item").first.wait_for()
        assert page.locator(".md-search-result__item").count() > 0
    finally:
        page.close()
