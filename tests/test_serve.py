"""`make serve` (tools/serve.py) with a mistake in the data: the error in the terminal and in the
browser, no request that hangs, and the site back by itself once the file is fixed."""
from __future__ import annotations

import html
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
import yaml

from conftest import ENV

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
    # The first product group, whatever editors call it: its name is emptied.
    first = yaml.safe_load(good)[0]
    line = f"  naam: {first['naam']}\n"
    assert line in good
    number = good[:good.index(line)].count("\n") + 1
    broken = good.replace(line, BROKEN, 1)
    where = (first["id"], first["naam"], number)
    themes.write_text(broken, encoding="utf-8")
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, str(project / "tools" / "serve.py"), "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=project, stdout=log, stderr=subprocess.STDOUT, env={**ENV, "SITE_URL": f"http://127.0.0.1:{port}/"})
    try:
        yield f"http://127.0.0.1:{port}/", themes, (good, broken), tmp_path / "serve.log", where
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_a_data_error_shows_in_browser_and_terminal_and_the_site_recovers(serving):
    url, themes, (good, broken), log, (theme, name, number) = serving
    page = wait_for(url + "index.html", MESSAGE)
    assert '<html lang="nl">' in page and "De site kon niet gebouwd worden" in page
    assert f"data/themas.yml, regel {number}, item &#x27;{theme}&#x27; (nr. 1)" in page
    assert "livereload" in page  # the preview's reload script: the page refreshes itself
    assert MESSAGE in get(url + "bestaat/niet.html")  # any address, also one that is not built
    terminal = log.read_text(encoding="utf-8")
    assert (f"data/themas.yml, regel {number}, item '{theme}' (nr. 1), veld 'naam': dit verplichte veld is leeg"
            in terminal)
    assert "Traceback" not in terminal

    themes.write_text(good, encoding="utf-8")
    # the theme is back in its section's menu
    overview = wait_for(url + "themas/index.html", f'href="{theme}.html"', seconds=120)
    assert "De site kon niet gebouwd worden" not in overview
    wait_for(url + f"themas/{theme}.html", html.escape(name, quote=False))

    themes.write_text(broken, encoding="utf-8")  # and again, after a good build
    wait_for(url + f"themas/{theme}.html", MESSAGE)
    themes.write_text(good, encoding="utf-8")
    wait_for(url + f"themas/{theme}.html", html.escape(name, quote=False), seconds=120)
