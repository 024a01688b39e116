"""The command line, run as a person would: `python -m checker ...` from the repository root."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# The browser runs Pyodide's Python 3.14; 3.13 is the nearest interpreter installed here.
PYTHON_313 = Path("/root/.pyenv/versions/3.13.0/bin/python")


def run(*args: str, python: str = sys.executable) -> subprocess.CompletedProcess:
    return subprocess.run(
        [python, "-m", "checker", *args], cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=60,
    )


def test_json_answer():
    result = run("--document", "titre-de-sejour", "--expiry", "2020-03-16", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["valid_until"] == "2020-09-12"
    assert answer["covered"] is True
    assert answer["rule"] == "A"
    assert answer["valid_on"] is None
    assert answer["legal_basis"] and all(isinstance(b, str) for b in answer["legal_basis"])
    assert "12 septembre 2020" in answer["explanation"]


def test_json_not_covered_with_check_date():
    result = run("--document", "visa-court-sejour", "--expiry", "2020-04-01", "--on", "2020-04-02", "--json")
    answer = json.loads(result.stdout)
    assert (answer["covered"], answer["valid_until"], answer["valid_on"]) == (False, None, False)


def test_french_text_by_default():
    result = run("--document", "recepisse", "--expiry", "2020-05-15")
    assert result.returncode == 0
    assert "Prolongation automatique\u00a0: oui, 180 jours" in result.stdout  # set as the pages: no-break space
    assert "11 novembre 2020" in result.stdout


def test_english_text():
    result = run("--document", "recepisse", "--expiry", "2020-05-15", "--lang", "en")
    assert result.returncode == 0
    assert "Automatic extension: yes, 180 days" in result.stdout
    assert "11 November 2020" in result.stdout
    assert "calendar days" in result.stdout


@pytest.mark.parametrize("args, expected", [
    (["--document", "passeport", "--expiry", "2020-03-16"], "Type de document inconnu"),
    (["--document", "recepisse", "--expiry", "16-03"], "n’est pas une date"),
    (["--document", "recepisse", "--expiry", "16/03/20"], "année de deux chiffres"),
    (["--document", "recepisse", "--expiry", "2020-02-30"], "n’existe pas"),
    (["--document", "recepisse", "--expiry", "2020-02-30", "--lang", "en"], "does not exist"),
    (["--document", "recepisse"], "Indiquez la date d’expiration"),
    (["--expiry", "2020-03-16"], "Indiquez le type de document"),
    (["--document", "recepisse", "--expiry", "<b>1</b>"], "n’est pas une date"),
    (["--document", "recepisse", "--expiry", "2020-03-16", "--lang", "de"], "invalid choice"),
    (["--document", "recepisse", "--expiry"], "expected one argument"),
    (["--bogus"], "unrecognized arguments"),
])
def test_bad_input_is_one_clear_line(args, expected):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not PYTHON_313.exists(), reason="Python 3.13 is not installed here")
def test_runs_on_python_313():
    result = run("--document", "attestation-demande-asile", "--expiry", "2020-06-15", "--json", python=str(PYTHON_313))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["valid_until"] == "2020-09-13"


def test_issue_date_on_the_command_line():
    # Asked about a day before the card was issued: not valid, and said so in the JSON and in words.
    result = subprocess.run([sys.executable, "-m", "checker", "--document", "titre-de-sejour", "--expiry", "2020-04-01",
                             "--issued", "2019-06-01", "--on", "2019-01-01", "--json", "--lang", "en"],
                            capture_output=True, text=True, cwd=REPO)
    answer = json.loads(result.stdout)
    assert (answer["issued"], answer["valid_on"], answer["valid_on_reason"]) == ("2019-06-01", False, "not-yet-issued")
    assert "not yet valid" in answer["valid_on_text"]
    refused = subprocess.run([sys.executable, "-m", "checker", "--document", "titre-de-sejour", "--expiry",
                              "2020-04-01", "--issued", "2020-05-01"], capture_output=True, text=True, cwd=REPO)
    assert refused.returncode == 2 and "délivrance" in refused.stderr


def test_the_command_line_reads_a_date_as_printed():
    result = run("--document", "recepisse", "--expiry", "15/05/2020", "--on", "11 novembre 2020", "--json")
    answer = json.loads(result.stdout)
    assert (answer["expiry"], answer["valid_until"], answer["valid_on"]) == ("2020-05-15", "2020-11-11", True)


def run_in_process(*argv: str) -> tuple[int, str, str]:
    import contextlib
    import io

    from checker.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("argv", [["--bogus"], ["--lang", "de"], ["history", "--from"], ["--help"]])
def test_main_returns_the_exit_code_instead_of_raising(argv):
    """A program (or a test) that calls main() gets the exit code back, as after an answer: argparse's SystemExit
    had escaped it."""
    code, out, err = run_in_process(*argv)
    assert code == (0 if argv == ["--help"] else 2)
    assert err.count("\n") == (0 if code == 0 else 1)


def test_an_argument_with_a_line_break_or_an_escape_is_shown_escaped_on_one_line():
    code, _, err = run_in_process("--document", "recepisse", "--expiry", "16/03/2020", "x\ny\x1b[31m\u2028")
    assert code == 2
    assert err.count("\n") == 1 and "\x1b" not in err and "\u2028" not in err
    assert "x\\ny\\x1b[31m\\u2028" in err


@pytest.mark.parametrize("args", [["--document", "titre-de-sejour", "--expiry", "31/12/9999", "--on", "31/12/9999"],
                                  ["history", "--item", "titre-de-sejour,01/01/2019,31/12/9999", "--lang", "ar"],
                                  ["history", "--item", "recepisse,٠١/٠١/٢٠٢٠,٣١/١٢/٩٩٩٩", "--from", "01/01/0001",
                                   "--to", "31/12/9999"]])
def test_the_last_day_of_the_calendar_is_answered(args):
    """`history` ended with OverflowError (exit 1) when a document or the period reached 31/12/9999."""
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and result.stdout


def test_the_command_line_sets_its_labels_as_the_pages_do():
    # « Resté valide jusqu’au : … », « s’il avait déjà été délivré »: typographic apostrophes in every line.
    result = run("--document", "titre-de-sejour", "--expiry", "16/03/2020", "--on", "01/09/2020")
    assert result.returncode == 0
    assert "jusqu\u2019au" in result.stdout and not re.search(r"[^\W\d_]'", result.stdout)
