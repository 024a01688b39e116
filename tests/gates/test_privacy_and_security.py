"""Privacy and security in Chromium: every page of each language, the calculator answering where there is one.
Nothing leaves the site's origin, no cookie is set, nothing the visitor typed is stored, the policy is never
violated.

As a first-time visitor: a fresh context, the site's service worker allowed. What the worker answers from its
cache it fetched first, in this same context, and those fetches are requests too."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.catalogue import LANGUAGES, PLAN

from ..browser.widget import BOOT_TIMEOUT_MS, fill_date, wait_shown

# What the visitor "types": none of it may be kept by the browser. (A document id that is in no page's address.)
ENTERED = {"document": "visa-long-sejour", "expiry": "2020-05-15", "on": "2020-06-01"}
# Material keeps the chosen colour palette in localStorage, under "<site path>.__palette": not personal.
MATERIAL_STORAGE_KEYS = {"__palette"}

# Runs before the page's own scripts and, unlike them, is not subject to its policy.
WATCH_POLICY = """
window.__policyViolations = [];
window.addEventListener("securitypolicyviolation", (event) => window.__policyViolations.push(
  `${event.violatedDirective} blocked ${event.blockedURI || "inline code"} (${event.sourceFile}:${event.lineNumber})`
), true);
"""
# Everything a page can keep: the two storages, the Cache Storage (the site's service worker keeps pages and
# files there: each under its address, which must not carry what was typed) and IndexedDB.
STORED = """async () => ({
  localStorage: Object.entries(localStorage),
  sessionStorage: Object.entries(sessionStorage),
  cached: (await Promise.all((await caches.keys()).map(async (name) =>
    (await (await caches.open(name)).keys()).map((request) => `${name} ${request.url}`)))).flat(),
  indexedDB: (await indexedDB.databases()).map((database) => database.name),
})"""


@dataclass
class Visit:
    pages: list[str] = field(default_factory=list)
    answered: list[str] = field(default_factory=list)  # pages where the calculator answered, asked by form and by link
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)  # given up by the browser on leaving a page (ERR_ABORTED)
    served: set[str] = field(default_factory=set)  # URLs answered without error at least once
    violations: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    stored: list[dict] = field(default_factory=list)  # after each answer, and at the end
    cookies: list = field(default_factory=list)


def pages_of(site: Path, lang: str) -> list[str]:
    paths = [p.relative_to(site).as_posix() for p in sorted(site.rglob("*.html"))]
    paths = [p for p in paths if PLAN.language_of(p) == lang]
    return [p[: -len("index.html")] if p.endswith("index.html") else p for p in paths]


def visit_every_page(site_url: str, paths: list[str]):
    def job(browser) -> Visit:
        seen = Visit()
        context = browser.new_context()
        context.set_default_timeout(BOOT_TIMEOUT_MS)
        context.add_init_script(WATCH_POLICY)
        context.on("request", lambda request: seen.requests.append(request.url))
        context.on("requestfailed", lambda request: seen.cancelled.append(request.url)
                   if request.failure == "net::ERR_ABORTED" else seen.failed.append(f"failed {request.url}: {request.failure}"))
        context.on("response", lambda response: seen.failed.append(
            f"{response.status} /{response.url.removeprefix(site_url)}") if response.status >= 400
            else seen.served.add(response.url))
        page = context.new_page()
        page.on("console", lambda message: seen.console.append(message.text))
        try:
            for path in paths:
                page.goto(site_url + path)
                page.wait_for_load_state("networkidle")
                seen.pages.append(path)
                if page.locator("[data-calculator]").count():
                    form = page.locator("[data-calculator] form").first
                    form.locator("select[name=document]").select_option(ENTERED["document"])
                    for name in ("expiry", "on"):  # each date in its three fields, as typed: day, month, year
                        fill_date(form, name, ENTERED[name])
                    form.locator("button[type=submit]").click()
                    wait_shown(page, "[data-calculator] .calc__result")
                    seen.stored.append(page.evaluate(STORED))
                    # The same question as a shared link: a navigation, which the service worker sees.
                    page.goto(site_url + path + "?" + urlencode(ENTERED))
                    wait_shown(page, "[data-calculator] .calc__result")
                    page.wait_for_load_state("networkidle")
                    seen.answered.append(path)
                    seen.stored.append(page.evaluate(STORED))
                seen.violations += page.evaluate("window.__policyViolations")
            seen.stored.append(page.evaluate(STORED))
            seen.cookies = context.cookies()
        finally:
            context.close()
        return seen
    return job


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_stays_on_the_site_sets_no_cookie_stores_no_input_and_keeps_the_policy(
        chromium, built_site, site_url, lang, gate_summary):
    seen: Visit = chromium.run(visit_every_page(site_url, pages_of(built_site, lang)))

    elsewhere = [url for url in seen.requests if not url.startswith(site_url)]
    stored_keys = {key for stored in seen.stored for area in ("localStorage", "sessionStorage")
                   for key, _ in stored[area]}
    kept = [f"{area} {key}={value}" for stored in seen.stored for area in ("localStorage", "sessionStorage")
            for key, value in stored[area] if any(typed in key + value for typed in ENTERED.values())]
    kept += [f"Cache Storage {entry}" for stored in seen.stored for entry in stored["cached"]
             if any(typed in entry for typed in ENTERED.values())]
    unexpected_failures = list(seen.failed)  # a sitemap.xml Material looked for beside an hreflang link included
    # A request the browser gave up as it left the page (a late icon, say) is no fault of the site, if the
    # same file was served at another moment; a file that was never served counts as a failure.
    unexpected_failures += [f"cancelled, never served: {url}" for url in seen.cancelled if url not in seen.served]
    policy_messages = [text for text in seen.console if "Content Security Policy" in text]
    gate_summary(
        f"{len(seen.pages)} pages in {lang!r}, the calculator answered on {len(seen.answered)} "
        f"({', '.join(seen.answered)}): {len(seen.requests)} requests, {len(elsewhere)} off {site_url}; "
        f"{len(seen.cookies)} cookies; {len(seen.violations) + len(policy_messages)} policy violations",
        f"storage keys: {sorted(stored_keys)}; {len(seen.stored[-1]['cached'])} addresses in Cache Storage; "
        f"{len(kept)} holding what was typed",
        f"{len(seen.failed) - len(unexpected_failures)} Material sitemap look-ups answered 404 (own origin), "
        f"{len(unexpected_failures)} other failed requests ({len(seen.cancelled)} given up on leaving a page, "
        "each served at another moment)",
    )
    # Not vacuous: every page was seen, and Python did run in the calculator.
    assert len(seen.pages) == len(pages_of(built_site, lang)) and seen.answered
    assert any(url.endswith("/pyodide/pyodide.asm.wasm") for url in seen.requests)

    assert elsewhere == []
    assert seen.cookies == []
    assert {key.rpartition(".")[2] for key in stored_keys} <= MATERIAL_STORAGE_KEYS, stored_keys
    assert kept == []
    assert all(stored["indexedDB"] == [] for stored in seen.stored), seen.stored[-1]["indexedDB"]
    assert seen.violations == [] and policy_messages == []
    assert unexpected_failures == []
