"""Rebuilding in the same process, as `mkdocs serve` does after an edit: templates compiled by an earlier
build are reused (generator/plugin.py, pages.py), and an edited template must still show its edit."""
from __future__ import annotations

import pytest

from mkdocs.commands.build import build
from mkdocs.config import load_config

from .pages import page_file, read_page
from .project_copy import copy_project, edit


def _build(project, site):
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))


@pytest.mark.build
def test_a_rebuild_shows_an_edited_theme_template_and_content(tmp_path):
    project = copy_project(tmp_path / "project")
    _build(project, tmp_path / "first")
    edit(project / "overrides" / "main.html", "{% block htmltitle %}\n  {{ super() }}",
         '{% block htmltitle %}\n  {{ super() }}<meta name="edited-theme" content="yes">')
    edit(project / "content" / "site.yml", "Séjour en France", "Séjour en France (modifié)")
    _build(project, tmp_path / "second")
    for site, edited in ((tmp_path / "first", False), (tmp_path / "second", True)):
        for lang in ("fr", "en"):
            html = page_file(site, lang, "prolongation/").read_text(encoding="utf-8")
            assert ('name="edited-theme"' in html) is edited, (site.name, lang)
        assert ("(modifié)" in read_page(page_file(site, "fr", "")).text) is edited, site.name
