"""The tools (issue 7) in a real browser, online and from file://, and the open-data files.

Expected plans are derived here from data/ through the catalog's relations (the rules
are restated below, not imported from macros/hulpmiddelen.py). The life-cycle cost tool has
its own file, tests/test_levensduurkost.py.
"""
from __future__ import annotations

import csv
import io
import json
import re

import jsonschema
import pytest
import yaml

from browser import PageWatch, follow
from conftest import ROOT, checked
from macros.catalog import load
from macros.model import ALGEMEEN, GENERAL_CRITERIA_PAGE, KINDS
from targets import page_carrying

CATALOG = load(ROOT / "data")
WIJZER = page_carrying("assets/javascripts/aankoopwijzer.js")  # moved only by a developer (tools/pagina.py FIXED)
# The other tools' pages by what they carry, wherever an editor moved them (tests/targets.py).
LK = page_carrying("assets/javascripts/levensduurkost.js")
OPEN_DATA = page_carrying("{{ open_data_documentatie() }}")


@pytest.fixture
def page(browser):
    context = browser.new_context()
    pg = context.new_page()
    pg.watch = PageWatch(pg)
    pg.failed = []
    pg.on("requestfailed", lambda r: pg.failed.append(r.url))
    yield pg
    context.close()


def keys(items) -> set[str]:
    return {f"{i.kind}:{i.id}" for i in items}


def visible(page, deel: str) -> set[str]:
    return set(page.eval_on_selector_all(
        f'#wijzer-plan [data-deel="{deel}"] [data-id]',
        "els => els.filter(e => e.checkVisibility()).map(e => e.dataset.id)"))


def no_third_party(watch: PageWatch, allowed: str) -> None:
    outside = [u for u in watch.requests if not (u.startswith(allowed) or u.startswith("data:"))]
    assert not outside, outside
    assert not watch.console_errors, watch.console_errors


# --- Aankoopwijzer -----------------------------------------------------------------


def expected_plan(theme_id: str | None, step_id: str | None) -> dict[str, set[str]]:
    """The plan as the page promises it, from the relations in data/.

    Product group: its strategies, its ambitions plus those strategies' ambitions, its
    pitfalls, examples and steps, and the resources of the group, its pitfalls and its
    strategies. Step: its pitfalls, examples and resources (its own and its pitfalls');
    its ambitions and strategies only when no product group is chosen.
    """
    rel = CATALOG.related
    plan = {k: set() for k in ("ambities", "valkuilen", "voorbeelden", "bronnen", "stappen")}
    if theme_id:
        theme = CATALOG.get("thema", theme_id)
        strategies = rel(theme, "strategie")
        pitfalls = rel(theme, "valkuil")
        plan["ambities"] |= keys(rel(theme, "ambitie")) | keys(strategies) | keys(s.parent for s in strategies)
        plan["valkuilen"] |= keys(pitfalls)
        plan["voorbeelden"] |= keys(rel(theme, "voorbeeld"))
        plan["stappen"] |= keys(rel(theme, "stap"))
        for source in [theme, *pitfalls, *strategies]:
            plan["bronnen"] |= keys(rel(source, "bron"))
    if step_id:
        step = CATALOG.get("stap", step_id)
        pitfalls = rel(step, "valkuil")
        if not theme_id:
            strategies = rel(step, "strategie")
            plan["ambities"] |= keys(rel(step, "ambitie")) | keys(strategies) | keys(s.parent for s in strategies)
        plan["valkuilen"] |= keys(pitfalls)
        plan["voorbeelden"] |= keys(rel(step, "voorbeeld"))
        for source in [step, *pitfalls]:
            plan["bronnen"] |= keys(rel(source, "bron"))
    return plan


def check_plan(page, theme_id, step_id) -> None:
    want = expected_plan(theme_id, step_id)
    for deel in ("ambities", "valkuilen", "voorbeelden", "bronnen"):
        assert visible(page, deel) == want[deel], (theme_id, step_id, deel)
    if theme_id:
        assert visible(page, "stappen") == want["stappen"]
    # Questions: the chosen step's own, and the evidence to ask for each pitfall in the plan.
    pitfalls_with_evidence = {k for k in want["valkuilen"] if CATALOG.get(*k.split(":")).entry.bewijs}
    assert visible(page, "vragen") == ({f"stap:{step_id}"} if step_id else set()) | pitfalls_with_evidence
    assert visible(page, "stap") == ({f"stap:{step_id}"} if step_id else set())


def richness(theme_id: str) -> tuple:
    """How much a group's plan has to compare: kinds of its own (pitfalls, examples, resources), then size."""
    plan = expected_plan(theme_id, None)
    own = [plan[k] for k in ("valkuilen", "voorbeelden", "bronnen")]
    return (sum(bool(x) for x in own), sum(len(v) for v in plan.values()))


# The five product groups with the richest plans, picked from data/ (not named: an editor may rename one).
THEMES = sorted((t.id for t in CATALOG.all("thema")), key=lambda t: (tuple(-x for x in richness(t)), t))[:5]
STEP_IDS = [s.id for s in CATALOG.all("stap")]


def test_themes_under_test_have_content():
    """Guards the test below: the chosen groups must give non-empty plans to compare."""
    plans = [expected_plan(t, None) for t in THEMES]
    assert sum(bool(p["valkuilen"]) for p in plans) >= 3
    assert sum(bool(p["bronnen"]) for p in plans) >= 3
    assert all(p["ambities"] for p in plans)


def test_picking_a_product_group_shows_its_plan(page, base_url):
    page.goto(base_url + WIJZER)
    for theme_id in THEMES:
        page.select_option("#wijzer-thema", theme_id)
        check_plan(page, theme_id, None)
        assert f"?thema={theme_id}" in page.url
        status = page.inner_text("#wijzer-status")
        assert CATALOG.get("thema", theme_id).title in status
    no_third_party(page.watch, base_url)


@pytest.mark.parametrize("theme_id,step_id", [(THEMES[0], STEP_IDS[len(STEP_IDS) // 2]),
                                              (THEMES[1], STEP_IDS[1]), (None, STEP_IDS[-2])])
def test_group_and_step_from_the_url(page, base_url, theme_id, step_id):
    query = "&".join(f"{k}={v}" for k, v in (("thema", theme_id), ("stap", step_id)) if v)
    page.goto(f"{base_url}{WIJZER}?{query}")
    assert page.input_value("#wijzer-thema") == (theme_id or "")
    assert page.input_value("#wijzer-stap") == step_id
    check_plan(page, theme_id, step_id)


def test_url_round_trips_the_state(page, browser, base_url):
    page.goto(base_url + WIJZER)
    assert not page.is_visible("#wijzer-plan [data-deel='ambities']")  # nothing chosen yet
    page.select_option("#wijzer-thema", "chirurgisch-materiaal")
    page.select_option("#wijzer-stap", "specificeren")
    url = page.url
    assert re.search(r"\?thema=chirurgisch-materiaal&stap=specificeren$", url)
    shared = page.get_attribute("#wijzer-link", "href")
    assert shared.endswith("aankoopwijzer.html?thema=chirurgisch-materiaal&stap=specificeren")
    before = {d: visible(page, d) for d in ("ambities", "vragen", "valkuilen", "bronnen")}
    other = browser.new_page()
    try:
        other.goto(url)
        assert other.input_value("#wijzer-thema") == "chirurgisch-materiaal"
        assert other.input_value("#wijzer-stap") == "specificeren"
        assert {d: visible(other, d) for d in before} == before
    finally:
        other.close()
    # Clearing both choices empties the plan and the query string.
    page.select_option("#wijzer-thema", "")
    page.select_option("#wijzer-stap", "")
    assert "?" not in page.url
    assert not page.is_visible("#wijzer-plan [data-deel='valkuilen']")


def test_unknown_choice_in_the_url_is_named_not_shown(page, base_url):
    page.goto(base_url + WIJZER + f"?thema=bestaat-niet&stap={STEP_IDS[1]}")
    assert "bestaat-niet" in page.inner_text("#wijzer-status")
    assert page.input_value("#wijzer-thema") == ""
    check_plan(page, None, STEP_IDS[1])


def test_a_long_value_in_the_url_is_shown_short_and_as_text(page, base_url):
    """Anyone can write a link: the page quotes at most 40 characters of an unknown value, as text."""
    message = "Bel-dringend-0800-00000-uw-account-is-geblokkeerd-" * 20 + "<b>vet</b>"
    page.goto(base_url + WIJZER + "?thema=" + message)
    status = page.inner_text("#wijzer-status")
    assert f"'{message[:40]}…'" in status
    assert "geblokkeerd-Bel" not in status and "<b>" not in status
    assert page.locator("#wijzer-status b").count() == 0


def test_keyboard_only(page, base_url):
    page.goto(base_url + WIJZER)
    page.focus("#wijzer-thema")
    page.keyboard.press("ArrowDown")  # first product group
    first = CATALOG.all("thema")[0].id
    assert page.input_value("#wijzer-thema") == first
    check_plan(page, first, None)


def test_without_javascript_the_guide_links_every_group(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(base_url + WIJZER)
        assert not pg.is_visible("#wijzer-keuze")
        for theme in CATALOG.all("thema"):
            assert pg.is_visible(f'article a[href="../themas/{theme.id}.html"]'), theme.id
    finally:
        context.close()


def test_plan_prints_without_the_form(page, base_url):
    page.goto(base_url + WIJZER + "?thema=wegwerpartikelen")
    page.emulate_media(media="print")
    assert not page.is_visible("#wijzer-keuze")
    assert page.is_visible("#wijzer-plan [data-deel='valkuilen']")


# --- checklists --------------------------------------------------------------------


def click_box(page, selector: str, index: int) -> None:
    """Click where the reader sees the box: Material draws it over the invisible input."""
    target = page.locator(selector).nth(index)
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def ticks(page, checklist: str) -> list[bool]:
    return page.eval_on_selector_all(f'[data-checklist="{checklist}"] input[type=checkbox]', "els => els.map(e => e.checked)")


def test_checklist_ticks_survive_a_reload_and_reset_clears(page, base_url):
    step = CATALOG.all("stap")[0]
    page.goto(f"{base_url}stappen/{step.id}.html")
    boxes = page.locator(f'[data-checklist="{step.id}"] input[type=checkbox]')
    assert boxes.count() == len(step.entry.te_doen)
    assert all(not d for d in boxes.evaluate_all("els => els.map(e => e.disabled)"))
    # Every box is named by its line, for screen readers.
    first_name = boxes.first.evaluate(
        "e => e.getAttribute('aria-label') || document.getElementById(e.getAttribute('aria-labelledby')).textContent")
    assert first_name.split()[:3] == step.entry.te_doen[0].split()[:3]
    # Tick by mouse (the drawn box) and by keyboard.
    click_box(page, f'[data-checklist="{step.id}"] input[type=checkbox]', 0)
    boxes.nth(2).focus()
    page.keyboard.press("Space")
    expected = [i in (0, 2) for i in range(boxes.count())]
    assert ticks(page, step.id) == expected
    assert f"2 van {boxes.count()} afgevinkt" in page.inner_text(f'[data-checklist="{step.id}"] .afvink-voortgang')
    page.reload()
    assert ticks(page, step.id) == expected
    # Each list keeps its own ticks: another step is untouched.
    other = CATALOG.all("stap")[1]
    page.goto(f"{base_url}stappen/{other.id}.html")
    assert not any(ticks(page, other.id))
    page.goto(f"{base_url}stappen/{step.id}.html")
    page.click(f'[data-checklist="{step.id}"] .afvink-wissen')
    assert not any(ticks(page, step.id))
    page.reload()
    assert not any(ticks(page, step.id))
    no_third_party(page.watch, base_url)


def test_pitfall_checklist_is_tickable_and_prints_its_ticks(page, base_url):
    pitfall = CATALOG.all("valkuil")[0]
    page.goto(f"{base_url}valkuilen/{pitfall.id}.html")
    key = f"valkuil-{pitfall.id}"
    click_box(page, f'[data-checklist="{key}"] input[type=checkbox]', 0)
    page.reload()
    assert ticks(page, key)[0] is True
    page.emulate_media(media="print")
    adjust = page.eval_on_selector(f'[data-checklist="{key}"] .task-list-indicator',
                                   "e => getComputedStyle(e, '::before').printColorAdjust")
    assert adjust == "exact"
    assert not page.is_visible(f'[data-checklist="{key}"] .afvink-wissen')


# --- Levensduurkost: tests/test_levensduurkost.py -------------------------------------------


# --- from file:// (the offline bundle) ------------------------------------------------


def test_tools_work_from_file(page, site):
    root = site.resolve().as_uri() + "/"
    first, second, step_id = THEMES[1], THEMES[-1], STEP_IDS[1]
    page.goto(root + WIJZER + f"?thema={first}&stap={step_id}")
    check_plan(page, first, step_id)
    page.select_option("#wijzer-thema", second)
    check_plan(page, second, step_id)
    assert page.get_attribute("#wijzer-link", "href").endswith(f"?thema={second}&stap={step_id}")

    step = CATALOG.all("stap")[-1]
    page.goto(f"{root}stappen/{step.id}.html")
    click_box(page, f'[data-checklist="{step.id}"] input[type=checkbox]', 1)
    page.reload()
    assert ticks(page, step.id)[1] is True
    page.click(f'[data-checklist="{step.id}"] .afvink-wissen')

    page.goto(root + LK)
    page.click("#lk-vul-voorbeeld")
    page.click("#lk-formulier button[type=submit]")
    # The worked example at 5 % (tests/test_levensduurkost.py works it out by hand).
    assert page.inner_text('#lk-uitkomst td[data-optie="1"][data-rij="totaal"]').replace("\xa0", " ") == "€ 2.411,25"
    outside = [u for u in page.watch.requests if not u.startswith(("file://", "data:"))]
    assert not outside, outside
    # The site's search index is only bundled by the offline build (tools/offline.py); in this
    # plain build opened from file:// its loader fails, and so does Material's fetch of sitemap.xml
    # beside the feed link (the bundle has no feed link: overrides/main.html). Neither is a tool's
    # error: ignore those only.
    theirs = [u for u in page.failed if "/search/" in u or u == root + "sitemap.xml"]
    assert page.failed == theirs, page.failed
    search = [u for u in theirs if "/search/" in u]
    sitemap = len(theirs) - len(search)
    errors = [e for e in page.watch.console_errors if "search_index" not in e and "sitemap.xml" not in e]
    # What is left: one "failed to load" per refused file (the index: not found; the sitemap: refused).
    assert sorted(set(errors)) <= ["Failed to load resource: net::ERR_FAILED", "Failed to load resource: net::ERR_FILE_NOT_FOUND"]
    assert errors.count("Failed to load resource: net::ERR_FILE_NOT_FOUND") <= len(search), errors
    assert errors.count("Failed to load resource: net::ERR_FAILED") <= sitemap, errors


# --- open data ------------------------------------------------------------------------


def yaml_ids() -> dict[str, set[str]]:
    """Every id in data/, read from the YAML itself (strategies nest in ambities.yml)."""
    out = {}
    for kind in KINDS.values():
        if kind.file:
            out[kind.name] = {e["id"] for e in yaml.safe_load((ROOT / "data" / kind.file).read_text(encoding="utf-8"))}
    ambitions = yaml.safe_load((ROOT / "data" / "ambities.yml").read_text(encoding="utf-8"))
    out["strategie"] = {s["id"] for a in ambitions for s in a["strategieen"]}
    out["criterium"] = {e["id"] for _, e in criteria_entries()}
    return out


def criteria_entries() -> list[tuple[str, dict]]:
    """(file name without .yml, entry) for every criterion in data/criteria/, read from the YAML itself."""
    return [(path.stem, e) for path in sorted((ROOT / "data" / "criteria").glob("*.yml"))
            for e in yaml.safe_load(path.read_text(encoding="utf-8")) or []]


COLLECTION = {"stap": "stappen", "ambitie": "ambities", "strategie": "strategieen", "valkuil": "valkuilen",
              "voorbeeld": "voorbeelden", "bron": "bronnen", "begrip": "begrippen", "thema": "themas",
              "regel": "regels", "criterium": "criteria"}


def open_json(site, name: str) -> dict:
    return json.loads((site / "open-data" / name).read_text(encoding="utf-8"))


def test_open_data_files_validate_and_hold_every_id(site):
    ids = yaml_ids()
    assert set(ids) == set(COLLECTION)
    records = 0
    for kind, coll in COLLECTION.items():
        doc = open_json(site, f"{coll}.json")
        records += len(doc["items"])
        schema = open_json(site, f"{coll}.schema.json")
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator, format_checker=jsonschema.FormatChecker())
        assert doc["schema"] == f"{coll}.schema.json"
        assert {i["id"] for i in doc["items"]} == ids[kind], coll
        assert doc["aantal"] == len(ids[kind])
        assert doc["licentie"]["naam"] == "CC BY 4.0"
        assert re.match(r"^\d{4}-\d{2}-\d{2}$", doc["editie"]["datum"]) and doc["editie"]["versie"]
        # CSV: same ids, same columns as the JSON records, list cells one element per line.
        raw = (site / "open-data" / f"{coll}.csv").read_text(encoding="utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(raw)))
        assert [r["id"] for r in rows] == [i["id"] for i in doc["items"]]
        assert list(rows[0]) == list(doc["items"][0])
        for row, item in zip(rows, doc["items"]):
            for field, value in item.items():
                if isinstance(value, list):
                    assert (row[field].split("\n") if row[field] else []) == value, (coll, item["id"], field)
    checked(f"open data: {len(COLLECTION)} verzamelingen, {records} records gevalideerd tegen hun JSON Schema")
    assert records >= len(COLLECTION)


def test_open_data_schema_rejects_a_broken_record(site):
    doc = open_json(site, "valkuilen.json")
    schema = open_json(site, "valkuilen.schema.json")
    broken = json.loads(json.dumps(doc))
    del broken["items"][0]["id"]
    broken["items"][1]["onbekend"] = 1
    broken["items"][2]["bronnen"] = "geen lijst"
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(broken))
    assert len(errors) == 3


def test_open_data_relations_resolve_both_ways(site):
    """Every relation declared in the YAML shows on both records."""
    records = {kind: {i["id"]: i for i in open_json(site, f"{coll}.json")["items"]} for kind, coll in COLLECTION.items()}
    ref_kinds = {"stappen": "stap", "ambities": "ambitie", "strategieen": "strategie", "valkuilen": "valkuil",
                 "voorbeelden": "voorbeeld", "bronnen": "bron", "themas": "thema", "zie_ook": "begrip"}
    checked = 0
    for kind in KINDS.values():
        if not kind.file:
            continue
        entries = yaml.safe_load((ROOT / "data" / kind.file).read_text(encoding="utf-8"))
        sources = [(kind.name, e) for e in entries]
        if kind.name == "ambitie":
            sources += [("strategie", s) for e in entries for s in e["strategieen"]]
        if kind.name == "stap":
            sources += [("criterium", e) for _, e in criteria_entries()]
        for source_kind, entry in sources:
            for field, target_kind in ref_kinds.items():
                refs = entry.get(field, [])
                if not isinstance(refs, list) or (source_kind == "ambitie" and field == "strategieen"):
                    continue
                for ref in refs:
                    assert ref in records[source_kind][entry["id"]][COLLECTION[target_kind]], (entry["id"], ref)
                    assert entry["id"] in records[target_kind][ref][COLLECTION[source_kind]], (ref, entry["id"])
                    checked += 1
    assert checked >= 50
    # Strategies name their ambition, and the ambition lists them.
    for sid, strategy in records["strategie"].items():
        assert sid in records["ambitie"][strategy["ambitie"]]["strategieen"]


def test_open_data_criteria_carry_their_group_source_and_permalink(site):
    """A criterion's `url` is its anchor on its product group's page (or on the page of the model
    clauses for every group), and that anchor exists in the built page."""
    records = {r["id"]: r for r in open_json(site, "criteria.json")["items"]}
    entries = criteria_entries()
    assert len(records) == len(entries) > 0
    pages = {}
    for group, entry in entries:
        rec = records[entry["id"]]
        assert rec["productgroep"] == group and rec["bron"] == entry["bron"] and rec["bron"] in rec["bronnen"]
        path, anchor = rec["url"].split("#")
        assert anchor == entry["id"]
        expected = GENERAL_CRITERIA_PAGE.replace(".md", ".html") if group == ALGEMEEN else f"themas/{group}.html"
        assert path == expected or path.endswith("/" + expected), (entry["id"], path)
        html = pages.setdefault(expected, (site / expected).read_text(encoding="utf-8"))
        assert f'id="{anchor}"' in html, (expected, anchor)
        assert (group == ALGEMEEN) == (rec["themas"] == []), entry["id"]
    checked(f"open data: {len(records)} criteria met een vaste link naar hun anker nagekeken")


def test_open_data_package_and_page_document_every_file_and_field(site):
    package = open_json(site, "datapackage.json")
    paths = {r["path"] for r in package["resources"]}
    for coll in COLLECTION.values():
        assert {f"{coll}.json", f"{coll}.csv"} <= paths
    for resource in package["resources"]:
        assert (site / "open-data" / resource["path"]).is_file()
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    page = (site / OPEN_DATA).read_text(encoding="utf-8")
    up = "../" * OPEN_DATA.count("/")
    for coll in COLLECTION.values():
        for suffix in (".json", ".csv", ".schema.json"):
            assert f'href="{up}open-data/{coll}{suffix}"' in page
        section = page.split(f'id="velden-{coll}"', 1)[1].split("</table>", 1)[0]
        for field in open_json(site, f"{coll}.json")["items"][0]:
            assert f"<code>{field}</code>" in section, (coll, field)


def test_tools_are_in_the_navigation_and_linked_from_home(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    for target in (WIJZER, LK, OPEN_DATA):
        assert f'href="{target}"' in home
    pitfall = (site / LK).read_text(encoding="utf-8")
    assert f'href="{"../" * LK.count("/")}{follow(site, "valkuilen/aankoopprijs.html")}"' in pitfall


def test_open_data_keeps_each_entry_s_own_address_and_the_link_check_day(site):
    """`url` is the page on the site; a resource's link and a rule's official text are `webadres`;
    a resource's `link_goed_bevonden` is the day in data/linkcontrole.json, or empty."""
    checked = json.loads((ROOT / "data" / "linkcontrole.json").read_text(encoding="utf-8"))["adressen"]
    for kind, coll in (("bron", "bronnen"), ("regel", "regels")):
        records = {r["id"]: r for r in open_json(site, f"{coll}.json")["items"]}
        for item in CATALOG.all(kind):
            rec = records[item.id]
            assert rec["webadres"] == item.entry.url, item.key
            assert rec["url"].endswith(item.target.replace(".md", ".html")), item.key
            if kind == "bron":
                assert rec["link_goed_bevonden"] == checked.get(item.entry.url), item.key
