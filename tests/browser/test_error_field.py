"""A wrong value is tied to its field (GOV.UK's error pattern): the message on the field, which its group's
description names; the wrong input marked invalid; a summary at the top of the form that links to it. Until it is
corrected."""
from __future__ import annotations

from playwright.sync_api import expect

from .widget import calculator_url, date_field, fill_date, shown_answer


def test_impossible_date_describes_its_field_until_corrected(page, site_url):
    page.goto(calculator_url(site_url, "en", document="titre-de-sejour", expiry="2020-02-30"))
    widget = page.locator("[data-calculator]")
    summary = widget.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    group = widget.locator("[data-field=expiry] fieldset")
    note = widget.locator("[data-field=expiry] [data-field-error]")
    hint_id = widget.locator("[data-field=expiry] .calc__hint").get_attribute("id")
    expect(note).to_be_visible()
    assert group.get_attribute("aria-describedby").split() == [hint_id, note.get_attribute("id")]
    # The message is what a screen reader reads with the group, and what the summary says.
    assert "2020-02-30" in note.text_content()
    assert summary.locator("a").text_content() == note.text_content()
    # From the URL nobody typed in the fields: which one is wrong is not known, all three are marked.
    for part in ("day", "month", "year"):
        expect(date_field(widget, "expiry", part)).to_have_attribute("aria-invalid", "true")
    # The summary's link takes the focus to the field.
    summary.locator("a").click()
    assert page.evaluate("document.activeElement.name") == "expiry-day"

    fill_date(widget, "expiry", "2020-03-16")
    widget.locator("button[type=submit]").click()
    shown_answer(page)
    expect(summary).to_be_hidden()
    expect(note).to_be_hidden()
    assert group.get_attribute("aria-describedby") == hint_id
    for part in ("day", "month", "year"):
        expect(date_field(widget, "expiry", part)).not_to_have_attribute("aria-invalid", "true")


def test_the_wrong_field_of_a_typed_date_is_the_one_marked_and_the_summary_takes_the_focus(page, site_url):
    page.goto(calculator_url(site_url, "fr"))
    widget = page.locator("[data-calculator]")
    widget.locator("select[name=document]").select_option("titre-de-sejour")
    fill_date(widget, "expiry", "16/13/2020")  # no thirteenth month
    widget.locator("button[type=submit]").click()
    summary = widget.locator("[data-error-summary]")
    expect(summary).to_have_attribute("data-error", "impossible-date")
    expect(summary).to_be_focused()
    expect(date_field(widget, "expiry", "month")).to_have_attribute("aria-invalid", "true")
    for part in ("day", "year"):
        expect(date_field(widget, "expiry", part)).not_to_have_attribute("aria-invalid", "true")
    # A missing part is named as such.
    fill_date(widget, "expiry", "16//2020")
    widget.locator("button[type=submit]").click()
    expect(summary).to_have_attribute("data-error", "incomplete-date")
    expect(date_field(widget, "expiry", "month")).to_have_attribute("aria-invalid", "true")
