"""Glossary tooltips: every term and alias of data/begrippen.yml becomes <abbr title="definition">
wherever a page uses it (Material shows the title as a tooltip).

Done on the page's HTML, in one pass over its words, instead of with Python-Markdown's `abbr`
extension: that extension tries every definition of the page as one big regular expression at
every position of the text, which grew with terms x page length (a list of 2,000 resources with
2,400 glossary forms in it took 3.3 of its 4.7 s of Markdown in the abbreviations, `make bench`,
data x100). Here each word of the page is looked up once in a set of first words, and a form is
tried only where its first word stands.

The result is what the extension wrote: a form is marked where it stands as a whole word (no
letter or digit right before or after it), in the page's text but not in code, in an existing
<abbr>, in a figure, menu or form; the definition is the title, HTML-escaped.
Framework-free: the hook overrides/hooks/datapages.py calls `annotate` for every page.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .catalog import Catalog

_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
# Text inside these is left alone: code, what is marked already, and what is not running text
# (the figures, menus and forms: a tooltip inside a figure's link or a form's label gets in the way).
_SKIP = {"code", "pre", "kbd", "samp", "script", "style", "abbr", "textarea", "option", "select", "button",
         "svg", "title", "figure", "nav", "form"}


@dataclass
class Glossary:
    # the words of a form -> [(the form, the escaped title)], longest first ("CO2-neutraal" and
    # "CO2 neutraal" have the same words)
    by_words: dict[tuple[str, ...], list[tuple[str, str]]] = field(default_factory=dict)
    # first word of a form -> the numbers of words of the forms it starts, most first: a word is
    # looked up once per length, however many forms share it (a glossary with "Virgin
    # materialen 1" to "Virgin materialen 100" costs no more per word than one with a single form)
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, catalog: Catalog) -> "Glossary":
        glossary = cls()
        seen: set[str] = set()
        lengths: dict[str, set[int]] = {}
        for item in catalog.all("begrip"):
            title = html.escape(" ".join(item.entry.definitie.split()), quote=True)
            for word in [item.entry.term, *item.entry.aliassen]:
                for form in (word, word[:1].upper() + word[1:]):
                    words = tuple(_WORD.findall(form))
                    if form in seen or not words:
                        continue
                    seen.add(form)
                    glossary.by_words.setdefault(words, []).append((form, title))
                    lengths.setdefault(words[0], set()).add(len(words))
        for forms in glossary.by_words.values():
            forms.sort(key=lambda f: -len(f[0]))
        # Where forms of different lengths match at one place, the one with more words ends
        # later: most words first is longest first, as the abbr extension chose.
        glossary.lengths = {first: tuple(sorted(ns, reverse=True)) for first, ns in lengths.items()}
        return glossary


_cache: dict = {}


def glossary_for(catalog: Catalog) -> Glossary:
    hit = _cache.get("glossary")
    if hit is None or hit[0] is not catalog:
        hit = _cache["glossary"] = (catalog, Glossary.of(catalog))
    return hit[1]


def _form_at(text: str, matches: list[re.Match], words: list[str], i: int, glossary: Glossary):
    """(number of words, form, title) of the longest form that stands in `text` from word i, or None."""
    for n in glossary.lengths.get(words[i], ()):
        if i + n > len(words):
            continue
        start, end = matches[i].start(), matches[i + n - 1].end()
        for form, title in glossary.by_words.get(tuple(words[i:i + n]), ()):
            if (start + len(form) == end and text[start:end] == form
                    and (end == len(text) or not _is_word_char(text[end]))
                    and (start == 0 or not _is_word_char(text[start - 1]))):
                return n, form, title
    return None


def _mark_text(text: str, glossary: Glossary) -> str:
    matches = list(_WORD.finditer(text))
    words = [m.group(0) for m in matches]
    out: list[str] = []
    done = 0  # text up to here is in `out`
    i = 0
    while i < len(words):
        found = _form_at(text, matches, words, i, glossary)
        if found is None:
            i += 1
            continue
        n, form, title = found
        start = matches[i].start()
        out.append(text[done:start])
        out.append(f'<abbr title="{title}">{form}</abbr>')
        done = start + len(form)
        i += n
    if not out:
        return text
    out.append(text[done:])
    return "".join(out)


def _is_word_char(char: str) -> bool:
    return bool(_WORD.match(char))


def split(page_html: str) -> list[str]:
    """Text and markup of a page, alternating (text first and last): what
    re.split(r"(<!--.*?-->|<[^>]*>)", page_html, flags=re.S) returns, in one pass.

    The regular expression tried every "<" of an unclosed comment or tag to the end of the page
    (the hook runs before the sanitiser, on what a page's raw HTML made): 50 kB of "<" took 0.7 s,
    of "<!--" 1.9 s. Here a closing "-->" or ">" that is not there is looked for once."""
    parts: list[str] = []
    done = 0  # the page up to here is in parts
    start = 0  # where to look for the next "<"
    no_comment_end = no_tag_end = len(page_html) + 1  # no "-->" / ">" from there on
    while True:
        begin = page_html.find("<", start)
        if begin < 0:
            break
        end = -1
        if page_html.startswith("<!--", begin) and begin + 4 < no_comment_end:
            close = page_html.find("-->", begin + 4)
            if close < 0:
                no_comment_end = begin + 4
            else:
                end = close + 3
        if end < 0 and begin + 1 < no_tag_end:
            close = page_html.find(">", begin + 1)
            if close < 0:
                no_tag_end = begin + 1
            else:
                end = close + 1
        if end < 0:
            start = begin + 1
            continue
        parts += [page_html[done:begin], page_html[begin:end]]
        done = start = end
    parts.append(page_html[done:])
    return parts


def annotate(page_html: str, glossary: Glossary) -> str:
    """The page's HTML with every glossary form in its text wrapped in <abbr title="definition">."""
    if not glossary.by_words:
        return page_html
    parts = split(page_html)
    skipping: dict[str, int] = {}  # open elements whose text is left alone, by name
    for index, part in enumerate(parts):
        if index % 2:  # markup
            tag = _TAG.match(part)
            if tag and tag.group(2).lower() in _SKIP and not part.endswith("/>"):
                name = tag.group(2).lower()
                if tag.group(1):
                    if skipping.get(name):
                        skipping[name] -= 1
                else:
                    skipping[name] = skipping.get(name, 0) + 1
            continue
        if part and not any(skipping.values()) and not part.isspace():
            parts[index] = _mark_text(part, glossary)
    return "".join(parts)
