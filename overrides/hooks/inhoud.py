"""MkDocs hook: content is not code (issue 21). A pull request that changes a page, its front
matter or a file under docs/ is as harmless as one that changes data/.

- on_config (first of all, before data/ is read): no symbolic link in docs/ or data/, only the
  allowed file types under docs/, no SVG with script or references (macros/bestanden.py);
  mkdocs-macros with the site's minimal settings only (MACROS_SETTINGS), so no setting turns
  pages back into templates; heading ids never one of Material's (macros/sanitize.py, slugify).
- on_files: every hand-written page: the front matter against its model and every `{{`, `{%`,
  `{#` against the one allowed form, a macro call (macros/paginacontrole.py). A page that fails
  stops the build with the file, line and fix, before any page is read or rendered;
  on_page_read_source then hands MkDocs the very text that was checked.
- on_page_markdown (before every other step): the title, description and tags the theme shows,
  escaped once (macros/paginacontrole.py, escape_meta).
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import bestanden, paginacontrole, sanitize  # noqa: E402
from macros.catalog import load_cached  # noqa: E402
from macros.errors import DataError  # noqa: E402

# mkdocs-macros as this site uses it: our module, strict, nothing else. Its other settings could
# load more Python (modules), read files into every page (include_yaml, include_dir), change the
# Jinja markers so the page check looks for the wrong ones (j2_*) or add Jinja extensions.
MACROS_SETTINGS = {
    "module_name": "macros", "modules": [], "render_by_default": True, "force_render_paths": "",
    "include_dir": "", "include_yaml": [], "j2_block_start_string": "", "j2_block_end_string": "",
    "j2_variable_start_string": "", "j2_variable_end_string": "", "j2_comment_start_string": "",
    "j2_comment_end_string": "", "j2_extensions": [], "on_undefined": "strict", "on_error_fail": True,
}

_state: dict = {}


def _stop(head: str, problems) -> PluginError:
    lines = "\n".join(f"  - {p}" for p in problems)
    return PluginError(f"{head} (de site is niet gebouwd):\n{lines}")


def macros_settings_problems(config) -> list[str]:
    plugin = config.plugins.get("macros")
    if plugin is None:
        return []
    wrong = [f"'{key}: {plugin.config.get(key)!r}'" for key, wanted in MACROS_SETTINGS.items()
             if plugin.config.get(key) != wanted]
    if not wrong:
        return []
    return [f"mkdocs.yml, plugins, macros: {', '.join(wrong)} is niet toegelaten. Deze site gebruikt mkdocs-macros "
            "alleen met 'module_name: macros', 'on_error_fail: true' en 'on_undefined: strict': een pagina roept "
            "alleen de macro's van macros/adapter.py aan (macros/paginacontrole.py), en elke andere instelling zou "
            "pagina's weer sjablonen maken of bestanden inlezen. Haal de instelling weg."]


@event_priority(110)
def on_config(config):
    project = Path(config.config_file_path).resolve().parent
    _state["project"] = project
    _state["themes"] = None
    count, problems = bestanden.check_tree(project, Path(config.docs_dir), project / "data")
    if problems:
        raise _stop("Er zit een fout in de bestanden van docs/ of data/" if len(problems) == 1 else
                    f"Er zitten {len(problems)} fouten in de bestanden van docs/ of data/", problems)
    settings = macros_settings_problems(config)
    if settings:
        raise _stop("De instellingen van mkdocs-macros zijn niet die van de site", settings)
    config.mdx_configs.setdefault("toc", {})["slugify"] = sanitize.slugify
    _state["macros"] = paginacontrole.site_macros(project)
    return config


def _themes() -> set[str] | None:
    if _state.get("themes") is None:
        try:
            catalog = load_cached(_state["project"] / "data")
        except DataError:
            return None  # overrides/hooks/datapages.py already stopped the build with the data's message
        _state["themes"] = {item.title for item in catalog.all("thema")}
    return _state["themes"]


# Every hand-written page at once, before MkDocs reads the first one: one message lists the problems of
# all pages (MkDocs would add an English line of its own to an error raised while it reads a page).
@event_priority(100)
def on_files(files, config):
    project = _state["project"]
    texts, problems = {}, []
    for file in files.documentation_pages():
        if file.generated_by is not None or not file.abs_src_path:
            continue  # made by our hooks from data/ (their front matter comes from macros/templates/_m.md.j2)
        path = Path(file.abs_src_path)
        try:
            rel = path.relative_to(project).as_posix()
        except ValueError:
            rel = f"docs/{file.src_uri}"
        text, found = paginacontrole.read_page(path, rel)
        if text is not None:
            found = paginacontrole.check_page(text, rel, _state["macros"], _themes())
            texts[file.src_uri] = text
        problems += found
    if problems:
        raise _stop("Er zit een fout in een pagina" if len(problems) == 1 else
                    f"Er zitten {len(problems)} fouten in pagina's", problems)
    _state["texts"] = texts
    return files


def on_page_read_source(page, config):
    """The text that was checked, so MkDocs reads no other version of the file."""
    if page.file.generated_by is not None:
        return None
    text = _state.get("texts", {}).get(page.file.src_uri)
    if text is None:
        raise PluginError(f"docs/{page.file.src_uri}: deze pagina is niet nagekeken (overrides/hooks/inhoud.py, "
                          "on_files); de site wordt niet gebouwd.")
    return text


# Before mkdocs-macros (0), the tags plugin (-50) and every other step reads the page's metadata.
@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    paginacontrole.escape_meta(page.meta, pre_escaped=page.file.generated_by is not None)
    return markdown
