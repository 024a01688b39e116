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
from .site_plan import MEASURES, RULES_TABLE_ID, Page, procedure_page, relative_href
from .words import Words, all_sources, amount_in, display_url, newest

TEMPLATES = Path(__file__).resolve().parent / "templates"
# The front matter of a page that holds a tool: where Python's runtime is, from this page.
RUNTIME_FRONT_MATTER = "calculator_runtime.md.j2"


class PlanMismatch(Exception):
    """A template draws a tool the site plan does not give its page, or leaves out one it gives."""


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
    tr, label = words.tr, words.label
    rules = content.rules
    examples = [check(rules, e["document"], e["expiry"], lang=lang) for e in content.measures["examples"]]

    plan = content.plan
    procedures = {p["slug"]: p for p in content.procedures}
    pages: dict[str, str] = {}
    for page in plan.pages():
        src = page.source

        def link(target: str, _src=src) -> str:
            # Relative Markdown link between source files, so MkDocs checks it in strict mode.
            return posixpath.relpath(target, posixpath.dirname(_src) or ".")

        def root_link(path: str, _page=page) -> str:
            # A file served once at the root of the whole site (e.g. the Python runtime), from this page.
            return plan.to_site_root(lang, _page) + path

        drawn: set[str] = set()

        def holds(tool: str, _drawn=drawn) -> str:
            # Called by the template that draws a tool (site_plan: CALCULATOR, HISTORY_TOOL), to be checked against
            # the plan below.
            _drawn.add(tool)
            return ""

        procedure = procedures.get(page.slug)
        page_words = words.for_fee(amount_in(procedure["fee"], procedure["fee"]["year"])) if procedure else words
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
            "holds": holds,
            # The rules table, from this page: where the calculator and the history send a reader Python failed.
            "rules_table_id": RULES_TABLE_ID,
            "rules_table_href": relative_href(page.url, MEASURES.url) + "#" + RULES_TABLE_ID,
            "colon": markup.value(words.colon()),
            "procedure_page": lambda slug: procedure_page(slug).source,
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
        if procedure:
            context["procedure"] = procedure
        pages[src] = _render(env, page, context, drawn)

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
    """The menu, as the site plan orders it: each page under its label, each procedure under its title."""
    def entry(page: Page) -> dict:
        return {words.tr(content.procedure(page.slug)["title"]) if page.slug else words.label(page.menu_label):
                page.source}

    return [entry(item) if isinstance(item, Page) else {words.label(item[0]): [entry(page) for page in item[1]]}
            for item in content.plan.menu()]


def _render(env: jinja2.Environment, page: Page, context: dict, drawn: set[str]) -> str:
    """One page's Markdown; a page that holds a tool starts with the front matter that says where Python is."""
    body = env.get_template(page.template).render(context)
    if drawn != set(page.holds):
        raise PlanMismatch(f"{page.template} draws {', '.join(sorted(drawn)) or 'no tool'}, but the site plan "
                           f"(generator/site_plan.py) gives {page.source} {', '.join(page.holds) or 'none'}")
    if not page.runs_python:
        return body
    return env.get_template(RUNTIME_FRONT_MATTER).render(context) + body
