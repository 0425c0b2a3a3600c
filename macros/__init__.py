"""Data layer of the site: a framework-free core (model, catalog, render) and
the mkdocs-macros adapter `define_env`, which mkdocs-macros looks up here."""


def define_env(env):
    # Imported here so that `import macros.catalog` never pulls in the adapter.
    from .adapter import define_env as _define_env

    _define_env(env)
