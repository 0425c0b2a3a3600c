"""MkDocs hook: two fixed costs of every build that plain Material does not pay (issue 13, `make bench`).

- on_config, before mkdocs-macros' own: mkdocs-macros asks git thirteen questions when it starts
  (`mkdocs_macros.context.get_git_info`, for its `git` page variable): thirteen processes per
  build, a fiftieth of a small one, for a variable no page here reads. The variable stays; git is
  asked when a page first reads it. Should mkdocs-macros rename or drop the function, this does
  nothing and the build stays as it is.
- on_config too: the theme's templates (Material's and overrides/) compiled once, not on every
  build: Jinja's bytecode cache, the one the data templates use (macros/render.py), for every
  environment the theme hands out. Not only the one pages are rendered with: Material's search
  plugin asks for a fresh one each time it translates a word, and its tags plugin renders before
  on_env. A template that changed is compiled again (the cache checks each template's source),
  and a cache folder that cannot be used means compiling, not a failed build.
"""
from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.render import bytecode_cache  # noqa: E402


class GitInfo(Mapping):
    """mkdocs-macros' `git` variable, asked of git on first use."""

    def __init__(self, ask):
        self._ask = ask
        self._info = None

    def _data(self) -> dict:
        if self._info is None:
            self._info = self._ask() or {}  # it returns None when there is no git at all
        return self._info

    def __getitem__(self, key):
        return self._data()[key]

    def __iter__(self):
        return iter(self._data())

    def __len__(self):
        return len(self._data())


def git_on_demand(ask):
    def lazy():
        return GitInfo(ask)

    lazy.asks = ask
    return lazy


def cached_envs(get_env):
    def get_cached_env():
        env = get_env()
        if env.bytecode_cache is None:
            env.bytecode_cache = bytecode_cache("theme")
        return env

    get_cached_env.wraps = get_env
    return get_cached_env


@event_priority(100)
def on_config(config):
    theme = config.theme
    if not hasattr(theme.get_env, "wraps"):
        theme.get_env = cached_envs(theme.get_env)
    try:
        from mkdocs_macros import context
    except ImportError:
        return config
    ask = getattr(context, "get_git_info", None)
    if callable(ask) and not hasattr(ask, "asks"):  # `make serve` loads this hook again on every rebuild
        context.get_git_info = git_on_demand(ask)
    return config
