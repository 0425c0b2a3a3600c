"""`make linkcheck` and `make linkcheck-external` catch what they must, on a tiny fixture site."""
from __future__ import annotations

import datetime as dt
import http.server
import json
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build

LINKCHECK = [sys.executable, str(ROOT / "tools" / "linkcheck.py")]


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


def test_clean_site_passes(built):
    proc = check("internal", built)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "geen kapotte links" in proc.stdout


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
