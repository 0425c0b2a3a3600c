"""Stable URLs: every published page stays reachable, or a redirect takes its place.

The list (tests/published-urls.txt) only grows: a new page never fails a check, a page that
goes without a redirect does, and `make urls` never drops an address. The page at an old
address is a redirect to every reader and every test: Dutch, noindex, a visible link.
"""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT, checked, mkdocs_build

sys.path.insert(0, str(ROOT / "tools"))
import urls  # noqa: E402  (tools/urls.py)


def test_no_published_page_disappeared(site):
    listed = urls.listed_pages()
    assert len(listed) > 30 and "index.html" in listed
    built = urls.built_pages(site)
    found = urls.problems(listed, built)
    checked(f"adressenlijst: {len(listed)} gepubliceerde adressen nagekeken tegen {len(built)} in de build")
    assert not found, "\n".join(found)


def test_a_vanished_page_is_reported_and_a_new_one_is_not():
    found = urls.problems({"index.html", "bronnen.html"}, {"index.html", "nieuw.html"})
    assert found == [
        "bronnen.html is gepubliceerd maar ontbreekt in de build. Oude links ernaar werken dan niet meer: zet de "
        "pagina terug, of laat ze doorverwijzen naar haar opvolger met `make verwijder PAGINA=bronnen.md "
        "VERVANG=andere-pagina.md` (of `make verplaats VAN=bronnen.md NAAR=nieuwe-naam.md` als ze alleen een "
        "andere naam kreeg)."]


def test_the_list_grows_by_itself_and_never_drops_an_address(tmp_path):
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    for page in ("index.html", "404.html", "sub/nieuw.html"):
        (site / page).write_text("<!doctype html><title>x</title>", encoding="utf-8")
    listed = tmp_path / "urls.txt"
    listed.write_text(urls.HEADER + "index.html\nweg.html\n", encoding="utf-8")
    assert urls.add(site, listed) == ["sub/nieuw.html"]
    assert urls.listed_pages(listed) == {"index.html", "weg.html", "sub/nieuw.html"}  # weg.html stays listed
    assert urls.add(site, listed) == []


def test_make_urls_fails_on_a_vanished_page_and_keeps_it_listed(tmp_path, monkeypatch, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    listed = tmp_path / "urls.txt"
    listed.write_text(urls.HEADER + "index.html\nweg.html\n", encoding="utf-8")
    monkeypatch.setattr(urls, "LIST", listed)
    monkeypatch.setattr(urls.add, "__defaults__", (listed,))
    monkeypatch.setattr(urls.listed_pages, "__defaults__", (listed,))
    assert urls.main(["check", str(site)]) == 1
    out = capsys.readouterr()
    assert "weg.html is gepubliceerd maar ontbreekt" in out.err
    assert "Adressen: 2 gepubliceerde adressen nagekeken tegen 1 in de build; 1 ontbreken." in out.out
    assert urls.main(["add", str(site)]) == 0  # part of `make build`: a warning, the tests fail on it
    assert "WAARSCHUWING: weg.html" in capsys.readouterr().err
    assert "weg.html" in urls.listed_pages(listed)
    # An empty list checks nothing: that is a failure, not a pass.
    listed.write_text(urls.HEADER, encoding="utf-8")
    assert urls.main(["check", str(site)]) == 1
    assert "is leeg of ontbreekt: er is niets na te kijken" in capsys.readouterr().err


@pytest.fixture
def moved(fixture_project, tmp_path):
    """The fixture site with a page over.md, built; then moved to over-de-gids.md with a redirect."""
    (fixture_project / "docs" / "over.md").write_text("# Over\n\nWie maakt deze gids.\n\n## Contact\n\nMail ons.\n",
                                                      encoding="utf-8")
    config = fixture_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "  - overrides/hooks/datapages.py\n", "  - overrides/hooks/datapages.py\n  - overrides/hooks/doorverwijzing.py\n")
    config.write_text(text + "  - Over: over.md\n", encoding="utf-8")
    (fixture_project / "docs" / "assets" / "javascripts").mkdir(parents=True)
    (fixture_project / "docs" / "assets" / "javascripts" / "doorverwijzing.js").write_bytes(
        (ROOT / "docs" / "assets" / "javascripts" / "doorverwijzing.js").read_bytes())
    first = mkdocs_build(fixture_project, tmp_path / "v1")
    assert first.returncode == 0, first.stderr
    published = urls.built_pages(tmp_path / "v1")
    assert "over.html" in published
    (fixture_project / "docs" / "over.md").rename(fixture_project / "docs" / "over-de-gids.md")
    config.write_text(config.read_text(encoding="utf-8").replace("over.md", "over-de-gids.md"), encoding="utf-8")
    without = mkdocs_build(fixture_project, tmp_path / "v2")
    assert without.returncode == 0, without.stderr
    found = urls.problems(published, urls.built_pages(tmp_path / "v2"))
    assert [p.split(" is ")[0] for p in found] == ["over.html"], found
    config.write_text(config.read_text(encoding="utf-8").replace(
        "plugins:\n", "plugins:\n  - redirects:\n      redirect_maps:\n        over.md: over-de-gids.md\n", 1), encoding="utf-8")
    redirected = mkdocs_build(fixture_project, tmp_path / "v3")
    assert redirected.returncode == 0, redirected.stderr
    assert urls.problems(published, urls.built_pages(tmp_path / "v3")) == []
    return tmp_path / "v3"


def test_the_page_at_the_old_address_is_a_dutch_redirect(moved):
    old = (moved / "over.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in old and '<meta name="robots" content="noindex">' in old
    assert '<meta http-equiv="refresh" content="0; url=over-de-gids.html">' in old
    assert '<link rel="canonical" href="https://example.org/test/over-de-gids.html">' in old
    assert '<a href="over-de-gids.html" data-doorverwijzing>Over</a>' in old  # the new page's title
    assert "Deze pagina is verhuisd" in old and "Redirecting" not in old
    assert "<script>" not in old and "onload" not in old  # no inline script (Content-Security-Policy)
    assert urls.is_redirect(moved / "over.html") and not urls.is_redirect(moved / "over-de-gids.html")
    assert "over.html" not in urls.content_pages(moved) and "over-de-gids.html" in urls.content_pages(moved)
    assert urls.follow(moved, "over.html") == "over-de-gids.html"


def test_a_reader_at_the_old_address_lands_on_the_new_page_with_the_anchor(moved, browser):
    from browser import serve

    with serve(moved) as url:
        page = browser.new_page()
        try:
            page.goto(url + "over.html#contact")
            page.wait_for_url("**/over-de-gids.html#contact", timeout=10000)
            assert page.locator("h2#contact").is_visible()
            page.goto((moved / "over.html").as_uri())  # from the offline bundle (file://) too
            page.wait_for_url("**/over-de-gids.html", timeout=10000)
        finally:
            page.close()


def test_redirect_to_a_page_that_does_not_exist_is_refused_in_dutch(fixture_project, tmp_path):
    config = fixture_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "  - overrides/hooks/datapages.py\n", "  - overrides/hooks/datapages.py\n  - overrides/hooks/doorverwijzing.py\n")
    config.write_text(text.replace("plugins:\n", "plugins:\n  - redirects:\n      redirect_maps:\n"
                                   "        oud.md: bestaat-niet.md\n        bronnen.md: index.md\n", 1), encoding="utf-8")
    proc = mkdocs_build(fixture_project, tmp_path / "site")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "mkdocs.yml, redirect_maps, 'oud.md: bestaat-niet.md': de nieuwe pagina 'bestaat-niet.md' bestaat niet." in proc.stderr
    assert "mkdocs.yml, redirect_maps, 'bronnen.md: index.md': docs/bronnen.md bestaat (weer) als pagina" in proc.stderr


def test_a_redirect_to_a_page_made_from_data_works(fixture_project, tmp_path):
    config = fixture_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "  - overrides/hooks/datapages.py\n", "  - overrides/hooks/datapages.py\n  - overrides/hooks/doorverwijzing.py\n")
    config.write_text(text.replace("plugins:\n", "plugins:\n  - redirects:\n      redirect_maps:\n"
                                   "        valkuilen/oud.md: valkuilen/valkuil-een.md\n", 1), encoding="utf-8")
    proc = mkdocs_build(fixture_project, tmp_path / "site")
    assert proc.returncode == 0, proc.stderr
    assert urls.follow(tmp_path / "site", "valkuilen/oud.html") == "valkuilen/valkuil-een.html"


def test_redirects_plugin_is_configured_as_a_block():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - redirects:\n      redirect_maps:\n" in text and "redirect_maps: {}" not in text
    assert "  - overrides/hooks/doorverwijzing.py" in text
