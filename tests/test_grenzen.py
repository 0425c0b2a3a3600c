"""Linear and bounded (issue 21, sections 7 and 8): the data check and the build stay within their time
and memory whatever a pull request holds, and every mistake gets one Dutch message, never a traceback.

- The data check (`python -m macros`) of the worst inputs under the caps of macros/yamlfile.py, each in
  a subprocess that reports its CPU time and peak memory: under 10 s and 300 MiB.
- Reporting mistakes costs their number, not their number squared (1,000 to 4,000 broken entries).
- Every regular expression in macros/, overrides/hooks/ and tools/ is registered below with the text it
  reads; a new one without an entry fails the test. Each is run on its worst inputs (50 kB) under a time
  bound, and on a battery made from its own characters, where a 4x longer input may cost at most 9x
  (backtracking costs 16x or more). The battery is shown to catch the expressions these replaced.
- The scanners that replaced expressions give what the expressions gave, on random text.
- A page made of the worst inputs builds within a time bound.
"""
from __future__ import annotations

import ast
import itertools
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import pytest

from conftest import BIN, ENV, FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))

from macros import catalog, safety, spans, tooltips, wijzigingen, yamlfile  # noqa: E402

SECONDS = 10  # the data check of any input, CPU time
MIB = 300  # the data check of any input, peak memory

# --- the data check of the worst inputs ---------------------------------------------------------------

# Runs `python -m macros DATA` and reports its CPU time and peak memory (VmHWM: this process's own
# peak; ru_maxrss can carry the parent's across exec). The address space is capped at 2 GiB, so a
# regression fails with a MemoryError instead of taking the machine's memory.
WRAP = r"""
import json, resource, runpy, sys
resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))
sys.argv = ["macros", sys.argv[1]]
code = 0
try:
    runpy.run_module("macros", run_name="__main__")
except SystemExit as exc:
    code = exc.code or 0
finally:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    try:
        peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
    except OSError:
        peak = usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1)
    sys.stderr.write("\n@@grenzen " + json.dumps({"cpu": usage.ru_utime + usage.ru_stime, "kib": peak}) + "\n")
sys.exit(code)
"""


@dataclass
class Run:
    code: int
    stderr: str
    stdout: str
    cpu: float
    mib: float
    wall: float


def data_check(data: Path) -> Run:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", WRAP, str(data)], cwd=ROOT, capture_output=True, text=True, env=ENV,
                          timeout=300, errors="replace")
    wall = time.perf_counter() - start
    report = [line for line in proc.stderr.splitlines() if line.startswith("@@grenzen ")]
    assert report, proc.stderr[-2000:]
    numbers = json.loads(report[-1][len("@@grenzen "):])
    stderr = proc.stderr[:proc.stderr.rfind("@@grenzen ")]
    return Run(proc.returncode, stderr, proc.stdout, numbers["cpu"], numbers["kib"] / 1024, wall)


def project(tmp_path: Path) -> Path:
    """A copy of the fixture data with a docs/ beside it (the data check reads the pages' titles)."""
    data = tmp_path / "project" / "data"
    shutil.copytree(FIXTURES / "data", data)
    (data.parent / "docs").mkdir()
    (data.parent / "docs" / "index.md").write_text("# Start\n", encoding="utf-8")
    return data


def flow_list(data: Path, parts: int) -> None:
    (data / "themas.yml").write_text("[" + ",".join(["a"] * parts) + "]\n", encoding="utf-8")


def valid_resources(data: Path, parts: int) -> None:
    """Resources with all their fields, as many as fit in `parts` YAML parts (some 26 each)."""
    entry = ("- id: b{i}\n  titel: Hulpbron {i}\n  uitgever: Uitgever\n  url: https://example.org/{i}\n  soort: gids\n"
             "  taal: nl\n  beschrijving: Een beschrijving van [een stap](stap:eerste) in een zin.\n"
             "  stappen: [eerste, tweede]\n  themas: [textiel]\n")
    text = "".join(entry.format(i=i) for i in range(parts // 26))
    (data / "bronnen.yml").write_text((data / "bronnen.yml").read_text(encoding="utf-8") + text, encoding="utf-8")


# name -> (how to make the input, what its one message says); None: it passes the check
WORST_DATA: dict[str, tuple[Callable[[Path], None], Optional[str]]] = {
    # issue 21: a 15.8 MB flow list under the 16 MB cap took 5.0 GiB and 122 s
    "a 15.8 MB flow list": (lambda d: flow_list(d, 7_900_000), "onderdelen"),
    "a flow list just under the parts cap": (lambda d: flow_list(d, yamlfile.MAX_EVENTS - 10), "meer dan 1000 fouten"),
    "valid entries up to the parts cap": (lambda d: valid_resources(d, yamlfile.MAX_EVENTS - 1_000), None),
    "lines up to the line cap": (lambda d: (d / "themas.yml").write_text(
        (d / "themas.yml").read_text(encoding="utf-8") + "#a\n" * (yamlfile.MAX_LINES - 100), encoding="utf-8"), None),
    "too many lines": (lambda d: (d / "themas.yml").write_text("#\n" * (yamlfile.MAX_LINES + 1), encoding="utf-8"),
                       "regels; een gegevensbestand mag er hoogstens"),
    "a 16 MB value on one line": (lambda d: (d / "themas.yml").write_text(
        "- id: t\n  naam: x\n  beschrijving: " + "ab " * 5_300_000 + "\n", encoding="utf-8"), "hoogstens 5000 tekens"),
    "a 16 MB value of four-byte characters": (lambda d: (d / "themas.yml").write_text(
        "- id: t\n  naam: x\n  beschrijving: " + "\U0001F600" * 3_950_000 + "\n", encoding="utf-8"), "hoogstens 5000 tekens"),
    "a broken entry on every line": (lambda d: (d / "themas.yml").write_text(
        "- a: b: c\n" * (yamlfile.MAX_LINES - 100), encoding="utf-8"), "meer dan 1000 fouten"),
    "an unclosed quote at the top of a long file": (lambda d: (d / "themas.yml").write_text(
        "- id: t\n  naam: 'open\n" + "- id: x\n  naam: y\n" * 200_000, encoding="utf-8"), "aanhalingsteken"),
    "an entry with 300,000 fields": (lambda d: (d / "themas.yml").write_text(
        "- id: t\n" + "".join(f"  k{i}: v\n" for i in range(300_000)), encoding="utf-8"), "meer dan 100 velden"),
    "a list field with 500,000 items": (lambda d: (d / "themas.yml").write_text(
        "- id: t\n  naam: x\n  beschrijving: y\n  extra: [" + ",".join(["a"] * 500_000) + "]\n", encoding="utf-8"),
        "meer dan 1000 elementen"),
    # issue 21: a page's H1 followed by 4,000 spaces ran past 120 s (wijzigingen.H1_RE)
    "a page heading followed by 4,000 spaces": (lambda d: (d.parent / "docs" / "traag.md").write_text(
        "# x" + " " * 4000 + "{\n", encoding="utf-8"), None),
    "an alias bomb": (lambda d: (d / "themas.yml").write_text("".join(
        f"- &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9 if i else ["x"] * 9) + "]\n" for i in range(9)) * 5_000,
        encoding="utf-8"), "YAML-ankers"),
    "nesting a million deep": (lambda d: (d / "themas.yml").write_text("- " + "[" * 1_000_000 + "\n", encoding="utf-8"),
                               "niveaus diep genest"),
    "a link-check file nested deeply": (lambda d: (d / "linkcontrole.json").write_text(
        "[" * 1_000_000 + "]" * 1_000_000, encoding="utf-8"), "te diep genest"),
}


@pytest.mark.parametrize("name", list(WORST_DATA))
def test_the_data_check_of_a_worst_input_stays_within_its_bounds(tmp_path, name):
    make, says = WORST_DATA[name]
    data = project(tmp_path)
    make(data)
    run = data_check(data)
    print(f"{name}: {run.cpu:.2f} s CPU, {run.wall:.2f} s wall, {run.mib:.0f} MiB")
    assert run.cpu < SECONDS, (name, run.cpu)
    assert run.mib < MIB, (name, run.mib)
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    if says is None:
        assert run.code in (0, 1), run.stderr[-2000:]  # checked to the end: in order, or a message about the data
        assert run.code == 0 or run.stderr.startswith("Er "), run.stderr[-2000:]
    else:
        assert run.code == 1 and says in run.stderr, run.stderr[:3000]
        assert len(run.stderr) < 2_000_000  # at most MAX_SHOWN explained


def test_error_reporting_is_linear_in_the_number_of_mistakes(tmp_path, monkeypatch):
    """1,000, 2,000 and 4,000 broken entries, all explained (no cap): 4x the mistakes, at most 6x the time
    (each entry was parsed again behind all the lines before it: 5.8, 13.7 and 54 s)."""
    import macros.errors

    monkeypatch.setattr(macros.errors, "MAX_SHOWN", 10**9)
    times = {}
    for n in (1000, 4000):
        data = project(tmp_path / str(n))
        (data / "themas.yml").write_text("".join(f"- id: t{i}\n  naam: a: b\n  beschrijving: x\n" for i in range(n)),
                                         encoding="utf-8")
        best = None
        for _ in range(3):
            start = time.process_time()
            with pytest.raises(macros.errors.DataError) as info:
                catalog.load(data)
            best = min(best or 1e9, time.process_time() - start)
        assert sum("YAML-syntaxfout" in str(p) for p in info.value.problems) == n
        times[n] = best
    print(times)
    assert times[4000] < 6 * times[1000] + 0.05, times


def test_past_the_cap_the_message_says_there_are_more(data_dir):
    from macros.errors import MAX_SHOWN, DataError

    (data_dir / "themas.yml").write_text("".join(f"- id: t{i}\n  naam: a: b\n" for i in range(MAX_SHOWN + 500)),
                                         encoding="utf-8")
    with pytest.raises(DataError) as info:
        catalog.load(data_dir)
    assert len(info.value.problems) == MAX_SHOWN
    text = str(info.value)
    assert text.startswith(f"Er zitten meer dan {MAX_SHOWN} fouten in de gegevens")
    assert text.rstrip().endswith(f"verbeter eerst de {MAX_SHOWN} hierboven en controleer opnieuw.")


# --- every regular expression: registered, and linear on its worst inputs ----------------------------------

SOURCES = [p for folder in ("macros", "overrides/hooks", "tools") for p in sorted((ROOT / folder).glob("*.py"))]
FUNCTIONS = {"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split"}


def _flags(node) -> int:
    try:
        return eval(compile(ast.Expression(node), "flags", "eval"), {"re": re})  # noqa: S307 (re.M | re.S only)
    except Exception:
        return 0


def found_in_code() -> dict[tuple[str, str], tuple[Optional[re.Pattern], str]]:
    """(file, pattern or the name of what builds it) -> (the compiled expression if literal, how it is applied)."""
    out = {}
    for path in SOURCES:
        rel = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        owner: dict = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                owner[child] = node
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in FUNCTIONS
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args):
                continue
            try:
                pattern = ast.literal_eval(node.args[0])
            except ValueError:
                pattern = None
            flags = 0
            position = {"compile": 1, "search": 2, "match": 2, "fullmatch": 2, "findall": 2, "finditer": 2, "split": 3}
            if len(node.args) > position.get(node.func.attr, 99):
                flags = _flags(node.args[position[node.func.attr]])
            for keyword in node.keywords:
                if keyword.arg == "flags":
                    flags = _flags(keyword.value)
            if pattern is not None:
                out[(rel, pattern)] = (re.compile(pattern, flags), node.func.attr)
                continue
            parent = node
            while parent in owner and not isinstance(parent, (ast.FunctionDef, ast.Module)):
                parent = owner[parent]
            assign = node
            while assign in owner and not isinstance(assign, (ast.Assign, ast.FunctionDef, ast.Module)):
                assign = owner[assign]
            name = (parent.name if isinstance(parent, ast.FunctionDef) else
                    assign.targets[0].id if isinstance(assign, ast.Assign) and isinstance(assign.targets[0], ast.Name) else "?")
            out[(rel, name)] = (None, node.func.attr)
    return out


@dataclass
class Reads:
    """What an expression reads, and its worst inputs beyond the battery (about 50 kB each)."""
    text: str  # whose text: "data", "page", "page html", "site html" (after the sanitiser), "code", ...
    worst: list = field(default_factory=list)
    compiled: Optional[Callable[[], re.Pattern]] = None  # for an expression built at run time
    sanitized: bool = False  # it only ever reads what macros/sanitize.py let through


N = 50_000
DATA, PAGE, HTML = "a data field (at most 5,000 characters)", "a page's Markdown", "a page's HTML before the sanitiser"
SITE = "HTML after the sanitiser (macros/sanitize.py) or of the theme"
CODE = "the repository's code or configuration, not content"
LINE = "one line of a data file at a time"

REGISTRY: dict[tuple[str, str], Reads] = {
    # --- issue 21 (pages, files, addresses), issue 24 (criteria), issue 25 (editions, PDF notes) -------------
    ("macros/afdrukken.py", '<[^>]*>'): Reads(SITE, ["<" * N], sanitized=True),
    ("macros/afdrukken.py", '^[a-z]+://'): Reads(SITE + ": one link's address"),
    ("macros/afdrukken.py", 'https?://'): Reads(SITE + ": one link's text"),
    ("macros/bestanden.py", '@import|expression\\s*\\(|javascript:'): Reads("an SVG or CSS file under docs/", ["expression" + " " * N]),
    ("macros/bestanden.py", 'url\\(\\s*[\'\\"]?(?!#)'): Reads("an SVG or CSS file under docs/", ["url(" + " " * N, "url(" * (N // 4)]),
    ("macros/csp.py", '<(?:[\\w-]+:)?script\\b|\\son[a-z]+\\s*=|javascript:'): Reads("an SVG file of the site", ["<a-" * (N // 3), " on" + "a" * N]),
    ("macros/model.py", '[\\[\\]]'): Reads(DATA),
    ("macros/paginacontrole.py", '\\{[{%#]'): Reads(PAGE, ["{" * N]),
    ("macros/paginacontrole.py", '\\{\\{ {0,2}([a-z][a-z0-9_]{0,39})\\((?:\'([^\'\\"{}\\\\\\n]{0,200})\'|\\"([^\'\\"{}\\\\\\n]{0,200})\\"|(-?[0-9]{1,9}))?\\) {0,2}\\}\\}'):
        Reads(PAGE + ": from one '{{' on (fullmatch of a bounded piece)", ["{{ a('" + "a" * N]),
    ("macros/paginacontrole.py", '^-{3}[ \\t]*\\n(.*?\\n)(?:\\.{3}|-{3})[ \\t]*\\n'): Reads(PAGE, ["---\n" + "a\n" * (N // 2)]),
    ("macros/paginacontrole.py", '^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\\s*(?P<value>.*)'): Reads(PAGE + ": its first line", ["a" * N + ":"]),
    ("macros/render.py", '\\[([^\\[\\]\\n]+)\\]'): Reads(DATA, ["[" + "a" * N, "[a" * (N // 2)]),
    ("macros/safety.py", '%0[ad]|[\\r\\n]'): Reads(DATA + ": a mailto address"),
    ("macros/safety.py", '[\\t\\n\\r]'): Reads(DATA + ": an address"),
    ("macros/safety.py", '^[^@\\s,;<>()\\[\\]\\\\\\"]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}$'):
        Reads(DATA + ": a mailto address", ["a@" + "a." * (N // 2), "a@" + "a" * N]),
    ("macros/sanitize.py", '<[^>]*>'): Reads(SITE, ["<" * N], sanitized=True),
    ("macros/sanitize.py", '\\sid="([^"]*)"'): Reads(SITE, [' id="' * (N // 5)], sanitized=True),
    ("tools/adressen.py", '(?:\\bimportScripts|\\bimport|\\bfetch|\\bnew\\s+(?:Shared)?Worker|\\bnew\\s+EventSource|\\bnew\\s+WebSocket|\\bsendBeacon|\\bregister)\\s*\\(\\s*(?:\\"([^\\"\\\\\\n]*)\\"|\'([^\'\\\\\\n]*)\'|`([^`\\\\]*)`)'):
        Reads("the bundle's scripts", ["fetch(`" * (N // 7), "new " + " " * N]),
    ("tools/adressen.py", '(?i)\\b(?:https?|wss?|ftp)://[^\\s\\"\'`<>()\\\\]+'): Reads("every file of the bundle"),
    ("tools/adressen.py", '@import\\s+(?:\\"([^\\"]*)\\"|\'([^\']*)\')'): Reads("the bundle's stylesheets", ['@import "' * (N // 9)]),
    ("tools/adressen.py", '\\$\\{[^}]*\\}?'): Reads("the bundle's scripts: one template string", ["${" * (N // 2)]),
    ("tools/adressen.py", '\\bimport\\s*+(?:(?:(?!from\\b|import\\b)(?:[\\w$]++|[*{},])\\s*+)++from\\s*+)?[\\"\']([^\\"\'\\n]+)[\\"\']'):
        Reads("the bundle's scripts", ["import " + "a " * N, "import " * (N // 7), "import a " * (N // 9), "import," * (N // 7)]),
    ("tools/adressen.py", '\\s*var\\s+__index\\s*=\\s*'): Reads("the search index script (match at its start)"),
    ("tools/adressen.py", '^([a-z][a-z0-9+.-]*):'): Reads("one address"),
    ("tools/adressen.py", '^\\s*\\d*\\s*[;,]?\\s*(?:url\\s*=\\s*)?[\'\\"]?([^\'\\"]*)'): Reads("a meta refresh's content attribute"),
    ("tools/adressen.py", '_known_code_address'): Reads(CODE + ": fixed addresses in the theme's scripts, by re.escape"),
    ("tools/adressen.py", 'url\\(\\s*+(?:\\"([^\\"]*)\\"|\'([^\']*)\'|([^()\\s]*+))\\s*+\\)'):
        Reads("the bundle's stylesheets and SVG", ["url(" * (N // 4), "url(" + " " * N]),
    ("tools/edition.py", 'v\\d{4}\\.\\d{2}(?:\\.\\d+)?'): Reads(CODE + ": a git tag"),
    ("tools/linkcheck.py", 'ignored'): Reads(CODE + ": linkchecker's own output lines"),
    ("tools/pdf.py", 'pagina \\d+ van \\d+'): Reads("the text of a PDF page we printed"),
    ("tools/wijzigingscheck.py", '^-\\s'): Reads("git's output of data/wijzigingen.yml"),
    ("macros/afdrukken.py", '^[a-zA-Z][a-zA-Z0-9+.-]*:'): Reads(SITE),
    ("macros/afdrukken.py", '([^?#]*)(.*)'): Reads(SITE),
    ("macros/afdrukken.py", '<h([1-6])[\\s>]'): Reads(SITE),
    ("macros/afdrukken.py", '(?<!\\s)(\\s+)([^\\s\\"\'>/=<]+)(?:\\s*=\\s*(\\"[^\\"]*\\"|\'[^\']*\'|[^\\s\\"\'=<>`]+))?'):
        Reads(SITE, ["=" + " " * N, " a" * (N // 2) + "=", "  = " * (N // 4)]),
    ("macros/afdrukken.py", '\\s(?:id|href|src|for|headers|list|form|aria-[a-z]+)\\s*=', ): Reads(SITE, [" id" + " " * N]),
    ("macros/afdrukken.py", '\\s(?:class|tabindex)\\s*='): Reads(SITE, [" class" + " " * N]),
    ("macros/afdrukken.py", "<(?:script|style)\\b[^>]*+>.*?</(?:script|style)\\s*+>|<!--.*?-->|</(?:abbr|a)\\s*+>|<(?P<tag>[a-zA-Z][a-zA-Z0-9:-]*+)"
     "(?P<attrs>(?:\\s++[^\\s\\\"'>/=<]++(?:\\s*+=\\s*+(?:\\\"[^\\\"]*+\\\"|'[^']*+'|[^\\s\\\"'=<>`]++))?+)*+)\\s*+/?>"):
        Reads(SITE, ["<a " * (N // 3), "<a b" * (N // 4), "<a b=" * (N // 5), "<script>" * (N // 8), "<!--" * (N // 4)],
              sanitized=True),
    ("macros/catalog.py", "INLINE_REF_RE"): Reads(DATA + " and " + PAGE, ["](bron:a" * (N // 8), "](bron:" + "a" * N],
                                                  compiled=lambda: catalog.INLINE_REF_RE),
    ("macros/catalog.py", '\\]\\(\\s*<?([^)\\s>]+)'): Reads(DATA + " and " + PAGE, ["](" * (N // 2), "](<" * (N // 3)]),
    ("macros/catalog.py", '^([A-Za-z][A-Za-z0-9+.-]*):'): Reads(DATA),
    # issue 21: 7.2 s on 50 kB
    ("macros/catalog.py", '\\]\\(\\s*+(?![A-Za-z][A-Za-z0-9+.-]*+:)(?!#)([^()\\[\\]\\s>#]+\\.md)(#[^)\\s>]*+)?'):
        Reads(DATA, ["](a.m" * (N // 5), "](" * (N // 2), "](a" * (N // 3), "](" + " " * N]),
    ("macros/catalog.py", '(\\d{4})-(\\d{2})-(\\d{2})'): Reads(DATA),
    ("macros/catalog.py", '^(?:\\.\\./|\\./|/)++'): Reads(DATA, ["../" * (N // 3) + "x"]),
    ("macros/csp.py", '<script(?P<attrs>(?:\\s[^>]*)?)>(?P<body>.*?)</script>'): Reads(SITE, ["<script>" * (N // 8)], sanitized=True),
    ("macros/csp.py", '\\stype\\s*=\\s*["\']?([^"\'\\s>]+)'): Reads(SITE),
    ("macros/csp.py", '<head[^>]*>'): Reads(SITE),
    ("macros/csp.py", '<meta\\s+charset=[^>]*>'): Reads(SITE),
    ("macros/csp.py", "TRUSTED_SCRIPTS"): Reads("the theme's inline scripts (fullmatch against fixed text)"),
    ("macros/csp.py", 'var target=document\\.getElementById\\(location\\.hash\\.slice\\(1\\)\\);target&&target\\.name&&'
     '\\(target\\.checked=target\\.name\\.startsWith\\(\\"__tabbed_\\"\\)\\)'): Reads("the theme's inline scripts (fullmatch)"),
    ("macros/errors.py", "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"): Reads("every message of the data check"),
    ("macros/csp.py", '\\ssrc\\s*='): Reads(SITE),
    ("macros/model.py", '^[a-z0-9]+(?:-[a-z0-9]+)*$'): Reads(DATA, ["a-" * (N // 2) + "!"]),
    ("macros/model.py", '\\d'): Reads(DATA),
    ("macros/model.py", '^([a-z]+):([^\\s:]+)$'): Reads(DATA),
    ("macros/model.py", '^v\\d{4}\\.(0[1-9]|1[0-2])(\\.([2-9]|[1-9]\\d+))?$'): Reads(DATA),
    ("macros/model.py", '[^a-z0-9]+'): Reads(DATA),
    ("macros/render.py", '(<p>)?\\x1a([bi])(\\d+)\\x1a(</p>)?'): Reads(HTML),
    ("macros/render.py", '([\\\\`*_\\[\\]#|{}])'): Reads(DATA),
    ("macros/safety.py", '<(?:/?[A-Za-z][^>]*|!--.*?|![A-Za-z\\[][^>]*|\\?[^>]*)>?'): Reads(DATA, ["<a" * (N // 2), "<!--" * (N // 4)]),
    ("macros/safety.py", '<(?:https?://|mailto:)[^<>\\s]+>'): Reads(DATA),
    ("macros/safety.py", '[{}]'): Reads(DATA),
    ("macros/safety.py", '\\{[{%#]'): Reads(DATA),
    ("macros/safety.py", '\\]\\(\\s*(<[^>]*>|[^\\s)]*)([^)]*)'): Reads(DATA, ["](<" * (N // 3), "](" * (N // 2)]),
    ("macros/safety.py", '\\]\\(\\s*(<[^<>]*>|[^\\s)\\[\\]]*)'): Reads(DATA, ["](![" * (N // 4), "](<" * (N // 3)]),
    ("macros/safety.py", '[\\[\\]]'): Reads(DATA),
    ("macros/safety.py", '^([A-Za-z][A-Za-z0-9+.\\-]*):'): Reads(DATA),
    ("macros/safety.py", "^[A-Za-zÀ-ÿ']+:[A-Za-z0-9À-ÿ_#.-]+$"): Reads(DATA),
    ("macros/safety.py", '[\\x00-\\x20\\x7f]'): Reads(DATA),
    ("macros/safety.py", '[\\s\\"\'<>\\\\^`{|}\\x00-\\x1f\\x7f]'): Reads(DATA),
    ("macros/safety.py", "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff\ufffe\uffff]"): Reads(DATA),
    ("macros/sanitize.py", '<(td|th) style="text-align: (left|right|center);?">'): Reads(HTML),
    ("macros/sanitize.py", '^[a-z][a-z0-9+.-]*:'): Reads(HTML),
    ("macros/tooltips.py", '\\w+'): Reads(HTML),
    ("macros/tooltips.py", '<(/?)([a-zA-Z][a-zA-Z0-9-]*)'): Reads(HTML),
    ("macros/uitvoer.py", "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"): Reads("every output the build writes"),
    ("macros/uitvoer.py", '^\\d{4}-\\d{2}-\\d{2}$'): Reads("the open data's dates"),
    ("macros/uitvoer.py", "_compile"): Reads("the open data's values, with the patterns of its published schemas "
                                            "(^[a-z0-9]+(?:-[a-z0-9]+)*$, ^https?://\\S+$: one start each)"),
    ("macros/wijzigingen.py", '\\A---[ \\t\\r]*+\\n(.*?)\\n---[ \\t\\r]*+\\n'): Reads(PAGE, ["---\n" + "\n--- x" * (N // 6)]),
    ("macros/wijzigingen.py", '([\\\\`*_\\[\\]<>|#])'): Reads(DATA),
    ("macros/yamlfile.py", '^-(?:[ \\t]|$)'): Reads(LINE),
    ("macros/yamlfile.py", '^(?P<lead>[ \\t\\u00a0]*(?:-[ \\t]+)?)(?P<key>[^\\s:#\'\\"][^:#]*?):(?:[ \\t]+(?P<value>.*))?$'):
        Reads(LINE, [" " * N + "x", "- " * (N // 2) + "x", "a" * N]),
    ("macros/yamlfile.py", "[^\t\n\r -~\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"): Reads("a data file"),
    ("macros/yamlfile.py", '(?<![ \\t])(?:-[ \\t]++|[ \\t]++)id:[ \\t]*+[\'\\"]?([^\\s\'\\"#]++)'): Reads(LINE, [" " * N + "x"]),
    ("macros/yamlfile.py", '[a-z_]+'): Reads(LINE),
    ("overrides/hooks/pagemeta.py", "MACRO_RE"): Reads(PAGE, ["{{" + " " * N, "{{ " * (N // 3)],
                                                        compiled=lambda: __import__("pagemeta").MACRO_RE),
    ("overrides/hooks/pagemeta.py", '\\{\\{-?\\s*wijzigingen_overzicht\\s*\\('): Reads(PAGE, ["{{" + " " * N]),
    ("overrides/hooks/pagemeta.py", 'config\\.extra\\.edities\\b'): Reads(PAGE),
    ("overrides/hooks/toegankelijkheid.py", '<li class="task-list-item"[^>]*+>\\s*+(?:<p>)?+\\s*+<label class="task-list-control">'
     '<input type="checkbox"'): Reads(HTML, ['<li class="task-list-item">' + " " * N + "x"]),
    ("overrides/hooks/toegankelijkheid.py", '<[^<>]+>'): Reads(HTML, ["<" * N, "<a" * (N // 2)]),
    ("tools/copycheck.py", '[a-zà-ÿ0-9]+'): Reads("the site's text and the guide"),
    ("tools/copycheck.py", 'https?://\\S+|mailto:\\S+'): Reads("the site's text and the guide"),
    ("tools/copycheck.py", '<[^<>]+>'): Reads("the built site's HTML", ["<" * N]),
    ("tools/copycheck.py", '<(script|style)\\b'): Reads("the built site's HTML (macros/spans.py finds the ends)"),
    ("tools/edition.py", '[^A-Za-z0-9._-]+'): Reads(CODE),
    ("tools/edition.py", "site_setting"): Reads(CODE + ": mkdocs.yml"),
    ("tools/edition.py", '!ENV\\s*\\[\\s*(\\w+)\\s*,\\s*[\\"\']?([^\\"\'\\]]*)[\\"\']?\\s*\\]'): Reads(CODE + ": mkdocs.yml"),
    ("tools/pagina.py", '(\\]\\(\\s*<?)([^)\\s>]+)|(\\bhref=\\")([^\\"]+)'): Reads(PAGE, ["](" * (N // 2), 'href="' * (N // 6)]),
    ("tools/pagina.py", '^[A-Za-z][A-Za-z0-9+.-]*:'): Reads(PAGE),
    ("tools/pagina.py", '^\\s*redirect_maps:'): Reads(CODE + ": mkdocs.yml"),
    ("tools/pagina.py", '[a-z0-9-]+(/[a-z0-9-]+)*\\.md'): Reads("a page name the editor types"),
    ("tools/pagina.py", '^-(\\s|$)'): Reads(LINE),
    ("tools/pagina.py", '^  (items|paginas):'): Reads(LINE),
    ("tools/pagina.py", '^  items:\\s*\\[\\s*\\]\\s*$'): Reads(LINE),
    **{("tools/pagina.py", name): Reads("pages and data, searched for a name the editor types: re.escape(name) between "
                                         "fixed look-arounds, a literal search")
       for name in ("_token_re", "replace_ref", "retarget_notes", "config_replace", "entry_span", "nav_entry_is_section_index",
                    "_follow_everywhere", "retarget_entry_links", "verplaats")},
    ("tools/release.py", '^\\[\\]\\s*$'): Reads(CODE + ": data/edities.yml as make release writes it"),
    ("tools/release.py", '^\\[\\]\\s*$\\n?'): Reads(CODE + ": data/edities.yml as make release writes it"),
    ("tools/pdf.py", 'data-editie="([^"]*)"'): Reads(SITE),
    ("tools/synth_data.py", "grow"): Reads(CODE + ": the caps in macros/yamlfile.py of a copy for the benchmark"),
    ("tools/serve_gzip.py", '\\.[0-9a-f]{8}\\.min\\.(js|css)$'): Reads(CODE),
    ("tools/termen.py", '\\]\\([^)\\s\\]]*(?:\\s+\\"[^\\"]*\\")?\\)'): Reads(PAGE, ["](" * (N // 2), "](a" * (N // 3)]),
    ("tools/termen.py", '(?:https?|mailto|file):[^\\s)\\"\'<>]+'): Reads(PAGE),
    ("tools/termen.py", '\\{[{%#]'): Reads(PAGE + " (macros/spans.py finds the ends)"),
    ("tools/termen.py", '<!--'): Reads(PAGE),
    ("overrides/hooks/search_nl.py", '<[^>]+>'): Reads(SITE + ": one heading of the search index", ["<" * N], sanitized=True),
    ("tools/termen.py", "EXCEPTION_RE"): Reads("one exception of data/termen.yml (a file name and a field)", ["a" * N + ", veld" + " " * N],
                                               compiled=lambda: __import__("termen").EXCEPTION_RE),
    ("tools/termen.py", '/\\*|(?<![:\\\\\\"\'])//'): Reads("our scripts"),
    ("tools/termen.py", '\\{ ?[#.][^{}\\n]*\\}'): Reads(PAGE, ["{#" * (N // 2), "{#" + "a" * N]),
    ("tools/termen.py", "pattern"): Reads(PAGE + ", with the forms of data/termen.yml: literal words joined by \\s+"),
    ("tools/termen.py", '[^\\n]'): Reads(PAGE),
    ("macros/paginabestanden.py", ':(?:not|is|where|has|matches|-webkit-any)\\([^()]*\\)'):
        Reads(CODE + ": a selector of our per-page stylesheets"),
    ("macros/paginabestanden.py", '\\[\\s*+([\\w-]++)[^\\[\\]]*+\\]'): Reads(CODE + ": a selector of our per-page stylesheets"),
    ("macros/paginabestanden.py", '\\.(-?[_a-zA-Z][\\w-]*)'): Reads(CODE + ": a selector of our per-page stylesheets"),
    ("tools/urls.py", '<a href="([^"]*)" data-doorverwijzing>'): Reads(SITE),
    ("tools/wijzigingscheck.py", '^[ \\t]*+[-*+][ \\t]*+\\[[xX]\\][ \\t]*+\\**+[ \\t]*+Kleine correctie\\b'):
        Reads("a pull request's description", ["\n" * N, " " * N, "- [x] " + " " * N, "\n- [x]" * (N // 6)]),
    ("tools/wijzigingscheck.py", '^-\\s+id:\\s*["\']?([a-z0-9]+(?:-[a-z0-9]+)*)["\']?\\s*(?:#.*)?$'):
        Reads("data/wijzigingen.yml of a pull request", ["- " + " " * N, "- id: " + "a-" * (N // 2) + "!"]),
    ("tools/woordenlijst.py", "[^\\W\\d_][\\w'’-]*[^\\W_]|[^\\W\\d_]"): Reads(DATA, ["a" + "-" * N, "a-" * (N // 2)]),
}


def test_every_regular_expression_is_registered_with_what_it_reads():
    found = found_in_code()
    assert len(found) >= 80, len(found)  # the scan looked
    missing = sorted(set(found) - set(REGISTRY))
    stale = sorted(set(REGISTRY) - set(found))
    assert not missing, "register these (what they read, their worst inputs): " + repr(missing)
    assert not stale, "no longer in the code: " + repr(stale)


def _seconds(operation: Callable[[str], object], text: str, repeat: int = 3) -> float:
    best = 1e9
    for _ in range(repeat):
        start = time.process_time()
        operation(text)
        best = min(best, time.process_time() - start)
    return best


def _operation(pattern: re.Pattern, how: str, sanitized: bool) -> Callable[[str], object]:
    from macros.sanitize import clean

    if how in ("match", "fullmatch"):
        apply = getattr(pattern, how)
    elif how == "split":
        apply = pattern.split
    else:
        def apply(text):
            return sum(1 for _ in pattern.finditer(text))
    return (lambda text: apply(clean(text))) if sanitized else apply


def _sample(item) -> str:
    """One character that the parsed element `item` (re._parser) matches."""
    from re import _constants as c

    op, av = item
    if op is c.LITERAL:
        return chr(av)
    if op is c.NOT_LITERAL:
        return "a" if chr(av) != "a" else "b"
    if op is c.IN:
        negate = av and av[0][0] is c.NEGATE
        if not negate:
            first = av[0]
            if first[0] is c.LITERAL:
                return chr(first[1])
            if first[0] is c.RANGE:
                return chr(first[1][0])
            if first[0] is c.CATEGORY:
                return {"CATEGORY_DIGIT": "1", "CATEGORY_SPACE": " ", "CATEGORY_WORD": "a"}.get(str(first[1]), "a")
            return "a"
        return next(ch for ch in "ax1-. " if re.fullmatch(_in_pattern(av), ch))
    return "a"


def _in_pattern(av) -> str:
    from re import _constants as c

    parts = []
    for op, value in av:
        if op is c.NEGATE:
            parts.append("^")
        elif op is c.LITERAL:
            parts.append(re.escape(chr(value)))
        elif op is c.RANGE:
            parts.append(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
        elif op is c.CATEGORY:
            parts.append({"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w",
                          "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_NOT_WORD": r"\W"}[str(value)])
    return "[" + "".join(parts) + "]"


def openings(items) -> list[tuple[str, str]]:
    """(the shortest text that starts a match, what its first repetition repeats), for each way in
    (each alternative): "](bron:a" and "a" for the expression ](bron|stap):([^)]+) with its brackets escaped."""
    return [(text, filler or "a") for text, filler in _openings(items)]


def _openings(items) -> list[tuple[str, Optional[str]]]:
    from re import _constants as c

    ways: list[tuple[str, Optional[str]]] = [("", None)]
    for op, av in items:
        if all(filler is not None for _, filler in ways):
            break
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT, c.GROUPREF):
            continue
        if op is c.SUBPATTERN:
            inner = _openings(av[3])
        elif op is c.ATOMIC_GROUP:
            inner = _openings(av)
        elif op is c.BRANCH:
            inner = [way for branch in av[1] for way in _openings(branch)]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, body = av
            inner = [(text * low, (text or filler or "a") if high > 1 else filler) for text, filler in _openings(body)]
        else:
            inner = [(_sample((op, av)), None)]
        ways = [(text + more, more_filler) if filler is None else (text, filler)
                for text, filler in ways for more, more_filler in inner][:12]
    return ways


def battery(pattern: str) -> list[Callable[[int], str]]:
    """Inputs made from the expression's own characters: each repeated, each pair repeated, a run of one
    between two others (also after a first word), its literal start followed by a run or repeated, and
    each way a match can start (openings()) repeated, with and without what follows it."""
    chars: set[str] = {" ", "\n", "a", "<", ">"}
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            chars.add({"s": " ", "d": "1", "w": "a", "S": "x", "D": "x", "W": "-", "n": "\n", "t": "\t"}.get(nxt, nxt))
            i += 2
            continue
        if pattern[i] not in "()[]{}?*+|^$.":
            chars.add(pattern[i])
        i += 1
    chars = {c for c in chars if c.isprintable() or c in "\n\t"}
    literal = re.sub(r"\\(.)", r"\1", re.sub(r"[\^$()?*+|\[\]{}]", "", pattern))[:12]
    ordered = sorted(chars)
    makes: list[Callable[[int], str]] = []
    try:
        starts = openings(re._parser.parse(pattern))
    except (re.error, StopIteration, KeyError):
        starts = []
    for start, filler in starts:  # first: the most likely to show a problem
        makes += [lambda n, s=start: s * (n // max(1, len(s))),
                  lambda n, s=start, f=filler: (s + f) * (n // (len(s) + 1)),
                  lambda n, s=start, f=filler: s + f * n]
        makes += [lambda n, s=start, c=c: (s + c) * (n // (len(s) + 1)) for c in ordered]
    makes += [lambda n, c=c: c * n for c in ordered]
    makes += [lambda n, a=a, b=b: (a + b) * (n // 2) for a, b in itertools.product(ordered, ordered)]
    openers = [c for c in ordered if c in "<[({#-!*'\"" or c == "a"]
    makes += [lambda n, a=a, m=m, b=b: a + m * n + b for a, m, b in itertools.product(openers, " a\n", ordered)]
    makes += [lambda n, a=a, m=m, b=b: a + " a" + m * n + b for a, m, b in itertools.product(openers, " \n", ordered)]
    makes += [lambda n, c=c: (literal + c) * (n // (len(literal) + 1)) for c in ordered]
    makes += [lambda n, c=c: literal + c * n for c in ordered]
    return makes


def superlinear(operation: Callable[[str], object], make: Callable[[int], str], n: int = 4_000) -> Optional[str]:
    """Why `operation` looks worse than linear on `make`'s inputs, or None: a 4x longer input may cost
    at most 9x (linear 4x, quadratic 16x) once it costs more than 20 ms."""
    small = _seconds(operation, make(n), repeat=1)
    if small < 0.0005:
        return None
    small = _seconds(operation, make(n))
    large = _seconds(operation, make(4 * n), repeat=1)
    if large < 1:  # the best of three, unless one already says enough
        large = min(large, _seconds(operation, make(4 * n), repeat=2))
    if large > 0.02 and large > 9 * small:
        return f"{small * 1000:.1f} ms -> {large * 1000:.1f} ms on {make(20)!r}..."
    return None


def cases():
    found = found_in_code()
    return [pytest.param(key, id=f"{key[0]}:{key[1][:40]}") for key in sorted(found) if key in REGISTRY]


@pytest.mark.parametrize("key", cases())
def test_every_regular_expression_is_linear(key):
    compiled, how = found_in_code()[key]
    reads = REGISTRY[key]
    if compiled is None:
        if reads.compiled is None:
            return  # built at run time from fixed parts; its reason is in the registry
        compiled = reads.compiled()
    operation = _operation(compiled, how, reads.sanitized)
    for text in reads.worst:
        seconds = _seconds(operation, text, repeat=1)
        assert seconds < 0.5, (key, text[:30], seconds)
    slow = [why for make in battery(compiled.pattern) if (why := superlinear(operation, make))]
    assert not slow, (key, slow[:3])


# The expressions these replaced: the battery must catch each of them.
REPLACED = {
    "wijzigingen.H1_RE": (re.compile(r"^#\s+(.+?)\s*(?:\{[^}]*\})?\s*$", re.M), lambda n: "# x" + " " * n + "{", 250),
    "catalog.PAGE_LINK_RE": (re.compile(r"\]\(\s*(?![A-Za-z][A-Za-z0-9+.-]*:)(?!#)([^)\s>#]+\.md)(#[^)\s>]*)?"),
                             lambda n: "](a.m" * (n // 5), 2_000),
    "catalog.INLINE_REF_RE": (re.compile(r"\]\((bron|stap):([^)\s#]+)\)"), lambda n: "](bron:a" * (n // 8), 2_000),
    "tooltips._PARTS": (re.compile(r"(<!--.*?-->|<[^>]*>)", re.S), lambda n: "<!--" * (n // 4), 2_000),
    "afdrukken._TOKEN": (re.compile(r"<(?P<tag>[a-zA-Z][a-zA-Z0-9:-]*)(?P<attrs>(?:\s+[^\s\"'>/=]+(?:\s*=\s*"
                                    r"(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*/?>"), lambda n: "<a " * (n // 3), 2_000),
    "wijzigingscheck.SMALL_CORRECTION_RE": (re.compile(r"^\s*[-*+]\s*\[[xX]\]\s*\**\s*Kleine correctie\b", re.M),
                                            lambda n: "\n" * n, 2_000),
    "termen.JINJA_RE": (re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S), lambda n: "{{" * (n // 2), 2_000),
    "safety._IMAGE_TARGET": (re.compile(r"!\[[^\]]*\]\(\s*(<[^>]*>|[^\s)]*)"), lambda n: "![" * (n // 2), 4_000),
}


@pytest.mark.parametrize("name", list(REPLACED))
def test_the_linearity_check_catches_the_expressions_that_were_replaced(name):
    """The check fails on each expression this issue replaced: on its known worst input, and on an input
    of the battery alone (the battery knows nothing of the issue)."""
    pattern, make, n = REPLACED[name]  # n: large enough to show, small enough to be quick (H1_RE is cubic)
    operation = _operation(pattern, "finditer", False)
    assert superlinear(operation, make, n=n), name
    assert any(superlinear(operation, made, n=n) for made in battery(pattern.pattern)), name


# --- the scanners that replaced expressions give what the expressions gave ------------------------------------

def random_texts(alphabet: list[str], count: int = 20_000, seed: int = 21):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))


def test_tooltips_split_is_the_expression_it_replaced():
    pattern = REPLACED["tooltips._PARTS"][0]
    for text in random_texts(["<", ">", "<!--", "-->", "-", "!", "a", " ", "<a>", "<!-->"]):
        assert tooltips.split(text) == pattern.split(text), text


def test_spans_are_what_the_expressions_found():
    from copycheck import RAW_TEXT
    from termen import HTML_COMMENT_RE, JINJA_RE, JS_COMMENT_RE

    pairs = [(JINJA_RE, REPLACED["termen.JINJA_RE"][0]),
             (HTML_COMMENT_RE, re.compile(r"<!--.*?-->", re.S)),
             (JS_COMMENT_RE, re.compile(r"/\*.*?\*/|(?<![:\\\"'])//[^\n]*", re.S)),
             (RAW_TEXT, re.compile(r"(?is)<(script|style)\b.*?</\1>"))]
    alphabet = ["{", "}", "{{", "}}", "{%", "%}", "{#", "#}", "<!--", "-->", "/*", "*/", "//", "/", "*", "\n", "a", ":",
                "<script>", "</script>", "<SCRIPT x>", "</Script>", "<style>", "</style>", "<scriptx"]
    for text in random_texts(alphabet):
        for new, old in pairs:
            assert list(new.spans(text)) == [m.span() for m in old.finditer(text)], (text, old.pattern)
    assert isinstance(JINJA_RE, spans.Delimited)


def test_definitions_in_data_are_found_as_before():
    reference = re.compile(r"^ {0,3}\[[^\]]+\]:", re.M)
    abbreviation = re.compile(r"^ {0,3}\*\[[^\]]*\]:", re.M)
    for text in random_texts(["[", "]", ":", " ", "\n", "*", "a", "  "]):
        assert safety._definition(text, "[", empty=False) == bool(reference.search(text)), text
        assert safety._definition(text, "*[", empty=True) == bool(abbreviation.search(text)), text


def test_every_image_the_expression_found_is_still_found():
    old = REPLACED["safety._IMAGE_TARGET"][0]
    for text in random_texts(["[", "]", "!", "(", ")", "a", " ", "<", ">", "x:"]):
        new = safety.images(text)
        for target in (m.group(1) for m in old.finditer(text)):
            assert any(target.startswith(t) for t in new), (text, target, new)
    # and the one it missed: brackets in the alt text
    assert safety.images("![een [x] plaatje](https://tracker.example/p.png)") == ["https://tracker.example/p.png"]


def test_the_first_heading_is_found_as_before():
    old = REPLACED["wijzigingen.H1_RE"][0]
    for text in random_texts(["#", "# ", " ", "\n", "a", "{", "}", "{#x}", "\t", "b c"]):
        found = old.search(text)
        # the expression's \s also crossed lines and took a heading of spaces: a heading never does either
        if found and "\n" not in found.group(0) and found.group(1).strip():
            assert wijzigingen.first_heading(text) == found.group(1), text


def test_checklist_items_are_found_as_before():
    import toegankelijkheid

    start = '<li class="task-list-item">'
    label = '<label class="task-list-control"><input type="checkbox"'
    old = re.compile(r'(<li class="task-list-item"[^>]*>\s*(?:<p>)?\s*<label class="task-list-control">'
                     r'<input type="checkbox")([^>]*>.*?</label>)(.*?)(?=<ul|<ol|</li>|</p>)', re.S)
    for text in random_texts([start, label, " ", "\n", "<p>", ">", "</label>", "x", "<ul>", "</li>", "</p>", "<ol", "y z"]):
        assert [(s, o, lab, t) for s, o, lab, t in toegankelijkheid.tasks(text)] == \
               [(m.start(), m.end(1), m.end(2), m.end(3)) for m in old.finditer(text)], text


# --- a page made of the worst inputs builds in bounded time -------------------------------------------------


def test_a_page_of_worst_inputs_builds_in_bounded_time(fixture_project):
    config = fixture_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "hooks:\n  - overrides/hooks/datapages.py\n",
        "hooks:\n  - overrides/hooks/datapages.py\n  - overrides/hooks/toegankelijkheid.py\n"),
        encoding="utf-8")
    worst = "\n\n".join([
        "# Traag" + " " * 4000 + "{",
        "](a.m" * 10_000,
        "](bron:a" * 6_000,
        "- [ ] " + "x " * 5_000,
        '<li class="task-list-item">' + " " * 20_000,
        "<!--" * 12_000,  # last: an unclosed comment runs to the end of the page
    ])
    (fixture_project / "docs" / "traag.md").write_text(worst + "\n", encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([str(BIN / "mkdocs"), "build", "--site-dir", str(fixture_project / "site")],
                          cwd=fixture_project, capture_output=True, text=True, env=ENV, timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert (fixture_project / "site" / "traag.html").exists(), proc.stderr[-3000:]
    print(f"build with the page of worst inputs: {cpu:.1f} s CPU")
    assert cpu < 60, cpu
