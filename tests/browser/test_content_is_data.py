"""A procedure and a language are content, not code: in a copy of the project, adding a fifth procedure, or a
pseudo-localised language (`es`: the English text marked "[es] "), changes nothing else, and the site, the
document and the calculator follow."""
from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from tests.catalogue import LANGUAGES

from ..conftest import _QuietHandler, run_mkdocs_build
from ..document.pdf import DOCUMENT_PATH, read_pdf, squash
from ..site.pages import PAGE_PATHS, read_page
from ..site.project_copy import copy_project
from .widget import shown_answer


@pytest.fixture
def serve():
    servers = []

    def start(directory: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def build(project: Path, site: Path) -> Path:
    result = run_mkdocs_build(site, config=project / "mkdocs.yml", cwd=project)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def roots(languages) -> dict[str, str]:
    return {code: "" if index == 0 else f"{code}/" for index, code in enumerate(languages)}


def test_a_fifth_procedure_is_content_only(tmp_path, page, serve):
    project = copy_project(tmp_path / "project")
    procedures = project / "content" / "procedures"
    fifth = yaml.safe_load((procedures / "dcem.yml").read_text(encoding="utf-8"))
    fifth["slug"] = "cinquieme-demarche"
    fifth["title"] = {code: f"{text} — 5" for code, text in fifth["title"].items()}
    (procedures / "cinquieme-demarche.yml").write_text(yaml.safe_dump(fifth, allow_unicode=True), encoding="utf-8")
    site = build(project, tmp_path / "site")

    for code, root in roots(LANGUAGES).items():
        page_file = site / root / "procedures" / "cinquieme-demarche" / "index.html"
        built = read_page(page_file)
        assert built.lang == code and built.h1.replace("\u00a0", " ") == fifth["title"][code]
        home = read_page(site / root / "index.html")
        assert fifth["title"][code] in home.text.replace("\u00a0", " ")  # listed on the home page and in the menu
    pdf = read_pdf(site / DOCUMENT_PATH)
    for code in LANGUAGES[:2]:
        assert squash(fifth["title"][code]) in squash(pdf.columns["fr" if code == LANGUAGES[0] else "en"])

    # In the browser: the new page opens in every language with no script error, and the calculator still answers.
    url = serve(site)
    for root in roots(LANGUAGES).values():
        page.goto(url + root + "procedures/cinquieme-demarche/")
        expect(page.locator("h1")).to_contain_text("— 5")
    page.goto(url + "calculateur/?document=titre-de-sejour&expiry=2020-03-16")
    assert shown_answer(page)["valid_until"] == "2020-09-12"
    assert page.errors == []


def pseudo_localised(value, source: str, target: str):
    """Every text {…, source: t} gains target: "[target] " + t, however deep."""
    if isinstance(value, dict):
        value = {key: pseudo_localised(item, source, target) for key, item in value.items()}
        if source in value and isinstance(value[source], str) and LANGUAGES[0] in value:
            value[target] = f"[{target}] {value[source]}"
        return value
    if isinstance(value, list):
        return [pseudo_localised(item, source, target) for item in value]
    return value


def test_a_pseudo_localised_language_is_content_only(tmp_path, page, serve):
    project = copy_project(tmp_path / "project")
    content = project / "content"
    source, target = LANGUAGES[-1], "es"
    for path in content.rglob("*.yml"):
        if path.parent.name != "i18n":
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            path.write_text(yaml.safe_dump(pseudo_localised(data, source, target), allow_unicode=True,
                                           sort_keys=False), encoding="utf-8")
    shutil.copy(content / "i18n" / f"{source}.yml", content / "i18n" / f"{target}.yml")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"languages: \[([^\]]*)\]", rf"languages: [\1, {target}]",
                             config.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    site = build(project, tmp_path / "site")
    languages = (*LANGUAGES, target)

    for path in PAGE_PATHS:
        built = read_page(site / target / path / "index.html")
        assert built.lang == target, path
        assert f"[{target}]" in built.text, path
        assert not [link for link in built.links if link["tag"] == "link" and link.get("rel") == "alternate"], path
        menu = [a["href"] for a in built.links if a["tag"] == "a" and "md-select__link" in a.get("class", "")]
        assert len(menu) == len(languages), path
    index = json.loads((site / target / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(f"[{target}]" in doc["text"] for doc in index["docs"])
    assert (site / DOCUMENT_PATH).is_file()  # the notice keeps its languages; the build does not fail for es

    # The calculator answers in the new language, through Pyodide.
    url = serve(site)
    page.goto(url + f"{target}/calculateur/?document=attestation-demande-asile&expiry=2020-04-01")
    answer = shown_answer(page)
    assert answer["lang"] == target and answer["valid_until"] == "2020-06-30"
    assert answer["document_name"].startswith(f"[{target}]")
    assert page.errors == []
