"""Renders the model into one Markdown page per (page, language), plus each language's navigation."""
from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2

from checker.engine import check
from checker.history import MAX_ITEMS
from checker.web import summary_languages

from . import markup
from .content import Content
from .words import Words, all_sources, amount_in, display_url, newest

TEMPLATES = Path(__file__).resolve().parent / "templates"

# Each page: where it lives (the same path in every language) and which template draws it.
STATIC_PAGES = {
    "index.md": "home.md.j2",
    "prolongation.md": "measures.md.j2",
    "notice.md": "notice.md.j2",
    "calculateur.md": "calculator.md.j2",
    "historique.md": "history.md.j2",
    "actualites.md": "news.md.j2",
    "mentions-legales.md": "legal_notice.md.j2",
    "accessibilite.md": "accessibility.md.j2",
}


def procedure_page(slug: str) -> str:
    return f"procedures/{slug}.md"


@dataclass(frozen=True)
class LanguageSite:
    """What one language's MkDocs build needs from the generator."""

    lang: str
    pages: dict[str, str]  # source path -> Markdown
    nav: list
    site_name: str


@cache
def _environment() -> jinja2.Environment:
    """One environment for every language and every rebuild of `mkdocs serve`: each template is compiled once
    (Jinja recompiles a template whose file changed)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,  # a misspelt label fails the build instead of printing nothing
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # The output is Markdown, which HTML escaping would garble: what comes from the content is made safe
        # before it reaches a template instead (Words.tr and Words.label through generator/markup.py; the values
        # below), and the templates' own `| e` leaves it as it is (it is Markup).
        autoescape=False,
    )


def render_language(content: Content, lang: str, extra_context: dict | None = None) -> LanguageSite:
    env = _environment()
    words = Words.of(content, lang)
    primary = content.languages[0]
    tr, label = words.tr, words.label
    rules = content.rules
    examples = [check(rules, e["document"], e["expiry"], lang=lang) for e in content.measures["examples"]]

    pages: dict[str, str] = {}
    procedures = {procedure_page(p["slug"]): p for p in content.procedures}
    targets = dict(STATIC_PAGES)
    targets.update({src: "procedure.md.j2" for src in procedures})
    for src, template_name in targets.items():

        def link(target: str, _src=src) -> str:
            # Relative Markdown link between source files, so MkDocs checks it in strict mode.
            return posixpath.relpath(target, posixpath.dirname(_src) or ".")

        def root_link(path: str, _src=src) -> str:
            # A file served once at the root of the whole site (e.g. the Python runtime), from this page,
            # for any language: a language other than the first sits one folder lower, under <code>/.
            parts = _src[: -len(".md")].split("/")
            depth = len(parts) - (1 if parts[-1] == "index" else 0)
            return "../" * (depth + (lang != primary)) + path

        page_words = words.for_fee(amount_in(procedures[src]["fee"], procedures[src]["fee"]["year"])) \
            if src in procedures else words
        context = {
            "content": content,
            "site": content.site,
            "prefecture": markup.plain_values(content.prefecture, content.languages),
            "publisher": markup.plain_values(content.publisher, content.languages),
            "measures": content.measures,
            "lang": lang,
            "words": page_words,
            "tr": page_words.tr,
            "label": label,
            "max_items": MAX_ITEMS,  # documents in one residence history (checker/history.py)
            # A label in another language than the page's (the calculator's bilingual summary), and which.
            "label_in": lambda key, code: Words.of(content, code).label(key),
            "summary_languages": summary_languages(rules, lang),
            "direction_of": lambda code: rules.language(code).direction,
            "money": lambda amount: markup.value(words.money(amount)),  # a catalogue's money and date forms
            "long_date": lambda day: markup.value(words.long_date(day)),
            "published": words.published,
            "link": link,
            "root_link": root_link,
            "colon": markup.value(words.colon()),
            "procedure_page": procedure_page,
            "page_src": src,
            "rules": rules,
            "examples": examples,
            "cite": lambda basis: markup.text(words.cite(basis)),  # titles and articles from the content
            "newest": newest,
            "amount_in": amount_in,
            "all_sources": all_sources(content),
            "display_url": display_url,
        }
        if extra_context:
            context.update(extra_context.get(lang, {}))
        if src in procedures:
            context["procedure"] = procedures[src]
        pages[src] = env.get_template(template_name).render(context)

    nav = navigation(content, words)
    for src, markdown in pages.items():
        if src != "index.md":  # the home's <title> is the site's name alone
            pages[src] = with_title(markdown, next(title for title, path in nav_pages(nav) if path == src))
    return LanguageSite(lang=lang, pages=pages, nav=nav, site_name=tr(content.site["site_name"]))


def with_title(markdown: str, title: str) -> str:
    """The page with its title in its front matter. Material writes the title MkDocs found (the nav's, or the first
    heading's) into <title> through `striptags`, which turns the content's &#60;, escaped, back into a raw <;
    the front matter's title it writes as it is: escaped text stays text."""
    line = f"title: {json.dumps(str(title), ensure_ascii=False)}\n"
    if markdown.startswith("---\n"):
        return "---\n" + line + markdown[len("---\n"):]
    return "---\n" + line + "---\n\n" + markdown


def nav_pages(nav: list) -> list[tuple[str, str]]:
    """(title, source path) of each page of the navigation, sections opened."""
    return [pair for item in nav for title, value in item.items()
            for pair in (nav_pages(value) if isinstance(value, list) else [(title, value)])]


def navigation(content: Content, words: Words) -> list:
    label, tr = words.label, words.tr
    return [
        {label("nav_home"): "index.md"},
        {label("nav_procedures"): [{tr(p["title"]): procedure_page(p["slug"])} for p in content.procedures]},
        {label("nav_measures"): "prolongation.md"},
        {label("doc_title"): "notice.md"},
        {label("nav_calculator"): "calculateur.md"},
        {label("nav_history"): "historique.md"},
        {label("nav_news"): "actualites.md"},
        {label("nav_legal"): "mentions-legales.md"},
        {label("nav_accessibility"): "accessibilite.md"},
    ]
