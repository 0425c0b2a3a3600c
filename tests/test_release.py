"""Editions (`make release`, tools/release.py) and the whole path of a change note.

On a copy of the fixture site in a scratch git repository with this feature switched on (the
hooks, the theme partials, the print page): a note added in one YAML file shows under its page,
on "Nieuw en gewijzigd" and in the feed; `make release` then fixes the next edition, whose PDF
carries the note under "Wijzigingen in deze editie" and whose Downloads page lists it.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, mkdocs_build

sys.path.insert(0, str(ROOT / "tools"))
import release  # noqa: E402  (tools/release.py)

FIRST_NOTE = """
- id: eerste
  datum: 2026-11-02
  titel: Eerste versie
  wat: De gids staat online.
  waarom: Om te beginnen.
  hele_gids: true
"""
NEW_NOTE = """
- id: criteriatool-bijgewerkt
  datum: 2026-12-01
  titel: Criteriatool opnieuw beschreven
  wat: De beschrijving van de criteriatool zegt nu waarvoor je hem gebruikt.
  waarom: Lezers vroegen wat de tool precies doet.
  items: [bron:tool]
"""


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", "-C", str(repo), "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", *args],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.fixture
def when(monkeypatch):
    """Set the clock git writes into the next commits (and so the edition stamp's date)."""
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Redactie")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "redactie@example.org")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Redactie")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "redactie@example.org")

    def set_date(day: str) -> None:
        monkeypatch.setenv("GIT_AUTHOR_DATE", f"{day}T10:00:00+01:00")
        monkeypatch.setenv("GIT_COMMITTER_DATE", f"{day}T10:00:00+01:00")

    return set_date


@pytest.fixture
def project(fixture_project: Path, when) -> Path:
    """The fixture site with the change notes, the edition stamp, the page meta and the print page,
    in a git repository whose main holds one note."""
    p = fixture_project
    (p / "overrides" / "partials").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "overrides" / "main.html", p / "overrides" / "main.html")
    for name in ("page-meta.html", "print-cover.html", "beeldmerk.svg"):
        shutil.copy(ROOT / "overrides" / "partials" / name, p / "overrides" / "partials" / name)
    shutil.copy(ROOT / "overrides" / "afdrukken.html", p / "overrides" / "afdrukken.html")
    (p / "tools").mkdir()
    shutil.copy(ROOT / "tools" / "edition.py", p / "tools" / "edition.py")
    (p / "schemas").mkdir()
    shutil.copy(ROOT / "schemas" / "atom.rng", p / "schemas" / "atom.rng")  # the build checks feed.xml against it
    for page in ("nieuw-en-gewijzigd.md", "downloads.md", "volgen.md", "assets/stylesheets/print.css", "assets/stylesheets/afdrukken.css"):
        (p / "docs" / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "docs" / page, p / "docs" / page)
    config = p / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1)
    text = text.replace("  - overrides/hooks/datapages.py\n", "  - overrides/hooks/datapages.py\n"
                        "  - overrides/hooks/edition.py\n  - overrides/hooks/printpage.py\n"
                        "  - overrides/hooks/pagemeta.py\n  - overrides/hooks/wijzigingen.py\n", 1)
    text = text.replace("\nnav:\n", "\nextra:\n  afdrukken:\n    uitsluiten: [downloads.md, nieuw-en-gewijzigd.md, volgen.md]\n"
                        "extra_css:\n  - assets/stylesheets/print.css\nnav:\n", 1)
    text += "  - Nieuw en gewijzigd: nieuw-en-gewijzigd.md\n  - Wijzigingen volgen: volgen.md\n  - Downloads: downloads.md\n"
    config.write_text(text, encoding="utf-8")
    (p / "data" / "wijzigingen.yml").write_text(FIRST_NOTE, encoding="utf-8")
    (p / "data" / "edities.yml").write_text("# Geschreven door make release.\n[]\n", encoding="utf-8")
    (p / ".gitignore").write_text("site/\n", encoding="utf-8")
    when("2026-11-02")
    git(p, "init", "-q", "-b", "main")
    git(p, "add", "-A")
    git(p, "commit", "-q", "-m", "eerste versie")
    return p


def build(project: Path, site: Path) -> Path:
    proc = mkdocs_build(project, site)
    assert proc.returncode == 0, proc.stderr
    return site


def flat(text: str) -> str:
    return " ".join(text.split())


def test_version_scheme():
    assert release.next_version(dt.date(2027, 3, 5), set()) == "v2027.03"
    assert release.next_version(dt.date(2027, 3, 5), {"v2027.03"}) == "v2027.03.2"
    assert release.next_version(dt.date(2027, 3, 5), {"v2027.03", "v2027.03.2"}) == "v2027.03.3"
    assert release.next_version(dt.date(2027, 12, 31), {"v2027.03"}) == "v2027.12"


def test_record_keeps_the_comments_and_replaces_the_empty_list(tmp_path):
    path = tmp_path / "edities.yml"
    path.write_text("# Uitleg.\n[]\n", encoding="utf-8")
    release.record(path, release.edition_block("v2026.11", dt.date(2026, 11, 3), ["b", "a"]))
    release.record(path, release.edition_block("v2026.12", dt.date(2026, 12, 2), ["c"]))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Uitleg.\n- versie: v2026.11\n")
    assert yaml.safe_load(text) == [
        {"versie": "v2026.11", "datum": dt.date(2026, 11, 3), "wijzigingen": ["b", "a"]},
        {"versie": "v2026.12", "datum": dt.date(2026, 12, 2), "wijzigingen": ["c"]}]


def test_release_refuses_a_dirty_tree_another_branch_and_nothing_new(project, when, capsys):
    (project / "docs" / "index.md").write_text("# Start\n\nGewijzigd.\n", encoding="utf-8")
    assert release.main(["make"], root=project, today=dt.date(2026, 11, 3)) == 1
    assert "Geen editie gemaakt: De werkmap heeft wijzigingen die niet gecommit zijn" in capsys.readouterr().err
    git(project, "checkout", "--", "docs/index.md")

    git(project, "switch", "-q", "-c", "zijtak")
    assert release.main(["make"], root=project, today=dt.date(2026, 11, 3)) == 1
    assert "Een editie maak je op main, niet op zijtak" in capsys.readouterr().err
    git(project, "switch", "-q", "main")

    when("2026-11-03")
    assert release.main(["make"], root=project, today=dt.date(2026, 11, 3)) == 0
    assert git(project, "describe", "--tags") == "v2026.11"
    assert release.main(["make"], root=project, today=dt.date(2026, 11, 20)) == 1
    assert "Er is geen nieuwe wijzigingsnota sinds editie v2026.11 van 3 november 2026" in capsys.readouterr().err
    assert git(project, "tag", "--list") == "v2026.11"


def test_release_refuses_bad_data_and_leaves_nothing_behind(project, capsys):
    notes = project / "data" / "wijzigingen.yml"
    notes.write_text(notes.read_text(encoding="utf-8") + NEW_NOTE.replace("bron:tool", "bron:toool"), encoding="utf-8")
    git(project, "commit", "-qam", "nota met fout")
    assert release.main(["make"], root=project, today=dt.date(2026, 12, 2)) == 1
    err = capsys.readouterr().err
    assert "onbekende bron 'toool'. Bedoelde je 'tool'?" in err and "Traceback" not in err
    assert git(project, "status", "--porcelain") == "" and git(project, "tag", "--list") == ""


def test_a_note_in_one_yaml_file_reaches_the_page_the_list_the_feed_and_the_next_editions_pdf(project, when, tmp_path):
    when("2026-11-03")
    assert release.main(["make"], root=project, today=dt.date(2026, 11, 3)) == 0
    assert git(project, "log", "-1", "--format=%s") == "Editie v2026.11"
    assert yaml.safe_load((project / "data" / "edities.yml").read_text(encoding="utf-8")) == [
        {"versie": "v2026.11", "datum": dt.date(2026, 11, 3), "wijzigingen": ["eerste"]}]

    # An editor adds one note, touching one file.
    when("2026-12-01")
    notes = project / "data" / "wijzigingen.yml"
    notes.write_text(notes.read_text(encoding="utf-8") + NEW_NOTE, encoding="utf-8")
    git(project, "commit", "-qam", "nota over de criteriatool")
    assert git(project, "show", "--name-only", "--format=", "HEAD") == "data/wijzigingen.yml"

    site = build(project, tmp_path / "tussen")
    # Under the page of the entry it names: the newest note first, the older one behind the disclosure.
    meta = re.search(r'<aside class="pagina-meta".*?</aside>', (site / "bronnen.html").read_text(encoding="utf-8"), re.S).group(0)
    assert re.search(r'Laatste inhoudelijke wijziging</strong> op <time datetime="2026-12-01">1 december 2026</time>:\s*'
                     r'<a href="nieuw-en-gewijzigd.html#criteriatool-bijgewerkt">Criteriatool opnieuw beschreven</a>', meta)
    assert "Alle wijzigingen aan deze pagina (2)" in meta
    # A page the note does not name keeps the old one as its last change.
    assert "Laatste inhoudelijke wijziging</strong> op <time datetime=\"2026-11-02\">" in (site / "index.html").read_text(encoding="utf-8")
    # "Nieuw en gewijzigd": in this build's edition (after v2026.11), and in the full list.
    news = (site / "nieuw-en-gewijzigd.html").read_text(encoding="utf-8")
    this = news[news.index('id="deze-editie"'):news.index('id="volgen"')]
    assert 'href="#criteriatool-bijgewerkt"' in this and 'href="#eerste"' not in this
    assert "Sinds editie v2026.11 van 3 november 2026 veranderde dit." in this
    assert '<h3 id="criteriatool-bijgewerkt">' in news and 'href="bronnen.html#tool"' in news
    assert "nog niet in een vaste editie" in news and "editie v2026.11" in news
    # The feed.
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "<id>tag:circulaire-zorg.github.io,2026:aankoopgids/wijziging/criteriatool-bijgewerkt</id>" in feed
    assert feed.index("criteriatool-bijgewerkt") < feed.index("wijziging/eerste")

    # The next edition.
    when("2026-12-02")
    assert release.main(["make"], root=project, today=dt.date(2026, 12, 2)) == 0
    assert git(project, "describe", "--tags") == "v2026.12"
    site = build(project, tmp_path / "editie")
    out = tmp_path / "dist"
    # In a process of its own: the session's browser fixture may already hold Playwright in this one.
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "pdf.py"), "--site", str(site), "--out", str(out),
                           "--root", str(project)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    from pypdf import PdfReader

    pages = [flat(p.extract_text() or "") for p in PdfReader(out / "circulair-aankopen-zorg-v2026.12.pdf").pages]
    assert "Editie v2026.12 van 2 december 2026" in pages[0]
    # Below the footer line each page starts with ("pagina N van M <site> · <edition>").
    section = next(p for p in pages[:3] if re.sub(r"^pagina \d+ van \d+.*? 2026 ", "", p, count=1).startswith("Wijzigingen in deze editie"))
    assert "Editie v2026.12 van 2 december 2026 bevat deze wijzigingen sinds editie v2026.11 van 3 november 2026." in section
    assert "Criteriatool opnieuw beschreven (1 december 2026)" in section
    assert "Lezers vroegen wat de tool precies doet." in section and "Eerste versie" not in section

    # Downloads lists both editions with their files on the GitHub release; the release text says the same.
    downloads = flat(re.sub(r"<[^>]+>", " ", (site / "downloads.html").read_text(encoding="utf-8")))
    assert "Editie v2026.12 van 2 december 2026" in downloads and "Editie v2026.11 van 3 november 2026" in downloads
    html = (site / "downloads.html").read_text(encoding="utf-8")
    assert ('href="https://github.com/voorbeeld/test/releases/download/v2026.12/circulair-aankopen-zorg-v2026.12-offline.zip"'
            in html)
    assert 'href="nieuw-en-gewijzigd.html#criteriatool-bijgewerkt"' in html
    text = release.notes_markdown(project, "v2026.12")
    assert text.startswith("## Wijzigingen in deze editie\n")
    assert "**Criteriatool opnieuw beschreven** (1 december 2026)" in text
    assert "[Een criteriatool (hulpbron)](https://example.org/test/bronnen.html#tool)" in text and "Eerste versie" not in text
    with pytest.raises(release.ReleaseError, match="v2025.01 is geen vaste editie"):
        release.notes_markdown(project, "v2025.01")


def test_make_release_and_the_deploy_workflow_on_a_tag():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^release: .*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert recipe.index("tools/release.py make") < recipe.index("build offline pdf") < recipe.index("tools/release.py notes")
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    on = wf.pop(True, wf.get("on"))
    assert on["push"]["tags"] == ["v*"] and on["push"]["branches"] == ["main"]
    job = wf["jobs"]["release"]
    assert job["if"] == "github.ref_type == 'tag'" and job["permissions"] == {"contents": "write"}
    # The edition's files are built by make test in the read-only job, which checks them too, and handed
    # over as an artifact: the job that may write runs gh on them and nothing of the repository
    # (tests/test_workflows.py holds every job to that).
    build = "\n".join(s.get("run", "") for s in wf["jobs"]["build"]["steps"])
    assert build.index("make test") < build.index('tools/release.py notes --version "$GITHUB_REF_NAME"')
    script = "\n".join(s.get("run", "") for s in job["steps"])
    assert re.search(r'gh release create "\$GITHUB_REF_NAME" .*--verify-tag', script)
    assert "--notes-file editie/wijzigingen.md" in script and "editie/*-offline.zip editie/*.pdf" in script
    # The other jobs keep their read-only token.
    assert wf["permissions"] == {"contents": "read"} and wf["jobs"]["build"]["permissions"] == {"contents": "read"}
