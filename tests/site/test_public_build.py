"""A build for a public address (SITE_URL), by a real publisher (PUBLISHER: a file of its own in content/publishers/,
here a copy of the example's): its sitemaps name each page's twins in the other languages as hreflang alternates,
with absolute addresses (the pages' heads carry none: Material would look for a sitemap.xml beside each); it says
nothing of a demonstration."""
from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest

from .conftest import PUBLIC
from .pages import LANGUAGES, PAGE_PATHS

NAMESPACES = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_sitemap_names_each_pages_twins_by_their_public_address(public_site, lang):
    tree = ElementTree.parse(public_site / LANGUAGES[lang] / "sitemap.xml")
    entries = {url.findtext("s:loc", namespaces=NAMESPACES):
               {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NAMESPACES)}
               for url in tree.findall("s:url", NAMESPACES)}
    for path in PAGE_PATHS:
        twins = {code: PUBLIC + root + path for code, root in LANGUAGES.items()}
        assert entries[twins[lang]] == twins, path


def test_a_public_site_says_nothing_of_a_demonstration(public_site):
    for code, root in LANGUAGES.items():
        assert 'class="site-demo"' not in (public_site / root / "index.html").read_text(encoding="utf-8"), code
