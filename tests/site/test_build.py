"""The build itself: strict and quiet, and another prefecture is one setting away."""
from __future__ import annotations

from ..conftest import run_mkdocs_build
from .pages import page_file, read_page


def test_strict_build_prints_no_warning(tmp_path):
    result = run_mkdocs_build(tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


def test_switching_prefecture_is_one_setting(tmp_path):
    result = run_mkdocs_build(tmp_path / "site", env_extra={"PREFECTURE": "exemple"})
    assert result.returncode == 0, result.stderr
    for lang, name in {"fr": "Préfecture d'exemple", "en": "Sample prefecture"}.items():
        text = read_page(page_file(tmp_path / "site", lang, "mentions-legales/")).text
        # The Cher press release stays a source; its contacts must be gone.
        assert name in text and "02 48 67 18 18" not in text and "Place Marcel Plaisant" not in text
        assert "presse@prefecture.example" in text


def test_unknown_prefecture_is_a_clear_error(tmp_path):
    result = run_mkdocs_build(tmp_path / "site", env_extra={"PREFECTURE": "nowhere"})
    assert result.returncode != 0
    assert "no such prefecture 'nowhere'; known: cher, exemple" in result.stderr
    assert not (tmp_path / "site").exists()
