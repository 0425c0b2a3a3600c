"""Run linkchecker over the built site and print a readable report.

    python tools/linkcheck.py internal SITE_DIR   # pages, files and anchors; no network
    python tools/linkcheck.py external SITE_DIR   # also every external URL (needs internet)
    python tools/linkcheck.py external SITE_DIR --record data/linkcontrole.json

Exit 1 when a link is broken. The report lists each broken link once, with the
pages that use it, so the weekly job can open an issue with it.

With --record, every external URL that answered well gets today's date in the
results file (macros/linkcontrole.py reads it into the site: "link laatst goed
bevonden op ..."). A URL that failed keeps the date of its last good answer; a
URL never seen keeps no date, and the site says it has not been checked yet.
Only a check that ran writes a date: editors never type one.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import tempfile
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from macros.linkcontrole import EXPLANATION  # noqa: E402


def run(mode: str, site: Path, verbose: bool = False) -> tuple[int, dict, set]:
    """linkchecker's exit code, the broken links (link -> pages) and the external URLs that answered well."""
    start = site.resolve() / "index.html"
    if not start.exists():
        print(f"{start} bestaat niet: bouw eerst de site (make build).", file=sys.stderr)
        return 2, {}, set()
    cmd = [str(Path(sys.executable).parent / "linkchecker"), "--config", str(HERE / "linkcheckerrc"),
           "--no-status", "--output", "csv", "--no-robots"]
    if mode == "external":
        cmd.append("--check-extern")
    if verbose:  # every URL, not only the broken ones: the good ones get a date
        cmd.append("--verbose")
    cmd.append(start.as_uri())
    proc = subprocess.run(cmd, capture_output=True, text=True)
    # linkchecker's own comment lines start with "# "; a row for an in-page link starts with "#anchor".
    rows = [line for line in proc.stdout.splitlines() if line and not line.startswith("# ")]
    broken: dict[str, set] = defaultdict(set)
    good: set[str] = set()
    for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
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
    return proc.returncode, broken, good - failed


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


def readable_copy(site: Path) -> Path:
    """linkchecker run as root drops to user 'nobody', who may not read the site (CI runs as root)."""
    target = Path(tempfile.mkdtemp(prefix="linkcheck-")) / "site"
    shutil.copytree(site, target)
    for path in [target.parent, target, *target.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


def main(argv: list[str]) -> int:
    results = None
    if len(argv) == 4 and argv[2] == "--record" and argv[0] == "external":
        results, argv = Path(argv[3]), argv[:2]
    if len(argv) != 2 or argv[0] not in ("internal", "external"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, site = argv[0], Path(argv[1])
    if hasattr(os, "geteuid") and os.geteuid() == 0 and site.is_dir():
        site = readable_copy(site)
        try:
            return report(mode, site, results)
        finally:
            shutil.rmtree(site.parent, ignore_errors=True)
    return report(mode, site, results)


def report(mode: str, site: Path, results: Path | None = None) -> int:
    code, broken, good = run(mode, site, verbose=results is not None)
    if code == 2 and not broken:
        return 2
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


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
