"""The timeline's axis as Python computes it (checker/web.py, timeline): ticks on the first day of each year,
labelled by the year alone on a long axis, and of each July on a short one; the labellings the page chooses
from, finest first; no date past 9999; each lane named by its document's short name."""
from __future__ import annotations

from datetime import date

import pytest

from checker import load_measures
from checker.history import Item, history
from checker.web import LONG_TIMELINE_DAYS, timeline
from tests.catalogue import LANGUAGES, typeset

MEASURES = load_measures()


def axis_of(items: tuple[Item, ...], lang: str, start: date | None = None, end: date | None = None) -> dict:
    return timeline(history(MEASURES, items, start, end, lang=lang), MEASURES.language(lang), MEASURES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_long_axis_has_a_tick_a_year_labelled_by_its_year(lang):
    shown = axis_of((Item("recepisse", date(2001, 3, 1), date(2020, 6, 30)),), lang)
    assert [tick["label"] for tick in shown["ticks"]] == [str(year) for year in range(2002, 2021)]
    lefts = [tick["left"] for tick in shown["ticks"]]
    assert lefts == sorted(lefts) and 0 <= lefts[0] and lefts[-1] <= 100
    # Finest first: every year, then every second, fifth, tenth, twentieth year; each set once.
    years = lambda chosen: [shown["ticks"][index]["label"] for index in chosen]  # noqa: E731
    assert [years(chosen) for chosen in shown["labellings"]] == [
        [str(year) for year in range(2002, 2021)], [str(year) for year in range(2002, 2021, 2)],
        ["2005", "2010", "2015", "2020"], ["2010", "2020"], ["2020"]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_short_axis_has_half_years_labelled_with_their_month(lang):
    language = MEASURES.language(lang)
    shown = axis_of((Item("titre-de-sejour", date(2019, 6, 21), date(2020, 6, 20)),
                     Item("titre-de-sejour", date(2020, 7, 1), date(2021, 6, 30))), lang, date(2020, 1, 1),
                    date(2020, 12, 31))
    assert (date(2021, 6, 30) - date(2019, 6, 21)).days + 1 < LONG_TIMELINE_DAYS
    expected = [f"{language.months[month - 1]} {year}" for year, month in ((2019, 7), (2020, 1), (2020, 7), (2021, 1))]
    assert [tick["label"] for tick in shown["ticks"]] == expected
    assert shown["labellings"][:2] == [[0, 1, 2, 3], [1, 3]]  # every tick, then the first days of years


def test_no_tick_is_computed_past_the_year_9999():
    shown = axis_of((Item("visa-court-sejour", date(9990, 1, 1), date(9999, 12, 31)),), LANGUAGES[0])
    assert shown["ticks"][-1]["label"] == "9999"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_lane_is_named_by_the_short_name_and_carries_the_full_one(lang):
    shown = axis_of((Item("titre-de-sejour", date(2019, 6, 21), date(2020, 6, 20)),), lang)
    document = MEASURES.document("titre-de-sejour")
    row = shown["rows"][0]
    assert row["document"] == typeset(document.short_name.in_(lang), lang)
    assert row["name"] == typeset(document.name.in_(lang), lang)
