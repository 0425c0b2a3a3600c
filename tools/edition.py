"""The edition stamp: which version of the guide a reader holds, and of when.

One function, `current()`, used by the site build (overrides/hooks/edition.py),
the offline bundle (tools/offline.py) and the PDF (tools/pdf.py), so the three
always show the same stamp and the dist/ file names carry the same version.

Readers see an edition name or the word "proefversie", never a commit hash:

- An edition: the tree is exactly the commit of a tag `make release` made (tools/release.py,
  vJJJJ.MM or vJJJJ.MM.2) and has no uncommitted changes. Version = the tag, date = the date
  of that commit: "Editie v2027.03 van 5 maart 2027", files ...-v2027.03.pdf.
- Anything else is a preview ("proefversie"): a local build, a pull request's preview, a commit
  after an edition, a tree with uncommitted changes, or no git at all. Date = the commit's date
  (every build of one commit gets the identical stamp), or the build date when there are
  uncommitted changes or no git. "Proefversie van 5 maart 2027 (geen vaste editie)",
  files ...-proefversie-2027-03-05.pdf.

    python tools/edition.py             # prints the stamp, e.g. "Editie v2027.03 van 5 maart 2027"
    python tools/edition.py --version   # prints the version as used in file names
"""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.datum import datum_nl  # noqa: E402  (the one Dutch date format)

# Base name of the downloadable files: dist/<NAME>-<version>-offline.zip, dist/<NAME>-<version>.pdf
NAME = "circulair-aankopen-zorg"
PREVIEW = "proefversie"
# A tag of `make release` (tools/release.py next_version): v2027.03, v2027.03.2.
EDITION_TAG = re.compile(r"v\d{4}\.\d{2}(?:\.\d+)?")


@dataclass(frozen=True)
class Edition:
    version: str  # the edition's tag, or "proefversie-JJJJ-MM-DD"
    date: dt.date
    from_git: bool
    preview: bool = False

    @property
    def date_nl(self) -> str:
        return datum_nl(self.date)

    @property
    def label(self) -> str:
        if self.preview:
            return f"Proefversie van {self.date_nl} (geen vaste editie)"
        return f"Editie {self.version} van {self.date_nl}"

    @property
    def name(self) -> str:
        """What the edition is called in a sentence: "editie v2027.03" or "proefversie"."""
        return PREVIEW if self.preview else f"editie {self.version}"

    @property
    def file_version(self) -> str:
        """The version made safe for a file name (tags may hold characters such as '/')."""
        return re.sub(r"[^A-Za-z0-9._-]+", "-", self.version).strip("-") or PREVIEW

    @property
    def folder_name(self) -> str:
        """The one folder at the root of the offline zip: unpacked, everything is in it."""
        return f"{NAME}-{self.file_version}"

    @property
    def zip_name(self) -> str:
        return f"{NAME}-{self.file_version}-offline.zip"

    @property
    def pdf_name(self) -> str:
        return f"{NAME}-{self.file_version}.pdf"

    def as_dict(self) -> dict:
        """What the theme and the pages get as config.extra.edition."""
        return {"version": self.version, "date": self.date.isoformat(), "date_nl": self.date_nl,
                "label": self.label, "name": self.name, "preview": self.preview,
                "zip": self.zip_name, "pdf": self.pdf_name}


def _git(root: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    out = proc.stdout.strip()
    return out if proc.returncode == 0 and out else None


def preview_edition(date: dt.date, from_git: bool) -> Edition:
    return Edition(f"{PREVIEW}-{date.isoformat()}", date, from_git, preview=True)


def current(root: Path = ROOT, today: dt.date | None = None) -> Edition:
    """The edition of the tree at `root` (see the module docstring for the rules)."""
    today = today or dt.date.today()
    # --dirty: uncommitted changes; --always: a hash when no tag is reachable. Only a bare tag
    # (no "-3-gab12cd3" after it, no "-dirty") names an edition.
    described = _git(root, "describe", "--tags", "--always", "--dirty")
    date = _git(root, "log", "-1", "--format=%cs")  # committer date, YYYY-MM-DD
    if not (described and date):
        return preview_edition(today, False)
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        return preview_edition(today, False)
    if described.endswith("-dirty"):
        return preview_edition(today, True)
    if EDITION_TAG.fullmatch(described):
        return Edition(described, day, True)
    return preview_edition(day, True)


# The PDF's page margins and footer (site name, edition, "pagina X van Y"), a stylesheet of the build:
# overrides/hooks/edition.py writes it, tools/pdf.py adds it to the print page before printing.
PDF_CSS = "assets/stylesheets/pdf.css"


def pdf_css(footer: str) -> str:
    text = footer.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    font = 'font-family: "Gids Noto Sans", sans-serif; font-size: 8pt; color: #333;'
    # The cover (page 1) has no footer: it carries the edition itself.
    return (f"/* Only for the PDF (tools/pdf.py). */\n@page {{ margin: 16mm 14mm 18mm 14mm;\n"
            f"  @bottom-left {{ content: \"{text}\"; {font} }}\n"
            f"  @bottom-center {{ content: none; }}\n"
            f"  @bottom-right {{ content: \"pagina \" counter(page) \" van \" counter(pages); {font} }} }}\n"
            f"@page :first {{ @bottom-left {{ content: none; }} @bottom-right {{ content: none; }} }}\n")


def site_setting(key: str, root: Path = ROOT) -> str:
    """A top-level string from mkdocs.yml (site_name, site_url) for the build tools, read without
    loading the whole config. `!ENV [NAME, "default"]` gives $NAME or the default, as MkDocs does
    (site_url is one: `make serve` points it at 127.0.0.1)."""
    match = re.search(rf"^{key}:\s*(.+)$", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    value = match.group(1).strip() if match else ""
    env = re.fullmatch(r"!ENV\s*\[\s*(\w+)\s*,\s*[\"']?([^\"'\]]*)[\"']?\s*\]", value)
    if env:
        value = os.environ.get(env.group(1)) or env.group(2)
    return value


if __name__ == "__main__":
    edition = current()
    print(edition.file_version if "--version" in sys.argv[1:] else edition.label)


def prune(out: Path, keep: Path) -> list[str]:
    """Remove the other editions' files of the same kind from dist/: it holds the current edition only.

    `keep` is the file just written (<NAME>-<version>.pdf or <NAME>-<version>-offline.zip); only files
    of that kind with our NAME go, so nothing else in the folder is touched."""
    offline = keep.name.endswith("-offline.zip")
    removed = []
    for path in out.glob(f"{NAME}-*"):
        same_kind = path.name.endswith("-offline.zip") if offline else (path.suffix == ".pdf")
        if path != keep and same_kind and path.is_file():
            path.unlink()
            removed.append(path.name)
    return removed

