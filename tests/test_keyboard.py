"""Keyboard only, in a real browser: skip link, visible focus, Tab order, search, narrow screens.

Every Tab stop is checked where it happens: the focused element must be on screen and
visible, with an outline of at least 2 px whose colour has 3:1 contrast with what is
behind it (WCAG 2.4.7 and 1.4.11). On a few pages of each kind the whole Tab sequence
is walked and compared with the list of everything a keyboard should reach.
"""
from __future__ import annotations

import re

import pytest

from browser import site_pages, wait_for
import urls  # noqa: E402  (tools/urls.py, on the path through browser.py)
from test_search import COUNT_QUERIES

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}  # also what a 1280 px screen at 400 % zoom shows (WCAG 1.4.10)
# One page of each kind: home, hand-written, generated step (checklist), glossary (tooltips).
TAB_PAGES = ["index.html", "over.html", "stappen/behoefte.html", "valkuilen/greenwashing.html"]
MAX_TABS = 800

# Runs in the page: tag every element a keyboard should reach with data-kb, return the count.
MARK_REACHABLE = """() => {
  const sel = 'a[href], button, input, select, textarea, summary, [tabindex], label.md-nav__link[for]';
  let n = 0;
  for (const el of document.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    const shown = el.checkVisibility({opacityProperty: true, visibilityProperty: true}) && r.width > 0 && r.height > 0;
    if (!shown || el.disabled || el.tabIndex < 0 || el.closest('[inert], [aria-hidden="true"]')) continue;
    el.dataset.kb = String(n++);
  }
  return n;
}"""

# Runs in the page: describe the focused element, its outline and the colour behind the outline.
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // A checklist box is a transparent <input> under the box Material draws with
  // .task-list-indicator::before: the focus ring belongs on the drawing.
  const drawn = el.matches('.task-list-control input') ? el.nextElementSibling : null;
  const s = drawn ? getComputedStyle(drawn, '::before') : getComputedStyle(el);
  const shown = drawn ? el.closest('li') : el;
  const r = shown.getBoundingClientRect();
  const opaque = (node) => {
    for (; node && node.nodeType === 1; node = node.parentElement) {
      const bg = getComputedStyle(node).backgroundColor;
      const m = bg.match(/[\\d.]+/g);
      if (m && (m.length < 4 || parseFloat(m[3]) > 0.5)) return bg;
    }
    return 'rgb(255, 255, 255)';
  };
  // An outline drawn inside the element (negative offset) sits on the element's own background.
  const behind = parseFloat(s.outlineOffset) < 0 ? opaque(el) : opaque(drawn ? shown : el.parentElement);
  return {
    kb: el.dataset.kb ?? null,
    what: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40)}" ${el.getAttribute('href') || ''}`,
    visible: shown.checkVisibility({opacityProperty: true, visibilityProperty: true}),
    onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), outlineColor: s.outlineColor,
    behind,
  };
}"""


def rgb(css: str) -> tuple[float, float, float, float]:
    parts = [float(x) for x in re.findall(r"[\d.]+", css)]
    if css.startswith("color(srgb"):  # a color-mix() computes to color(srgb r g b [/ a]), channels 0..1
        parts = [x * 255 for x in parts[:3]] + parts[3:]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def contrast(fg_css: str, bg_css: str) -> float:
    """WCAG contrast ratio; a translucent foreground is blended onto the background first."""
    fr, fg, fb, fa = rgb(fg_css)
    br, bg, bb, _ = rgb(bg_css)
    blended = [f * fa + b * (1 - fa) for f, b in ((fr, br), (fg, bg), (fb, bb))]

    def lum(channels):
        lin = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    a, b = lum(blended), lum((br, bg, bb))
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def focus_problems(info: dict | None, where: str) -> list[str]:
    """What is wrong with this Tab stop (empty list: a good, visible focus)."""
    if info is None:
        return []
    problems = []
    if not (info["visible"] and info["onScreen"]):
        problems.append("focus on an element that is hidden or off-screen")
    if info["outlineStyle"] == "none" or info["outlineWidth"] < 2:
        problems.append(f"no visible focus outline ({info['outlineStyle']} {info['outlineWidth']}px)")
    else:
        ratio = contrast(info["outlineColor"], info["behind"])
        if ratio < 3:
            problems.append(f"focus outline contrast {ratio:.2f}:1 ({info['outlineColor']} on {info['behind']})")
    return [f"{where}: {info['what']}: {p}" for p in problems]


def tab(page):
    page.keyboard.press("Tab")
    return page.evaluate(FOCUS)


def new_context(browser, viewport, **options):
    ctx = browser.new_context(viewport=viewport, **options)
    # The skip link and permalinks fade in on focus: look at the end state, not the animation.
    # A constructed stylesheet: the site's CSP (rightly) refuses an injected <style> element.
    ctx.add_init_script("document.addEventListener('DOMContentLoaded', () => {"
                        " const s = new CSSStyleSheet();"
                        " s.replaceSync('*, *::before, *::after { transition: none !important; animation: none !important; }');"
                        " document.adoptedStyleSheets = [...document.adoptedStyleSheets, s]; });")
    return ctx


@pytest.fixture(scope="module")
def context(browser):
    ctx = new_context(browser, DESKTOP)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    p = context.new_page()
    yield p
    p.close()


def test_every_page_has_a_skip_link(site):
    missing = [p for p in site_pages(site) if 'class="md-skip"' not in (site / p).read_text(encoding="utf-8")]
    assert not missing, "pages without the 'Ga naar inhoud' link: " + ", ".join(missing)


@pytest.mark.parametrize("path", ["index.html", "stappen/behoefte.html", "toegankelijkheid.html"])
def test_skip_link_comes_first_and_moves_to_the_content(page, base_url, site, path):
    page.goto(base_url + urls.follow(site, path))  # a page that moved is tested at its new address
    first = tab(page)
    assert first and "a.md-skip" in first["what"] and "Ga naar inhoud" in first["what"], first
    assert not focus_problems(first, path)
    page.keyboard.press("Enter")
    target = page.evaluate("document.querySelector('.md-skip').getAttribute('href')")
    assert page.evaluate("location.hash") == target
    # The link moves the starting point of sequential focus: the next Tab lands in the content.
    page.keyboard.press("Tab")
    inside = page.evaluate("!!document.activeElement.closest('.md-content')")
    assert inside, f"Tab after the skip link went to {page.evaluate(FOCUS)}, not into the content"


@pytest.mark.parametrize("path", TAB_PAGES)
def test_tab_reaches_everything_with_a_visible_focus(page, base_url, site, path):
    page.goto(base_url + urls.follow(site, path))
    expected = page.evaluate(MARK_REACHABLE)
    assert expected > 10
    reached, problems, seen_first = set(), [], None
    for _ in range(MAX_TABS):
        info = tab(page)
        if info is None:  # past the last element: the browser's own UI / the document
            break
        key = info["kb"] or info["what"]
        if key == seen_first:
            break
        seen_first = seen_first or key
        problems += focus_problems(info, path)
        if info["kb"] is not None:
            reached.add(info["kb"])
    else:
        pytest.fail(f"{path}: no end of the Tab sequence after {MAX_TABS} presses")
    assert not problems, "\n".join(problems[:30])
    unreached = page.evaluate(
        "(reached) => [...document.querySelectorAll('[data-kb]')].filter(e => !reached.includes(e.dataset.kb))"
        ".map(e => e.outerHTML.slice(0, 120))", sorted(reached))
    assert not unreached, f"{path}: not reachable with Tab:\n" + "\n".join(unreached[:20])


def test_search_works_with_the_keyboard(page, base_url):
    page.add_init_script(COUNT_QUERIES)  # counts queries the worker has not answered yet
    page.goto(base_url + "index.html")
    for _ in range(5):
        info = tab(page)
        if info and "md-search__input" in info["what"]:
            break
    else:
        pytest.fail("the search field is not among the first five Tab stops")
    assert not focus_problems(page.evaluate(FOCUS), "search field")
    page.keyboard.type("greenwashing")
    # Material asks the worker once per keystroke and redraws the list for each answer:
    # wait for the answer to the whole word before moving through it.
    wait_for(page, "window.__searchPending === 0 && document.querySelector('.md-search-result__item')")
    page.wait_for_timeout(50)  # Material renders the last answer on the next tick
    # Arrow keys walk the results (Material's keyboard handling), Enter opens one.
    page.keyboard.press("ArrowDown")
    first = page.evaluate(FOCUS)
    assert first and "md-search-result__link" in first["what"], first
    assert not focus_problems(first, "first search result")
    page.keyboard.press("ArrowDown")
    assert page.evaluate(FOCUS) != first, "ArrowDown does not move through the results"
    page.keyboard.press("ArrowUp")
    assert page.evaluate(FOCUS) == first
    # Tab from the field reaches the same first result (docs/assets/javascripts/toegankelijkheid.js).
    page.locator(".md-search__input").focus()
    assert tab(page) == first
    href = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(href.split("#")[0] + "*")
    assert page.url.split("#")[0] == href.split("#")[0]


def test_phone_width_header_buttons_work_and_hidden_menus_take_no_focus(browser, base_url):
    ctx = new_context(browser, PHONE)
    try:
        page = ctx.new_page()
        page.goto(base_url + "stappen/behoefte.html")
        stops, problems = [], []
        for _ in range(12):  # the header: skip link, menu, logo, search, ...
            info = tab(page)
            stops.append(info["what"] if info else None)
            problems += focus_problems(info, "phone header")
        assert not problems, "\n".join(problems)
        menu = page.locator('label[for="__drawer"].md-header__button [role="button"]')
        assert menu.get_attribute("aria-label"), stops
        # ARIA in HTML: a <label> itself may not take a role (Lighthouse's aria-allowed-role).
        assert page.locator("label[role]").count() == 0
        assert any("Navigatiemenu" in (s or "") for s in stops), f"menu button not reached: {stops}"
        # Open the menu with the keyboard: its links come next and are on screen.
        menu.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.getElementById('__drawer').checked")
        assert menu.get_attribute("aria-expanded") == "true"
        # toegankelijkheid.js moves the focus into the drawer once it is open (a timeout of 0): a Tab
        # pressed before that, as a loaded machine lets the test do, would leave the drawer and close it.
        wait_for(page, "document.querySelector('.md-sidebar--primary').contains(document.activeElement)")
        drawer_stops = [tab(page) for _ in range(6)]
        problems = [p for info in drawer_stops for p in focus_problems(info, "open menu")]
        assert not problems, "\n".join(problems)
        assert any(info and "md-nav__link" in info["what"] for info in drawer_stops), drawer_stops
        # Search by keyboard: Enter on the search button puts the cursor in the field.
        page.keyboard.press("Escape")
        page.goto(base_url + "stappen/behoefte.html")
        page.locator('label[for="__search"].md-header__button [role="button"]').focus()
        page.keyboard.press("Enter")
        wait_for(page, "document.activeElement.classList.contains('md-search__input')")
        assert not focus_problems(page.evaluate(FOCUS), "phone search field")
    finally:
        ctx.close()


def test_focus_checks_can_fail():
    """The checks above detect a missing outline, a faint one and a hidden element."""
    good = {"what": "a", "visible": True, "onScreen": True, "outlineStyle": "solid", "outlineWidth": 2.4,
            "outlineColor": "rgb(27, 94, 32)", "behind": "rgb(255, 255, 255)"}
    assert focus_problems(good, "p") == []
    assert focus_problems({**good, "outlineStyle": "none"}, "p")
    assert focus_problems({**good, "outlineColor": "rgb(76, 175, 80)", "behind": "rgb(76, 175, 80)"}, "p")
    assert focus_problems({**good, "onScreen": False}, "p")
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0
    assert round(contrast("rgba(0, 0, 0, 0.54)", "rgb(237, 237, 237)"), 2) < 4.5  # Material's search meta line
    # A tint made with color-mix() (the figures' fills) computes to color(srgb ...), channels 0..1.
    assert round(contrast("rgb(27, 94, 32)", "color(srgb 0.928471 0.94949 0.930039)"), 1) == 6.9
