"""Shared fixtures and helpers for the finfacts tests.

The tests read only ``fixtures/`` and text written inline; no trained model, no network.
Hypothesis runs the "default" profile (about 200 examples a property) unless the
environment variable ``HYPOTHESIS_PROFILE`` names another one ("ci": 2000 examples).
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings


ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
RELEASES = FIXTURES / "releases"
EXPECTED = FIXTURES / "expected"

# The first extract() builds the pipeline (a few seconds), so no deadline. "default" is derandomized
# (the same examples every run, so a local run is reproducible and quick); "ci" explores 2000 fresh
# random examples a property. No example database: the repository is shared, and a failure found
# by one person's "ci" run should not replay in everyone's "default" run.
settings.register_profile(
    "default", max_examples=200, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci", max_examples=2000, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def dec(value: Any) -> Decimal | None:
    """A JSON decimal string (or number) as Decimal; None stays None."""
    return None if value is None else Decimal(str(value))


def assert_offsets(text: str, mentions: list[Any]) -> None:
    """Every mention's surface is its slice of the text, in bounds, in order, not overlapping."""
    last_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text), (m.start, m.end, len(text))
        assert text[m.start : m.end] == m.text, (text[m.start : m.end], m.text)
        assert m.start >= last_end, f"{m.text!r} at {m.start} overlaps the mention before it"
        last_end = m.end
