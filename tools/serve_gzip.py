"""Serve a built site on 127.0.0.1 the way a real static host does: gzip and cache headers.

Python's http.server sends neither, so a page measured through it looks heavier and slower than
it is on any real host (GitHub Pages, Netlify, nginx). This server, used by `make bench`
(tools/bench.py), adds:

- `Content-Encoding: gzip` for text files (HTML, CSS, JS, JSON, SVG, XML) when the client
  accepts it, compressed once per file and kept in memory;
- `Cache-Control`: one year, immutable, for Material's fingerprinted assets (name.<hash>.min.*);
  ten minutes for everything else, as GitHub Pages does.

Usage: python tools/serve_gzip.py SITE_DIR [--port 8000]
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import os
import re
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

COMPRESS = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".webmanifest"}
FINGERPRINT = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)$")
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=600"


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip and Cache-Control; everything else as SimpleHTTPRequestHandler."""

    _cache: dict[tuple[str, float], bytes] = {}
    _lock = threading.Lock()

    def log_message(self, *args):  # quiet: the benchmark prints its own table
        pass

    def end_headers(self):
        path = self.translate_path(self.path)
        self.send_header("Cache-Control", IMMUTABLE if FINGERPRINT.search(path) else SHORT)
        self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects /dir to /dir/
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in COMPRESS and path.is_file()):
            return super().send_head()
        stat = path.stat()
        key = (str(path), stat.st_mtime)
        with self._lock:
            body = self._cache.get(key)
            if body is None:
                body = self._cache[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(folder: Path, port: int = 0, handler_class=None):
    """Serve `folder` on 127.0.0.1 in a background thread; yields the base URL (ending in /).

    The browser tests (tests/browser.py) pass a plain, quiet handler: same server, no gzip.
    """
    handler = functools.partial(handler_class or GzipHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}/index.html ontbreekt: bouw eerst de site (make build).", file=sys.stderr)
        return 2
    with serve(args.site.resolve(), args.port) as url:
        print(f"Site op {url} (gzip, Cache-Control); Ctrl+C stopt.")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    sys.exit(main())
