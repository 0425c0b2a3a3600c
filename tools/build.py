"""A strict build that two people (or a person and `make serve`'s neighbour) can run at once,
and that anyone can interrupt: `make build`, and the offline build in tools/offline.py.

    python tools/build.py [--site-dir site]

- One build per output folder at a time: a lock file beside it (.site.lock); a second build
  waits for the first and then builds itself, so both end with a complete site/.
- The build writes into a folder of its own (.site.tmp-XXXX beside site/); only a build that
  succeeded replaces site/, so a failed build leaves the last good site in place.
- Ctrl-C or a kill signal removes that folder; leftovers of a build that was killed outright
  are removed by the next build, under the lock.
"""
from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path


class Interrupted(Exception):
    pass


def _raise_interrupted(signum, frame):
    raise Interrupted(signal.Signals(signum).name)


@contextlib.contextmanager
def locked(site_dir: Path):
    lock_path = site_dir.parent / f".{site_dir.name}.lock"
    with open(lock_path, "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"Er loopt al een build naar {site_dir.name}/; deze wacht tot die klaar is.", file=sys.stderr)
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _leftovers(site_dir: Path) -> list[Path]:
    return [p for p in site_dir.parent.glob(f".{site_dir.name}.*-*") if p.is_dir()]


def safe_build(site_dir: Path, project: Path, env: dict | None = None) -> int:
    """Build `project` strictly into `site_dir`; returns mkdocs' exit code (0: site_dir replaced)."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    previous = {sig: signal.signal(sig, _raise_interrupted) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        with locked(site_dir):
            for stale in _leftovers(site_dir):
                shutil.rmtree(stale, ignore_errors=True)
            tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.tmp-", dir=site_dir.parent))
            try:
                child = subprocess.Popen([str(mkdocs), "build", "--strict", "--site-dir", str(tmp)], cwd=project, env=env)
                try:
                    code = child.wait()
                except BaseException:
                    # Stop MkDocs before its folder goes, or it would write half a site into it again.
                    child.terminate()
                    child.wait()
                    raise
                if code != 0:
                    return code
                old = None
                if site_dir.exists():
                    old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
                    site_dir.rename(old / site_dir.name)
                tmp.rename(site_dir)
                if old:
                    shutil.rmtree(old, ignore_errors=True)
                return 0
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    args = parser.parse_args(argv)
    try:
        code = safe_build(args.site_dir, Path.cwd())
    except (KeyboardInterrupt, Interrupted):
        print(f"Build onderbroken: {args.site_dir}/ is niet gewijzigd.", file=sys.stderr)
        return 130
    if code != 0:
        print(f"Build mislukt: {args.site_dir}/ is niet gewijzigd.", file=sys.stderr)
        return code
    print(f"Site gebouwd in {args.site_dir}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
