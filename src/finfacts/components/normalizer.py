"""``finfacts_normalizer``: parse the ruler's candidates into values and keep the best ones.

Results go to ``doc.spans["finfacts"]``. Each span carries its normalized mention as a
JSON-ready dict in ``span._.finfacts_data`` (so it survives ``DocBin`` and
``nlp.pipe(n_process=...)``); ``span._.finfacts`` and ``doc._.finfacts`` give the
pydantic models.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from spacy.attrs import IDX, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..doccontext import from_data, infer, to_data
from ..extensions import DOC_CONTEXT, DOC_DEFAULT_CURRENCY, SPANS_KEY, ensure_extensions
from ..models import _plain
from ..normalize.context import BOUNDARY, per_after, per_before, qualifier_before
from ..normalize.quantities import Parsed, QuantityParser, Tok
from ..resources import Rules, load_rules
from .ruler import CANDIDATES_KEY

TIER = {"money": 0, "percent": 0, "period": 0, "basis": 0, "count": 1, "rank": 2}
PER_BEFORE_LIMIT = Decimal(10000)


class FinfactsNormalizer:
    """Normalize candidate spans; resolve overlaps; read qualifiers and per-units."""

    def __init__(self, nlp: Language, name: str = "finfacts_normalizer", *,
                 patterns_dir: str | None = None, default_currency: str | None = None) -> None:
        ensure_extensions()
        self.name = name
        self.rules: Rules = load_rules(patterns_dir)
        self.default_currency = default_currency
        self._parsers: dict[str | None, QuantityParser] = {}

    def parser(self, default_currency: str | None) -> QuantityParser:
        p = self._parsers.get(default_currency)
        if p is None:
            p = self._parsers[default_currency] = QuantityParser(self.rules.lexicon, default_currency)
        return p

    def __call__(self, doc: Doc) -> Doc:
        stored = doc._.get(DOC_CONTEXT)
        if stored is None:
            ctx = infer(doc.text, default_currency=doc._.get(DOC_DEFAULT_CURRENCY) or self.default_currency)
            doc._.set(DOC_CONTEXT, to_data(ctx))
        else:
            ctx = from_data(stored)
        default = doc._.get(DOC_DEFAULT_CURRENCY) or self.default_currency or ctx.currency
        parser = self.parser(default)
        candidates = doc.spans[CANDIDATES_KEY] if CANDIDATES_KEY in doc.spans else []
        pool: list[tuple[int, int, int, int, Parsed, str]] = []
        # the tokens as plain tuples, made once: spaCy Token objects are costly to create
        words = _tok_tuples(doc) if len(candidates) else []
        for span in candidates:
            label = span.label_
            toks = words[span.start : span.end]
            # a count looks back for its noun; "Of these sites, ten are ..., and one is ..." furthest
            lo = max(0, span.start - ((24 if span.id_ == "count.of_these" else 14) if label == "COUNT" else 6))
            before = words[lo : span.start]
            after = words[span.end : span.end + 2]
            for p in parser.parse(label, span.id_, toks, before, after, ctx):
                s, e = span.start + p.start, span.start + p.end
                if e <= s:
                    continue
                tier = TIER[p.kind] + (1 if p.flags & {"inferred", "weak"} else 0)
                pool.append((tier, -(words[e - 1].idx + len(words[e - 1].text) - words[s].idx), s, e, p, span.id_))
        pool.sort(key=lambda x: (x[0], x[1], x[2]))
        taken = bytearray(len(doc))
        chosen: list[tuple[int, int, Parsed, str]] = []
        for _tier, _neg_len, s, e, p, rule in pool:
            if any(taken[s:e]):
                continue
            taken[s:e] = b"\x01" * (e - s)
            chosen.append((s, e, p, rule))
        chosen.sort(key=lambda x: x[0])
        spans: list[Span] = []
        last_money: tuple[int, str | None] | None = None  # (end token, per)
        lexicon = self.rules.lexicon
        for n, (s, e, p, rule) in enumerate(chosen):
            minus = p.kind == "money" and _minus_before(words, s, taken)
            if minus:
                s -= 1  # "-$3.2 million": the sign is the amount's, and part of its text
            span = Span(doc, s, e, label=p.kind.upper(), span_id=rule)
            data: dict[str, Any] = {
                "type": p.kind, "id": f"m{n}", "text": span.text, "start": span.start_char,
                "end": span.end_char, "rule": rule,
            }
            first = doc[s].text.lower()
            if first != "between":
                before = words[max(0, s - 4) : s]
                q = qualifier_before(before, lexicon.qualifiers)
                if q is not None:
                    data["qualifier"], data["qualifier_text"] = q
            if p.kind == "rank":
                data["value"] = p.rank
            elif p.kind == "period":
                pv = p.period
                data["period_start"] = pv.start.isoformat() if pv.start else None
                data["period_end"] = pv.end.isoformat() if pv.end else None
                data["period_kind"] = pv.kind
                data["fiscal_year"] = pv.fiscal_year
                data["fiscal_period"] = pv.fiscal_period
                data["relative"] = "relative" in p.flags
            elif p.kind == "basis":
                data["basis"] = p.unit
            else:
                # "compared to negative $0.21 million": the word is the amount's sign
                sign = -1 if minus or (p.kind == "money" and s > 0 and words[s - 1].text.lower() in ("negative", "minus")
                                       and not (s > 1 and words[s - 2].text.lower() in ("a", "an", "the"))) else 1
                for key in ("value", "low", "high"):
                    v = getattr(p, key)
                    if v is not None:
                        data[key] = _plain(-abs(v) if sign < 0 else v)
                data["decimals"] = p.decimals
            if p.kind == "money":
                data["currency"] = p.currency
                after = words[e : e + 7]
                per = per_after(after)
                small = all(abs(v) < PER_BEFORE_LIMIT for v in (p.value, p.low, p.high) if v is not None)
                if per is None and small:
                    if last_money is not None and _same_clause(words, last_money[0], s):
                        per = last_money[1]
                    else:
                        lo = s - 10
                        if last_money is not None:
                            lo = max(lo, last_money[0])
                        per = per_before(words[max(0, lo) : s])
                data["per"] = per
                last_money = (e, per)
            elif p.kind in ("percent", "count"):
                data["unit"] = p.unit
            span._.set("finfacts_data", data)
            spans.append(span)
        _link_translations(doc, spans)
        doc.spans[SPANS_KEY] = spans
        return doc

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> FinfactsNormalizer:
        return self


TRANSLATION_GAP = {"(", "approximately", "approx.", "about", "or", "~", "≈", "roughly", "around", "equivalent", "to", "of"}


def _link_translations(doc: Doc, spans: list[Span]) -> None:
    """Mark "RMB12.3 billion (US$1.7 billion)": the second amount translates the first."""
    for a, b in zip(spans, spans[1:]):
        da, db = a._.finfacts_data, b._.finfacts_data
        if da["type"] != "money" or db["type"] != "money" or da.get("currency") == db.get("currency"):
            continue
        between = [t.text.lower() for t in doc[a.end : b.start]]
        if da.get("per") and da.get("per") == db.get("per") and between[:1] == ["per"] and "(" in between[:4]:
            # "US$1,994 per ounce (C$2,711 per ounce)": the unit both are per stands between them
            between = between[between.index("("):]
        if between and between[0] == "(" and all(w in TRANSLATION_GAP for w in between) and len(between) <= 4:
            db["translation_of"] = da["id"]


def _tok_tuples(doc: Doc) -> list[Tok]:
    """(text, offset, whitespace) of every token, read from arrays: creating spaCy Token objects
    for a whole document costs more than everything else the normalizer does."""
    strings = doc.vocab.strings
    arr = doc.to_array([ORTH, IDX, SPACY]).tolist()
    return [Tok(strings[orth], idx, bool(space)) for orth, idx, space in arr]


MINUS = {"-", "\u2212", "\u2013"}


def _minus_before(words: Any, s: int, taken: bytearray) -> bool:
    """ "was -$3.2 million", "(−$0.5 million)": a minus glued to the amount's currency symbol, after
    a space, an opening parenthesis or the start (not a range's dash: "$1.2-$1.4 million")."""
    if s < 1 or taken[s - 1] or words[s - 1].text not in MINUS or words[s - 1].ws:
        return False
    if words[s].text not in ("$", "€", "£", "¥", "₹") and not words[s].text[:1] in ("$", "€", "£", "¥", "₹"):
        return False
    return s == 1 or words[s - 2].ws or words[s - 2].text in ("(", "[", ":")


def _same_clause(words: list[Tok], start: int, end: int) -> bool:
    """No sentence boundary between two token positions, and close together."""
    if end - start > 12:
        return False
    return not any(t.text in BOUNDARY or "\n" in t.text for t in words[start:end])


@Language.factory(
    "finfacts_normalizer",
    default_config={"patterns_dir": None, "default_currency": None},
)
def make_normalizer(nlp: Language, name: str, patterns_dir: str | None,
                    default_currency: str | None) -> FinfactsNormalizer:
    """Build the normalizer; ``default_currency`` resolves bare ``$``, ``¥``, ``£`` when set."""
    return FinfactsNormalizer(nlp, name, patterns_dir=patterns_dir, default_currency=default_currency)
