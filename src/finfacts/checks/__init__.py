"""Consistency checks: rounding-aware rules over the facts of one or more releases."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Extraction, Finding, Report
from .rules import RULES
from .tables import TABLE_RULES
from .across import check_across


def check(extractions: Extraction | Sequence[Extraction]) -> Report:
    """Run every rule over one extraction, or over several releases of one company.

    Args:
        extractions: an :class:`Extraction`, or a list of them (then each is checked alone,
            with ``document`` set to its index, and the cross-document rules run too).

    Returns:
        Report: every finding, ``fail``, ``warn`` or ``pass``; ``report.ok`` is False when any
            check failed and ``report.failed`` lists those findings.
    """
    if isinstance(extractions, Extraction):
        findings: list[Finding] = []
        # the prose rules compare figures of sentences; table figures are checked by the table rules
        prose = extractions
        if any(f.source == "table" for f in extractions.facts):
            prose = extractions.model_copy(update={"facts": [f for f in extractions.facts if f.source == "prose"]})
        for rule in RULES.values():
            findings += rule(prose)
        for rule in TABLE_RULES.values():
            findings += rule(extractions)
        return Report(findings=findings)
    findings = []
    for i, ex in enumerate(extractions):
        for f in check(ex).findings:
            findings.append(f.model_copy(update={"document": i}))
    findings += check_across(list(extractions))
    return Report(findings=findings)


__all__ = ["check"]
