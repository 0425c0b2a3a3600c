"""Find (or install) LibreOffice Writer, which a test uses to turn the tender builder's downloads into PDF.

    python tools/find_office.py --ensure   # install when missing (root with apt-get), then print the path
    python tools/find_office.py            # print the path of soffice, exit 1 when there is none

Order: $SOFFICE, `soffice` or `libreoffice` on the PATH, the macOS application. A Debian or Ubuntu
soffice without the Writer package opens no .docx or .odt (it says "source file could not be
loaded" and still exits 0), so Writer is checked for by its library beside soffice.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = "libreoffice-writer-nogui"  # Debian's Writer without the desktop parts; pulls in libreoffice-core-nogui
INSTALL = f"sudo apt-get install -y --no-install-recommends {PACKAGE}"
MACOS = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
MISSING = (
    "LibreOffice Writer ontbreekt: tests/test_bestekbouwer_pdf.py zet de .docx en .odt van de bestekbouwer "
    f"om naar PDF met soffice. Installeer het pakket {PACKAGE}: `{INSTALL}` (Ubuntu: hetzelfde; "
    "macOS: `brew install --cask libreoffice`), of wijs een soffice aan met SOFFICE=/pad/naar/soffice."
)


def find() -> str | None:
    given = os.environ.get("SOFFICE")
    if given and Path(given).exists():
        return given
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return MACOS if Path(MACOS).exists() else None


def has_writer(soffice: str) -> bool | None:
    """True or False on the Linux layout (program/ beside the real soffice); None where we cannot tell."""
    program = Path(soffice).resolve().parent
    if not (program / "libmergedlo.so").exists() and not (program / "libsofficeapp.so").exists():
        return None
    return (program / "libswlo.so").exists()


def ensure() -> int:
    path = find()
    if path and has_writer(path) is not False:
        print(f"LibreOffice: {path}")
        return 0
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"LibreOffice Writer ontbreekt: {PACKAGE} installeren met apt-get ...")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", PACKAGE], env=env)
        path = find()
        if path and has_writer(path) is not False:
            print(f"LibreOffice: {path}")
            return 0
    # Not fatal here: the rest of `make test` still runs, and the one test that needs Writer fails with this.
    print(MISSING)
    return 0


if __name__ == "__main__":
    if "--ensure" in sys.argv:
        sys.exit(ensure())
    path = find()
    print(path or "")
    sys.exit(0 if path and has_writer(path) is not False else 1)
