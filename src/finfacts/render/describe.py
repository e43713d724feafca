"""Short human descriptions of mentions, periods and changes for the HTML view.

Pure functions from the models to plain strings; escaping happens where they are placed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..models import Change, Fact, FactPeriod, Mention

_QUALIFIER = {
    "approximately": "≈",
    "more_than": ">",
    "at_least": "≥",
    "less_than": "<",
    "at_most": "≤",
}
_BASIS = {
    "year_over_year": "year over year",
    "quarter_over_quarter": "quarter over quarter",
    "half_over_half": "half over half",
}


def number(value: Decimal) -> str:
    """A decimal with thousands separators and the digits the text stated.

    >>> number(Decimal("271000000000")), number(Decimal("-0.02")), number(Decimal("28.0"))
    ('271,000,000,000', '-0.02', '28.0')
    """
    return format(value, ",f")


def _unit(m: Mention) -> str:
    if m.type == "money":
        return (m.currency or "(currency unknown)") + (f" per {m.per}" if m.per else "")
    if m.type == "percent":
        return "%" if m.unit == "percent" else "pp"
    if m.type == "count":
        return m.unit or ""
    return ""


def value_text(m: Mention) -> str:
    """The normalized value of a mention in one line.

    >>> from finfacts.models import Money, Percent
    >>> value_text(Money(id="m0", text="about $5m", start=0, end=9, rule="r", value=Decimal("5000000"),
    ...                  currency="USD", qualifier="approximately"))
    '≈ 5,000,000 USD'
    >>> value_text(Percent(id="m1", text="2-4%", start=0, end=4, rule="r", low=Decimal(2), high=Decimal(4)))
    '2 – 4 %'
    """
    if m.type == "rank":
        return f"No. {m.value}"
    if m.type == "period":
        return period_range(m.period_start, m.period_end) or "dates unknown"
    if m.type == "basis":
        return _BASIS.get(m.basis, m.basis)
    if m.value is not None:
        amount = number(m.value)
    elif m.low is not None or m.high is not None:
        amount = " – ".join(number(v) if v is not None else "?" for v in (m.low, m.high))
    else:
        amount = "?"
    prefix = _QUALIFIER[m.qualifier] + " " if m.qualifier else ""
    return f"{prefix}{amount} {_unit(m)}".strip()


def period_range(start: dt.date | None, end: dt.date | None) -> str:
    """``2023-01-01 – 2023-12-31``, one date for an instant, empty when unknown.

    >>> period_range(dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    '2023-01-01 – 2023-12-31'
    >>> period_range(dt.date(2024, 3, 31), dt.date(2024, 3, 31))
    '2024-03-31'
    """
    if start is None and end is None:
        return ""
    if start == end:
        return str(start)
    return f"{start or '?'} – {end or '?'}"


def fact_period_parts(period: FactPeriod | None) -> tuple[list[str], str]:
    """A fact's period as (its dates, or else its fiscal label; where it came from when not its sentence).

    >>> fact_period_parts(FactPeriod(period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 3, 31), source="prior"))
    (['2024-01-01', '2024-03-31'], 'from the comparison')
    >>> fact_period_parts(FactPeriod(fiscal_year=2025, fiscal_period="FY"))
    (['FY 2025'], '')
    """
    if period is None:
        return [], ""
    dates = period_range(period.period_start, period.period_end)
    parts = dates.split(" – ") if dates else []
    if not parts and period.fiscal_year is not None:
        parts = [f"{period.fiscal_period or 'FY'} {period.fiscal_year}"]
    note = ""
    if parts and period.source != "sentence":
        note = f"from the {'release' if period.source == 'document' else 'comparison'}"
    return parts, note


def fact_period(period: FactPeriod | None) -> str:
    """A fact's period in one line: ``2024-01-01 – 2024-03-31 (from the comparison)``."""
    parts, note = fact_period_parts(period)
    return " – ".join(parts) + (f" ({note})" if note else "")


def change_text(change: Change | None) -> str:
    """A stated change: ``+19.2 % year over year``, ``−1,200,000 USD``.

    >>> change_text(Change(value=Decimal("19.2"), unit="percent", basis="year_over_year", start=0, end=1))
    '+19.2 % year over year'
    """
    if change is None:
        return ""
    sign = "+" if change.value > 0 else ""
    unit = {"percent": "%", "percentage_point": "pp", "multiple": "×"}.get(change.unit, change.unit)
    text = f"{sign}{number(change.value)} {unit}"
    if change.basis:
        text += " " + _BASIS.get(change.basis, change.basis)
    return text


def metric_text(fact: Fact) -> str:
    """The fact's metric id, ``(adjusted)`` when so, or ``unknown metric``."""
    return (fact.metric or "unknown metric") + (" (adjusted)" if fact.adjusted else "")


def details(m: Mention, fact: Fact | None) -> list[tuple[str, str]]:
    """The label/value lines shown when a mention is hovered or focused."""
    lines: list[tuple[str, str]] = [(m.type, value_text(m))]
    if m.type == "money" and m.currency:
        lines.append(("currency", m.currency))
    if m.type in ("money", "percent", "count") and m.decimals is not None:
        lines.append(("decimals", str(m.decimals)))
    if m.type == "period":
        label = " ".join(x for x in (m.fiscal_period, str(m.fiscal_year) if m.fiscal_year else None) if x)
        lines.append(("kind", ", ".join(x for x in (m.period_kind, label, "relative" if m.relative else None) if x)))
    if fact is not None:
        lines.append(("metric", metric_text(fact) + (f" of {fact.scope}" if fact.scope else "")))
        if fact.role != "value":
            lines.append(("role", fact.role))
        if fact.period is not None:
            lines.append(("period", fact_period(fact.period)))
        if fact.change is not None:
            lines.append(("change", change_text(fact.change)))
        lines.append(("fact", fact.id))
    lines.append(("rule", m.rule))
    return [(k, v) for k, v in lines if v]
