"""Screenshots of the site for a design review: the home page, a step page and the PDF's cover,
at a 390 px phone and a 1280 px desktop, as small PNGs (what a reader sees first, not a whole page).

    python tools/schermafdrukken.py --site site --pdf dist/x.pdf --out bench/screenshots/na

Not a test: a person looks at these side by side (bench/screenshots/voor/ and na/). The step page is
the first step in data/stappen.yml, so the tool does not break when an editor renames one. The PDF's
cover needs pdftoppm (Debian's poppler-utils); without it the cover is skipped with a message.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

WIDTHS = {"390": (390, 844), "1280": (1280, 800)}


def first_step() -> str:
    steps = yaml.safe_load((ROOT / "data" / "stappen.yml").read_text(encoding="utf-8"))
    return f"stappen/{min(steps, key=lambda s: s['nummer'])['id']}.html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--pdf", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--scheme", choices=("light", "dark"), default="light")
    args = parser.parse_args(argv)
    from browser import chromium, serve  # tests/browser.py

    args.out.mkdir(parents=True, exist_ok=True)
    pages = {"start": "index.html", "stap": first_step()}
    made = []
    with serve(args.site) as base, chromium() as browser:
        for width, (w, h) in WIDTHS.items():
            context = browser.new_context(viewport={"width": w, "height": h}, color_scheme=args.scheme)
            page = context.new_page()
            for name, path in pages.items():
                page.goto(base + path)
                page.wait_for_timeout(300)
                target = args.out / f"{name}-{width}.png"
                page.screenshot(path=str(target))
                made.append(target)
            context.close()
    if args.pdf:
        if not shutil.which("pdftoppm"):
            print("pdftoppm ontbreekt (apt-get install poppler-utils): de omslag van de pdf is overgeslagen.")
        else:
            with tempfile.TemporaryDirectory() as tmp:
                for width, dpi in (("390", 47), ("1280", 110)):
                    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile",
                                    str(args.pdf), f"{tmp}/omslag"], check=True)
                    target = args.out / f"pdf-omslag-{width}.png"
                    shutil.move(f"{tmp}/omslag.png", target)
                    made.append(target)
    for target in made:
        print(f"{target}  ({target.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
