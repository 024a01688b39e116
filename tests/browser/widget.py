"""How the tests reach the calculator widget: its URLs, and the answer it shows."""
from __future__ import annotations

import json
import re
from datetime import date, timedelta

from playwright.sync_api import Page

from checker import answer_to_dict, check, load_measures
from checker.inputs import DATE_PARTS
from generator.site_plan import CALCULATOR_PAGE
from tests.catalogue import ROOTS

# Pyodide boots in about 5 s cold on two cores; leave room for a busy machine.
BOOT_TIMEOUT_MS = 60_000
CALCULATOR = {code: root + CALCULATOR_PAGE.url for code, root in ROOTS.items()}


def calculator_url(site_url: str, lang: str, **params: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return site_url + CALCULATOR[lang] + (f"?{query}" if query else "")


def runtime_settings(html: str) -> dict:
    """Where a calculator page's Python runtime is: the JSON its <head> carries for python.js ({} if none)."""
    found = re.search(r'<script type="application/json" id="calculator-runtime">(.*?)</script>', html, re.S)
    return json.loads(found.group(1)) if found else {}


# What the page says about its Python when an answer does not come: its marks (python.js: calculator-loading,
# -ready, -failed, with how it started) and what its progress line and error summary show.
PAGE_STATE = """(widget) => ({
  marks: performance.getEntriesByType("mark").map((mark) => [mark.name, Math.round(mark.startTime), mark.detail]),
  progress: document.querySelector(`${widget} [data-progress]`)?.textContent ?? null,
  error: document.querySelector(`${widget} [data-error-summary]:not([hidden])`)?.textContent ?? null,
  unavailable: Boolean(document.querySelector(`${widget} [data-unavailable]:not([hidden])`)),
})"""


# Resolves as soon as the first element `selector` matches is shown (as Playwright counts it: rendered, not
# visibility:hidden, not of zero size), or attached only; false after `ms`. The page says when: each change to the
# document is looked at, and the styles' own changes every 50 ms. (Playwright's waits ask again after 20, 50, 100
# and 100 ms, then every 500 ms: about a tenth of a second more for each of the hundreds of answers the suite waits
# for.)
WAIT_SHOWN = """([selector, attached, ms]) => new Promise((resolve) => {
  const shown = () => {
    const element = document.querySelector(selector);
    if (!element || attached) return Boolean(element);
    const box = element.getBoundingClientRect();
    return element.checkVisibility({ visibilityProperty: true }) && box.width > 0 && box.height > 0;
  };
  if (shown()) return resolve(true);
  const done = (outcome) => { observer.disconnect(); clearInterval(styles); clearTimeout(timer); resolve(outcome); };
  const observer = new MutationObserver(() => shown() && done(true));
  observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
  const styles = setInterval(() => shown() && done(true), 50);
  const timer = setTimeout(() => done(false), ms);
})"""


def wait_shown(page: Page, selector: str, widget: str = "[data-calculator]", attached: bool = False,
               timeout_ms: int = BOOT_TIMEOUT_MS) -> None:
    """Until the first element `selector` (CSS) matches is shown, or `attached` only: as soon as the page shows it.
    If it does not come, the failure says what the calculator `widget` showed instead (PAGE_STATE)."""
    if not page.evaluate(WAIT_SHOWN, [selector, attached, timeout_ms]):
        raise AssertionError(f"{selector} not {'attached' if attached else 'shown'} on {page.url} after {timeout_ms} "
                             f"ms: {page.evaluate(PAGE_STATE, widget)}")


def shown_answer(page: Page, widget: str = "[data-calculator]") -> dict:
    """The answer dict the page rendered (Python's, carried on the result box), once it is there; if none comes,
    the failure says what the page showed instead."""
    wait_shown(page, f"{widget} .calc__result", widget)
    return json.loads(page.locator(f"{widget} .calc__result").get_attribute("data-answer"))


def early_downloads(page: Page) -> list[list[str]]:
    """The files the page's <head> asked for before Python's worker could (overrides/main.html): each preload
    link's address, kind and priority."""
    return page.evaluate("""() => [...document.head.querySelectorAll("link[rel=preload]")]
      .map((link) => [link.href, link.as, link.fetchPriority])""")


def python_start(page: Page) -> str | None:
    """How the page's Python was started: "fresh", or "snapshot" (restored from the service worker's store)."""
    return page.evaluate("() => performance.getEntriesByName('calculator-ready')[0]?.detail?.started ?? null")


# --- The browser's answers are the checker's answers -----------------------------------------------------


def sample_requests() -> list[tuple[str, str, str]]:
    """Every document, printed dates on both sides of every window boundary, check dates on both sides of
    every possible new end of validity."""
    measures = load_measures()
    expiries = {date(2019, 12, 31), date(2021, 1, 1)}
    for rule in measures.rules:
        window = rule.expiry_window
        expiries |= {window.start - timedelta(days=1), window.start, window.end, window.end + timedelta(days=1)}
    offsets = {0, 1} | {days + extra for days in {r.extension_days for r in measures.rules} for extra in (0, 1)}
    requests = []
    for document in measures.document_ids():
        for expiry in sorted(expiries):
            requests.append((document, expiry.isoformat(), ""))
            requests += [(document, expiry.isoformat(), (expiry + timedelta(days=n)).isoformat()) for n in sorted(offsets)]
    return requests


# Asks the page's own Python (python.js: what the form's submit calls) each request, all at once; each request as the
# page sends it, the language added. Resolves with the replies (checker.web.respond's dicts).
ASK = """async (requests) => {
  const runtime = JSON.parse(document.getElementById("calculator-runtime").textContent);
  const { python } = await import(new URL(runtime.script, document.baseURI).href);
  return Promise.all(requests.map((request) => python.ask(request)));
}"""


def ask(page: Page, *requests: dict) -> list[dict]:
    """The page's Python's replies to `requests` (each a dict as python.ask takes it, with its `lang`)."""
    return page.evaluate(ASK, list(requests))


def typed(value: str) -> dict | str:
    """A date as a test writes it (date_parts) as the form sends it, each part in its field (calculator.js:
    collect); "" for a date left empty."""
    return dict(zip(DATE_PARTS, date_parts(value))) if value else ""


# Submits the form once per request, in the page, and collects what each submit rendered.
SUBMIT_EACH = """async (requests) => {
  const root = document.querySelector("[data-calculator]");
  const form = root.querySelector("form");
  const region = root.querySelector("[data-answer-region]");
  const answers = [];
  // An ISO date into its three fields (day, month, year), or all three empty.
  const fill = (name, iso) => {
    const [year = "", month = "", day = ""] = iso ? iso.split("-") : [];
    Object.entries({ day, month, year }).forEach(([part, value]) => { form.elements[`${name}-${part}`].value = value; });
  };
  for (const [documentId, expiry, on] of requests) {
    form.elements.document.value = documentId;
    fill("expiry", expiry);
    fill("on", on);
    const rendered = new Promise((resolve) => {
      const observer = new MutationObserver(() => { observer.disconnect(); resolve(); });
      observer.observe(region, { childList: true });
    });
    form.requestSubmit();
    await rendered;
    const box = region.firstElementChild;
    answers.push(box?.dataset.answer ? JSON.parse(box.dataset.answer) : { error: root.querySelector("[data-error-summary]").dataset.error });
  }
  return answers;
}"""


def answer_kind(answer: dict) -> tuple:
    """What decides how the page draws an answer: its document, its yes/no and reasons, and which of its parts are
    there (a rule, an exclusion, rights, a check date...), not its dates or its sentences."""
    return tuple((key, value if isinstance(value, bool) or key in ("document", "valid_on_reason") else bool(value))
                 for key, value in sorted(answer.items()))


def answers_differing_from_cpython(page: Page, lang: str) -> list[tuple[str, str, str, str]]:
    """Every sample request asked of the page's Python as the form's submit asks it, and one request of each kind
    of answer (answer_kind) submitted through the form and read from what the page drew: the requests whose answer
    is not CPython's, each with the way it was asked ("python" or "form"). (Through the form, the page draws each
    answer: about 28 ms of CPU each here, against 4 ms for Python's answer alone, for 504 requests a language.)"""
    requests = sample_requests()
    measures = load_measures()
    expected = [answer_to_dict(check(measures, document, date.fromisoformat(expiry),
                                     date.fromisoformat(on) if on else None, lang=lang))
                for document, expiry, on in requests]
    replies = ask(page, *({"document": document, "expiry": typed(expiry), "issued": "", "on": typed(on), "lang": lang}
                          for document, expiry, on in requests))
    differing = [("python", *request) for request, reply, answer in zip(requests, replies, expected, strict=True)
                 if reply.get("answer") != answer]
    one_of_each: dict[tuple, tuple] = {}
    for request, answer in zip(requests, expected):
        one_of_each.setdefault(answer_kind(answer), (request, answer))
    drawn = page.evaluate(SUBMIT_EACH, [request for request, _ in one_of_each.values()])
    differing += [("form", *request) for (request, answer), shown in zip(one_of_each.values(), drawn, strict=True)
                  if shown != answer]
    return differing


# --- The form's dates: three fields each (day, month, year), as GOV.UK's date input --------------------------


def date_parts(value: str) -> tuple[str, str, str]:
    """A date as a test writes it (2020-03-16, or day first: 16/03/2020) in the three fields' order."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        year, month, day = value.split("-")
        return day, month, year
    day, month, year = re.split(r"[/.\-]", value)
    return day, month, year


def fill_date(scope, name: str, value: str) -> None:
    """Type a date into its day, month and year fields inside `scope` (a page, a form or a row)."""
    for part, text in zip(DATE_PARTS, date_parts(value)):
        scope.locator(f"[name={name}-{part}]").fill(text)


def date_field(scope, name: str, part: str = "day"):
    return scope.locator(f"[name={name}-{part}]")
