"""Valid HTML: the Nu Html Checker (npm vnu-jar, run on the machine's Java) over every page.

One java invocation checks all pages (starting the JVM per page would take minutes).
Errors are allowed only when tests/vnu-exceptions.yml documents them, with a reason.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, checked

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
EXCEPTIONS_FILE = Path(__file__).with_name("vnu-exceptions.yml")


def load_exceptions() -> list[dict]:
    entries = yaml.safe_load(EXCEPTIONS_FILE.read_text(encoding="utf-8"))
    for i, entry in enumerate(entries, 1):
        missing = {"message", "extract", "reason"} - entry.keys()
        assert not missing, f"{EXCEPTIONS_FILE.name}, entry {i}: missing {', '.join(sorted(missing))}"
        assert len(entry["reason"].split()) >= 8, f"{EXCEPTIONS_FILE.name}, entry {i}: give a real reason"
    return entries


def matching_exception(error: dict, page: str, exceptions: list[dict]) -> int | None:
    """Index of the documented exception that covers this vnu error, or None."""
    for i, entry in enumerate(exceptions):
        if (re.fullmatch(entry["message"], error.get("message", ""))
                and re.search(entry["extract"], error.get("extract", ""))
                and re.search(entry.get("pages", ""), page)):
            return i
    return None


def run_vnu(files: list[Path]) -> list[dict]:
    java = shutil.which("java")
    assert java, "java not found: install a JRE (.ci/run installs default-jre-headless)"
    assert VNU_JAR.is_file(), f"{VNU_JAR} missing: run `make node`"
    proc = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
                          capture_output=True, text=True)
    # vnu exits 1 when it found errors; the JSON report is on stderr.
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return json.loads(proc.stderr or proc.stdout)["messages"]


# A page with known errors, checked in the same java run as the site (one JVM start):
# proves that the checker runs and reports, and that an exception does not cover too much.
BAD_PAGE = ('<!doctype html><html lang="nl"><title>x</title><p id="a">a<p id="a">b'
            '<input type="checkbox" autocomplete="off">')


@pytest.fixture(scope="module")
def vnu_run(site, tmp_path_factory):
    files = sorted(site.rglob("*.html"))
    assert len(files) >= 30, f"only {len(files)} HTML files in {site}"
    bad = tmp_path_factory.mktemp("vnu") / "slecht.html"
    bad.write_text(BAD_PAGE, encoding="utf-8")
    messages = run_vnu([*files, bad])
    own = [m for m in messages if not m.get("url", "").endswith("/slecht.html")]
    return files, own, [m for m in messages if m not in own]


@pytest.fixture(scope="module")
def vnu_report(vnu_run):
    files, own, _ = vnu_run
    return files, own


def page_of(message: dict, site: Path) -> str:
    url = message.get("url", "")
    path = Path(url.removeprefix("file:"))
    try:
        return path.resolve().relative_to(site.resolve()).as_posix()
    except ValueError:
        return url


def test_every_page_is_valid_html_apart_from_documented_exceptions(vnu_report, site):
    files, messages = vnu_report
    exceptions = load_exceptions()
    unexpected, used = [], set()
    for m in messages:
        if m.get("type") == "info":  # --errors-only leaves only errors and fatal errors
            continue
        page = page_of(m, site)
        hit = matching_exception(m, page, exceptions)
        if hit is None:
            extract = " ".join(m.get("extract", "").split())
            unexpected.append(f"{page}:{m.get('lastLine', '?')}: {m['message']}\n    {extract[:160]}")
        else:
            used.add(hit)
    checked(f"Nu Html Checker: {len(files)} pagina's, {len(messages)} fout(en), {len(messages) - len(unexpected)} "
          f"gedekt door {len(used)} uitzondering(en) in {EXCEPTIONS_FILE.name}")
    assert not unexpected, f"{len(unexpected)} HTML error(s) in {len(files)} pages:\n" + "\n".join(unexpected[:40])
    stale = [e["message"] for i, e in enumerate(exceptions) if i not in used]
    assert not stale, f"exceptions in {EXCEPTIONS_FILE.name} that no longer occur (delete them):\n" + "\n".join(stale)


def test_the_checker_reports_invalid_html(vnu_run):
    """vnu really runs and reports errors; the exceptions do not cover them."""
    files, own, bad = vnu_run
    texts = [m["message"] for m in bad]
    # Every page of the site was handed over in that same run (the planted page was read, so were they).
    assert len(files) >= 30 and not [m for m in own if m.get("type") == "non-document-error"], own[:3]
    assert any("Duplicate ID" in t for t in texts), texts
    autocomplete = next(m for m in bad if "autocomplete" in m["message"])
    # The message matches, but not on Material's toggle: the exception must not cover it.
    assert matching_exception(autocomplete, "slecht.html", load_exceptions()) is None
