"""Command line: python -m checker --document ID --expiry DATE [--issued DATE] [--on DATE] [--lang CODE] [--json],
or python -m checker history --item TYPE,ISSUED,EXPIRY [--item …] [--from DATE --to DATE]
[--span-years N [--span-end DATE]] [--file F] [--save F] [--ics OUT] [--lang CODE] [--json].

A DATE is written as printed on the document, day first (16/05/2020, 16 mai 2020), or as 2020-05-16."""
from __future__ import annotations

import argparse
import json
import sys
from typing import NoReturn

from .data import RulesMissing, load_measures
from .engine import Answer, answer_to_dict, check, format_date
from .history import (MAX_ITEMS, MAX_SPAN_YEARS, History, HistoryRequest, history, history_to_dict, read_request,
                      run_sentences, verdict)
from .inputs import InputError, parse_request
from .language import Language
from .reminder import renewal_calendar
from .saved import MAX_FILE_CHARACTERS, read_saved, saved_text
from .typography import typeset

EXIT_BAD_INPUT = 2
EXIT_NO_RULES = 1


class _Parser(argparse.ArgumentParser):
    # argparse prints usage plus a message over several lines; one line is easier to read and to test. The
    # arguments it quotes back may hold line breaks or control characters: they are shown escaped.
    def error(self, message: str) -> NoReturn:
        shown = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in message)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {shown} (see --help)\n")


def _parser(languages: tuple[str, ...]) -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m checker", description=__doc__.split(":")[0])
    # Not required here: parse_request reports a missing value in the chosen language.
    parser.add_argument("--document", help="document type id, e.g. titre-de-sejour")
    parser.add_argument("--expiry", help="expiry date printed on the document, day first: 16/05/2020")
    parser.add_argument("--issued", help="issue date printed on the document, day first (optional)")
    parser.add_argument("--on", help="check whether the document was valid on this date, day first")
    parser.add_argument("--lang", choices=languages, default=languages[0],
                        help=f"answer language: {', '.join(languages)} (default: {languages[0]})")
    parser.add_argument("--json", action="store_true", help="print the answer as one JSON object")
    return parser


def human_text(answer: Answer, language: Language) -> str:
    labels = language.sentences["cli"]
    lang = language
    lines = [answer.document_name]
    if answer.covered:
        lines.append(lang.say("cli", "covered_yes", days=answer.extension_days, rule=answer.rule))
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
    # Set as the pages set it (no-break spaces, typographic apostrophes); the explanation already is, and stays so.
    return typeset("\n".join(lines).rstrip(), language) + "\n"


def _history_parser(languages: tuple[str, ...]) -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m checker history",
                     description="Which days a series of documents covered, the gaps in a period, the longest and the "
                                 "final uninterrupted run, and whether a chosen span was covered every day. It counts "
                                 "the validity of the documents entered, not presence in France or absences.")
    parser.add_argument("--item", action="append", default=[], metavar="TYPE,ISSUED,EXPIRY",
                        help="one document: its type id, issue date and printed expiry, e.g. "
                             f"titre-de-sejour,21/06/2019,20/06/2020 (repeat, up to {MAX_ITEMS})")
    parser.add_argument("--from", dest="start", help="first day of the period to check, day first")
    parser.add_argument("--to", dest="end", help="last day of the period to check, day first")
    parser.add_argument("--span-years", metavar="N",
                        help=f"check the N years (1 to {MAX_SPAN_YEARS}) ending on --span-end, both ends counted")
    parser.add_argument("--span-end", metavar="DATE",
                        help="last day of the span, day first (default: --to, or the last document's end)")
    parser.add_argument("--file", metavar="F", help="read the documents, period and span saved in F (its format: "
                                                    "ARCHITECTURE.md); options given here are added or replace")
    parser.add_argument("--save", metavar="F", help="save the documents, period and span to F, as a JSON file")
    parser.add_argument("--ics", metavar="OUT", help="write to OUT a calendar reminder (RFC 5545) of the time to "
                                                     "file the last document's renewal")
    parser.add_argument("--lang", choices=languages, default=languages[0],
                        help=f"answer language: {', '.join(languages)} (default: {languages[0]})")
    parser.add_argument("--json", action="store_true", help="print the history as one JSON object")
    return parser


def history_text(result: History, language: Language) -> str:
    say = lambda key, **values: language.say("history", key, **values)  # noqa: E731
    when = lambda day: format_date(day, language)  # noqa: E731
    lines = [say("item", document=r.answer.document_name, issued=when(r.item.issued), until=when(r.valid_until),
                 rule=say("item_rule", rule=r.answer.rule) if r.answer.covered else "") for r in result.items]
    lines += ["", say("covered"), *(say("span", start=when(s.start), end=when(s.end), days=s.days)
                                   for s in result.covered)]
    lines += ["", say("gaps"), *(_gap_lines(g, language) for g in result.gaps)] if result.gaps else ["", say("no_gap")]
    if result.period is not None:
        lines += ["", verdict(result, language)]
    runs = run_sentences(result, language)
    lines += ["", *(runs[key] for key in ("longest_run", "final_run") if key in runs)]
    if result.span is not None:
        lines += ["", runs["span"], *(_gap_lines(g, language) for g in result.span.gaps)]
    lines += ["", say("scope")]
    return typeset("\n".join(lines), language) + "\n"


def _gap_lines(gap, language: Language) -> str:
    """A gap, why, and what commonly covers such days, on two lines."""
    when = lambda day: format_date(day, language)  # noqa: E731
    return language.say("history", "gap", start=when(gap.start), end=when(gap.end), days=gap.days,
                        reason=gap.reason) + "\n  " + gap.cover


def _refuse(error: InputError, language: Language, as_json: bool) -> int:
    """A bad input: its message on stderr, and under --json the same as one JSON object on stdout."""
    message = error.message(language)
    print(message, file=sys.stderr)
    if as_json:
        print(json.dumps({"error": message, "code": error.code, "field": error.field}, ensure_ascii=False))
    return EXIT_BAD_INPUT


def history_main(argv: list[str], measures) -> int:
    args = _history_parser(measures.language_codes()).parse_args(argv)
    language = measures.language(args.lang)
    try:
        request = _history_request(args, measures)
        result = history(measures, request.items, request.start, request.end, lang=language.code,
                         span_years=request.span_years, span_end=request.span_end)
        calendar = renewal_calendar(measures, result, language) if args.ics else None
        if args.save:
            _write(args.save, saved_text(request))
        if calendar is not None:
            _write(args.ics, calendar, newline="")  # RFC 5545's CRLF, as written
    except InputError as error:
        return _refuse(error, language, args.json)
    if args.json:
        print(json.dumps(history_to_dict(result), ensure_ascii=False, indent=2))
    else:
        print(history_text(result, language), end="")
    return 0


def _history_request(args, measures) -> HistoryRequest:
    """The request from --file (if given), with the command line's documents added and its other options in place
    of the file's."""
    saved = {"items": [], "from": None, "to": None, "span_years": None, "span_end": None}
    if args.file:
        saved = read_saved(_read(args.file), args.file)
    given = {"from": args.start, "to": args.end, "span_years": args.span_years, "span_end": args.span_end}
    asked = {key: value if value is not None else saved[key] for key, value in given.items()}
    if args.start is not None or args.end is not None:  # a period is replaced whole, never half from the file
        asked["from"], asked["to"] = args.start, args.end
    if args.span_years is not None and args.span_end is None:
        asked["span_end"] = None  # a new span ends where the command line says, not where the file's did
    return read_request(saved["items"] + args.item, asked["from"], asked["to"], measures, asked["span_years"],
                        asked["span_end"])


def _read(name: str) -> str:
    try:
        with open(name, encoding="utf-8") as file:
            return file.read(MAX_FILE_CHARACTERS + 1)
    except UnicodeDecodeError:
        raise InputError("file-not-history", "file", name) from None
    except OSError:
        raise InputError("file-unreadable", "file", name) from None


def _write(name: str, text: str, newline: str | None = None) -> None:
    try:
        with open(name, "w", encoding="utf-8", newline=newline) as file:
            file.write(text)
    except OSError:
        raise InputError("file-unwritable", "file", name) from None


def main(argv: list[str] | None = None) -> int:
    # A terminal that cannot show « é » should get a replacement character, not a traceback.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    argv = sys.argv[1:] if argv is None else argv
    try:
        measures = load_measures()
    except RulesMissing as missing:
        # No rules, so no catalogue either: the message is the one the exception carries.
        print(f"python -m checker: {missing}", file=sys.stderr)
        return EXIT_NO_RULES
    try:
        if argv[:1] == ["history"]:
            return history_main(argv[1:], measures)
        return document_main(argv, measures)
    except SystemExit as ended:  # argparse's: its one-line error (2), or --help (0); returned, as every answer is
        return ended.code if isinstance(ended.code, int) else EXIT_BAD_INPUT


def document_main(argv: list[str], measures) -> int:
    args = _parser(measures.language_codes()).parse_args(argv)
    language = measures.language(args.lang)
    try:
        request = parse_request(args.document, args.expiry, args.on, measures, issued=args.issued)
    except InputError as error:
        return _refuse(error, language, args.json)
    answer = check(measures, request.document, request.expiry, request.on, issued=request.issued, lang=args.lang)
    if args.json:
        print(json.dumps(answer_to_dict(answer), ensure_ascii=False, indent=2))
    else:
        print(human_text(answer, language), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
