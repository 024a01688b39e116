"""The words of the content after the second reading of issue 23 (items 10 to 14), read from content/ and from the
checker's answers, without a build: details no source holds are gone and links are named for what they are (10); the
service's full name, the DCEM's 2020 status and the accessibility statement's date (11); French typography and
citations, one label convention, the texts' history apart from the residence-history tool (12); English wording
(13); one Arabic form of address and one Arabic name per document, dates with their figures (14). Pages and the PDF
are checked built, in tests/site/test_second_reading_pages.py."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from checker import check, load_measures
from generator.words import all_sources
from tests.catalogue import LABELS, LANGUAGES, catalogue, load_project_content

ROOT = Path(__file__).resolve().parents[2]
CONTENT = load_project_content()
PROCEDURES = {p["slug"]: p for p in CONTENT.procedures}
MEASURES = load_measures()


def texts(node, lang: str):
    """Every text of a content tree in one language: the values under that language's key."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == lang and isinstance(value, str):
                yield value
            else:
                yield from texts(value, lang)
    elif isinstance(node, list):
        for value in node:
            yield from texts(value, lang)


def content_files():
    return sorted(p for p in (ROOT / "content").rglob("*.yml") if p.parent.name != "i18n")


def all_texts(lang: str) -> list[str]:
    """Every text of content/ in one language, and the language's catalogue (labels and the checker's sentences)."""
    found = [t for path in content_files() for t in texts(yaml.safe_load(path.read_text(encoding="utf-8")), lang)]
    own = catalogue(lang)
    return found + strings(own["labels"]) + strings(own["checker"])


def strings(node) -> list[str]:
    """Every text of a catalogue part; a sentence with a count is written in plural forms ({plural: days, one: …,
    other: …}), each form a text (`plural` names the count)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for key, value in node.items() if key != "plural" for s in strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in strings(value)]
    return []


def latin_languages():
    return [code for code in LANGUAGES if catalogue(code)["locale"]["script"] == "Latn"]


# --- 10. What no source holds is not said; a link is named for what it is -------------------------------------

# Details of the 2020 online service that none of the sources cited holds (a number asked for, the date of the
# move, both sides of a document, a confirmation message, the quality of a scan), in the first two languages.
UNSOURCED = {"fr": ["numéro du récépissé", "date du déménagement", "recto", "message de confirmation", "scan"],
             "en": ["récépissé number", "date of the move", "both sides", "confirmation message", "scan"]}


@pytest.mark.parametrize("slug", sorted(PROCEDURES))
def test_the_2020_steps_and_documents_say_nothing_their_sources_do_not(slug):
    procedure = PROCEDURES[slug]
    for lang, details in UNSOURCED.items():
        said = " ".join(texts([procedure["steps"], procedure["documents"]], lang)).lower()
        assert [d for d in details if d in said] == [], (slug, lang)


def test_a_link_to_a_home_page_is_named_as_one_not_as_a_page_it_is_not():
    home = {"fr": "page d'accueil", "en": "home page", "ar": "الصفحة الرئيسية"}
    homes = [s for s in all_sources(CONTENT) if "url" in s and urlsplit(s["url"]).path.strip("/") == ""]
    assert homes, "no home page is cited: drop this test or the lead it guards"
    for source in homes:
        title = source["title"]
        for lang in LANGUAGES:
            shown = title.in_(lang) if hasattr(title, "in_") else title[lang]
            assert home[lang] in shown, (source["url"], lang)
        # A home page dates nothing: the page the date belonged to was not found.
        assert "date" not in source


# --- 11. Names and dates ----------------------------------------------------------------------------------

ANEF = "Administration numérique pour les étrangers en France"


def test_the_service_has_its_full_name_in_every_language_and_no_other():
    for lang in LANGUAGES:
        assert ANEF in CONTENT.site["current_service"]["name"][lang], lang
        wrong = [t for t in all_texts(lang) if re.search(r"administration numérique des étrangers", t, re.I)]
        assert wrong == [], lang


def test_the_dcem_page_says_what_is_known_of_its_2020_extension_and_marks_the_rest():
    dcem = PROCEDURES["dcem"]
    unknown = {"fr": "n'est pas établi", "en": "not established", "ar": "غير مؤكدة"}
    for lang in LANGUAGES:
        note = " ".join(texts(dcem["notes"], lang))
        # The two texts that listed the documents extended, and that the point is not settled.
        assert "2020-328" in note and "2020-734" in note and unknown[lang] in note, lang
    # The texts it names are among the legal texts the site lists (measures.yml), with their addresses.
    assert {"ordonnance-2020-328", "loi-2020-734"} <= {t.id for t in MEASURES.legal_texts}


def test_the_accessibility_statement_has_its_date():
    assert isinstance(CONTENT.site["accessibility_updated"], date)
    assert all("{date}" in LABELS["accessibility_date"][lang] for lang in LANGUAGES)


# --- 12. French -------------------------------------------------------------------------------------------


def french_answers() -> list[str]:
    answers = [check(MEASURES, e["document"], e["expiry"], lang="fr") for e in CONTENT.measures["examples"]]
    answers += [check(MEASURES, rule.documents[0], rule.expiry_window.start, lang="fr") for rule in MEASURES.rules]
    return [a.explanation + "\n" + "\n".join(a.legal_basis) for a in answers]


def test_french_answers_cite_the_first_article_as_1er_and_texts_in_lower_case_mid_sentence():
    answers = "\n".join(french_answers())
    assert "art.\u00a01er" in answers and not re.search(r"art\.\s1\b(?! bis)", answers)
    # « loi », « ordonnance », « décret » as common nouns: in lower case except where a sentence or a line starts.
    assert not re.search(r"(?<![.\n] )(?<!^)(?<!\n)\b(Loi|Ordonnance|Décret) n°", answers, re.M), answers


def test_a_value_after_a_labels_colon_starts_in_lower_case():
    # Labels shown as the value of another label: « Coût : gratuit », « Coût aujourd'hui : montant actuel non établi ».
    for lang in latin_languages():
        for key in ("free", "cost_today_unknown"):
            first = LABELS[key][lang][0]
            assert first == first.lower(), (key, lang)


@pytest.mark.parametrize("slug", sorted(PROCEDURES))
def test_a_legal_basis_always_names_an_article(slug):
    # « Base légale : » is followed by an article; that no text sets a fee has a label of its own (no_basis).
    fee = PROCEDURES[slug]["fee"]
    assert ("legal_basis" in fee) != ("no_basis" in fee)
    for lang in LANGUAGES:
        if "legal_basis" in fee:
            assert re.search(r"article|art\.|المادة", fee["legal_basis"][lang]), (slug, lang)
        else:
            assert LABELS["fee_no_basis"][lang] != LABELS["legal_basis"][lang]


def test_the_history_of_the_texts_is_not_named_like_the_residence_history_tool():
    for lang in LANGUAGES:
        tool = {w.strip(":").lower() for w in LABELS["nav_history"][lang].split() if len(w) > 3}
        sentences = catalogue(lang)["checker"]["explanation"]
        for text in (LABELS["history"][lang], sentences["history_changed"].split(":")[0],
                     sentences["history_same"].split(":")[0]):
            assert not tool & {w.lower() for w in text.split()}, (lang, text)


# --- 13. English ------------------------------------------------------------------------------------------


def test_english_uses_english_quotation_marks():
    assert [t for t in all_texts("en") if "«" in t or "»" in t] == []


def test_english_glosses_recepisse_one_way():
    glosses = set()
    for text in all_texts("en"):
        glosses |= {m.strip().lower() for m in re.findall(r"récépissé \(([^)]*)\)", text)}
        glosses |= {m.strip().lower() for m in re.findall(r"([A-Za-z][A-Za-z ]*) \(récépissé\)", text)}
    assert glosses and all("application receipt" in gloss for gloss in glosses), glosses


def test_english_names_the_attestation_one_way():
    for text in all_texts("en"):
        if "attestation de prolongation" in text:
            assert "certificate extending the examination" in text.lower(), text


def test_english_addresses_the_reader_not_one():
    assert [t for t in all_texts("en") if re.search(r"\bOne [a-z]+|\bone's\b", t)] == []


# --- 14. Arabic -------------------------------------------------------------------------------------------

ARABIC = "ar"
# Second person plural: an imperative (احتفظوا) or a pronoun suffix (وثيقتكم، بإمكانكم); words that merely end so
# (تتحكم) are not forms of address.
PLURAL_ADDRESS = re.compile(r"(?<![\w])[اأإ][\u0600-\u06ff]+وا(?![\w])|[\u0600-\u06ff]+(?:تكم|انكم|يكم|لكم|كنتم)(?![\w])")


@pytest.mark.skipif(ARABIC not in LANGUAGES, reason="no Arabic configured")
def test_arabic_addresses_the_reader_in_the_singular_everywhere():
    assert [m for t in all_texts(ARABIC) for m in PLURAL_ADDRESS.findall(t)] == []


@pytest.mark.skipif(ARABIC not in LANGUAGES, reason="no Arabic configured")
def test_arabic_gives_each_document_one_name():
    # The DCEM: the title's name (« وثيقة التنقل للقاصر الأجنبي »), never the words in another order nor the acronym
    # alone after « وثيقة ».
    assert PROCEDURES["dcem"]["title"][ARABIC].startswith("وثيقة التنقل للقاصر الأجنبي")
    for text in all_texts(ARABIC):
        assert "للأجنبي القاصر" not in text and "وثيقة DCEM" not in text, text
    # Either parent: the document names « أحد الوالدين », whose « بطاقة إقامته » fits a father or a mother.
    parent = " ".join(texts(PROCEDURES["dcem"]["documents"], ARABIC))
    assert "أحد الوالدين" in parent and "بطاقة إقامته" in parent and "الأب أو الأم" not in parent


@pytest.mark.skipif(ARABIC not in LANGUAGES, reason="no Arabic configured")
def test_arabic_steps_address_the_reader_not_a_passive_past():
    for procedure in CONTENT.procedures:
        for step in texts(procedure["steps"], ARABIC):
            assert not re.search(r"كان(?:ت)? [يت]ُ", step), step
