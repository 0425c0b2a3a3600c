"""tools/pagina.py (make verplaats, make verwijder) on a copy of the repository, without building:
what it changes in data/, docs/ and mkdocs.yml, and what it refuses.
The whole round trip with a build and the tests: tests/test_editor_acceptance.py.

The pages and entries are picked from the menu and the data (tests/targets.py), never named: an
editor who renames or removes one leaves these tests with another to pick."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ENV, ROOT
from targets import catalog, movable_pages, nav_pages, replacement_for
from test_editor_workflow import copy_project

sys.path.insert(0, str(ROOT / "tools"))
from pagina import FIXED  # noqa: E402


def data_files(project: Path) -> dict[str, str]:
    return {f"data/{p.name}": p.read_text(encoding="utf-8") for p in sorted((project / "data").glob("*.yml"))}


def most_linked(kind: str) -> str:
    """The entry of `kind` linked as [..](kind:id) from the most data files: the rename has most to follow."""
    texts = data_files(ROOT).values()
    counts = {i.id: sum(f"({kind}:{i.id})" in t for t in texts) for i in catalog().all(kind)}
    best = max(counts, key=lambda k: (counts[k], k))
    assert counts[best] >= 1, f"geen {kind} met een link [..]({kind}:id) in data/"
    return best


def most_listed_step() -> str:
    """The step named in the most lists of other entries (bronnen, voorbeelden, valkuilen ...)."""
    counts = {}
    for step in catalog().all("stap"):
        counts[step.id] = sum(len(re.findall(rf"^\s+stappen:.*(?<![\w-]){re.escape(step.id)}(?![\w-])", t, re.M))
                              for t in data_files(ROOT).values())
    return max(counts, key=lambda k: (counts[k], k))


def printless_movable() -> str:
    """A movable page that the print page leaves out (extra.afdrukken.uitsluiten in mkdocs.yml)."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = re.findall(r"^\s+- (\S+\.md)\s*(?:#.*)?$", config.split("uitsluiten:", 1)[1].split("\n\n", 1)[0], re.M)
    return next(p for p in movable_pages() if p in listed)


PAGES = movable_pages()
SECTION_FIRST = next(p for p, first, _ in nav_pages() if first and p not in FIXED and (ROOT / "docs" / p).is_file())


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("pagina") / "project"
    copy_project(copy)
    return copy


@pytest.fixture
def project(pristine, tmp_path) -> Path:
    import shutil

    copy = tmp_path / "project"
    shutil.copytree(pristine, copy)
    return copy


def pagina(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "tools/pagina.py", *args], cwd=project, capture_output=True, text=True,
                          env=ENV, timeout=120)


def macros_check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros"], cwd=project, capture_output=True, text=True, env=ENV)


def text(project: Path, rel: str) -> str:
    return (project / rel).read_text(encoding="utf-8")


def test_renaming_a_page_made_from_data_changes_its_id_everywhere(project):
    old = most_linked("valkuil")
    new = f"{old}-nieuw"
    before = {rel: t for rel, t in data_files(project).items() if f"(valkuil:{old})" in t}
    proc = pagina(project, "verplaats", f"valkuilen/{old}.html", f"docs/valkuilen/{new}")
    assert proc.returncode == 0, proc.stderr
    assert f"- id: {new}\n" in text(project, "data/valkuilen.yml")
    for rel in before:
        assert f"(valkuil:{old})" not in text(project, rel) and f"(valkuil:{new})" in text(project, rel), rel
    assert f"        valkuilen/{old}.md: valkuilen/{new}.md\n" in text(project, "mkdocs.yml")
    # Change notes name entries as kind:id, also on the continuation line of a long list.
    notes = text(project, "data/wijzigingen.yml")
    assert not re.search(rf"valkuil:{re.escape(old)}(?![\w-])", notes)
    assert macros_check(project).returncode == 0


def test_renaming_a_step_updates_every_list_that_names_it(project):
    old = most_listed_step()
    new = f"{old}-nieuw"
    linked_from = [p for p in (project / "docs").rglob("*.md") if f"(stap:{old})" in p.read_text(encoding="utf-8")]
    criteria_naming = [p for p in (project / "data" / "criteria").glob("*.yml")
                       if re.search(rf"stappen: \[[^\]]*\b{re.escape(old)}\b", p.read_text(encoding="utf-8"))]
    proc = pagina(project, "verplaats", f"stappen/{old}.md", f"stappen/{new}.md")
    assert proc.returncode == 0, proc.stderr
    check = macros_check(project)
    assert check.returncode == 0, check.stderr  # every reference followed, or the check would name it
    for page in linked_from:
        assert f"(stap:{new})" in page.read_text(encoding="utf-8"), page
    # Criteria name their steps too (data/criteria/).
    for path in criteria_naming:
        assert re.search(rf"\b{re.escape(new)}\b", path.read_text(encoding="utf-8")), path


def a_product_group_with_criteria(project: Path) -> str:
    """A product group (theme) that has its own criteria file, whichever groups an editor keeps."""
    groups = sorted(p.stem for p in (project / "data" / "criteria").glob("*.yml") if p.stem != "algemeen")
    assert groups, "geen productgroep met criteria in data/criteria/: niets om te testen"
    return groups[0]


def test_renaming_a_product_group_takes_its_criteria_file_along(project):
    """A product group's criteria live in data/criteria/<its id>.yml: the file follows a new id."""
    group = a_product_group_with_criteria(project)
    criteria = project / "data" / "criteria" / f"{group}.yml"
    before = criteria.read_text(encoding="utf-8")
    proc = pagina(project, "verplaats", f"themas/{group}.md", f"themas/{group}-nieuw.md")
    assert proc.returncode == 0, proc.stderr
    assert not criteria.exists() and text(project, f"data/criteria/{group}-nieuw.yml") == before
    check = macros_check(project)
    assert check.returncode == 0, check.stderr


def test_removing_a_product_group_with_criteria_is_refused(project):
    group = a_product_group_with_criteria(project)
    before = {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()}
    proc = pagina(project, "verwijder", f"themas/{group}.md", "themas/index.md")
    assert proc.returncode == 1, proc.stderr
    assert f"een productgroep met criteria in data/criteria/{group}.yml" in proc.stderr, proc.stderr
    assert {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()} == before


def test_removing_a_pitfall_points_its_links_at_the_replacement(project):
    gone, stays = most_linked("valkuil"), next(i.id for i in catalog().all("valkuil") if i.id != most_linked("valkuil"))
    proc = pagina(project, "verwijder", f"valkuilen/{gone}.md", f"valkuilen/{stays}.md")
    assert proc.returncode == 0, proc.stderr
    assert f"- id: {gone}\n" not in text(project, "data/valkuilen.yml")
    assert f"(valkuil:{gone})" not in "".join(data_files(project).values())
    assert f"        valkuilen/{gone}.md: valkuilen/{stays}.md\n" in text(project, "mkdocs.yml")
    assert macros_check(project).returncode == 0


def test_removing_a_page_drops_it_from_the_menu_and_print_exclusions(project):
    page = printless_movable()
    instead = replacement_for(project, page)
    config = text(project, "mkdocs.yml")
    assert re.search(rf"^\s+- (?:[^:\n]+: )?{re.escape(page)}\n", config, re.M)  # in the menu
    assert f"      - {page}\n" in config  # extra.afdrukken.uitsluiten
    proc = pagina(project, "verwijder", page, instead)
    assert proc.returncode == 0, proc.stderr
    config = text(project, "mkdocs.yml")
    assert f"{page}:" not in config.replace(f"{page}: {instead}", "")
    assert f"      - {page}\n" not in config
    assert not (project / "docs" / page).exists()
    name = page.rsplit("/", 1)[-1]
    assert not [p for p in (project / "docs").rglob("*.md") if f"]({name}" in p.read_text(encoding="utf-8")
                or f"/{name})" in p.read_text(encoding="utf-8")]


def test_moving_back_removes_the_redirect_that_would_overwrite_the_page(project):
    page = PAGES[0]
    other = page.rsplit("/", 1)[0] + "/elders.md" if "/" in page else "elders.md"
    assert pagina(project, "verplaats", page, other).returncode == 0
    assert pagina(project, "verplaats", other, page).returncode == 0
    config = text(project, "mkdocs.yml")
    assert f"        {other}: {page}\n" in config and f"{page}: {other}" not in config
    assert (project / "docs" / page).exists() and not (project / "docs" / other).exists()


def refusals() -> list[tuple[tuple, str]]:
    pitfall = catalog().all("valkuil")[0].id
    return [
        (("verplaats", "bestaat-niet.md", "ergens.md"), "Niets gewijzigd: de pagina 'bestaat-niet.md' bestaat niet"),
        (("verplaats", PAGES[0], PAGES[1]), f"Niets gewijzigd: de pagina '{PAGES[1]}' bestaat al."),
        (("verplaats", "bronnen.md", "hulpbronnen.md"), "Niets gewijzigd: 'bronnen.md' kan niet met dit commando verplaatst worden"),
        (("verplaats", f"valkuilen/{pitfall}.md", f"themas/{pitfall}.md"),
         f"Niets gewijzigd: 'valkuilen/{pitfall}.md' komt uit data/valkuilen.yml: je kunt alleen de id wijzigen"),
        (("verplaats", f"valkuilen/{pitfall}.md", "valkuilen/Dehp_PVC.md"), "Niets gewijzigd: 'Dehp_PVC' is geen geldige id"),
        (("verwijder", PAGES[0], "bestaat-niet.md"), "Niets gewijzigd: geef met VERVANG= de pagina die in de plaats komt"),
        (("verwijder", SECTION_FIRST, "index.md"), f"Niets gewijzigd: '{SECTION_FIRST}' is de eerste pagina van een onderdeel"),
        (("verplaats", "nieuw-en-gewijzigd.md", "nieuws.md"),
         "Niets gewijzigd: 'nieuw-en-gewijzigd.md' kan niet met dit commando verplaatst worden: de feed"),
    ]


@pytest.mark.parametrize("args,message", refusals())
def test_refusals_change_nothing(project, args, message):
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    proc = pagina(project, *args)
    assert proc.returncode == 1 and proc.stderr.startswith(message), proc.stderr
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_usage_without_both_pages(project):
    proc = pagina(project, "verplaats", PAGES[0], "")
    assert proc.returncode == 2 and "make verplaats VAN=" in proc.stderr
