"""One word per concept: the terminology check (tools/termen.py) with its list in data/termen.yml."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, checked

sys.path.insert(0, str(ROOT / "tools"))
import termen  # noqa: E402  (tools/termen.py)


def test_the_site_uses_one_word_per_concept():
    findings, files, terms = termen.scan(ROOT)
    checked(f"woordkeuze: {files} bestanden gelezen, {terms} regels uit data/termen.yml, {len(findings)} vondsten")
    assert files >= 30 and terms >= 1, "de controle las (bijna) niets: is dit het project?"
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


def test_the_words_of_issue_23_are_in_the_list_and_the_writing_guide():
    """One term per concept for the words a buyer meets in the law and in care (issue 23)."""
    preferred = {t.voorkeur for t in termen.load_terms(ROOT)}
    assert {"inschrijver", "technische specificaties", "aandeel gerecycleerd materiaal", "opwaardeerbaar",
            "rechtstreeks delen", "verordening medische hulpmiddelen (MDR)"} <= preferred, preferred
    banned = {n.casefold() for t in termen.load_terms(ROOT) for n in t.niet}
    assert {"technische vereisten", "gerecycleerde inhoud", "zzs", "medical device regulation", "single-use",
            "peer-to-peer", "quick wins", "refurbishing", "upgradebaar", "co2 uitstoot", "bieder"} <= banned, banned
    guide = (ROOT / "SCHRIJFWIJZER.md").read_text(encoding="utf-8")
    for word in ("inschrijver", "technische specificaties", "aandeel gerecycleerd materiaal", "opwaardeerbaar",
                 "CO2-uitstoot", "verordening medische hulpmiddelen", "ZZS", "wegwerp", "rechtstreeks", "snel succes"):
        assert word in guide, word


def test_the_guides_words_we_replaced_still_explain_themselves():
    """A reader who knows the guide's word still gets the tooltip: where the list replaces a word the
    guide uses by a glossary term, that word is one of the term's aliases (SCHRIJFWIJZER.md)."""
    glossary = yaml.safe_load((ROOT / "data" / "begrippen.yml").read_text(encoding="utf-8"))
    aliases = {g["term"].casefold(): {a.casefold() for a in g.get("aliassen", [])} for g in glossary}
    guide = " ".join((ROOT / "tests" / "bron" / "leidraad.txt").read_text(encoding="utf-8").casefold().split())
    checked = []
    for term in termen.load_terms(ROOT):
        head = term.voorkeur.split(" (")[0].casefold()
        for form in term.niet:
            if head in aliases and re.search(rf"(?<!\w){re.escape(form.casefold())}(?!\w)", guide):
                assert form.casefold() in aliases[head], f"'{form}' (leidraad) ontbreekt bij de aliassen van '{head}'"
                checked.append(form)
    assert len(checked) >= 3, checked  # refurbishing, quick wins, technische vereisten at least


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


def a_page(project: Path) -> tuple[Path, str, str]:
    """A hand-written page of docs/ and its first heading line, whichever pages an editor keeps."""
    for path in sorted((project / "docs").rglob("*.md")):
        heading = next((line + "\n" for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# ")), None)
        if heading:
            return path, path.relative_to(project).as_posix(), heading
    raise AssertionError("geen pagina met een kop '# ' in docs/")


def a_term(project: Path) -> termen.Term:
    """An entry of the list that holds everywhere (no exception per file), and one of its banned forms."""
    return next(t for t in termen.load_terms(project) if not t.behalve and not t.hoofdlettergevoelig)


def test_each_finding_names_file_line_and_the_preferred_word(project):
    term = a_term(project)
    banned = term.niet[0]
    first, *rest = banned.split(" ") if " " in banned else (banned, )
    # A folded text of a data entry where a banned form runs over a line break, in the middle of an entry.
    steps = project / "data" / "stappen.yml"
    folded = next(line for line in steps.read_text(encoding="utf-8").splitlines() if line.endswith(": >-"))
    wrapped = f"{first}\n    {' '.join(rest)}" if rest else banned
    line = insert(steps, folded + "\n", f"    Vraag het aan de\n    {wrapped} van het team.\n")
    page, page_rel, heading = a_page(project)
    page_line = insert(page, heading, f"\nDe {banned}-dienst helpt.\n") + 1
    template = next(sorted((project / "macros" / "templates").glob("*.md.j2")).__iter__())
    tpl_heading = next(l + "\n" for l in template.read_text(encoding="utf-8").splitlines() if l.startswith("#"))
    tpl_line = insert(template, tpl_heading, f"Vraag het de {banned}.\n")
    found = {(f.file, f.line, " ".join(f.found.split()).casefold()): f for f in termen.check(project)}
    key = banned.casefold()
    assert ("data/stappen.yml", line + 1, key) in found, found.keys()
    assert (page_rel, page_line, key) in found, found.keys()
    assert (template.relative_to(project).as_posix(), tpl_line, key) in found, found.keys()
    message = found[("data/stappen.yml", line + 1, key)].message()
    shown = " ".join(banned.split())
    assert message.startswith(f"data/stappen.yml, regel {line + 1}: '{shown}' -> schrijf '{term.voorkeur}'."), message
    assert "data/termen.yml, regel" in message


def test_a_word_split_by_a_hyphen_at_a_line_end_is_not_the_word(project):
    """'contract-\nmanager' is not the banned word contractmanager (a list entry of our own)."""
    terms = project / "data" / "termen.yml"
    terms.write_text(terms.read_text(encoding="utf-8")
                     + "\n- voorkeur: beheerder\n  niet: [proefmanager]\n  waarom: Een proef.\n", encoding="utf-8")
    page, _, heading = a_page(project)
    insert(page, heading, "\nVraag het de proef-\nmanager of de proefmanager.\n")
    found = [f.found for f in termen.check(project)]
    assert found == ["proefmanager"], found


def test_ids_links_addresses_comments_and_glossary_spellings_are_not_text(project):
    banned = a_term(project).niet[0]
    # The glossary's own term and aliases may name the other spelling: that gives it the tooltip.
    glossary = project / "data" / "begrippen.yml"
    entry = (f"\n- id: proefbegrip\n  term: {banned}\n  aliassen: [{banned}]  # {banned}, zoals in de leidraad\n"
             "  definitie: Een begrip om de controle te proberen.\n")
    glossary.write_text(glossary.read_text(encoding="utf-8") + entry, encoding="utf-8")
    page, _, heading = a_page(project)
    slug = banned.lower().replace(" ", "-")
    insert(page, heading, f"\n[de pagina](https://example.org/{slug}/x) <!-- {banned} -->\n{{ #{slug} }}\n")
    assert termen.check(project) == []
    # The same word in a definition is text of the site.
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        "  definitie: Een begrip om", f"  definitie: Een begrip ({banned}) om"), encoding="utf-8")
    assert [(f.file, " ".join(f.found.split())) for f in termen.check(project)] == [("data/begrippen.yml", banned)]


def test_an_exception_holds_only_for_its_file(project):
    terms = project / "data" / "termen.yml"
    terms.write_text(terms.read_text(encoding="utf-8") + "\n- voorkeur: leverancier\n  niet: [proefnemer]\n"
                     "  waarom: Een proef.\n  behalve:\n    - data/regels.yml\n", encoding="utf-8")
    (project / "data" / "regels.yml").write_text("- id: x\n  tekst: De proefnemer voert uit.\n", encoding="utf-8")
    (project / "data" / "andere.yml").write_text("- id: x\n  tekst: De proefnemer voert uit.\n", encoding="utf-8")
    assert [f.file for f in termen.check(project) if f.found == "proefnemer"] == ["data/andere.yml"]


def test_a_new_entry_in_the_list_is_enforced_at_once(project):
    """An editor extends the check by touching data/termen.yml only."""
    terms = project / "data" / "termen.yml"
    terms.write_text(terms.read_text(encoding="utf-8")
                     + "\n- voorkeur: aankoper\n  niet: [proefinkoper]\n  waarom: Zo heet de lezer in Vlaanderen.\n",
                     encoding="utf-8")
    page, rel, heading = a_page(project)
    insert(page, heading, "\nElke proefinkoper leest mee.\n")
    assert [(f.file, f.found, f.term.voorkeur) for f in termen.check(project)] == [(rel, "proefinkoper", "aankoper")]


@pytest.mark.parametrize("entry,expected", [
    ("- voorkeur: x\n  waarom: y\n", "item N, veld 'niet': verwacht een lijst"),
    ("- voorkeur: x\n  niet: [z]\n", "item N, veld 'waarom': dit verplichte veld ontbreekt"),
    ("- voorkeur: x\n  niet: [z]\n  waarom: y\n  behalf: [a]\n", "onbekend veld 'behalf'"),
    ("- voorkeur x\n", "item N: verwacht velden"),
])
def test_a_broken_list_gets_a_dutch_message(project, entry, expected):
    terms = project / "data" / "termen.yml"
    text = terms.read_text(encoding="utf-8")
    number = len(yaml.safe_load(text)) + 1  # the number of the entry added below
    terms.write_text(text + "\n" + entry, encoding="utf-8")
    expected = expected.replace("item N", f"item {number}")
    with pytest.raises(termen.TermsFileError) as error:
        termen.load_terms(project)
    assert "data/termen.yml, regel" in str(error.value) and expected in str(error.value)


def test_command_line_counts_and_exit_code(project, tmp_path):
    tool = [sys.executable, str(ROOT / "tools" / "termen.py")]
    ok = subprocess.run(tool + [str(project)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout
    files, terms = len(termen.site_files(project)), len(termen.load_terms(project))
    assert f"Woordkeuze in orde: {files} bestanden gelezen, {terms} regels uit data/termen.yml." in ok.stdout
    term = a_term(project)
    page, rel, heading = a_page(project)
    line = insert(page, heading, f"\n{term.niet[0]} materiaal.\n") + 1
    bad = subprocess.run(tool + [str(project)], capture_output=True, text=True)
    assert bad.returncode == 1
    assert f"{rel}, regel {line}: '{term.niet[0]}' -> schrijf '{term.voorkeur}'" in bad.stdout, bad.stdout
    # A folder without the list or without text is no pass: nothing was checked.
    empty = subprocess.run(tool + [str(tmp_path / "leeg")], capture_output=True, text=True)
    assert empty.returncode == 1 and "data/termen.yml ontbreekt" in empty.stdout and "Traceback" not in empty.stderr
    (tmp_path / "alleen-lijst" / "data").mkdir(parents=True)
    shutil.copy(project / "data" / "termen.yml", tmp_path / "alleen-lijst" / "data" / "termen.yml")
    nothing = subprocess.run(tool + [str(tmp_path / "alleen-lijst")], capture_output=True, text=True)
    assert nothing.returncode == 1 and "Woordkeuze niet gecontroleerd: 0 bestanden" in nothing.stdout, nothing.stdout


def test_every_entry_catches_each_of_its_forms(project):
    """Plant every banned form of every entry on a page: each one is reported, under its own entry."""
    terms = termen.load_terms(project)
    page, rel, heading = a_page(project)
    planted = [(term.voorkeur, form) for term in terms for form in term.niet]
    insert(page, heading, "\n" + "\n\n".join(f"Hier staat {form} in een zin."
                                                                        for _, form in planted) + "\n")
    found = {(f.term.voorkeur, " ".join(f.found.split())) for f in termen.check(project) if f.file == rel}
    assert len(planted) >= 40
    assert set(planted) <= found, sorted(set(planted) - found)


def test_references_in_a_change_note_are_not_text(project):
    """A change note names entries by id ("strategie:terugname-refurbishing"): ids are not prose, its text is."""
    (project / "data" / "wijzigingen.yml").write_text(
        "- id: x\n  wat: Terugname en refurbishing.\n  items: [strategie:terugname-refurbishing]\n"
        "  paginas: [quick-wins.md]\n", encoding="utf-8")
    found = [(f.file, f.line, f.found) for f in termen.check(project) if f.file == "data/wijzigingen.yml"]
    assert found == [("data/wijzigingen.yml", 2, "refurbishing")], found


def a_criteria_file(project: Path) -> tuple[Path, str]:
    """A criteria file and the first line of a folded 'waarom' in it, whichever criteria an editor keeps."""
    for path in sorted((project / "data" / "criteria").glob("*.yml")):
        line = next((l for l in path.read_text(encoding="utf-8").splitlines() if l.startswith("  waarom: >-")), None)
        if line:
            return path, line
    raise AssertionError("geen criterium met 'waarom: >-' in data/criteria/")


def test_the_criteria_are_text_of_the_site(project):
    """The criteria files (data/criteria/*.yml) are read like the other data files."""
    banned = a_term(project).niet[0]
    path, waarom = a_criteria_file(project)
    line = insert(path, waarom + "\n", f"    Vraag het aan de {banned} van het team.\n")
    rel = path.relative_to(project).as_posix()
    found = [(f.file, f.line) for f in termen.check(project) if " ".join(f.found.split()).casefold() == banned.casefold()]
    assert found == [(rel, line)], found
    assert rel in [p.relative_to(project).as_posix() for p in termen.site_files(project)]


def test_opdrachtnemer_stands_in_a_clause_and_nowhere_else_in_a_criterion(project):
    """The exception holds by file and field: a criterion's clause (tekst) goes into a bestek and may say
    opdrachtnemer; its explanation (waarom) and the same field in another data file may not."""
    term = next(t for t in termen.load_terms(project) if "opdrachtnemer" in [n.casefold() for n in t.niet])
    assert "data/criteria/*.yml, veld tekst" in term.behalve
    path, waarom = a_criteria_file(project)
    rel = path.relative_to(project).as_posix()
    raw = path.read_text(encoding="utf-8")
    clause = next(l for l in raw.splitlines() if l.startswith("  tekst: ") and l.rstrip().endswith(("|-", ">-")))
    at_clause = insert(path, clause + "\n", "    De opdrachtnemer levert binnen [aantal] dagen.\n")
    at_waarom = insert(path, waarom + "\n", "    De opdrachtnemer weet dan waar hij aan toe is.\n")
    other = project / "data" / "themas.yml"
    other.write_text(other.read_text(encoding="utf-8") + "\n- id: proefthema\n  tekst: De opdrachtnemer levert.\n",
                     encoding="utf-8")
    found = sorted((f.file, f.line) for f in termen.check(project) if f.found.casefold() == "opdrachtnemer")
    assert (rel, at_clause) not in found, found
    assert (rel, at_waarom) in found and ("data/themas.yml", len(other.read_text(encoding="utf-8").splitlines())) in found, found


def test_an_exception_that_matches_no_file_is_reported(project):
    terms = project / "data" / "termen.yml"
    terms.write_text(terms.read_text(encoding="utf-8") + "\n- voorkeur: leverancier\n  niet: [proefnemer]\n"
                     "  waarom: Een proef.\n  behalve:\n    - data/criteria/*.yaml, veld tekst\n", encoding="utf-8")
    [finding] = [f for f in termen.check(project) if f.unused]
    assert finding.file == "data/termen.yml" and "data/criteria/*.yaml, veld tekst" in finding.message()
    assert "past op geen enkel bestand" in finding.message()


def test_a_malformed_exception_gets_a_dutch_message(project):
    terms = project / "data" / "termen.yml"
    terms.write_text(terms.read_text(encoding="utf-8") + "\n- voorkeur: leverancier\n  niet: [proefnemer]\n"
                     "  waarom: Een proef.\n  behalve:\n    - data/criteria/*.yml field tekst\n", encoding="utf-8")
    with pytest.raises(termen.TermsFileError) as error:
        termen.load_terms(project)
    assert "veld 'behalve': 'data/criteria/*.yml field tekst' is geen bestand of veld" in str(error.value)
