"""The real site, built strictly from data/ and docs/: cross-links and back-links as a reader sees them."""
from __future__ import annotations

import re

import yaml

from conftest import ROOT, page_text
from browser import follow
from macros.catalog import load

CATALOG = load(ROOT / "data")


def html_of(site, item) -> str:
    return (site / item.page.replace(".md", ".html")).read_text(encoding="utf-8")


def section_of(html: str, anchor: str) -> str:
    """The HTML from the element with id=anchor up to the next heading of the same or a higher level."""
    match = re.search(rf'<h([1-6]) id="{re.escape(anchor)}"', html)
    assert match, anchor
    level = int(match.group(1))
    rest = html[match.end():]
    stop = re.search(rf"<h[1-{level}][ >]", rest)
    return rest[: stop.start()] if stop else rest


def test_every_entry_has_its_page_or_anchor(site):
    for item in CATALOG.items.values():
        html = html_of(site, item)
        if item.anchor:
            assert f'id="{item.anchor}"' in html, item.key


def test_pitfall_shows_its_resources_and_resources_show_it_back(site):
    resources = (site / "bronnen.html").read_text(encoding="utf-8")
    checked = 0
    for pitfall in CATALOG.all("valkuil"):
        page = html_of(site, pitfall)
        for resource in CATALOG.related(pitfall, "bron"):
            assert f'href="../bronnen.html#{resource.id}"' in page, (pitfall.id, resource.id)
            assert f'href="valkuilen/{pitfall.id}.html"' in section_of(resources, resource.id), (resource.id, pitfall.id)
            checked += 1
    assert checked >= 4


def test_relations_declared_in_yaml_appear_on_both_pages(site):
    """Read the YAML directly (not the catalog) so the test does not trust the code under test."""
    examples = yaml.safe_load((ROOT / "data" / "voorbeelden.yml").read_text(encoding="utf-8"))
    checked = 0
    for example in examples:
        for step_id in example.get("stappen", []):
            step_page = (site / "stappen" / f"{step_id}.html").read_text(encoding="utf-8")
            assert f'href="../voorbeelden.html#{example["id"]}"' in step_page, (step_id, example["id"])
            checked += 1
    assert checked >= 3


def test_step_pages_have_key_question_checklist_and_neighbours(site):
    steps = CATALOG.all("stap")
    assert len(steps) == 7
    for i, step in enumerate(steps):
        html = html_of(site, step)
        text = page_text(site / step.page.replace(".md", ".html"))
        assert step.entry.kernvraag.split()[0] in text
        assert html.count('class="task-list-control"') == len(step.entry.te_doen)
        if i + 1 < len(steps):
            assert f'href="{steps[i + 1].id}.html"' in html
        if i:
            assert f'href="{steps[i - 1].id}.html"' in html


def test_generated_pages_edit_their_yaml(site):
    for item in CATALOG.pages():
        html = html_of(site, item)
        assert re.search(rf'href="[^"]*/edit/main/data/{item.file.split("/")[-1]}"', html), item.key


def test_glossary_terms_get_tooltips(site):
    html = (site / follow(site, "valkuilen/greenwashing.html")).read_text(encoding="utf-8")
    assert re.search(r'<abbr title="[^"]+">(LCA|levenscyclusanalyse|ISO 14024)</abbr>', html, re.I)


def test_process_overview_lists_the_seven_steps_in_order(site):
    html = (site / "stappen" / "index.html").read_text(encoding="utf-8")
    positions = [html.find(f'href="{s.id}.html"') for s in CATALOG.all("stap")]
    assert all(p > 0 for p in positions) and positions == sorted(positions)
