"""Every page exists in French and English, in the right language, with its content and a switch to its twin."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from generator.security import HEADERS_FILE, INLINE_SCRIPT, read_headers_conf, script_hash, theme_scripts

from .pages import LANGUAGES, PAGE_PATHS, PROCEDURE_SLUGS, page_file, read_page

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"


def load(name: str):
    return yaml.safe_load((CONTENT / name).read_text(encoding="utf-8"))


SITE = load("site.yml")
PREFECTURE = load("prefectures/cher.yml")
PROCEDURES = {slug: load(f"procedures/{slug}.yml") for slug in PROCEDURE_SLUGS}
from tests.catalogue import LABELS, catalogue  # noqa: E402
PAGE_TITLES = {
    "": SITE["site_name"],
    "prolongation/": LABELS["measures_title"],
    "notice/": LABELS["notice_title"],
    "calculateur/": LABELS["calculator_title"],
    "historique/": LABELS["history_title"],
    "actualites/": LABELS["news_title"],
    "mentions-legales/": LABELS["legal_title"],
    "accessibilite/": LABELS["accessibility_title"],
    **{f"procedures/{slug}/": p["title"] for slug, p in PROCEDURES.items()},
}


def same_words(a: str, b: str) -> bool:
    # Typography puts non-breaking spaces and typographic apostrophes in the pages; compare words, not typography.
    return (a.replace("\u00a0", " ").replace("\u2019", "'").split()
            == b.replace("\u00a0", " ").replace("\u2019", "'").split())


@pytest.mark.parametrize("path", PAGE_PATHS, ids=lambda p: p or "home")
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_page_exists_in_its_language_with_its_title(built_site, lang, path):
    page = read_page(page_file(built_site, lang, path))
    assert page.lang == lang
    assert same_words(page.h1, PAGE_TITLES[path][lang])


@pytest.mark.parametrize("path", PAGE_PATHS, ids=lambda p: p or "home")
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_language_switch_and_hreflang_lead_to_the_twin_page(built_site, lang, path):
    page = read_page(page_file(built_site, lang, path))
    twins = {code: "/" + root + path for code, root in LANGUAGES.items()}
    for other in LANGUAGES:
        switch = [a for a in page.links if a["tag"] == "a" and a.get("hreflang") == other]
        assert [a["href"] for a in switch] == [twins[other]], other
        assert page_file(built_site, other, path).is_file()
    # None in the head (Material would look for a sitemap.xml beside each): the sitemap carries them.
    assert not [l for l in page.links if l["tag"] == "link" and l.get("rel") == "alternate"]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_footer_says_it_is_not_official_and_speaks_for_no_prefecture(built_site, lang):
    """The footer is on every page: it would read as the prefecture's own voice, so it gives none of its contacts
    (they are on the legal notice), and no press office at all."""
    for path in PAGE_PATHS:
        html = page_file(built_site, lang, path).read_text(encoding="utf-8")
        text = read_page(page_file(built_site, lang, path)).text.replace("\u2019", "'")
        assert " ".join(LABELS["not_official"][lang].replace("\u00a0", " ").split()) in text.replace("\u00a0", " ")
        copyright_block = html[html.index('class="md-copyright'):html.index("</footer>")]
        assert PREFECTURE["phone"] not in copyright_block and "press" not in PREFECTURE, path


@pytest.mark.parametrize("slug", PROCEDURE_SLUGS)
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_procedure_page_shows_documents_fee_steps_service_and_after_request(built_site, lang, slug):
    procedure = PROCEDURES[slug]
    page = read_page(page_file(built_site, lang, f"procedures/{slug}/"))
    text = page.text.replace("\u00a0", " ").replace("\u2019", "'")  # words, not typography
    for item in procedure["documents"] + procedure["steps"] + SITE["service_2020"]["after_request"]:
        if "{" not in item[lang]:  # a text with a {placeholder} is checked filled in by test_facts_once
            assert " ".join(item[lang].split()) in text
    assert str(procedure["fee"]["year"]) in text
    assert any(a.get("href") == SITE["current_service"]["url"] for a in page.links)
    assert all(s["url"] in [a.get("href") for a in page.links] for s in procedure["sources"])


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_measures_page_shows_every_rule_with_days_and_legal_basis(built_site, lang):
    measures = load("measures.yml")
    page = read_page(page_file(built_site, lang, "prolongation/"))
    text = page.text.replace("\u00a0", " ").replace("\u2019", "'")  # words, not typography
    days = LABELS["days"][lang]
    for rule in measures["rules"]:
        assert f"{rule['extension_days']} {days}" in text
        assert rule["legal_basis"]["article"] in text
    hrefs = [a.get("href") for a in page.links]
    assert all(t["url"] in hrefs for t in measures["legal_texts"])


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_home_links_to_procedures_measures_and_calculator(built_site, lang):
    page = read_page(page_file(built_site, lang, ""))
    hrefs = {a.get("href") for a in page.links if a["tag"] == "a"}
    for target in [f"procedures/{slug}/" for slug in PROCEDURE_SLUGS] + ["prolongation/", "calculateur/"]:
        assert target in hrefs


def test_search_index_of_each_language_holds_its_words(built_site):
    for lang, words in {"fr": ["récépissé", "prolongation"], "en": ["renewal", "extension"]}.items():
        index = json.loads((built_site / LANGUAGES[lang] / "search" / "search_index.json").read_text("utf-8"))
        assert index["config"]["lang"] == [lang]  # each language's index stems its own words
        text = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"]).lower()
        assert all(word in text for word in words)


def test_every_built_page_runs_only_the_inline_scripts_its_policy_names(built_site):
    """The policy names each inline script by its hash, each one the theme writes (never one it found in the page
    only), and never allows inline scripts at large: that is only for `mkdocs serve`, whose live-reload script
    changes on every request (generator/security.py). The host's page policy (security-headers.conf) names the
    same scripts, and neither allows compiling WebAssembly."""
    theme = load_config(str(ROOT / "mkdocs.yml")).theme
    known = theme_scripts(tuple(theme.dirs), theme.custom_dir)
    host_policy = next(headers["Content-Security-Policy"] for pattern, headers in
                       read_headers_conf((built_site / HEADERS_FILE).read_text(encoding="utf-8"))
                       if pattern.search("/index.html"))
    host_scripts = next(directive for directive in host_policy.split("; ") if directive.startswith("script-src "))
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 30
    for html_file in pages:
        html = html_file.read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)
        scripts = next(directive for directive in policy.split("; ") if directive.startswith("script-src "))
        assert "'unsafe-inline'" not in scripts and "'wasm-unsafe-eval'" not in scripts, html_file
        bodies = INLINE_SCRIPT.findall(html)
        assert all(any(pattern.fullmatch(body) for pattern in known) for body in bodies), html_file
        assert all(script_hash(body) in scripts and script_hash(body) in host_scripts for body in bodies), html_file
    assert "'wasm-unsafe-eval'" not in host_policy and "frame-ancestors 'none'" in host_policy


class _TextLanguages(HTMLParser):
    """Each text of a page's <body> with the language it is in (its closest `lang`), outside what is not text
    a reader hears as such (scripts, styles, code, an element named by its aria-label) or cannot hold a mark (an
    <option>)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    LEFT_OUT = {"script", "style", "textarea", "option", "title", "svg", "code", "pre", "template"}

    def __init__(self, page_lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str | None, bool]] = [("html", page_lang, False)]
        self.texts: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append((tag, dict(attrs).get("lang"), "aria-label" in dict(attrs)))

    def handle_endtag(self, tag):
        if any(element[0] == tag for element in self.open[1:]):
            while self.open.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if not any(name in self.LEFT_OUT or labelled for name, _, labelled in self.open):
            self.texts.append((next(lang for _, lang, _ in reversed(self.open) if lang is not None), data))


OTHER_SCRIPT = [code for code in LANGUAGES if catalogue(code)["locale"]["script"]
                != catalogue(next(iter(LANGUAGES)))["locale"]["script"]]


@pytest.mark.parametrize("lang", OTHER_SCRIPT)
def test_on_a_page_in_another_script_the_first_languages_words_are_marked(built_site, lang):
    """An Arabic page keeps the French names of documents and laws beside its own words: each is marked
    lang="fr" (WCAG 3.1.2), so that a screen reader reads it with a French voice."""
    first = next(iter(LANGUAGES))
    latin = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")
    marked = unmarked = 0
    pages = [page_file(built_site, lang, path) for path in PAGE_PATHS] + [built_site / LANGUAGES[lang] / "404.html"]
    for html_file in pages:
        reader = _TextLanguages(lang)
        reader.feed(html_file.read_text(encoding="utf-8"))
        for text_lang, text in reader.texts:
            words = latin.findall(text)
            if text_lang == lang:
                unmarked += len(words)
                assert words == [], f"{html_file}: {text!r} is not marked"
            elif text_lang == first:
                marked += len(words)
    assert marked > 100 and unmarked == 0
