"""The site's plan: where each language is served (the first at the root, each other one under /<code>/) and the pages
every language has (source file, template, menu label, what each holds). Pages, menu, footer, the notice's addresses,
the nested builds, the service worker and the tests read it; none of them says it again."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Sequence

# What a page may hold beside its text. Each runs the checker in the page, so a page that holds one gets the front
# matter that says where Python's runtime is (templates/calculator_runtime.md.j2), and the service worker stores it,
# with every file it loads, when it installs (generator/offline.py). The template that draws a tool declares it
# (`holds(...)`), and the build stops if that disagrees with the plan.
CALCULATOR = "calculator"  # the validity calculator: templates/calculator_widget.html.j2
HISTORY_TOOL = "history"  # the residence history's form: templates/history.md.j2

# The rules table's id on the measures page: the calculator and the history link to it when Python cannot answer.
RULES_TABLE_ID = "rules"


@dataclass(frozen=True)
class Page:
    source: str  # the Markdown file MkDocs builds, at the same path in every language
    template: str  # in generator/templates/
    menu_label: str = ""  # the catalogue label that names it in the menu (a procedure is named by its title)
    holds: tuple[str, ...] = ()  # CALCULATOR, HISTORY_TOOL
    in_footer: bool = False  # linked from every page's footer (overrides/partials/copyright.html)
    slug: str = ""  # a procedure's, from content/procedures/

    @property
    def url(self) -> str:
        """Its address from its language's root, as MkDocs writes it (directory URLs): "" for the home."""
        stem = self.source[: -len(".md")]
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    @property
    def runs_python(self) -> bool:
        return bool(self.holds)


HOME = Page("index.md", "home.md.j2", "nav_home")
MEASURES = Page("prolongation.md", "measures.md.j2", "nav_measures", holds=(CALCULATOR,))
NOTICE = Page("notice.md", "notice.md.j2", "doc_title")
CALCULATOR_PAGE = Page("calculateur.md", "calculator.md.j2", "nav_calculator", holds=(CALCULATOR,))
HISTORY_PAGE = Page("historique.md", "history.md.j2", "nav_history", holds=(HISTORY_TOOL,))
NEWS = Page("actualites.md", "news.md.j2", "nav_news")
LEGAL_NOTICE = Page("mentions-legales.md", "legal_notice.md.j2", "nav_legal", in_footer=True)
ACCESSIBILITY = Page("accessibilite.md", "accessibility.md.j2", "nav_accessibility", in_footer=True)

# The pages every site has, in the menu's order; the procedures' section comes after the home.
FIXED_PAGES = (HOME, MEASURES, NOTICE, CALCULATOR_PAGE, HISTORY_PAGE, NEWS, LEGAL_NOTICE, ACCESSIBILITY)
PROCEDURES_LABEL = "nav_procedures"  # the menu section of the procedures


def procedure_page(slug: str) -> Page:
    """The page of one procedure of content/procedures/."""
    return Page(f"procedures/{slug}.md", "procedure.md.j2", slug=slug)


def language_roots(languages: Sequence[str]) -> dict[str, str]:
    """Each language's folder from the site root, in the configured order: "" for the first, "<code>/" for the
    others."""
    return {code: "" if index == 0 else f"{code}/" for index, code in enumerate(languages)}


def relative_href(from_url: str, to_url: str) -> str:
    """An HTML link from one page to another of the same language, both given by their `url`: "" on the page
    itself, so that "#id" stays on it."""
    if from_url == to_url:
        return ""
    return posixpath.relpath(to_url or ".", from_url or ".") + "/"


@dataclass(frozen=True)
class SitePlan:
    languages: tuple[str, ...]  # as mkdocs.yml lists them
    procedures: tuple[str, ...] = ()  # the procedures' slugs, in the content's order

    @property
    def primary(self) -> str:
        """The first language: the site's own, served at the root."""
        return self.languages[0]

    @property
    def others(self) -> tuple[str, ...]:
        """The languages built by the nested builds, each under its folder."""
        return self.languages[1:]

    @property
    def roots(self) -> dict[str, str]:
        return language_roots(self.languages)

    def root(self, lang: str) -> str:
        return self.roots[lang]

    def pages(self) -> tuple[Page, ...]:
        """Every page of one language: the fixed ones, then one per procedure."""
        return FIXED_PAGES + tuple(procedure_page(slug) for slug in self.procedures)

    def page(self, source: str) -> Page:
        return next(page for page in self.pages() if page.source == source)

    def menu(self) -> list[Page | tuple[str, tuple[Page, ...]]]:
        """The menu's entries in order: a page, or a section (its label and its pages)."""
        procedures = (PROCEDURES_LABEL, tuple(procedure_page(slug) for slug in self.procedures))
        return [FIXED_PAGES[0], procedures, *FIXED_PAGES[1:]]

    def pages_holding_tools(self) -> tuple[Page, ...]:
        return tuple(page for page in self.pages() if page.runs_python)

    def footer(self) -> tuple[Page, ...]:
        return tuple(page for page in self.pages() if page.in_footer)

    def path(self, lang: str, page_url: str = "") -> str:
        """A page's path from the site root, in one language (`page_url` from its language's root)."""
        return self.root(lang) + page_url

    def address(self, site_url: str, lang: str, page_url: str = "") -> str:
        """A page's absolute address on a site published at `site_url`."""
        return site_url.rstrip("/") + "/" + self.path(lang, page_url)

    def to_site_root(self, lang: str, page: Page) -> str:
        """From a page, in one language, up to the site root (where the files every language shares are served)."""
        depth = (page.url + self.root(lang)).count("/")
        return "../" * depth

    def language_of(self, path: str) -> str:
        """The language whose build wrote a file, given by its path from the site root."""
        return next((code for code in self.others if path.startswith(self.root(code))), self.primary)
