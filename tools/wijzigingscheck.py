"""Pull request check: a change to the content comes with a change note.

    python tools/wijzigingscheck.py --base BASE --head HEAD [--body-file FILE]

Fails (exit 1) when the commits from BASE to HEAD change content, that is any file under
data/ or docs/ except the notes and editions themselves and docs/assets/ (scripts and
styles), and add no new note (a new id) to data/wijzigingen.yml; unless the pull request
is marked as a small correction: a ticked box in its description on a line that starts
with "Kleine correctie", as the pull request template has it:

    - [x] Kleine correctie (tikfout, opmaak, ...): geen wijzigingsnota nodig.

Run by .github/workflows/wijzigingsnota.yml with the description from the pull request's event,
without any token (it is the pull request's own copy of this file). Editing the description, as
ticking the box does, is an event too: the check runs again by itself. Standard library only: it
runs before any dependency is installed. Exit 2 on a usage error (git cannot compare the two).

It prints what it compared (commits, changed files, notes before and after). Nothing to
compare is exit 2, not a pass: no commit between BASE and HEAD (a wrong commit or a shallow
checkout), or a notes file in which no note can be found.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

NOTES = "data/wijzigingen.yml"
EDITIONS = "data/edities.yml"
# "- [x] Kleine correctie ..." (GitHub writes [x] when the box is ticked in its editor).
# On one line, and possessive: the description is anyone's text, and "\s*" spanning lines made a
# description of 50,000 line breaks cost 50,000 squared steps.
SMALL_CORRECTION_RE = re.compile(r"^[ \t]*+[-*+][ \t]*+\[[xX]\][ \t]*+\**+[ \t]*+Kleine correctie\b", re.M)
ID_RE = re.compile(r"""^-\s+id:\s*["']?([a-z0-9]+(?:-[a-z0-9]+)*)["']?\s*(?:#.*)?$""", re.M)


class CheckError(Exception):
    pass


def git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)


def is_content(path: str) -> bool:
    if path in (NOTES, EDITIONS):
        return False
    if path.startswith("docs/assets/"):
        return False
    return path.startswith(("data/", "docs/"))


def changed_files(root: Path, base: str, head: str) -> list[str]:
    proc = git(root, "diff", "--name-only", "--no-renames", f"{base}...{head}")
    if proc.returncode != 0:
        raise CheckError(f"git kan {base} en {head} niet vergelijken: {proc.stderr.strip()}")
    return [line for line in proc.stdout.splitlines() if line]


def note_ids(root: Path, rev: str) -> set[str]:
    """Ids of the notes in data/wijzigingen.yml at `rev` (none when the file is not there)."""
    proc = git(root, "show", f"{rev}:{NOTES}")
    if proc.returncode != 0:
        return set()
    ids = set(ID_RE.findall(proc.stdout))
    if not ids and re.search(r"^-\s", proc.stdout, re.M):
        raise CheckError(f"{NOTES} in {rev} bevat items, maar geen enkele regel '- id: ...' die deze controle kan lezen. "
                         "Begint elke nota met '- id: ' aan het begin van de regel?")
    return ids


def commits(root: Path, base: str, head: str) -> int:
    proc = git(root, "rev-list", "--count", f"{base}..{head}")
    if proc.returncode != 0:
        raise CheckError(f"git kan {base} en {head} niet vergelijken: {proc.stderr.strip()}")
    return int(proc.stdout.strip() or 0)


def check(root: Path, base: str, head: str, body: str) -> tuple[bool, str]:
    """(passed, message in Dutch for the pull request's author), after a line with the counts."""
    count = commits(root, base, head)
    if count == 0:
        raise CheckError(f"Tussen {base} en {head} ligt geen enkele commit: er is niets te controleren. Klopt de basis "
                         "van de pull request, en haalt de checkout de hele geschiedenis op (fetch-depth: 0)?")
    files = changed_files(root, base, head)
    content = [f for f in files if is_content(f)]
    before, after = note_ids(root, base), note_ids(root, head)
    print(f"Vergeleken: {count} commit(s), {len(files)} gewijzigd(e) bestand(en), waarvan {len(content)} inhoud; "
          f"{len(before)} wijzigingsnota('s) in {base}, {len(after)} in {head}.")
    if not content:
        return True, "Geen inhoud gewijzigd in data/ of docs/: er is geen wijzigingsnota nodig."
    added = sorted(after - before)
    listing = "\n".join(f"  - {f}" for f in content[:20]) + ("\n  - ..." if len(content) > 20 else "")
    if added:
        return True, (f"Inhoud gewijzigd, met {len(added)} nieuwe wijzigingsnota('s) in {NOTES}: "
                      f"{', '.join(added)}.")
    if SMALL_CORRECTION_RE.search(body or ""):
        return True, "Inhoud gewijzigd, gemarkeerd als kleine correctie: er is geen wijzigingsnota nodig."
    return False, (
        f"Deze pull request wijzigt de inhoud van de gids:\n{listing}\n"
        f"maar voegt geen wijzigingsnota toe in {NOTES}.\n"
        f"Is het een inhoudelijke wijziging (nieuwe of verbeterde inhoud, een verplaatste pagina)? "
        f"Kopieer dan het sjabloon bovenaan {NOTES} naar het einde van dat bestand en vul het in: "
        f"datum, titel, wat en waarom, en de items of pagina's die veranderden.\n"
        f"Is het een kleine correctie (een tikfout, de opmaak)? Vink dan in de beschrijving van de pull "
        f"request het vakje \"Kleine correctie\" aan: de controle loopt dan vanzelf opnieuw.\n"
        f"Uitleg: CONTRIBUTING.md, deel 5.")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--head", required=True)
    parser.add_argument("--body-file", type=Path, help="the pull request's description (default: none)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the git work tree (default: here)")
    args = parser.parse_args(argv)
    body = args.body_file.read_text(encoding="utf-8") if args.body_file and args.body_file.exists() else ""
    try:
        passed, message = check(args.root, args.base, args.head, body)
    except CheckError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(message)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(("### Wijzigingsnota\n\n" if passed else "### Wijzigingsnota ontbreekt\n\n") + message + "\n")
    if not passed and os.environ.get("GITHUB_ACTIONS"):
        print("::error title=Wijzigingsnota ontbreekt::Inhoud gewijzigd zonder nota in data/wijzigingen.yml "
              "en zonder het vinkje Kleine correctie (zie de uitleg hierboven).")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
