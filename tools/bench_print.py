"""Build time with many resources, and the print page's share of it (issue 13): a measurement, not a test.

    python tools/bench_print.py [--bronnen 16000] [--ref REV ...] [--work /tmp/bench-print]

For the working tree, and for each git revision given with --ref (e.g. the commit before the
print page was replaced, to measure "before" on the same machine in the same run): a copy of the
project at that version with data/bronnen.yml grown to N resources (tools/synth_data.py
--bronnen), then a strict `mkdocs build` in a Python of its own, timed (wall clock and CPU).
The same process also times the print-page step, by wrapping its functions before the build:
mkdocs-print-site-plugin's on_post_build where that plugin is used, otherwise
macros.afdrukken.assemble and .check (overrides/hooks/printpage.py). Prints one line per version.
An earlier revision is built with this venv: it needs that revision's packages (for the
revision before issue 13: `.venv/bin/pip install mkdocs-print-site-plugin==2.9`).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import synth_data  # noqa: E402

# Runs in the build's own Python (the project's venv), in the copy: wrap the print-page step, then
# build exactly as `mkdocs build --strict` does, then write the timings.
CHILD = r"""
import json, resource, sys, time
spent = {"print_page_s": 0.0}

def timed(owner, name):
    original = getattr(owner, name)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent["print_page_s"] += time.perf_counter() - start
    setattr(owner, name, wrapper)

try:
    from mkdocs_print_site_plugin.plugin import PrintSitePlugin
except ImportError:
    PrintSitePlugin = None
config = open("mkdocs.yml", encoding="utf-8").read()
if PrintSitePlugin is not None and "- print-site" in config:
    spent["step"] = "mkdocs-print-site-plugin on_post_build"
    timed(PrintSitePlugin, "on_post_build")
else:
    sys.path.insert(0, ".")
    import macros.afdrukken as afdrukken
    spent["step"] = "macros.afdrukken.assemble + check"
    timed(afdrukken, "assemble")
    timed(afdrukken, "check")

from mkdocs.__main__ import cli
start = time.perf_counter()
try:
    cli(["build", "--strict", "--quiet", "--site-dir", sys.argv[1]])
except SystemExit as exc:
    if exc.code:
        raise
spent["wall_s"] = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
spent["cpu_s"] = usage.ru_utime + usage.ru_stime
spent["max_rss_mib"] = usage.ru_maxrss / 1024
open(sys.argv[2], "w").write(json.dumps(spent))
"""


def checkout(ref: str | None, target: Path) -> None:
    """The project at `ref` (None: the working tree, uncommitted changes included) in `target`."""
    if ref is None:
        synth_data.copy_project(target)
        return
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)


def measure(ref: str | None, resources: int, work: Path) -> dict:
    import json

    name = ref or "werkmap"
    project = work / f"project-{name}"
    checkout(ref, project)
    synth_data.grow(project / "data", "bronnen.yml", resources)
    out = work / f"timing-{name}.json"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run([sys.executable, "-c", CHILD, str(work / f"site-{name}"), str(out)], cwd=project, env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{name}: de build mislukte:\n{proc.stderr[-3000:]}")
    result = json.loads(out.read_text(encoding="utf-8"))
    page = work / f"site-{name}" / "afdrukken.html"
    result["print_page_mib"] = page.stat().st_size / 1024 / 1024 if page.exists() else None
    shutil.rmtree(project, ignore_errors=True)
    shutil.rmtree(work / f"site-{name}", ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bronnen", type=int, default=16000, help="resources in data/bronnen.yml (default 16000)")
    parser.add_argument("--ref", action="append", default=[], help="also measure this git revision (repeatable)")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-print-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for ref in [*args.ref, None]:
            r = measure(ref, args.bronnen, work)
            size = f"{r['print_page_mib']:.1f} MiB" if r["print_page_mib"] is not None else "-"
            print(f"{ref or 'werkmap'}: {args.bronnen} hulpbronnen: build {r['wall_s']:.1f} s (CPU {r['cpu_s']:.1f} s, "
                  f"{r['max_rss_mib']:.0f} MiB), afdrukpagina {r['print_page_s']:.2f} s ({r['step']}), {size}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
