"""A new editor, with only CONTRIBUTING.md: add a resource and a practice example, each in one
YAML file, by copying the commented template; see them on the site with their links both ways;
and get a message that says what to fix and where when an entry is broken.

Runs on a temporary copy of the whole project, built with the real mkdocs.yml.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ENV, ROOT, mkdocs_build

IGNORE = shutil.ignore_patterns(".git", ".venv", "site", ".site.*", "node_modules", "dist",
                                ".cache", ".pytest_cache", "__pycache__")
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def repo_files() -> list[str]:
    """The files a clone would hold: tracked and new ones, not build output or ignored files."""
    proc = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    return [f for f in proc.stdout.splitlines() if (ROOT / f).is_file() and not f.startswith(("site", "dist/"))]


def copy_project(target: Path) -> dict[str, bytes]:
    """Copy the project; returns the copied files' contents, to compare with afterwards."""
    copied = {}
    for rel in repo_files():
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        copied[rel] = (ROOT / rel).read_bytes()
        (target / rel).write_bytes(copied[rel])
    return copied


def copy_template(path: Path) -> str:
    """What CONTRIBUTING.md section 3 says: copy the block that starts with '# - id:', remove '# ' from each line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# - id:"))
    block = []
    for line in lines[start:]:
        if not line.startswith("#"):
            break
        block.append(line[2:] if line.startswith("# ") else line[1:])
    return "\n".join(block) + "\n"


def fill(block: str, values: dict[str, str]) -> str:
    """Fill in fields as an editor would: replace the value after 'veld:' (and drop the hint comments)."""
    out = []
    skip_folded = False
    for line in block.splitlines():
        match = re.match(r"^(- |  )(\w+):(.*)$", line)
        if match:
            skip_folded = False
            name = match.group(2)
            if name in values:
                value = values[name]
                if value is None:
                    skip_folded = ">-" in match.group(3)
                    continue  # an optional field the editor leaves out
                if "\n" in value:
                    out.append(f"{match.group(1)}{name}: >-")
                    out.extend("    " + v for v in value.splitlines())
                    skip_folded = True
                else:
                    out.append(f"{match.group(1)}{name}: {value}")
                    skip_folded = ">-" in match.group(3)
                continue
            out.append(line.split("  #")[0].rstrip())
        elif not skip_folded:
            out.append(line)
    return "\n".join(out) + "\n"


def append(path: Path, block: str) -> int:
    """Paste at the end, after a blank line; returns the line where the new entry starts."""
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    line = text.count("\n") + 1
    path.write_text(text + block, encoding="utf-8")
    return line


def _picks() -> dict[str, str]:
    """The steps, strategy, ambition and theme the new entries link to: picked from data/, not named,
    so that an editor's rename or removal leaves these scenarios others to pick."""
    from macros.catalog import load

    catalog = load(ROOT / "data")
    steps = catalog.all("stap")
    strategy = catalog.all("strategie")[0]
    ambitions = [a for a in catalog.all("ambitie") if a.id != strategy.parent.id]
    return {"step1": steps[0].id, "step2": steps[min(2, len(steps) - 1)].id, "step3": steps[len(steps) // 2].id,
            "strategy": strategy.id, "strategy_page": strategy.parent.id, "ambition": ambitions[0].id,
            "theme": catalog.all("thema")[0].id}


PICK = _picks()
S1, S2 = PICK["step1"], PICK["step2"]
RESOURCE = {
    "id": "hergebruik-meubilair",
    "titel": "Platform voor hergebruikt meubilair",
    "uitgever": "Testorganisatie",
    "url": "https://www.voorbeeld.be/hergebruik",
    "soort": "platform",
    "taal": "nl",
    "beschrijving": "Aanbieders die gebruikt meubilair opknappen.\nHandig voor je behoefte nog een aankoop wordt.",
    "stappen": f"[{S1}, {S2}]",
    "ambities": "[]",
    "strategieen": f"[{PICK['strategy']}]",
    "themas": f"[{PICK['theme']}]",
}
EXAMPLE = {
    "id": "testzorg-stoelen",
    "titel": "Opgeknapte stoelen in de wachtzaal",
    "organisatie": "Testzorg vzw",
    "wat": "Testzorg liet oude stoelen opknappen via een\n[platform voor hergebruik](bron:hergebruik-meubilair).",
    "resultaat": None,
    "bron": "https://www.voorbeeld.be/testzorg",
    "ambities": f"[{PICK['ambition']}]",
    "strategieen": "[]",
    "stappen": f"[{PICK['step3']}]",
    "themas": f"[{PICK['theme']}]",
}


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """The project after the editor's two changes, and its strictly built site."""
    project = tmp_path_factory.mktemp("redacteur") / "project"
    original = copy_project(project)
    lines = {
        "bron": append(project / "data" / "bronnen.yml", fill(copy_template(project / "data" / "bronnen.yml"), RESOURCE)),
        "voorbeeld": append(project / "data" / "voorbeelden.yml",
                            fill(copy_template(project / "data" / "voorbeelden.yml"), EXAMPLE)),
    }
    site = project.parent / "site"
    proc = mkdocs_build(project, site)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return project, site, lines, original


def test_only_the_two_yaml_files_changed(editor):
    project, _, _, original = editor
    changed = [rel for rel, content in original.items() if (project / rel).read_bytes() != content]
    changed += [p.relative_to(project).as_posix() for p in project.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and p.relative_to(project).as_posix() not in original]
    assert sorted(changed) == ["data/bronnen.yml", "data/voorbeelden.yml"]


def test_new_resource_appears_with_links_both_ways(editor):
    _, site, _, _ = editor
    resources = (site / "bronnen.html").read_text(encoding="utf-8")
    start = resources.index('id="hergebruik-meubilair"')
    section = resources[start:resources.find("<h3", start + 1)]
    assert "Platform voor hergebruikt meubilair" in resources[start - 300:start + 300]
    pages = [f"stappen/{S1}.html", f"stappen/{S2}.html", f"themas/{PICK['theme']}.html",
             f"ambities/{PICK['strategy_page']}.html"]
    for href in (*pages[:3], f"{pages[3]}#{PICK['strategy']}", "voorbeelden.html#testzorg-stoelen"):
        assert f'href="{href}"' in section, href
    # Back-links: the step, the theme and the ambition (for its strategy) point at the new resource.
    for page in pages:
        assert 'href="../bronnen.html#hergebruik-meubilair"' in (site / page).read_text(encoding="utf-8"), page
    # the index the search worker loads on the first query (search_index.json holds page titles only)
    index = (site / "search" / "search_index.full.json").read_text(encoding="utf-8")
    assert "Platform voor hergebruikt meubilair" in index


def test_new_example_appears_with_links_both_ways(editor):
    _, site, _, _ = editor
    examples = (site / "voorbeelden.html").read_text(encoding="utf-8")
    start = examples.index('id="testzorg-stoelen"')
    section = examples[start:examples.find("<h2", start + 1)]
    assert "Testzorg vzw" in section
    pages = [f"ambities/{PICK['ambition']}.html", f"stappen/{PICK['step3']}.html", f"themas/{PICK['theme']}.html"]
    for href in (*pages, "bronnen.html#hergebruik-meubilair", "https://www.voorbeeld.be/testzorg"):
        assert f'href="{href}"' in section, href
    for page in pages:
        assert 'href="../voorbeelden.html#testzorg-stoelen"' in (site / page).read_text(encoding="utf-8"), page


def test_new_entries_get_their_own_edit_link(editor):
    _, site, lines, _ = editor
    resources = (site / "bronnen.html").read_text(encoding="utf-8")
    bron, voorbeeld = lines["bron"], lines["voorbeeld"]
    assert f'title="Bewerk deze hulpbron: Platform voor hergebruikt meubilair (data/bronnen.yml, regel {bron})"' in resources
    examples = (site / "voorbeelden.html").read_text(encoding="utf-8")
    assert re.search(rf'title="Bewerk dit voorbeeld: [^"]+ \(data/voorbeelden.yml, regel {voorbeeld}\)"', examples)


def test_filled_in_example_in_contributing_is_valid():
    """The resource shown in CONTRIBUTING.md section 3 passes the same validation as the build."""
    from macros.catalog import load

    block = re.search(r"Een ingevulde hulpbron ziet er zo uit:\n\n```yaml\n(.*?)```", CONTRIBUTING, re.S).group(1)
    entry = yaml.safe_load(block)[0]
    catalog = load(ROOT / "data")
    from macros.model import Bron

    Bron.model_validate(entry)
    for field, kind in (("stappen", "stap"), ("themas", "thema")):
        for ref in entry[field]:
            assert (kind, ref) in catalog.items, ref


@pytest.mark.parametrize("mistake,expected", [
    ((f"  stappen: [{S1}, {S2}]", f"  stappen: [{S1[:-2] + S1[-1]}, {S2}]"),
     f"veld 'stappen': onbekende stap '{S1[:-2] + S1[-1]}'. Bedoelde je '{S1}'?"),
    ((f"  stappen: [{S1}, {S2}]", f"  gecontroleerd: 2026-11-28\n  stappen: [{S1}, {S2}]"),
     "veld 'gecontroleerd': dit veld wordt niet meer gebruikt"),
    (("  soort: platform", "  sort: platform"), "veld 'sort': onbekend veld (tikfout?). Bedoelde je 'soort'?"),
])
def test_broken_entry_says_what_to_fix_and_where(editor, tmp_path, mistake, expected):
    project, _, lines, _ = editor
    broken = tmp_path / "project"
    shutil.copytree(project, broken, ignore=IGNORE)
    path = broken / "data" / "bronnen.yml"
    text = path.read_text(encoding="utf-8")
    head, tail = text[:text.index("- id: hergebruik-meubilair")], text[text.index("- id: hergebruik-meubilair"):]
    assert mistake[0] in tail
    path.write_text(head + tail.replace(mistake[0], mistake[1], 1), encoding="utf-8")

    proc = mkdocs_build(broken, tmp_path / "site")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    nr = len(yaml.safe_load(text))  # the new resource is the last entry
    assert "data/bronnen.yml, regel " in proc.stderr and "item 'hergebruik-meubilair'" in proc.stderr
    message = next(line for line in proc.stderr.splitlines() if expected in line)
    where = int(re.search(r"regel (\d+)", message).group(1))
    assert lines["bron"] <= where <= lines["bron"] + 14, (message, lines["bron"])  # at or inside the new entry
    if "onbekende" not in expected:
        assert f"(nr. {nr})" in message

    # The same message without building, as CONTRIBUTING.md section 4 describes.
    check = subprocess.run([sys.executable, "-m", "macros", str(broken / "data")], cwd=broken,
                           capture_output=True, text=True, env=ENV)
    assert check.returncode == 1 and expected in check.stderr
