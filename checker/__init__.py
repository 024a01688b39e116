"""Checks whether a residence document was extended by the 2020 Covid-19 measures, and until when."""
from .data import load_measures
from .engine import answer_to_dict, check
from .inputs import parse_request

__all__ = ["check", "parse_request", "load_measures", "answer_to_dict"]
