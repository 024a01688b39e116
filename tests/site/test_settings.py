"""The residence plugin's options are declared once (generator/settings.py) and checked by MkDocs as it reads
mkdocs.yml: a document in a language the site does not have, or a language given twice, is named before anything
is built."""
from __future__ import annotations

import re

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from tests.catalogue import ROOT


def config_with(tmp_path, old: str, new: str):
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "mkdocs.yml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    for folder in ("docs", "overrides"):
        (tmp_path / folder).symlink_to(ROOT / folder)
    return path


@pytest.mark.parametrize("old, new, message", [
    ("- [fr, ar]", "- [fr, de]", r"documents.*names de, which is not in languages \(fr, en, ar\)"),
    ("languages: [fr, en, ar]", "languages: [fr, en, en]", r"languages.*given twice: en"),
    ("- [fr, ar]", "- [ar, ar]", r"documents.*must name its languages once each"),
])
def test_a_wrong_option_is_named_when_mkdocs_reads_the_configuration(tmp_path, caplog, old, new, message):
    with pytest.raises((Abort, ConfigurationError)):
        load_config(str(config_with(tmp_path, old, new)))
    errors = [record.getMessage() for record in caplog.records if record.levelname == "ERROR"]
    assert len(errors) == 1 and re.search("residence.*" + message, errors[0]), errors


def test_the_projects_own_options_are_read_once_for_every_part_of_the_build():
    from generator.pipeline import Settings, project_settings
    from generator.plugin import ResidenceSitePlugin

    settings = project_settings(ROOT / "mkdocs.yml")
    assert isinstance(settings, Settings)
    assert ResidenceSitePlugin.config_class is Settings
    assert settings.languages[0] == "fr" and all(set(pair) <= set(settings.languages) for pair in settings.documents)
