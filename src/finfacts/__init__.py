"""finfacts: typed, normalized, checkable facts from company press releases."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from .api import extract, extract_many, load

__version__ = "0.1.0"

_LAZY = {"extract", "extract_many", "load"}


def __getattr__(name: str) -> Any:
    # the pipeline's entry points (and spaCy) are imported on first use, so processes that only
    # read stores or coordinate workers (``finfacts batch``'s main process) start quickly
    if name in _LAZY:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'finfacts' has no attribute {name!r}")

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
