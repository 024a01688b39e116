"""Every link of every built page, read with html.parser and resolved the way a browser would, inside the site."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

# The attributes that lead somewhere, by element.
LINK_ATTRIBUTES = {
    "a": "href", "area": "href", "link": "href", "img": "src", "script": "src", "source": "src",
    "iframe": "src", "form": "action",
}
EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel")
# Material's search "share" button: a no-op href its script replaces; it leads nowhere by design.
MATERIAL_NO_OP = "javascript:void(0)"
_ORIGIN = "http://site.invalid"  # any origin: only paths are compared


@dataclass(frozen=True)
class Link:
    page: str          # the page it is on, relative to the site directory: "en/procedures/dcem/index.html"
    tag: str
    url: str           # as written
    hreflang: str | None = None


@dataclass
class BuiltPage:
    path: str
    lang: str = ""
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self, page: BuiltPage) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.page.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.page.ids.add(attributes["name"])
        if tag == "html":
            self.page.lang = attributes.get("lang") or ""
        url = attributes.get(LINK_ATTRIBUTES.get(tag, ""))
        if url is not None:
            self.page.links.append(Link(self.page.path, tag, url.strip(), attributes.get("hreflang")))

    handle_startendtag = handle_starttag


def read_site(site: Path) -> dict[str, BuiltPage]:
    """Every HTML page of the built site, by its path relative to the site directory."""
    pages = {}
    for file in sorted(site.rglob("*.html")):
        page = BuiltPage(file.relative_to(site).as_posix())
        reader = _Reader(page)
        reader.feed(file.read_text(encoding="utf-8"))
        reader.close()
        pages[page.path] = page
    return pages


def page_url(path: str) -> str:
    """The URL path a page is served at: "procedures/dcem/index.html" -> "/procedures/dcem/"."""
    return "/" + (path[: -len("index.html")] if path.endswith("index.html") else path)


def scheme(url: str) -> str:
    return urlsplit(url).scheme.lower()


def resolve(site: Path, link: Link) -> tuple[str, Path | None, str]:
    """(target URL path, the file serving it or None, fragment) for an internal link."""
    absolute = urlsplit(urljoin(_ORIGIN + page_url(link.page), link.url))
    path = unquote(absolute.path)
    target = site / PurePosixPath(path.lstrip("/"))
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return path, (target if target.is_file() else None), unquote(absolute.fragment)


def external_host(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        return parts.hostname or "?"
    if parts.scheme == "mailto":
        return "mailto:" + parts.path.rpartition("@")[2].lower()
    return parts.scheme + ":"
