"""The edition stamp (tools/edition.py): its rules in and outside git. That the same stamp shows
online, in the bundle and in the PDF: tests/test_offline.py and tests/test_pdf.py."""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import edition as edition_module  # noqa: E402


def git(repo, *args, date="2027-03-05T10:00:00+01:00"):
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org",
                    "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", *args],
                   check=True, capture_output=True, env=env)


@pytest.fixture
def outside_git(tmp_path, monkeypatch):
    # git must not find a repository above the temporary folder either.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    return tmp_path


def test_outside_git_a_build_is_a_preview_of_the_build_date(outside_git):
    edition = edition_module.current(outside_git, today=dt.date(2027, 3, 5))
    assert (edition.version, edition.from_git, edition.preview) == ("proefversie-2027-03-05", False, True)
    assert edition.label == "Proefversie van 5 maart 2027 (geen vaste editie)"
    assert edition.zip_name == "circulair-aankopen-zorg-proefversie-2027-03-05-offline.zip"


def test_only_the_commit_of_an_edition_tag_is_an_edition_everything_else_a_preview(outside_git):
    """Readers see an edition name (the tag `make release` sets) or "proefversie": never a commit hash."""
    repo = outside_git
    git(repo, "init", "-q")
    (repo / "a.txt").write_text("een\n")
    git(repo, "add", "a.txt")
    git(repo, "commit", "-q", "-m", "eerste")
    # No tag yet: a preview of the commit's day.
    edition = edition_module.current(repo, today=dt.date(2030, 1, 1))
    assert (edition.version, edition.date, edition.preview) == ("proefversie-2027-03-05", dt.date(2027, 3, 5), True)
    # A tag that is not an edition's (v1.2) names no edition either.
    git(repo, "tag", "v1.2")
    assert edition_module.current(repo, today=dt.date(2030, 1, 1)).preview
    git(repo, "tag", "-a", "v2027.03", "-m", "Editie v2027.03")
    edition = edition_module.current(repo, today=dt.date(2030, 1, 1))
    assert (edition.version, edition.date, edition.from_git, edition.preview) == ("v2027.03", dt.date(2027, 3, 5), True, False)
    assert edition.label == "Editie v2027.03 van 5 maart 2027"
    assert edition.pdf_name == "circulair-aankopen-zorg-v2027.03.pdf"
    assert edition.folder_name == "circulair-aankopen-zorg-v2027.03"

    # Uncommitted changes: a preview of today, not the edition.
    (repo / "a.txt").write_text("twee\n")
    edition = edition_module.current(repo, today=dt.date(2027, 3, 9))
    assert (edition.version, edition.preview) == ("proefversie-2027-03-09", True)

    # A commit after the edition: a preview of that commit's day (the Brussels date, not UTC's 25 December).
    git(repo, "commit", "-q", "-am", "tweede", date="2027-12-24T23:30:00+01:00")
    edition = edition_module.current(repo, today=dt.date(2030, 1, 1))
    assert (edition.version, edition.date, edition.preview) == ("proefversie-2027-12-24", dt.date(2027, 12, 24), True)
    for text in (edition.label, edition.pdf_name, edition.zip_name, edition.folder_name):
        assert not re.search(r"\bg?[0-9a-f]{7,}\b", text), f"een commit-hash voor lezers: {text}"
    # A second edition in the month: vJJJJ.MM.2 is an edition too.
    git(repo, "tag", "-a", "v2027.12.2", "-m", "Editie v2027.12.2")
    assert edition_module.current(repo).version == "v2027.12.2"


def test_file_names_stay_safe_for_any_tag():
    edition = edition_module.Edition("release/2027 maart", dt.date(2027, 3, 5), True)
    assert edition.file_version == "release-2027-maart"
    assert edition.zip_name == "circulair-aankopen-zorg-release-2027-maart-offline.zip"


def test_prune_keeps_only_the_current_edition_of_each_kind(tmp_path):
    name = edition_module.NAME
    for file in (f"{name}-v1.pdf", f"{name}-v1-offline.zip", f"{name}-v2.pdf", f"{name}-v2-offline.zip", "notities.txt"):
        (tmp_path / file).write_text("x", encoding="utf-8")
    assert edition_module.prune(tmp_path, tmp_path / f"{name}-v2.pdf") == [f"{name}-v1.pdf"]
    assert edition_module.prune(tmp_path, tmp_path / f"{name}-v2-offline.zip") == [f"{name}-v1-offline.zip"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{name}-v2-offline.zip", f"{name}-v2.pdf", "notities.txt"]
