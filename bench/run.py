"""`make bench`: builds the site, serves it, and prints how fast the calculator answers, how heavy pages are,
and how build time grows with the number of procedures, beside bare Pyodide and plain Material."""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.scaling import BuildTimes, measure_builds  # noqa: E402
from bench.server import MODES, StaticServer  # noqa: E402
from checker.history import MAX_ITEMS, MAX_SPAN_YEARS  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CALCULATOR = "calculateur/?document=titre-de-sejour&expiry=2020-03-16"
EXPECTED_UNTIL = "2020-09-12"  # printed 16 March 2020 + 180 days (ordonnance 2020-328, art. 1)
BASELINE_PREFIX = "/bench-baseline/"
PAGES = {"home": "", "procedure": "procedures/dcem/", "calculator (until the answer)": CALCULATOR}
HISTORY = "historique/"
# The longest residence history the page takes (MAX_ITEMS documents over MAX_SPAN_YEARS years), and the longest span
# a person may ask about: documents of six months each from 21 June 2005, through 2020's windows.
assert MAX_ITEMS == 2 * MAX_SPAN_YEARS, "the bench's history: two documents a year"
FIRST_YEAR = 2005
HISTORY_ITEMS = [item for year in range(FIRST_YEAR, FIRST_YEAR + MAX_SPAN_YEARS)
                 for item in (f"titre-de-sejour,{year}-06-21,{year}-12-20", f"titre-de-sejour,{year}-12-21,{year + 1}-06-20")]
HISTORY_PERIOD = {"from": f"{FIRST_YEAR}-06-21", "to": f"{FIRST_YEAR + MAX_SPAN_YEARS}-06-20",
                  "span_years": MAX_SPAN_YEARS}
# Times one history through the page's own Python (python.js's module, already started by the page).
ASK_HISTORY = """async ({ items, period, runs }) => {
  const { python } = await import(new URL("../assets/calculator/python.js", location.href).href);
  const times = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const result = await python.ask({ question: "history", items, ...period, lang: document.documentElement.lang });
    if (!result.ok || result.history.items.length !== items.length || !result.history.span) {
      throw new Error(JSON.stringify(result));
    }
    times.push(performance.now() - started);
  }
  return times;
}"""


def history_answer_ms(browser, url: str, runs: int) -> list[float]:
    """Milliseconds from asking to the answer, for the longest history and span, once Python is ready."""
    page = browser.new_page()
    try:
        page.goto(url)
        wait_for_mark(page, "calculator-ready")
        return page.evaluate(ASK_HISTORY, {"items": HISTORY_ITEMS, "period": HISTORY_PERIOD, "runs": runs})
    finally:
        page.close()
TIMEOUT_MS = 120_000
# Localhost hides the network: the cold visit is measured once more over a phone-like link, as Chromium's
# DevTools emulate it (its worker's requests included).
MOBILE_LINK = {"offline": False, "latency": 80, "downloadThroughput": 20e6 / 8, "uploadThroughput": 5e6 / 8}
MOBILE_LINK_TEXT = "80 ms round trip, 20 Mbit/s down, 5 Mbit/s up"
# A mid-range phone on a mobile network, a new visitor: the CPU four times slower, 10 Mbit/s down, 150 ms round
# trip, as Chromium's DevTools emulate them. Measured for each way a host may compress (bench/server.py MODES).
PHONE_CPU_SLOWDOWN = 4
PHONE_LINK = {"offline": False, "latency": 150, "downloadThroughput": 10e6 / 8, "uploadThroughput": 3e6 / 8}
PHONE_TEXT = "CPU 4× slower, 150 ms round trip, 10 Mbit/s down, 3 Mbit/s up"


@dataclass
class Timings:
    cold: list[float] = field(default_factory=list)
    warm: list[float] = field(default_factory=list)
    cold_mobile: list[float] = field(default_factory=list)
    warm_from_service_worker: int = 0


def build_site(site_dir: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
                   cwd=ROOT, env=env, check=True)
    took = time.perf_counter() - started
    # As `make build` does: the compressed twins a host sends as they are (not timed: cached after the first run).
    from generator.precompress import precompress
    precompress(site_dir)
    return took


def make_baseline(target: Path) -> Path:
    """The bare-Pyodide page, in a directory of its own served beside the site, with the stock Pyodide files as the
    npm package publishes them (the site's own pyodide/ holds the cut runtime), precompressed as the build does."""
    from generator.precompress import precompress
    from generator.runtime import PYODIDE_FILES

    shutil.copytree(Path(__file__).parent / "baseline", target)
    (target / "pyodide").mkdir()
    for name in PYODIDE_FILES:
        shutil.copyfile(ROOT / "node_modules" / "pyodide" / name, target / "pyodide" / name)
    precompress(target)
    return target


def wait_for_mark(page, mark: str) -> float:
    """When (ms after navigation start) the page set `mark`; the page records the time itself, so polling from
    here costs no precision (and a polled evaluate is what the page's CSP allows: no string eval)."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        found = page.evaluate("(mark) => performance.getEntriesByName(mark).map((entry) => entry.startTime)", mark)
        if found:
            return found[0]
        page.wait_for_timeout(25)
    raise TimeoutError(f"{page.url}: no {mark!r} mark after {TIMEOUT_MS} ms")


def first_answer(browser, url: str, mark: str, check, service_worker: bool) -> tuple[float, float, bool]:
    """(cold, warm) milliseconds from navigation start to the answer shown: a fresh context, then a second
    visit in the same context (its HTTP cache, and the site's service worker once installed, kept); and
    whether the service worker answered the second visit."""
    context = browser.new_context()
    try:
        page = context.new_page()
        times, from_service_worker = [], False
        for visit in ("cold", "warm"):
            response = page.goto(url, wait_until="commit")
            times.append(wait_for_mark(page, mark))
            check(page)
            from_service_worker = response.from_service_worker
            if visit == "cold" and service_worker:
                wait_for_service_worker(page)
                wait_for_mark(page, "calculator-snapshot-stored")  # made on the device, in the background
            page.wait_for_load_state("networkidle")  # let the first visit finish its background work
        return times[0], times[1], from_service_worker
    finally:
        context.close()


def first_answer_on_mobile_link(browser, url: str, mark: str, check) -> float:
    """Cold first answer (ms) over MOBILE_LINK; service workers blocked (a first visit has none anyway)."""
    return cold_answer_emulated(browser, url, mark, check, MOBILE_LINK)


def first_answer_on_phone(browser, url: str, mark: str, check) -> float:
    """Cold first answer (ms) on the phone profile (PHONE_*): a new visitor, service workers blocked."""
    return cold_answer_emulated(browser, url, mark, check, PHONE_LINK, PHONE_CPU_SLOWDOWN)


def cold_answer_emulated(browser, url: str, mark: str, check, link: dict, cpu_slowdown: float = 1) -> float:
    """Cold first answer (ms) over a link, and with a CPU slowed, as Chromium's DevTools emulate them."""
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        devtools = context.new_cdp_session(page)
        devtools.send("Network.enable")
        devtools.send("Network.emulateNetworkConditions", link)
        if cpu_slowdown != 1:
            devtools.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
        page.goto(url, wait_until="commit")
        elapsed = wait_for_mark(page, mark)
        check(page)
        return elapsed
    finally:
        context.close()


def wait_for_service_worker(page, timeout_s: float = 60) -> None:
    """Until the site's service worker (registered once the calculator is ready) has stored its files."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if page.evaluate("() => navigator.serviceWorker.controller !== null"):
            return
        page.wait_for_timeout(100)
    raise TimeoutError("the service worker did not take over the page")


def check_ours(page) -> None:
    answer = json.loads(page.locator("[data-calculator] .calc__result").get_attribute("data-answer"))
    assert answer["valid_until"] == EXPECTED_UNTIL, answer


def check_baseline(page) -> None:
    assert page.locator("#answer").text_content() == "2", page.locator("#answer").text_content()


def transferred(browser, server: StaticServer, name: str, path: str, service_worker: bool) -> dict:
    """Bytes a fresh visit transfers (bodies as sent, plus headers) and the same files' uncompressed size;
    for the calculator, up to the answer, otherwise up to network idle. For the calculator with a service
    worker, a second row: what is fetched after the answer, in the background, until that worker has stored
    its copy and the device has made Python's snapshot (which downloads nothing)."""
    context = browser.new_context()
    finished = []
    context.on("requestfinished", lambda request: finished.append(request))
    try:
        page = context.new_page()
        page.goto(server.url + path)
        if path == CALCULATOR:
            wait_for_mark(page, "calculator-first-answer")
        else:
            page.wait_for_load_state("networkidle")
        rows = {name: sizes(server, list(finished))}
        if path == CALCULATOR and service_worker:
            until_answer = len(finished)
            wait_for_service_worker(page)
            wait_for_mark(page, "calculator-snapshot-stored")
            rows["calculator, after the answer: the offline copy and the snapshot, in the background"] = sizes(
                server, finished[until_answer:])
        return rows
    finally:
        context.close()


def sizes(server: StaticServer, requests: list) -> tuple[int, int, list[str]]:
    sent = uncompressed = 0
    urls = []
    for request in requests:
        body, headers = body_and_headers(request)
        sent += body + headers
        local = server.file_for(request.url.removeprefix(server.url.rstrip("/")).split("?")[0])
        uncompressed += local.stat().st_size if local else body
        urls.append(request.url.removeprefix(server.url))
    return sent, uncompressed, urls


def body_and_headers(request) -> tuple[int, int]:
    """Bytes of the response body as sent, and of its headers. Playwright cannot size a request made by a
    target that is gone (a failed service-worker registration, say): then the Content-Length."""
    try:
        sizes = request.sizes()
        return sizes["responseBodySize"], sizes["responseHeadersSize"]
    except Exception:
        response = request.response()
        length = response.headers.get("content-length", "0") if response else "0"
        return int(length), 0


def measure_browser(site_dir: Path, work: Path, runs: int) -> tuple[dict, dict]:
    from playwright.sync_api import sync_playwright

    baseline_dir = make_baseline(work / "baseline")
    with StaticServer({"/": site_dir, BASELINE_PREFIX: baseline_dir}, mode="gzip") as server, \
            sync_playwright() as playwright:
        server.precompress()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            ours, bare = Timings(), Timings()
            has_service_worker = (site_dir / "sw.js").is_file()
            for run in range(runs):
                # Alternate, so a busy moment of the machine falls on both.
                for timings, url, mark, check, service_worker in (
                    (ours, server.url + CALCULATOR, "calculator-first-answer", check_ours, has_service_worker),
                    (bare, server.url + BASELINE_PREFIX.lstrip("/"), "baseline-first-answer", check_baseline, False),
                ):
                    cold, warm, from_service_worker = first_answer(browser, url, mark, check, service_worker)
                    timings.cold.append(cold)
                    timings.warm.append(warm)
                    timings.warm_from_service_worker += from_service_worker
                    timings.cold_mobile.append(first_answer_on_mobile_link(browser, url, mark, check))
                print(f"  run {run + 1}/{runs}: ours {ours.cold[-1]:.0f}/{ours.warm[-1]:.0f} ms, "
                      f"baseline {bare.cold[-1]:.0f}/{bare.warm[-1]:.0f} ms (cold/warm); phone-like link, cold: "
                      f"ours {ours.cold_mobile[-1]:.0f} ms, baseline {bare.cold_mobile[-1]:.0f} ms", file=sys.stderr)
            weights = {}
            for name, path in PAGES.items():
                weights.update(transferred(browser, server, name, path, has_service_worker))
            # The calculator's first visit again, served as each kind of host serves it.
            for mode in MODES:
                server.mode = mode
                weights.update({f"calculator until the answer, host compressing: {mode}": row for row in
                                transferred(browser, server, "", CALCULATOR, False).values()})
            server.mode = "gzip"
            history_ms = history_answer_ms(browser, server.url + HISTORY, max(runs, 5))
            # The phone, each way a host may compress, ours and the baseline in turn.
            phone = {}
            for mode in MODES:
                server.mode = mode
                phone[mode] = {"ours": [], "baseline": []}
                for _ in range(min(runs, 3)):
                    phone[mode]["ours"].append(first_answer_on_phone(
                        browser, server.url + CALCULATOR, "calculator-first-answer", check_ours))
                    phone[mode]["baseline"].append(first_answer_on_phone(
                        browser, server.url + BASELINE_PREFIX.lstrip("/"), "baseline-first-answer", check_baseline))
                print(f"  phone, host compressing {mode}: ours {phone[mode]['ours']}, baseline "
                      f"{phone[mode]['baseline']}", file=sys.stderr)
            server.mode = "gzip"
            print(f"  residence history of {len(HISTORY_ITEMS)} documents and a {MAX_SPAN_YEARS}-year span: {statistics.median(history_ms):.1f} ms",
                  file=sys.stderr)
        finally:
            browser.close()
    return {"ours": ours, "baseline": bare, "history": history_ms, "phone": phone}, weights


def kb(size: int) -> str:
    return f"{size / 1024:,.0f} KB"


def report(site_build_s: float | None, timings: dict | None, weights: dict | None, builds: BuildTimes | None,
           runs: int, load: tuple[float, float]) -> str:
    lines = [f"Machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}; "
             f"Chromium {chromium_version()} headless; Python {platform.python_version()}; "
             f"load average {load[0]:.1f} at the start, {load[1]:.1f} at the end (other work on the machine "
             "stretches the times: compare the ratios)", ""]
    if timings:
        ours, bare = timings["ours"], timings["baseline"]
        median, best = statistics.median, min
        lines += [f"### Time to first answer (ms from navigation start to the answer shown; median of {runs}, "
                  "best in brackets; served gzip-compressed)", "",
                  "| | cold | warm |", "|---|---:|---:|",
                  f"| our calculator (`{CALCULATOR}`) | {median(ours.cold):.0f} ({best(ours.cold):.0f}) "
                  f"| {median(ours.warm):.0f} ({best(ours.warm):.0f}) |",
                  f"| baseline: bare `loadPyodide()` + `1 + 1`, in a module worker | {median(bare.cold):.0f} "
                  f"({best(bare.cold):.0f}) | {median(bare.warm):.0f} ({best(bare.warm):.0f}) |",
                  f"| **ratio ours / baseline** (target: cold ≤ 0.7, warm ≤ 0.27) "
                  f"| **{median(ours.cold) / median(bare.cold):.2f}** ({best(ours.cold) / best(bare.cold):.2f}) "
                  f"| **{median(ours.warm) / median(bare.warm):.2f}** ({best(ours.warm) / best(bare.warm):.2f}) |", "",
                  "Cold: a new browser context (empty caches). Warm: a second visit in the same context "
                  f"(HTTP cache kept; our site's service worker answered {ours.warm_from_service_worker} of {runs} "
                  "second visits). Every run, ms cold/warm: ours "
                  + ", ".join(f"{c:.0f}/{w:.0f}" for c, w in zip(ours.cold, ours.warm))
                  + "; baseline " + ", ".join(f"{c:.0f}/{w:.0f}" for c, w in zip(bare.cold, bare.warm)), "",
                  f"Cold, over a phone-like link ({MOBILE_LINK_TEXT}, emulated by Chromium): ours "
                  f"{median(ours.cold_mobile):.0f} ms, baseline {median(bare.cold_mobile):.0f} ms, ratio "
                  f"**{median(ours.cold_mobile) / median(bare.cold_mobile):.2f}** (medians of {runs}).", "",
                  f"### A new visitor on a mid-range phone ({PHONE_TEXT}; ms to the first answer, median of "
                  f"{len(timings['phone']['gzip']['ours'])})", "",
                  "| host compressing | ours | baseline | ratio |", "|---|---:|---:|---:|",
                  *(f"| {mode} | {median(runs_['ours']):.0f} | {median(runs_['baseline']):.0f} | "
                    f"**{median(runs_['ours']) / median(runs_['baseline']):.2f}** |"
                    for mode, runs_ in timings["phone"].items()), "",
                  "Goal: with brotli, at most 0.45 × the baseline (0.4 once what still waits on round trips before "
                  "the wasm's first byte is found).", "",
                  f"Residence history of {len(HISTORY_ITEMS)} documents over {MAX_SPAN_YEARS} years, with the "
                  f"{MAX_SPAN_YEARS}-year span asked (`{HISTORY}`), once Python is ready, from asking "
                  f"to the answer: **{median(timings['history']):.1f} ms** (median of {len(timings['history'])}; "
                  "target ≤ 50 ms).", ""]
    if weights:
        lines += ["### Bytes transferred by a first visit (bodies as sent, with headers; gzip-compressed unless the row "
                  "names the host's compression: brotli and gzip send the build's precompressed files)", "",
                  "| page | requests | transferred | uncompressed | Pyodide files |", "|---|---:|---:|---:|---:|"]
        for name, (sent, uncompressed, urls) in weights.items():
            pyodide = [u for u in urls if u.startswith("pyodide/")]
            lines.append(f"| {name} | {len(urls)} | {kb(sent)} | {kb(uncompressed)} | {len(pyodide)} |")
        secondary = {name: sum(".asm.secondary-" in url for url in urls) for name, (_, _, urls) in weights.items()}
        before = sum(count for name, count in secondary.items() if "after the answer" not in name)
        lines += ["", "Goal: the calculator's first visit at most 2.8 MB with brotli. The wasm's second part "
                  f"(`pyodide.asm.secondary-*.wasm`) was fetched {before} times by the pages in these visits, and "
                  f"{sum(secondary.values()) - before} times after the answer (the service worker's offline copy).", ""]
    if site_build_s is not None or builds:
        lines += ["### Build time", ""]
    if site_build_s is not None:
        lines += [f"Real content, `mkdocs build --strict` (every language, PDFs included), wall clock: {site_build_s:.2f} s", ""]
    if builds:
        lines += builds.table()
    return "\n".join(lines)


def chromium_version() -> str:
    try:
        return subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.split()[1]
    except Exception:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="page loads per measure (default 5)")
    parser.add_argument("--sizes", default="50,100,200", help="numbers of generated procedures (default 50,100,200)")
    parser.add_argument("--site", type=Path, help="measure this built site instead of building one (to compare variants)")
    parser.add_argument("--build-repeats", type=int, default=3,
                        help="builds of each size, ours and Material's two in turn; medians (default 3)")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-scaling", action="store_true")
    args = parser.parse_args()

    load_at_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        site = args.site
        site_build_s = None
        if site is None:
            print("building the site…", file=sys.stderr)
            site = work / "site"
            site_build_s = build_site(site)
        timings = weights = builds = None
        if not args.skip_browser:
            print(f"time to first answer, {args.runs} runs…", file=sys.stderr)
            timings, weights = measure_browser(site, work, args.runs)
        if not args.skip_scaling:
            print("build times…", file=sys.stderr)
            builds = measure_builds(work / "scaling", [int(n) for n in args.sizes.split(",")],
                                    args.build_repeats)
    print(report(site_build_s, timings, weights, builds, args.runs, (load_at_start, os.getloadavg()[0])))


if __name__ == "__main__":
    main()
