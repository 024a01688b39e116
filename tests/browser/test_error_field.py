"""A wrong value is tied to its field: marked invalid and described by the message, until it is corrected."""
from __future__ import annotations

from .widget import calculator_url, shown_answer


def test_impossible_date_describes_its_field_until_corrected(page, site_url):
    page.goto(calculator_url(site_url, "en", document="titre-de-sejour", expiry="2020-02-30"))
    error = page.locator("[data-calculator] .calc__error-message")
    error.wait_for()
    field = page.locator("[data-calculator] input[name=expiry]")
    hint_id = field.evaluate("f => f.closest('.calc__field').querySelector('.calc__hint').id")
    assert field.get_attribute("aria-invalid") == "true"
    assert field.get_attribute("aria-describedby").split() == [hint_id, error.get_attribute("id")]
    # The message is what a screen reader reads with the field.
    described = field.evaluate("f => f.getAttribute('aria-describedby').split(' ').map(id => document.getElementById(id).textContent)")
    assert "2020-02-30" in described[1] or "date" in described[1]

    field.fill("2020-03-16")
    page.locator("[data-calculator] button[type=submit]").click()
    shown_answer(page)
    assert field.get_attribute("aria-invalid") is None
    assert field.get_attribute("aria-describedby") == hint_id
