"""The list of published URLs (tests/published-urls.txt), so that no address silently disappears.

    python tools/urls.py write SITE_DIR   # rewrite the list from a build (after adding a page on purpose)
    python tools/urls.py check SITE_DIR   # exit 1 when a listed page is gone or a new page is not listed

Links to this guide end up in tender files, e-mails and intranets. A listed page that
is missing from the build breaks them, unless a redirect (the `redirects` plugin in
mkdocs.yml writes an HTML page at the old address) takes its place, which is why a
redirect page counts as present. Every page of the build counts, except 404.html.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIST = ROOT / "tests" / "published-urls.txt"
HEADER = ("# Every published page of the site, relative to site_url. Checked by tests/test_urls.py.\n"
          "# Update after adding a page on purpose: make urls\n")


def built_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.relative_to(site).as_posix() != "404.html"}


def listed_pages(path: Path = LIST) -> set[str]:
    if not path.exists():
        return set()
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return {line for line in lines if line and not line.startswith("#")}


def problems(listed: set[str], built: set[str]) -> list[str]:
    out = []
    for page in sorted(listed - built):
        source = page[:-5] + ".md"
        out.append(f"{page} is gepubliceerd maar ontbreekt in de build. Oude links ernaar werken dan niet meer: "
                   f"voeg in mkdocs.yml onder plugins > redirects > redirect_maps een regel toe, "
                   f"bv. '{source}': 'nieuwe-pagina.md' (of zet de pagina terug).")
    for page in sorted(built - listed):
        out.append(f"{page} is nieuw en staat nog niet in tests/published-urls.txt. "
                   "Is de pagina bewust toegevoegd? Werk de lijst bij met `make urls` en commit hem mee.")
    return out


def write(site: Path, path: Path = LIST) -> int:
    pages = sorted(built_pages(site))
    path.write_text(HEADER + "".join(p + "\n" for p in pages), encoding="utf-8")
    print(f"{len(pages)} gepubliceerde pagina's in {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}.")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("write", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    site = Path(argv[1])
    if not (site / "index.html").exists():
        print(f"{site}/index.html bestaat niet: bouw eerst de site (make build).", file=sys.stderr)
        return 2
    if argv[0] == "write":
        return write(site)
    found = problems(listed_pages(), built_pages(site))
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
