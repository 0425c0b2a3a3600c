"""A published edition, built for real: the whole site from a copy of this work tree in a scratch git
repository, tagged as `make release` tags an edition. Readers see the edition's name and nothing for
developers: no commit hash, no "nog niet gecontroleerd" (that list goes to the build's output and
`make check-dates`). A commit after the tag is a preview, and says so, still without a hash.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from browser import site_pages
from conftest import ROOT, html_text, mkdocs_build

sys.path.insert(0, str(ROOT / "tools"))
import edition as edition_module  # noqa: E402

VERSION = "v2099.01"


def git(repo: Path, *args: str, day: str = "2099-01-15") -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Redactie", "GIT_AUTHOR_EMAIL": "redactie@example.org",
           "GIT_COMMITTER_NAME": "Redactie", "GIT_COMMITTER_EMAIL": "redactie@example.org",
           "GIT_AUTHOR_DATE": f"{day}T10:00:00+01:00", "GIT_COMMITTER_DATE": f"{day}T10:00:00+01:00"}
    proc = subprocess.run(["git", "-C", str(repo), "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", *args],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> tuple[Path, Path, str]:
    """The work tree's files (tracked and new, not ignored) in a repository of their own, the edition
    tag on its one commit, built strictly. No link check has run: every resource is unchecked."""
    project = tmp_path_factory.mktemp("editie") / "project"
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard", "-z"],
                            capture_output=True, text=True, check=True).stdout.split("\0")
    copied = 0
    for rel in filter(None, listed):
        source = ROOT / rel
        if source.is_file():
            (project / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / rel)
            copied += 1
    assert copied > 100
    (project / "data" / "linkcontrole.json").unlink(missing_ok=True)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Editie")
    git(project, "tag", "-a", VERSION, "-m", f"Editie {VERSION}")
    site = project.parent / "site"
    proc = mkdocs_build(project, site)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return project, site, proc.stderr


def hashes(project: Path) -> list[str]:
    full = git(project, "rev-parse", "HEAD")
    return [full[:n] for n in (7, 8, 9, 10, 12)] + [full]


def reader_pages(site: Path) -> list[Path]:
    pages = [site / p for p in site_pages(site)]
    assert len(pages) > 30
    return pages


def test_a_release_build_names_its_edition_and_shows_no_hash(released):
    project, site, _ = released
    edition = edition_module.current(project)
    assert (edition.version, edition.preview) == (VERSION, False)
    assert edition.pdf_name.endswith(f"-{VERSION}.pdf") and edition.zip_name.endswith(f"-{VERSION}-offline.zip")
    commit = hashes(project)
    for page in reader_pages(site):
        html = page.read_text(encoding="utf-8")
        # Every page's footer; the print page's cover (it has no footer).
        stamp = html[html.index('<footer class="md-footer"'):] if page.name != "afdrukken.html" else html
        assert re.search(rf'data-editie="{re.escape(VERSION)}">\s*Editie {re.escape(VERSION)} van <time', stamp), page
        for h in commit:
            assert h not in html, f"{page.relative_to(site)}: commit {h} for readers"
        assert "proefversie" not in stamp.lower() or page.name == "afdrukken.html", page.relative_to(site)
    # The downloads carry the edition's name, where the deploy workflow publishes them.
    downloads = (site / "downloads.html").read_text(encoding="utf-8")
    assert f'href="https://circulaire-zorg.github.io/aankoopgids/downloads/{edition.pdf_name}"' in downloads
    assert f'href="https://circulaire-zorg.github.io/aankoopgids/downloads/{edition.zip_name}"' in downloads
    assert f"editie {VERSION}" in html_text(downloads)


def test_unchecked_links_go_to_the_build_output_not_to_readers(released):
    """No link check has run in the copy: the build says so, once; no reader page does."""
    _, site, log = released
    assert re.search(r"\d+ van de \d+ hulpbronnen zijn nog niet gecontroleerd", log), log[-2000:]
    assert "README.md" in log  # where the message is explained
    for page in reader_pages(site):
        html = page.read_text(encoding="utf-8")
        # The label of issue 25 (an old change note may still tell that it was once there).
        assert "link nog niet gecontroleerd" not in html, page.relative_to(site)
        assert "link laatst goed bevonden" not in html, page.relative_to(site)  # no check ran: no date either


def test_a_commit_after_the_edition_is_a_preview_without_a_hash(released, tmp_path):
    project, _, _ = released
    page = project / "docs" / "over.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEen correctie.\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "Correctie", day="2099-02-03")
    edition = edition_module.current(project)
    assert edition.preview and edition.version == "proefversie-2099-02-03"
    site = tmp_path / "site"
    proc = mkdocs_build(project, site)
    assert proc.returncode == 0, proc.stderr[-3000:]
    commit = hashes(project)
    for built in reader_pages(site):
        html = built.read_text(encoding="utf-8")
        stamp = html[html.index('<footer class="md-footer"'):] if built.name != "afdrukken.html" else html
        assert "Proefversie van <time" in stamp and "(geen vaste editie)" in stamp, built
        assert not re.search(r"-\d+-g[0-9a-f]{7,}", html), built  # git describe's "v2099.01-1-gab12cd3"
        for h in commit:
            assert h not in html, f"{built.relative_to(site)}: commit {h} for readers"
