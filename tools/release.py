"""Fix an edition of the guide (`make release`), and write what changed in it.

    python tools/release.py plan                  # the next edition: its version and notes; changes nothing
    python tools/release.py make                  # record it in data/edities.yml, commit and tag it
    python tools/release.py notes [--version V] [--out FILE]
                                                  # "Wijzigingen in deze editie" in Markdown (release body)

Version scheme (date-based): vJJJJ.MM, the year and month the edition is fixed, e.g.
v2027.03. A second edition in the same month is vJJJJ.MM.2, then .3, and so on. An
edition is a git tag with that name on the commit that records it in data/edities.yml,
so the edition stamp (tools/edition.py, `git describe`) of that commit is the version.

`make` refuses when the work tree is not clean, when it is not on main, when the data
has an error, or when no change note was added since the previous edition (an edition
without changes tells a reader nothing). It does not push: it prints the command that
does, and the deploy workflow (.github/workflows/deploy.yml) then publishes the site and
makes the GitHub release with the offline bundle and the PDF.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (ROOT, HERE):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import edition as edition_module  # noqa: E402  (tools/edition.py)
from macros.catalog import load as load_catalog  # noqa: E402
from macros.errors import DataError  # noqa: E402
from macros.wijzigingen import EDITIONS_FILE, Changelog, dutch_date, load, page_titles, section_markdown  # noqa: E402

BRANCH = "main"


class ReleaseError(Exception):
    """A reason not to fix an edition now, worded for the person running `make release`."""


def next_version(day: dt.date, taken: set[str]) -> str:
    base = f"v{day.year:04d}.{day.month:02d}"
    if base not in taken:
        return base
    n = 2
    while f"{base}.{n}" in taken:
        n += 1
    return f"{base}.{n}"


def _git(root: Path, *args: str, check: bool = True) -> str:
    proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise ReleaseError(f"git {' '.join(args)} mislukte: {proc.stderr.strip() or proc.stdout.strip()}")
    return proc.stdout.strip()


def changelog(root: Path) -> Changelog:
    try:
        catalog = load_catalog(root / "data")
        return load(root / "data", catalog, page_titles(root / "docs", catalog))
    except DataError as exc:
        raise ReleaseError(str(exc)) from None


def plan(root: Path, today: dt.date) -> tuple[str, Changelog]:
    """The version the next edition gets, and the changelog (whose unreleased notes it takes)."""
    log = changelog(root)
    tags = set(_git(root, "tag", "--list", "v*", check=False).split())
    return next_version(today, tags | {e.versie for e in log.editions}), log


def edition_block(version: str, day: dt.date, note_ids: list[str]) -> str:
    lines = [f"- versie: {version}", f"  datum: {day.isoformat()}", "  wijzigingen:"]
    return "\n".join(lines + [f"    - {i}" for i in note_ids]) + "\n"


def record(path: Path, block: str) -> None:
    """Append an edition to data/edities.yml, keeping its comments; an empty list ('[]') is replaced."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if re.search(r"^\[\]\s*$", text, re.M):
        text = re.sub(r"^\[\]\s*$\n?", block, text, count=1, flags=re.M)
    else:
        text = text.rstrip("\n") + ("\n\n" if text.strip() else "") + block
    path.write_text(text, encoding="utf-8")


def make(root: Path, today: dt.date) -> str:
    if _git(root, "rev-parse", "--is-inside-work-tree", check=False) != "true":
        raise ReleaseError(f"{root} is geen git-werkmap: een editie is een git-tag.")
    branch = _git(root, "symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    if branch != BRANCH:
        raise ReleaseError(f"Een editie maak je op {BRANCH}, niet op {branch or 'een losse commit'}: "
                           f"`git switch {BRANCH}` en `git pull` eerst.")
    dirty = _git(root, "status", "--porcelain")
    if dirty:
        raise ReleaseError("De werkmap heeft wijzigingen die niet gecommit zijn; een editie moet precies een "
                           "commit zijn. Commit ze of zet ze opzij (git stash):\n" + dirty)
    version, log = plan(root, today)
    notes = log.unreleased()
    if not notes:
        last = log.editions[0].label if log.editions else "het begin"
        raise ReleaseError(f"Er is geen nieuwe wijzigingsnota sinds {last}: een editie zonder wijzigingen "
                           "vertelt een lezer niets. Voeg eerst nota's toe in data/wijzigingen.yml.")
    record(root / "data" / EDITIONS_FILE, edition_block(version, today, [n.id for n in notes]))
    try:
        fixed = changelog(root).edition(version)
        assert fixed is not None and len(fixed.notes) == len(notes)
    except (ReleaseError, AssertionError):
        _git(root, "checkout", "--", f"data/{EDITIONS_FILE}")
        raise
    _git(root, "add", f"data/{EDITIONS_FILE}")
    _git(root, "commit", "--quiet", "-m", f"Editie {version}",
         "-m", "Wijzigingen in deze editie:\n" + "\n".join(f"- {n.entry.titel}" for n in notes))
    _git(root, "tag", "-a", version, "-m", f"Editie {version} van {dutch_date(today)}")
    return version


def notes_markdown(root: Path, version: str | None) -> str:
    """What changed in `version` (default: the edition of the work tree, fixed or not) as Markdown."""
    log = changelog(root)
    current = edition_module.current(root)
    version = version or current.version
    if version != current.version and log.edition(version) is None:
        raise ReleaseError(f"{version} is geen vaste editie in data/{EDITIONS_FILE}. Een editie maak je met `make release`.")
    fixed = log.edition(version)
    label = f"Editie {version} van {fixed.datum_nl}" if fixed else current.label
    site_url = edition_module.site_setting("site_url", root)
    return section_markdown(log.this_edition(version, label), site_url)


def main(argv: list[str], root: Path = ROOT, today: dt.date | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("plan")
    sub.add_parser("make")
    notes = sub.add_parser("notes")
    notes.add_argument("--version")
    notes.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    today = today or dt.date.today()
    try:
        if args.command == "plan":
            version, log = plan(root, today)
            pending = log.unreleased()
            print(f"Volgende editie: {version} ({len(pending)} nieuwe wijziging(en))")
            for note in pending:
                print(f"- {note.datum.isoformat()} {note.entry.titel}")
        elif args.command == "make":
            version = make(root, today)
            print(f"Editie {version} vastgelegd: commit en tag {version}.\n"
                  f"Publiceren (site, GitHub-release met offline bundel en PDF): git push origin {BRANCH} {version}")
        else:
            text = notes_markdown(root, args.version)
            if args.out:
                args.out.parent.mkdir(parents=True, exist_ok=True)
                args.out.write_text(text, encoding="utf-8")
                print(args.out)
            else:
                print(text, end="")
    except ReleaseError as exc:
        print(f"Geen editie gemaakt: {exc}" if args.command == "make" else str(exc), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
