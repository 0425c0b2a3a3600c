"""`make serve` (tools/serve.py) with a mistake in the data: the error in the terminal and in the
browser, no request that hangs, and the site back by itself once the file is fixed."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import ENV

GOOD = "  naam: Medische apparatuur\n"
BROKEN = "  naam:\n"
MESSAGE = "veld &#x27;naam&#x27;: dit verplichte veld is leeg"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> str:
    """One request, which must be answered within 5 seconds (a hanging server fails here)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:  # the 404 page carries the error too
        return exc.read().decode("utf-8")


def wait_for(url: str, wanted: str, seconds: float = 60) -> str:
    end = time.monotonic() + seconds
    text = ""
    while time.monotonic() < end:
        try:
            text = get(url)
        except OSError:
            text = ""
        if wanted in text:
            return text
        time.sleep(0.3)
    raise AssertionError(f"{url} shows no {wanted!r} after {seconds} s; last answer: {text[:300]!r}")


@pytest.fixture
def serving(tmp_path):
    """tools/serve.py on a copy of the project, started while data/themas.yml is broken."""
    from test_editor_workflow import copy_project

    project = tmp_path / "project"
    copy_project(project)
    themes = project / "data" / "themas.yml"
    good = themes.read_text(encoding="utf-8")
    assert GOOD in good
    broken = good.replace(GOOD, BROKEN, 1)
    themes.write_text(broken, encoding="utf-8")
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, str(project / "tools" / "serve.py"), "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=project, stdout=log, stderr=subprocess.STDOUT, env={**ENV, "SITE_URL": f"http://127.0.0.1:{port}/"})
    try:
        yield f"http://127.0.0.1:{port}/", themes, (good, broken), tmp_path / "serve.log"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_a_data_error_shows_in_browser_and_terminal_and_the_site_recovers(serving):
    url, themes, (good, broken), log = serving
    page = wait_for(url + "index.html", MESSAGE)
    assert '<html lang="nl">' in page and "De site kon niet gebouwd worden" in page
    assert "data/themas.yml, regel 6, item &#x27;medische-apparatuur&#x27; (nr. 1)" in page
    assert "livereload" in page  # the preview's reload script: the page refreshes itself
    assert MESSAGE in get(url + "valkuilen/dehp.html")  # any address, also one that is not built
    terminal = log.read_text(encoding="utf-8")
    assert ("data/themas.yml, regel 6, item 'medische-apparatuur' (nr. 1), veld 'naam': dit verplichte veld is leeg"
            in terminal)
    assert "Traceback" not in terminal

    themes.write_text(good, encoding="utf-8")
    # the theme is back in its section's menu
    overview = wait_for(url + "themas/index.html", 'href="medische-apparatuur.html"', seconds=120)
    assert "De site kon niet gebouwd worden" not in overview
    wait_for(url + "valkuilen/dehp.html", "DEHP")

    themes.write_text(broken, encoding="utf-8")  # and again, after a good build
    wait_for(url + "valkuilen/dehp.html", MESSAGE)
    themes.write_text(good, encoding="utf-8")
    wait_for(url + "valkuilen/dehp.html", "DEHP", seconds=120)
