"""Run linkchecker over the built site and print a readable report.

    python tools/linkcheck.py internal SITE_DIR   # pages, files and anchors; no network
    python tools/linkcheck.py external SITE_DIR   # also every external URL (needs internet)
    python tools/linkcheck.py external SITE_DIR --record data/linkcontrole.json

Exit 1 when a link is broken. The report lists each broken link once, with the
pages that use it, so the weekly job can open an issue with it.

Every run proves it looked. It checks its own copy of the site, readable by the user
linkchecker switches to when it runs as root, and plants in that copy a page with three
broken links: to a page that does not exist, to a missing anchor on another page and to a
missing anchor on the same page. The run fails when one of them goes unreported (a check
that would pass a broken anchor is no check), and when it reached fewer pages than the site
has. It prints how many addresses and pages it checked.

With --record, every external URL that answered well gets today's date in the
results file (macros/linkcontrole.py reads it into the site: "link laatst goed
bevonden op ..."). A URL that failed keeps the date of its last good answer; a
URL never seen keeps no date, and the site says it has not been checked yet.
Only a check that ran writes a date: editors never type one.
"""
from __future__ import annotations

import configparser
import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from macros.linkcontrole import EXPLANATION  # noqa: E402

sys.path.insert(0, str(HERE))
from urls import content_pages  # noqa: E402  (tools/urls.py: the real pages, not the redirects)

RC = HERE / "linkcheckerrc"
# The planted page and its three broken links; no page of the site starts with an underscore.
PROBE_PAGE = "_linkcheck-proef.html"
PROBES = {
    "_linkcheck-proef-ontbreekt.html": "een link naar een pagina die niet bestaat",
    "#_linkcheck-anker-elders": "een link naar een anker dat niet bestaat, op een andere pagina",
    "#_linkcheck-anker-hier": "een link naar een anker dat niet bestaat, op dezelfde pagina",
}


class Run:
    """What one linkchecker run found: its exit code, the broken links (link -> pages that use
    them), the external URLs that answered well, and the site's pages it checked."""

    def __init__(self, code: int, broken: dict, good: set, pages: set, addresses: int, stderr: str = ""):
        self.code, self.broken, self.good, self.pages, self.addresses = code, broken, good, pages, addresses
        self.stderr = stderr


def run(mode: str, site: Path, rc: Path = RC) -> Run:
    start = site.resolve() / "index.html"
    if not start.exists():
        print(f"{start} bestaat niet: bouw eerst de site (make build).", file=sys.stderr)
        return Run(2, {}, set(), set(), 0)
    # tools/linkchecker_start.py: linkchecker with its plugins (AnchorCheck) loaded before it drops root.
    # --verbose lists every URL, not only the broken ones: the run counts what it checked, and the
    # external URLs that answered well get a date.
    cmd = [sys.executable, str(HERE / "linkchecker_start.py"), "--config", str(rc),
           "--no-status", "--output", "csv", "--no-robots", "--verbose"]
    if mode == "external":
        cmd.append("--check-extern")
    cmd.append(start.as_uri())
    proc = subprocess.run(cmd, capture_output=True, text=True)
    root = site.resolve().as_uri() + "/"
    # linkchecker's own comment lines start with "# "; a row for an in-page link starts with "#anchor".
    rows = [line for line in proc.stdout.splitlines() if line and not line.startswith("# ")]
    broken: dict[str, set] = defaultdict(set)
    good: set[str] = set()
    pages: set[str] = set()
    addresses = 0
    for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
        url = row.get("url") or ""
        if row.get("result") != "filtered":  # filtered: outside the check (another host, ignore=)
            addresses += 1
            path = unquote(urlsplit(url).path)
            if url.startswith(root) and path.endswith(".html") and row.get("valid") == "True":  # read, so checked
                pages.add(path[len(urlsplit(root).path):])
        problem = None
        if row.get("valid") == "False":
            problem = row.get("result") or "ongeldig"
        elif "anchor" in (row.get("warningstring") or "").lower():
            problem = row["warningstring"].strip()
        if problem:
            url = row.get("url") or row.get("urlname")
            broken[f"{url}  ->  {problem}"].add(row.get("parentname") or "?")
        elif row.get("valid") == "True" and mode == "external":
            # As written in the page (and so in data/), which is how the site looks it up.
            name = (row.get("urlname") or "").strip()
            if name.startswith(("http://", "https://")):
                good.add(name)
    failed = {link.split("  ->  ")[0] for link in broken}
    return Run(proc.returncode, broken, good - failed, pages, addresses, proc.stderr)


def record(path: Path, good: set[str], today: dt.date) -> int:
    """Give every URL that answered well today's date in the results file; returns how many."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        dates = dict(data.get("adressen", {}))
    except FileNotFoundError:
        dates = {}
    for url in good:
        dates[url] = today.isoformat()
    out = {"uitleg": EXPLANATION, "adressen": dict(sorted(dates.items()))}
    path.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(good)


def reachable_by_all(folder: Path) -> bool:
    """Every folder from / down to this one may be entered by any user (the x bit for others)."""
    folder = folder.resolve()
    return all(p.is_dir() and p.stat().st_mode & stat.S_IXOTH for p in [folder, *folder.parents])


def temp_parent() -> str | None:
    """A folder for the copy that linkchecker, dropped to 'nobody' when run as root, can reach:
    the usual temporary folder, unless TMPDIR points into a private one."""
    for candidate in (tempfile.gettempdir(), "/tmp", "/var/tmp", "/dev/shm"):
        if os.path.isdir(candidate) and reachable_by_all(Path(candidate)):
            return candidate
    return None


def readable_copy(site: Path) -> Path:
    """The site copied where every user can read it (as root, linkchecker checks as 'nobody')."""
    target = Path(tempfile.mkdtemp(prefix="linkcheck-", dir=temp_parent())) / "site"
    shutil.copytree(site, target)
    for path in [target.parent, target, *target.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


def plant_probes(site: Path) -> None:
    """A page with the three broken links, linked from the start page (in the copy only)."""
    links = "\n".join(f'<li><a href="{"index.html" if href == "#_linkcheck-anker-elders" else ""}{href}">{what}</a></li>'
                      for href, what in PROBES.items())
    (site / PROBE_PAGE).write_text(
        '<!doctype html>\n<html lang="nl"><head><meta charset="utf-8"><title>Proef van de linkcheck</title></head>\n'
        f'<body><h1 id="proef">Proef van de linkcheck</h1>\n<ul>\n{links}\n</ul></body></html>\n', encoding="utf-8")
    start = site / "index.html"
    html = start.read_text(encoding="utf-8")
    link = f'<a href="{PROBE_PAGE}">proef</a>'
    at = html.rfind("</body>")
    start.write_text(html[:at] + link + html[at:] if at >= 0 else html + link, encoding="utf-8")


def ignored(rc: Path) -> list[re.Pattern]:
    """The URL patterns the settings file leaves out ([filtering] ignore=)."""
    config = configparser.RawConfigParser()
    config.read(rc, encoding="utf-8")
    lines = config.get("filtering", "ignore", fallback="").splitlines()
    return [re.compile(line.strip()) for line in lines if line.strip() and not line.strip().startswith("#")]


def expected_pages(site: Path, rc: Path) -> list[str]:
    """The site's pages the check must reach: every real page, except those the settings leave out."""
    skip = ignored(rc)
    root = site.resolve().as_uri() + "/"
    return [p for p in content_pages(site) if not any(pattern.search(root + p) for pattern in skip)]


def main(argv: list[str], rc: Path = RC) -> int:
    results = None
    if len(argv) == 4 and argv[2] == "--record" and argv[0] == "external":
        results, argv = Path(argv[3]), argv[:2]
    if len(argv) != 2 or argv[0] not in ("internal", "external"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, site = argv[0], Path(argv[1])
    if not (site / "index.html").is_file():
        print(f"{(site / 'index.html').resolve()} bestaat niet: bouw eerst de site (make build).", file=sys.stderr)
        return 2
    # Always a copy of our own: the probes go into it, and linkchecker running as 'nobody' can read it.
    copy = readable_copy(site)
    try:
        return report(mode, copy, results, rc)
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)


def report(mode: str, site: Path, results: Path | None = None, rc: Path = RC) -> int:
    expected = expected_pages(site, rc)
    plant_probes(site)
    found = run(mode, site, rc)
    code, good = found.code, found.good
    if code == 2 and not found.broken:
        if found.stderr:
            print(found.stderr.strip()[-2000:], file=sys.stderr)
        return 2
    # The planted links must be among the broken ones; then they leave the report.
    caught = {href: [link for link in found.broken if probe_of(link) == href] for href in PROBES}
    missed = [what for href, what in PROBES.items() if not caught[href]]
    broken = {link: pages for link, pages in found.broken.items() if probe_of(link) is None}
    reached = found.pages - {PROBE_PAGE}
    unreached = [p for p in expected if p not in reached]
    print(f"Linkcheck ({mode}): {found.addresses} adressen gecontroleerd, daarin {len(expected) - len(unreached)} "
          f"van de {len(expected)} pagina's van de site; {len(PROBES) - len(missed)} van de {len(PROBES)} geplante "
          f"kapotte links gemeld.")
    if missed and found.stderr and not found.addresses:  # linkchecker itself did not start
        print(found.stderr.strip()[-2000:], file=sys.stderr)
    if missed:
        print(f"De linkcheck werkt niet: hij meldde niet {' en niet '.join(missed)}, die hij zelf in zijn kopie van de "
              "site had gezet. Dan zegt 'geen kapotte links' niets. Meestal laadde linkchecker zijn plugin AnchorCheck "
              "niet; kijk of `linkchecker -Dplugin` de regel 'Enable content plugin AnchorCheck' toont "
              "(tools/linkchecker_start.py).", file=sys.stderr)
        return 1
    if not expected or unreached:
        listed = ", ".join(unreached[:20]) + (" en meer" if len(unreached) > 20 else "")
        print(f"De linkcheck bereikte {len(expected) - len(unreached)} van de {len(expected)} pagina's van de site"
              + (f"; niet: {listed}" if listed else "") + ". Een pagina die hij niet bereikt, controleert hij niet: "
              "link ze vanuit een andere pagina, of zoek waarom linkchecker stopte.", file=sys.stderr)
        if found.stderr:
            print(found.stderr.strip()[-2000:], file=sys.stderr)
        return 1
    if results is not None:
        count = record(results, good, dt.datetime.now(dt.timezone.utc).date())
        print(f"{count} externe adres(sen) werkten: datum genoteerd in {results}.")
    root = site.resolve().as_uri() + "/"
    if broken:
        print(f"{len(broken)} kapotte link(s) ({mode}):")
        for link, pages in sorted(broken.items()):
            print(f"- {link}")
            for page in sorted(pages):
                print(f"    gebruikt op: {page.replace(root, '')}")
        return 1
    if code not in (0, 1):
        print(f"linkchecker stopte met code {code}.", file=sys.stderr)
        return code
    print(f"Linkcheck ({mode}): geen kapotte links.")
    return 0


def probe_of(link: str) -> str | None:
    """Which planted link a reported one is ('url  ->  problem'), or None for a real one."""
    url = link.split("  ->  ")[0]
    for href in PROBES:
        anchor = href.startswith("#")
        if (anchor and url.endswith(href)) or (not anchor and urlsplit(url).path.endswith("/" + href)):
            return href
    return None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
