"""How the tests reach the calculator widget: its URLs, and the answer it shows."""
from __future__ import annotations

import json

from playwright.sync_api import Page

# Pyodide boots in about 5 s cold on two cores; leave room for a busy machine.
BOOT_TIMEOUT_MS = 60_000
CALCULATOR = {"fr": "calculateur/", "en": "en/calculateur/"}


def calculator_url(site_url: str, lang: str, **params: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return site_url + CALCULATOR[lang] + (f"?{query}" if query else "")


def shown_answer(page: Page, widget: str = "[data-calculator]") -> dict:
    """The answer dict the page rendered (Python's, carried on the result box), once it is there."""
    box = page.locator(f"{widget} .calc__result")
    box.wait_for()
    return json.loads(box.get_attribute("data-answer"))
