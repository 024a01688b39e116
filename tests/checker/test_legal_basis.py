"""Each answer cites the article the way the law changed it: rewritten (rule A) or inserted (rule B)."""
from datetime import date

import pytest

from checker import check, load_measures
from tests.catalogue import typeset


@pytest.mark.parametrize(
    "document, lang, citation",
    [
        # French: the text's name in lower case after the label's colon, and the first article « 1er ».
        ("titre-de-sejour", "fr", "ordonnance n° 2020-328 du 25 mars 2020, art. 1er, dans sa rédaction issue de "
                                  "l'ordonnance n° 2020-460 du 22 avril 2020 (art. 24)"),
        ("titre-de-sejour", "en", "Ordinance no. 2020-328 of 25 March 2020, art. 1, as rewritten by "
                                  "ordinance no. 2020-460 of 22 April 2020 (art. 24)"),
        ("attestation-demande-asile", "fr", "ordonnance n° 2020-328 du 25 mars 2020, art. 1 bis, inséré par "
                                            "l'ordonnance n° 2020-460 du 22 avril 2020 (art. 24)"),
        ("attestation-demande-asile", "en", "Ordinance no. 2020-328 of 25 March 2020, art. 1 bis, inserted by "
                                            "ordinance no. 2020-460 of 22 April 2020 (art. 24)"),
    ],
    ids=["ord. 2020-328 art. 1 as rewritten (fr)", "ord. 2020-328 art. 1 as rewritten (en)",
         "ord. 2020-328 art. 1 bis inserted (fr)", "ord. 2020-328 art. 1 bis inserted (en)"],
)
def test_spring_window_cites_the_amending_ordinance(document, lang, citation):
    answer = check(load_measures(), document, date(2020, 4, 1), lang=lang)
    assert answer.legal_basis == (typeset(citation, lang),)


@pytest.mark.parametrize("lang, citations", [
    ("fr", ("ordonnance n° 2020-328 du 25 mars 2020, art. 1er", "loi n° 2020-734 du 17 juin 2020, art. 15")),
    ("en", ("Ordinance no. 2020-328 of 25 March 2020, art. 1", "Act no. 2020-734 of 17 June 2020, art. 15")),
])
def test_diplomatic_staff_answer_cites_the_text_of_each_window(lang, citations):
    # Ord. 2020-328 art. 1 excluded them for March–May, loi 2020-734 art. 15 (cited without a paragraph: the published numbering was not read) for May–June: both are cited.
    answer = check(load_measures(), "titre-diplomatique", date(2020, 6, 1), lang=lang)
    assert answer.legal_basis == tuple(typeset(c, lang) for c in citations)
    assert {link.url for link in answer.legal_links} == {
        "https://www.legifrance.gouv.fr/loda/id/LEGITEXT000041757041/",
        "https://www.legifrance.gouv.fr/eli/loi/2020/6/17/2020-734/jo/texte"}
