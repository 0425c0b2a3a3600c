"""`make serve`: MkDocs' live-reloading preview that survives a mistake in the data.

    python tools/serve.py [--dev-addr 127.0.0.1:8000] [-f mkdocs.yml]

`mkdocs serve` stops at once when the first build fails, and after a later failed build its
server "appears stuck": every page request waits for a build that never comes. An editor who
saves a file with a typo then sees a browser that hangs. Here every build that fails writes
its messages, in Dutch, as the page at every address of the preview (and in the terminal),
and counts as a finished build: the browser reloads and shows what is wrong, and when the
file is saved again without the mistake the next build brings the site back, by itself.

The rest is MkDocs' own `serve` (mkdocs/commands/serve.py, 1.6): the same server, watched
folders (docs/, mkdocs.yml, the theme, and `watch:` in mkdocs.yml: data/, macros/, overrides/)
and strict build.
"""
from __future__ import annotations

import argparse
import html
import logging
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
# The hooks import tools/edition.py as `edition` only when tools/ is not on the path yet (they put it
# first); with this script's own folder already there, overrides/hooks/edition.py would shadow it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

ERROR_PAGE = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fout in de gegevens - voorbeeld van de site</title>
<style>body {{ font-family: sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.5; }}
pre {{ white-space: pre-wrap; background: #fff4f4; border-left: 4px solid #b00020; padding: 1rem; }}</style>
</head>
<body>
<main>
<h1>De site kon niet gebouwd worden</h1>
<p>Er zit een fout in wat je net bewaarde. Dit zegt de controle:</p>
<pre>{messages}</pre>
<p>Verbeter het bestand en bewaar het opnieuw: deze pagina ververst dan vanzelf en toont de site weer.</p>
</main>
</body>
</html>
"""


class _Collect(logging.Handler):
    """Keeps the warnings and errors of one build, for the error page."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def error_page(messages: list[str]) -> str:
    return ERROR_PAGE.format(messages=html.escape("\n".join(messages) or "Onbekende fout: zie het venster van make serve."))


def show_error(site_dir: Path, messages: list[str]) -> None:
    """The error page at every address the preview served, and at the start page and the 404 page."""
    page = error_page(messages)
    targets = set(site_dir.rglob("*.html")) | {site_dir / "index.html", site_dir / "404.html"}
    for target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev-addr", default="127.0.0.1:8000")
    parser.add_argument("-f", "--config-file", default=str(ROOT / "mkdocs.yml"))
    args = parser.parse_args(argv)

    from mkdocs.config import load_config
    from mkdocs.commands.build import build
    from mkdocs.livereload import LiveReloadServer

    logger = logging.getLogger("mkdocs")
    if not logger.handlers:  # what `mkdocs serve` shows in the terminal
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False

    site_dir = tempfile.mkdtemp(prefix="mkdocs_")
    host, _, port = args.dev_addr.rpartition(":")

    def get_config():
        config = load_config(config_file=args.config_file, site_dir=site_dir, strict=True,
                             dev_addr=args.dev_addr)
        config.site_url = serve_url
        return config

    first = load_config(config_file=args.config_file, site_dir=site_dir, strict=True, dev_addr=args.dev_addr)
    mount_path = urlsplit(first.site_url or "/").path
    serve_url = f"http://{host}:{port}{mount_path}"
    first.site_url = serve_url
    first.plugins.on_startup(command="serve", dirty=False)

    def builder(config=None):
        collect = _Collect()
        logger.addHandler(collect)
        try:
            logger.info("Building documentation...")
            build(config or get_config(), serve_url=serve_url)
        except (Exception, SystemExit) as exc:  # noqa: BLE001  every failure becomes the error page
            messages = collect.messages or [str(exc)]
            show_error(Path(site_dir), messages)
            print("\nDe site kon niet gebouwd worden; de browser toont de fout. Verbeter het bestand en "
                  "bewaar het opnieuw.\n", file=sys.stderr)
        finally:
            logger.removeHandler(collect)

    server = LiveReloadServer(builder=builder, host=host, port=int(port), root=site_dir, mount_path=mount_path)

    def error_handler(code):
        if code in (404, 500):
            page = Path(site_dir) / f"{code}.html"
            if page.is_file():
                return page.read_bytes()
        return None

    server.error_handler = error_handler
    try:
        builder(first)
        server.watch(first.docs_dir)
        server.watch(first.config_file_path)
        for folder in first.theme.dirs:
            server.watch(folder)
        for item in first.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            logger.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        first.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
