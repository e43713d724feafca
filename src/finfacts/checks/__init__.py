"""Consistency checks: rounding-aware rules over the facts of one or more releases."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import Errors, FinfactsError
from ..models import Extraction, Finding, Report
from .rules import RULES, WITH_TABLES
from .tables import TABLE_RULES
from .across import check_across


def check(extractions: Extraction | Iterable[Extraction]) -> Report:
    """Run every rule over one extraction, or over several releases of one company.

    Args:
        extractions: an :class:`Extraction`, or a list (any iterable) of them (then each is checked alone,
            with ``document`` set to its index, and the cross-document rules run too).

    Returns:
        Report: every finding, ``fail``, ``warn`` or ``pass``; ``report.ok`` is False when any
            check failed and ``report.failed`` lists those findings.

    Raises:
        FinfactsError: E015 for anything but an Extraction or a list of them (a str of text
            goes to :func:`finfacts.extract` first).
    """
    if isinstance(extractions, Extraction):
        findings: list[Finding] = []
        # the prose rules compare figures of sentences; table figures are checked by the table rules
        prose = extractions
        if any(f.source == "table" for f in extractions.facts):
            prose = extractions.model_copy(update={"facts": [f for f in extractions.facts if f.source == "prose"]})
        for name, rule in RULES.items():
            findings += rule(extractions if name in WITH_TABLES else prose)
        for rule in TABLE_RULES.values():
            findings += rule(extractions)
        return Report(findings=findings)
    if isinstance(extractions, (str, bytes)) or not isinstance(extractions, Iterable):
        raise FinfactsError(Errors.E015.format(type=type(extractions).__name__))
    items = list(extractions)
    for ex in items:
        if not isinstance(ex, Extraction):
            raise FinfactsError(Errors.E015.format(type=f"a list holding {type(ex).__name__}"))
    findings = []
    for i, ex in enumerate(items):
        for f in check(ex).findings:
            findings.append(f.model_copy(update={"document": i}))
    findings += check_across(items)
    return Report(findings=findings)


__all__ = ["check"]
