"""A copy of the project with its data multiplied, to measure how the build scales (`make bench`).

Usage: python tools/synth_data.py TARGET_DIR --times N
       python tools/synth_data.py TARGET_DIR --bronnen 16000


Copies the project (without .git, .venv, node_modules, builds) to TARGET_DIR and multiplies the
entries of data/ by N: every practice example, resource, glossary term, pitfall and theme gets
N-1 synthetic copies with a new id ('<id>-x<k>') and a numbered title, term or name (a product group's
criteria get a file of their own per copy of its theme: data/criteria/<group>-x<k>.yml). The copies
keep the original's text and its links to steps, ambitions and other entries, so pages,
back-links, tooltips, tags and navigation grow the way real content would. The 7 steps and the
5 ambitions (with their strategies) stay as they are: the process and the ambition map are fixed.

With --bronnen N only data/bronnen.yml grows, to N resources in all (the originals, then numbered
copies of them in turn): one page (bronnen.html) and the print page get very long while the
number of pages stays the same, which is where a step whose cost grows with links x page size
shows (issue 13: 16,000 resources). Some 7 MB of YAML: when a copy goes past the caps that protect
the data check (macros/yamlfile.py: bytes, lines, YAML parts), the copy's caps are raised above it.

Nothing here touches the project itself; the copy is validated by the normal build.
"""
from __future__ import annotations

import argparse
import copy
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# data file -> the field that names an entry (made unique per copy)
MULTIPLIED = {
    "voorbeelden.yml": "titel",
    "bronnen.yml": "titel",
    "begrippen.yml": "term",
    "valkuilen.yml": "titel",
    "themas.yml": "naam",
    "regels.yml": "titel",
}
KEPT = ("stappen.yml", "ambities.yml")
SKIP = {".git", ".venv", "node_modules", "site", "site-offline", "dist", ".cache",
        ".pytest_cache", "__pycache__", "bench"}


def copy_project(target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ROOT, target, ignore=lambda d, names: [n for n in names if n in SKIP or n.endswith(".tmp") or n.startswith((".site.", ".site-offline."))])


def synthetic(entry: dict, name_field: str, k: int) -> dict:
    new = copy.deepcopy(entry)
    new["id"] = f"{entry['id']}-x{k}"
    new[name_field] = f"{entry[name_field]} {k}"
    if "aliassen" in new:  # every alias is a site-wide tooltip: keep them, but unique to the copy
        new["aliassen"] = [f"{alias} {k}" for alias in new["aliassen"]]
    return new


def multiply(data_dir: Path, times: int) -> dict[str, int]:
    """Multiply the entries in data_dir in place; returns the number of entries per file."""
    if times < 1:
        raise ValueError(f"--times moet minstens 1 zijn, niet {times}")
    counts = {}
    for name, field in MULTIPLIED.items():
        path = data_dir / name
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if not isinstance(entries, list) or any(field not in e for e in entries):
            raise ValueError(f"{path}: verwacht een lijst items met '{field}'")
        out = list(entries)
        for k in range(2, times + 1):
            out.extend(synthetic(e, field, k) for e in entries)
        path.write_text(yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
        counts[name] = len(out)
    for name in KEPT:
        entries = yaml.safe_load((data_dir / name).read_text(encoding="utf-8")) or []
        counts[name] = len(entries)
    counts.update(multiply_criteria(data_dir, times))
    return counts


def multiply_criteria(data_dir: Path, times: int) -> dict[str, int]:
    """The criteria grow with their product groups: group '<g>' gets a file '<g>-x<k>.yml' for each copy
    of its theme, the model clauses for every group (algemeen.yml) grow in their own file."""
    counts = {}
    folder = data_dir / "criteria"
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        copies = {k: [synthetic(e, "titel", k) for e in entries] for k in range(2, times + 1)}
        if path.stem == "algemeen":
            out = entries + [c for k in copies for c in copies[k]]
            path.write_text(yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
        else:
            for k, group in copies.items():
                (folder / f"{path.stem}-x{k}.yml").write_text(
                    yaml.safe_dump(group, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
        counts[f"criteria/{path.name}"] = len(entries) * times
    return counts


def grow(data_dir: Path, name: str, total: int) -> int:
    """Grow one data file in place to `total` entries: the originals, then numbered copies of each in turn."""
    path = data_dir / name
    field = MULTIPLIED[name]
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not entries or total < len(entries):
        raise ValueError(f"{path}: {len(entries)} items, kan niet groeien tot {total}")
    out = list(entries)
    k = 1
    while len(out) < total:
        k += 1
        out.extend(synthetic(e, field, k) for e in entries[: total - len(out)])
    text = yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=120)
    path.write_text(text, encoding="utf-8")
    reader = data_dir.parent / "macros" / "yamlfile.py"
    source = reader.read_text(encoding="utf-8")
    # The copy's caps (size, lines, YAML parts) grow with it, as an editor's never do.
    need = {"MAX_BYTES": len(text.encode("utf-8")), "MAX_LINES": text.count("\n"),
            "MAX_EVENTS": sum(1 for _ in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))}
    for name, value in need.items():
        cap = re.search(rf"^{name} = ([\d_]+)$", source, re.M)
        if cap is None:
            raise ValueError(f"{reader}: {name} niet gevonden; pas tools/synth_data.py aan")
        if value > int(cap.group(1).replace("_", "")):
            source = source[:cap.start(1)] + str(2 * value) + source[cap.end(1):]
    reader.write_text(source, encoding="utf-8")
    return len(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--times", type=int, default=10)
    parser.add_argument("--bronnen", type=int, default=None,
                        help="only data/bronnen.yml, grown to this many resources (the other data as it is)")
    args = parser.parse_args(argv)
    if args.target.resolve() == ROOT or ROOT in args.target.resolve().parents:
        print("Kies een doelmap buiten het project (bv. /tmp/synth).", file=sys.stderr)
        return 2
    copy_project(args.target)
    if args.bronnen is not None:
        print(f"{args.target}: data/bronnen.yml: {grow(args.target / 'data', 'bronnen.yml', args.bronnen)} hulpbronnen")
        return 0
    counts = multiply(args.target / "data", args.times)
    print(f"{args.target}: data x{args.times}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
