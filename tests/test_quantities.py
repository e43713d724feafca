"""Tables of the written forms finfacts must read, one readable id per case.

Each case is ``(text, expected mentions)``; the text runs through ``finfacts.extract`` (a
``spacy.blank("en")`` pipeline, no trained model). A case compares, in text order, every
money, percent, count and rank mention with the expected ones on the normalized fields
(value/low/high as Decimal, currency, unit, per, qualifier; ``decimals`` where the case
states it), checks that each mention overlaps the expected anchor text, and always checks
``text[m.start:m.end] == m.text``. Known gaps are strict xfails with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest

import finfacts

from .conftest import assert_offsets

ALL_TYPES = ("money", "percent", "count", "rank")
QUANTITY_TYPES = ("money", "percent", "count")


@dataclass(frozen=True)
class Want:
    """One expected mention: its type, a substring it must overlap, and its normalized fields."""

    type: str
    anchor: str
    fields: dict[str, Any] = field(default_factory=dict)
    decimals: int | None = None
    occurrence: int = 0

    def summary(self, with_decimals: bool) -> tuple[Any, ...]:
        keys = KEYS[self.type]
        out = (self.type, *(self.fields.get(k) for k in keys))
        return out + (self.decimals,) if with_decimals else out


KEYS = {
    "money": ("value", "low", "high", "currency", "per", "qualifier"),
    "percent": ("value", "low", "high", "unit", "qualifier"),
    "count": ("value", "low", "high", "unit", "qualifier"),
    "rank": ("value",),
}


def _d(x: str | None) -> Decimal | None:
    return None if x is None else Decimal(x)


def money(anchor: str, value: str | None = None, currency: str | None = "USD", *, low: str | None = None,
          high: str | None = None, per: str | None = None, qualifier: str | None = None,
          decimals: int | None = None, occurrence: int = 0) -> Want:
    fields = {"value": _d(value), "low": _d(low), "high": _d(high), "currency": currency, "per": per,
              "qualifier": qualifier}
    return Want("money", anchor, fields, decimals, occurrence)


def pct(anchor: str, value: str | None = None, unit: str = "percent", *, low: str | None = None,
        high: str | None = None, qualifier: str | None = None, decimals: int | None = None,
        occurrence: int = 0) -> Want:
    fields = {"value": _d(value), "low": _d(low), "high": _d(high), "unit": unit, "qualifier": qualifier}
    return Want("percent", anchor, fields, decimals, occurrence)


def pp(anchor: str, value: str, **kw: Any) -> Want:
    return pct(anchor, value, "percentage_point", **kw)


def count(anchor: str, value: str | None, unit: str, *, low: str | None = None, high: str | None = None,
          qualifier: str | None = None, decimals: int | None = None, occurrence: int = 0) -> Want:
    fields = {"value": _d(value), "low": _d(low), "high": _d(high), "unit": unit, "qualifier": qualifier}
    return Want("count", anchor, fields, decimals, occurrence)


def rank(anchor: str, value: int) -> Want:
    return Want("rank", anchor, {"value": value})


def case(id: str, text: str, *wants: Want, gap: str | None = None, currency: str | None = None) -> Any:
    """One table row; ``gap`` marks a known bug as a strict xfail; ``currency`` is default_currency."""
    marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
    return pytest.param(text, list(wants), currency, id=id, marks=marks)


def _summary(m: Any, with_decimals: bool) -> tuple[Any, ...]:
    out = (m.type, *(getattr(m, k, None) for k in KEYS[m.type]))
    return out + (getattr(m, "decimals", None),) if with_decimals else out


def _anchor_span(text: str, want: Want) -> tuple[int, int]:
    start = -1
    for _ in range(want.occurrence + 1):
        start = text.index(want.anchor, start + 1)
    return start, start + len(want.anchor)


def check(text: str, wants: list[Want], currency: str | None = None,
          types: tuple[str, ...] = ALL_TYPES) -> None:
    result = finfacts.extract(text, default_currency=currency)
    assert_offsets(text, result.mentions)
    got = [m for m in result.mentions if m.type in types]
    with_dec = [w.decimals is not None for w in wants]
    if len(got) == len(wants):
        assert [_summary(m, d) for m, d in zip(got, with_dec)] == [w.summary(d) for w, d in zip(wants, with_dec)]
    else:
        assert [(m.text, *_summary(m, False)) for m in got] == [(w.anchor, *w.summary(False)) for w in wants]
    for m, w in zip(got, wants):
        a, b = _anchor_span(text, w)
        assert m.start < b and a < m.end, f"{m.text!r} at {m.start}-{m.end} misses {w.anchor!r} at {a}-{b}"


# --------------------------------------------------------------------------- money: currencies

SYMBOLS = [
    case("dollar", "Revenue was $5 million in the quarter.", money("$5 million", "5000000")),
    case("us-dollar", "Revenue was US$5 million in the quarter.", money("US$5 million", "5000000")),
    case("us-dollar-spaced", "Revenue was US$ 5 million in the quarter.", money("US$ 5 million", "5000000")),
    case("canadian-dollar", "Revenue was C$5 million in the quarter.", money("C$5", "5000000", "CAD")),
    case("australian-dollar", "Revenue was A$5 million in the quarter.", money("A$5", "5000000", "AUD")),
    case("hong-kong-dollar", "Revenue was HK$4.5 billion in the quarter.", money("HK$4.5", "4500000000", "HKD")),
    case("hong-kong-dollar-glued-bn", "Buybacks cost HK$4.5bn in the year.", money("HK$4.5bn", "4500000000", "HKD")),
    case("singapore-dollar", "Revenue was S$5 million in the quarter.", money("S$5", "5000000", "SGD")),
    case("taiwan-dollar", "Revenue was NT$5 million in the quarter.", money("NT$5", "5000000", "TWD")),
    case("new-zealand-dollar", "Revenue was NZ$5 million in the quarter.", money("NZ$5", "5000000", "NZD")),
    case("brazilian-real", "Revenue was R$5 million in the quarter.", money("R$5", "5000000", "BRL")),
    case("euro-sign", "Revenue was €5 million in the quarter.", money("€5", "5000000", "EUR")),
    case("euro-sign-glued-m", "Capex was €5m in the quarter.", money("€5m", "5000000", "EUR")),
    case("pound-sign", "Revenue was £5 million in the quarter.", money("£5", "5000000", "GBP")),
    case("yen-sign", "Revenue was ¥5 million in the quarter.", money("¥5", "5000000", "JPY")),
    case("cn-yuan-sign", "Revenue was CN¥5 million in the quarter.", money("CN¥5", "5000000", "CNY")),
    case("jp-yen-sign", "Revenue was JP¥5 million in the quarter.", money("JP¥5", "5000000", "JPY")),
    case("rupee-sign", "Revenue was ₹35 crore in the quarter.", money("₹35", "350000000", "INR")),
    case("rupee-sign-spaced", "Revenue was ₹ 412.6 crore in the quarter.", money("₹ 412.6", "4126000000", "INR")),
    case("won-sign", "Revenue was ₩5 billion in the quarter.", money("₩5", "5000000000", "KRW")),
    case("rs", "Revenue was Rs 12 lakh in the quarter.", money("Rs 12", "1200000", "INR")),
    case("rs-dot", "The award was Rs. 2,35,000 in the quarter.", money("Rs. 2,35,000", "235000", "INR")),
    case("chf", "Revenue was CHF 412 million in the quarter.", money("CHF 412", "412000000", "CHF")),
]

ISO_CODES = [
    case("code-before-spaced", "Revenue was USD 500 million in the year.", money("USD 500", "500000000")),
    case("code-before-glued", "Revenue was USD500m in the year.", money("USD500m", "500000000")),
    case("code-before-glued-bn", "Revenue was EUR1.3bn in the year.", money("EUR1.3bn", "1300000000", "EUR")),
    case("code-before-spaced-bn", "Revenue was EUR 1.3bn in the year.", money("EUR 1.3bn", "1300000000", "EUR")),
    case("rmb-glued", "Revenue was RMB271.0 billion in the year.", money("RMB271.0", "271000000000", "CNY")),
    case("rmb-spaced", "Revenue was RMB 271.0 billion in the year.", money("RMB 271.0", "271000000000", "CNY")),
    case("rmb-capital-billion", "Revenue of RMB271.0 Billion was reported.", money("RMB271.0", "271000000000", "CNY")),
    case("gbp-glued-m", "Revenue was GBP 20m in the year.", money("GBP 20m", "20000000", "GBP")),
    case("jpy-bn", "Revenue was JPY 3.2bn in the year.", money("JPY 3.2bn", "3200000000", "JPY")),
    case("inr-million", "Revenue was INR 1,200 million in the year.", money("INR 1,200", "1200000000", "INR")),
    case("code-after", "Revenue was 500 million USD in the year.", money("500 million USD", "500000000")),
    case("code-after-glued", "The fee was 115USD in the year.", money("115USD", "115")),
    case("code-after-spaced", "The fee was 115 USD in the year.", money("115 USD", "115")),
]

CURRENCY_WORDS = [
    case("dollars", "The fee was 20 dollars in total.", money("20 dollars", "20")),
    case("euros", "The fine was 5 million euros in total.", money("5 million euros", "5000000", "EUR")),
    case("pounds", "The fine was 3 million pounds in total.", money("3 million pounds", "3000000", "GBP")),
    case("yen", "Sales were 50 billion yen in total.", money("50 billion yen", "50000000000", "JPY")),
    case("yuan", "Sales were 8 billion yuan in total.", money("8 billion yuan", "8000000000", "CNY")),
    case("renminbi", "Sales were 8 billion renminbi in total.", money("8 billion renminbi", "8000000000", "CNY")),
    case("rupees", "Sales were 900 million rupees in total.", money("900 million rupees", "900000000", "INR")),
    case("swiss-francs", "Sales were 20 million Swiss francs.", money("20 million", "20000000", "CHF")),
    case("francs", "Sales were 20 million francs in total.", money("20 million francs", "20000000", "CHF")),
    case("korean-won", "Sales were 2 billion Korean won in total.", money("2 billion", "2000000000", "KRW")),
    case("kenyan-shilling-glued", "Revenue rose to KSh12.4bn in 2024.", money("KSh12.4bn", "12400000000", "KES")),
    case("kenyan-shillings-word", "Sales were 12 million Kenyan shillings.", money("12 million", "12000000", "KES")),
    case("ugandan-shilling-code", "Deposits reached USh 4.5 billion.", money("USh 4.5", "4500000000", "UGX")),
    case("ghana-cedi-symbol", "Profit was GH₵ 2.5 million.", money("GH₵ 2.5", "2500000", "GHS")),
    case("won", "Sales reached 500 billion won in total.", money("500 billion won", "500000000000", "KRW"),
         gap="bare 'won' after a number is not read as KRW (only 'Korean won' and '₩' are)"),
    case("cents", "The dividend was 45 cents in total.", money("45 cents", "0.45")),
    case("pence", "The dividend was 45 pence in total.", money("45 pence", "0.45", "GBP")),
]

# --------------------------------------------------------------------------- money: numbers

SCALES = [
    case("thousand", "Revenue was $5 thousand in the quarter.", money("$5 thousand", "5000")),
    case("k", "Revenue was $5k in the quarter.", money("$5k", "5000")),
    case("million", "Revenue was $5 million in the quarter.", money("$5 million", "5000000")),
    case("m", "Revenue was $5m in the quarter.", money("$5m", "5000000")),
    case("M", "Revenue was $5M in the quarter.", money("$5M", "5000000")),
    case("mn", "Revenue was $5 mn in the quarter.", money("$5 mn", "5000000")),
    case("mln", "Revenue was $5 mln in the quarter.", money("$5 mln", "5000000")),
    case("MM", "Revenue was $5MM in the quarter.", money("$5MM", "5000000")),
    case("billion", "Revenue was $5 billion in the quarter.", money("$5 billion", "5000000000")),
    case("bn", "Revenue was $5bn in the quarter.", money("$5bn", "5000000000")),
    case("bln", "Revenue was $5 bln in the quarter.", money("$5 bln", "5000000000")),
    case("b", "Revenue was $5b in the quarter.", money("$5b", "5000000000")),
    case("trillion", "Revenue was $5 trillion in the quarter.", money("$5 trillion", "5000000000000")),
    case("tn", "Revenue was $5tn in the quarter.", money("$5tn", "5000000000000")),
    case("lakh", "Revenue was Rs 12 lakh in the quarter.", money("Rs 12 lakh", "1200000", "INR")),
    case("crore", "Revenue was ₹4.5 crore in the quarter.", money("₹4.5 crore", "45000000", "INR")),
    case("m-sentence-final", "Capital expenditure is expected at around EUR 150m.",
         money("EUR 150m", "150000000", "EUR", qualifier="approximately")),
    case("k-sentence-final", "The grant was $5k.", money("$5k", "5000")),
    case("abbreviation-a.m.-untouched", "The call starts at 9 a.m. Eastern; revenue was $7.3m.", money("$7.3m", "7300000")),
    case("bn-sentence-final", "Revenue was $5bn.", money("$5bn", "5000000000")),
]

SEPARATORS = [
    case("western-grouping", "Proceeds were $1,234,567.89 in cash.", money("$1,234,567.89", "1234567.89")),
    case("indian-grouping", "The award was Rs. 2,35,000 in cash.", money("2,35,000", "235000", "INR")),
    case("grouped-with-scale", "Revenue was $4,213 million for the year.", money("$4,213", "4213000000")),
    case("grouped-crore", "Revenue was ₹1,184.9 crore for the year.", money("₹1,184.9", "11849000000", "INR")),
]

NUMBER_WORDS = [
    case("five-million-dollars", "The fund holds five million dollars in cash.",
         money("five million dollars", "5000000")),
    case("about-five-million-dollars", "The fund holds about five million dollars in cash.",
         money("five million dollars", "5000000", qualifier="approximately")),
    case("half-a-billion-dollars", "The fund holds half a billion dollars in cash.",
         money("half a billion dollars", "500000000")),
    case("half-a-billion-euros", "The plan costs half a billion euros in total.",
         money("half a billion euros", "500000000", "EUR")),
    case("two-hundred-million-euros", "The plan costs two hundred million euros in total.",
         money("two hundred million euros", "200000000", "EUR")),
]

NEGATIVES = [
    case("parens-inside-symbol", "Net loss was $(12.5) million in the quarter.", money("$(12.5)", "-12500000")),
    case("parens-around", "Diluted EPS was ($0.72) in the quarter.", money("($0.72)", "-0.72", per="share")),
    case("parens-per-share", "Net loss per share was $(0.02) in the quarter.", money("$(0.02)", "-0.02", per="share")),
    case("hyphen-after-symbol", "Net loss was $-3.2 million in the quarter.", money("$-3.2", "-3200000")),
    case("en-dash-after-symbol", "Net loss was $–3.2 million in the quarter.", money("$–3.2", "-3200000")),
    case("hyphen-after-code", "Net loss was EUR -4.9m in the half.", money("EUR -4.9m", "-4900000", "EUR")),
    case("minus-sign-after-code", "Net loss was EUR −4.9 million in the half.", money("EUR −4.9", "-4900000", "EUR")),
    case("en-dash-after-code", "Net loss was EUR –4.9 million in the half.", money("EUR –4.9", "-4900000", "EUR")),
    case("hyphen-before-symbol", "Net loss was -$3.2 million in the quarter.", money("-$3.2", "-3200000")),
    case("minus-sign-before-symbol", "Net loss was −$3.2 million in the quarter.", money("−$3.2", "-3200000")),
    case("minus-in-parentheses-before-symbol", "Free cash flow was (-$0.5 million).", money("-$0.5", "-500000")),
    case("range-dash-is-no-minus", "Sales of $1.2-$1.4 million are expected.",
         money("$1.2-$1.4", None, low="1200000", high="1400000")),
    case("translation-not-negative", "Free cash flow was RMB12.3 billion (US$1.7 billion) in 2023.",
         money("RMB12.3", "12300000000", "CNY"), money("US$1.7", "1700000000")),
    case("comparative-after-a-period-not-negative",
         "Sales were stable at EUR 60.8 million compared to the same period last year (EUR 62 million).",
         money("EUR 60.8", "60800000", "EUR"), money("EUR 62", "62000000", "EUR")),
    case("label-for-the-year-keeps-negative", "Loss for the year (EUR 2.3 million) narrowed.",
         money("(EUR 2.3", "-2300000", "EUR")),
    case("word-negative", "Gross margin was negative $0.21 million a year ago.", money("$0.21", "-210000")),
    case("a-negative-impact-is-an-amount", "Currency had a negative $5 million impact.", money("$5", "5000000")),
    case("percent-hyphen", "Sales fell -3.2% in the year.", pct("-3.2%", "-3.2")),
    case("percent-minus-sign", "Sales fell −3.2% in the year.", pct("−3.2%", "-3.2")),
    case("percent-en-dash", "Sales fell –3.2% in the year.", pct("–3.2%", "-3.2")),
]

RANGES = [
    case("to", "Revenue is expected to be $500 million to $550 million.",
         money("$500 million to $550 million", low="500000000", high="550000000")),
    case("en-dash-shared-scale", "Revenue is expected to be $1.2–1.4 billion.",
         money("$1.2–1.4 billion", low="1200000000", high="1400000000")),
    case("between-and", "Capex is expected to be between $80 million and $85 million.",
         money("$80 million", low="80000000", high="85000000")),
    case("glued-codes", "Phones in the RMB4,000-RMB6,000 price band sold well.",
         money("RMB4,000-RMB6,000", low="4000", high="6000", currency="CNY")),
    case("spaced-hyphen-glued-m", "EBIT is expected at EUR 50.0 - 65.0m for the year.",
         money("EUR 50.0 - 65.0m", low="50000000", high="65000000", currency="EUR")),
    case("per-share-range", "EPS is expected to be $2.50 to $2.65 per share.",
         money("$2.50 to $2.65", low="2.50", high="2.65", per="share")),
    case("per-ounce-range", "AISC guidance was US$1,200 to US$1,275 per ounce.",
         money("US$1,200 to US$1,275", low="1200", high="1275", per="ounce")),
    case("from-to-is-two-values", "Operating income rose from $400 million to $500 million.",
         money("$400 million", "400000000"), money("$500 million", "500000000")),
    case("percent-range-both-signs", "Margin is expected at 22%–24% for the year.",
         pct("22%–24%", low="22", high="24")),
    case("percent-range-hyphen", "Margin is expected at 22%-24% for the year.", pct("22%-24%", low="22", high="24")),
    case("percent-range-to", "Margin is expected at 22% to 24% for the year.",
         pct("22% to 24%", low="22", high="24")),
    case("percent-range-shared-sign", "Growth of 2 to 2.5% is expected.", pct("2 to 2.5%", low="2", high="2.5")),
    case("percent-range-en-dash", "An adjusted EBITA margin of 13.0–13.5% is expected.",
         pct("13.0–13.5%", low="13.0", high="13.5")),
    case("percent-range-signed", "Organic growth of -2% to +1% is expected.", pct("-2% to +1%", low="-2", high="1")),
    case("count-range", "Production of 300,000 to 320,000 units is expected.",
         count("300,000 to 320,000 units", None, "unit", low="300000", high="320000")),
]

PER_UNIT = [
    case("per-diluted-share", "Non-GAAP EPS was $0.45 per diluted share.", money("$0.45", "0.45", per="share")),
    case("per-share", "The board declared a dividend of $0.52 per share.", money("$0.52", "0.52", per="share")),
    case("us-per-diluted-share", "Net income was US$0.45 per diluted share.", money("US$0.45", "0.45", per="share")),
    case("a-share", "The buyer offered $98 a share in cash.", money("$98", "98", per="share")),
    case("eps-before", "Diluted EPS was $0.45 in the quarter.", money("$0.45", "0.45", per="share")),
    case("per-ounce", "All-in sustaining costs were US$1,185 per ounce.", money("US$1,185", "1185", per="ounce")),
    case("per-ounce-sold", "All-in sustaining costs were US$1,185 per ounce sold.", money("US$1,185", "1185", per="ounce")),
    case("per-share-then-more-words", "EPS was $0.45, compared with $0.38 per diluted share a year earlier.",
         money("$0.45", "0.45", per="share"), money("$0.38", "0.38", per="share")),
    case("no-per-for-totals", "Net income was $35.1 million in the quarter.", money("$35.1", "35100000")),
    case("per-share-through", "It issued shares at C$3.55 per share through a syndicate.",
         money("C$3.55", "3.55", "CAD", per="share")),
]

QUALIFIERS = [
    case("approximately", "Revenue was approximately $5 million.", money("$5", "5000000", qualifier="approximately")),
    case("about", "Revenue was about $5 million in total.", money("$5", "5000000", qualifier="approximately")),
    case("roughly", "Revenue was roughly $5 million in total.", money("$5", "5000000", qualifier="approximately")),
    case("nearly", "Revenue was nearly $5 million in total.", money("$5", "5000000", qualifier="approximately")),
    case("over", "Revenue was over $5 million in total.", money("$5", "5000000", qualifier="more_than")),
    case("more-than", "Revenue was more than $5 million in total.", money("$5", "5000000", qualifier="more_than")),
    case("in-excess-of", "Customers with ARR in excess of $100,000 grew.",
         money("$100,000", "100000", qualifier="more_than")),
    case("exceeded", "Revenue exceeded $5 million in total.", money("$5", "5000000", qualifier="more_than")),
    case("at-least", "The board expects at least $0.46 per share.",
         money("$0.46", "0.46", per="share", qualifier="at_least")),
    case("up-to", "The board approved buying back up to $150 million of stock.",
         money("$150", "150000000", qualifier="at_most")),
    case("less-than", "Churn cost less than $5 million in total.", money("$5", "5000000", qualifier="less_than")),
    case("percent-nearly", "Nearly 60% of bookings came from new logos.", pct("60%", "60", qualifier="approximately")),
    case("count-more-than", "The mill employs more than 5,000 weavers in total.",
         count("5,000 weavers", "5000", "weaver", qualifier="more_than")),
    case("count-approximately", "Aurora shipped approximately 145.6 million units.",
         count("145.6 million units", "145600000", "unit", qualifier="approximately")),
    case("or-more-after", "Phones priced at RMB3,000 or more sold well.",
         money("RMB3,000", "3000", "CNY", qualifier="at_least")),
    case("or-less-after", "Churn was 2% or less in every month.", pct("2%", "2", qualifier="at_most")),
    case("or-fewer-after", "Stores with 20 employees or fewer were closed.",
         count("20 employees", "20", "employee", qualifier="at_most")),
    case("and-above-after", "Accounts with $100,000 and above in deposits grew.",
         money("$100,000", "100000", qualifier="at_least")),
    case("or-more-than-is-a-comparison", "Revenue of $5 million or more than double the plan.", money("$5 million", "5000000")),
    case("no-qualifier", "Revenue was $5 million in total.", money("$5", "5000000")),
]

NEIGHBOURS = [
    case("money-and-count", "The pilot brought in $6.2 million and 3 new customers.",
         money("$6.2 million", "6200000"), count("3 new customers", "3", "customer")),
    case("list-of-amounts", "Apparel contributed $2.1 billion, Home $1.3 billion and Beauty $0.7 billion.",
         money("$2.1", "2100000000"), money("$1.3", "1300000000"), money("$0.7", "700000000")),
    case("amount-and-amount-not-range", "Revenue was $1.2 billion and $1.4 billion in the two years.",
         money("$1.2", "1200000000"), money("$1.4", "1400000000")),
    case("money-then-percent", "Revenue of $5 million, up 12% year-on-year.",
         money("$5 million", "5000000"), pct("12%", "12")),
    case("percent-and-percent-not-range", "Margins of 12% and 15% were reported.", pct("12%", "12"), pct("15%", "15")),
    case("exchange-rate", "Translated at RMB7.0999 to US$1.00 for convenience.",
         money("RMB7.0999", "7.0999", "CNY"), money("US$1.00", "1.00")),
    case("count-then-count", "We employ 6,850 employees and run 640 air-jet looms.",
         count("6,850 employees", "6850", "employee"), count("640 air-jet looms", "640", "loom")),
]

# --------------------------------------------------------------------------- percentages

PERCENTAGES = [
    case("sign", "Margin was 12.5% in the quarter.", pct("12.5%", "12.5")),
    case("percent", "Margin was 12.5 percent in the quarter.", pct("12.5 percent", "12.5")),
    case("per-cent", "Margin was 12.5 per cent in the quarter.", pct("12.5 per cent", "12.5")),
    case("pct", "Margin was 12.5 pct in the quarter.", pct("12.5 pct", "12.5")),
    case("over-hundred", "Adjusted net profit rose 126.3% in the year.", pct("126.3%", "126.3")),
    case("plus-sign", "Orders grew +1.4% in the half.", pct("+1.4%", "1.4")),
    case("bps", "Gross margin rose 50 bps in the year.", pp("50 bps", "0.5")),
    case("bps-glued", "Gross margin rose 150bps in the year.", pp("150bps", "1.5")),
    case("basis-points", "Operating margin rose 120 basis points in the year.", pp("120 basis points", "1.2")),
    case("percentage-points", "Retention rose 2.3 percentage points in the year.", pp("2.3 percentage points", "2.3")),
    case("pp-glued-signed", "EBITA margin moved +0.6pp in the half.", pp("+0.6pp", "0.6")),
    case("pp-spaced-negative", "EBITA margin moved -0.8 pp in the half.", pp("-0.8 pp", "-0.8")),
    case("word-five-percent", "Growth was five percent in the year.", pct("five percent", "5")),
    case("change-words-keep-sign", "Revenue declined 3.2% in the year.", pct("3.2%", "3.2")),
]

# --------------------------------------------------------------------------- counts

COUNTS = [
    case("shared-out-of-these", "Of these sites, ten are in the U.S., six are in Ethiopia and one is in Paraguay.",
         count("ten", "10", "site"), count("six", "6", "site"), count("one", "1", "site")),
    case("shared-out-of-the-n", "Of the 20 stores, 12 are in Texas and eight are in Ohio.",
         count("20 stores", "20", "store"), count("12", "12", "store"), count("eight", "8", "store")),
    case("units-scaled", "Aurora shipped 145.6 million units in 2023.", count("145.6 million units", "145600000", "unit")),
    case("personnel-with-modifier", "The Group had 17,800 R&D personnel at year-end.",
         count("17,800 R&D personnel", "17800", "personnel")),
    case("stores", "The chain ended the year with 1,250 stores in total.", count("1,250 stores", "1250", "store")),
    # a number without its noun takes the one of the clause it parallels, or of the figure it is compared with
    case("elliptical-and-closed", "Harborline opened 42 new stores and closed 17 during the year.",
         count("42 new stores", "42", "store"), count("17", "17", "store")),
    case("elliptical-and-lost", "Acme hired 120 engineers and lost 15.", count("120 engineers", "120", "engineer"),
         count("15", "15", "engineer")),
    case("noun-first-skips-a-noun-counted-by-its-own-number", "Users with at least five Aurora devices totaled 14.2 million.",
         count("five Aurora devices", "5", "device", qualifier="at_least"), count("14.2 million", "14200000", "user")),
    case("noun-first-falls-back-to-a-counted-noun", "While only 12 industries were covered in 2022, this number had increased to 28.",
         count("12 industries", "12", "industry"), count("28", "28", "industry")),
    case("noun-first-prior-after-a-count-noun", "The chain grew to 1,250 stores from 1,090.",
         count("1,250 stores", "1250", "store"), count("1,090", "1090", "store")),
    case("of-them", "The group has 12,400 employees, 3,150 of them in Switzerland.",
         count("12,400 employees", "12400", "employee"), count("3,150", "3150", "employee")),
    case("of-which-scaled", "We have 4.1 million subscribers, 1.2 million of which are in Europe.",
         count("4.1 million subscribers", "4100000", "subscriber"), count("1.2 million", "1200000", "subscriber")),
    case("noun-first-prior-after-a-number", "Active users rose to 4.1 million from 3.5 million.",
         count("4.1 million", "4100000", "user"), count("3.5 million", "3500000", "user")),
    case("noun-first-prior-after-a-count", "Stores increased to 1,250 from 1,090.", count("1,250", "1250", "store"),
         count("1,090", "1090", "store")),
    case("well-as-an-adverb", "NPS improved to well over 70, while the company drilled 12 wells.",
         count("12 wells", "12", "well")),
    case("quoted-noun", 'More than 260,000 "digital towers" now serve 10 industries.',
         count('260,000 "digital towers"', "260000", "tower", qualifier="more_than"),
         count("10 industries", "10", "industry")),
    case("employees", "The group had about 12,400 employees at the end of June.",
         count("12,400 employees", "12400", "employee", qualifier="approximately")),
    case("number-word", "The group closed two sites in the half.", count("two sites", "2", "site")),
    case("number-words-hundred-and", "Crews opened a hundred and two stores in the year.",
         count("a hundred and two stores", "102", "store")),
    case("shares", "The Company repurchased 1.1 million common shares in the year.",
         count("1.1 million common shares", "1100000", "share")),
    case("noun-before-reaching", "IoT grew, with the number of connected devices reaching 739.7 million at year-end.",
         count("739.7 million", "739700000", "device")),
    case("noun-before-grew-to", "Subscribers grew 18% to 4.1 million in the quarter.",
         pct("18%", "18"), count("4.1 million", "4100000", "subscriber")),
    case("noun-before-from", "Active members rose to 21.5 million, up 8% from 19.9 million.",
         count("21.5 million", "21500000", "member"), pct("8%", "8"), count("19.9 million", "19900000", "member")),
    case("noun-before-up-from", "Registered users increased by 75.3% to 455,764, up from 259,929 a year ago.",
         pct("75.3%", "75.3"), count("455,764", "455764", "user"), count("259,929", "259929", "user")),
    case("ounces", "Gold production was 312,000 ounces in 2023.", count("312,000 ounces", "312000", "ounce")),
    case("organizations", "The company helps over 9,000 organizations plan shifts.",
         count("9,000 organizations", "9000", "organization", qualifier="more_than")),
    case("head-noun-not-modifier", "We signed 60 new enterprise logos this quarter.",
         count("60 new enterprise logos", "60", "logo")),
    case("segments", "The group reports in three segments.", count("three segments", "3", "segment")),
    # a number that could be a year, right before a count noun in lower case, counts things
    case("year-like-number-of-employees", "The plant has 2000 employees.", count("2000 employees", "2000", "employee")),
    case("year-like-number-of-stores", "It opened 2019 stores by year end.", count("2019 stores", "2019", "store")),
]

# --------------------------------------------------------------------------- not quantities

NOT_QUANTITIES = [
    # regressions: a number with its own unit of measure counts nothing named before it
    case("megawatts-after-count-link", "Capacity reached 556 megawatts across 17 sites, compared to 339 MW last year.",
         count("17 sites", "17", "site")),
    case("litres-after-count-link", "The center will have about 50 donor beds and a capacity of about 50,000 liters.",
         count("50 donor beds", "50", "bed", qualifier="approximately")),
    case("year", "The plant opened in 2023."),
    case("fiscal-year", "Guidance for fiscal 2025 will follow."),
    # ... unless a word that names years stands before it, or the noun starts a name
    case("year-before-count-noun", "In 2000 customers bought more than ever."),
    case("year-before-named-plan", "The 2024 Employee Stock Plan was approved."),
    case("us-date", "The plant opened on March 31, 2024."),
    case("eu-date", "The group reported on 25 July 2024 in Zug."),
    case("dotted-date", "Net debt at 30.06.2024 fell."),
    case("iso-date", "Published 2024-08-06 by the company."),
    case("time-pm", "The call starts at 2pm Eastern."),
    case("time-colon", "The call starts at 5:00 p.m. ET today."),
    case("ordinal", "This is our 11th consecutive quarter of growth."),
    case("ordinal-rd", "It is the 3rd plant in the region."),
    case("phone-international", "Call +1 206-555-0100 for details."),
    case("phone-parens", "Dial (877) 555-0123 to join the call."),
    case("phone-spaced", "Media enquiries: +86 10 5555 0199."),
    case("ticker", "Northwind Software (NASDAQ: NWSW) reported results."),
    case("numeric-stock-code", "Aurora Devices Group Limited (HKEX: 9917) reported results."),
    case("form-10k", "See our Annual Report on Form 10-K for details."),
    case("form-8k-item", "This release is furnished under Item 2.02 of Form 8-K."),
    case("exhibit", "Exhibit 99.1 is attached to this filing."),
    case("footnote-glued", "Adjusted EBITDA(1) improved in the quarter."),
    case("footnote-spaced", "Adjusted EBITDA (1) improved in the quarter."),
    case("passcode", "Use passcode 482917 to join the webcast."),
    case("quarter-label", "Results for Q3 2024 and H1 2024 were strong."),
    case("fiscal-label", "In Q3 FY26 the mill ran well."),
    case("weeks-duration", "Fiscal 2023 included 53 weeks."),
    case("months-duration", "The project took roughly five months."),
    case("one-time", "The one-time charge was booked."),
    case("index-name", "The S&P 500 rose in the session."),
    case("exchange-six", "Shares trade on the SIX Swiss Exchange."),
    case("url", "Slides are at https://ir.example/q2-2024.pdf online."),
    case("zip-code", "The office is in Seattle, WA 98109."),
    case("from-not-a-comparative", "The 1,200 units run hot enough to enable from 50 to 80% of heat to flow.",
         count("1,200 units", "1200", "unit"), pct("80%", "80")),
    case("street-address", "The company is headquartered at 1200 Westlake Avenue North, Suite 400, Seattle."),
    case("street-address-office", "The office is at 1200 Fifth Avenue, Seattle.",
         gap="'The office is at 1200 Fifth Avenue' is read as a count of 1200 offices"),
]

RANKS = [
    case("no-2", "Its wearables ranked No. 2 by shipments.", rank("No. 2", 2)),
    case("no-1", "The brand ranked No. 1 globally.", rank("No. 1", 1)),
    case("third-largest", "Aurora is the world's third-largest smartphone brand.", rank("third-largest", 3)),
    case("second-largest", "It is the second-largest lender in Canada.", rank("second-largest", 2)),
    case("no-2-before-noun", "Aurora is the No. 2 brand in China.", rank("No. 2", 2)),
    case("hash-1-before-noun", "Aurora is the #1 supplier of tablets.", rank("#1", 1)),
]

# --------------------------------------------------------------------------- precision, default currency

DECIMALS = [
    case("billion-one-decimal", "Revenue was RMB271.0 billion in 2023.", money("RMB271.0", "271000000000", "CNY", decimals=-8)),
    case("grouped-million", "Revenue was $4,213 million for the year.", money("$4,213", "4213000000", decimals=-6)),
    case("cents", "Non-GAAP EPS was $0.45 per diluted share.", money("$0.45", "0.45", per="share", decimals=2)),
    case("crore", "Net profit was ₹ 35 crore for the quarter.", money("₹ 35", "350000000", "INR", decimals=-7)),
    case("lakh", "The award was Rs 12 lakh in cash.", money("Rs 12", "1200000", "INR", decimals=-5)),
    case("range-shared", "Revenue is expected to be $1.2–1.4 billion.",
         money("$1.2", low="1200000000", high="1400000000", decimals=-8)),
    case("percent-one-decimal", "Margin was 12.5% in the quarter.", pct("12.5%", "12.5", decimals=1)),
    case("percent-trailing-zero", "Margin was 28.0% in the quarter.", pct("28.0%", "28.0", decimals=1)),
    case("bps-in-points", "Gross margin rose 50 bps in the year.", pp("50 bps", "0.5", decimals=2)),
    case("count-scaled", "Aurora shipped 145.6 million units in 2023.",
         count("145.6 million units", "145600000", "unit", decimals=-5)),
    case("count-plain", "The Group had 17,800 R&D personnel at year-end.",
         count("17,800 R&D personnel", "17800", "personnel", decimals=0)),
]

DEFAULT_CURRENCY = [
    case("bare-dollar-is-default", "Revenue was $5 million in the quarter.", money("$5", "5000000", "CAD"), currency="CAD"),
    case("us-dollar-stays-usd", "Revenue was US$5 million in the quarter.", money("US$5", "5000000", "USD"), currency="CAD"),
    case("c-dollar-is-cad", "Revenue was C$5 million in the quarter.", money("C$5", "5000000", "CAD"), currency="CAD"),
    case("hk-dollar-stays-hkd", "Revenue was HK$5 million in the quarter.", money("HK$5", "5000000", "HKD"), currency="CAD"),
    case("euro-unaffected", "Revenue was €5 million in the quarter.", money("€5", "5000000", "EUR"), currency="CAD"),
    case("mixed", "Net income was $148.6 million; AISC was US$1,185 per ounce.",
         money("$148.6", "148600000", "CAD"), money("US$1,185", "1185", "USD", per="ounce"), currency="CAD"),
    case("lowercase-code", "Revenue was $5 million in the quarter.", money("$5", "5000000", "CAD"), currency="cad"),
    case("dollars-word-is-default", "The fund holds five million dollars in cash.",
         money("five million dollars", "5000000", "CAD"), currency="CAD"),
    case("no-default-is-usd", "Revenue was $5 million in the quarter.", money("$5", "5000000", "USD")),
]


@pytest.mark.parametrize("text,wants,currency", SYMBOLS + ISO_CODES + CURRENCY_WORDS)
def test_quantities_money_currency(text: str, wants: list[Want], currency: str | None) -> None:
    check(text, wants, currency)


@pytest.mark.parametrize("text,wants,currency", SCALES + SEPARATORS + NUMBER_WORDS)
def test_quantities_money_number(text: str, wants: list[Want], currency: str | None) -> None:
    check(text, wants, currency)


@pytest.mark.parametrize("text,wants,currency", NEGATIVES)
def test_quantities_negative(text: str, wants: list[Want], currency: str | None) -> None:
    check(text, wants, currency)


@pytest.mark.parametrize("text,wants,currency", RANGES)
def test_quantities_range(text: str, wants: list[Want], currency: str | None) -> None:
    check(text, wants, currency)


@pytest.mark.parametrize("text,wants,currency", PER_UNIT)
def test_quantities_per_unit(text: str, wants: list[Want], currency: str | None) -> None:
    check(text, wants, currency)


@pytest.mark.parametrize("text,wants,currency", QUALIFIERS)
def test_quantities_qualifier(text: str, wants: list[Want], currency: str | None) -> None:
    check(text, wants, currency)


@pytest.mark.parametrize("text,wants,currency", NEIGHBOURS)
def test_quantities_neighbours_not_merged(text: str, wants: list[Want], currency: str | None) -> None:
    check(text, wants, currency)


@pytest.mark.parametrize("text,wants,currency", PERCENTAGES)
def test_quantities_percent(text: str, wants: list[Want], currency: str | None) -> None:
    check(text, wants, currency)


@pytest.mark.parametrize("text,wants,currency", COUNTS)
def test_quantities_count(text: str, wants: list[Want], currency: str | None) -> None:
    check(text, wants, currency)


@pytest.mark.parametrize("text,wants,currency", NOT_QUANTITIES)
def test_quantities_not_a_quantity(text: str, wants: list[Want], currency: str | None) -> None:
    check(text, wants, currency, types=QUANTITY_TYPES)


@pytest.mark.parametrize("text,wants,currency", RANKS)
def test_quantities_rank(text: str, wants: list[Want], currency: str | None) -> None:
    check(text, wants, currency)


@pytest.mark.parametrize("text,wants,currency", DECIMALS)
def test_quantities_decimals(text: str, wants: list[Want], currency: str | None) -> None:
    check(text, wants, currency)


@pytest.mark.parametrize("text,wants,currency", DEFAULT_CURRENCY)
def test_quantities_default_currency(text: str, wants: list[Want], currency: str | None) -> None:
    check(text, wants, currency)


@pytest.mark.parametrize("code", ["US", "DOLLAR", "12", "", "usd1"])
def test_quantities_bad_default_currency_raises(code: str) -> None:
    with pytest.raises(finfacts.FinfactsError, match="E006"):
        finfacts.extract("Revenue was $5 million.", default_currency=code)


def test_quantities_non_str_raises() -> None:
    with pytest.raises(finfacts.FinfactsError, match="E004"):
        finfacts.extract(b"Revenue was $5 million.")  # type: ignore[arg-type]


def test_quantities_max_chars_raises() -> None:
    with pytest.raises(finfacts.FinfactsError, match="E007"):
        finfacts.extract("Revenue was $5 million. " * 10, max_chars=100)


def test_quantities_mentions_in_text_order_with_ids() -> None:
    text = "Revenue of $5 million, up 12%, with 1,250 stores; it ranked No. 2 globally."
    mentions = finfacts.extract(text).mentions
    assert [m.type for m in mentions] == ["money", "percent", "count", "rank"]
    assert len({m.id for m in mentions}) == len(mentions)
    assert all(m.rule for m in mentions)
