"""The PDF's own dates are its build's (CreationDate, ModDate), or the moment SOURCE_DATE_EPOCH gives for a
reproducible build; the date of its information, in its text, is its newest source's (test_pdf.py)."""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

import pytest
from pypdf import PdfReader

from generator.document import DocumentError, _print, build_time

EPOCH = 1_700_000_000  # 14 November 2023, 22:13:20 UTC


def test_the_build_time_is_now_without_source_date_epoch():
    assert abs(build_time({}) - datetime.now(timezone.utc)) < timedelta(minutes=1)


def test_source_date_epoch_sets_the_build_time():
    assert build_time({"SOURCE_DATE_EPOCH": str(EPOCH)}) == datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)


@pytest.mark.parametrize("value", ["yesterday", "1.5e9", "99999999999999999999"])
def test_a_bad_source_date_epoch_is_named_in_a_clear_error(value):
    with pytest.raises(DocumentError, match="SOURCE_DATE_EPOCH=.*seconds since 1970-01-01"):
        build_time({"SOURCE_DATE_EPOCH": value})


def test_the_printed_file_carries_the_build_time_and_the_same_bytes_twice():
    made = build_time({"SOURCE_DATE_EPOCH": str(EPOCH)})
    html = '<html lang="fr"><head><title>t</title></head><body><p>x</p></body></html>'
    first, _ = _print(html, "", made)
    second, _ = _print(html, "", made)
    metadata = PdfReader(io.BytesIO(first)).metadata
    assert metadata.creation_date == metadata.modification_date == made
    assert first == second


def test_the_built_notice_is_dated_by_its_build_not_by_its_information(pdf_file, pdf):
    created = pdf.reader.metadata.creation_date
    built = datetime.fromtimestamp(pdf_file.stat().st_mtime, timezone.utc)
    # The file was written by the build that made it: its date is that build's, to the day.
    assert abs(created - built) < timedelta(days=1)
