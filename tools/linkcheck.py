"""Run linkchecker over the built site and print a readable report.

    python tools/linkcheck.py internal SITE_DIR   # pages, files and anchors; no network
    python tools/linkcheck.py external SITE_DIR   # also every external URL (needs internet)

Exit 1 when a link is broken. The report lists each broken link once, with the
pages that use it, so the weekly job can open an issue with it.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(mode: str, site: Path) -> tuple[int, dict]:
    start = site.resolve() / "index.html"
    if not start.exists():
        print(f"{start} bestaat niet: bouw eerst de site (make build).", file=sys.stderr)
        return 2, {}
    cmd = [str(Path(sys.executable).parent / "linkchecker"), "--config", str(HERE / "linkcheckerrc"),
           "--no-status", "--output", "csv", "--no-robots"]
    if mode == "external":
        cmd.append("--check-extern")
    cmd.append(start.as_uri())
    proc = subprocess.run(cmd, capture_output=True, text=True)
    # linkchecker's own comment lines start with "# "; a row for an in-page link starts with "#anchor".
    rows = [line for line in proc.stdout.splitlines() if line and not line.startswith("# ")]
    broken: dict[str, set] = defaultdict(set)
    for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
        problem = None
        if row.get("valid") == "False":
            problem = row.get("result") or "ongeldig"
        elif "anchor" in (row.get("warningstring") or "").lower():
            problem = row["warningstring"].strip()
        if problem:
            url = row.get("url") or row.get("urlname")
            broken[f"{url}  ->  {problem}"].add(row.get("parentname") or "?")
    return proc.returncode, broken


def readable_copy(site: Path) -> Path:
    """linkchecker run as root drops to user 'nobody', who may not read the site (CI runs as root)."""
    target = Path(tempfile.mkdtemp(prefix="linkcheck-")) / "site"
    shutil.copytree(site, target)
    for path in [target.parent, target, *target.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("internal", "external"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, site = argv[0], Path(argv[1])
    if hasattr(os, "geteuid") and os.geteuid() == 0 and site.is_dir():
        site = readable_copy(site)
        try:
            return report(mode, site)
        finally:
            shutil.rmtree(site.parent, ignore_errors=True)
    return report(mode, site)


def report(mode: str, site: Path) -> int:
    code, broken = run(mode, site)
    if code == 2 and not broken:
        return 2
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
