"""eventwire: raw news in, political event data an analyst can trust out."""

from eventwire.clean import clean_document
from eventwire.pipeline import extract
from eventwire.read import read_inputs

__all__ = ["clean_document", "extract", "read_inputs"]
__version__ = "0.1.0"
