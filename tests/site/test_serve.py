"""`make serve` while an editor works: a content error leaves the last good site served, and says what is wrong
(file, line, field) in the terminal and on the pages; fixing it serves the new site again."""
from __future__ import annotations

import pytest

from .project_copy import copy_project, edit
from .serve import get, mkdocs_serve, wait_for


@pytest.mark.build
def test_a_content_error_under_serve_keeps_the_last_good_site_and_shows_the_error(tmp_path):
    project = copy_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    with mkdocs_serve(project, log) as site:
        url = site + "procedures/dcem/"
        assert "DCEM" in get(url)

        line = edit(project / "content" / "procedures" / "dcem.yml", "title:", "titel:")
        error = f"content/procedures/dcem.yml:{line}: titel: unknown field (did you mean 'title'?)"
        wait_for(lambda: error in log.read_text(), 120, "the rebuild to report the error")
        page = wait_for(lambda: (lambda html: html if "content-error" in html else None)(get(url)), 60,
                        "the page to show the error")
        assert "Document de circulation pour étranger mineur" in page  # the last good site, still served
        assert error.replace("'", "&#x27;") in page

        edit(project / "content" / "procedures" / "dcem.yml", "titel:", "title:")
        wait_for(lambda: "content-error" not in get(url), 120, "the fixed site")
