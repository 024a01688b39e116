"""Command line: python -m checker --document ID --expiry YYYY-MM-DD [--issued YYYY-MM-DD] [--on YYYY-MM-DD] [--lang CODE] [--json]."""
from __future__ import annotations

import argparse
import json
import sys
from typing import NoReturn

from .data import RulesMissing, load_measures
from .engine import Answer, answer_to_dict, check, format_date
from .inputs import InputError, parse_request
from .language import Language

EXIT_BAD_INPUT = 2
EXIT_NO_RULES = 1


class _Parser(argparse.ArgumentParser):
    # argparse prints usage plus a message over several lines; one line is easier to read and to test.
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see --help)\n")


def _parser(languages: tuple[str, ...]) -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m checker", description=__doc__.split(":")[0])
    # Not required here: parse_request reports a missing value in the chosen language.
    parser.add_argument("--document", help="document type id, e.g. titre-de-sejour")
    parser.add_argument("--expiry", help="expiry date printed on the document, YYYY-MM-DD")
    parser.add_argument("--issued", help="issue date printed on the document, YYYY-MM-DD (optional)")
    parser.add_argument("--on", help="check whether the document was valid on this date, YYYY-MM-DD")
    parser.add_argument("--lang", choices=languages, default=languages[0],
                        help=f"answer language: {', '.join(languages)} (default: {languages[0]})")
    parser.add_argument("--json", action="store_true", help="print the answer as one JSON object")
    return parser


def human_text(answer: Answer, language: Language) -> str:
    labels = language.sentences["cli"]
    lang = language
    lines = [answer.document_name]
    if answer.covered:
        lines.append(labels["covered_yes"].format(days=answer.extension_days, rule=answer.rule))
        lines.append(labels["valid_until"].format(date=format_date(answer.valid_until, lang)))
    else:
        lines.append(labels["covered_no"])
    if answer.on is not None:
        key = "valid_on_no" if not answer.valid_on else "valid_on_assumed" if answer.assumes_issued else "valid_on_yes"
        lines.append(labels[key].format(date=format_date(answer.on, lang)))
    lines += ["", answer.explanation]
    if answer.rights:
        lines += ["", labels["rights"], *(f"- {right}" for right in answer.rights), answer.rights_note or ""]
    if answer.limits:
        lines += ["", f"{labels['limits']} {answer.limits}"]
    if answer.advice:
        lines += ["", f"{labels['advice']} {answer.advice}"]
    if answer.legal_links:
        lines += ["", labels["links"], *(labels["link"].format(label=link.label, url=link.url) for link in answer.legal_links)]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    # A terminal that cannot show « é » should get a replacement character, not a traceback.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        measures = load_measures()
    except RulesMissing as missing:
        # No rules, so no catalogue either: the message is the one the exception carries.
        print(f"python -m checker: {missing}", file=sys.stderr)
        return EXIT_NO_RULES
    args = _parser(measures.language_codes()).parse_args(argv)
    language = measures.language(args.lang)
    try:
        request = parse_request(args.document, args.expiry, args.on, measures, issued=args.issued)
    except InputError as error:
        print(error.message(language), file=sys.stderr)
        return EXIT_BAD_INPUT
    answer = check(measures, request.document, request.expiry, request.on, issued=request.issued, lang=args.lang)
    if args.json:
        print(json.dumps(answer_to_dict(answer), ensure_ascii=False, indent=2))
    else:
        print(human_text(answer, language), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
