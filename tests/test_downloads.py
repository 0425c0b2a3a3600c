"""The Downloads page of a local or preview build (overrides/hooks/edition.py, docs/downloads.md): its
links work, because the files made for this preview sit beside the pages, or there are none and the
page says why. A published edition's links: tests/test_release_build.py."""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from conftest import ROOT, ENV, html_text

sys.path.insert(0, str(ROOT / "tools"))
import edition as edition_module  # noqa: E402


def download_links(html: str) -> list[str]:
    return re.findall(r'href="(downloads/[^"]+)"', html)


def test_the_downloads_page_of_this_build_has_no_dead_link(site):
    """Whatever the state of dist/: a link to a file of this build is a file in the site, and no link
    means the page says how the files are made (a preview) or where they are published (an edition)."""
    html = (site / "downloads.html").read_text(encoding="utf-8")
    edition = edition_module.current(ROOT)
    local = download_links(html)
    for href in local:
        assert (site / href).is_file(), f"downloads.html links {href}, which is not in {site}"
    if edition.preview and not local:
        text = html_text(html)
        assert "proefversie" in text and "make offline" in text and "make pdf" in text, text[:400]
        assert "circulaire-zorg.github.io/aankoopgids/downloads/" not in html  # not the live site's files


def test_a_preview_with_its_files_links_them_beside_its_pages(tmp_path):
    """`make offline` and `make pdf`, then a build: the page links the two files, copied into the site."""
    import subprocess

    edition = edition_module.current(ROOT)
    if not edition.preview:
        return  # an edition links its published files (tests/test_release_build.py)
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / edition.zip_name).write_bytes(b"PK zip")
    (dist / edition.pdf_name).write_bytes(b"%PDF-1.7")
    site = tmp_path / "site"
    proc = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--site-dir", str(site)],
                          cwd=ROOT, capture_output=True, text=True, env={**ENV, "DIST_DIR": str(dist)})
    assert proc.returncode == 0, proc.stderr[-3000:]
    html = (site / "downloads.html").read_text(encoding="utf-8")
    assert sorted(download_links(html)) == sorted([f"downloads/{edition.zip_name}", f"downloads/{edition.pdf_name}"])
    assert (site / "downloads" / edition.pdf_name).read_bytes() == b"%PDF-1.7"
    assert "make offline" not in html_text(html)
