"""`python -m macros [data-dir]`: validate the data files without building the site."""
import sys
from pathlib import Path

from .catalog import load
from .errors import DataError
from .model import KINDS


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "data"
    try:
        catalog = load(data_dir)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(catalog.all(k))} {k}" for k in KINDS)
    print(f"Gegevens in orde: {counts}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
