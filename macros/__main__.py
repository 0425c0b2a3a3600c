"""`python -m macros [data-dir]`: validate the data files without building the site.

Checks the entries (data/*.yml) and the change notes and editions (data/wijzigingen.yml,
data/edities.yml), including the pages a note names (in the docs/ folder beside data/).
"""
import sys
from pathlib import Path

from .catalog import load
from .errors import DataError
from .model import KINDS
from .wijzigingen import load as load_changelog, page_titles


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "data"
    try:
        catalog = load(data_dir)
        docs = data_dir.parent / "docs"  # without it (a bare data folder) page names are not checked
        changelog = load_changelog(data_dir, catalog, page_titles(docs, catalog) if docs.is_dir() else None)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(catalog.all(k))} {k}" for k in KINDS)
    print(f"Gegevens in orde: {counts}, {len(changelog.notes)} wijziging, {len(changelog.editions)} editie.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
