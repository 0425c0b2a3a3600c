"""tools/pagina.py (make verplaats, make verwijder) on a copy of the repository, without building:
what it changes in data/, docs/, mkdocs.yml and the tests' page lists, and what it refuses.
The whole round trip with a build and the tests: tests/test_editor_acceptance.py."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ENV
from test_editor_workflow import copy_project


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
    before = {rel: text(project, rel) for rel in ("data/ambities.yml", "data/begrippen.yml", "data/themas.yml")}
    assert all("(valkuil:dehp)" in t for t in before.values())
    proc = pagina(project, "verplaats", "valkuilen/dehp.html", "docs/valkuilen/dehp-in-pvc")
    assert proc.returncode == 0, proc.stderr
    assert "- id: dehp-in-pvc\n" in text(project, "data/valkuilen.yml")
    for rel in before:
        assert "(valkuil:dehp)" not in text(project, rel) and "(valkuil:dehp-in-pvc)" in text(project, rel), rel
    assert "        valkuilen/dehp.md: valkuilen/dehp-in-pvc.md\n" in text(project, "mkdocs.yml")
    assert "valkuilen/dehp.html" not in text(project, "tests/search_queries.yml")
    assert "pagina: valkuilen/dehp-in-pvc.html" in text(project, "tests/guide_facts.yml")
    # Change notes name entries as kind:id, also on the continuation line of a long list.
    notes = text(project, "data/wijzigingen.yml")
    assert "valkuil:dehp-in-pvc" in notes and not re.search(r"valkuil:dehp(?![\w-])", notes)
    assert macros_check(project).returncode == 0


def test_renaming_a_step_updates_every_list_that_names_it(project):
    lists = [rel for rel in ("data/bronnen.yml", "data/voorbeelden.yml", "data/valkuilen.yml")
             if "evalueren" in text(project, rel)]
    assert lists
    proc = pagina(project, "verplaats", "stappen/evalueren.md", "stappen/evaluatie.md")
    assert proc.returncode == 0, proc.stderr
    check = macros_check(project)
    assert check.returncode == 0, check.stderr  # every reference followed, or the check would name it
    assert "(stap:evaluatie)" in text(project, "docs/inleiding/aan-de-slag.md")
    # Criteria name their steps too (data/criteria/).
    assert "evaluatie" in text(project, "data/criteria/textiel.yml")


def test_renaming_a_product_group_takes_its_criteria_file_along(project):
    """A product group's criteria live in data/criteria/<its id>.yml: the file follows a new id."""
    criteria = project / "data" / "criteria" / "textiel.yml"
    assert criteria.is_file()
    before = criteria.read_text(encoding="utf-8")
    proc = pagina(project, "verplaats", "themas/textiel.md", "themas/linnen.md")
    assert proc.returncode == 0, proc.stderr
    assert not criteria.exists() and text(project, "data/criteria/linnen.yml") == before
    check = macros_check(project)
    assert check.returncode == 0, check.stderr


def test_removing_a_product_group_with_criteria_is_refused(project):
    before = {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()}
    proc = pagina(project, "verwijder", "themas/meubilair.md", "themas/index.md")
    assert proc.returncode == 1, proc.stderr
    assert "een productgroep met criteria in data/criteria/meubilair.yml" in proc.stderr, proc.stderr
    assert {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()} == before


def test_removing_a_pitfall_points_its_links_at_the_replacement(project):
    proc = pagina(project, "verwijder", "valkuilen/bio-afbreekbaar.md", "valkuilen/greenwashing.md")
    assert proc.returncode == 0, proc.stderr
    assert "- id: bio-afbreekbaar" not in text(project, "data/valkuilen.yml")
    assert "(valkuil:bio-afbreekbaar)" not in "".join(text(project, f"data/{p.name}") for p in (project / "data").glob("*.yml"))
    assert "        valkuilen/bio-afbreekbaar.md: valkuilen/greenwashing.md\n" in text(project, "mkdocs.yml")
    assert macros_check(project).returncode == 0


def test_removing_a_page_drops_it_from_the_menu_and_print_exclusions(project):
    config = text(project, "mkdocs.yml")
    assert "      - Levensduurkost vergelijken: hulpmiddelen/levensduurkost.md\n" in config
    assert "      - hulpmiddelen/levensduurkost.md\n" in config  # extra.afdrukken.uitsluiten
    proc = pagina(project, "verwijder", "hulpmiddelen/levensduurkost.md", "hulpmiddelen/index.md")
    assert proc.returncode == 0, proc.stderr
    config = text(project, "mkdocs.yml")
    assert "levensduurkost.md:" not in config.replace("hulpmiddelen/levensduurkost.md: hulpmiddelen/index.md", "")
    assert "      - hulpmiddelen/levensduurkost.md\n" not in config
    assert not (project / "docs" / "hulpmiddelen" / "levensduurkost.md").exists()
    assert "levensduurkost.md" not in text(project, "docs/index.md")


def test_moving_back_removes_the_redirect_that_would_overwrite_the_page(project):
    assert pagina(project, "verplaats", "over.md", "colofon.md").returncode == 0
    assert pagina(project, "verplaats", "colofon.md", "over.md").returncode == 0
    config = text(project, "mkdocs.yml")
    assert "        colofon.md: over.md\n" in config and "over.md: colofon.md" not in config
    assert (project / "docs" / "over.md").exists() and not (project / "docs" / "colofon.md").exists()


@pytest.mark.parametrize("args,message", [
    (("verplaats", "bestaat-niet.md", "ergens.md"), "Niets gewijzigd: de pagina 'bestaat-niet.md' bestaat niet"),
    (("verplaats", "over.md", "toegankelijkheid.md"), "Niets gewijzigd: de pagina 'toegankelijkheid.md' bestaat al."),
    (("verplaats", "bronnen.md", "hulpbronnen.md"), "Niets gewijzigd: 'bronnen.md' kan niet met dit commando verplaatst worden"),
    (("verplaats", "valkuilen/dehp.md", "themas/dehp.md"), "Niets gewijzigd: 'valkuilen/dehp.md' komt uit data/valkuilen.yml: je kunt alleen de id wijzigen"),
    (("verplaats", "valkuilen/dehp.md", "valkuilen/Dehp_PVC.md"), "Niets gewijzigd: 'Dehp_PVC' is geen geldige id"),
    (("verwijder", "over.md", "bestaat-niet.md"), "Niets gewijzigd: geef met VERVANG= de pagina die in de plaats komt"),
    (("verwijder", "inleiding/index.md", "index.md"), "Niets gewijzigd: 'inleiding/index.md' is de eerste pagina van een onderdeel"),
])
def test_refusals_change_nothing(project, args, message):
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    proc = pagina(project, *args)
    assert proc.returncode == 1 and proc.stderr.startswith(message), proc.stderr
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_usage_without_both_pages(project):
    proc = pagina(project, "verplaats", "over.md", "")
    assert proc.returncode == 2 and "make verplaats VAN=" in proc.stderr
