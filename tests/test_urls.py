"""Stable URLs: every published page stays reachable, or a redirect takes its place."""
from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import urls  # noqa: E402  (tools/urls.py)


def test_no_published_page_disappeared_and_no_new_page_is_unlisted(site):
    listed = urls.listed_pages()
    assert len(listed) > 30 and "index.html" in listed
    found = urls.problems(listed, urls.built_pages(site))
    assert not found, "\n".join(found)


def test_check_reports_a_vanished_page_and_an_unlisted_one():
    found = urls.problems({"index.html", "bronnen.html"}, {"index.html", "nieuw.html"})
    assert len(found) == 2
    assert found[0].startswith("bronnen.html is gepubliceerd maar ontbreekt") and "'bronnen.md': 'nieuwe-pagina.md'" in found[0]
    assert found[1].startswith("nieuw.html is nieuw") and "make urls" in found[1]


def test_redirect_keeps_an_old_address_alive(fixture_project, tmp_path):
    """Moving a page breaks the check until a redirect in mkdocs.yml serves the old address."""
    from conftest import mkdocs_build

    (fixture_project / "docs" / "over.md").write_text("# Over\n\nWie maakt deze gids.\n", encoding="utf-8")
    config = fixture_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  - Over: over.md\n", encoding="utf-8")
    first = mkdocs_build(fixture_project, tmp_path / "v1")
    assert first.returncode == 0, first.stderr
    published = urls.built_pages(tmp_path / "v1")
    assert "over.html" in published
    (fixture_project / "docs" / "over.md").rename(fixture_project / "docs" / "over-de-gids.md")
    config.write_text(config.read_text(encoding="utf-8").replace("over.md", "over-de-gids.md"), encoding="utf-8")
    moved = mkdocs_build(fixture_project, tmp_path / "v2")
    assert moved.returncode == 0, moved.stderr
    found = urls.problems(published, urls.built_pages(tmp_path / "v2"))
    assert any(p.startswith("over.html is gepubliceerd maar ontbreekt") for p in found), found
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("plugins:\n", "plugins:\n  - redirects:\n      redirect_maps:\n"
                                   "        over.md: over-de-gids.md\n", 1), encoding="utf-8")
    redirected = mkdocs_build(fixture_project, tmp_path / "v3")
    assert redirected.returncode == 0, redirected.stderr
    old = (tmp_path / "v3" / "over.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in old and "over-de-gids.html" in old
    assert urls.problems(published, urls.built_pages(tmp_path / "v3")) == [
        "over-de-gids.html is nieuw en staat nog niet in tests/published-urls.txt. "
        "Is de pagina bewust toegevoegd? Werk de lijst bij met `make urls` en commit hem mee."]


def test_redirects_plugin_is_configured():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - redirects:\n      redirect_maps:" in text
