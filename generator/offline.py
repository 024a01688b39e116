"""Writes the service worker (sw.js, at the site root) that keeps the calculator working offline once visited."""
from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path

import jinja2

from .runtime import RUNTIME_DIR, CalculatorRuntime
from .site_plan import SitePlan

SERVICE_WORKER = "sw.js"
CACHE_PREFIX = "sejour-"
TEMPLATES = Path(__file__).resolve().parent / "templates"
# What a page loads: stylesheets, icons and scripts named in its HTML (Material's search worker is named in its
# JSON configuration, and loads the search index and the lunr language files itself).
_TAG = re.compile(r"<(link|script)\b([^>]*)>")
_ATTRIBUTE = re.compile(r'\b(rel|href|src)="([^"]*)"')
_LOADED_LINKS = {"stylesheet", "icon", "preload", "modulepreload"}
_SEARCH_WORKER = re.compile(r'"search":\s*"([^"]+)"')
# Each language's build has its own copy of Material's assets and its own search index, and the search worker
# loads lunr's files for the language (those that exist: lunr has no file for English, its default).
SEARCH_INDEX = "search/search_index.json"
LUNR_FILE = "assets/javascripts/lunr/min/lunr.{name}.min.js"


def precache_list(site_dir: Path, runtime: CalculatorRuntime, plan: SitePlan, search: dict[str, str]) -> list[str]:
    """Paths from the site root: the pages that hold the calculator or the history (the site plan's), in every
    language, with what they load, and the Python runtime they load. Other pages are stored as they are visited.

    `search`: each language's code -> its search language (lunr's)."""
    # The workers the page starts, and the module they share.
    workers = ("worker.js", "memory.js", "snapshot-worker.js")
    paths = set(runtime.files()) | {f"assets/calculator/{name}" for name in workers}
    for code in plan.languages:
        root = plan.root(code)
        for page in plan.pages_holding_tools():
            page_path = plan.path(code, page.url)
            html_file = site_dir / page_path / "index.html"
            if not html_file.is_file():
                continue
            paths.add(page_path)
            html = html_file.read_text(encoding="utf-8")
            for link in loaded_files(html) + _SEARCH_WORKER.findall(html):
                if "://" not in link and not link.startswith(("data:", "//", "/")):
                    paths.add(posixpath.normpath(posixpath.join(page_path, link.split("?")[0])))
            lunr = [LUNR_FILE.format(name=name) for name in ("stemmer.support", "multi", search[code])]
            paths.update(root + name for name in (SEARCH_INDEX, *lunr))
    # Only what the build wrote (a link the page names but the site lacks would make the install fail).
    return sorted(path for path in paths if (site_dir / path).is_file() or (site_dir / path / "index.html").is_file())


def loaded_files(html: str) -> list[str]:
    """The files a page loads as it opens: its stylesheets, icons, preloads and scripts (not the pages it links to)."""
    found = []
    for tag, attributes in _TAG.findall(html):
        values = dict(_ATTRIBUTE.findall(attributes))
        if tag == "script" and values.get("src"):
            found.append(values["src"])
        elif tag == "link" and _LOADED_LINKS & set(values.get("rel", "").split()) and values.get("href"):
            found.append(values["href"])
    return found


def copies(site_dir: Path, paths: list[str]) -> dict[str, str]:
    """{path: earlier path} for each file with the same bytes as one earlier in `paths`. Each language's build
    has its own copy of Material's scripts and styles: the service worker stores a copy from the file it has,
    and downloads it once."""
    first_with: dict[bytes, str] = {}
    same = {}
    for path in paths:
        file = site_dir / path
        if not file.is_file():  # a page (path/index.html): each language's differs
            continue
        digest = hashlib.sha256(file.read_bytes()).digest()
        if digest in first_with:
            same[path] = first_with[digest]
        else:
            first_with[digest] = path
    return same


def write_service_worker(site_dir: str | Path, runtime: CalculatorRuntime, plan: SitePlan,
                         search: dict[str, str]) -> str:
    """Write <site_dir>/sw.js; return the cache version (a hash of the worker's code and every stored file)."""
    site_dir = Path(site_dir)
    precache = precache_list(site_dir, runtime, plan, search)
    # The first language's files first: the first visit is most often in it, and has them in its HTTP cache.
    in_order = sorted(precache, key=lambda path: (plan.language_of(path) != plan.primary, path))
    same_as = copies(site_dir, in_order)
    template = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False,
                                  undefined=jinja2.StrictUndefined, keep_trailing_newline=True).get_template("sw.js.j2")
    digest = hashlib.sha256((TEMPLATES / "sw.js.j2").read_bytes())
    for path in precache:
        file = site_dir / path
        digest.update(path.encode() + b"\0" + (file if file.is_file() else file / "index.html").read_bytes())
    version = digest.hexdigest()[:12]
    (site_dir / SERVICE_WORKER).write_text(
        template.render(version=version, cache_prefix=CACHE_PREFIX,
                        precache=[path for path in precache if path not in same_as], same_as=same_as,
                        runtime_files={path: hashlib.sha256((site_dir / path).read_bytes()).hexdigest()
                                       for path in precache if path.startswith(RUNTIME_DIR + "/")}),
        encoding="utf-8")
    return version


def precache_of(sw_source: str) -> list[str]:
    """Every path a built sw.js stores when it installs, downloaded or copied (for the tests)."""
    return sorted(json.loads(re.search(r"const PRECACHE = (\[.*?\]);", sw_source, re.S).group(1))
                  + list(copied_in(sw_source)))


def copied_in(sw_source: str) -> dict[str, str]:
    """What a built sw.js stores as a copy of another file it downloads: {path: that file's path}."""
    return json.loads(re.search(r"const SAME_AS = (\{.*?\});", sw_source, re.S).group(1))
