"""Helpers the test modules share."""

from __future__ import annotations

import datetime as dt
import functools

import pytest

import finfacts


def bug(reason: str) -> pytest.MarkDecorator:
    """A known gap: a strict xfail whose reason says what the library does instead."""
    return pytest.mark.xfail(strict=True, reason=reason)


@functools.lru_cache(maxsize=None)
def extract_cached(text: str, reference_date: dt.date | None = None, fiscal_year_end: str | None = None,
                   default_currency: str | None = None) -> finfacts.Extraction:
    """``finfacts.extract``, once per distinct input."""
    return finfacts.extract(text, reference_date=reference_date, fiscal_year_end=fiscal_year_end,
                            default_currency=default_currency)
