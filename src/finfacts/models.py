"""The typed results: frozen pydantic models whose JSON form is the evaluation contract.

Values are exact :class:`~decimal.Decimal` numbers in full units, serialized to JSON as
plain decimal strings (``"271000000000"``, never ``"2.71E+11"``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

Qualifier = Literal["approximately", "more_than", "at_least", "less_than", "at_most"]


def _plain(d: Decimal) -> str:
    """Render a Decimal without exponent or trailing zeros.

    >>> _plain(Decimal("271.0E9")), _plain(Decimal("-1200000.00")), _plain(Decimal("0.450"))
    ('271000000000', '-1200000', '0.45')
    """
    text = format(d.normalize(), "f")
    return "0" if text in ("-0", "0") else text


Dec = Annotated[Decimal, PlainSerializer(_plain, return_type=str, when_used="json")]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _MentionBase(_Model):
    id: str = Field(description="Identifier of the mention within its extraction, e.g. 'm3'.")
    text: str = Field(description="The surface exactly as written: input[start:end] == text.")
    start: int = Field(ge=0, description="Character offset of the first character.")
    end: int = Field(ge=0, description="Character offset just past the last character.")
    rule: str = Field(description="Id of the pattern that found it, e.g. 'money.prefix'.")
    qualifier: Qualifier | None = Field(
        default=None, description="Approximation or bound stated next to the figure."
    )
    qualifier_text: str | None = Field(
        default=None, description="The words that gave the qualifier ('nearly', 'in excess of')."
    )


class _Valued(_MentionBase):
    value: Dec | None = Field(default=None, description="The figure in full units; null for a range.")
    low: Dec | None = Field(default=None, description="Lower end of a range.")
    high: Dec | None = Field(default=None, description="Upper end of a range.")
    decimals: int | None = Field(
        default=None,
        description="XBRL-style precision the text states: RMB271.0 billion -> -8, 12.5% -> 1.",
    )


class Money(_Valued):
    """An amount of money: ``RMB271.0 billion``, ``$(1.2) million``, ``US$0.45``."""

    type: Literal["money"] = "money"
    currency: str | None = Field(default=None, description="ISO 4217 code.")
    per: str | None = Field(default=None, description="What one amount is per: 'share', 'kilowatt hour'.")
    translation_of: str | None = Field(
        default=None, description="Id of the mention this one translates: RMB12.3 billion (US$1.7 billion)."
    )


class Percent(_Valued):
    """A percentage or a change in percentage points (``50 bps`` is 0.5 percentage_point)."""

    type: Literal["percent"] = "percent"
    unit: Literal["percent", "percentage_point"] = "percent"


class Count(_Valued):
    """A number of things: ``145.6 million units``, ``17,800 R&D personnel``."""

    type: Literal["count"] = "count"
    unit: str | None = Field(default=None, description="The counted noun, lowercase singular.")


class Rank(_MentionBase):
    """A position in a ranking: ``No. 2``, ``third-largest``."""

    type: Literal["rank"] = "rank"
    value: int = Field(description="1 for first, 2 for second...")


class Period(_MentionBase):
    """A period or an instant: ``third quarter of fiscal 2024``, ``as of December 31, 2023``."""

    type: Literal["period"] = "period"
    period_start: dt.date | None = Field(default=None, description="First day, inclusive; null if unknowable.")
    period_end: dt.date | None = Field(default=None, description="Last day, inclusive; equal to start for an instant.")
    period_kind: str | None = Field(default=None, description="year, quarter, half, nine_months, month, instant, span, ytd, ttm...")
    fiscal_year: int | None = Field(default=None, description="The fiscal year a fiscal label names (FY24 -> 2024).")
    fiscal_period: str | None = Field(default=None, description="FY, Q1-Q4, H1, H2, 9M.")
    relative: bool = Field(default=False, description="Named relative to the release ('the prior-year period').")


class Basis(_MentionBase):
    """What a change is measured against: ``year-on-year``, ``sequentially``."""

    type: Literal["basis"] = "basis"
    basis: Literal["year_over_year", "quarter_over_quarter", "half_over_half"]


Mention = Annotated[Union[Money, Percent, Count, Rank, Period, Basis], Field(discriminator="type")]


class Change(_Model):
    """A stated change of a figure: "up 19.2% year-on-year", "increased $1.2 million"."""

    value: Dec = Field(description="Signed: negative for a fall. Percent or percentage points, or money.")
    unit: str = Field(description="'percent', 'percentage_point', 'multiple' or an ISO currency for absolute changes.")
    direction: Literal["up", "down", "flat"] | None = None
    basis: str | None = Field(default=None, description="year_over_year, quarter_over_quarter...")
    absolute: Dec | None = Field(default=None, description="The change as an amount when one is stated too.")
    start: int
    end: int
    mention_id: str | None = None


class Relation(_Model):
    """A typed link from one fact to another, for the checks."""

    type: Literal["prior_of", "share_of", "part_of", "translation_of", "change_of"]
    target: str = Field(description="Id of the related fact.")
    mention_id: str | None = None


class FactPeriod(_Model):
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    source: Literal["sentence", "section", "document", "prior", "table"] = "sentence"
    fiscal_year: int | None = Field(default=None, description="The fiscal label when the dates are unknown (FY24).")
    fiscal_period: str | None = None


class Fact(_Model):
    """A figure tied to what it measures, its period, its scope and its change."""

    id: str = Field(description="Identifier within the extraction, e.g. 'f3'.")
    metric: str | None = Field(default=None, description="Canonical metric id (us-gaap name where one exists).")
    metric_text: str | None = None
    metric_start: int | None = None
    metric_end: int | None = None
    adjusted: bool = Field(default=False, description="Adjusted / non-GAAP / underlying: not the GAAP twin.")
    scope: str | None = Field(default=None, description="Segment, product line or region the figure is restricted to.")
    role: Literal["value", "prior", "share", "change", "guidance"] = Field(
        default="value",
        description="value: the figure of its period; prior: a comparative; share: X% of a whole; "
        "change: a change stated without its level ('ASP increased by over 19%').",
    )
    value: Mention
    period: FactPeriod | None = None
    change: Change | None = None
    relations: list[Relation] = Field(default_factory=list)
    mention_ids: list[str] = Field(default_factory=list)
    source: Literal["prose", "table"] = Field(default="prose", description="Read from a sentence or from a table cell.")
    cell: TableCell | None = Field(default=None, description="For a table fact: the table, row and column it sits in.")


class TableCell(_Model):
    """Where a table fact sits: its table, row and column, and the cell's offsets."""

    table: int = Field(description="Index of the table in Extraction.tables.")
    title: str | None = None
    row: int = Field(description="Index of the row in its table.")
    row_label: str | None = None
    column: int = Field(description="Index of the figure column (0 is the first column after the labels).")
    column_header: str | None = None
    start: int
    end: int


class TableColumn(_Model):
    """A figure column: its heading, and the period it reports or the change it states."""

    index: int
    header: str
    kind: Literal["period", "change", "change_percent", "other"]
    period_start: dt.date | None = None
    period_end: dt.date | None = None


class TableRow(_Model):
    """A row of a table as read: its label, its metric, and its place in the statement."""

    index: int
    label: str | None = None
    start: int
    end: int
    kind: Literal["values", "section", "unread"] = Field(
        description="values: a row of figures; section: a heading such as 'Current assets:'; unread: figures "
        "that could not be put in columns.")
    metric: str | None = None
    total: bool = Field(default=False, description="A total or subtotal ('Total current assets', 'Net cash ...').")
    section: int | None = Field(default=None, description="Index of the nearest heading row above it.")


class Table(_Model):
    """A table of a release: where it is, what it declares, its columns and rows."""

    index: int
    title: str | None = None
    form: Literal["grid", "aligned", "flat", "vertical"]
    start: int
    end: int
    scale: Dec = Field(description="The declared multiplier: 1000 for '(in thousands)'.")
    scale_text: str | None = None
    currency: str | None = None
    columns: list[TableColumn] = Field(default_factory=list)
    rows: list[TableRow] = Field(default_factory=list)


class DeclaredScale(_Model):
    """A scale a release declares once: "(in millions, except per share data)"."""

    start: int
    end: int
    multiplier: Dec
    text: str


class ReportingPeriod(_Model):
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    fiscal_year: int | None = None
    fiscal_period: str | None = None


class DocumentContext(_Model):
    """What the release states once for all its figures."""

    reference_date: dt.date | None = Field(default=None, description="Release date (caller's or dateline).")
    fiscal_year_end: str | None = Field(default=None, description="'MM-DD' when known (caller's or stated).")
    reporting_period: ReportingPeriod | None = None
    currency: str | None = Field(default=None, description="What a bare $ (or ¥, £, 'dollars') stands for.")
    currency_source: str | None = Field(default=None, description="The words that settled the currency.")
    scales: list[DeclaredScale] = Field(default_factory=list)
    issuer: str | None = Field(default=None, description="The company the release is from, by its stock listing.")
    ticker: str | None = Field(default=None, description="Its ticker: 'NWSW' from '(NASDAQ: NWSW)'.")


class Extraction(_Model):
    """Everything finfacts found in one text."""

    text: str = Field(description="The text all offsets refer to.", repr=False)
    context: DocumentContext = Field(default_factory=DocumentContext)
    mentions: list[Mention] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list, description="The tables read, in text order.")

    def by_type(self, kind: str) -> list[Mention]:
        """The mentions of one type ('money', 'percent', 'count', 'rank')."""
        return [m for m in self.mentions if m.type == kind]

    def _repr_html_(self) -> str:
        """The marked-up text, facts and findings, for Jupyter."""
        from .render import render_extraction

        return render_extraction(self, standalone=False)


class Finding(_Model):
    """One consistency check applied to facts of one or more releases."""

    rule: str = Field(description="The check's id, e.g. 'share_of'.")
    status: Literal["fail", "warn", "pass"]
    message: str = Field(description="One sentence with the arithmetic.")
    spans: list[tuple[int, int]] = Field(default_factory=list, description="[start, end] of the mentions involved.")
    fact_ids: list[str] = Field(default_factory=list)
    document: int | None = Field(default=None, description="Index of the release in a multi-release check.")


class Report(_Model):
    """The findings of :func:`finfacts.check`."""

    findings: list[Finding] = Field(default_factory=list)

    @property
    def failed(self) -> list[Finding]:
        """The findings whose status is ``fail``, in report order."""
        return [f for f in self.findings if f.status == "fail"]

    @property
    def ok(self) -> bool:
        """True when no check failed."""
        return not self.failed

    def _repr_html_(self) -> str:
        """The findings as a table, for Jupyter."""
        from .render import render_report

        return render_report(self)
