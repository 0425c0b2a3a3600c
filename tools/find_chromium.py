"""Find (or install) the headless Chromium that the browser tests drive.

    python tools/find_chromium.py --ensure   # install when missing, then print the path
    python tools/find_chromium.py            # print the path, exit 1 when there is none

Order: $CHROMIUM, Debian's /usr/bin/chromium (installed with apt-get when we
are root and it is missing), Ubuntu's chromium-browser or Google Chrome, then Playwright's own Chromium (downloaded by
`playwright install chromium` elsewhere; never needed on our CI machines).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

DEBIAN = Path("/usr/bin/chromium")
OTHERS = ("/usr/bin/chromium-browser", "/snap/bin/chromium", "google-chrome", "google-chrome-stable")


def find() -> str | None:
    given = os.environ.get("CHROMIUM")
    if given and Path(given).exists():
        return given
    if DEBIAN.exists():
        return str(DEBIAN)
    for other in OTHERS:  # Ubuntu's snap, Google Chrome
        found = shutil.which(other) if "/" not in other else (other if Path(other).exists() else None)
        if found:
            return found
    return None  # tests then let Playwright use its own browser, if installed


def ensure() -> int:
    path = find()
    if path:
        print(f"Chromium: {path}")
        return 0
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print("Chromium ontbreekt: installeren met apt-get ...")
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        proc = subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"])
        if proc.returncode == 0 and DEBIAN.exists():
            print(f"Chromium: {DEBIAN}")
            return 0
    print("Geen Debian-Chromium: Playwright's eigen Chromium wordt gebruikt (playwright install chromium).")
    proc = subprocess.run([str(Path(sys.executable).parent / "playwright"), "install", "chromium"])
    return proc.returncode


if __name__ == "__main__":
    if "--ensure" in sys.argv:
        sys.exit(ensure())
    path = find()
    print(path or "")
    sys.exit(0 if path else 1)
