"""The practice examples (issue 11, section 5): pointers shown as pointers, and the filter by
care setting and by ambition, in a real browser, by keyboard, without JavaScript and from file://.

What each filter must show is worked out here from the YAML itself (an example belongs to the
ambitions it names and to the ambitions of the strategies it names), not from macros/render.py.
"""
from __future__ import annotations

import re

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from browser import PageWatch
from conftest import ROOT
from test_browser_pages import AXE_OPTIONS, axe_lines
from test_keyboard import DESKTOP, FOCUS, focus_problems, new_context

PAGE = "voorbeelden.html"
EXAMPLES = yaml.safe_load((ROOT / "data" / "voorbeelden.yml").read_text(encoding="utf-8"))
AMBITIONS = yaml.safe_load((ROOT / "data" / "ambities.yml").read_text(encoding="utf-8"))
PARENT = {s["id"]: a["id"] for a in AMBITIONS for s in a["strategieen"]}
ALL = {e["id"] for e in EXAMPLES}


def ambitions_of(example: dict) -> set[str]:
    return set(example.get("ambities", [])) | {PARENT[s] for s in example.get("strategieen", [])}


def expected(setting: str = "", ambition: str = "") -> set[str]:
    def fits(e):
        settings = e.get("voorzieningen") or ["niet-vermeld"]
        return (not setting or setting in settings) and (not ambition or ambition in ambitions_of(e))
    return {e["id"] for e in EXAMPLES if fits(e)}


SETTINGS = sorted({s for e in EXAMPLES for s in (e.get("voorzieningen") or ["niet-vermeld"])})
AMBITION_IDS = [a["id"] for a in AMBITIONS if expected(ambition=a["id"])]


@pytest.fixture
def page(browser):
    context = new_context(browser, DESKTOP)
    pg = context.new_page()
    pg.watch = PageWatch(pg)
    yield pg
    context.close()


def shown(page) -> set[str]:
    return set(page.eval_on_selector_all(".voorbeeld", "els => els.filter(e => e.checkVisibility()).map(e => e.querySelector('h2').id)"))


def toc_shown(page) -> set[str]:
    """Examples whose entry in the table of contents (desktop sidebar) is visible."""
    hrefs = page.eval_on_selector_all(".md-sidebar--secondary .md-nav__link",
                                      "els => els.filter(e => e.checkVisibility()).map(e => e.getAttribute('href'))")
    return {h[1:] for h in hrefs if h and h[1:] in ALL}


# --- the data and the page without a browser ---------------------------------------------


def test_the_data_gives_the_filter_something_to_do():
    assert len(SETTINGS) >= 2 and len(AMBITION_IDS) >= 2
    assert any(e["soort"] == "verwijzing" for e in EXAMPLES) and any(e["soort"] == "beschreven" for e in EXAMPLES)


def test_pointers_are_shown_as_pointers_and_after_the_described_examples(site):
    html = (site / PAGE).read_text(encoding="utf-8")
    order = re.findall(r'<div class="voorbeeld"[^>]*>\s*<h2 id="([^"]+)"', html)
    assert set(order) == ALL
    kinds = {e["id"]: e["soort"] for e in EXAMPLES}
    assert [kinds[i] for i in order] == sorted(kinds[i] for i in order)  # beschreven < verwijzing
    for block in re.findall(r'<div class="voorbeeld".*?</div>\s*(?=<div class="voorbeeld"|<h2)', html, re.S):
        example = re.search(r'<h2 id="([^"]+)"', block).group(1)
        pointer = kinds[example] == "verwijzing"
        assert ("<strong>Verwijzing:</strong>" in block) == pointer, example
        assert ("Bekijk het voorbeeld bij de bron" in block) == pointer, example
        assert ("Lees meer bij de bron" in block) == (not pointer), example


def test_an_example_without_organisation_shows_no_empty_line(site):
    """'Reduce en Reuse' is the title of an example in the guide, not an organisation."""
    example = next(e for e in EXAMPLES if e["id"] == "reduce-en-reuse")
    assert "organisatie" not in example
    html = (site / PAGE).read_text(encoding="utf-8")
    block = html[html.index('<h2 id="reduce-en-reuse"'):]
    block = block[:block.index("</div>")]
    assert "<em></em>" not in block and "Reduce en Reuse</em>" not in block


# --- in the browser ------------------------------------------------------------------------


@pytest.mark.parametrize("setting", SETTINGS)
def test_filter_by_setting(page, base_url, setting):
    page.goto(base_url + PAGE)
    assert page.is_visible("#vb-filter") and shown(page) == ALL
    page.select_option("#vb-voorziening", setting)
    want = expected(setting=setting)
    assert shown(page) == want
    assert toc_shown(page) == want
    assert page.url.endswith(f"?voorziening={setting}")
    assert page.inner_text("#vb-status").startswith(f"{len(want)} van de {len(ALL)} voorbeelden")
    assert not page.watch.console_errors, page.watch.console_errors


@pytest.mark.parametrize("ambition", AMBITION_IDS)
def test_filter_by_ambition(page, base_url, ambition):
    page.goto(base_url + PAGE)
    page.select_option("#vb-ambitie", ambition)
    assert shown(page) == expected(ambition=ambition)
    assert page.url.endswith(f"?ambitie={ambition}")


def test_both_filters_together_and_back_to_all(page, base_url):
    page.goto(base_url + PAGE)
    combos = [(s, a) for s in SETTINGS for a in AMBITION_IDS]
    empty = next((c for c in combos if not expected(*c)), None)
    some = next(c for c in combos if expected(*c) and expected(*c) != ALL)
    page.select_option("#vb-voorziening", some[0])
    page.select_option("#vb-ambitie", some[1])
    assert shown(page) == expected(*some)
    assert page.url.endswith(f"?voorziening={some[0]}&ambitie={some[1]}")
    if empty:
        page.select_option("#vb-voorziening", empty[0])
        page.select_option("#vb-ambitie", empty[1])
        assert shown(page) == set()
        assert page.inner_text("#vb-status").startswith("Geen voorbeelden")
    page.select_option("#vb-voorziening", "")
    page.select_option("#vb-ambitie", "")
    assert shown(page) == ALL and toc_shown(page) == ALL
    assert "?" not in page.url


def test_the_choice_comes_back_from_the_url(page, base_url):
    setting, ambition = SETTINGS[0], AMBITION_IDS[0]
    page.goto(f"{base_url}{PAGE}?voorziening={setting}&ambitie={ambition}")
    assert page.input_value("#vb-voorziening") == setting and page.input_value("#vb-ambitie") == ambition
    assert shown(page) == expected(setting, ambition)
    page.goto(f"{base_url}{PAGE}?voorziening=bestaat-niet")
    assert page.input_value("#vb-voorziening") == "" and shown(page) == ALL


def test_keyboard_only(page, base_url):
    """Tab to the filter, choose with the arrow keys, and see the focus at every stop."""
    page.goto(base_url + PAGE)
    problems = []
    for _ in range(200):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS)
        problems += focus_problems(info, "Tab")
        if page.evaluate("document.activeElement.id") == "vb-voorziening":
            break
    else:
        pytest.fail("Tab never reaches the filter")
    page.keyboard.press("ArrowDown")  # the first setting
    first = page.eval_on_selector("#vb-voorziening", "s => s.options[1].value")
    assert page.input_value("#vb-voorziening") == first
    assert shown(page) == expected(setting=first)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "vb-ambitie"
    problems += focus_problems(page.evaluate(FOCUS), "Tab")
    page.keyboard.press("ArrowDown")
    second = page.eval_on_selector("#vb-ambitie", "s => s.options[1].value")
    assert shown(page) == expected(first, second)
    assert not problems, problems


def test_filtered_page_passes_axe(page, base_url):
    page.goto(f"{base_url}{PAGE}?voorziening={SETTINGS[0]}")
    lines = axe_lines(f"{PAGE} filtered", Axe().run(page, options=AXE_OPTIONS).response["violations"])
    assert not lines, "\n".join(lines)


def test_without_javascript_every_example_and_the_overview(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(base_url + PAGE)
        assert not pg.is_visible("#vb-filter")
        assert shown(pg) == ALL
        # The overview after the examples names every example under each setting and ambition it has.
        items = pg.eval_on_selector_all("#overzicht ~ ul > li", "els => els.map(li => ["
                                        "li.textContent.split(': ')[0].trim(), "
                                        "[...li.querySelectorAll('a')].map(a => a.getAttribute('href').split('#')[1])])")
        groups = {label: set(ids) for label, ids in items}
        assert groups.get("Voorziening niet vermeld", set()) == expected(setting="niet-vermeld")
        for setting in SETTINGS:
            if setting != "niet-vermeld":
                assert groups[setting.capitalize()] == expected(setting=setting), setting
        for ambition in AMBITION_IDS:
            letter = next(a["letter"] for a in AMBITIONS if a["id"] == ambition)
            label = next(k for k in groups if k.startswith(f"{letter}. "))
            assert groups[label] == expected(ambition=ambition), ambition
    finally:
        context.close()


def test_works_from_file(page, site):
    root = site.resolve().as_uri() + "/"
    page.goto(f"{root}{PAGE}?voorziening={SETTINGS[0]}")
    assert shown(page) == expected(setting=SETTINGS[0])
    page.select_option("#vb-ambitie", AMBITION_IDS[0])
    assert shown(page) == expected(SETTINGS[0], AMBITION_IDS[0])
    outside = [u for u in page.watch.requests if not u.startswith(("file://", "data:"))]
    assert not outside, outside


def test_print_page_shows_every_example_without_the_form(page, base_url):
    page.goto(base_url + "afdrukken.html")
    # The print page prefixes a page's ids with the page's own (macros/afdrukken.py).
    assert page.locator("#voorbeelden-vb-filter").count() == 1 and not page.is_visible("#voorbeelden-vb-filter")
    assert {i.removeprefix("voorbeelden-") for i in shown(page)} == ALL
