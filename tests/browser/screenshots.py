"""`make screenshots`: a PNG of every page and state (tests/browser/states.py), in every language, at a phone's
width (320 CSS px) and a computer's (1280), and each PDF's pages, into screenshots/ (ignored by git), with
widths.txt: how wide each document was at 320 px (wider means it scrolls sideways).

    python -m tests.browser.screenshots [SITE_DIR] [--only NAME_PART] [--out FOLDER]"""
from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import subprocess
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.catalogue import LANGUAGES, ROOT

from .conftest import CHROMIUM, CHROMIUM_ARGS
from .states import ROOTS, STATES, pages, width

WIDTHS = (320, 1280)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def shots(site: Path, only: str | None, out: Path) -> list[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    report = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(service_workers="block", viewport={"width": WIDTHS[0], "height": 800})
        for lang in LANGUAGES:
            folder = out / lang
            folder.mkdir(parents=True, exist_ok=True)
            plain = [(("page-" + path.strip("/").replace("/", "-")) if path else "page-home", path, None)
                     for path in pages(site, lang)]
            for name, path, act in plain + [(state.name, state.path, state.act) for state in STATES]:
                if only and only not in name:
                    continue
                page = context.new_page()
                page.set_viewport_size({"width": WIDTHS[0], "height": 800})
                page.goto(base + ROOTS[lang] + path)
                if act:
                    act(page)
                for size in WIDTHS:
                    page.set_viewport_size({"width": size, "height": 800})
                    page.evaluate("() => new Promise(requestAnimationFrame)")
                    if size == WIDTHS[0]:
                        report.append(f"{lang}\t{name}\t{width(page)}")
                    page.screenshot(path=str(folder / f"{name}-{size}.png"), full_page=True)
                page.close()
        browser.close()
    server.shutdown()
    return report


def pdf_pages(site: Path, out: Path) -> None:
    """Each information document's pages as PNGs (poppler's pdftoppm), as an officer would read the paper."""
    for pdf in sorted((site / "documents").glob("*.pdf")):
        subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(out / "pdf" / pdf.stem)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"))
    parser.add_argument("--only", help="only the pages and states whose name holds this")
    parser.add_argument("--out", default=str(ROOT / "screenshots"), help="where the PNGs go")
    args = parser.parse_args()
    site, out = Path(args.site), Path(args.out)
    if not args.only:
        shutil.rmtree(out, ignore_errors=True)
    (out / "pdf").mkdir(parents=True, exist_ok=True)
    report = shots(site, args.only, out)
    if not args.only:
        pdf_pages(site, out)
    (out / "widths.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    wide = [line for line in report if int(line.rsplit("\t", 1)[1]) > WIDTHS[0]]
    print(f"{len(report)} pages and states in {out}; wider than {WIDTHS[0]} px at {WIDTHS[0]} px: {len(wide)}")
    for line in wide:
        print("  " + line)


if __name__ == "__main__":
    main()
