"""Files beside the pages (macros/bestanden.py): no symbolic links in docs/ or data/, only known file
types under docs/, no SVG that runs script or fetches anything; and the repository's own tree passes."""
from __future__ import annotations

import os
import shutil

import pytest

from conftest import ROOT, mkdocs_build
from macros import bestanden


def check(project):
    return bestanden.check_tree(project, project / "docs", project / "data")


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "docs" / "assets" / "images").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Start\n", encoding="utf-8")
    (tmp_path / "data" / "themas.yml").write_text("[]\n", encoding="utf-8")
    return tmp_path


def test_the_repository_passes_and_every_file_is_counted():
    seen, problems = check(ROOT)
    files = sum(1 for root in ("docs", "data") for p in (ROOT / root).rglob("*") if p.is_file())
    assert problems == []
    assert seen == files > 40


@pytest.mark.parametrize("where,target", [
    ("docs/assets/x.txt", "/proc/self/environ"),
    ("docs/leak.md", "../../../../etc/passwd"),
    ("data/linkcontrole.json", "/etc/hostname"),
    ("docs/assets/map", "/etc"),
])
def test_a_symbolic_link_anywhere_is_refused(tree, where, target):
    (tree / where).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, tree / where)
    seen, problems = check(tree)
    assert len(problems) == 1 and problems[0].file == where, problems
    assert "symbolische koppeling" in problems[0].message


@pytest.mark.parametrize("folder", ["docs", "data"])
def test_a_folder_that_is_a_link_is_refused(tree, tmp_path_factory, folder):
    elsewhere = tmp_path_factory.mktemp("elders")
    shutil.rmtree(tree / folder)
    os.symlink(elsewhere, tree / folder)
    problems = check(tree)[1]
    assert [p.file for p in problems] == [folder + "/"]  # named as a folder


def test_a_named_pipe_is_refused(tree):
    os.mkfifo(tree / "docs" / "wacht.md")
    problems = check(tree)[1]
    assert len(problems) == 1 and "geen gewoon bestand" in problems[0].message


@pytest.mark.parametrize("name,says", [
    ("docs/pagina.htm", "HTML-pagina"), ("docs/assets/x.html", "HTML-pagina"), ("docs/x.xhtml", "HTML-pagina"),
    ("docs/main.py", "Python-code"), ("docs/macro.j2", "sjablonen"), ("docs/assets/x.exe", "bestandstypen die ze kent"),
    ("docs/LEESMIJ", "zonder extensie"),
])
def test_only_known_file_types_under_docs(tree, name, says):
    (tree / name).write_text("x", encoding="utf-8")
    problems = check(tree)[1]
    assert len(problems) == 1 and problems[0].file == name and says in problems[0].message, problems


def test_files_mkdocs_never_publishes_are_left_alone(tree):
    (tree / "docs" / ".DS_Store").write_bytes(b"\0")
    (tree / "data" / "notities.txt").write_text("x", encoding="utf-8")
    assert check(tree)[1] == []


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{}</svg>'


@pytest.mark.parametrize("body,says", [
    ("<script>alert(1)</script>", "<script>"),
    ('<rect width="1" height="1" onload="alert(1)"/>', "gebeurtenis"),
    ('<rect width="1" height="1" ONCLICK="alert(1)"/>', "gebeurtenis"),
    ('<image href="https://evil.example/p.png"/>', "<image>"),
    ('<use href="https://evil.example/s.svg#x"/>', "verwijzing"),
    ('<use xlink:href="other.svg#x"/>', "verwijzing"),
    ('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>', "<foreignObject>"),
    ('<a href="javascript:alert(1)"><rect width="1" height="1"/></a>', "<a>"),
    ('<rect width="1" height="1" style="fill: url(https://evil.example/p)"/>', "verwijzing"),
    ('<rect width="1" height="1" fill="url(//evil.example/p)"/>', "verwijzing"),
    ("<style>@import url(https://evil.example/x.css);</style>", "<style>"),
    ('<set attributeName="href" to="javascript:alert(1)"/>', "<set>"),
])
def test_an_svg_that_could_run_or_fetch_is_refused(tree, body, says):
    (tree / "docs" / "assets" / "images" / "x.svg").write_text(SVG.format(body), encoding="utf-8")
    problems = check(tree)[1]
    assert len(problems) == 1 and says in problems[0].message and problems[0].line == 1, problems


@pytest.mark.parametrize("prolog", [
    '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n',
    '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n',
    '<?xml-stylesheet href="https://evil.example/x.css"?>\n',
])
def test_an_svg_with_a_dtd_or_instruction_is_refused_before_anything_expands(tree, prolog):
    (tree / "docs" / "assets" / "images" / "x.svg").write_text(prolog + SVG.format("<text>&b;</text>" if "b" in prolog
                                                                                  else "<rect/>"), encoding="utf-8")
    problems = check(tree)[1]
    assert len(problems) == 1 and ("DOCTYPE" in problems[0].message or "verwerkingsinstructie" in problems[0].message)


def test_a_plain_drawing_passes(tree):
    body = ('<title>Cirkel</title><defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>'
            '<g><circle cx="5" cy="5" r="4" fill="url(#g)"/><text x="1" y="9">A</text><use href="#g"/></g>')
    (tree / "docs" / "assets" / "images" / "x.svg").write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + SVG.format(body),
                                                              encoding="utf-8")
    assert check(tree)[1] == []
    (tree / "docs" / "assets" / "images" / "y.svg").write_text("<svg", encoding="utf-8")
    assert "geen geldig SVG-bestand" in check(tree)[1][0].message


def test_a_symlink_stops_the_build_before_its_target_is_read(fixture_project, tmp_path):
    config = fixture_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - overrides/hooks/inhoud.py\n", 1),
                      encoding="utf-8")
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM-4711", encoding="utf-8")
    (fixture_project / "docs" / "assets").mkdir()
    os.symlink(secret, fixture_project / "docs" / "assets" / "x.txt")
    site = tmp_path / "site"
    proc = mkdocs_build(fixture_project, site)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "docs/assets/x.txt: is een symbolische koppeling" in proc.stderr
    assert "GEHEIM-4711" not in proc.stderr and not (site / "assets" / "x.txt").exists()
