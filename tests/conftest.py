"""Shared fixtures: the real site, built once per test run by MkDocs (once for all workers under pytest-xdist), and
served on localhost; and the marks `make check` selects by (pyproject.toml), given by rule."""
from __future__ import annotations

import fcntl
import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]

# --- Marks by rule: `make check` runs what needs neither a build nor a browser -------------------------------

# A test that asks for a shared build (below) or one of these fixtures, directly or through another, gets the mark;
# so does every test of tests/perf/ (the calculator's runtime, compiled by the build). A test that runs MkDocs
# itself is marked where it is written: run_mkdocs_build and mkdocs_serve stop it if it is not.
BUILD_DIRECTORIES = {"perf"}
BROWSER_FIXTURES = {"browser", "warm_context", "page", "new_context", "chromium", "perf_chromium"}
_RUNNING: list[pytest.Item] = []


def _shared_builds_used(item) -> list[str]:
    return [name for name in SHARED_BUILDS if name in getattr(item, "fixturenames", ())]


def pytest_itemcollected(item):
    """Marked as it is collected, before -m chooses."""
    if _shared_builds_used(item) or Path(item.path).parent.name in BUILD_DIRECTORIES:
        item.add_marker(pytest.mark.build)
    if set(getattr(item, "fixturenames", ())) & BROWSER_FIXTURES:
        item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _RUNNING.append(item)
    try:
        return (yield)
    finally:
        _RUNNING.pop()


def require_build_mark(what: str) -> None:
    """Stop a test that runs MkDocs without the `build` mark: `make check` would run it, and be slow. (The shared
    builds, made in a thread of their own ahead of their tests, are marked by rule.)"""
    if threading.current_thread() is not threading.main_thread():
        return
    if _RUNNING and _RUNNING[-1].get_closest_marker("build") is None:
        pytest.fail(f"{_RUNNING[-1].nodeid} {what}: mark it @pytest.mark.build (make check leaves those out)",
                    pytrace=False)


# --- Building ---------------------------------------------------------------------------------------------------


def run_mkdocs_build(site_dir: Path, *, env_extra: dict | None = None, config: Path | None = None,
                     cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` and return the finished process (never raises on failure)."""
    require_build_mark("runs `mkdocs build`")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env_extra or {}))
    command = [*MKDOCS, "build", "--strict", "--site-dir", str(site_dir)]
    if config is not None:
        command += ["--config-file", str(config)]
    with subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as child:
        _CHILDREN.add(child)
        try:
            stdout, stderr = child.communicate(timeout=600)
        except subprocess.TimeoutExpired:
            child.kill()
            stdout, stderr = child.communicate()
        finally:
            _CHILDREN.discard(child)
    return subprocess.CompletedProcess(command, child.returncode, stdout, stderr)


_CHILDREN: set[subprocess.Popen] = set()  # builds running now: stopped with the session (an interrupted run)


def pytest_sessionfinish(session):
    for child in list(_CHILDREN):
        child.kill()


@contextmanager
def _locked(path: Path):
    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


# Sites built once per test run and read by many tests: fixture name -> how to build it into a directory.
SHARED_BUILDS: dict[str, Callable[[Path], subprocess.CompletedProcess]] = {}


def shared_site(build: Callable[[Path], subprocess.CompletedProcess]):
    """Make `build(site_dir)` a session fixture of the same name giving the built site's directory, built once per
    test run (see shared_build)."""
    SHARED_BUILDS[build.__name__] = build

    @pytest.fixture(scope="session", name=build.__name__)
    def fixture(tmp_path_factory) -> Path:
        return shared_build(tmp_path_factory, build.__name__)

    fixture.__doc__ = build.__doc__
    return fixture


def shared_build(tmp_path_factory, name: str) -> Path:
    """The site SHARED_BUILDS[name] makes, made once per test run: whoever asks first builds it (the thread that
    builds ahead of the tests, or a test, or under pytest-xdist another worker) while the others wait on a lock,
    then all read the same files. The build's return code and log are kept beside it (`build_log`); a failed
    build fails every test that asked for it, with its log."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    site, record = shared / name, shared / f"{name}.json"
    with _locked(shared / f"{name}.lock"):
        if not record.is_file():
            result = SHARED_BUILDS[name](site)
            record.write_text(json.dumps({"returncode": result.returncode, "stderr": result.stderr}), encoding="utf-8")
    outcome = json.loads(record.read_text(encoding="utf-8"))
    assert outcome["returncode"] == 0, outcome["stderr"][-5000:]
    return site


def build_log(site: Path) -> str:
    """What MkDocs printed while building a site made by `shared_build`."""
    return json.loads(site.with_name(f"{site.name}.json").read_text(encoding="utf-8"))["stderr"]


def _order_and_build_ahead(session, items: list, building: bool) -> None:
    """The tests that need no shared build run first, while a thread builds the shared sites the selected tests
    need, the most used first; then each module that reads a shared site and drives a browser, in the order the
    sites are built, then the others (a module stays whole, so that its own fixtures are made once). The browser's
    modules are the long ones: started first, they no longer leave one worker alone on the last of them while the
    other has nothing left (about a minute at the end of a run on two cores)."""
    counts: dict[str, int] = {}
    for item in items:
        for name in _shared_builds_used(item):
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return
    rank = {name: index for index, name in enumerate(sorted(counts, key=lambda name: -counts[name]))}
    ranks_of: dict[Path, list[int]] = {}  # module -> the ranks of the shared builds its tests read
    browses: set[Path] = set()  # modules with a test that drives a browser
    for item in items:
        ranks_of.setdefault(Path(item.path), []).extend(rank[name] for name in _shared_builds_used(item))
        if item.get_closest_marker("browser") is not None:
            browses.add(Path(item.path))

    def order(item) -> tuple[int, int, int]:
        module = Path(item.path)
        ranks = ranks_of[module]
        return (1, module not in browses, min(ranks)) if ranks else (0, 0, 0)

    items.sort(key=order)  # stable: within a group, the order collected
    if not building:
        return
    factory = session.config._tmp_path_factory

    def build_ahead() -> None:
        for name in sorted(rank, key=rank.get):
            try:
                shared_build(factory, name)
            except BaseException:  # noqa: BLE001 (reported by the tests that ask for it)
                pass

    threading.Thread(target=build_ahead, name="shared-builds", daemon=True).start()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    """After -m's choice; before pytest-xdist's workers report what they collected (they run tests by their index
    in that list)."""
    _order_and_build_ahead(session, items, building=not config.option.collectonly)


@shared_site
def built_site(site: Path) -> subprocess.CompletedProcess:
    """The project as it is, built once for every test that reads a built site."""
    return run_mkdocs_build(site)


@shared_site
def edited_build(site: Path) -> subprocess.CompletedProcess:
    """A copy where an editor changed a fee, a phone number and a rule's days (see EditedSite)."""
    import yaml

    from .site.project_copy import copy_project, edit

    content = ROOT / "content"
    newest = yaml.safe_load((content / "procedures" / "dcem.yml").read_text(encoding="utf-8"))["fee"]["values"][0]
    cher = yaml.safe_load((content / "prefectures" / "cher.yml").read_text(encoding="utf-8"))
    rule = yaml.safe_load((content / "measures.yml").read_text(encoding="utf-8"))["rules"][0]
    project = copy_project(site.with_name("edited-project"))
    edit(project / "content" / "procedures" / "dcem.yml", f"{{since: {newest['since']}, amount: {newest['amount']}}}",
         f"{{since: {newest['since']}, amount: {newest['amount'] + 7}}}")
    edit(project / "content" / "prefectures" / "cher.yml", f"phone: {cher['phone']}", f"phone: {EDITED_PHONE}")
    basis = f"\n    legal_basis:\n      text: {rule['legal_basis']['text']}"
    edit(project / "content" / "measures.yml", f"extension_days: {rule['extension_days']}{basis}",
         f"extension_days: {rule['extension_days'] + 1}{basis}")
    return run_mkdocs_build(site, config=project / "mkdocs.yml", cwd=project)


EDITED_PHONE = "02 48 00 00 99"


@dataclass(frozen=True)
class EditedSite:
    """A copy of the project built after an editor changed facts in its content (the `edited_site` fixture)."""

    site: Path
    project: Path
    old_fee: int  # the DCEM's newest amount, and what it became
    new_fee: int
    old_phone: str  # the Cher prefecture's phone, and what it became
    new_phone: str
    days: int  # rule A's days (ordonnance 2020-328), one more than the content says


@pytest.fixture(scope="session")
def edited_site(edited_build) -> EditedSite:
    """The edited copy's build, read by the tests that every page, the PDF and the calculator follow the content
    (tests/site/test_facts_once.py, tests/document/test_follows_content.py)."""
    import yaml

    content = ROOT / "content"
    newest = yaml.safe_load((content / "procedures" / "dcem.yml").read_text(encoding="utf-8"))["fee"]["values"][0]
    cher = yaml.safe_load((content / "prefectures" / "cher.yml").read_text(encoding="utf-8"))
    rule = yaml.safe_load((content / "measures.yml").read_text(encoding="utf-8"))["rules"][0]
    return EditedSite(edited_build, edited_build.with_name("edited-project"), newest["amount"], newest["amount"] + 7,
                      cher["phone"], EDITED_PHONE, rule["extension_days"] + 1)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output readable
        pass


def serve_directory(directory: Path, handler_class: type | None = None) -> tuple[str, http.server.ThreadingHTTPServer]:
    """A directory served over HTTP on 127.0.0.1: its address, and the server to shut down. `handler_class`: a
    subclass of _QuietHandler, for a test that watches the requests."""
    handler = functools.partial(handler_class or _QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site served over HTTP on 127.0.0.1 (Pyodide does not run from file://)."""
    url, server = serve_directory(built_site)
    yield url
    server.shutdown()
    server.server_close()


# --- The trust gates' summary (tests/gates/conftest.py: gate_summary), printed after the run ---------------------
# Here, not beside the gates: under pytest-xdist the controller, which prints it, loads only this conftest.

_SUMMARY: dict[str, list[str]] = {}


def pytest_runtest_logreport(report):
    if report.when == "call":
        for name, value in report.user_properties:
            if name == "gate":
                heading, line = value
                _SUMMARY.setdefault(heading, []).append(line)


def pytest_terminal_summary(terminalreporter, config):
    """One line per gate on the screen; every line of every gate in a file beside the run's temporary files."""
    if not _SUMMARY:
        return
    report = Path(config._tmp_path_factory.getbasetemp()) / "trust-gates.txt"
    lines = []
    for heading, found in _SUMMARY.items():
        counted = "" if "::" in heading else f": {len(found)} cases"
        lines += [heading + counted, *(f"    {line}" for line in found)]
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    terminalreporter.section("trust gates")
    for heading, found in _SUMMARY.items():
        what = heading.split("::")[-1] if "::" in heading else heading
        first = found[0] if "::" in heading and found else f"{len(found)} cases"
        terminalreporter.write_line(f"{what[:60]}: {first[:100]}")
    terminalreporter.write_line(f"every line: {report}")
