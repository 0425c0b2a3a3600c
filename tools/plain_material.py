"""The same pages built by plain Material for MkDocs: the yardstick of `make bench` (issue 13).

    python tools/plain_material.py PROJECT_DIR TARGET_DIR

Builds PROJECT_DIR once with a capturing plugin that keeps every page's final Markdown (after
our hooks and the macros plugin: the data rendered, links resolved, glossary abbreviations
appended), and writes TARGET_DIR: a project with exactly those pages and words, built by plain
Material (same theme features, same Markdown extensions, the search plugin; no hooks, no other
plugins, navigation generated from the files, as Material does by default). `make bench` then
times both builds in the same run, so the ratio holds while the machine's speed drifts.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

# The hooks import tools/edition.py as `edition` only when tools/ is not on the path yet (they put it
# first); with this script's own folder already there, overrides/hooks/edition.py would shadow it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]


def capture(project: Path) -> dict[str, str]:
    """src_uri -> final Markdown of every page of the project's build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin, event_priority

    class Capture(BasePlugin):
        def __init__(self):
            super().__init__()
            self.pages: dict[str, str] = {}

        @event_priority(-1000)  # after every other plugin and hook
        def on_page_markdown(self, markdown, page, config, files):
            self.pages[page.file.src_uri] = markdown
            return markdown

    here = os.getcwd()
    os.chdir(project)
    sys.path.insert(0, str(project))
    try:
        with tempfile.TemporaryDirectory() as site:
            # What this site writes into the HTML (edit links, lists of links: macros/render.py,
            # SLOT), plain Material needs in the page's Markdown.
            from macros import render
            render.HTML_SLOTS = False
            config = load_config(str(project / "mkdocs.yml"), site_dir=site)
            plugin = Capture()
            config.plugins["bench-capture"] = plugin
            build(config)
            return plugin.pages
    finally:
        os.chdir(here)
        sys.path.remove(str(project))


def write_plain(pages: dict[str, str], project: Path, target: Path) -> None:
    """A plain Material project holding `pages`, with the project's theme features and extensions."""
    ours = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    for src, markdown in pages.items():
        path = docs / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
    config = {
        "site_name": ours["site_name"],
        "site_url": "https://example.org/",
        "use_directory_urls": False,
        "theme": {"name": "material", "language": "nl", "font": False,
                  "features": ours["theme"].get("features", [])},
        "plugins": [{"search": {"lang": "nl"}}],
        "markdown_extensions": ours.get("markdown_extensions", []),
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


class _Loader(yaml.SafeLoader):
    """mkdocs.yml holds `!ENV [...]` values: read them as their default, as a plain build would."""


def _env(loader, node):
    value = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    return value[-1] if value else None


_Loader.add_constructor("!ENV", _env)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("target", type=Path)
    args = parser.parse_args(argv)
    pages = capture(args.project.resolve())
    write_plain(pages, args.project.resolve(), args.target.resolve())
    print(f"{len(pages)} pagina's in {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
