"""The site plan (generator/site_plan.py): where each language is served, every page once in the menu, links between
pages, and the templates held to what the plan says each page holds. In process: no MkDocs build."""
from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from checker.history import MAX_ITEMS
from checker.inputs import DATE_PARTS
from generator import site_plan
from generator.pages import PlanMismatch, nav_pages, navigation, render_language
from generator.site_plan import (CALCULATOR, CALCULATOR_PAGE, HISTORY_TOOL, HOME, MEASURES, Page, SitePlan,
                                 relative_href)
from generator.words import Words
from tests.catalogue import LANGUAGES, PLAN, load_project_content


@pytest.fixture(scope="module")
def content():
    return load_project_content()


def test_the_first_language_is_served_at_the_root_and_each_other_under_its_code():
    plan = SitePlan(("fr", "en", "ar"))
    assert plan.roots == {"fr": "", "en": "en/", "ar": "ar/"}
    assert plan.primary == "fr" and plan.others == ("en", "ar")
    assert plan.path("en", "notice/") == "en/notice/" and plan.path("fr", "notice/") == "notice/"
    assert plan.address("https://example.org/sejour/", "ar", "notice/") == "https://example.org/sejour/ar/notice/"
    assert plan.language_of("ar/notice/index.html") == "ar" and plan.language_of("notice/index.html") == "fr"


def test_a_page_links_up_to_the_site_root_and_across_to_another_page():
    plan = SitePlan(("fr", "en"), ("dcem",))
    dcem = site_plan.procedure_page("dcem")
    assert (HOME.url, MEASURES.url, dcem.url) == ("", "prolongation/", "procedures/dcem/")
    assert plan.to_site_root("fr", HOME) == "" and plan.to_site_root("en", HOME) == "../"
    assert plan.to_site_root("fr", MEASURES) == "../" and plan.to_site_root("en", dcem) == "../../../"
    assert relative_href(CALCULATOR_PAGE.url, MEASURES.url) == "../prolongation/"
    assert relative_href(HOME.url, MEASURES.url) == "prolongation/"
    assert relative_href(dcem.url, HOME.url) == "../../"
    assert relative_href(MEASURES.url, MEASURES.url) == ""  # "#id" stays on the page


def test_every_page_is_in_the_menu_once_under_its_label_and_the_procedures_under_their_titles(content):
    for lang in LANGUAGES:
        words = Words.of(content, lang)
        menu = nav_pages(navigation(content, words))
        procedures = [page.source for page in content.plan.pages() if page.slug]
        assert [source for _, source in menu] == [HOME.source, *procedures,
                                                   *(page.source for page in site_plan.FIXED_PAGES[1:])]
        for title, source in menu:
            page = content.plan.page(source)
            assert title == (words.tr(content.procedure(page.slug)["title"]) if page.slug
                             else words.label(page.menu_label))


def test_the_tests_plan_is_the_contents():
    assert PLAN == load_project_content().plan


def test_the_pages_that_hold_a_tool_are_the_calculator_the_measures_and_the_history():
    held = {page.source: page.holds for page in PLAN.pages_holding_tools()}
    assert held == {"prolongation.md": (CALCULATOR,), "calculateur.md": (CALCULATOR,), "historique.md": (HISTORY_TOOL,)}


@dataclass(frozen=True)
class OnePagePlan(SitePlan):
    only: Page = HOME

    def pages(self) -> tuple[Page, ...]:
        return (self.only,)


def _with_plan(content, plan: SitePlan):
    changed = replace(content)
    changed.__dict__["plan"] = plan  # Content.plan is a cached property: the instance's value is read first
    return changed


@pytest.mark.parametrize("page, message", [
    (replace(site_plan.ACCESSIBILITY, holds=(CALCULATOR,)),
     "accessibility.md.j2 draws no tool, but the site plan (generator/site_plan.py) gives accessibilite.md calculator"),
    (replace(CALCULATOR_PAGE, holds=()),
     "calculator.md.j2 draws calculator, but the site plan (generator/site_plan.py) gives calculateur.md none"),
], ids=["a tool the template does not draw", "a tool the plan does not give"])
def test_a_template_and_the_plan_that_disagree_on_a_pages_tool_stop_the_build(content, page, message):
    plan = OnePagePlan(content.languages, only=page)
    # What the calculator's form reads of the runtime's settings (generator/runtime.py: template_context).
    runtime = {"page_contract": {"maxItems": MAX_ITEMS, "dateParts": list(DATE_PARTS)}}
    with pytest.raises(PlanMismatch) as raised:
        render_language(_with_plan(content, plan), LANGUAGES[0], extra_context={LANGUAGES[0]: runtime})
    assert str(raised.value) == message
