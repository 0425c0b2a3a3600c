"""An editor's real week, scripted: each scenario runs on a fresh copy of the repository, does what
CONTRIBUTING.md tells an editor to do, and checks the outcome on the built site or the exact message.

1. add a resource and link it from a step        6. a typo in an id
2. add a pitfall (own page, menu, search,         7. a date that does not exist
   back-links, new address listed)                8. a tab
3. rename a page (make verplaats)                 9. a colon in a title
4. remove a page for its replacement             10. a file saved as Latin-1
   (make verwijder)
5. rename one page and remove another, then the content tests, unchanged, still pass

Pages and entries are picked from the menu and the data, never named: a page an editor renamed
or removed earlier leaves these scenarios another to pick (tests/targets.py).
CONTRIBUTING.md section 5 lists these scenarios; keep both in step.
"""
from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ENV, menu_links
from targets import catalog, movable_pages, replacement_for
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
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *files], cwd=project,
                          capture_output=True, text=True, env=env, timeout=900)


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line)


def entry_lines(path: Path, entry_id: str) -> tuple[list[str], int, int]:
    """The file's lines and the [start, end) of the entry with this id."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"- id: {entry_id}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("- ")), len(lines))
    return lines, start, end


def add_sentence(path: Path, entry_id: str, sentence: str) -> None:
    """Add a sentence at the end of the entry's first long text (a field written as 'veld: >-')."""
    lines, start, end = entry_lines(path, entry_id)
    at = next(i for i in range(start, end) if re.match(r"^  \w+: >-$", lines[i])) + 1
    while at < end and lines[at].startswith("    "):
        at += 1
    lines.insert(at, "    " + sentence)
    path.write_text("\n".join(lines), encoding="utf-8")


def first_field(path: Path, field: str) -> tuple[str, str, int, int]:
    """(line, entry id, entry number, line number) of the first plain 'field: value' line of a data file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    ids = 0
    entry = None
    for number, line in enumerate(lines, start=1):
        if line.startswith("- id: "):
            ids, entry = ids + 1, line[len("- id: "):].strip()
        elif entry and re.fullmatch(rf"  {field}: [\w][^:#'\"]*", line):
            return line, entry, ids, number
    raise AssertionError(f"geen regel '  {field}: ...' in {path.name}")


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
    step = catalog().all("stap")[0].id  # any step will do: the first
    add_sentence(project / "data" / "stappen.yml", step,
                 "Voor textiel is er de [gids voor herbruikbaar textiel](bron:testbron-textiel).")
    proc = make(project, "build")
    assert proc.returncode == 0, proc.stderr[-3000:]
    site = project / "site"
    assert 'href="../bronnen.html#testbron-textiel">gids voor herbruikbaar textiel</a>' in read(site, f"stappen/{step}.html")
    resources_page = read(site, "bronnen.html")
    section = resources_page[resources_page.index('id="testbron-textiel"'):]
    section = section[:section.find("<h3", 1)]
    assert "Gids voor herbruikbaar textiel" in resources_page and f'href="stappen/{step}.html"' in section


def test_add_a_pitfall_with_its_own_page_menu_search_and_back_links(project):
    step, theme = catalog().all("stap")[0].id, catalog().all("thema")[0].id
    pitfalls = project / "data" / "valkuilen.yml"
    append(pitfalls, fill(copy_template(pitfalls), {
        "id": "wegwerp-is-goedkoper", "titel": "Wegwerp is altijd goedkoper",
        "fabel": "Herbruikbaar materiaal kost altijd meer dan wegwerp.",
        "kort": "Niet als je de hele levensduur meetelt.",
        "werkelijkheid": "De aankoopprijs zegt weinig; reken ook gebruik, onderhoud en afval mee.",
        "aanpak": None, "bewijs": "[]", "bronnen": "[]", "stappen": f"[{step}]", "ambities": "[]",
        "voorbeelden": "[]", "themas": f"[{theme}]"}).replace(
            "  stappen:", "  aanpak:\n    - Vergelijk de levensduurkost.\n  stappen:", 1))
    proc = make(project, "build")
    assert proc.returncode == 0, proc.stderr[-3000:]
    site = project / "site"
    page = read(site, "valkuilen/wegwerp-is-goedkoper.html")
    assert "Wegwerp is altijd goedkoper" in page and "Vergelijk de levensduurkost." in page
    # in the menu of its section (each page's menu unfolds its own section: navigation.prune)
    assert "valkuilen/wegwerp-is-goedkoper.html" in menu_links(site, "valkuilen/index.html")
    assert 'href="../valkuilen/wegwerp-is-goedkoper.html"' in read(site, f"stappen/{step}.html")  # back-link
    assert 'href="../valkuilen/wegwerp-is-goedkoper.html"' in read(site, f"themas/{theme}.html")
    assert "Wegwerp is altijd goedkoper" in read(site, "search/search_index.json")
    listed = (project / "tests" / "published-urls.txt").read_text(encoding="utf-8").splitlines()
    assert "valkuilen/wegwerp-is-goedkoper.html" in listed  # the list grew by itself
    assert "Nieuw in tests/published-urls.txt" in proc.stdout


# --- 3 and 4: renaming and removing a page -----------------------------------
# The pages are picked from the menu and the data (tests/targets.py), as an editor would pick any:
# none is named here, so an editor's earlier rename or removal leaves these tests another to pick.

TEST_LISTS = ("tests/guide_facts.yml", "tests/search_queries.yml")


def nav_title(config: str, page: str) -> str | None:
    match = re.search(rf"^\s+- (.+?): {re.escape(page)}\s*$", config, re.M)
    return match.group(1) if match else None


def move_text_into(project: Path, page: str, instead: str) -> str:
    """What CONTRIBUTING.md section 7 asks before a removal: the page's text, under its title as a
    heading, at the end of the page that replaces it. Returns the title."""
    text = (project / "docs" / page).read_text(encoding="utf-8")
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # front matter stays behind
    title, rest = re.match(r"\s*# (.+)\n(.*)\Z", body, re.S).groups()
    rest = re.sub(r"^(#{2,5}) ", r"#\1 ", rest, flags=re.M)  # one level deeper under the new heading
    target = project / "docs" / instead
    target.write_text(target.read_text(encoding="utf-8").rstrip("\n") + f"\n\n## {title.strip()}\n{rest}", encoding="utf-8")
    return title.strip()


def test_rename_a_page_in_one_command(project):
    page = movable_pages(project)[0]
    new = page[:-3] + "-nieuw.md"
    old_html, new_html = page[:-3] + ".html", new[:-3] + ".html"
    # A heading of the page as it is now: the moved page must still carry it.
    heading = re.search(r"^#{1,2} (.+)$", (project / "docs" / page).read_text(encoding="utf-8"), re.M).group(1).strip()
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    title = nav_title(config, page)
    linking = [p for p in (project / "docs").rglob("*.md") if p != project / "docs" / page
               and re.search(rf"\]\([^)]*{re.escape(page.rsplit('/', 1)[-1])}", p.read_text(encoding="utf-8"))]
    lists = {rel: (project / rel).read_text(encoding="utf-8") for rel in TEST_LISTS}
    proc = make(project, "verplaats", f"VAN={page}", f"NAAR={new}")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    assert f"Doorverwijzing: {old_html} leidt nu naar {new_html}." in proc.stdout
    site = project / "site"
    assert not (project / "docs" / page).exists()
    assert heading in read(site, new_html)
    old = read(site, old_html)
    assert f'<a href="{new_html.rsplit("/", 1)[-1]}" data-doorverwijzing>' in old and 'lang="nl"' in old
    for source in linking:  # every link followed the page
        assert new.rsplit("/", 1)[-1] in source.read_text(encoding="utf-8"), source
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    # The redirect joins the block, whatever older moves already stand in it.
    block = re.search(r"^      redirect_maps:\n((?:        \S.*\n)*)", config, re.M)
    assert block and f"        {page}: {new}\n" in block.group(1), config
    if title:
        assert f"{title}: {new}" in config
    listed = (project / "tests" / "published-urls.txt").read_text(encoding="utf-8").splitlines()
    assert old_html in listed and new_html in listed
    # The tests' own lists name entries and titles, not addresses: nothing in them had to change.
    assert {rel: (project / rel).read_text(encoding="utf-8") for rel in TEST_LISTS} == lists
    tests = run_tests(project, "tests/test_content.py", "tests/test_urls.py::test_no_published_page_disappeared")
    assert tests.returncode == 0, tests.stdout[-3000:]


def test_remove_a_page_for_the_page_that_replaces_it(project):
    page = movable_pages(project)[-1]
    instead = replacement_for(project, page)
    # The editor first moves what still matters to the page that stays, then removes the old one.
    move_text_into(project, page, instead)
    proc = make(project, "verwijder", f"PAGINA={page}", f"VERVANG={instead}")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    site = project / "site"
    assert not (project / "docs" / page).exists()
    assert not re.search(rf"^\s+- (?:[^:\n]+: )?{re.escape(page)}\s*$", (project / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    target = posixpath.relpath(instead[:-3] + ".html", posixpath.dirname(page) or ".")
    assert f'<a href="{target}" data-doorverwijzing>' in read(site, page[:-3] + ".html")
    name = page.rsplit("/", 1)[-1]
    assert not [p for p in (project / "docs").rglob("*.md") if re.search(rf"\]\((?:[^)]*/)?{re.escape(name)}", p.read_text(encoding="utf-8"))]
    tests = run_tests(project, "tests/test_content.py", "tests/test_urls.py::test_no_published_page_disappeared")
    assert tests.returncode == 0, tests.stdout[-3000:]


def test_rename_and_remove_then_the_content_tests_still_pass(project):
    """Issue 22: an editor renames an entry's page and removes a hand-written page with the documented
    commands, picked from the data and the menu, and the content tests (the guide's facts, the search
    queries, the copy check, the addresses) stay green without a change to any test."""
    pitfalls = catalog().all("valkuil")
    old = max(pitfalls, key=lambda i: (len([1 for f in (project / "data").glob("*.yml")
                                            if f"(valkuil:{i.id})" in f.read_text(encoding="utf-8")]), i.id)).id
    proc = make(project, "verplaats", f"VAN=valkuilen/{old}.md", f"NAAR=valkuilen/{old}-hernoemd.md")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    page = movable_pages(project)[0]
    instead = replacement_for(project, page)
    title = move_text_into(project, page, instead)
    proc = make(project, "verwijder", f"PAGINA={page}", f"VERVANG={instead}")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    assert not (project / "docs" / page).exists() and f"- id: {old}-hernoemd\n" in (project / "data" / "valkuilen.yml").read_text(encoding="utf-8")
    assert f"## {title}\n" in (project / "docs" / instead).read_text(encoding="utf-8")
    tests = run_tests(project, "tests/test_content.py", "tests/test_urls.py::test_no_published_page_disappeared",
                      "tests/test_search.py::test_query_set_is_big_and_points_at_real_pages",
                      "tests/test_search.py::test_query_set_hit_rate")
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert re.search(r"\b(\d+) passed", tests.stdout) and "skipped" not in tests.stdout, tests.stdout[-500:]


def test_a_page_that_vanishes_without_redirect_fails_with_the_command_to_use(project):
    page = movable_pages(project)[-1]
    # As if the page was removed by hand: `make verwijder` without the redirect it leaves in mkdocs.yml.
    proc = subprocess.run([sys.executable, "tools/pagina.py", "verwijder", page, replacement_for(project, page)],
                          cwd=project, capture_output=True, text=True, env=ENV, timeout=120)
    assert proc.returncode == 0, proc.stderr
    config = project / "mkdocs.yml"
    config.write_text(re.sub(rf"^\s+{re.escape(page)}: \S+\n", "", config.read_text(encoding="utf-8"), flags=re.M),
                      encoding="utf-8")
    html = page[:-3] + ".html"
    proc = make(project, "urls")
    assert proc.returncode != 0
    assert (f"{html} is gepubliceerd maar ontbreekt in de build. Oude links ernaar werken dan niet meer: zet de "
            f"pagina terug, of laat ze doorverwijzen naar haar opvolger met `make verwijder "
            f"PAGINA={page} VERVANG=andere-pagina.md`") in proc.stderr
    assert html in (project / "tests" / "published-urls.txt").read_text(encoding="utf-8")


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
                 f"  waarom: Lezers vroegen erom.\n  items: [bron:{catalog().all('bron')[0].id}]\n")
    fails_with(project, f"data/wijzigingen.yml, regel {line_of(path, '2026-11-31')}, item 'datum-test' (nr. {count + 1}), "
                        "veld 'datum': de datum 2026-11-31 bestaat niet: november 2026 heeft 30 dagen. Controleer de dag.")


def test_a_tab(project):
    path = project / "data" / "bronnen.yml"
    line, entry, number, _ = first_field(path, "uitgever")
    edit(path, line + "\n", "\t" + line.lstrip() + "\n")
    fails_with(project, f"data/bronnen.yml, regel {line_of(path, chr(9) + 'uitgever')}, item '{entry}' (nr. {number}), "
                        "veld 'uitgever': YAML-syntaxfout: op deze regel staat een tab (kolom 1). YAML laat geen tabs "
                        "toe om in te springen: gebruik spaties, twee per niveau. In VS Code: klik rechtsonder op 'Tab "
                        "Size' of 'Spaces' en kies 'Convert Indentation to Spaces'.")


def test_a_colon_in_a_title(project):
    path = project / "data" / "bronnen.yml"
    line, entry, number, _ = first_field(path, "titel")
    value = line.split(": ", 1)[1]
    edit(path, line + "\n", f"{line}: waar sta je?\n")
    fails_with(project, f"data/bronnen.yml, regel {line_of(path, value + ': waar')}, item '{entry}' (nr. {number}), veld "
                        "'titel': YAML-syntaxfout: de waarde van 'titel' bevat een dubbele punt met een spatie erna "
                        "(': '). YAML leest dat als het begin van een nieuw veld. Zet de hele waarde tussen enkele "
                        f"aanhalingstekens: titel: '{value}: waar sta je?'")


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
