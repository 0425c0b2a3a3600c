"""feed.xml: the change notes as an Atom feed (RFC 4287), one entry per note, newest first.

Readers subscribe in a feed reader; the feed is a static file of the
site, so no third-party service is involved. tests/test_feed.py validates it against
the RFC's RELAX NG schema and the rules the schema cannot express.

- Ids are tag: URIs (RFC 4151) built from the note's id under a fixed authority and
  year, so an entry keeps its id when its text is corrected and when the site moves
  to another address.
- Dates: a note has a day, Atom wants an RFC 3339 date-time; we use the start of that
  day in Brussels (00:00 at +01:00 or +02:00), which is the day the note names.
- The output depends on the data only (no build time in it): one commit, one feed.
"""
from __future__ import annotations

import datetime as dt
import html
import xml.etree.ElementTree as ET
from typing import Optional

from .wijzigingen import NOTES_PAGE, Changelog, Note, page_url

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Never change these two: every entry id a reader's feed reader has seen is built from them.
TAG_AUTHORITY = "circulaire-zorg.github.io,2026"
TAG_PREFIX = f"tag:{TAG_AUTHORITY}:aankoopgids/"
FEED_FILE = "feed.xml"
AUTHOR = "Redactie Circulair aankopen in de zorg"

try:
    from zoneinfo import ZoneInfo

    BRUSSELS: dt.tzinfo = ZoneInfo("Europe/Brussels")
except Exception:  # no time zone database (some Windows Pythons): winter time is still a real offset
    BRUSSELS = dt.timezone(dt.timedelta(hours=1))


def entry_id(note_id: str) -> str:
    return f"{TAG_PREFIX}wijziging/{note_id}"


def feed_id() -> str:
    return f"{TAG_PREFIX}wijzigingen"


def timestamp(day: dt.date) -> str:
    """RFC 3339 date-time at the start of `day` in Brussels, e.g. 2026-11-28T00:00:00+01:00."""
    return dt.datetime.combine(day, dt.time(0), tzinfo=BRUSSELS).isoformat()


def _sub(parent: ET.Element, tag: str, text: Optional[str] = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _content(note: Note, site_url: str) -> str:
    """The entry's content as HTML (escaped once more by the XML writer, as type="html" wants)."""
    e = html.escape
    if note.entry.hele_gids:
        where = "de hele gids"
    else:
        where = ", ".join(f'<a href="{e(page_url(site_url, t))}">{e(t.title)}</a>' for t in note.targets)
    return (f"<p>{e(note.entry.wat)}</p>"
            f"<p><strong>Waarom:</strong> {e(note.entry.waarom)}</p>"
            f"<p><strong>Betreft:</strong> {where}</p>")


def atom(changelog: Changelog, site_url: str, site_name: str, rights: str, fallback_date: dt.date) -> bytes:
    """The whole feed as UTF-8 XML. `fallback_date` dates a feed without notes (the edition's date)."""
    site_url = site_url.rstrip("/") + "/"
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: "nl"})
    _sub(feed, "id", feed_id())
    _sub(feed, "title", f"{site_name}: nieuw en gewijzigd")
    _sub(feed, "subtitle", "Wat er inhoudelijk veranderde aan de gids, en waarom.")
    newest = max((n.datum for n in changelog.notes), default=fallback_date)
    _sub(feed, "updated", timestamp(newest))
    author = _sub(feed, "author")
    _sub(author, "name", AUTHOR)
    _sub(author, "uri", site_url)
    page = site_url + NOTES_PAGE[:-3] + ".html"
    _sub(feed, "link", rel="self", type="application/atom+xml", href=site_url + FEED_FILE)
    _sub(feed, "link", rel="alternate", type="text/html", href=page)
    if rights:
        _sub(feed, "rights", " ".join(rights.split()))
    for note in changelog.notes:
        entry = _sub(feed, "entry")
        _sub(entry, "id", entry_id(note.id))
        _sub(entry, "title", note.entry.titel)
        _sub(entry, "published", timestamp(note.datum))
        _sub(entry, "updated", timestamp(note.datum))
        _sub(entry, "link", rel="alternate", type="text/html", href=f"{page}#{note.id}")
        for target in note.targets:
            _sub(entry, "link", rel="related", type="text/html", href=page_url(site_url, target), title=target.title)
        _sub(entry, "summary", note.entry.wat)
        _sub(entry, "content", _content(note, site_url), type="html")
        if note.edition:
            _sub(entry, "category", term=note.edition, label=f"Editie {note.edition}")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
