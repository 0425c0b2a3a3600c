"""Criteria for a bestek (issue 24): one file per product group in data/criteria/, checked like every
other kind, rendered on the product group's page with an anchor per criterion, linked both ways."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import ENV, ROOT, html_text, mkdocs_build, page_text
from macros.catalog import load
from macros.errors import DataError
from macros.model import ALGEMEEN, CRITERIUM_SOORTEN, GENERAL_CRITERIA_PAGE, NIVEAUS, PRODUCT_GROUP_ANCHORS

CRITERIA = ROOT / "data" / "criteria"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load(data_dir)
    return [str(p) for p in info.value.problems]


def only(data_dir: Path) -> str:
    found = problems(data_dir)
    assert len(found) == 1, found
    return found[0]


def line_of(path: Path, needle: str) -> int:
    return next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if needle in t)


# --- the data layer, on the fixtures ---------------------------------------------------------


def test_fixture_criteria_load_with_their_group_page_and_anchor(data_dir):
    catalog = load(data_dir)
    items = {i.id: i for i in catalog.all("criterium")}
    assert len(items) == 5
    assert items["textiel-vezels"].target == "themas/textiel.md#textiel-vezels"
    assert items["textiel-vezels"].parent is catalog.get("thema", "textiel")
    assert items["herstel-onderdelen"].group == ALGEMEEN and items["herstel-onderdelen"].target == GENERAL_CRITERIA_PAGE + "#herstel-onderdelen"
    # Declared on the criterion, shown on both sides: strategy, step, rule, resource and the group itself.
    vezels = items["textiel-vezels"]
    for kind, other in (("strategie", "delen"), ("stap", "eerste"), ("regel", "regel-een"), ("bron", "tool"), ("thema", "textiel")):
        assert vezels in catalog.related(catalog.get(kind, other), "criterium"), (kind, other)
        assert catalog.get(kind, other) in catalog.related(vezels, kind), (kind, other)


def test_file_named_after_no_theme_names_the_file_and_the_fix(data_dir):
    (data_dir / "criteria" / "textiel.yml").rename(data_dir / "criteria" / "textil.yml")
    msg = only(data_dir)
    assert msg.startswith("data/criteria/textil.yml, regel 1: er bestaat geen productgroep met id 'textil'. "
                          "Bedoelde je 'textiel.yml'?"), msg
    assert "data/themas.yml" in msg and "hernoem het bestand" in msg and "data/criteria/algemeen.yml" in msg


def test_other_files_in_the_folder_are_not_silently_left_out(data_dir):
    (data_dir / "criteria" / "textiel.yml").rename(data_dir / "criteria" / "textiel.yaml")
    msg = only(data_dir)
    assert msg.startswith("data/criteria/textiel.yaml: in data/criteria/ horen alleen .yml-bestanden"), msg
    assert "'textiel.yml'" in msg


def test_duplicate_id_across_files_names_both_files(data_dir):
    edit(data_dir / "criteria" / "textiel.yml", "- id: textiel-vezels\n", "- id: herstel-onderdelen\n")
    msg = only(data_dir)
    assert msg.startswith("data/criteria/textiel.yml, regel 1, item 'herstel-onderdelen' (nr. 1), veld 'id': "), msg
    assert "al gebruikt (in data/criteria/algemeen.yml, regel 1)" in msg


@pytest.mark.parametrize("old,new,field,says", [
    ("  bron: tool\n  bronnummer: TS1\n", "  bronnummer: TS1\n", "bron", "dit verplichte veld ontbreekt"),
    ("  bronnummer: TS1\n", "", "bronnummer", "dit verplichte veld ontbreekt"),
    ("  bron: tool\n  bronnummer: TS1", "  bron: tol\n  bronnummer: TS1", "bron", "onbekende bron 'tol'. Bedoelde je 'tool'?"),
    ("  strategieen: [delen]\n  stappen: [eerste]", "  strategieen: [delne]\n  stappen: [eerste]", "strategieen",
     "onbekende strategie 'delne'. Bedoelde je 'delen'?"),
    ("  stappen: [eerste]\n  bewijs: Een verklaring", "  stappen: [eerst]\n  bewijs: Een verklaring", "stappen",
     "onbekende stap 'eerst'. Bedoelde je 'eerste'?"),
    ("  regels: [regel-een]", "  regels: [regel-twee]", "regels", "onbekende regel 'regel-twee'. Bedoelde je 'regel-een'?"),
    ("  soort: technische-specificatie\n  niveau: basis", "  soort: technische specificatie\n  niveau: basis", "soort",
     "'selectiecriterium', 'technische-specificatie', 'gunningscriterium' of 'uitvoeringsvoorwaarde'"),
    ("  niveau: basis\n  tekst: >-\n    Minstens", "  niveau: eenvoudig\n  tekst: >-\n    Minstens", "niveau",
     "'basis', 'gevorderd' of 'koploper'"),
    ("  versie: 1\n  datum: 2026-12-07\n\n- id: textiel-ervaring", "  versie: 0\n  datum: 2026-12-07\n\n- id: textiel-ervaring",
     "versie", "buiten het toegelaten bereik"),
    ("  datum: 2026-12-07\n\n- id: textiel-ervaring", "  datum: 2026-12-32\n\n- id: textiel-ervaring", "datum",
     "de datum 2026-12-32 bestaat niet"),
    ("  waarom: Gerecycleerde vezels", "  waarom: <b>Gerecycleerde</b> vezels", "waarom", "bevat HTML"),
    ("  bewijs: Een verklaring van de inschrijver.\n  controle: De aankoper leest",
     "  bewijs: 'Een verklaring {: onclick=x }'\n  controle: De aankoper leest", "bewijs", "accolades"),
    ("  bron: tool\n  bronnummer: TS1", "  bron: tool\n  bronnummer: TS1\n  bronlink: javascript:alert(1)", "bronlink",
     "geen volledig webadres"),
    ("  titel: Gerecycleerde vezels", "  titel: Gerecycleerde <vezels>", "titel", "bevat '<' of '>'"),
])
def test_a_bad_field_names_file_line_entry_field_and_fix(data_dir, old, new, field, says):
    path = data_dir / "criteria" / "textiel.yml"
    edit(path, old, new)
    msg = only(data_dir)
    assert msg.startswith("data/criteria/textiel.yml, regel "), msg
    assert "item 'textiel-vezels' (nr. 1)" in msg and f"veld '{field}'" in msg and says in msg, msg


@pytest.mark.parametrize("clause,says", [
    ("Minstens [percentage % is gerecycleerd.", "heeft een '[' die niet gesloten wordt"),
    ("Minstens percentage] % is gerecycleerd.", "heeft een ']' zonder '[' ervoor"),
    ("Minstens [] % is gerecycleerd.", "heeft een leeg invulveld"),
    ("Minstens [  ] % is gerecycleerd.", "heeft een leeg invulveld"),
    ("Zie [de bron](https://example.org/x) voor het percentage.", "wordt het een link"),
    ("Zie [de bron][1] voor het percentage.", "wordt het een link"),
    ("Minstens [het [percentage] dat] % is gerecycleerd.", "binnen een ander invulveld"),
    ("Minstens [" + "p" * 61 + "] % is gerecycleerd.", "van 61 tekens"),
    ("Zie [XSS](javascript:alert(1)).", "Alleen webadressen"),
])
def test_placeholders_are_checked(data_dir, clause, says):
    path = data_dir / "criteria" / "textiel.yml"
    edit(path, "    Minstens [percentage] % van het gewicht van de vezels in [de producten] is gerecycleerd.", f"    {clause}")
    msg = only(data_dir)
    assert msg.startswith("data/criteria/textiel.yml, regel 5, item 'textiel-vezels' (nr. 1), veld 'tekst': "), msg
    assert says in msg, msg


def test_a_good_clause_keeps_its_placeholders(data_dir):
    catalog = load(data_dir)
    assert "[percentage] %" in catalog.get("criterium", "textiel-vezels").entry.tekst


def test_a_theme_label_must_be_a_label(data_dir):
    edit(data_dir / "themas.yml", "  beschrijving: Linnen en werkkledij.\n",
         "  beschrijving: Linnen en werkkledij.\n  labels: [label, tool]\n  aliassen: [linnen, OK-textiel]\n")
    msg = only(data_dir)
    assert msg.startswith("data/themas.yml, regel 4, item 'textiel', veld 'labels': 'tool' is een hulpbron van soort "
                          "'criteriatool', geen label."), msg


def test_a_criterion_cannot_take_the_anchor_of_a_section(data_dir):
    edit(data_dir / "criteria" / "textiel.yml", "- id: textiel-vezels\n", "- id: labels\n")
    msg = only(data_dir)
    assert msg.startswith("data/criteria/textiel.yml, regel 1, item 'labels', veld 'id': de id 'labels' is ook de naam "
                          "van een onderdeel"), msg
    assert "'textiel-labels'" in msg
    assert "labels" in PRODUCT_GROUP_ANCHORS


def test_the_model_clauses_need_their_page(fixture_project, tmp_path):
    (fixture_project / "docs" / GENERAL_CRITERIA_PAGE).unlink()
    proc = mkdocs_build(fixture_project, tmp_path / "site")
    assert proc.returncode != 0
    assert (f"data/criteria/algemeen.yml: de pagina docs/{GENERAL_CRITERIA_PAGE} ontbreekt. Daar staan de clausules voor "
            "elke productgroep") in proc.stderr, proc.stderr[-2000:]


def test_a_link_to_a_criterion_resolves_and_an_unknown_one_is_named(data_dir):
    edit(data_dir / "themas.yml", "Linnen en werkkledij.", "Linnen, zie [vezels](criterium:textiel-vezels).")
    catalog = load(data_dir)
    assert catalog.get("criterium", "textiel-vezels") in catalog.related(catalog.get("thema", "textiel"), "criterium")
    edit(data_dir / "themas.yml", "(criterium:textiel-vezels)", "(criterium:textiel-vezel)")
    msg = only(data_dir)
    assert "veld 'beschrijving'" in msg and "onbekend criterium 'textiel-vezel'. Bedoelde je 'textiel-vezels'?" in msg, msg
    assert "data/criteria/<productgroep>.yml" in msg


def test_a_change_note_can_name_a_criterion(data_dir):
    from macros.wijzigingen import load as load_notes

    note = ("- id: nieuw-criterium\n  datum: 2026-12-01\n  titel: Nieuw criterium\n  wat: Een criterium erbij.\n"
            "  waarom: Een nieuwe bron.\n  items: [criterium:textiel-vezels]\n")
    (data_dir / "wijzigingen.yml").write_text(note, encoding="utf-8")
    import datetime as dt

    changelog = load_notes(data_dir, load(data_dir), {}, today=dt.date(2026, 12, 7))
    [target] = changelog.notes[0].targets
    assert (target.page, target.anchor, target.title) == ("themas/textiel.md", "textiel-vezels", "Gerecycleerde vezels (criterium)")
    (data_dir / "wijzigingen.yml").write_text(note.replace("textiel-vezels", "textiel-vezel"), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_notes(data_dir, load(data_dir), {}, today=dt.date(2026, 12, 7))
    assert "onbekend criterium 'textiel-vezel'" in str(info.value)


def test_the_quick_check_counts_criteria_and_explains_a_broken_file_in_dutch(data_dir):
    ok = subprocess.run([sys.executable, "-m", "macros", str(data_dir)], cwd=ROOT, capture_output=True, text=True, env=ENV, timeout=60)
    assert ok.returncode == 0 and "5 criterium" in ok.stdout, ok.stdout + ok.stderr
    (data_dir / "criteria" / "textiel.yml").write_text("- id: x\n  titel: 'niet gesloten\n", encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "macros", str(data_dir)], cwd=ROOT, capture_output=True, text=True, env=ENV, timeout=60)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr, bad.stderr
    assert "data/criteria/textiel.yml, regel 2" in bad.stderr and "YAML-syntaxfout" in bad.stderr, bad.stderr


# --- the pages, on the fixture site -------------------------------------------------------------


@pytest.fixture
def fixture_site(fixture_project, tmp_path) -> Path:
    edit(fixture_project / "data" / "themas.yml", "  beschrijving: Linnen en werkkledij.\n",
         "  beschrijving: Linnen en werkkledij.\n  aliassen: [lakens, OK-textiel]\n  labels: [label]\n"
         "  zwaartepunten: De productie weegt het zwaarst.\n  levensduurkost: Tel het wassen mee.\n")
    site = tmp_path / "site"
    proc = mkdocs_build(fixture_project, site)
    assert proc.returncode == 0, proc.stderr
    return site


def test_group_page_shows_every_criterion_by_type_with_its_anchor_and_placeholders(fixture_site):
    html = (fixture_site / "themas" / "textiel.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h([34]) id="([^"]+)"', html)
    # By type in the order a bestek is built, each criterion under its type, with its id as anchor.
    assert headings[:8] == [("3", "selectiecriteria"), ("4", "textiel-ervaring"), ("3", "technische-specificaties"),
                            ("4", "textiel-vezels"), ("3", "gunningscriteria"), ("4", "textiel-levensduur"),
                            ("3", "uitvoeringsvoorwaarden"), ("4", "textiel-terugname")], headings
    assert '<span class="invulveld">[percentage]</span> % van het gewicht' in html
    assert '<span class="invulveld">[de producten]</span>' in html
    # A list in a clause stays a list.
    assert re.search(r"rapporteert elk jaar:</p>\s*<ul>\s*<li>het gewicht dat hij hergebruikt;</li>", html), html
    text = page_text(fixture_site / "themas" / "textiel.html")
    for part in ("Niveau: Basis Technische specificatie", "Waarom: Gerecycleerde vezels vragen minder nieuwe grondstoffen.",
                 "Bewijs: Een verklaring van de inschrijver.", "Wat je controleert: De aankoper leest de verklaring na.",
                 "Strategieën: Delen (ambitie A)", "Regelgeving: Een regel", "Processtappen: Eerste stap",
                 "Bron: Een criteriatool, nummer TS1 · versie 1 van 7 december 2026",
                 "Bron: Een criteriatool, nummer AC1 · versie 2 van 7 december 2026"):
        assert part in text, part
    assert 'href="https://example.org/tool/ac1">nummer AC1</a>' in html  # the source's own link
    # The group's own sections: what weighs most, strategies, labels, life-cycle cost, the model clauses.
    for part in ("Andere woorden voor deze productgroep: lakens, OK-textiel.", "Wat weegt het zwaarst? De productie weegt",
                 "Strategieën die passen Delen (ambitie A)", "Labels Deze labels bestaan", "Een label: Een label.",
                 "Levensduurkost Tel het wassen mee.",
                 "Modelclausules voor elke productgroep Deze clausules voor het contract passen bij elke productgroep, "
                 "ook bij deze: Herstel en onderdelen – uitvoeringsvoorwaarde, gevorderd"):
        assert part in text, part
    assert 'href="criteria.html#herstel-onderdelen"' in html


def test_the_model_clauses_are_on_their_page(fixture_site):
    html = (fixture_site / "themas" / "criteria.html").read_text(encoding="utf-8")
    assert '<h4 id="herstel-onderdelen">' in html and '<span class="invulveld">[aantal]</span> jaar' in html


@pytest.mark.parametrize("page,heading", [
    ("stappen/eerste.html", '<h2 id="criteria-voor-je-bestek">'),  # a step
    ("ambities/minder.html", '<h3 id="criteria-voor-je-bestek">'),  # under its strategy
    ("regelgeving.html", "<strong>Criteria voor je bestek:</strong>"),
    ("bronnen.html", "<strong>Criteria voor je bestek:</strong>"),
])
def test_what_a_criterion_names_links_back_to_it(fixture_site, page, heading):
    html = (fixture_site / page).read_text(encoding="utf-8")
    assert heading in html, page
    prefix = "../" if "/" in page else ""
    assert f'href="{prefix}themas/textiel.html#textiel-vezels">Gerecycleerde vezels</a>' in html, page


def test_a_criterion_is_searchable_and_its_group_by_its_aliases(fixture_site):
    index = json.loads((fixture_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    assert "Gerecycleerde vezels" == docs["themas/textiel.html#textiel-vezels"]["title"]
    group_text = " ".join(d["text"] for loc, d in docs.items() if loc.startswith("themas/textiel.html"))
    assert "lakens" in group_text and "OK-textiel" in group_text


def test_a_copied_guide_sentence_in_a_criterion_is_caught_on_its_page(fixture_project, tmp_path):
    """The copy check reads the built pages, so it covers the criteria: plant a guide sentence in one."""
    sys.path.insert(0, str(ROOT / "tools"))
    from copycheck import shared_runs

    guide = (ROOT / "tests" / "bron" / "leidraad.txt").read_text(encoding="utf-8")
    sentence = " ".join(guide.split()[400:412])
    edit(fixture_project / "data" / "criteria" / "textiel.yml", "  waarom: Gerecycleerde vezels vragen minder nieuwe grondstoffen.",
         f"  waarom: '{sentence.replace(chr(39), chr(39) * 2)}'")
    site = tmp_path / "site"
    proc = mkdocs_build(fixture_project, site)
    assert proc.returncode == 0, proc.stderr
    assert shared_runs(guide, page_text(site / "themas" / "textiel.html"))


# --- the real data: a content requirement of issue 24 -------------------------------------------

# The product groups issue 24 asks for at least (theme ids); h24c writes the last four.
REQUIRED_GROUPS = ("bedden-matrassen", "textiel", "meubilair", "medische-apparatuur", "chirurgisch-materiaal",
                   "wegwerpartikelen", "verpakkingen")


def real_criteria() -> dict[str, list[dict]]:
    out = {}
    for path in sorted(CRITERIA.glob("*.yml")):
        out[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return out


def test_every_group_has_six_criteria_of_every_type():
    groups = {g: c for g, c in real_criteria().items() if g != ALGEMEEN}
    assert len(groups) >= 3, sorted(groups)
    counted = 0
    for group, criteria in groups.items():
        types = Counter(c["soort"] for c in criteria)
        assert len(criteria) >= 6, f"{group}: {len(criteria)} criteria, minstens 6"
        assert set(types) == set(CRITERIUM_SOORTEN), f"{group}: soorten {dict(types)}"
        counted += len(criteria)
    print(f"{counted} criteria in {len(groups)} productgroepen")


def test_every_criterion_has_its_source_and_its_number():
    checked = 0
    for group, criteria in real_criteria().items():
        for c in criteria:
            assert c.get("bron") and str(c.get("bronnummer", "")).strip(), f"{group}/{c.get('id')}: bron en bronnummer"
            assert c["niveau"] in NIVEAUS
            checked += 1
    assert checked >= 24
    print(f"{checked} criteria met bron en bronnummer")


def test_the_issue_groups_are_all_there_with_sixty_criteria_in_all():
    criteria = real_criteria()
    missing = [g for g in REQUIRED_GROUPS if g not in criteria]
    assert not missing, f"productgroepen zonder criteria: {missing}"
    total = sum(len(c) for c in criteria.values())
    print(f"{total} criteria in {len(criteria)} bestanden")
    assert total >= 60, f"{total} criteria, minstens 60"


def test_the_model_clauses_the_issue_asks_for_are_there():
    """Take-back, repair and spare parts, refurbishment, reporting and a review clause (issue 24), each
    found by what it relies on or says, not by an id an editor may rename."""
    general = real_criteria()[ALGEMEEN]
    clauses = [c for c in general if c["soort"] == "uitvoeringsvoorwaarde"]
    text = {c["id"]: " ".join((c["titel"] + " " + c["tekst"]).lower().split()) for c in clauses}
    wanted = {"terugname": "terugn", "herstel en wisselstukken": "wisselstuk", "opknappen": "opgeknapt",
              "rapportering": "indicator", "herziening": "herzien"}
    missing = [name for name, word in wanted.items() if not any(word in t for t in text.values())]
    assert not missing, f"modelclausules zonder tegenhanger in data/criteria/algemeen.yml: {missing}"
    review = [c for c in clauses if "wijziging-lopende-opdracht" in (c.get("regels") or [])]
    assert review, "de herzieningsclausule noemt de regel 'wijziging-lopende-opdracht' niet"


def test_every_criterion_is_on_its_page_with_its_anchor(site):
    catalog = load(ROOT / "data")
    checked = 0
    for item in catalog.all("criterium"):
        html = (site / (item.page[:-3] + ".html")).read_text(encoding="utf-8")
        # Its heading has its id as anchor and carries a permalink to itself.
        assert re.search(rf'<h4 id="{item.id}">(?:(?!</h4>).)+<a class="headerlink" href="#{item.id}"', html), item.id
        checked += 1
    assert checked == sum(len(c) for c in real_criteria().values()) and checked > 0


# What a criterion asks decides which rule it relies on (issue 24, second pass): words in its own fields
# that a buyer would recognise, not ids an editor may rename.
LABEL_WORDS = re.compile(r"\b(?:label|ecolabel|keurmerk)\b", re.I)
TEST_REPORT_WORDS = re.compile(r"\btest(?:verslag|rapport)(?:en)?\b", re.I)
LIFE_CYCLE_WORDS = re.compile(r"levenscycluskost|levensduurkost|kost per gebruik|totale kost", re.I)


def rules_a_criterion_needs(c: dict) -> set[str]:
    proof = " ".join(str(c.get(k, "")) for k in ("tekst", "bewijs"))
    need = set()
    if c["soort"] == "uitvoeringsvoorwaarde":
        need.add("uitvoeringsvoorwaarden")
    if LABEL_WORDS.search(proof) and "gelijkwaardig" in proof.lower():
        need.add("labels")
    if TEST_REPORT_WORDS.search(proof):
        need.add("testverslagen")
    if c["soort"] == "gunningscriterium" and LIFE_CYCLE_WORDS.search(" ".join((c["titel"], c["tekst"]))):
        need.add("levenscycluskosten")
    return need


def test_each_criterion_names_the_rules_it_relies_on():
    checked, wanting = Counter(), []
    for group, criteria in real_criteria().items():
        for c in criteria:
            for rule in rules_a_criterion_needs(c):
                checked[rule] += 1
                if rule not in (c.get("regels") or []):
                    wanting.append(f"data/criteria/{group}.yml, item '{c['id']}': voeg '{rule}' toe aan 'regels'")
    print(f"regels nagekeken: {dict(checked)}")
    assert checked["uitvoeringsvoorwaarden"] >= 10 and checked["labels"] >= 5, checked
    assert not wanting, "\n".join(wanting)


@pytest.mark.parametrize("criterion,rule", [
    ({"soort": "uitvoeringsvoorwaarde", "titel": "T", "tekst": "De opdrachtnemer neemt terug.", "bewijs": "Verklaring."},
     "uitvoeringsvoorwaarden"),
    ({"soort": "technische-specificatie", "titel": "T", "tekst": "Voldoet aan criterium 9.",
      "bewijs": "Het EU Ecolabel of een gelijkwaardig label."}, "labels"),
    ({"soort": "technische-specificatie", "titel": "T", "tekst": "Voldoet aan criterium 9.",
      "bewijs": "Een testverslag van een geaccrediteerd laboratorium."}, "testverslagen"),
    ({"soort": "gunningscriterium", "titel": "Kost per gebruik", "tekst": "Vergelijk de kost per gebruik.",
      "bewijs": "Een kostentabel."}, "levenscycluskosten"),
])
def test_the_rule_check_sees_a_criterion_that_needs_a_rule(criterion, rule):
    assert rule in rules_a_criterion_needs(criterion)
    assert rule not in rules_a_criterion_needs({**criterion, "soort": "selectiecriterium", "titel": "T",
                                                "tekst": "Ervaring.", "bewijs": "Referenties."})
