"""The edition stamp: which version of the guide a reader holds, and of when.

One function, `current()`, used by the site build (overrides/hooks/edition.py),
the offline bundle (tools/offline.py) and the PDF (tools/pdf.py), so the three
always show the same stamp and the dist/ file names carry the same version.

- In a git checkout: version = `git describe --tags --always --dirty`
  (a tag such as v1.2, or the short commit hash; "-dirty" when the tree has
  uncommitted changes), date = the date of that commit. The commit date, not
  the build date, so every build of one commit gets the identical stamp.
- Outside git (a downloaded source archive, no git installed, or git refusing
  the folder): version = "ongeversioneerd", date = the build date.

    python tools/edition.py             # prints the stamp, e.g. "Editie v1.2 van 3 maart 2027"
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
UNVERSIONED = "ongeversioneerd"

@dataclass(frozen=True)
class Edition:
    version: str
    date: dt.date
    from_git: bool

    @property
    def date_nl(self) -> str:
        return datum_nl(self.date)

    @property
    def label(self) -> str:
        return f"Editie {self.version} van {self.date_nl}"

    @property
    def file_version(self) -> str:
        """The version made safe for a file name (tags may hold characters such as '/')."""
        return re.sub(r"[^A-Za-z0-9._-]+", "-", self.version).strip("-") or UNVERSIONED

    @property
    def zip_name(self) -> str:
        return f"{NAME}-{self.file_version}-offline.zip"

    @property
    def pdf_name(self) -> str:
        return f"{NAME}-{self.file_version}.pdf"

    def as_dict(self) -> dict:
        """What the theme and the pages get as config.extra.edition."""
        return {"version": self.version, "date": self.date.isoformat(), "date_nl": self.date_nl,
                "label": self.label, "zip": self.zip_name, "pdf": self.pdf_name}


def _git(root: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    out = proc.stdout.strip()
    return out if proc.returncode == 0 and out else None


def current(root: Path = ROOT, today: dt.date | None = None) -> Edition:
    """The edition of the tree at `root` (see the module docstring for the rules)."""
    version = _git(root, "describe", "--tags", "--always", "--dirty")
    date = _git(root, "log", "-1", "--format=%cs")  # committer date, YYYY-MM-DD
    if version and date:
        try:
            return Edition(version, dt.date.fromisoformat(date), True)
        except ValueError:
            pass
    return Edition(UNVERSIONED, today or dt.date.today(), False)


# The PDF's page margins and footer (site name, edition, "pagina X van Y"), a stylesheet of the build:
# overrides/hooks/edition.py writes it, tools/pdf.py adds it to the print page before printing.
PDF_CSS = "assets/stylesheets/pdf.css"


def pdf_css(footer: str) -> str:
    text = footer.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    font = 'font-family: "Gids Noto Sans", sans-serif; font-size: 8pt; color: #333;'
    return (f"/* Only for the PDF (tools/pdf.py). */\n@page {{ margin: 16mm 14mm 18mm 14mm;\n"
            f"  @bottom-left {{ content: \"{text}\"; {font} }}\n"
            f"  @bottom-center {{ content: none; }}\n"
            f"  @bottom-right {{ content: \"pagina \" counter(page) \" van \" counter(pages); {font} }} }}\n")


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

