"""finfacts: typed, normalized, checkable facts from company press releases."""

from __future__ import annotations

import logging

from .api import extract, extract_many, load
from .checks import check
from .documents import Document, read
from .errors import FinfactsError
from .models import (
    Basis,
    Count,
    Extraction,
    Fact,
    Finding,
    Report,
    Mention,
    Money,
    Percent,
    Period,
    Rank,
)

__version__ = "0.1.0"

logging.getLogger("finfacts").addHandler(logging.NullHandler())

__all__ = [
    "Basis",
    "Count",
    "Document",
    "Extraction",
    "Fact",
    "Finding",
    "Report",
    "FinfactsError",
    "Mention",
    "Money",
    "Percent",
    "Period",
    "Rank",
    "__version__",
    "check",
    "extract",
    "extract_many",
    "load",
    "read",
]
