"""The build stays linear in the data (issue 13): the site's data multiplied by 1 and by 10
(tools/synth_data.py), both built in this one run, compared with each other.

What would make it quadratic is guarded by a measure that does not drift with the machine:
- every page carries the menu, so the menu must not grow with the entries: a pitfall's page
  at x10 is about as large as at x1, and holds as many links;
- the site grows no faster than the data;
and, with room for a busy machine, the build time grows no faster than the data either.
`make bench` measures the same against plain Material up to x100.
"""
from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest

from conftest import ENV, ROOT, menu_links, mkdocs_build
from targets import catalog

sys.path.insert(0, str(ROOT / "tools"))
import synth_data  # noqa: E402  (tools/synth_data.py)

# An entry's own page, in a section that grows with the data: the first pitfall, whichever it is.
PAGE = catalog().all("valkuil")[0].page[:-3] + ".html"
# One page of each kind an entry gets a page of: the first of each.
ENTRY_PAGES = [catalog().all(kind)[0].page[:-3] + ".html" for kind in ("stap", "ambitie", "valkuil", "thema")]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    out = {}
    for factor in (1, 10):
        project = tmp_path_factory.mktemp(f"x{factor}") / "project"
        synth_data.copy_project(project)
        entries = sum(synth_data.multiply(project / "data", factor).values())
        site = project.parent / "site"
        start = time.process_time()
        wall = time.perf_counter()
        proc = mkdocs_build(project, site)
        assert proc.returncode == 0, proc.stderr[-3000:]
        out[factor] = {"entries": entries, "site": site, "project": project, "wall": time.perf_counter() - wall,
                       "bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file())}
    return out


def links(html: str) -> int:
    return len(re.findall(r"<a\s", html))


def test_an_entry_page_does_not_grow_with_the_data(builds):
    one = (builds[1]["site"] / PAGE).read_text(encoding="utf-8")
    ten = (builds[10]["site"] / PAGE).read_text(encoding="utf-8")
    assert len(ten) < 1.3 * len(one), f"{PAGE}: {len(one)} -> {len(ten)} bytes with 10x the data"
    assert links(ten) < 1.3 * links(one), f"{PAGE}: {links(one)} -> {links(ten)} links with 10x the data"


def test_the_menu_lists_a_large_section_by_its_overview(builds):
    """Up to NAV_LIMIT entries a section lists them in the menu; beyond, its overview does, and an
    entry's page still opens its section (overrides/hooks/datapages.py)."""
    # The section's own overview page unfolds the section in its menu (navigation.prune).
    one = menu_links(builds[1]["site"], "valkuilen/index.html")
    ten = menu_links(builds[10]["site"], "valkuilen/index.html")
    assert PAGE in one
    assert PAGE not in ten and "valkuilen/index.html" in ten
    page = (builds[10]["site"] / PAGE).read_text(encoding="utf-8")
    active = re.search(r'<li class="md-tabs__item md-tabs__item--active">\s*<a href="([^"]+)"[^>]*>\s*([^<]+?)\s*</a>', page)
    assert active and active.group(1) == "index.html" and active.group(2) == "Valkuilen en fabels", active


def test_the_site_grows_no_faster_than_the_data(builds):
    data = builds[10]["entries"] / builds[1]["entries"]
    size = builds[10]["bytes"] / builds[1]["bytes"]
    assert size <= data, f"data {data:.1f}x, site {size:.1f}x"


def test_the_build_time_grows_no_faster_than_the_data(builds):
    data = builds[10]["entries"] / builds[1]["entries"]
    took = builds[10]["wall"] / builds[1]["wall"]
    # Linear would be about `data` at most (fixed costs make it less); quadratic would be its square.
    assert took <= data, f"data {data:.1f}x, build time {took:.1f}x ({builds[1]['wall']:.1f} s -> {builds[10]['wall']:.1f} s)"


def test_entries_left_out_of_the_menu_are_still_printed(builds):
    """The print page reads its order from the menu; entries the menu leaves out follow their overview."""
    printed = (builds[10]["site"] / "afdrukken.html").read_text(encoding="utf-8")
    pitfalls = [m.start() for m in re.finditer(r'<section[^>]* id="valkuilen-(?!index")[^"]+"', printed)]
    overview = printed.index('id="valkuilen-index"')
    assert len(pitfalls) >= 40 and all(p > overview for p in pitfalls), len(pitfalls)


def content_links(page) -> list[str]:
    """The links of a page's text, in order: what the page says, not the theme around it."""
    html = page.read_text(encoding="utf-8")
    article = html[html.index('<article class="md-content__inner md-typeset">'):html.index("</article>")]
    article = article.split('<aside class="pagina-meta"')[0]  # ours only: last change, suggestion link
    hrefs = [re.search(r'href="([^"]+)"', tag).group(1) for tag in re.findall(r"<a [^>]*>", article)
             if "href=" in tag and 'rel="edit"' not in tag]
    return [h for h in hrefs if "#tag:" not in h]  # ours only: the tags plugin's theme links


def test_plain_material_builds_the_pages_this_site_publishes(builds, tmp_path):
    """`make bench`'s yardstick (tools/plain_material.py) gets every page's text with its links: what
    this site writes into the HTML itself (edit links, lists of links: macros/render.py, SLOT), plain
    Material gets in the page's Markdown."""
    plain, site = tmp_path / "plain", tmp_path / "plain-site"
    subprocess.run([sys.executable, str(ROOT / "tools" / "plain_material.py"), str(builds[1]["project"]), str(plain)],
                   env=ENV, capture_output=True, text=True, check=True)
    proc = mkdocs_build(plain, site, strict=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    for page in ("begrippen.html", "bronnen.html", "voorbeelden.html", "regelgeving.html", *ENTRY_PAGES):
        ours, theirs = content_links(builds[1]["site"] / page), content_links(site / page)
        assert len(ours) > 10 and ours == theirs, page
