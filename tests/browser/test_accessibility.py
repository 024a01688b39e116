"""axe-core at WCAG 2.1 A and AA: every built page of every language at desktop and phone widths, the theme's
language menu and search open, and the calculator in each of its states. No violation but the known ones."""
from __future__ import annotations

import json
from collections import Counter
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from .axe import WCAG_21_A_AA, Violation, axe_version, axe_violations, known_issues, site_pages, unexpected
from .states import KEEP_STATES, ROOTS
from .widget import calculator_url, fill_date, shown_answer

ROOT = Path(__file__).resolve().parents[2]
from tests.catalogue import LABELS, LANGUAGES  # noqa: E402
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
    found: list[Violation] = axe_violations(page)
    bad = unexpected(found, known_issues())
    tally["violations"] += len(found)
    tally["known"] += len(found) - len(bad)
    return [f"{where}: {violation}" for violation in bad]


def report(problems: list[str]) -> str:
    return f"{len(problems)} axe violations:\n  " + "\n  ".join(problems)


# --- Every page -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_every_page_has_no_axe_violation(page, built_site, site_url, width, tally):
    paths = site_pages(built_site)
    # Every language, every page the site promises, and each language's 404 page.
    others = LANGUAGES[1:]
    per_language = len(paths) // len(LANGUAGES)
    for code in others:
        assert sum(path.startswith(f"{code}/") for path in paths) == per_language >= 12, code
        assert {f"{code}/404.html", f"{code}/calculateur/", f"{code}/historique/", f"{code}/notice/"} <= set(paths)
    assert {"404.html", "calculateur/"} <= set(paths)
    page.set_viewport_size(VIEWPORTS[width])
    problems = []
    for path in paths:
        page.goto(site_url + path)
        problems += check(page, f"/{path} ({width})", tally)
    tally["pages"] = len(paths)
    tally["widths"] += 1
    assert problems == [], report(problems)


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
