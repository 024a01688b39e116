"""The PDF of the site built once for the whole session (the `built_site` fixture), read once."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from .pdf import DOCUMENT_PATH, Pdf, read_pdf

CONTENT = Path(__file__).resolve().parents[2] / "content"


def load(name: str):
    return yaml.safe_load((CONTENT / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def pdf_file(built_site) -> Path:
    return built_site / DOCUMENT_PATH


@pytest.fixture(scope="session")
def pdf(pdf_file) -> Pdf:
    return read_pdf(pdf_file)
