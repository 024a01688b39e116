"""Accessibility in Chromium. Every built page of every language, opened once at a computer's width and once at a
phone's: axe-core at WCAG 2.1 A and AA, no violation but the known ones; at the phone's width no sideways scrolling
(WCAG 1.4.10); at the computer's, each language's name in the menu in its own language (3.1.2) and focus shown at
every Tab stop (2.4.7). Then axe on the theme's language menu and search open, and on the calculator and the
history in each of their states."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable

import pytest
import yaml
from playwright.sync_api import Page, expect

from .axe import WCAG_21_A_AA, Violation, axe_version, axe_violations, known_issues, site_pages, unexpected
from .focus import tab_until
from .states import KEEP_STATES, ROOTS, width as page_width
from .test_language_marks import LANGUAGE_NAMES, MENU_LANGUAGES, assert_found_in
from .widget import calculator_url, fill_date, shown_answer

ROOT = Path(__file__).resolve().parents[2]
from tests.catalogue import LABELS, LANGUAGES, PLAN  # noqa: E402
from checker.typography import curl_apostrophes  # noqa: E402

LANGS = list(LANGUAGES)
# 320 CSS pixels is the width WCAG 1.4.10 (reflow) asks content to fit.
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 320, "height": 640}}
# Ordonnance 2020-328, art. 1 as amended: printed 16 March 2020 + 180 days = 12 September 2020.
PERMIT = {"document": "titre-de-sejour", "expiry": "2020-03-16"}


@pytest.fixture(scope="module")
def tally(request):
    """What was checked, printed once at the end of the module (also under -q)."""
    counts = Counter()
    yield counts
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None or not counts:
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line(
            f"\naxe-core {axe_version()}, WCAG 2.1 A/AA ({', '.join(WCAG_21_A_AA)}): "
            f"{counts['pages']} pages x {counts['widths']} widths, {counts['menu states']} theme menu states, "
            f"{counts['calculator states']} calculator states; {counts['violations']} violations "
            f"({counts['known']} known, {counts['violations'] - counts['known']} unexpected)"
        )


def check(page: Page, where: str, tally: Counter) -> list[str]:
    """Run axe on the page as it is now; count; return the unexpected violations, each named with `where`."""
    return judge(axe_violations(page), where, tally)


def judge(found: list[Violation], where: str, tally: Counter) -> list[str]:
    """Count what axe `found` on a page; return the unexpected violations, each named with `where`."""
    bad = unexpected(found, known_issues())
    tally["violations"] += len(found)
    tally["known"] += len(found) - len(bad)
    return [f"{where}: {violation}" for violation in bad]


def report(problems: list[str]) -> str:
    return f"{len(problems)} axe violations:\n  " + "\n  ".join(problems)


# --- Every page, opened once at each width ----------------------------------------------------------------
# What each width's checks read of a page, in this order: axe first, before the Tab presses open the language menu
# and the search. (Opening a page costs Chromium about 0.2 s of CPU here, a calculator's 0.9 s: one visit for all
# the checks of a width, not one each.)


def fonts_loaded_width(page: Page) -> int:
    page.evaluate("() => document.fonts.ready")
    return page_width(page)


def tab_round(page: Page) -> list[dict]:
    """Once round the page: Tab from the top until focus leaves the last stop for the document itself."""
    return tab_until(page, lambda stop: stop["what"].startswith("body"))[1][:-1]


CHECKS: dict[str, dict[str, Callable[[Page], object]]] = {
    "desktop": {"languages": lambda page: page.evaluate(MENU_LANGUAGES, LANGUAGE_NAMES), "axe": axe_violations,
                "stops": tab_round},
    "phone": {"width": fonts_loaded_width, "axe": axe_violations},
}


@dataclass
class Visit:
    path: str
    found: dict[str, object] = field(default_factory=dict)  # each check's name: what it read
    failed: dict[str, str] = field(default_factory=dict)  # each check's name: why it could not read the page


@pytest.fixture(scope="module")
def every_page(warm_context, returning_visitor, built_site, site_url) -> Callable[[str], list[Visit]]:
    """Every page of the build at a width of VIEWPORTS (made once, when a test first asks), each with what that
    width's CHECKS read of it, in one tab of the session's context (a returning visitor's)."""
    visits: dict[str, list[Visit]] = {}
    page = warm_context.new_page()

    def at(width: str) -> list[Visit]:
        if width not in visits:
            page.set_viewport_size(VIEWPORTS[width])
            visits[width] = []
            for path in site_pages(built_site):
                page.goto(site_url + path)
                visit = Visit(path)
                for name, read in CHECKS[width].items():
                    try:
                        visit.found[name] = read(page)
                    except (Exception, pytest.fail.Exception) as error:  # the test of that check reports it
                        visit.failed[name] = f"{type(error).__name__}: {error}"
                visits[width].append(visit)
        return visits[width]

    yield at
    page.close()


def read(visits: list[Visit], check: str) -> tuple[list[tuple[str, object]], list[str]]:
    """What `check` read of each page, and the pages it could not read, with why."""
    return ([(visit.path, visit.found[check]) for visit in visits if check in visit.found],
            [f"/{visit.path}: {visit.failed[check]}" for visit in visits if check in visit.failed])


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_every_page_has_no_axe_violation(every_page, built_site, width, tally):
    paths = site_pages(built_site)
    # Every language, every page the site promises, and each language's 404 page.
    others = LANGUAGES[1:]
    per_language = len(paths) // len(LANGUAGES)
    for code in others:
        assert sum(path.startswith(f"{code}/") for path in paths) == per_language >= 12, code
        assert {f"{code}/404.html", f"{code}/calculateur/", f"{code}/historique/", f"{code}/notice/"} <= set(paths)
    assert {"404.html", "calculateur/"} <= set(paths)
    found, failed = read(every_page(width), "axe")
    problems = [problem for path, violations in found for problem in judge(violations, f"/{path} ({width})", tally)]
    tally["pages"] = len(paths)
    tally["widths"] += 1
    assert failed == []
    assert [path for path, _ in found] == paths
    assert problems == [], report(problems)


def test_no_page_scrolls_sideways_on_a_phone(every_page, built_site):
    """WCAG 1.4.10 (reflow), at 320 CSS px, fonts loaded (their states: tests/browser/test_reflow.py)."""
    found, failed = read(every_page("phone"), "width")
    assert failed == []
    assert len(found) == len(site_pages(built_site))
    wide = {path or "/": measured for path, measured in found if measured > VIEWPORTS["phone"]["width"]}
    assert wide == {}, f"wider than {VIEWPORTS['phone']['width']} px: {wide}"


def test_every_tab_stop_of_every_page_shows_focus(every_page, built_site):
    found, failed = read(every_page("desktop"), "stops")
    assert failed == []
    paths = site_pages(built_site)
    assert len(found) == len(paths)
    hidden = [f"/{path}: {stop['what']} ({stop['style']})" for path, stops in found for stop in stops if not stop["shown"]]
    stops_seen = sum(len(stops) for _, stops in found)
    assert hidden == [], f"{len(hidden)} of {stops_seen} Tab stops show no focus:\n  " + "\n  ".join(hidden)
    assert stops_seen > 20 * len(paths)


def test_the_language_menu_names_each_language_in_its_own_language_on_every_page(every_page, built_site):
    """WCAG 3.1.2: each language's name, wherever the page shows it, is marked as that language; each link of the
    language menu has the `lang` of the page it leads to."""
    found, failed = read(every_page("desktop"), "languages")
    assert failed == []
    assert len(found) == len(site_pages(built_site)) >= 24
    for path, seen in found:
        assert seen["lang"] == PLAN.language_of(path), path
        for code, name in LANGUAGE_NAMES.items():
            assert_found_in(seen["names"][code], name, code, f"/{path}")
        assert len(seen["links"]) >= len(LANGUAGES), f"/{path}"
        assert [lang for lang, hreflang in seen["links"] if lang != hreflang] == [], f"/{path}: {seen['links']}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_the_language_menu_and_search_results_have_no_axe_violation(page, site_url, lang, width, tally):
    prefix = "" if lang == "fr" else "en/"
    page.set_viewport_size(VIEWPORTS[width])
    page.goto(site_url + prefix + "prolongation/")
    # The language menu opens while focus is in it.
    page.locator(".md-select__link").first.focus()
    expect(page.locator(".md-select__inner")).to_be_visible()
    problems = check(page, f"/{prefix}prolongation/ language menu open ({width})", tally)
    # "s" opens the search (Material's shortcut), on phones too.
    page.locator(".md-select__link").first.blur()
    page.keyboard.press("s")
    page.keyboard.type("visa")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    problems += check(page, f"/{prefix}prolongation/ search results ({width})", tally)
    tally["menu states"] += 2
    assert problems == [], report(problems)


# --- The calculator, state by state ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_state_of_the_calculator_has_no_axe_violation(new_context, site_url, lang, tally):
    problems = []

    def state(page: Page, name: str) -> None:
        problems.extend(check(page, f"calculator ({lang}) {name}", tally))
        tally["calculator states"] += 1

    # Loading, then a question asked while Python loads: the runtime's wasm arrives only when we say so.
    context = new_context()
    held = []
    context.route("**/pyodide/pyodide.asm.wasm", lambda route: held.append(route))
    page = context.new_page()
    page.goto(calculator_url(site_url, lang))
    progress = page.locator("[data-progress]")
    expect(progress).to_have_text(curl_apostrophes(LABELS["calc_loading"][lang]))
    state(page, "loading")
    form = page.locator("[data-calculator] form")
    form.locator("select[name=document]").select_option(PERMIT["document"])
    fill_date(form, "expiry", PERMIT["expiry"])
    form.locator("button[type=submit]").click()
    expect(progress).to_have_text(curl_apostrophes(LABELS["calc_queued"][lang]))
    state(page, "question queued while loading")
    while not held:
        page.wait_for_timeout(50)
    for route in held:
        route.continue_()
    context.unroute("**/pyodide/pyodide.asm.wasm")

    # Answers: covered (with the "was it valid on" line), not covered; then an input error.
    assert shown_answer(page)["valid_until"] == "2020-09-12"
    expect(progress).to_have_text(curl_apostrophes(LABELS["calc_ready"][lang]))
    state(page, "answer")
    page.goto(calculator_url(site_url, lang, **PERMIT, on="2020-10-01"))
    assert shown_answer(page)["valid_on"] is False
    state(page, "answer with a check date")
    page.goto(calculator_url(site_url, lang, document="visa-court-sejour", expiry="2020-04-01"))
    assert shown_answer(page)["covered"] is False
    state(page, "not covered")
    page.goto(calculator_url(site_url, lang, document="titre-de-sejour", expiry="2020-02-30"))
    expect(page.locator("[data-error-summary]")).to_be_visible()
    expect(page.locator("input[name=expiry-day]")).to_have_attribute("aria-invalid", "true")
    state(page, "error (impossible date)")

    # Python cannot run: the fallback message with the link to the rules table.
    blocked = new_context()
    blocked.route("**/pyodide/**", lambda route: route.abort())
    page = blocked.new_page()
    page.goto(calculator_url(site_url, lang, **PERMIT))
    expect(page.locator("[data-unavailable]")).to_be_visible()
    state(page, "fallback (Python unavailable)")

    assert problems == [], report(problems)


def test_axe_runs_in_the_page_despite_its_content_security_policy(page, site_url):
    # The policy forbids inline scripts; axe comes in through the DevTools protocol. A planted fault must show.
    page.goto(site_url + "mentions-legales/")
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert axe_violations(page) == []
    page.evaluate("""() => document.querySelector("article").append(Object.assign(document.createElement("img"),
        { src: "data:image/gif;base64,R0lGODlhAQABAAAAACw=" }))""")
    assert [violation.rule for violation in axe_violations(page)] == ["image-alt"]


# --- The accessibility statement says what was tested, with what ----------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_accessibility_statement_names_the_tools_and_versions_used(browser, lang):
    site = yaml.safe_load((ROOT / "content" / "site.yml").read_text(encoding="utf-8"))
    statement = " ".join(" ".join(section["body"][lang].split()) for section in site["accessibility"])
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    expected = [
        f"axe-core {axe_version()}",
        f"Playwright {metadata.version('playwright')}",
        f"Chromium {browser.version.split('.')[0]}",  # the major version: Debian updates the rest
        f"vnu-jar {pinned['vnu-jar']}",
    ]
    assert [tool for tool in expected if tool not in statement] == []
    # Honest about what was not done.
    assert {"fr": "Aucun test n'a été fait avec un lecteur d'écran", "en": "No test was done with a screen reader",
            "ar": "لم يُجرَ أي اختبار بقارئ شاشة"}[lang] in statement


# --- The residence history's states of issue 25 ----------------------------------------------------------------


@pytest.mark.parametrize("state", KEEP_STATES, ids=lambda state: state.name)
@pytest.mark.parametrize("lang", LANGS)
def test_the_history_span_gap_row_and_file_states_have_no_axe_violation(page, site_url, lang, state, tally):
    """A chosen span, a row added for a gap, a file that is not a history: at a computer's width and a phone's."""
    page.goto(site_url + ROOTS[lang] + state.path)
    state.act(page)
    problems = []
    for width, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        problems += check(page, f"history ({lang}) {state.name} ({width})", tally)
    assert problems == [], report(problems)
