"""Build a tiny site with the real hook and macros, and check what it renders and what it refuses."""
from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

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
    # A plain-text field shows what was typed: no entity decoded, no Markdown applied.
    themes = fixture_project / "data" / "themas.yml"
    themes.write_text(themes.read_text().replace("naam: Textiel", "naam: \"&lt;b&gt; *Textiel* & {co}\"")
                      .replace("Linnen en werkkledij.", "Linnen en **werkkledij**."), encoding="utf-8")
    site = tmp_path / "site"
    proc = mkdocs_build(fixture_project, site)
    assert proc.returncode == 0, proc.stderr
    page = (site / "themas" / "textiel.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    assert h1 == "&amp;lt;b&amp;gt; *Textiel* &amp; {co}", h1
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


def make_project(fixture_project: Path) -> list[str]:
    """The fixture project with the real Makefile and build script; returns the `make build` command."""
    shutil.copy(ROOT / "Makefile", fixture_project)
    shutil.copy(ROOT / "requirements.txt", fixture_project)
    (fixture_project / "tools").mkdir(exist_ok=True)
    shutil.copy(ROOT / "tools" / "build.py", fixture_project / "tools")
    venv = Path(sys.executable).parent.parent
    return ["make", "--no-print-directory", "build", f"VENV={venv}"]


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.glob(".site.*") if p.name != ".site.lock")


def test_failed_make_build_keeps_last_good_site(fixture_project):
    make_project(fixture_project)
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
    assert leftovers(fixture_project) == []


def test_two_builds_at_once_both_end_with_a_whole_site(fixture_project):
    make = make_project(fixture_project)
    reference = subprocess.run(make, cwd=fixture_project, capture_output=True, text=True, env=ENV)
    assert reference.returncode == 0, reference.stderr
    expected = sorted(p.relative_to(fixture_project / "site").as_posix() for p in (fixture_project / "site").rglob("*"))
    runs = [subprocess.Popen(make, cwd=fixture_project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
            for _ in range(2)]
    outputs = [r.communicate(timeout=300) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outputs
    assert any("wacht" in err for _, err in outputs), "the second build should say it waits for the first"
    built = sorted(p.relative_to(fixture_project / "site").as_posix() for p in (fixture_project / "site").rglob("*"))
    assert built == expected
    assert leftovers(fixture_project) == []


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_build_leaves_the_last_good_site_and_no_debris(fixture_project, sig):
    make = make_project(fixture_project)
    first = subprocess.run(make, cwd=fixture_project, capture_output=True, text=True, env=ENV)
    assert first.returncode == 0, first.stderr
    index = fixture_project / "site" / "index.html"
    good = index.read_text(encoding="utf-8")
    (fixture_project / "docs" / "index.md").write_text("# Nieuw\n\nAndere tekst.\n", encoding="utf-8")
    # The build script itself, not make: Ctrl-C reaches every process of the terminal's group,
    # a kill only the one it names; the script must clean up in both cases.
    proc = subprocess.Popen([sys.executable, "tools/build.py"], cwd=fixture_project, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=ENV)
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".site.tmp-") and any(p.iterdir()) for p in fixture_project.glob(".site.*")):
        assert proc.poll() is None and time.monotonic() < deadline, "the build ended before it could be interrupted"
        time.sleep(0.02)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert "onderbroken" in err and "Traceback" not in err, err
    assert index.read_text(encoding="utf-8") == good
    assert leftovers(fixture_project) == []


def test_titles_are_escaped_once_in_navigation_and_footer_labels(fixture_project, tmp_path):
    """A title with an apostrophe and an ampersand reads the same in the menu, the page and the
    footer's aria-label (Material escapes that one itself: escaping it twice made screen readers
    say "Foto&#x27;s")."""
    from html.parser import HTMLParser

    pitfalls = fixture_project / "data" / "valkuilen.yml"
    pitfalls.write_text(pitfalls.read_text(encoding="utf-8").replace("titel: Een valkuil", "titel: \"Foto's & co\""),
                        encoding="utf-8")
    site = tmp_path / "site"
    proc = mkdocs_build(fixture_project, site)
    assert proc.returncode == 0, proc.stderr

    class Labels(HTMLParser):
        def __init__(self):
            super().__init__()
            self.labels: list[str] = []
            self.texts: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.labels += [v for k, v in attrs if k == "aria-label" and v]

        def handle_data(self, data):
            self.texts.append(data)

    seen_label = seen_text = False
    for path in site.rglob("*.html"):
        parser = Labels()
        parser.feed(path.read_text(encoding="utf-8"))
        text = " ".join(parser.texts)
        assert "&#x27;" not in text and "&amp;" not in text, path.name
        for label in parser.labels:
            assert "&#" not in label and "&amp;" not in label, f"{path.name}: {label}"
            seen_label |= "Foto's & co" in label
        seen_text |= "Foto's & co" in text
    assert seen_label and seen_text


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
