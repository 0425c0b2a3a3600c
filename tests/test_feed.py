"""feed.xml: valid Atom (RFC 4287), one entry per change note, found from every page.

Validation runs offline, in two parts:
- the RELAX NG schema of RFC 4287, Appendix B (tests/atom/atom.rnc, read by lxml through rnc2rng);
- the RFC's rules that the schema leaves out or only annotates (its Schematron rules, and the
  normative text): atom:id an absolute IRI, dates RFC 3339 with a time zone, every entry an
  id, title, updated and a link, an author, unique entry ids, one alternate link per type.
Both parts are shown to reject broken feeds, so the check can fail.
"""
from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from lxml import etree

from browser import site_pages
from conftest import ROOT, checked

ATOM = "{http://www.w3.org/2005/Atom}"
NS = {"a": "http://www.w3.org/2005/Atom"}
SITE_URL = "https://circulaire-zorg.github.io/aankoopgids/"
NOTES = yaml.safe_load((ROOT / "data" / "wijzigingen.yml").read_text(encoding="utf-8"))
# RFC 3339 section 5.6 date-time; the time zone is required (xsd:dateTime leaves it optional).
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
# RFC 3987 IRI: a scheme, then the rest; an absolute IRI has no fragment. tag: URIs follow RFC 4151.
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s#]+$")
TAG_URI = re.compile(r"^tag:[a-z0-9.-]+,\d{4}(-\d{2}(-\d{2})?)?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]+$")


def schema() -> etree.RelaxNG:
    import rnc2rng

    rng = rnc2rng.dumps(rnc2rng.loads((ROOT / "tests" / "atom" / "atom.rnc").read_text(encoding="utf-8")))
    # rnc2rng declares the RNC's `namespace local = ""` as xmlns:local="", which XML forbids; the
    # grammar itself writes that namespace as ns="" and never uses the prefix.
    rng = rng.replace('xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(rng.encode("utf-8")))


SCHEMA = schema()


def rfc_problems(root: etree._Element) -> list[str]:
    """The RFC 4287 rules a RELAX NG validator does not check."""
    out = []

    def text(el, path):
        found = el.find(path, NS)
        return found.text.strip() if found is not None and found.text else None

    feed_has_author = root.find("a:author", NS) is not None
    entries = root.findall("a:entry", NS)
    if not feed_has_author and any(e.find("a:author", NS) is None for e in entries):
        out.append("feed: an atom:feed must have an atom:author unless every entry has one (4.1.1)")
    seen = set()
    for where, el in [("feed", root)] + [(f"entry {i + 1}", e) for i, e in enumerate(entries)]:
        ident = text(el, "a:id")
        if not ident or not ABSOLUTE_IRI.match(ident):
            out.append(f"{where}: atom:id must be an absolute IRI (4.2.6), got {ident!r}")
        elif ident.startswith("tag:") and not TAG_URI.match(ident):
            out.append(f"{where}: {ident!r} is not a tag: URI (RFC 4151)")
        for name in ("updated", "published"):
            for date in el.findall(f"a:{name}", NS):
                if not RFC3339.match((date.text or "").strip()):
                    out.append(f"{where}: atom:{name} must be an RFC 3339 date-time with a time zone (3.3), got {date.text!r}")
                else:
                    dt.datetime.fromisoformat(date.text.strip().replace("Z", "+00:00"))  # a real date
        if not text(el, "a:title"):
            out.append(f"{where}: atom:title is empty")
        alternates = [(l.get("type"), l.get("hreflang")) for l in el.findall("a:link", NS) if l.get("rel", "alternate") == "alternate"]
        if len(alternates) != len(set(alternates)):
            out.append(f"{where}: more than one alternate link with the same type and hreflang (4.1.1, 4.1.2)")
        for link in el.findall("a:link", NS):
            parts = urlsplit(link.get("href", ""))
            if not (parts.scheme and parts.netloc):
                out.append(f"{where}: link {link.get('href')!r} is not absolute (relative links need xml:base)")
        if el is not root:
            if ident in seen:
                out.append(f"{where}: atom:id {ident!r} is used twice")
            seen.add(ident)
            if not alternates and el.find("a:content", NS) is None:
                out.append(f"{where}: an atom:entry needs an alternate link or content (4.1.2)")
            if not alternates:
                out.append(f"{where}: every entry links to its note (our rule)")
            content = el.find("a:content", NS)
            if content is not None and content.get("type") == "html":
                try:
                    etree.fromstring(f"<div>{content.text}</div>", etree.HTMLParser())
                except etree.XMLSyntaxError as exc:
                    out.append(f"{where}: content type=html does not parse: {exc}")
    if not any(l.get("rel") == "self" for l in root.findall("a:link", NS)):
        out.append("feed: no link rel=self (4.1.1 SHOULD)")
    return out


def validate(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    problems = []
    if not SCHEMA.validate(etree.ElementTree(root)):
        problems += [f"schema: line {e.line}: {e.message}" for e in SCHEMA.error_log]
    return problems + rfc_problems(root)


@pytest.fixture(scope="module")
def feed(site) -> bytes:
    return (site / "feed.xml").read_bytes()


def test_feed_is_valid_atom(feed):
    assert feed.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    entries = feed.count(b"<entry>") + feed.count(b"<entry ")
    checked(f"feed.xml: {entries} entries nagekeken tegen het RELAX NG-schema van RFC 4287")
    assert entries >= 1, "een feed zonder entries: er is niets nagekeken"
    assert validate(feed) == []


def test_one_entry_per_note_newest_first_with_stable_ids_and_links(feed):
    root = etree.fromstring(feed)
    assert root.tag == f"{ATOM}feed" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"
    entries = root.findall("a:entry", NS)
    ordered = [n for _, n in sorted(enumerate(NOTES), key=lambda t: (t[1]["datum"], t[0]), reverse=True)]
    assert [e.findtext("a:title", namespaces=NS) for e in entries] == [n["titel"] for n in ordered]
    for entry, note in zip(entries, ordered):
        assert entry.findtext("a:id", namespaces=NS) == f"tag:circulaire-zorg.github.io,2026:aankoopgids/wijziging/{note['id']}"
        assert entry.findtext("a:updated", namespaces=NS).startswith(note["datum"].isoformat() + "T00:00:00+01:00")
        alternate = entry.find("a:link[@rel='alternate']", NS)
        assert alternate.get("href") == f"{SITE_URL}nieuw-en-gewijzigd.html#{note['id']}"
        content = entry.findtext("a:content", namespaces=NS)
        assert " ".join(note["waarom"].split()) in content
    assert root.findtext("a:updated", namespaces=NS) == entries[0].findtext("a:updated", namespaces=NS)
    self_link = root.find("a:link[@rel='self']", NS)
    assert self_link.get("href") == SITE_URL + "feed.xml" and self_link.get("type") == "application/atom+xml"


def test_every_link_in_the_feed_points_at_a_built_page_and_anchor(feed, site):
    root = etree.fromstring(feed)
    hrefs = [l.get("href") for l in root.iter(f"{ATOM}link")]
    for entry in root.findall("a:entry", NS):
        hrefs += re.findall(r'href="([^"]+)"', entry.findtext("a:content", namespaces=NS))
    assert len(hrefs) > 2 * len(NOTES)
    for href in hrefs:
        assert href.startswith(SITE_URL), href
        path, _, anchor = href[len(SITE_URL):].partition("#")
        page = site / path
        assert page.is_file(), href
        if anchor:
            assert f'id="{anchor}"' in page.read_text(encoding="utf-8"), href


@pytest.mark.parametrize("change, problem", [
    (lambda x: re.sub(rb"<author>.*?</author>", b"", x, flags=re.S), "atom:author"),
    (lambda x: x.replace(b"T00:00:00+01:00</updated>", b"</updated>", 1), "updated"),
    (lambda x: x.replace(b"T00:00:00+01:00</updated>", b"T00:00:00</updated>", 1), "RFC 3339"),
    (lambda x: x.replace(b"<id>tag:circulaire-zorg.github.io,2026:aankoopgids/wijzigingen</id>", b"<id>wijzigingen</id>"),
     "absolute IRI"),
    (lambda x: re.sub(rb"(<entry>.*?)<title>[^<]*</title>", rb"\1", x, count=1, flags=re.S), "title"),
    (lambda x: re.sub(rb"(<entry>\s*<id>)[^<]*(</id>)", rb"\1tag:circulaire-zorg.github.io,2026:aankoopgids/x\2", x), "used twice"),
    (lambda x: re.sub(rb'(<entry>.*?)<link rel="alternate"[^>]*/>', rb"\1", x, count=1, flags=re.S), "links to its note"),
    (lambda x: x.replace(b"<entry>", b"<entry><bogus xmlns='http://www.w3.org/2005/Atom'/>", 1), "schema"),
], ids=["geen-auteur", "datum-zonder-tijd", "tijd-zonder-zone", "relatieve-id", "geen-titel", "dubbele-id",
        "geen-link", "onbekend-element"])
def test_the_validator_rejects_broken_feeds(feed, change, problem):
    broken = change(feed)
    assert broken != feed, "the test did not change the feed"
    found = validate(broken)
    assert any(problem in p for p in found), found


def test_entry_ids_survive_a_corrected_text_and_a_new_address(data_dir):
    """An entry keeps its id when its text is corrected or the site moves: feed readers then
    update it instead of showing it twice."""
    from macros.catalog import load as load_catalog
    from macros.feed import atom
    from macros.wijzigingen import load

    notes = data_dir / "wijzigingen.yml"
    notes.write_text("- id: een\n  datum: 2026-11-30\n  titel: Een\n  wat: Iets.\n  waarom: Omdat.\n  hele_gids: true\n",
                     encoding="utf-8")

    def ids(site_url: str) -> list[str]:
        changelog = load(data_dir, load_catalog(data_dir), {})
        root = etree.fromstring(atom(changelog, site_url, "Test", "", dt.date(2026, 11, 30)))
        assert validate(etree.tostring(root)) == []
        return [e.findtext("a:id", namespaces=NS) for e in root.iter(f"{ATOM}entry")]

    before = ids("https://example.org/gids/")
    notes.write_text(notes.read_text(encoding="utf-8").replace("Iets.", "Iets anders."), encoding="utf-8")
    assert ids("https://elders.example/") == before == ["tag:circulaire-zorg.github.io,2026:aankoopgids/wijziging/een"]


class HeadLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "link":
            self.links.append(dict(attrs))


def feed_links(html: str) -> list[dict]:
    parser = HeadLinks()
    parser.feed(html)
    return [l for l in parser.links if l.get("type") == "application/atom+xml"]


def test_every_page_links_the_feed_for_feed_readers(site):
    """rel is exactly "alternate": feed autodiscovery in readers that compare the attribute as a
    string (not as a set of tokens) finds it too. (It read " alternate", with a space, until issue 22.)"""
    pages = site_pages(site)
    assert len(pages) > 30
    for rel_path in pages + ["404.html"]:
        feeds = feed_links((site / rel_path).read_text(encoding="utf-8"))
        assert len(feeds) == 1, rel_path
        assert feeds[0].get("rel") == "alternate", (rel_path, feeds[0].get("rel"))
        if rel_path != "404.html":  # the 404 page is served at any depth: Material gives it absolute links
            target = urljoin(f"https://x.example/{rel_path}", feeds[0]["href"])
            assert target == "https://x.example/feed.xml", (rel_path, feeds[0]["href"])
    checked(f"{len(pages) + 1} pagina's linken de feed met rel=\"alternate\"")


def test_the_feed_link_costs_one_request_on_our_own_host_and_no_error(browser, base_url, site):
    """Material fetches sitemap.xml beside every link[rel=alternate] it finds (language versions).
    Online that is one request to our own host, and it succeeds: no console error, nothing else."""
    page = browser.new_page()
    requests: list[str] = []
    failed: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    try:
        page.goto(base_url + "index.html", wait_until="load")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.querySelectorAll('link[rel=alternate][type=\"application/atom+xml\"]').length") == 1
        sitemap = [u for u in requests if "sitemap" in u]
        assert sitemap == [base_url + "sitemap.xml"], requests
        assert not failed and not errors, (failed, errors)
        assert not [u for u in requests if u.endswith("feed.xml")], requests
    finally:
        page.close()


def test_the_offline_bundle_has_no_feed_link_so_the_theme_fetches_nothing(browser, bundle):
    """From file:// Material's sitemap.xml fetch fails with a console error, and no feed reader
    subscribes to a file on a disk: the bundle's pages leave the link out (its feed.xml stays)."""
    pages = site_pages(bundle)
    assert len(pages) > 30 and (bundle / "feed.xml").is_file()
    with_link = [p for p in pages if feed_links((bundle / p).read_text(encoding="utf-8"))]
    assert not with_link, with_link
    page = browser.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto((bundle / "index.html").as_uri(), wait_until="load")
        page.wait_for_timeout(300)
        assert not [u for u in requests if "sitemap" in u], requests
        assert not errors, errors
    finally:
        page.close()
