"""`make bench`: Lighthouse scores and page weight, build time, and how the build scales.

A benchmark, not a test: it measures and reports (bench/results.json, bench/results.md, a table
on stdout); it checks the targets of issue 5 and says which are missed, but its exit code only
reflects whether it could measure (0) or not (1). Not part of `make test`.

1. `make build`, timed (wall clock and CPU time of the build processes).
2. The built site served like a real host (tools/serve_gzip.py: gzip, Cache-Control) and
   Lighthouse (node_modules, pinned in package-lock.json) on the home page and one page of each
   kind, in mobile and desktop mode, driving the system Chromium (CHROME_PATH): the four
   category scores and the bytes transferred (Lighthouse's total-byte-weight: the sum of the
   transfer sizes of a first, cold-cache load).
3. Build scaling (issue 13): a copy of the project with its data multiplied 1x, 10x and 100x
   (tools/synth_data.py), built strictly, side by side with plain Material building the same
   pages and words (tools/plain_material.py) in the same run; CPU time, site size, peak memory,
   and the offline zip per factor.

Targets: mobile performance >= 98 (the print page >= 90), accessibility, best practices and SEO
100; home page first load <= 100 KiB; build time <= 1.5x plain Material at 1x and 10x; at 100x
<= 20 s and a site <= 150 MiB; from 10x to 100x build time and offline zip grow <= 12x.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import find_chromium  # noqa: E402
import serve_gzip  # noqa: E402
import synth_data  # noqa: E402

BENCH_DIR = ROOT / "bench"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {  # kind -> page (one of each kind of page the site has)
    "start": "index.html",
    "proces": "stappen/index.html",  # the process figure (also on the home page)
    "ambitiekaart": "ambities/index.html",  # the ambition map figure
    "stap": "stappen/behoefte.html",
    "ambitie": "ambities/minder-materiaal.html",
    "valkuil": "valkuilen/dehp.html",
    "thema": "themas/textiel.html",
    "bestekbouwer": "werkinstrumenten/bestekbouwer.html",  # the tender builder: its form and script (the criteria come per group, on demand)
    "hulpbronnen": "bronnen.html",
    "begrippen": "begrippen.html",
    "afdrukken": "afdrukken.html",  # the whole guide on one page (target: mobile >= 90)
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run " \
               "--disable-background-networking --disable-component-update --disable-sync --disable-default-apps"
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
HOME_BUDGET = 100 * 1024
BUILDER_BUDGET = 100 * 1024
PRINT_TARGET = 90  # mobile performance of the print page (issue 13)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def timed(cmd: list[str], cwd: Path) -> dict:
    """Run cmd; wall clock and CPU seconds (user + sys of the child processes)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} mislukt:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2)}


def site_size(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    return {"files": len(files), "pages": sum(1 for p in files if p.suffix == ".html"),
            "bytes": sum(p.stat().st_size for p in files),
            "search_index_bytes": _size(site / "search" / "search_index.full.json")
            or _size(site / "search" / "search_index.json")}


def _size(path: Path) -> int | None:
    return path.stat().st_size if path.is_file() else None


# --- Lighthouse -------------------------------------------------------------------------

def lighthouse(url: str, mode: str, out: Path, chrome: str) -> dict:
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
           f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES)]
    if mode == "desktop":
        cmd.append("--preset=desktop")
    proc = subprocess.run(cmd, env={**ENV, "CHROME_PATH": chrome}, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0 or not out.is_file():
        raise RuntimeError(f"Lighthouse faalde op {url} ({mode}):\n{proc.stderr[-3000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse: {report['runtimeError']}")
    audits = report["audits"]
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    failing = {cat: [a["id"] for a in report["categories"][cat]["auditRefs"]
                     if a.get("weight", 0) > 0 and audits[a["id"]].get("score") not in (None, 1)]
               for cat in CATEGORIES if cat != "performance"}
    return {
        "scores": {cat: round((report["categories"][cat]["score"] or 0) * 100) for cat in CATEGORIES},
        "bytes": int(audits["total-byte-weight"]["numericValue"]),
        "requests": len(requests),
        "by_type": _bytes_by_type(requests),
        "metrics": {k: round(audits[k]["numericValue"]) if k != "cumulative-layout-shift"
                    else round(audits[k]["numericValue"], 3)
                    for k in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                              "cumulative-layout-shift", "speed-index")},
        "failing_audits": {k: v for k, v in failing.items() if v},
    }


def _bytes_by_type(requests: list[dict]) -> dict:
    out: dict[str, int] = {}
    for r in requests:
        kind = r.get("resourceType") or "Other"
        out[kind] = out.get(kind, 0) + int(r.get("transferSize") or 0)
    return out


def run_lighthouse(site: Path, chrome: str, work: Path, kinds: list[str]) -> dict:
    results: dict = {}
    with serve_gzip.serve(site) as base:
        for kind, page in PAGES.items():
            if kind not in kinds:
                continue
            results[page] = {"kind": kind}
            for mode in ("mobile", "desktop"):
                print(f"  Lighthouse {mode:7} {page}", flush=True)
                results[page][mode] = lighthouse(base + page, mode, work / f"{kind}-{mode}.json", chrome)
    return results


# --- Build scaling, side by side with plain Material -------------------------------------

# Runs a command and reports, on stderr, the peak memory of the process tree below it (the
# build): getrusage(RUSAGE_CHILDREN) of this small wrapper holds exactly that one build.
PEAK = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
        "print('PEAK_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)")


def measured(cmd: list[str], cwd: Path, env: dict | None = None) -> dict:
    """Wall clock, CPU seconds and peak memory of one build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", PEAK, *cmd], cwd=cwd, env={**ENV, **(env or {})},
                          capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} mislukt:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    peak = next((int(line.split()[1]) for line in proc.stderr.splitlines() if line.startswith("PEAK_KB")), 0)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "peak_mib": round(peak / 1024)}


def best_of(runs: int, cmd: list[str], cwd: Path, site: Path, before=None) -> dict:
    """The fastest of `runs` builds (by CPU time): the machine's drift only ever adds time.
    `before` runs before each build (e.g. to empty the template cache)."""
    best = None
    for _ in range(runs):
        shutil.rmtree(site, ignore_errors=True)
        if before is not None:
            before()
        result = measured([*cmd, "--site-dir", str(site)], cwd)
        if best is None or result["cpu_s"] < best["cpu_s"]:
            best = result
    return best


def clear_template_cache() -> None:
    """Remove this site's compiled templates (macros/render.py, bytecode_cache): the next build starts cold."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from macros.render import bytecode_cache

    cache = bytecode_cache("theme")
    if cache is not None:
        for path in Path(cache.directory).glob("circulair-*.cache"):
            path.unlink(missing_ok=True)


def words(pages: dict[str, str]) -> int:
    return sum(len(text.split()) for text in pages.values())


def run_scaling(factors: list[int], work: Path) -> dict:
    """Per factor: this site and plain Material building the same pages, in the same run."""
    mkdocs = str(ROOT / ".venv" / "bin" / "mkdocs")
    out = {}
    for n in factors:
        project = work / f"project-x{n}"
        print(f"  x{n}: copy and multiply data", flush=True)
        synth_data.copy_project(project)
        counts = synth_data.multiply(project / "data", n)
        print(f"  x{n}: the same pages for plain Material", flush=True)
        plain = work / f"plain-x{n}"
        # In a process of its own (tools/plain_material.py builds the project once to capture its pages).
        subprocess.run([sys.executable, str(ROOT / "tools" / "plain_material.py"), str(project), str(plain)],
                       env=ENV, capture_output=True, text=True, check=True)
        pages = {p.relative_to(plain / "docs").as_posix(): p.read_text(encoding="utf-8")
                 for p in (plain / "docs").rglob("*.md")}
        runs = 1 if n >= 100 else 3
        cold = None
        if n < 100:
            # The first build on a machine compiles the theme's and the data's templates (the later ones
            # reuse them: overrides/hooks/bouwtijd.py); plain Material compiles them on every build.
            print(f"  x{n}: build this site with an empty template cache ({runs}x, the fastest counts)", flush=True)
            cold = best_of(runs, [mkdocs, "build", "--strict", "--quiet"], project, work / "site-ours",
                           before=clear_template_cache)
        print(f"  x{n}: build this site and plain Material ({runs}x each, the fastest counts)", flush=True)
        ours = best_of(runs, [mkdocs, "build", "--strict", "--quiet"], project, work / "site-ours")
        ours.update(site_size(work / "site-ours"))
        base = best_of(runs, [mkdocs, "build", "--quiet"], plain, work / "site-plain")
        base.update(site_size(work / "site-plain"))
        print(f"  x{n}: offline bundle", flush=True)
        dist = work / f"dist-x{n}"
        subprocess.run([sys.executable, str(project / "tools" / "offline.py"), "--site-dir", str(work / "site-offline"),
                        "--out", str(dist)], cwd=project, env=ENV, capture_output=True, text=True, check=True)
        zip_bytes = sum(p.stat().st_size for p in dist.glob("*-offline.zip"))
        out[str(n)] = {"entries": sum(counts.values()), "entries_per_file": counts, "pages": len(pages),
                       "words": words(pages), "ours": ours, "plain": base, "offline_zip_bytes": zip_bytes,
                       "ratio_cpu": round(ours["cpu_s"] / base["cpu_s"], 2)}
        if cold:
            out[str(n)]["ours_cold"] = cold
            out[str(n)]["ratio_cpu_cold"] = round(cold["cpu_s"] / base["cpu_s"], 2)
        for path in (project, plain, work / "site-ours", work / "site-plain", work / "site-offline", dist):
            shutil.rmtree(path, ignore_errors=True)
    return out


# --- Report -----------------------------------------------------------------------------

def kib(n: int | None) -> str:
    return "–" if n is None else f"{n / 1024:.1f} KiB"


def mib(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB"


def verdicts(results: dict) -> list[str]:
    """Targets of issue 5, each 'OK' or 'GEMIST' with the figures."""
    lines = []
    lh = results.get("lighthouse") or {}
    for page, r in lh.items():
        for mode in ("mobile", "desktop"):
            s = r[mode]["scores"]
            for cat, target in TARGETS.items():
                if cat == "performance" and mode == "desktop":
                    continue
                if cat == "performance" and page == PAGES["afdrukken"]:
                    target = PRINT_TARGET  # the whole guide on one page
                if s[cat] < target:
                    extra = r[mode]["failing_audits"].get(cat, [])
                    lines.append(f"GEMIST: {page} {mode} {cat} {s[cat]} < {target}" + (f" ({', '.join(extra)})" if extra else ""))
    if "index.html" in lh:
        home = lh["index.html"]["mobile"]["bytes"]
        lines.append(f"{'OK' if home <= HOME_BUDGET else 'GEMIST'}: startpagina eerste bezoek {kib(home)} (doel <= 100 KiB)")
    if PAGES["bestekbouwer"] in lh:  # issue 24: the tender builder's first load stays under 100 KiB
        builder = lh[PAGES["bestekbouwer"]]["mobile"]["bytes"]
        lines.append(f"{'OK' if builder < BUILDER_BUDGET else 'GEMIST'}: bestekbouwer eerste bezoek {kib(builder)} (doel < 100 KiB)")
    if lh and not any(line.startswith("GEMIST: ") and " < " in line for line in lines):
        lines.insert(0, "OK: alle Lighthouse-scores halen hun doel")
    scale = results.get("scaling") or {}
    for n, r in scale.items():
        if n in ("1", "10"):
            ok = r["ratio_cpu"] <= 1.5
            lines.append(f"{'OK' if ok else 'GEMIST'}: x{n}: bouwtijd {r['ratio_cpu']}x die van gewone Material met dezelfde "
                         f"pagina's (doel <= 1.5x)")
            if "ours_cold" in r:
                lines.append(f"{'OK' if r['ratio_cpu_cold'] <= 1.5 else 'LET OP'}: x{n}: een build met een lege "
                             f"sjablooncache, zoals de eerste op een machine, {r['ours_cold']['cpu_s']} s CPU, {r['ratio_cpu_cold']}x (de latere builds "
                             "gebruiken de gecompileerde sjablonen opnieuw; gewone Material compileert ze bij elke build)")
        if n == "100":
            ours = r["ours"]
            lines.append(f"{'OK' if ours['cpu_s'] <= 20 else 'GEMIST'}: x100: bouwtijd {ours['cpu_s']} s CPU "
                         f"({ours['wall_s']} s wand; gewone Material {r['plain']['cpu_s']} s; doel <= 20 s)")
            lines.append(f"{'OK' if ours['bytes'] <= 150 * 1024 * 1024 else 'GEMIST'}: x100: site {mib(ours['bytes'])} "
                         f"(gewone Material {mib(r['plain']['bytes'])}; doel <= 150 MiB)")
    if "10" in scale and "100" in scale:
        grow = scale["100"]["ours"]["cpu_s"] / scale["10"]["ours"]["cpu_s"]
        data = scale["100"]["entries"] / scale["10"]["entries"]
        lines.append(f"{'OK' if grow <= 12 else 'GEMIST'}: van x10 naar x100 (data {data:.1f}x): bouwtijd {grow:.1f}x "
                     "(doel <= 12x)")
        zips = scale["100"]["offline_zip_bytes"] / scale["10"]["offline_zip_bytes"]
        lines.append(f"{'OK' if zips <= 12 else 'GEMIST'}: offline zip van x10 naar x100: {zips:.1f}x (doel: lineair, <= 12x)")
    return lines


def markdown(results: dict) -> str:
    out = [f"# Benchmark ({results['date']})", "",
           f"Machine: {results['machine']}. `make build`: {results['make_build']['wall_s']} s "
           f"(CPU {results['make_build']['cpu_s']} s).", ""]
    lh = results.get("lighthouse")
    if lh:
        out += ["## Lighthouse " + results["lighthouse_version"] + " (gzip, Cache-Control; koude cache)", "",
                "| pagina | modus | prestaties | toegankelijkheid | beste praktijken | SEO | overgedragen | verzoeken | LCP | TBT |",
                "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for page, r in lh.items():
            for mode in ("mobile", "desktop"):
                m = r[mode]
                s = m["scores"]
                out.append(f"| {page} | {mode} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | "
                           f"{s['seo']} | {kib(m['bytes'])} | {m['requests']} | "
                           f"{m['metrics']['largest-contentful-paint']} ms | {m['metrics']['total-blocking-time']} ms |")
        if "index.html" in lh:
            home = lh["index.html"]["mobile"]["by_type"]
            out += ["", "Startpagina, overgedragen per soort (mobiel): " +
                    ", ".join(f"{k} {kib(v)}" for k, v in sorted(home.items(), key=lambda kv: -kv[1]))]
        out.append("")
    scale = results.get("scaling")
    if scale:
        out += ["## Bouwen op schaal, naast gewone Material met dezelfde pagina's", "",
                "Data vermenigvuldigd met tools/synth_data.py; dezelfde pagina's en woorden gebouwd door gewone "
                "Material (tools/plain_material.py: thema, extensies en zoekfunctie, geen hooks of andere plug-ins), "
                "in dezelfde run. Tijden: de snelste van 3 builds (x100: 1), CPU-seconden; de wandtijd volgt de "
                "belasting van de machine.", "",
                "| factor | items | pagina's | woorden | gewone Material (CPU) | deze site (CPU) | verhouding | "
                "gewone Material (site) | deze site (site) | geheugen (gewoon / deze) | offline zip |",
                "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for n, r in scale.items():
            out.append(f"| {n}x | {r['entries']} | {r['pages']} | {r['words']} | {r['plain']['cpu_s']} s | "
                       f"{r['ours']['cpu_s']} s | {r['ratio_cpu']}x | {mib(r['plain']['bytes'])} | {mib(r['ours']['bytes'])} | "
                       f"{r['plain']['peak_mib']} / {r['ours']['peak_mib']} MiB | {mib(r['offline_zip_bytes'])} |")
        out.append("")
    out += ["## Doelen", ""] + [f"- {line}" for line in verdicts(results)] + [""]
    return "\n".join(out)


def report_only(out: Path) -> int:
    """Write results.md again from results.json (after a change to the report, without measuring)."""
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    (out / "results.md").write_text(markdown(results), encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100", help="data factors for the scaling run (comma-separated; '' = none)")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--pages", default=",".join(PAGES),
                        help="kinds of page for Lighthouse (comma-separated, from: " + ", ".join(PAGES) + ")")
    parser.add_argument("--out", type=Path, default=BENCH_DIR)
    parser.add_argument("--report-only", action="store_true", help="rewrite results.md from results.json")
    args = parser.parse_args(argv)
    if args.report_only:
        return report_only(args.out)
    factors = [int(x) for x in args.scales.split(",") if x.strip()]
    kinds = [k.strip() for k in args.pages.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in PAGES]
    if unknown:
        parser.error(f"onbekende soort pagina: {', '.join(unknown)} (kies uit: {', '.join(PAGES)})")

    chrome = os.environ.get("CHROME_PATH") or find_chromium.find()
    if not args.no_lighthouse:
        if not LIGHTHOUSE.exists():
            print(f"{LIGHTHOUSE} ontbreekt: voer `make node` uit (npm ci).", file=sys.stderr)
            return 1
        if not chrome:
            print("Geen Chromium gevonden (CHROME_PATH, of Debian's /usr/bin/chromium).", file=sys.stderr)
            return 1

    results: dict = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU's, Python {platform.python_version()}",
    }
    print("make build", flush=True)
    results["make_build"] = timed(["make", "--no-print-directory", "build"], ROOT)
    results["site"] = site_size(ROOT / "site")

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        if not args.no_lighthouse:
            version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True).stdout.strip()
            results["lighthouse_version"] = version
            results["lighthouse"] = run_lighthouse(ROOT / "site", chrome, work, kinds)
        if factors:
            results["scaling"] = run_scaling(factors, work)

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    report = markdown(results)
    (args.out / "results.md").write_text(report, encoding="utf-8")
    print()
    print(report)
    print(f"Geschreven: {args.out / 'results.json'}, {args.out / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
