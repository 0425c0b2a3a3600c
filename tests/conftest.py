"""Shared test helpers: the project's paths, a copy of the fixture data, and site builds."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_DIR = ROOT.parent / "shared" / "seed"
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

sys.path.insert(0, str(ROOT))


# What each checker looked at (issue 22: a check proves it looked), shown at the end of the run.
CHECKED: list[str] = []


def checked(line: str) -> None:
    """Record a checker's count for the summary at the end of `make test` (and print it, for -s)."""
    CHECKED.append(line)
    print("\n" + line)


def pytest_terminal_summary(terminalreporter):
    if CHECKED:
        terminalreporter.section("wat de controles nakeken")
        for line in CHECKED:
            terminalreporter.write_line(line)


def mkdocs_build(project: Path, site: Path, strict: bool = True) -> subprocess.CompletedProcess:
    cmd = [str(BIN / "mkdocs"), "build", "--site-dir", str(site)]
    if strict:
        cmd.append("--strict")
    return subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=ENV)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the fixture data set."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", target)
    return target


@pytest.fixture
def fixture_project(tmp_path: Path) -> Path:
    """A tiny site (tests/fixtures/site + data) using the project's real hook and macros."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "site", project)
    shutil.copytree(FIXTURES / "data", project / "data")
    shutil.copytree(ROOT / "macros", project / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides" / "hooks", project / "overrides" / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    return project


@pytest.fixture(scope="session")
def site() -> Path:
    """The real site, built strictly: `make test` passes the one it just built in SITE_DIR."""
    given = os.environ.get("SITE_DIR")
    if given:
        return Path(given).resolve()
    target = ROOT / ".cache" / "test-site"
    proc = mkdocs_build(ROOT, target)
    assert proc.returncode == 0, proc.stderr
    return target


def menu_links(site: Path, page: str) -> list[str]:
    """The links of a page's primary navigation (its menu), in order, as site paths."""
    import posixpath
    import re

    html = (site / page).read_text(encoding="utf-8")
    nav = html[html.index('class="md-nav md-nav--primary'):]
    base = posixpath.dirname(page)
    return [posixpath.normpath(posixpath.join(base, href))
            for href in re.findall(r'href="([^"#]+\.html)"\s+class="md-nav__link', nav)]


def page_text(path: Path) -> str:
    """The visible text of a page's article, whitespace collapsed."""
    return html_text(path.read_text(encoding="utf-8"))


def html_text(raw: str) -> str:
    """The visible text of the <article> in a page's HTML, whitespace collapsed."""
    from html.parser import HTMLParser

    # Inline tags (a, abbr, strong, ...) must not split a word: "<abbr>PVC</abbr>-producten".
    blocks = {"p", "li", "ul", "ol", "div", "br", "td", "th", "tr", "table", "section", "nav", "article",
              "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "dl", "blockquote", "pre", "label", "summary"}

    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            if tag in ("script", "style"):
                self.skip += 1
            if tag in blocks:
                self.parts.append(" ")

        def handle_endtag(self, tag):
            if tag in ("script", "style") and self.skip:
                self.skip -= 1
            if tag in blocks:
                self.parts.append(" ")

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    start, end = raw.find("<article"), raw.find("</article>")
    parser = Text()
    parser.feed(raw[start:end] if start >= 0 else raw)
    return " ".join("".join(parser.parts).split())


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (see tests/browser.py)."""
    from browser import chromium

    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def base_url(site):
    """The built site served on 127.0.0.1."""
    from browser import serve

    with serve(site) as url:
        yield url


# The offline bundle (tests/test_offline.py, tests/test_csp.py).
@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "tools"))
    import edition as edition_module  # tools/edition.py
    import offline as offline_tool  # tools/offline.py

    edition = edition_module.current(ROOT)
    given = os.environ.get("DIST_DIR")
    if given:
        path = Path(given).resolve() / edition.zip_name
        assert path.is_file(), f"{path} ontbreekt: `make offline` maakt hem (edition {edition.version})."
        return path
    out = tmp_path_factory.mktemp("dist")
    code = offline_tool.main(["--site-dir", str(out / "site-offline"), "--out", str(out)])
    assert code == 0
    return out / edition.zip_name


@pytest.fixture(scope="session")
def bundle(offline_zip, tmp_path_factory) -> Path:
    """The bundle unzipped, as a reader does before double-clicking index.html: the one folder it
    unpacks into (tests/test_offline.py checks there is exactly one)."""
    target = tmp_path_factory.mktemp("uitgepakt")
    with zipfile.ZipFile(offline_zip) as zf:
        zf.extractall(target)
    folders = list(target.iterdir())
    assert len(folders) == 1 and folders[0].is_dir(), [p.name for p in folders]
    return folders[0]
