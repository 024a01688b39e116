"""The QR code on both printed summaries (the calculator's and the residence history's), in every language: drawn on
the device when the print button is pressed, it decodes (Debian's zbar, reading the printed page as an officer's phone
would read the paper) to the page's permalink, and that address opens the same answer. The library is not loaded
before a summary is printed, and the service worker keeps it for printing offline."""
from __future__ import annotations

import json
import posixpath
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator.offline import SERVICE_WORKER, precache_of
from generator.qr_library import prepare_qr_library
from tests.catalogue import LABELS, LANGUAGES, PLAN, ROOT, typeset

from .states import ROOTS, RUNS_PERMALINK
from .test_offline import CONTROLLED, serving, stop, wait_until
from .widget import calculator_url, runtime_settings

# Each summary: the address that opens it, the widget, and where the page keeps the answer it shows (as JSON).
CALCULATOR = ("calculateur/?document=titre-de-sejour&expiry=2020-05-16&issued=2019-05-17&on=2020-09-01",
              "[data-calculator]", ".calc__result", "data-answer")
HISTORY = (RUNS_PERMALINK, "[data-history]", ".hist__result", "data-history")
SUMMARIES = {"calculator": CALCULATOR, "history": HISTORY}
NO_PRINT_DIALOG = "window.print = () => { window.__printRequests = (window.__printRequests || 0) + 1; };"
RENDER_DPI = "300"  # an office printer's resolution


def decoded(*images: Path) -> list[str]:
    """What zbar reads in the images: one text per QR code found."""
    zbar = shutil.which("zbarimg")
    if zbar is None:
        pytest.fail("zbarimg (Debian's zbar-tools) is missing: run `make browser`")
    result = subprocess.run([zbar, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", *map(str, images)],
                            capture_output=True, text=True)
    return result.stdout.splitlines()


def shown(page: Page, widget: str, result: str, attribute: str) -> dict:
    box = page.locator(f"{widget} {result}")
    box.wait_for()
    return json.loads(box.get_attribute(attribute))


def printed(page: Page, widget: str) -> None:
    """Press the summary's print button (the print dialog stubbed) and wait for its QR code to be drawn."""
    page.locator(f"{widget} .calc__print").click()
    expect(page.locator(f"{widget} [data-permalink-code]")).to_have_attribute("data-address", page.url)
    assert page.evaluate("window.__printRequests") == 1


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("summary", SUMMARIES)
def test_the_printed_code_decodes_to_the_permalink_which_opens_the_same_answer(page, site_url, tmp_path, summary, lang):
    path, widget, result, attribute = SUMMARIES[summary]
    loaded = []
    page.on("request", lambda request: loaded.append(request.url))
    page.add_init_script(NO_PRINT_DIALOG)
    page.goto(site_url + ROOTS[lang] + path)
    answer = shown(page, widget, result, attribute)
    assert not any("qrcode-generator" in url for url in loaded), "the QR code library was loaded before printing"
    printed(page, widget)
    permalink = page.url

    # The code as printed: the whole A4 page, rendered as a printer would, read by zbar; one page.
    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(page.pdf(format="A4"))
    subprocess.run(["pdftoppm", "-r", RENDER_DPI, "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 1
    assert decoded(*pages) == [permalink]
    # The address written beside it, and the code's accessible name, in the page's language.
    figure = page.locator(f"{widget} [data-permalink-code]")
    expect(figure.locator("[data-slot=permalink]")).to_have_text(permalink)
    expect(figure.locator("svg")).to_have_attribute("aria-label", typeset(LABELS["summary_qr_name"][lang], lang))

    # The decoded address, opened afresh, gives the same answer.
    again = page.context.new_page()
    again.goto(decoded(*pages)[0])
    assert shown(again, widget, result, attribute) == answer
    again.close()
    assert page.errors == []


@pytest.mark.parametrize("summary", SUMMARIES)
def test_the_code_fits_a_phone_wide_print_and_still_decodes(new_context, site_url, tmp_path, summary):
    """At 320 CSS px in print media (the summary as laid out for a narrow page, on a phone's screen of 3 device pixels
    a CSS pixel), the code keeps its quiet zone and decodes, and nothing is wider than the page."""
    path, widget, result, attribute = SUMMARIES[summary]
    page = new_context(viewport={"width": 320, "height": 800}, device_scale_factor=3).new_page()
    page.add_init_script(NO_PRINT_DIALOG)
    page.goto(site_url + ROOTS["ar"] + path)
    shown(page, widget, result, attribute)
    printed(page, widget)
    page.emulate_media(media="print")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    shot = tmp_path / "summary.png"
    page.screenshot(path=str(shot), full_page=True)
    assert decoded(shot) == [page.url]


def test_the_code_is_drawn_offline_once_the_calculator_was_visited(new_context, built_site):
    """The library is stored by the service worker when it installs: printing works with the network gone."""
    with serving(built_site) as site:
        page = new_context(service_workers="allow").new_page()
        page.add_init_script(NO_PRINT_DIALOG)
        page.goto(calculator_url(site["url"], "fr", document="titre-de-sejour", expiry="2020-03-16"))
        shown(page, *CALCULATOR[1:])
        wait_until(page, CONTROLLED)
        stop(site)
        page.context.set_offline(True)
        assert page.reload().from_service_worker
        shown(page, *CALCULATOR[1:])
        printed(page, CALCULATOR[1])
        expect(page.locator("[data-calculator] [data-permalink-code] svg path")).to_have_count(1)


def test_the_site_publishes_the_checked_library_once_names_it_on_every_calculator_page_and_stores_it(built_site):
    library = prepare_qr_library(ROOT)
    assert (built_site / library.path).read_bytes() == library.module
    for lang in LANGUAGES:
        for page in (page.url for page in PLAN.pages_holding_tools()):
            settings = runtime_settings((built_site / ROOTS[lang] / page / "index.html").read_text(encoding="utf-8"))
            assert posixpath.normpath(posixpath.join(ROOTS[lang] + page, settings["qrCode"]["module"])) == library.path
    stored = precache_of((built_site / SERVICE_WORKER).read_text(encoding="utf-8"))
    assert {library.path, "assets/calculator/permalink_code.js"} <= set(stored)
