"""eventwire: raw news in, political event data an analyst can trust out."""

from eventwire.clean import clean_document
from eventwire.pipeline import extract, extract_iter
from eventwire.read import read_inputs

__all__ = ["clean_document", "extract", "extract_iter", "read_inputs"]
__version__ = "0.1.0"
