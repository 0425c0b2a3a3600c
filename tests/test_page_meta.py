"""Under every page: "Laatst bijgewerkt" from git, and "Doe een suggestie" without tracking.
Plus the yearly reminder to re-check a resource, which never breaks a strict build."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import ENV, ROOT, mkdocs_build
from macros.catalog import load

SITE_URL = "https://circulaire-zorg.github.io/aankoopgids/"
CATALOG = load(ROOT / "data")
META_RE = re.compile(r'<aside class="pagina-meta".*?</aside>', re.S)


def meta_of(path: Path) -> str:
    found = META_RE.findall(path.read_text(encoding="utf-8"))
    assert len(found) == 1, path
    return found[0]


def source_pages(site: Path) -> dict[str, list[str]]:
    """Built page -> the files holding its text, worked out here without the hook's code."""
    pages = {}
    for md in (ROOT / "docs").rglob("*.md"):
        rel = md.relative_to(ROOT / "docs").as_posix()
        files = [f"docs/{rel}"]
        text = md.read_text(encoding="utf-8")
        for macro, data in (("voorbeelden_lijst", "voorbeelden"), ("bronnen_lijst", "bronnen"),
                            ("begrippen_lijst", "begrippen"), ("stappen_overzicht", "stappen"),
                            ("ambitiekaart", "ambities"), ("valkuilen_overzicht", "valkuilen"),
                            ("themas_overzicht", "themas"), ("regels_lijst", "regels")):
            if macro + "()" in text.replace(" ", ""):
                files.append(f"data/{data}.yml")
        if "wijzigingen_overzicht()" in text.replace(" ", ""):
            files += ["data/wijzigingen.yml", "data/edities.yml"]
        if "config.extra.edities" in text:
            files.append("data/edities.yml")
        pages[rel[:-3] + ".html"] = files
    for item in CATALOG.pages():
        pages[item.page[:-3] + ".html"] = [item.file]
    return {page: files for page, files in pages.items() if (site / page).exists()}


def git(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_every_page_offers_a_prefilled_suggestion_link_and_no_script(site):
    pages = source_pages(site)
    assert len(pages) > 30
    for page in pages:
        meta = meta_of(site / page)
        assert "<script" not in meta and "onclick" not in meta
        href = unescape(re.search(r'<a href="([^"]+)">Doe een suggestie</a>', meta).group(1))
        parts = urlsplit(href)
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://github.com/circulaire-zorg/aankoopgids/issues/new"
        query = parse_qs(parts.query)
        assert query["template"] == ["inhoud.yml"]
        assert query["pagina"] == [SITE_URL + page], page
        title = re.search(r"<title>(.*?)</title>", (site / page).read_text(encoding="utf-8")).group(1)
        shown = unescape(title) if page == "index.html" else unescape(title).rsplit(" - ", 1)[0]  # " - <site name>"
        assert query["title"] == ["Suggestie: " + shown], page


def test_last_updated_is_the_last_commit_of_the_page_source(site):
    pages = source_pages(site)
    shallow = git("rev-parse", "--is-shallow-repository")
    if shallow.returncode != 0 or shallow.stdout.strip() != "false":
        # Outside git or in a shallow clone: no page claims a date.
        assert not any("Laatst bijgewerkt" in meta_of(site / p) for p in pages)
        return
    checked = 0
    for page, files in pages.items():
        dates = [git("log", "-1", "--format=%cs", "--", f).stdout.strip() for f in files]
        dates = [d for d in dates if d]
        meta = meta_of(site / page)
        if dates:
            assert f'<time datetime="{max(dates)}">' in meta, (page, files, dates)
            checked += 1
        else:
            assert "Laatst bijgewerkt" not in meta, page
    assert checked >= 10


def test_generated_page_links_its_data_file_and_line_in_the_title(site):
    for item in CATALOG.pages():
        meta = meta_of(site / (item.page[:-3] + ".html"))
        link = re.search(r'<a href="([^"]+)" rel="edit" title="([^"]+)">Bewerk de tekst van deze pagina</a>', meta)
        assert link and link.group(1).endswith("/edit/main/" + item.file), item.key
        assert unescape(link.group(2)) == f"{item.file}, vanaf regel {item.line}", item.key
        assert item.file not in re.sub(r"<[^>]+>", " ", meta), item.key
        line = (ROOT / item.file).read_text(encoding="utf-8").splitlines()[item.line - 1]
        assert line.strip() == f"- id: {item.id}", (item.key, line)


# --- a fixture site with this feature, in a git repository of its own -----------------


@pytest.fixture
def meta_project(fixture_project: Path) -> Path:
    (fixture_project / "overrides" / "partials").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "overrides" / "main.html", fixture_project / "overrides" / "main.html")
    shutil.copy(ROOT / "overrides" / "partials" / "page-meta.html", fixture_project / "overrides" / "partials")
    shutil.copy(ROOT / "overrides" / "hooks" / "pagemeta.py", fixture_project / "overrides" / "hooks")
    config = fixture_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1)
    text = text.replace("  - overrides/hooks/datapages.py\n", "  - overrides/hooks/datapages.py\n  - overrides/hooks/pagemeta.py\n", 1)
    config.write_text(text, encoding="utf-8")
    return fixture_project


def commit_all(project: Path, when: str, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "Redactie",
           "GIT_AUTHOR_EMAIL": "redactie@example.org", "GIT_COMMITTER_NAME": "Redactie",
           "GIT_COMMITTER_EMAIL": "redactie@example.org"}
    assert git("add", "-A", cwd=project).returncode == 0
    proc = git("commit", "-q", "-m", message, cwd=project, env=env)
    assert proc.returncode == 0, proc.stderr


def test_dates_in_a_full_clone_and_none_in_a_shallow_one_or_outside_git(meta_project, tmp_path):
    assert git("init", "-q", "-b", "main", cwd=meta_project).returncode == 0
    commit_all(meta_project, "2025-03-03T10:00:00+01:00", "eerste versie")
    resources = meta_project / "data" / "bronnen.yml"
    resources.write_text(resources.read_text(encoding="utf-8").replace("Een tool met criteria.", "Een tool met aankoopcriteria."),
                         encoding="utf-8")
    commit_all(meta_project, "2025-06-15T10:00:00+02:00", "bron bijgewerkt")

    site = tmp_path / "volledig"
    proc = mkdocs_build(meta_project, site)
    assert proc.returncode == 0, proc.stderr
    assert '<time datetime="2025-03-03">3 maart 2025</time>' in meta_of(site / "index.html")
    # bronnen.md did not change, but the list it shows (data/bronnen.yml) did.
    assert '<time datetime="2025-06-15">15 juni 2025</time>' in meta_of(site / "bronnen.html")
    assert '<time datetime="2025-03-03">' in meta_of(site / "valkuilen" / "valkuil-een.html")

    clone = tmp_path / "ondiep"
    proc = git("clone", "-q", "--depth", "1", meta_project.as_uri(), str(clone))
    assert proc.returncode == 0, proc.stderr
    proc = mkdocs_build(clone, tmp_path / "ondiep-site")
    assert proc.returncode == 0, proc.stderr
    meta = meta_of(tmp_path / "ondiep-site" / "bronnen.html")
    assert "Laatst bijgewerkt" not in meta and "Doe een suggestie" in meta

    shutil.rmtree(meta_project / ".git")
    proc = mkdocs_build(meta_project, tmp_path / "zonder-git")
    assert proc.returncode == 0, proc.stderr
    meta = meta_of(tmp_path / "zonder-git" / "index.html")
    assert "Laatst bijgewerkt" not in meta and "Doe een suggestie" in meta


def write_link_results(project: Path, dates: dict[str, str]) -> None:
    """data/linkcontrole.json as tools/linkcheck.py --record writes it."""
    (project / "data" / "linkcontrole.json").write_text(json.dumps({"uitleg": "test", "adressen": dates}), encoding="utf-8")


def test_resource_whose_link_did_not_work_for_a_year_is_reported_but_does_not_fail_the_build(meta_project, tmp_path):
    today = dt.date.today().isoformat()
    write_link_results(meta_project, {"https://example.org/tool": today, "https://example.org/label": "2020-01-31"})
    strict = mkdocs_build(meta_project, tmp_path / "strikt")
    assert strict.returncode == 0, strict.stderr
    lines = [line for line in strict.stderr.splitlines() if "controle verouderd" in line.lower()]
    assert len(lines) == 1, strict.stderr  # 'tool' worked today, 'label' last in 2020
    assert lines[0].startswith("INFO") and "WAARSCHUWING" in lines[0]
    assert "data/bronnen.yml, regel 8, hulpbron 'label': https://example.org/label werkte laatst op 2020-01-31" in lines[0]
    assert "pas 'url' aan" in lines[0] and "gecontroleerd" not in lines[0].split(":", 3)[-1].replace("niet gecontroleerd", "")

    loose = mkdocs_build(meta_project, tmp_path / "los", strict=False)
    assert loose.returncode == 0
    assert any(line.startswith("WARNING") and "'label'" in line for line in loose.stderr.splitlines()), loose.stderr

    check = subprocess.run([sys.executable, "-m", "macros.verouderd", str(meta_project / "data")],
                           cwd=ROOT, capture_output=True, text=True, env=ENV)
    assert check.returncode == 1 and "1 hulpbron(nen)" in check.stdout and "'label'" in check.stdout and "'tool'" not in check.stdout

    # Never found working: one line in the build, every one listed by `make check-dates`.
    write_link_results(meta_project, {"https://example.org/tool": today})
    strict = mkdocs_build(meta_project, tmp_path / "nooit")
    lines = [line for line in strict.stderr.splitlines() if "controle verouderd" in line.lower()]
    assert strict.returncode == 0 and len(lines) == 1 and "1 van de 2 hulpbronnen zijn nog niet gecontroleerd" in lines[0], lines
    check = subprocess.run([sys.executable, "-m", "macros.verouderd", str(meta_project / "data")],
                           cwd=ROOT, capture_output=True, text=True, env=ENV)
    assert check.returncode == 1 and "1 hulpbron(nen) nog niet gecontroleerd" in check.stdout and "'label'" in check.stdout

    write_link_results(meta_project, {"https://example.org/tool": today, "https://example.org/label": today})
    check = subprocess.run([sys.executable, "-m", "macros.verouderd", str(meta_project / "data")],
                           cwd=ROOT, capture_output=True, text=True, env=ENV)
    assert check.returncode == 0, check.stdout
