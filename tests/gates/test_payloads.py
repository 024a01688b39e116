"""Hostile values in the calculator's URL parameters and form stay text: no dialog, no element made from them, and
the page shows the checker's refusal in its own language."""
from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from checker.inputs import DATE_PARTS
from checker.web import answer_json

from ..browser.widget import BOOT_TIMEOUT_MS, calculator_url, typed as typed_date, wait_shown
from .payloads import FIELDS, GOOD_REQUEST, PAYLOADS, Payload

from tests.catalogue import LABELS, LANGUAGES  # noqa: E402

CHANNELS = ("url", "form")


def channels(lang: str) -> tuple[str, ...]:
    """The ways in tried in a language. A link's values are read the same way in every language (calculator.js:
    fromUrl) and refused as typed ones are: every payload comes typed into every field of the form in every
    language, and by link in the first language (by_link)."""
    return CHANNELS if lang == LANGUAGES[0] else ("form",)


def by_link() -> list[tuple[Payload, str]]:
    """The (payload, field) pairs tried by link: each payload once, in each field in turn, so that every field gets
    a third of them by link. A link opens a page of its own, where Python starts again (about a second of CPU): the
    form tries every pair (issue 22)."""
    return [(payload, FIELDS[index % len(FIELDS)]) for index, payload in enumerate(PAYLOADS)]


# What the page shows once it has judged the request: an answer, or the error summary (GOV.UK's pattern).
SHOWN = "[data-calculator] :is([data-answer-region] > *, [data-error-summary]:not([hidden]))"

# What the page shows, and anything the payload could have made of it.
PAGE_STATE = """() => {
  const region = document.querySelector("[data-calculator] [data-answer-region]");
  const summary = document.querySelector("[data-calculator] [data-error-summary]");
  const shown = summary.hidden ? null : summary;
  const message = shown && shown.querySelector(".calc__error-message a");
  const note = document.querySelector("[data-calculator] .calc__field--error [data-field-error]");
  const fromPayload = [...document.querySelectorAll("*")].filter((element) =>
    [...element.attributes].some((attribute) => attribute.value.includes("alert(1)")));
  return {
    code: shown ? shown.dataset.error : region.firstElementChild ? "(an answer)" : null,
    heading: shown && shown.firstElementChild.textContent,
    message: message && message.textContent,
    elementsInMessage: message && message.childElementCount,
    onTheField: note && note.textContent,
    elementsOnTheField: note && note.childElementCount,
    elementsInSummary: shown && shown.querySelectorAll("*").length,
    elementsInAnswer: region.querySelectorAll("*").length,
    madeFromPayload: document.querySelectorAll('img[src="x"]').length + fromPayload.length,
    scripts: document.scripts.length,
    title: document.title,
    invalid: [...document.querySelectorAll("[data-calculator] [aria-invalid=true]")].map((field) => field.name),
  };
}"""
# The form's document field is a <select>: a tampered page could still send anything, so give it the payload.
TAMPER_SELECT = """(value) => {
  const select = document.querySelector("[data-calculator] select[name=document]");
  const option = new Option("payload", value);
  option.dataset.tampered = "";
  select.append(option);
  select.value = value;
}"""
UNTAMPER_SELECT = """() => document.querySelector("[data-calculator] option[data-tampered]").remove()"""
# Before the next try in the same page: no summary shown, so that the next one shown is the next try's.
HIDE_SUMMARY = """() => {
  const summary = document.querySelector("[data-calculator] [data-error-summary]");
  summary.hidden = true;
  summary.replaceChildren();
}"""


def typed(request: dict[str, str], field: str) -> dict:
    """The request as the form sends it: a date in its three fields, the payload typed into the day's."""
    sent = dict(request)
    for name in ("expiry", "on"):
        if name == field:
            sent[name] = {"day": request[name], "month": "03", "year": "2020"}
        elif request[name]:
            sent[name] = typed_date(request[name])
    return sent


def try_every_payload(site_url: str, lang: str):
    def job(browser) -> dict:
        context = browser.new_context()
        context.set_default_timeout(BOOT_TIMEOUT_MS)
        page = context.new_page()
        dialogs, errors, outcomes = [], [], []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            page.goto(calculator_url(site_url, lang))
            baseline = page.evaluate(PAGE_STATE)
            for payload, field in by_link() if "url" in channels(lang) else ():
                request = payload.request(field)
                page.goto(calculator_url(site_url, lang, **{k: quote(v, safe="") for k, v in request.items()}))
                wait_shown(page, SHOWN)
                outcomes.append(("url", payload, field, page.evaluate(PAGE_STATE)))

            page.goto(calculator_url(site_url, lang))
            form = page.locator("[data-calculator] form").first
            for payload in PAYLOADS:
                for field in FIELDS:
                    request = payload.request(field)
                    page.locator("[data-calculator] [data-answer-region]").evaluate("(region) => region.replaceChildren()")
                    page.evaluate(HIDE_SUMMARY)
                    form.locator("select[name=document]").select_option(GOOD_REQUEST["document"])
                    if field == "document":
                        page.evaluate(TAMPER_SELECT, request["document"])
                    for name, value in typed(request, field).items():
                        if name != "document":
                            for part in DATE_PARTS:
                                form.locator(f"input[name={name}-{part}]").fill(value[part] if value else "")
                    form.locator("button[type=submit]").click()
                    if field == "document":
                        page.evaluate(UNTAMPER_SELECT)  # sent already; its value attribute would look like a leak
                    wait_shown(page, SHOWN)
                    outcomes.append(("form", payload, field, page.evaluate(PAGE_STATE)))
        finally:
            context.close()
        return {"baseline": baseline, "outcomes": outcomes, "dialogs": dialogs, "errors": errors}
    return job


@pytest.mark.parametrize("lang", LANGUAGES)
def test_payloads_in_the_url_and_the_form_are_refused_as_text(chromium, site_url, lang, gate_summary):
    seen = chromium.run(try_every_payload(site_url, lang))
    baseline = seen["baseline"]
    heading = " ".join(LABELS["error_summary"][lang].split())
    wrong = []
    for channel, payload, field, state in seen["outcomes"]:
        request = payload.request(field)
        refusal = json.loads(answer_json(**(request if channel == "url" else typed(request, field)), lang=lang))
        # The wrong field: the document's list, or the date's field Python named (all three if none).
        invalid = [field] if field == "document" else [
            f"{field}-{part}" for part in ((refusal["part"],) if refusal["part"] else DATE_PARTS)]
        expected = {
            "code": refusal["code"], "heading": heading, "message": refusal["error"], "elementsInMessage": 0,
            "onTheField": refusal["error"], "elementsOnTheField": 0,
            "elementsInSummary": 4,  # its heading, the list, the item, the link to the field
            "elementsInAnswer": 0,
            "madeFromPayload": 0, "scripts": baseline["scripts"], "title": baseline["title"], "invalid": invalid,
        }
        state["heading"] = " ".join((state["heading"] or "").split())
        if state != expected:
            differences = {key: state[key] for key in expected if state[key] != expected[key]}
            wrong.append(f"{channel} {field} {payload.name}: {differences}")

    ways = channels(lang)
    linked = len(by_link()) if "url" in ways else 0
    gate_summary(f"{len(PAYLOADS)} payloads x {len(FIELDS)} fields typed"
                 + (f", each payload once by link ({linked})" if linked else "")
                 + f" = {len(seen['outcomes'])} tries in {lang!r}: {len(seen['dialogs'])} dialogs, {len(wrong)} not "
                 f"refused as text")
    assert len(seen["outcomes"]) == len(PAYLOADS) * len(FIELDS) + linked
    assert {field for _, field in by_link()} == set(FIELDS)
    assert seen["dialogs"] == [] and seen["errors"] == []
    assert wrong == [], "\n".join(wrong)
