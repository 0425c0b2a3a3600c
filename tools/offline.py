"""Build the offline bundle: dist/<name>-<version>-offline.zip (`make offline`).

    python tools/offline.py [--site-dir site-offline] [--out dist]

A strict MkDocs build with Material's offline plugin switched on (OFFLINE=true;
overrides/hooks/edition.py then loads our own worker stand-in for file://
instead of the CDN shim), into its own folder so site/ is untouched.
Before zipping, every address in every file of the bundle is looked at
(tools/adressen.py: HTML and SVG attributes, CSS, scripts, the search index):
the bundle must open from file:// with no network at all. Prints how many
addresses it checked and the zip's path.
"""
from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import adressen  # noqa: E402  (tools/adressen.py)
import edition as edition_module  # noqa: E402
from build import safe_build  # noqa: E402  (tools/build.py)

README = """{site_name}
{label}

Zo gebruik je deze offline versie:
1. Pak het zip-bestand volledig uit (in Windows: rechtsklik, Alles uitpakken).
2. Open de map die dat oplevert, en daarin het bestand index.html (dubbelklikken).

De gids werkt dan in je browser zonder internet: navigatie, zoeken en de uitleg bij begrippen.
Alleen links naar externe websites hebben een verbinding nodig.
De nieuwste editie staat op {site_url}downloads.html
"""


def build(site_dir: Path) -> None:
    # The same locked, interruptible build as `make build` (tools/build.py), with the offline plugin on.
    if safe_build(site_dir, ROOT, env={"OFFLINE": "true"}) != 0:
        raise SystemExit("Offline build mislukt (zie hierboven).")


def network_references(site_dir: Path) -> list[str]:
    """Every address in the bundle that the browser would fetch from a network, and every file
    whose addresses could not be read (tools/adressen.py)."""
    return adressen.scan(site_dir).problems


def changes_text(edition) -> str:
    """"Wijzigingen in deze editie" for LEESMIJ.txt, from the same notes as the bundle's own page."""
    from macros.catalog import load
    from macros.wijzigingen import load as load_changelog, page_titles, section_text

    catalog = load(ROOT / "data")
    changelog = load_changelog(ROOT / "data", catalog, page_titles(ROOT / "docs", catalog))
    return section_text(changelog.this_edition(edition.version, edition.label))


def make_zip(site_dir: Path, target: Path, edition) -> None:
    """Everything in one folder at the zip's root (edition.folder_name), LEESMIJ.txt beside index.html:
    unpacked anywhere, the bundle makes one folder, never 25 loose files among a reader's own.
    Entries are sorted and dated with the edition date, so one commit always gives the same zip."""
    stamp = (edition.date.year, edition.date.month, edition.date.day, 0, 0, 0)
    top = edition.folder_name
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    readme = README.format(site_name=edition_module.site_setting("site_name"), label=edition.label, site_url=edition_module.site_setting("site_url"))
    readme += "\n" + changes_text(edition)
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        folder = zipfile.ZipInfo(f"{top}/", stamp)
        folder.external_attr = (0o40755 << 16) | 0x10  # a directory, for unzip tools that want one
        zf.writestr(folder, b"")
        zf.writestr(zipfile.ZipInfo(f"{top}/LEESMIJ.txt", stamp), readme.replace("\n", "\r\n"), zipfile.ZIP_DEFLATED)
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(site_dir).as_posix()}", stamp)
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
    tmp.replace(target)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site-offline")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)

    edition = edition_module.current(ROOT)
    build(args.site_dir.resolve())
    report, leaks = adressen.check(args.site_dir)
    print(report.summary())
    if leaks:
        print("De offline build verwijst naar het netwerk; zo werkt hij niet zonder internet:", file=sys.stderr)
        print("\n".join(f"- {leak}" for leak in leaks), file=sys.stderr)
        return 1
    target = args.out / edition.zip_name
    make_zip(args.site_dir, target, edition)
    edition_module.prune(args.out, target)  # dist/ holds the current edition only
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
