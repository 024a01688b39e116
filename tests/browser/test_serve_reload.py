"""`make serve` in a browser, as an editor uses it: the page left open follows the content files by itself."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ..site.project_copy import copy_project, edit
from ..site.serve import mkdocs_serve


@pytest.mark.build
def test_the_page_open_under_serve_reloads_itself_when_a_content_file_is_saved(tmp_path, page):
    """MkDocs writes its live-reload script inline into each page it serves, a new one each time: the page's
    Content-Security-Policy under `mkdocs serve` lets it run (a built site's does not)."""
    project = copy_project(tmp_path / "project")
    dcem = project / "content" / "procedures" / "dcem.yml"
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)
    with mkdocs_serve(project, tmp_path / "serve.log") as site:
        page.goto(site + "procedures/dcem/")
        error = page.locator(".content-error")
        expect(error).to_have_count(0)
        edit(dcem, "title:", "titel:")
        expect(error).to_contain_text("titel: unknown field", timeout=120_000)  # the test reloads nothing
        edit(dcem, "titel:", "title:")
        expect(error).to_have_count(0, timeout=120_000)
    assert refused == []
