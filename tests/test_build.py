"""Build a tiny site with the real hook and macros, and check what it renders and what it refuses."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ENV, ROOT, mkdocs_build


def test_fixture_site_builds_and_links_both_ways(fixture_project, tmp_path):
    site = tmp_path / "site"
    proc = mkdocs_build(fixture_project, site)
    assert proc.returncode == 0, proc.stderr
    pitfall = (site / "valkuilen" / "valkuil-een.html").read_text(encoding="utf-8")
    assert 'href="../bronnen.html#tool"' in pitfall
    resources = (site / "bronnen.html").read_text(encoding="utf-8")
    assert 'id="tool"' in resources and 'href="valkuilen/valkuil-een.html"' in resources
    # Generated pages are in the navigation without any edit of mkdocs.yml.
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="stappen/eerste.html"' in home and 'href="valkuilen/valkuil-een.html"' in home
    # Their edit button opens the YAML file that holds their text.
    assert "https://github.com/voorbeeld/test/edit/main/data/valkuilen.yml" in pitfall


def test_plain_text_is_escaped_and_markdown_rendered(fixture_project, tmp_path):
    themes = fixture_project / "data" / "themas.yml"
    themes.write_text(themes.read_text().replace("naam: Textiel", "naam: \"<script>alert('x')</script> Textiel\"")
                      .replace("Linnen en werkkledij.", "Linnen en **werkkledij**."), encoding="utf-8")
    site = tmp_path / "site"
    proc = mkdocs_build(fixture_project, site)
    assert proc.returncode == 0, proc.stderr
    page = (site / "themas" / "textiel.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    assert "<strong>werkkledij</strong>" in page


def test_broken_link_fails_strict_build(fixture_project, tmp_path):
    (fixture_project / "docs" / "index.md").write_text("# Start\n\n[weg](bestaat-niet.md)\n", encoding="utf-8")
    proc = mkdocs_build(fixture_project, tmp_path / "site")
    assert proc.returncode != 0
    assert "bestaat-niet.md" in proc.stderr


def test_broken_anchor_fails_strict_build(fixture_project, tmp_path):
    (fixture_project / "docs" / "index.md").write_text("# Start\n\n[weg](bronnen.md#bestaat-niet)\n", encoding="utf-8")
    proc = mkdocs_build(fixture_project, tmp_path / "site")
    assert proc.returncode != 0
    assert "bestaat-niet" in proc.stderr


def test_unknown_entry_link_in_a_page_fails_with_its_file(fixture_project, tmp_path):
    (fixture_project / "docs" / "index.md").write_text("# Start\n\n[tool](bron:tol)\n", encoding="utf-8")
    proc = mkdocs_build(fixture_project, tmp_path / "site")
    assert proc.returncode != 0
    assert "docs/index.md" in proc.stderr and "onbekende bron 'tol'" in proc.stderr and "Bedoelde je 'tool'?" in proc.stderr


def test_bad_data_stops_build_with_clear_message(fixture_project, tmp_path):
    resources = fixture_project / "data" / "bronnen.yml"
    resources.write_text(resources.read_text().replace("url: https://example.org/tool", "url: example.org/tool"))
    proc = mkdocs_build(fixture_project, tmp_path / "site")
    assert proc.returncode != 0
    assert "data/bronnen.yml" in proc.stderr and "item 'tool' (nr. 1)" in proc.stderr and "veld 'url'" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_failed_make_build_keeps_last_good_site(fixture_project):
    shutil.copy(ROOT / "Makefile", fixture_project)
    shutil.copy(ROOT / "requirements.txt", fixture_project)
    venv = Path(sys.executable).parent.parent
    make = ["make", "--no-print-directory", "build", f"VENV={venv}"]
    first = subprocess.run(make, cwd=fixture_project, capture_output=True, text=True, env=ENV)
    assert first.returncode == 0, first.stdout + first.stderr
    index = fixture_project / "site" / "index.html"
    good = index.read_text(encoding="utf-8")
    (fixture_project / "data" / "themas.yml").write_text("- id: textiel\n  naam: ''\n", encoding="utf-8")
    second = subprocess.run(make, cwd=fixture_project, capture_output=True, text=True, env=ENV)
    assert second.returncode != 0
    assert "veld 'naam'" in second.stderr
    assert index.read_text(encoding="utf-8") == good
    assert not (fixture_project / "site.tmp").exists()


def test_page_link_in_data_is_written_from_docs_and_works_at_any_depth(fixture_project, tmp_path):
    """Data text lands on pages at several depths: a link to a page, written from docs/, works on each."""
    steps = fixture_project / "data" / "stappen.yml"
    steps.write_text(steps.read_text(encoding="utf-8").replace(
        "  waarom: Omdat het moet.", "  waarom: Omdat het moet; zie de [hulpbronnen](bronnen.md#tool)."), encoding="utf-8")
    site = tmp_path / "site"
    proc = mkdocs_build(fixture_project, site)
    assert proc.returncode == 0, proc.stderr
    assert 'href="../bronnen.html#tool"' in (site / "stappen" / "eerste.html").read_text(encoding="utf-8")


def test_unknown_link_prefix_in_a_page_names_the_file_and_line(fixture_project, tmp_path):
    (fixture_project / "docs" / "index.md").write_text("# Start\n\nTekst.\n\n[tool](hulpbron:tool)\n", encoding="utf-8")
    proc = mkdocs_build(fixture_project, tmp_path / "site")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "docs/index.md, regel 5: in een link: onbekend soort link 'hulpbron:tool'. Bedoelde je 'bron:tool'?" in proc.stderr
    assert "printpage.py" not in proc.stderr
