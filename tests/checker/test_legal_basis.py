"""Each answer cites the article the way the law changed it: rewritten (rule A) or inserted (rule B)."""
from datetime import date

import pytest

from checker import check, load_measures


@pytest.mark.parametrize(
    "document, lang, citation",
    [
        ("titre-de-sejour", "fr", "Ordonnance n° 2020-328 du 25 mars 2020, art. 1, rédaction issue de\u00a0: "
                                  "ordonnance n° 2020-460 du 22 avril 2020, art. 24"),
        ("titre-de-sejour", "en", "Ordinance no. 2020-328 of 25 March 2020, art. 1, as rewritten by "
                                  "ordinance no. 2020-460 of 22 April 2020, art. 24"),
        ("attestation-demande-asile", "fr", "Ordonnance n° 2020-328 du 25 mars 2020, art. 1 bis, inséré par\u00a0: "
                                            "ordonnance n° 2020-460 du 22 avril 2020, art. 24"),
        ("attestation-demande-asile", "en", "Ordinance no. 2020-328 of 25 March 2020, art. 1 bis, inserted by "
                                            "ordinance no. 2020-460 of 22 April 2020, art. 24"),
    ],
    ids=["ord. 2020-328 art. 1 as rewritten (fr)", "ord. 2020-328 art. 1 as rewritten (en)",
         "ord. 2020-328 art. 1 bis inserted (fr)", "ord. 2020-328 art. 1 bis inserted (en)"],
)
def test_spring_window_cites_the_amending_ordinance(document, lang, citation):
    answer = check(load_measures(), document, date(2020, 4, 1), lang=lang)
    assert answer.legal_basis == (citation,)
