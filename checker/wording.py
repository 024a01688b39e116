"""Every sentence the checker shows, in French and in English: templates only, no logic."""

LANGUAGES = ("fr", "en")

# Written out here so that output never depends on the machine's locale (Pyodide has none).
MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}

# French writes the first day of a month as an ordinal: « 1er mars 2020 ».
DATE = {
    "fr": {"first": "1er {month} {year}", "other": "{day} {month} {year}"},
    "en": {"first": "{day} {month} {year}", "other": "{day} {month} {year}"},
}

LEGAL_BASIS = {
    "fr": {
        "article": "{text}, {article}",
        "rewritten": "{basis}, dans sa rédaction issue de {text} ({article})",
        "inserted": "{basis}, inséré par {text} ({article})",
        "unverified": "{basis} — {note}",
    },
    "en": {
        "article": "{text}, {article}",
        "rewritten": "{basis}, as rewritten by {text} ({article})",
        "inserted": "{basis}, inserted by {text} ({article})",
        "unverified": "{basis} — {note}",
    },
}

# A text named mid-sentence, by its kind (the `kind` of each legal text): « l'ordonnance n° … », « la loi n° … ».
CITED_TEXT = {
    "fr": {"ordonnance": "l'{title}", "loi": "la {title}", "décret": "le {title}"},
    "en": {"ordonnance": "{title}", "loi": "{title}", "décret": "{title}"},
}

EXPLANATION = {
    "fr": {
        "printed": "{document} — date d'expiration imprimée sur le document : {expiry}.",
        "in_window": (
            "Cette date tombe dans la période du {start} au {end} (les deux dates comprises), "
            "prévue pour ce document par : {basis}."
        ),
        "extended": (
            "Le document a donc été prolongé automatiquement de {days} jours : "
            "il est resté valide jusqu'au {valid_until} inclus."
        ),
        "history_changed": (
            "Historique : {old_days} jours → {days} jours. {note} "
            "Avec {old_days} jours, la date aurait été le {old_until}."
        ),
        "history_same": "Historique : {note}",
        "outside": (
            "Cette date n'est dans aucune des périodes de prolongation automatique prévues pour ce "
            "document. La période la plus proche va du {start} au {end} (les deux dates comprises) : "
            "{basis}."
        ),
        "no_extension": (
            "Aucune prolongation automatique ne s'est appliquée : la fin de validité est restée le {expiry}."
        ),
        "excluded": "Ce document n'était pas concerné par la prolongation automatique. {reason}",
        "excluded_basis": "Textes : {basis}.",
        "no_rule": "Aucune règle de prolongation n'était prévue pour ce document.",
        "counting": "Décompte : {convention} {months_note}",
        "valid_on_yes": "Le {on}, le document était valide.",
        "valid_on_assumed": "Le {on}, le document était valide, s'il avait déjà été délivré à cette date (sa date de délivrance n'a pas été donnée).",
        "valid_on_no": "Le {on}, le document n'était plus valide.",
        "valid_on_not_issued": "Le {on}, le document n'était pas encore valide : il a été délivré le {issued}.",
    },
    "en": {
        "printed": "{document} — expiry date printed on the document: {expiry}.",
        "in_window": (
            "This date falls in the period from {start} to {end} (both dates included), "
            "set for this document by: {basis}."
        ),
        "extended": (
            "The document was therefore extended automatically by {days} days: "
            "it stayed valid until {valid_until} inclusive."
        ),
        "history_changed": (
            "History: {old_days} days → {days} days. {note} "
            "With {old_days} days, the date would have been {old_until}."
        ),
        "history_same": "History: {note}",
        "outside": (
            "This date is in none of the automatic extension periods set for this document. "
            "The nearest period runs from {start} to {end} (both dates included): {basis}."
        ),
        "no_extension": (
            "No automatic extension applied: the end of validity stayed {expiry}."
        ),
        "excluded": "This document was not covered by the automatic extension. {reason}",
        "excluded_basis": "Legal texts: {basis}.",
        "no_rule": "No extension rule was set for this document.",
        "counting": "Counting: {convention} {months_note}",
        "valid_on_yes": "On {on}, the document was valid.",
        "valid_on_assumed": "On {on}, the document was valid, if it had been issued by then (its issue date was not given).",
        "valid_on_no": "On {on}, the document was no longer valid.",
        "valid_on_not_issued": "On {on}, the document was not yet valid: it was issued on {issued}.",
    },
}

# Input errors: short and plain, often read in a second language.
INPUT_ERRORS = {
    "fr": {
        "missing": "Indiquez {field}.",
        "unknown-document": "Type de document inconnu{shown}. Choix possibles : {choices}.",
        "not-a-date": "{Field}{shown} n'est pas une date. Écrivez-la sous la forme AAAA-MM-JJ, par exemple 2020-03-16.",
        "impossible-date": "{Field}{shown} n'existe pas dans le calendrier.",
        "too-long": "La valeur donnée pour {field} est trop longue ({limit} caractères au plus).",
        "issued-after-expiry": "La date de délivrance{shown} est après la date d'expiration : vérifiez les deux dates.",
    },
    "en": {
        "missing": "Please give {field}.",
        "unknown-document": "Unknown document type{shown}. Possible choices: {choices}.",
        "not-a-date": "{Field}{shown} is not a date. Write it as YYYY-MM-DD, for example 2020-03-16.",
        "impossible-date": "{Field}{shown} does not exist in the calendar.",
        "too-long": "The value given for {field} is too long ({limit} characters at most).",
        "issued-after-expiry": "The issue date{shown} is after the expiry date: please check both dates.",
    },
}

SHOWN_VALUE = {"fr": " « {value} »", "en": " \"{value}\""}

FIELDS = {
    "fr": {"document": "le type de document", "expiry": "la date d'expiration", "on": "la date de vérification",
           "issued": "la date de délivrance"},
    "en": {"document": "the document type", "expiry": "the expiry date", "on": "the check date",
           "issued": "the issue date"},
}
# The same names at the start of a sentence.
FIELD_SUBJECTS = {
    "fr": {"document": "Le type de document", "expiry": "La date d'expiration", "on": "La date de vérification",
           "issued": "La date de délivrance"},
    "en": {"document": "The document type", "expiry": "The expiry date", "on": "The check date",
           "issued": "The issue date"},
}

# The command line's human-readable layout.
CLI = {
    "fr": {
        "covered_yes": "Prolongation automatique : oui, {days} jours (règle {rule}).",
        "covered_no": "Prolongation automatique : non.",
        "valid_until": "Resté valide jusqu'au : {date} inclus.",
        "valid_on_yes": "Valide le {date} : oui.",
        "valid_on_assumed": "Valide le {date} : oui, s'il avait déjà été délivré.",
        "valid_on_no": "Valide le {date} : non.",
        "legal_basis": "Base légale :",
        "rights": "Droits conservés :",
        "limits": "Ce que ce document ne donnait pas :",
        "links": "Textes :",
        "link": "- {label} : {url}",
        "advice": "À garder :",
        "rules_missing": "Erreur : {message}",
    },
    "en": {
        "covered_yes": "Automatic extension: yes, {days} days (rule {rule}).",
        "covered_no": "Automatic extension: no.",
        "valid_until": "Stayed valid until: {date} inclusive.",
        "valid_on_yes": "Valid on {date}: yes.",
        "valid_on_assumed": "Valid on {date}: yes, if it had been issued by then.",
        "valid_on_no": "Valid on {date}: no.",
        "legal_basis": "Legal basis:",
        "rights": "Rights kept:",
        "limits": "What this document did not give:",
        "links": "Legal texts:",
        "link": "- {label}: {url}",
        "advice": "What to keep:",
        "rules_missing": "Error: {message}",
    },
}
