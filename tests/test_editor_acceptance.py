"""An editor's real week, scripted: each scenario runs on a fresh copy of the repository, does what
CONTRIBUTING.md tells an editor to do, and checks the outcome on the built site or the exact message.

1. add a resource and link it from a step        6. a date that does not exist
2. add a pitfall (own page, menu, search,         7. a tab
   back-links, new address listed)                8. a colon in a title
3. rename a page (make verplaats)                 9. a file saved as Latin-1
4. remove a page for its replacement (make verwijder)
5. a typo in an id

CONTRIBUTING.md section 5 lists these scenarios; keep both in step.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ENV, menu_links
from test_editor_workflow import append, copy_project, copy_template, fill

VENV = Path(sys.executable).parent.parent


def make(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", *args, f"VENV={VENV}"], cwd=project, capture_output=True,
                          text=True, env=ENV, timeout=600)


def check(project: Path) -> subprocess.CompletedProcess:
    """`.venv/bin/python -m macros`: the one-second data check of CONTRIBUTING.md section 4."""
    return subprocess.run([sys.executable, "-m", "macros"], cwd=project, capture_output=True, text=True, env=ENV,
                          timeout=120)


def run_tests(project: Path, *files: str) -> subprocess.CompletedProcess:
    """The project's own tests that a page move touches, on the copy's built site."""
    env = {**ENV, "SITE_DIR": str(project / "site")}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", "not guide_copy",
                           *files], cwd=project, capture_output=True, text=True, env=env, timeout=900)


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Path:
    copy = tmp_path / "project"
    copy_project(copy)
    return copy


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


# --- 1 and 2: adding ---------------------------------------------------------


def test_add_a_resource_and_link_it_from_a_step(project):
    resources = project / "data" / "bronnen.yml"
    append(resources, fill(copy_template(resources), {
        "id": "testbron-textiel", "titel": "Gids voor herbruikbaar textiel", "uitgever": "Testorganisatie",
        "url": "https://www.voorbeeld.be/textiel", "soort": "gids", "taal": "nl",
        "beschrijving": "Hoe je herbruikbaar textiel aankoopt.",
        "stappen": "[]", "ambities": "[]", "strategieen": "[]", "themas": "[]"}))
    steps = project / "data" / "stappen.yml"
    edit(steps, "      [Europese GPP-criteria](bron:eu-gpp-criteria).\n",
         "      [Europese GPP-criteria](bron:eu-gpp-criteria), en voor textiel de\n"
         "      [gids voor herbruikbaar textiel](bron:testbron-textiel).\n")
    proc = make(project, "build")
    assert proc.returncode == 0, proc.stderr[-3000:]
    site = project / "site"
    step = read(site, "stappen/specificeren.html")
    assert 'href="../bronnen.html#testbron-textiel">gids voor herbruikbaar textiel</a>' in step
    resources_page = read(site, "bronnen.html")
    section = resources_page[resources_page.index('id="testbron-textiel"'):]
    section = section[:section.find("<h3", 1)]
    assert "Gids voor herbruikbaar textiel" in resources_page and 'href="stappen/specificeren.html"' in section


def test_add_a_pitfall_with_its_own_page_menu_search_and_back_links(project):
    pitfalls = project / "data" / "valkuilen.yml"
    append(pitfalls, fill(copy_template(pitfalls), {
        "id": "wegwerp-is-goedkoper", "titel": "Wegwerp is altijd goedkoper",
        "fabel": "Herbruikbaar materiaal kost altijd meer dan wegwerp.",
        "kort": "Niet als je de hele levensduur meetelt.",
        "werkelijkheid": "De aankoopprijs zegt weinig; reken ook gebruik, onderhoud en afval mee.",
        "aanpak": None, "bewijs": "[]", "bronnen": "[]", "stappen": "[specificeren]", "ambities": "[]",
        "voorbeelden": "[]", "themas": "[wegwerpartikelen]"}).replace(
            "  stappen:", "  aanpak:\n    - Vergelijk de levensduurkost.\n  stappen:", 1))
    proc = make(project, "build")
    assert proc.returncode == 0, proc.stderr[-3000:]
    site = project / "site"
    page = read(site, "valkuilen/wegwerp-is-goedkoper.html")
    assert "Wegwerp is altijd goedkoper" in page and "Vergelijk de levensduurkost." in page
    # in the menu of its section (each page's menu unfolds its own section: navigation.prune)
    assert "valkuilen/wegwerp-is-goedkoper.html" in menu_links(site, "valkuilen/index.html")
    assert 'href="../valkuilen/wegwerp-is-goedkoper.html"' in read(site, "stappen/specificeren.html")  # back-link
    assert 'href="../valkuilen/wegwerp-is-goedkoper.html"' in read(site, "themas/wegwerpartikelen.html")
    assert "Wegwerp is altijd goedkoper" in read(site, "search/search_index.json")
    listed = (project / "tests" / "published-urls.txt").read_text(encoding="utf-8").splitlines()
    assert "valkuilen/wegwerp-is-goedkoper.html" in listed  # the list grew by itself
    assert "Nieuw in tests/published-urls.txt" in proc.stdout


# --- 3 and 4: renaming and removing a page -----------------------------------


def test_rename_a_page_in_one_command(project):
    # A heading of the page as it is now: the moved page must still carry it.
    heading = re.search(r"^## (.+)$", (project / "docs" / "inleiding" / "aan-de-slag.md").read_text(encoding="utf-8"),
                        re.M).group(1).strip()
    proc = make(project, "verplaats", "VAN=inleiding/aan-de-slag.md", "NAAR=inleiding/starten.md")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    assert "Doorverwijzing: inleiding/aan-de-slag.html leidt nu naar inleiding/starten.html." in proc.stdout
    site = project / "site"
    assert not (project / "docs" / "inleiding" / "aan-de-slag.md").exists()
    assert heading in read(site, "inleiding/starten.html")
    old = read(site, "inleiding/aan-de-slag.html")
    assert '<a href="starten.html" data-doorverwijzing>Aan de slag</a>' in old and 'lang="nl"' in old
    assert 'href="inleiding/starten.html"' in read(site, "index.html")  # the link and the menu followed
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      redirect_maps:\n        inleiding/aan-de-slag.md: inleiding/starten.md\n" in config
    assert "Aan de slag: inleiding/starten.md" in config
    listed = (project / "tests" / "published-urls.txt").read_text(encoding="utf-8").splitlines()
    assert "inleiding/aan-de-slag.html" in listed and "inleiding/starten.html" in listed
    assert "pagina: inleiding/starten.html" in (project / "tests" / "guide_facts.yml").read_text(encoding="utf-8")
    tests = run_tests(project, "tests/test_content.py", "tests/test_urls.py::test_no_published_page_disappeared")
    assert tests.returncode == 0, tests.stdout[-3000:]


def test_remove_a_page_for_the_page_that_replaces_it(project):
    # The editor first moves what still matters to the page that stays, then removes the old one.
    start = (project / "docs" / "inleiding" / "aan-de-slag.md").read_text(encoding="utf-8")
    body = start.split("# Aan de slag\n", 1)[1].replace("\n## ", "\n### ")
    intro = project / "docs" / "inleiding" / "index.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\n## Aan de slag\n" + body, encoding="utf-8")
    proc = make(project, "verwijder", "PAGINA=inleiding/aan-de-slag.md", "VERVANG=inleiding/index.md")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    site = project / "site"
    assert not (project / "docs" / "inleiding" / "aan-de-slag.md").exists()
    assert "Aan de slag: inleiding/aan-de-slag.md" not in (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert '<a href="index.html" data-doorverwijzing>' in read(site, "inleiding/aan-de-slag.html")
    assert "aan-de-slag.md" not in (project / "docs" / "index.md").read_text(encoding="utf-8")
    tests = run_tests(project, "tests/test_content.py", "tests/test_urls.py::test_no_published_page_disappeared")
    assert tests.returncode == 0, tests.stdout[-3000:]


def test_a_page_that_vanishes_without_redirect_fails_with_the_command_to_use(project):
    (project / "docs" / "toegankelijkheid.md").unlink()
    edit(project / "mkdocs.yml", "      - Toegankelijkheid: toegankelijkheid.md\n", "")
    edit(project / "docs" / "over.md", "[toegankelijkheidsverklaring](toegankelijkheid.md)", "toegankelijkheidsverklaring")
    # The build named the change note that mentions the page; the editor took it out there too.
    edit(project / "data" / "wijzigingen.yml", "paginas: [toegankelijkheid.md, over.md]", "paginas: [over.md]")
    proc = make(project, "urls")
    assert proc.returncode != 0
    assert ("toegankelijkheid.html is gepubliceerd maar ontbreekt in de build. Oude links ernaar werken dan niet meer: "
            "zet de pagina terug, of laat ze doorverwijzen naar haar opvolger met `make verwijder "
            "PAGINA=toegankelijkheid.md VERVANG=andere-pagina.md`") in proc.stderr
    assert "toegankelijkheid.html" in (project / "tests" / "published-urls.txt").read_text(encoding="utf-8")


# --- 5 to 9: mistakes, each with one exact message ---------------------------


def fails_with(project: Path, message: str) -> None:
    """The data check and the build both stop with exactly this message, and no traceback."""
    quick = check(project)
    assert quick.returncode == 1 and f"  - {message}\n" in quick.stderr, quick.stderr
    build = make(project, "build")
    assert build.returncode != 0 and message in build.stderr and "Traceback" not in build.stderr, build.stderr[-2000:]
    assert "Build mislukt: site/ is niet gewijzigd." in build.stderr


def test_typo_in_an_id(project):
    path = project / "data" / "bronnen.yml"
    text = path.read_text(encoding="utf-8")
    old = re.search(r"^  stappen: \[(.*?)\]$", text, re.M)
    first = old.group(1).split(",")[0].strip()
    typo = first[:-2] + first[-1] + first[-2]  # two letters swapped
    edit(path, old.group(0), old.group(0).replace(first, typo, 1))
    entry = re.findall(r"^- id: (\S+)", text[:old.start()], re.M)
    fails_with(project, f"data/bronnen.yml, regel {line_of(path, old.group(0).replace(first, typo, 1))}, item "
                        f"'{entry[-1]}' (nr. {len(entry)}), veld 'stappen': onbekende stap '{typo}'. Bedoelde je "
                        f"'{first}'? Geldige ids staan in data/stappen.yml.")


def test_a_date_that_does_not_exist(project):
    # The one date editors type: the day of a change note (CONTRIBUTING.md, deel 3).
    path = project / "data" / "wijzigingen.yml"
    count = len(re.findall(r"^- id: ", path.read_text(encoding="utf-8"), re.M))
    append(path, "- id: datum-test\n  datum: 2026-11-31\n  titel: Een nieuwe hulpbron\n  wat: Een hulpbron erbij.\n"
                 "  waarom: Lezers vroegen erom.\n  items: [bron:quickscan]\n")
    fails_with(project, f"data/wijzigingen.yml, regel {line_of(path, '2026-11-31')}, item 'datum-test' (nr. {count + 1}), "
                        "veld 'datum': de datum 2026-11-31 bestaat niet: november 2026 heeft 30 dagen. Controleer de dag.")


def test_a_tab(project):
    path = project / "data" / "bronnen.yml"
    edit(path, "  uitgever: Vlaanderen Circulair\n", "\tuitgever: Vlaanderen Circulair\n")
    fails_with(project, f"data/bronnen.yml, regel {line_of(path, chr(9) + 'uitgever')}, item 'r-strategieen' (nr. 1), "
                        "veld 'uitgever': YAML-syntaxfout: op deze regel staat een tab (kolom 1). YAML laat geen tabs "
                        "toe om in te springen: gebruik spaties, twee per niveau. In VS Code: klik rechtsonder op 'Tab "
                        "Size' of 'Spaces' en kies 'Convert Indentation to Spaces'.")


def test_a_colon_in_a_title(project):
    path = project / "data" / "bronnen.yml"
    edit(path, "  titel: Quickscan\n", "  titel: Quickscan: waar sta je?\n")
    fails_with(project, f"data/bronnen.yml, regel {line_of(path, 'Quickscan: waar')}, item 'quickscan' (nr. 2), veld "
                        "'titel': YAML-syntaxfout: de waarde van 'titel' bevat een dubbele punt met een spatie erna "
                        "(': '). YAML leest dat als het begin van een nieuw veld. Zet de hele waarde tussen enkele "
                        "aanhalingstekens: titel: 'Quickscan: waar sta je?'")


def test_a_file_saved_as_latin1(project):
    path = project / "data" / "bronnen.yml"
    text = path.read_text(encoding="utf-8")
    assert text.isascii() is False  # it has letters like 'ë' that Latin-1 writes as one other byte
    path.write_bytes(text.encode("latin-1"))
    first = next(i for i, line in enumerate(text.splitlines(), start=1) if not line.isascii())
    before = text.splitlines()[first - 1]
    column = next(i for i, c in enumerate(before) if not c.isascii())
    shown = before[:column].strip()[-25:].strip()
    char = before[column]
    fails_with(project, f"data/bronnen.yml, regel {first}: het bestand is niet opgeslagen als UTF-8: het teken na "
                        f"'{shown}' (byte 0x{ord(char):02X}, in Latin-1 of Windows-1252 '{char}') is geen UTF-8."
                        + _more_lines(text, first) + " Bewaar het bestand als UTF-8. In VS Code: klik rechtsonder op "
                        "de codering, kies 'Reopen with Encoding' en 'Western (Windows 1252)', controleer de letters, "
                        "klik opnieuw op de codering en kies 'Save with Encoding' en 'UTF-8'.")


def _more_lines(text: str, first: int) -> str:
    others = [i for i, line in enumerate(text.splitlines(), start=1) if not line.isascii() and i != first]
    if not others:
        return ""
    return f" Ook regel {', '.join(map(str, others[:10]))}{' en meer' if len(others) > 10 else ''} bevat zulke tekens."


def test_the_scenarios_are_the_ones_contributing_describes():
    from conftest import ROOT

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    names = [name for name in re.findall(r"^def (test_\w+)", Path(__file__).read_text(encoding="utf-8"), re.M)
             if name != "test_the_scenarios_are_the_ones_contributing_describes"]
    missing = [name for name in names if f"`{name[5:]}`" not in text]
    assert not missing, f"CONTRIBUTING.md noemt deze scenario's niet: {missing}"
    assert os.path.basename(__file__) in text
