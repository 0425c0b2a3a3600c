"""`make linkcheck` and `make linkcheck-external` catch what they must, on a tiny fixture site."""
from __future__ import annotations

import datetime as dt
import http.server
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build

LINKCHECK = [sys.executable, str(ROOT / "tools" / "linkcheck.py")]
COUNTS_RE = re.compile(r"Linkcheck \((\w+)\): (\d+) adressen gecontroleerd, daarin (\d+) van de (\d+) pagina's van de "
                       r"site; (\d+) van de (\d+) geplante kapotte links gemeld\.")


def tool():
    """tools/linkcheck.py as a module (its name would clash with linkchecker's package 'linkcheck')."""
    spec = importlib.util.spec_from_file_location("linkcheck_tool", ROOT / "tools" / "linkcheck.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def built(fixture_project, tmp_path) -> Path:
    site = tmp_path / "site"
    proc = mkdocs_build(fixture_project, site)
    assert proc.returncode == 0, proc.stderr
    return site


def plant(site: Path, html: str) -> None:
    page = site / "begrippen.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</article>", html + "</article>", 1), encoding="utf-8")


def check(mode: str, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(LINKCHECK + [mode, str(site)], capture_output=True, text=True, timeout=300)


def test_clean_site_passes_and_says_what_it_checked(built):
    proc = check("internal", built)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "geen kapotte links" in proc.stdout
    counts = COUNTS_RE.search(proc.stdout)
    assert counts, proc.stdout
    mode, addresses, reached, pages, caught, planted = counts.groups()
    sys.path.insert(0, str(ROOT / "tools"))
    from urls import content_pages

    assert int(pages) == len(content_pages(built)) > 0 and reached == pages  # the fixture site has no print page
    assert int(addresses) > int(pages) and caught == planted == "3"
    # The probes went into the check's own copy, never into the site.
    assert not list(built.glob("_linkcheck*")) and "_linkcheck" not in (built / "index.html").read_text(encoding="utf-8")


def test_a_check_that_misses_a_planted_fault_fails_in_dutch(built, tmp_path, capsys):
    """linkchecker without AnchorCheck (what a root run from a private folder used to be): the
    planted anchors go unreported, and the run fails instead of saying 'geen kapotte links'."""
    rc = tmp_path / "zonder-ankers"
    rc.write_text((ROOT / "tools" / "linkcheckerrc").read_text(encoding="utf-8").replace("[AnchorCheck]", ""),
                  encoding="utf-8")
    code = tool().main(["internal", str(built)], rc=rc)
    out = capsys.readouterr()
    assert code == 1, out
    assert "1 van de 3 geplante kapotte links gemeld" in out.out and "geen kapotte links" not in out.out
    assert ("De linkcheck werkt niet: hij meldde niet een link naar een anker dat niet bestaat, op een andere pagina en "
            "niet een link naar een anker dat niet bestaat, op dezelfde pagina") in out.err
    assert "AnchorCheck" in out.err


def test_a_page_the_check_does_not_reach_fails(built):
    (built / "wees.html").write_text((built / "begrippen.html").read_text(encoding="utf-8"), encoding="utf-8")
    proc = check("internal", built)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    counts = COUNTS_RE.search(proc.stdout)
    assert counts and int(counts.group(3)) == int(counts.group(4)) - 1, proc.stdout
    assert "; niet: wees.html." in proc.stderr and "geen kapotte links" not in proc.stdout


def test_anchors_are_checked_when_linkchecker_sits_in_a_private_folder(built, tmp_path):
    """The root cause of issue 22: as root, linkchecker drops to 'nobody' before it lists its plugin
    folder; in a folder 'nobody' cannot enter (mktemp -d, mode 700) AnchorCheck never loaded.
    linkchecker's package is copied into such a folder and imported from there. As root this is
    the failing case; as another user there is no drop and the check runs as usual."""
    import linkcheck

    private = tmp_path / "prive"
    private.mkdir(mode=0o700)
    shutil.copytree(Path(linkcheck.__file__).parent, private / "linkcheck",
                    ignore=shutil.ignore_patterns("__pycache__"))
    private.chmod(0o700)
    plant(built, '<a href="bronnen.html#bestaat-niet">weg</a>')
    env = {**os.environ, "PYTHONPATH": str(private)}
    proc = subprocess.run(LINKCHECK + ["internal", str(built)], capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "bronnen.html#bestaat-niet" in proc.stdout and "gebruikt op: begrippen.html" in proc.stdout
    assert "3 van de 3 geplante kapotte links gemeld" in proc.stdout


def test_broken_internal_link_is_caught(built):
    plant(built, '<a href="stappen/bestaat-niet.html">weg</a>')
    proc = check("internal", built)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "stappen/bestaat-niet.html" in proc.stdout
    assert "gebruikt op: begrippen.html" in proc.stdout


def test_broken_anchor_is_caught(built):
    plant(built, '<a href="bronnen.html#bestaat-niet">weg</a>')
    proc = check("internal", built)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "bestaat-niet" in proc.stdout and "gebruikt op: begrippen.html" in proc.stdout


def test_broken_in_page_anchor_is_caught(built):
    plant(built, '<a href="#bestaat-niet-hier">weg</a>')
    proc = check("internal", built)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "bestaat-niet-hier" in proc.stdout and "gebruikt op: begrippen.html" in proc.stdout


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's naming
        status = 200 if self.path.startswith("/levend") else 404
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"ok" if status == 200 else b"weg")

    do_HEAD = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def loopback():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_internal_mode_does_not_fetch_external_urls(built, loopback):
    plant(built, f'<a href="{loopback}/dood">dood</a>')
    proc = check("internal", built)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_external_mode_reports_dead_url_with_its_page(built, loopback):
    plant(built, f'<a href="{loopback}/dood">dood</a> <a href="{loopback}/levend">levend</a>')
    proc = check("external", built)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"{loopback}/dood" in proc.stdout and "404" in proc.stdout
    assert f"{loopback}/levend" not in proc.stdout
    assert "gebruikt op: begrippen.html" in proc.stdout


# --- recording: the day each external URL last answered well ------------------------------


def record(site: Path, results: Path) -> subprocess.CompletedProcess:
    return subprocess.run(LINKCHECK + ["external", str(site), "--record", str(results)],
                          capture_output=True, text=True, timeout=300)


def test_external_check_records_the_day_each_working_url_answered(built, loopback, tmp_path):
    results = tmp_path / "linkcontrole.json"
    # An earlier run found /dood working in 2025 and /levend in 2020; /nieuw was never seen.
    results.write_text(json.dumps({"adressen": {f"{loopback}/dood": "2025-03-01", f"{loopback}/levend?a=1&b=2": "2020-01-31",
                                                "https://example.org/weg": "2024-05-05"}}), encoding="utf-8")
    plant(built, f'<a href="{loopback}/levend?a=1&amp;b=2">levend</a> <a href="{loopback}/dood">dood</a> '
                 f'<a href="{loopback}/levend/nieuw">nieuw</a>')
    before = dt.datetime.now(dt.timezone.utc).date()
    proc = record(built, results)
    after = dt.datetime.now(dt.timezone.utc).date()
    assert proc.returncode == 1, proc.stdout + proc.stderr  # /dood is still reported as broken
    assert f"{loopback}/dood" in proc.stdout and "404" in proc.stdout
    dates = json.loads(results.read_text(encoding="utf-8"))["adressen"]
    # The working URLs get today, keyed as written in the page (and in data/), '&' unescaped.
    for url in (f"{loopback}/levend?a=1&b=2", f"{loopback}/levend/nieuw"):
        assert dates[url] in (before.isoformat(), after.isoformat()), (url, dates)
    # A failing URL keeps the day of its last good answer; a URL no longer on the site keeps its record.
    assert dates[f"{loopback}/dood"] == "2025-03-01"
    assert dates["https://example.org/weg"] == "2024-05-05"
    # Only external http(s) addresses: no page of the site itself.
    assert all(url.startswith(("http://", "https://")) for url in dates), dates


def test_the_build_shows_recorded_days_and_nothing_when_there_is_none(fixture_project, tmp_path):
    """bronnen.html: a recorded URL shows its Dutch date; one without a record shows no date and no
    "nog niet gecontroleerd" (that list is for editors: make check-dates and the build's output)."""
    (fixture_project / "data" / "linkcontrole.json").write_text(
        json.dumps({"uitleg": "test", "adressen": {"https://example.org/tool": "2026-11-28"}}), encoding="utf-8")
    site = tmp_path / "site"
    proc = mkdocs_build(fixture_project, site)
    assert proc.returncode == 0, proc.stderr
    html = (site / "bronnen.html").read_text(encoding="utf-8")
    tool = html[html.index('id="tool"'):html.index('id="label"')]
    label = html[html.index('id="label"'):html.index("</article>")]
    # At the end of the resource's first paragraph; its description is a paragraph of its own.
    assert 'link laatst goed bevonden op <time datetime="2026-11-28">28 november 2026</time></p>' in tool
    assert "gecontroleerd" not in label and "bevonden" not in label and "<time" not in label
    assert re.search(r"Nederlands</p>|Engels</p>|Frans</p>", label), label  # the line ends with the language
