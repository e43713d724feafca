"""Turn a matched span (a list of tokens plus the rule that matched) into normalized values.

These functions know nothing of spaCy: they take :class:`Tok` tuples so they can be tested
and reused alone. The spaCy normalizer component only converts tokens and calls them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, NamedTuple

from ..resources import Lexicon
from .numerals import Number, apply_scale, parse_digits, parse_words
from .periods import PeriodValue, resolve, shift_reporting

DASHES = {"-", "–", "—", "−", "~"}
CONNECTORS = DASHES | {"to", "and"}
PCT_WORDS = {"%", "percent", "percents", "pct", "pct.", "percentage", "per-cent", "℅", "cent"}
BPS_WORDS = {"bps", "bp", "bpts", "bpt", "bsp", "basis"}
PP_WORDS = {"pp", "ppt", "ppts", "p.p.", "p.p", "pps", "pp.", "%pts", "%-pts", "%pt", "point", "points", "pts", "pt"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10, "top": 1}
GLUED_ONLY_MINOR = {"c", "p", "ct", "cts"}
# words before "from" that make the figure after it the prior of a count ("users ... up from 259,929")
FROM_CHANGE = {"up", "down", "increase", "increased", "decrease", "decreased", "rose", "grew", "fell", "declined",
               "compared", "growth", "rising", "falling", "higher", "lower", "expanded", "climbed", ",", "%"}
# units of measure a number may carry where a count's noun would stand ("339 MW", "1,200 tonnes")
MEASURE_UNITS = {"megawatts", "megawatt", "gigawatts", "gigawatt", "kilowatts", "tonnes", "tons", "barrels", "ounces",
                 "kilometres", "kilometers", "miles", "hectares", "acres", "litres", "liters", "gallons", "feet",
                 "metres", "meters", "degrees", "percent", "hours", "days", "weeks", "months", "years"}
OF_THESE = {"these", "those", "the", "its", "our", "which"}  # "Of these sites, ten are ..."
COUNT_BOUNDARY = {".", ";", "!", "?", ":", "•", "●", "|", "*"}


RANK_SIGNS = {"no.", "no", "nr.", "#"}


class Tok(NamedTuple):
    """A token as the parsers see it."""

    text: str
    idx: int  # character offset
    ws: bool  # whitespace follows


@dataclass
class Parsed:
    """One normalized quantity, before it becomes a pydantic model."""

    kind: str  # money | percent | count | rank
    start: int  # token index into the span's tokens (inclusive)
    end: int  # exclusive
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    decimals: int | None = None
    currency: str | None = None
    unit: str | None = None
    rank: int | None = None
    period: PeriodValue | None = None
    flags: set[str] = field(default_factory=set)


@dataclass
class _Side:
    number: Number | None = None
    scale: Decimal | None = None
    currency: list[str] = field(default_factory=list)
    minor: str | None = None
    minor_number: Number | None = None
    negative: bool = False
    start: int = 0
    end: int = 0


def _is_digit_token(text: str) -> bool:
    return parse_digits(text) is not None


# period words that name a period only with a determiner: "for the year (EUR 2.3 million)" is a label
BARE_PERIODS = {"year", "years", "quarter", "quarters", "half", "period", "month", "months"}


class QuantityParser:
    """Parse spans matched by the pattern rules, with one lexicon."""

    def __init__(self, lexicon: Lexicon, default_currency: str | None = None) -> None:
        self.lex = lexicon
        self.default_currency = default_currency
        # period phrases resolved for the document being parsed (see _resolve)
        self._resolved_for: Any = None
        self._resolved: dict[tuple[Any, ...], PeriodValue | None] = {}
        s = lexicon.sets
        self.currency_tokens = (
            set(s["cur_pre"]) | set(s["cur_post"]) | set(s["cur_word"]) | set(s["cur_adj"])
            | {x.lower() for x in s["cur_code"]} | {"$", "reais", "bucks"} | set(s["letter_dollar"])
        )
        self.letter_dollar = set(s["letter_dollar"])
        self.minor = set(s["minor"])
        self.numwords = set(s["numword_cont"])
        self.numword_start = set(s["numword_start"])
        self.count_nouns = set(s["count_noun"])
        self.period_words = set(s["period_anchor"])

    # ------------------------------------------------------------------ sides
    def _sides(self, toks: list[Tok], kind: str) -> tuple[list[_Side], bool] | None:
        """Split tokens into one or two sides (a range) of number/scale/currency."""
        sides: list[_Side] = [_Side(start=0)]
        between = False
        i = 0
        n = len(toks)
        while i < n:
            t = toks[i]
            low = t.text.lower()
            side = sides[-1]
            if low == "between" and i == 0:
                between = True
                side.start = 1
                i += 1
                continue
            if low in ("(", ")"):
                i += 1
                continue
            num = parse_digits(t.text)
            if num is not None and len(t.text) > 1 and t.text.startswith("0") and t.text[1:2].isdigit():
                return None  # "000" of a space-grouped "10 000", "05": not an amount on its own
            if num is not None:
                if side.number is not None:
                    if side.minor_number is None and kind == "money" and i + 1 < n and toks[i + 1].text.lower() in self.minor:
                        side.minor_number = num
                        i += 1
                        continue
                    return None
                if side.negative and num.value > 0:
                    num = Number(-num.value, num.decimals)
                side.number = num
                side.end = i + 1
                i += 1
                continue
            if low in self.numwords and side.number is None:
                j = i
                while j < n and toks[j].text.lower() in self.numwords:
                    j += 1
                # a trailing connector belongs to the range, not to the number words
                while j > i and toks[j - 1].text.lower() in ("and", "-"):
                    j -= 1
                words = [x.text.lower() for x in toks[i:j]]
                parsed = parse_words(words)
                if parsed is None:
                    return None
                if side.negative:
                    parsed = Number(-parsed.value, parsed.decimals)
                side.number = parsed
                side.end = j
                i = j
                continue
            if low in self.numwords and side.number is not None and kind == "money" and side.minor_number is None:
                j = i
                while j < n and toks[j].text.lower() in self.numwords:
                    j += 1
                parsed = parse_words([x.text.lower() for x in toks[i:j]])
                if parsed is not None and j < n and toks[j].text.lower() in self.minor:
                    side.minor_number = parsed
                    i = j
                    continue
            if low in DASHES or low == "+" or low in ("minus", "negative"):
                is_sign = side.number is None and (
                    low in ("minus", "negative")
                    or (low != "+" and not t.ws and i + 1 < n and _is_digit_token(toks[i + 1].text))
                )
                if is_sign and low != "+":
                    side.negative = True
                    i += 1
                    continue
                if low == "+" and side.number is None:
                    i += 1
                    continue
            if low in CONNECTORS and side.number is not None and any(
                _is_digit_token(x.text) or x.text.lower() in self.numword_start for x in toks[i + 1 :]
            ):
                if low == "and" and not between:
                    i += 1
                    continue
                sides.append(_Side(start=i + 1))
                i += 1
                continue
            if side.number is not None and side.scale is None and side.minor is None:
                sc = self.lex.scale(t.text)
                if sc is not None and low not in self.currency_tokens - {"m", "b", "k"}:
                    side.scale = sc
                    side.end = i + 1
                    i += 1
                    continue
            if kind == "money" and side.number is not None and low in self.minor and side.minor is None:
                if low in GLUED_ONLY_MINOR and toks[i - 1].ws:
                    return None
                side.minor = low
                side.end = i + 1
                i += 1
                continue
            if kind == "money" and (low in self.currency_tokens or t.text in self.lex.sets["cur_code"]):
                if side.number is not None and side.currency and low not in self.lex.sets["cur_word"]:
                    return None  # "$ 30 $", "rmb 10 usd": two amounts, not one
                scaled = self.lex.currency_scale.get(t.text)
                if scaled is not None:
                    if side.scale is not None:
                        return None
                    side.scale = scaled
                side.currency.append(t.text)
                if side.number is not None:
                    side.end = i + 1
                i += 1
                continue
            i += 1
        if len(sides) > 2 or any(s.number is None for s in sides):
            return None
        return sides, between

    # ----------------------------------------------------------------- money
    def _currency(self, words: list[str]) -> str | None:
        if not words:
            return None
        phrase = " ".join(words)
        iso, ambiguous = self.lex.currency(phrase)
        if iso is None and len(words) > 1:
            iso, ambiguous = self.lex.currency(words[-1])
            if iso is None:
                iso, ambiguous = self.lex.currency(words[0])
        if ambiguous and self.default_currency:
            family = self.lex.currency_family.get(
                next((k for k in (_k(phrase), _k(words[-1]), _k(words[-1]).rstrip("s")) if k in self.lex.currency_family), ""),
                (),
            )
            if self.default_currency in family:
                return self.default_currency
        return iso

    def _money_value(self, side: _Side) -> tuple[Number, str | None] | None:
        num = side.number
        if num is None:
            return None
        currency = self._currency(side.currency)
        if side.scale is not None:
            num = apply_scale(num, side.scale)
        if side.minor is not None:
            row = self.lex.minor_by_form[side.minor]
            if side.currency:
                # "20 dollars 43 cents": major plus minor; "24.5c" with a currency: minor only
                if side.minor_number is not None:
                    minor = apply_scale(side.minor_number, row.factor)
                    num = Number(num.value + minor.value, max(num.decimals, minor.decimals))
                else:
                    num = apply_scale(num, row.factor)
            else:
                num = apply_scale(num, row.factor)
                if self.default_currency in row.major:
                    currency = self.default_currency
                else:
                    currency = row.major[0]
        return num, currency

    def parse(self, label: str, rule: str, toks: list[Tok], before: list[Tok],
              after: list[Tok] | None = None, ctx: Any = None) -> list[Parsed]:
        """Parse one matched span; ``before`` and ``after`` are the text's tokens around it,
        ``ctx`` the document's :class:`~finfacts.doccontext.DocContext`."""
        if label == "PERIOD":
            if rule in RELATIVE_RULES:
                return self._parse_relative(rule, toks, ctx)
            return self._parse_period(rule, toks, before, after or [], ctx)
        if label == "BASIS":
            return [Parsed("basis", 0, len(toks), unit=rule.split(".", 1)[1])]
        if label == "MONEY":
            if rule == "money.trailing_cents":
                if before and before[-1].text.lower() in self.currency_tokens:
                    return []  # "rmb 10 usd 20": two amounts with their codes before them
                return self._parse_trailing_cents(toks, after or [])
            parsed = self._parse_money(rule, toks, before)
            if rule == "money.word_prefix":
                for p in parsed:
                    p.flags.add("weak")
            return parsed
        if label == "PERCENT":
            return self._parse_percent(toks, before)
        if label == "COUNT":
            return self._parse_count(rule, toks, before, after or [])
        if label == "RANK":
            return self._parse_rank(toks)
        return []

    def _after_period(self, before: list[Tok]) -> bool:
        """A parenthesized amount right after a period names that period's figure, not a negative
        ("the same period last year (EUR 62 million)", "prior year ($3.1 million)"); a statement's
        label keeps its negative ("Loss for the year (EUR 2.3 million)")."""
        prev = before[-1].text.lower()
        if prev not in self.period_words:
            return False
        return not (prev in BARE_PERIODS and len(before) > 1 and before[-2].text.lower() == "the")

    def _parse_of_these(self, toks: list[Tok], before: list[Tok]) -> list[Parsed]:
        """ "Of these sites, ten are in the U.S., six are in Ethiopia and one is in Paraguay": a
        number that is the subject of its clause counts the things the sentence opened on."""
        core = toks[:-1]
        noun = None
        for j in range(len(before) - 1, 2, -1):
            low = before[j].text.lower()
            if low in COUNT_BOUNDARY or "\n" in before[j].text:
                return []
            if low != ",":
                continue
            k = j - 2
            if k > 1 and (_is_digit_token(before[k].text) or before[k].text.lower() in self.numwords):
                k -= 1  # "Of the 20 stores, 12 are ..."
            if before[k].text.lower() in OF_THESE and before[k - 1].text.lower() == "of":
                noun = before[j - 1].text.lower()
                break
        if noun is None or noun not in self.count_nouns or not core:
            return []
        if before and before[-1].text.lower() not in (",", "and", "while", "whereas"):
            return []  # the number opens a clause of the list: "..., ten are", "and one is"
        got = self._sides(core, "count")
        if got is None or len(got[0]) != 1 or got[0][0].number is None or got[0][0].scale is not None:
            return []
        num = got[0][0].number
        if num.value != num.value.to_integral_value() or num.value < 0 or _looks_like_year(core[0].text):
            return []
        return [Parsed("count", 0, len(core), value=num.value, decimals=num.decimals,
                       unit=self.lex.count_unit.get(noun, noun), flags={"inferred"})]

    def _parse_of_them(self, toks: list[Tok], before: list[Tok]) -> list[Parsed]:
        """ "12,400 employees, 3,150 of them in Switzerland": a number that counts some "of them"
        counts the noun the clause before it counted (the nearest count noun of the sentence)."""
        core = toks[:-2]
        noun = None
        for j in range(len(before) - 1, -1, -1):
            low = before[j].text.lower()
            if low in COUNT_BOUNDARY or "\n" in before[j].text:
                break
            if low in self.count_nouns:
                noun = low
                break
        got = self._sides(core, "count") if core else None
        if noun is None or got is None or len(got[0]) != 1 or got[0][0].number is None:
            return []
        side = got[0][0]
        num = apply_scale(side.number, side.scale) if side.scale is not None else side.number
        if num.value != num.value.to_integral_value() or num.value < 0 or (side.scale is None and _looks_like_year(core[0].text)):
            return []
        return [Parsed("count", 0, len(core), value=num.value, decimals=num.decimals,
                       unit=self.lex.count_unit.get(noun, noun), flags={"inferred"})]

    def _parse_money(self, rule: str, toks: list[Tok], before: list[Tok]) -> list[Parsed]:
        got = self._sides(toks, "money")
        if got is None:
            return []
        sides, between = got
        has_parens = any(t.text == "(" for t in toks) and any(t.text == ")" for t in toks)
        start, end = 0, len(toks)
        negative_parens = False
        if has_parens:
            prev = before[-1].text.lower() if before else ""
            translation = bool(prev) and (
                _is_digit_token(prev) or self.lex.scale(prev) is not None or prev in self.currency_tokens
                or self._after_period(before)
            )
            if translation:
                # "RMB12.3 billion (US$1.7 billion)": a translation, not a negative
                while start < end and toks[start].text == "(":
                    start += 1
                while end > start and toks[end - 1].text == ")":
                    end -= 1
            else:
                negative_parens = True
        values = []
        for side in sides:
            mv = self._money_value(side)
            if mv is None:
                return []
            values.append(mv)
        if len(sides) == 2:
            connector = toks[sides[1].start - 1].text.lower() if sides[1].start > 0 else ""
            if connector == "to" and not between and _change_not_range(before, values[0][0].value, values[1][0].value):
                return self._split_from_to(sides, values, toks)
            a, b = sides
            # borrow the scale and currency a side leaves out: "$1.2–1.4 billion"
            if a.scale is None and b.scale is not None:
                values[0] = (apply_scale(a.number, b.scale), values[0][1])  # type: ignore[arg-type]
            if values[0][1] is None:
                values[0] = (values[0][0], values[1][1])
            if values[1][1] is None:
                values[1] = (values[1][0], values[0][1])
            if b.scale is None and a.scale is not None and b.number is not None:
                values[1] = (apply_scale(b.number, a.scale), values[1][1])
            lo, hi = values[0][0], values[1][0]
            if lo.value > hi.value or values[0][1] != values[1][1]:
                return []
            end = min(end, sides[1].end)
            return [Parsed("money", start, end, low=lo.value, high=hi.value,
                           decimals=min(lo.decimals, hi.decimals), currency=values[0][1])]
        num, currency = values[0]
        value = num.value
        if negative_parens and value > 0:
            value = -value
        if currency is None and not sides[0].currency and sides[0].minor is None:
            return []
        if not negative_parens:
            end = min(end, sides[0].end)
        return [Parsed("money", start, end, value=value, decimals=num.decimals, currency=currency)]

    def _parse_trailing_cents(self, toks: list[Tok], after: list[Tok]) -> list[Parsed]:
        """ "15 dollars and 15", "thirteen dollars forty five": a number of two digits or
        fewer after a currency word counts the minor unit (the Duckling/Recognizers reading)."""
        k = next((i for i, t in enumerate(toks) if t.text.lower() in self.currency_tokens and not _is_digit_token(t.text)
                  and t.text.lower() not in self.numwords), None)
        if k is None or k == 0:
            return []
        major = self._sides(toks[:k], "count")
        tail = toks[k + 1 :]
        if tail and tail[0].text.lower() == "and":
            tail = tail[1:]
        if not tail or any(t.text.lower() == "and" for t in tail):
            return []
        if after:
            nxt = after[0].text.lower()
            if (nxt in self.currency_tokens or nxt in self.numwords or nxt in self.count_nouns
                    or _is_digit_token(nxt) or self.lex.scale(nxt) is not None):
                return []  # "50 dollar 50 dollar", "10 rmb 20 usd": two amounts
        minor = self._sides(tail, "count") if tail else None
        if major is None or minor is None or len(major[0]) != 1 or len(minor[0]) != 1:
            return []
        a, b = major[0][0].number, minor[0][0].number
        if a is None or b is None or major[0][0].scale is not None or minor[0][0].scale is not None:
            return []
        if not (0 < b.value < 100 and b.value == b.value.to_integral_value()):
            return []
        currency = self._currency([toks[k].text])
        return [Parsed("money", 0, len(toks), value=a.value + b.value / 100, decimals=2, currency=currency)]

    def _split_from_to(self, sides: list[_Side], values: list[tuple[Number, str | None]], toks: list[Tok]) -> list[Parsed]:
        """'from $400 million to $500 million' names two values, not a range."""
        out = []
        for side, (num, cur) in zip(sides, values):
            if not side.currency and cur is None:
                continue
            if cur is None:
                cur = values[0][1] or values[1][1]
            out.append(Parsed("money", side.start, side.end, value=num.value, decimals=num.decimals, currency=cur))
        return out

    # --------------------------------------------------------------- percent
    def _parse_percent(self, toks: list[Tok], before: list[Tok]) -> list[Parsed]:
        words = {t.text.lower() for t in toks}
        unit = "percent"
        factor = Decimal(1)
        shift = 0
        if words & BPS_WORDS:
            unit, factor, shift = "percentage_point", Decimal("0.01"), 2
        elif words & PP_WORDS:
            unit = "percentage_point"
        got = self._sides(toks, "percent")
        if got is None:
            return []
        sides, _ = got
        nums = []
        for side in sides:
            if side.number is None or side.scale is not None:
                return []
            nums.append(Number(side.number.value * factor, side.number.decimals + shift))
        if len(nums) == 2:
            connector = toks[sides[1].start - 1].text.lower()
            if connector == "to" and _change_not_range(before, nums[0].value, nums[1].value):
                if not any(t.text.lower() in PCT_WORDS for t in toks[: sides[1].start]):
                    return []
                return [Parsed("percent", sides[0].start, sides[1].start - 1, value=nums[0].value,
                               decimals=nums[0].decimals, unit=unit),
                        Parsed("percent", sides[1].start, len(toks), value=nums[1].value,
                               decimals=nums[1].decimals, unit=unit)]
            if nums[0].value > nums[1].value:
                return []
            return [Parsed("percent", 0, len(toks), low=nums[0].value, high=nums[1].value,
                           decimals=min(n.decimals for n in nums), unit=unit)]
        return [Parsed("percent", 0, len(toks), value=nums[0].value, decimals=nums[0].decimals, unit=unit)]

    # ----------------------------------------------------------------- count
    def _parse_count(self, rule: str, toks: list[Tok], before: list[Tok], after: list[Tok] = ()) -> list[Parsed]:  # type: ignore[assignment]
        if rule == "count.of_these":
            return self._parse_of_these(toks, before)
        if rule == "count.of_them":
            return self._parse_of_them(toks, before)
        if toks[-1].text == "-" or (len(toks) > 1 and toks[-1].text.lower() == "and"):
            return []  # "one-time", "Nexus 20 and ...": not a count
        if rule == "count.noun_before":
            if toks[0].text.lower() in ("from", "versus", "vs") and not (before and (
                    before[-1].text.lower() in FROM_CHANGE or _is_digit_token(before[-1].text)
                    or self.lex.scale(before[-1].text) is not None or before[-1].text.lower() in self.count_nouns)):
                # "up from 259,929", "rose to 4.1 million from 3.5 million" are the prior of a count;
                # "enable from 50 to 80%" is not a count
                return []
            nxt = after[0].text if after else ""
            if nxt.isalpha() and (nxt.isupper() and len(nxt) <= 4 or nxt.lower() in MEASURE_UNITS):
                return []  # "compared to 339 MW across 16 sites": the number has its own unit
            # trim to the number (+ scale); the noun is the nearest count noun before it
            k = len(toks) - 1
            if self.lex.scale(toks[k].text) is not None and k > 0 and _is_digit_token(toks[k - 1].text):
                num_start = k - 1
            else:
                num_start = k
                while num_start > 0 and toks[num_start - 1].text.lower() in self.numwords and not _is_digit_token(toks[num_start].text):
                    num_start -= 1
            noun = counted = None
            # "opened 42 new stores and closed 17", "grew to 1,250 stores from 1,090": the noun counted by
            # the figure it parallels or is compared with
            parallel = toks[0].text.lower() in ("and", "from", "versus", "vs")
            seq = before + toks[:num_start]
            for j in range(len(seq) - 1, -1, -1):
                low = seq[j].text.lower()
                if low in COUNT_BOUNDARY or "\n" in seq[j].text:
                    break
                if low == "well" and j + 1 < len(seq) and seq[j + 1].text.lower() in WELL_ADVERB_AFTER:
                    break  # "to well over 70": an adverb, not oil wells (and what it counts is not named)
                if low in self.count_nouns:
                    if not parallel and any(_is_digit_token(t.text) or t.text.lower() in self.numwords
                                              or self.lex.scale(t.text) is not None for t in seq[max(0, j - 2):j]):
                        # "Users with at least five Aurora devices totaled 14.2 million": a noun its own
                        # number counts gives way to one before it, if the sentence has one
                        counted = counted or low
                        continue
                    noun = low
                    break
            noun = noun or counted
            core = toks[num_start:]
            got = self._sides(core, "count")
            if got is None or noun is None:
                return []
            sides, _ = got
            num = sides[0].number
            if num is None or len(sides) != 1:
                return []
            if sides[0].scale is not None:
                num = apply_scale(num, sides[0].scale)
            elif _looks_like_year(core[0].text):
                return []
            if num.value != num.value.to_integral_value() or num.value < 0:
                return []
            return [Parsed("count", num_start, len(toks), value=num.value, decimals=num.decimals,
                           unit=self.lex.count_unit.get(noun, noun), flags={"inferred"})]
        # '260,000 "digital towers"': the noun is inside the quotes, the closing one ends the mention
        quoted = rule == "count.quoted_noun_after"
        noun_tok = toks[-2] if quoted else toks[-1]
        body = toks[:-2] if quoted else toks[:-1]
        tail = [t.text.lower() for t in before[-2:]]
        if tail[-1:] and (tail[-1] in RANK_SIGNS or (tail[-1] == "." and tail[:1] in (["no"], ["nr"]))):
            return []  # "the No. 2 brand": a rank, not a count of 2 brands
        if len(toks) > 3 and toks[1].text == "-" and toks[2].text.lower() in self.count_nouns:
            return []  # "50-bed quarantine facility": the hyphenated noun is the unit
        first = toks[0].text
        if first[:1].isupper() and first.isalpha() and len(toks) > 1 and toks[1].text[:1].isupper():
            return []  # "Two Wings business": a name, not a count
        if body and body[-1].text == "-":
            body = body[:-1]
        # drop modifiers between the number and the noun
        k = 0
        while k < len(body) and (parse_digits(body[k].text) is not None or body[k].text.lower() in self.numwords
                                 or self.lex.scale(body[k].text) is not None or body[k].text.lower() in DASHES | {"to"}):
            k += 1
        core = body[:k]
        if not core or core[-1].text.lower() in ("and", "-"):
            return []
        got = self._sides(core, "count")
        if got is None:
            return []
        sides, _ = got
        nums = []
        for side in sides:
            if side.number is None:
                return []
            num = apply_scale(side.number, side.scale) if side.scale is not None else side.number
            if side.scale is None and len(sides) == 1 and _looks_like_year(core[0].text) and not (
                    len(body) == len(core) == 1 and self._counts_things(before[-1].text if before else "", noun_tok.text)):
                return []
            if num.value != num.value.to_integral_value() or num.value < 0:
                return []
            nums.append(num)
        unit = self.lex.count_unit.get(noun_tok.text.lower(), noun_tok.text.lower())
        if len(nums) == 2:
            if len(sides) == 2 and sides[0].scale is None and sides[1].scale is not None:
                nums[0] = apply_scale(sides[0].number, sides[1].scale)  # type: ignore[arg-type]
            return [Parsed("count", 0, len(toks), low=nums[0].value, high=nums[1].value,
                           decimals=min(n.decimals for n in nums), unit=unit)]
        return [Parsed("count", 0, len(toks), value=nums[0].value, decimals=nums[0].decimals, unit=unit)]

    def _counts_things(self, prev: str, nxt: str) -> bool:
        """Whether a number that could be a year, with the word ``prev`` before it and ``nxt``
        right after it, counts things: "has 2000 employees", "opened 2019 stores". The noun follows it
        in lower case, and no word that names years stands before it ("in 2000 customers bought
        more", "fiscal 2024 units", "the 2024 Employee Stock Plan" are years)."""
        return nxt.islower() and nxt in self.count_nouns and prev.lower() not in YEAR_BEFORE

    # ---------------------------------------------------------------- period
    def _parse_period(self, rule: str, toks: list[Tok], before: list[Tok], after: list[Tok], ctx: Any) -> list[Parsed]:
        # a bullet dash before the period, a comma after it: not part of it
        lead = 0
        while lead < len(toks) - 1 and toks[lead].text in ("-", "–", "—", ",", "(", "*"):
            lead += 1
        trail = len(toks)
        while trail > lead + 1 and toks[trail - 1].text.lower() in (",", "-", ";", ":", ")", "of", "in"):
            trail -= 1
        if (lead, trail) != (0, len(toks)):
            parsed = self._parse_period(rule, toks[lead:trail], before + toks[:lead], toks[trail:] + after, ctx)
            return [with_span(p, p.start + lead, p.end + lead) for p in parsed]
        text = _join(toks)
        prev = before[-1].text if before else ""
        nxt = after[0].text if after else ""
        if prev in ("-", "/", "+", "#", "No.", "$", "€", "£") or nxt in ("-", "/", "%"):
            # "138-2010-2015", "133-03-03-2020", "2015-1-32": codes and numbers, not periods
            if rule in ("period.year", "period.month_numeric", "period.span", "period.date_iso"):
                return []
        if rule == "period.year":
            # "Nexus 2020 and future products": a name, not a year ("Reports 2023 Annual Results" is one)
            if (len(toks) == 1 and prev[:1].isupper() and prev.isalpha() and prev.lower() not in YEAR_BEFORE
                    and not prev.isupper() and (nxt.islower() or nxt in (",", ")", "and"))):
                return []
            if len(toks) == 1 and self._counts_things(prev, nxt):
                return []  # "has 2000 employees": a count (see _counts_things)
        cal = ctx.calendar if ctx is not None else None
        ref = ctx.reference_date if ctx is not None else None
        if rule == "period.year_end" and prev.lower() not in INSTANT_BEFORE:
            # "Fourth Quarter and Year-End 2024 Results", a heading "Year-End 2024": the year it
            # closes; "at year-end 2024", "from year end 2024": its last day
            year = next(t.text for t in toks if t.text.isdigit())
            fiscal = any(t.text.lower() == "fiscal" for t in toks)
            text, rule = (f"fiscal {year}", "period.fiscal_year") if fiscal else (year, "period.year")
        if rule == "period.ytd" and ctx is not None and ctx.reporting is not None and ctx.reporting.end is not None:
            ref = ctx.reporting.end  # "YTD" in a release runs to the end of the period it reports
        elif (ref is None and rule in RELATIVE_YEAR_RULES and ctx is not None and ctx.reporting is not None
              and ctx.reporting.end is not None and any(t.text.lower() in ("this", "current") for t in toks)):
            ref = ctx.reporting.end  # "the current year" of an undated release: the year of the period it reports
        elif (ref is not None and rule in RELATIVE_YEAR_RULES and _reports_last_quarter(ctx, ref)
              and any(t.text.lower() in ("this", "current") for t in toks)
              and any(t.text.lower() == "quarter" for t in toks)):
            # "60 new enterprise logos this quarter" in a release of the quarter just ended: that quarter,
            # not the one the release date falls in
            ref = ctx.reporting.end
        default_year = ctx.default_year if ctx is not None else None
        pv = self._resolve(text, cal, ref, default_year, PERIOD_KINDS.get(rule), ctx)
        if pv is None:
            return []
        return [Parsed("period", 0, len(toks), period=pv, flags={"relative"} if rule in RELATIVE_YEAR_RULES else set())]

    def _resolve(self, text: str, cal: Any, ref: Any, default_year: int | None, kinds: tuple[str, ...] | None,
                 ctx: Any) -> PeriodValue | None:
        """:func:`resolve`, remembered for the document ``ctx`` belongs to: a release names its
        years and quarters many times (half of the corpus's period phrases repeat one of their
        document). Each caller gets its own copy."""
        if ctx is not self._resolved_for:
            self._resolved_for, self._resolved = ctx, {}
        key = (text, cal, ref, default_year, kinds)
        if key not in self._resolved:
            self._resolved[key] = resolve(text, cal, ref, default_year, kinds)
        pv = self._resolved[key]
        return None if pv is None else replace(pv, notes=list(pv.notes))

    def _parse_relative(self, rule: str, toks: list[Tok], ctx: Any) -> list[Parsed]:
        """'the quarter', 'the prior-year period', 'a year ago': read against the reporting period."""
        end = len(toks)
        if rule == "period.reporting_ref":
            end -= 1  # the pattern's last token looks ahead only to rule out "the quarter ended ..."
        words = [t.text.lower() for t in toks[:end]]
        while words and words[-1] in ("-", "of", "in", "the", "last", "a"):
            words.pop()
            end -= 1
        rep = ctx.reporting if ctx is not None else None
        cal = ctx.calendar if ctx is not None else None
        pv = shift_reporting(rule, words, rep, cal)
        return [Parsed("period", 0, end, period=pv, flags={"relative"})]

    # ------------------------------------------------------------------ rank
    def _parse_rank(self, toks: list[Tok]) -> list[Parsed]:
        for t in toks:
            low = t.text.lower()
            if low.isdecimal() and len(low) < 4 and 0 < int(low) < 1000:
                return [Parsed("rank", 0, len(toks), rank=int(low))]
            if low in ORDINALS:
                return [Parsed("rank", 0, len(toks), rank=ORDINALS[low])]
            if low[:-2].isdecimal() and len(low) < 6 and low[-2:] in ("st", "nd", "rd", "th"):
                return [Parsed("rank", 0, len(toks), rank=int(low[:-2]))]
        return []


CHANGE_WORDS = {"from", "up", "down", "rose", "increased", "grew", "fell", "declined", "decreased", "by",
                "or", "climbed", "jumped", "dropped", "improved", "expanded", "contracted", "rising", "growing",
                "increasing", "falling", "declining", "soared", "surged", "gained"}


def _reports_last_quarter(ctx: Any, ref: Any) -> bool:
    """Whether the release reports a quarter that ended in the 100 days before its date."""
    rep = ctx.reporting if ctx is not None else None
    if rep is None or rep.start is None or rep.end is None:
        return False
    return 80 <= (rep.end - rep.start).days <= 100 and 0 <= (ref - rep.end).days <= 100


def _change_not_range(before: list[Tok], low: Decimal, high: Decimal) -> bool:
    """Whether "X to Y" reads as a change ("rose from X to Y", "up 27% or X to Y"), not a range.

    >>> _change_not_range([Tok("from", 0, True)], Decimal(400), Decimal(500))
    True
    >>> _change_not_range([Tok("of", 0, True)], Decimal(500), Decimal(550))
    False
    >>> _change_not_range([Tok("of", 0, True)], Decimal(450), Decimal(2150))
    True
    """
    if before and before[-1].text.lower() in CHANGE_WORDS:
        return True
    return low > 0 and high > 3 * low


# the forms of periods.RULES each period rule can produce, tried first
PERIOD_KINDS: dict[str, tuple[str, ...]] = {
    "period.date": ("instant",), "period.date_numeric": ("instant",), "period.date_iso": ("instant",),
    "period.months_ended": ("months_ended",), "period.year_ended": ("year_ended",),
    "period.quarter_ended": ("quarter_ended",), "period.half_ended": ("half_ended",),
    "period.quarter": ("quarter",), "period.quarter_label": ("quarter",), "period.year_quarter": ("quarter",),
    "period.half": ("half",), "period.half_label": ("half",), "period.nine_months": ("nine_months",),
    "period.six_months": ("half",),
    "period.fiscal_year": ("fiscal_year", "fiscal_year_bare"), "period.year": ("year",), "period.span": ("year_range",),
    "period.month": ("month", "year_month"), "period.month_alone": ("month",), "period.ytd": ("ytd",),
    "period.ttm": ("ttm", "ttm_label"), "period.end_of": ("end_of_year", "end_of_quarter", "end_of_month"),
    "period.year_end": ("end_of_year",),
    "period.relative": ("relative",), "period.relative_month": ("relative_month",),
    "period.month_numeric": ("month_num", "month"), "period.year_label": ("quarter", "half"),
    "period.nth_month": ("nth_month",), "period.month_range": ("month_range",),
    "period.calendar_label": ("calendar_label",), "period.part_of_relative_year": (),
    "period.first_months": ("nine_months", "half"), "period.weeks_ended": ("weeks_ended",),
    "period.part_months": ("part_months",),
}
# words before "year-end 2024" that make it an instant ("at", "as of", "from", "compared to")
INSTANT_BEFORE = {"at", "as", "of", "from", "since", "by", "until", "till", "to", "versus", "vs", "vs.", "with", "than",
                  "on", "per"}
RELATIVE_YEAR_RULES = {"period.relative", "period.relative_month", "period.part_of_relative_year"}
RELATIVE_RULES = {"period.reporting_ref", "period.prior_ref", "period.year_ago", "period.end_of_reporting"}

YEAR_BEFORE = {"in", "for", "during", "since", "by", "of", "from", "until", "to", "through", "year", "fiscal",
               "calendar", "full", "early", "late", "mid", "end", "beginning", "and", "the", "between"}


WELL_ADVERB_AFTER = {"over", "above", "below", "under", "beyond", "ahead", "within", "short", "in", "into", "past"}


def _join(toks: list[Tok]) -> str:
    """The text of consecutive tokens, with their own spacing."""
    return "".join(t.text + (" " if t.ws else "") for t in toks).strip()


def _k(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch not in " .-\u00a0")


def _looks_like_year(text: str) -> bool:
    """A bare four-digit 1800-2199 is read as a year, not a count.

    >>> _looks_like_year("2023"), _looks_like_year("2,023"), _looks_like_year("739")
    (True, False, False)
    """
    return len(text) == 4 and text.isdecimal() and 1800 <= int(text) <= 2199


def with_span(p: Parsed, start: int, end: int) -> Parsed:
    """A copy of ``p`` with other token bounds."""
    return replace(p, start=start, end=end)
