"""One word per concept: the terminology check (tools/termen.py) with its list in data/termen.yml."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import termen  # noqa: E402  (tools/termen.py)


def test_the_site_uses_one_word_per_concept():
    findings = termen.check(ROOT)
    assert not findings, (f"{len(findings)} woord(en) die we anders schrijven (lijst: data/termen.yml):\n"
                          + "\n".join(f.message() for f in findings))


def test_the_list_covers_the_choices_of_the_writing_guide():
    """The choices SCHRIJFWIJZER.md explains are the ones the check enforces."""
    preferred = {t.voorkeur for t in termen.load_terms(ROOT)}
    assert {"Quickscan", "contractbeheerder", "leverancier", "Niet-hernieuwbare virgin input reduceren"} <= preferred
    banned = {n.casefold() for t in termen.load_terms(ROOT) for n in t.niet}
    assert {"quick scan", "contractmanager", "opdrachtnemer", "gerefurbisht", "geüpgraded", "facility"} <= banned
    guide = (ROOT / "SCHRIJFWIJZER.md").read_text(encoding="utf-8")
    for word in ("data/termen.yml", "Quickscan", "contractbeheerder", "opdrachtnemer", "facilitaire dienst"):
        assert word in guide, word


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The files the check reads, copied, to break on purpose."""
    for rel in ("data", "docs", "macros/templates", "overrides"):
        shutil.copytree(ROOT / rel, tmp_path / rel, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def insert(path: Path, after: str, text: str) -> int:
    """Insert text after the first occurrence of `after`; returns the line number where `text` starts."""
    raw = path.read_text(encoding="utf-8")
    at = raw.index(after) + len(after)
    path.write_text(raw[:at] + text + raw[at:], encoding="utf-8")
    return raw[:at].count("\n") + 1


def test_each_finding_names_file_line_and_the_preferred_word(project):
    steps = project / "data" / "stappen.yml"
    # A folded text where the banned form runs over a line break, in the middle of an entry.
    line = insert(steps, "  waarom: >-\n", "    Vraag het aan de contract-\n    manager of aan de Quick\n    scan.\n")
    page = project / "docs" / "inleiding" / "aan-de-slag.md"
    page_line = insert(page, "# Aan de slag\n", "\nDe facility-dienst helpt.\n") + 1
    template = project / "macros" / "templates" / "stap.md.j2"
    tpl_line = insert(template, "## Wat doe je?\n", "Vraag het de opdrachtnemer.\n")
    found = {(f.file, f.line, " ".join(f.found.split()).casefold()): f for f in termen.check(project)}
    assert ("data/stappen.yml", line + 1, "quick scan") in found, found.keys()
    assert ("docs/inleiding/aan-de-slag.md", page_line, "facility") in found, found.keys()
    assert ("macros/templates/stap.md.j2", tpl_line, "opdrachtnemer") in found, found.keys()
    # "contract-\nmanager" is not the word contractmanager: no finding.
    assert not any("manager" in key[2] for key in found)
    message = found[("data/stappen.yml", line + 1, "quick scan")].message()
    assert message.startswith(f"data/stappen.yml, regel {line + 1}: 'Quick scan' -> schrijf 'Quickscan'.")
    assert "data/termen.yml, regel" in message


def test_ids_links_addresses_comments_and_glossary_spellings_are_not_text(project):
    glossary = project / "data" / "begrippen.yml"
    # The glossary's own term and aliases may name the other spelling: that gives it the tooltip.
    raw = glossary.read_text(encoding="utf-8")
    assert "aliassen: [Quick scan, quickscan]" in raw
    raw = raw.replace("aliassen: [Quick scan, quickscan]",
                      "aliassen: [Quick scan, quickscan]  # Quick scan, zoals in de leidraad")
    glossary.write_text(raw, encoding="utf-8")
    page = project / "docs" / "over.md"
    insert(page, "# Over deze gids\n",
           "\n[de pagina](https://example.org/facility/opdrachtnemer) <!-- contractmanager -->\n{ #facility }\n")
    assert termen.check(project) == []
    # The same word in a definition is text of the site.
    raw = raw.replace("om af te wegen met welk", "(ook Quick scan) om af te wegen met welk", 1)
    glossary.write_text(raw, encoding="utf-8")
    assert [(f.file, " ".join(f.found.split())) for f in termen.check(project)] == [("data/begrippen.yml", "Quick scan")]


def test_an_exception_holds_only_for_its_file(project):
    (project / "data" / "regels.yml").write_text("- id: x\n  tekst: De opdrachtnemer voert uit.\n", encoding="utf-8")
    (project / "data" / "andere.yml").write_text("- id: x\n  tekst: De opdrachtnemer voert uit.\n", encoding="utf-8")
    assert [f.file for f in termen.check(project)] == ["data/andere.yml"]


def test_a_new_entry_in_the_list_is_enforced_at_once(project):
    """An editor extends the check by touching data/termen.yml only."""
    terms = project / "data" / "termen.yml"
    terms.write_text(terms.read_text(encoding="utf-8")
                     + "\n- voorkeur: aankoper\n  niet: [inkoper]\n  waarom: Zo heet de lezer in Vlaanderen.\n",
                     encoding="utf-8")
    page = project / "docs" / "index.md"
    insert(page, "# Circulair aankopen in de zorg\n", "\nElke inkoper leest mee.\n")
    assert [(f.file, f.found, f.term.voorkeur) for f in termen.check(project)] == [("docs/index.md", "inkoper", "aankoper")]


@pytest.mark.parametrize("entry,expected", [
    ("- voorkeur: x\n  waarom: y\n", "item 8, veld 'niet': verwacht een lijst"),
    ("- voorkeur: x\n  niet: [z]\n", "item 8, veld 'waarom': dit verplichte veld ontbreekt"),
    ("- voorkeur: x\n  niet: [z]\n  waarom: y\n  behalf: [a]\n", "onbekend veld 'behalf'"),
    ("- voorkeur x\n", "item 8: verwacht velden"),
])
def test_a_broken_list_gets_a_dutch_message(project, entry, expected):
    terms = project / "data" / "termen.yml"
    text = terms.read_text(encoding="utf-8")
    assert len(yaml.safe_load(text)) == 7  # the new entry below is item 8
    terms.write_text(text + "\n" + entry, encoding="utf-8")
    with pytest.raises(termen.TermsFileError) as error:
        termen.load_terms(project)
    assert "data/termen.yml, regel" in str(error.value) and expected in str(error.value)


def test_command_line_exit_code(project):
    ok = subprocess.run([sys.executable, str(ROOT / "tools" / "termen.py"), str(project)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout
    insert(project / "docs" / "index.md", "# Circulair aankopen in de zorg\n", "\nGerefurbisht materiaal.\n")
    line = (project / "docs" / "index.md").read_text(encoding="utf-8").splitlines().index("Gerefurbisht materiaal.") + 1
    bad = subprocess.run([sys.executable, str(ROOT / "tools" / "termen.py"), str(project)], capture_output=True, text=True)
    assert bad.returncode == 1
    assert f"docs/index.md, regel {line}: 'Gerefurbisht' -> schrijf 'opgeknapt (of refurbishing)'" in bad.stdout
