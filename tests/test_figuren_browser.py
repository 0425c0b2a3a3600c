"""The figures drawn from data/ in a real browser (headless Chromium): every link in them reached by
Tab in reading order with a visible focus and opened with Enter; the ring on wide screens that can
hover, with the key question in its middle on hover and on focus, also without JavaScript; every
key question visible on touch screens and phones; no horizontal scroll at 390 px; axe at phone
width, with a tip open and in the dark colour scheme; colours on paper.
"""
from __future__ import annotations

import math
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from test_browser_pages import AXE_OPTIONS, axe_lines
from test_figuren import STEPS
from test_keyboard import FOCUS, focus_problems, new_context

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Every page that carries a figure, and the figure it carries.
FIGURE_PAGES = {
    "index.html": ".procesfiguur",
    "stappen/index.html": ".procesfiguur",
    "ambities/index.html": ".ambitiefiguur",
    "stappen/dialoog.html": ".stappenbalk",
    "ambities/langer-gebruiken.html": ".ambitiebalk",
}
PRIMARY = "rgb(27, 94, 32)"  # --md-primary-fg-color (toegankelijkheid.css)

# Runs in the page: number the figure's links in document order (data-fig), return their hrefs.
MARK_FIGURE_LINKS = """(sel) => [...document.querySelector(sel).querySelectorAll('a[href]')].map((a, i) => {
  a.dataset.fig = String(i);
  return a.href;
})"""

# Runs in the page: the box of each step of the process figure, its question's box and clipping.
STEP_BOXES = """() => [...document.querySelectorAll('.procesfiguur__stap')].map(li => {
  const r = li.getBoundingClientRect();
  const q = li.querySelector('.procesfiguur__vraag');
  const qr = q.getBoundingClientRect();
  const s = getComputedStyle(q);
  return {x: r.x + r.width / 2, y: r.y + r.height / 2, position: getComputedStyle(li).position,
          qx: qr.x + qr.width / 2, qy: qr.y + qr.height / 2, qw: qr.width, qh: qr.height,
          clipped: s.clipPath !== 'none', text: q.innerText};
})"""

# The ring's centre: half its width in from the left and from the top (the list is a little less
# tall than wide: nothing sits under the lowest step).
RING_CENTRE = """() => { const r = document.querySelector('.procesfiguur__stappen').getBoundingClientRect();
  return {x: r.x + r.width / 2, y: r.y + r.width / 2, w: r.width}; }"""

HINT_VISIBLE = "() => getComputedStyle(document.querySelector('.procesfiguur__midden')).visibility === 'visible'"


@pytest.fixture(scope="module")
def desktop(browser):
    ctx = new_context(browser, DESKTOP)
    yield ctx
    ctx.close()


@pytest.fixture
def page(desktop):
    p = desktop.new_page()
    yield p
    p.close()


@pytest.mark.parametrize("path", list(FIGURE_PAGES))
def test_every_figure_link_is_reached_by_tab_in_reading_order(page, base_url, path):
    page.goto(base_url + path)
    hrefs = page.evaluate(MARK_FIGURE_LINKS, FIGURE_PAGES[path])
    assert len(hrefs) >= 5
    reached, problems = [], []
    for _ in range(400):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS)
        if info is None:
            break
        index = page.evaluate("document.activeElement.dataset.fig ?? null")
        if index is not None:
            reached.append(int(index))
            problems += focus_problems(info, path)
        elif reached and len(reached) == len(hrefs):
            break
    assert reached == list(range(len(hrefs))), f"{path}: figure links reached in this order: {reached}"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", list(FIGURE_PAGES))
def test_every_figure_link_opens_its_page_with_enter(page, base_url, site, path):
    """Enter on each link starts the navigation to its target, which is a page of the site (with the
    anchor, if any). Each navigation is caught and answered "204 No Content", on which a browser
    stays on the page: the next link is tried without loading the page again."""
    page.goto(base_url + path)
    hrefs = page.evaluate(MARK_FIGURE_LINKS, FIGURE_PAGES[path])
    requested: list[str] = []

    def catch(route):
        if route.request.is_navigation_request():
            requested.append(route.request.url)
            route.fulfill(status=204)
        else:
            route.continue_()

    page.route("**/*", catch)
    for i, href in enumerate(hrefs):
        page.locator(f'[data-fig="{i}"]').focus()
        page.keyboard.press("Enter")
        for _ in range(40):
            if len(requested) > i:
                break
            page.wait_for_timeout(25)
        assert len(requested) == i + 1, f"{path}: Enter on link {i} ({href}) started no navigation"
        # The request carries no #anchor; the link's own href does (checked against the page below).
        assert urlsplit(requested[i]).path == urlsplit(href).path, f"{path}: link {i} went to {requested[i]}, not {href}"
    for href in hrefs:
        parts = urlsplit(href)
        file = site / parts.path.removeprefix(urlsplit(base_url).path)
        assert file.is_file(), f"{path}: {href} is no page of the site"
        if parts.fragment:
            assert f'id="{parts.fragment}"' in file.read_text(encoding="utf-8"), f"{path}: {href}: no such anchor"


def test_ring_on_wide_screens_clockwise_from_the_top(page, base_url):
    page.goto(base_url + "stappen/index.html")
    boxes = page.evaluate(STEP_BOXES)
    centre = page.evaluate(RING_CENTRE)
    assert all(b["position"] == "absolute" for b in boxes)
    # The angle of each step around the centre, clockwise from 12 o'clock.
    angles = [math.degrees(math.atan2(b["x"] - centre["x"], centre["y"] - b["y"])) % 360 for b in boxes]
    assert angles[0] < 1 or angles[0] > 359, angles
    assert angles == sorted(angles), angles
    spacing = 360 / len(STEPS)
    assert all(abs((b - a) - spacing) < 1 for a, b in zip(angles, angles[1:])), angles
    radii = [math.hypot(b["x"] - centre["x"], b["y"] - centre["y"]) for b in boxes]
    assert max(radii) - min(radii) < 2 and min(radii) > centre["w"] / 4
    # Nothing pointed at: every question clipped, the hint in the middle.
    assert all(b["clipped"] for b in boxes)
    assert page.evaluate(HINT_VISIBLE)


@pytest.mark.parametrize("how", ["focus", "hover"])
@pytest.mark.parametrize("script", [True, False], ids=["met-script", "zonder-script"])
def test_ring_shows_the_key_question_in_the_middle(browser, base_url, how, script):
    ctx = new_context(browser, DESKTOP) if script else browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = ctx.new_page()
    try:
        page.goto(base_url + "stappen/index.html")
        # The whole ring on screen (it fits at 900 px): the question's spot can be looked at.
        page.evaluate("document.querySelector('.procesfiguur__stappen').scrollIntoView({block: 'center'})")
        for i, step in enumerate(STEPS):
            link = page.locator(".procesfiguur__link").nth(i)
            if how == "focus":
                link.focus()
            else:
                link.hover()
            centre = page.evaluate(RING_CENTRE)
            boxes = page.evaluate(STEP_BOXES)
            shown = [j for j, b in enumerate(boxes) if not b["clipped"]]
            assert shown == [i], f"{how} on step {i + 1}: questions shown {shown}"
            box = boxes[i]
            assert math.hypot(box["qx"] - centre["x"], box["qy"] - centre["y"]) < 5
            assert box["qw"] > 150 and box["qh"] > 40
            assert step.entry.kernvraag in box["text"] and step.title in box["text"]
            assert not page.evaluate(HINT_VISIBLE)
            # The question is in the open, not under a step's card.
            covered = page.evaluate("""([x, y]) => document.elementFromPoint(x, y).closest('.procesfiguur__vraag') !== null""",
                                    [box["qx"], box["qy"]])
            assert covered
    finally:
        ctx.close()


@pytest.mark.parametrize("viewport,touch", [(PHONE, True), ({"width": 1024, "height": 768}, True), (PHONE, False)],
                         ids=["telefoon", "tablet-aanraken", "smal-venster"])
def test_without_hover_or_room_every_key_question_is_visible(browser, base_url, viewport, touch):
    ctx = browser.new_context(viewport=viewport, has_touch=touch, is_mobile=touch)
    page = ctx.new_page()
    try:
        for path in ("index.html", "stappen/index.html"):
            page.goto(base_url + path)
            boxes = page.evaluate(STEP_BOXES)
            assert len(boxes) == len(STEPS)
            for b, step in zip(boxes, STEPS):
                assert b["position"] != "absolute" and not b["clipped"] and b["qh"] > 10
                assert step.entry.kernvraag in b["text"]
            ys = [b["y"] for b in boxes]
            assert ys == sorted(ys), "steps not one under the other in order"
    finally:
        ctx.close()


def test_phone_width_has_no_horizontal_scroll_even_with_a_tip_open(browser, base_url):
    ctx = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = ctx.new_page()
    wide = "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    try:
        for path, sel in FIGURE_PAGES.items():
            page.goto(base_url + path)
            assert not page.evaluate(wide), f"{path}: horizontal scroll at 390 px"
            figure_box = page.locator(sel).bounding_box()
            assert figure_box["x"] >= 0 and figure_box["x"] + figure_box["width"] <= PHONE["width"]
            links = page.locator(f"{sel} a")
            for i in (0, links.count() - 1):  # the tips of the first and last circles reach the edges
                links.nth(i).focus()
                assert not page.evaluate(wide), f"{path}: horizontal scroll at 390 px with link {i} focused"
    finally:
        ctx.close()


@pytest.mark.parametrize("path", list(FIGURE_PAGES))
def test_figure_pages_pass_axe_at_phone_width_and_with_a_tip_open(browser, base_url, path):
    # Without transitions: focusing a link scrolls the page, and axe must not measure the header's
    # title half-way through its fade (a false 3.8:1 on a fading white).
    ctx = new_context(browser, PHONE)
    page = ctx.new_page()
    try:
        page.goto(base_url + path)
        lines = axe_lines(f"{path} at 390 px", Axe().run(page, options=AXE_OPTIONS).response["violations"])
        page.locator(f"{FIGURE_PAGES[path]} a").nth(1).focus()
        # Focus scrolls the page, and Material's header then fades its title into the page's topic
        # (on the next scroll events): axe must see the colours after the fade, not halfway.
        page.wait_for_timeout(200)
        page.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")
        lines += axe_lines(f"{path} at 390 px, second link focused",
                           Axe().run(page, options=AXE_OPTIONS).response["violations"])
        assert not lines, "\n".join(lines)
    finally:
        ctx.close()


@pytest.mark.parametrize("path", list(FIGURE_PAGES))
def test_figures_are_readable_in_the_dark_scheme(browser, base_url, path):
    """The site ships the light scheme only; the figures take every colour from the theme, so
    Material's dark scheme (slate) keeps them readable: axe on the figure, pointed at and focused."""
    ctx = new_context(browser, DESKTOP)
    page = ctx.new_page()
    try:
        page.goto(base_url + path)
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        sel = FIGURE_PAGES[path]
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
        lines = axe_lines(f"{path} (slate)", Axe().run(page, context=sel, options=AXE_OPTIONS).response["violations"])
        page.locator(f"{sel} a").nth(1).hover()
        page.locator(f"{sel} a").nth(2).focus()
        lines += axe_lines(f"{path} (slate, hover and focus)",
                           Axe().run(page, context=sel, options=AXE_OPTIONS).response["violations"])
        assert not lines, "\n".join(lines)
    finally:
        ctx.close()


@pytest.mark.parametrize("path", ["stappen/index.html", "ambities/index.html", "stappen/dialoog.html"])
def test_figures_print_in_the_theme_colours(browser, base_url, path):
    """On paper (the PDF prints without backgrounds) the numbers and letters keep their green fill,
    every key question is on the page and the tips stay out."""
    page = browser.new_page(viewport={"width": 794, "height": 1123})
    try:
        page.goto(base_url + path)
        sel = FIGURE_PAGES[path]
        page.locator(f"{sel} a").nth(1).focus()  # a tip would show on screen now
        page.emulate_media(media="print")
        assert page.locator(sel).is_visible()
        style = page.evaluate("""(sel) => { const e = document.querySelector(sel);
          const chip = e.querySelector('.procesfiguur__nr, .ambitiefiguur__letter, .is-huidig a');
          const s = getComputedStyle(chip);
          return {adjust: getComputedStyle(e).printColorAdjust, fill: s.backgroundColor, text: s.color}; }""", sel)
        assert style == {"adjust": "exact", "fill": PRIMARY, "text": "rgb(255, 255, 255)"}, style
        assert page.locator(".balk__tip:visible").count() == 0
        if path == "stappen/index.html":
            boxes = page.evaluate(STEP_BOXES)
            assert all(not b["clipped"] and b["position"] != "absolute" for b in boxes)
    finally:
        page.close()
