"""``finfacts_normalizer``: parse the ruler's candidates into values and keep the best ones.

Results go to ``doc.spans["finfacts"]``. Each span carries its normalized mention as a
JSON-ready dict in ``span._.finfacts_data`` (so it survives ``DocBin`` and
``nlp.pipe(n_process=...)``); ``span._.finfacts`` and ``doc._.finfacts`` give the
pydantic models.
"""

from __future__ import annotations

import heapq
from decimal import Decimal
from pathlib import Path
from typing import Any

from spacy.attrs import IDX, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..doccontext import from_data, infer, to_data
from ..extensions import DOC_CONTEXT, DOC_DEFAULT_CURRENCY, SPANS_KEY, ensure_extensions, set_span_data
from ..models import _plain
from ..normalize.context import BOUNDARY, per_after, per_before, qualifier_after, qualifier_before
from ..normalize.quantities import Parsed, QuantityParser, Tok
from ..resources import Rules, load_rules
from .ruler import CANDIDATES_KEY

TIER = {"money": 0, "percent": 0, "period": 0, "basis": 0, "count": 1, "rank": 2}
PER_BEFORE_LIMIT = Decimal(10000)
# How far around a candidate the normalizer reads tokens (a count looks 24 back for its noun; a
# money amount 7 ahead for its unit): only these are made into tuples.
CONTEXT_BEFORE = 24
CONTEXT_AFTER = 7


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
        # (start, end, label, rule) of each candidate, read once: a SpanGroup makes its Spans anew
        # whenever it is read
        candidates = [(sp.start, sp.end, sp.label_, sp.id_) for sp in doc.spans[CANDIDATES_KEY]] \
            if CANDIDATES_KEY in doc.spans else []
        # the tokens as plain tuples, made once and only around the candidates: spaCy Token
        # objects are costly to create
        words = _tok_tuples(doc, candidates) if candidates else []
        chosen, taken = self._choose(parser, candidates, words, ctx)
        chosen.sort(key=lambda x: x[0])
        spans: list[Span] = []
        found: list[tuple[int, int, dict[str, Any]]] = []  # (start, end, data) of each span
        last_money: tuple[int, str | None] | None = None  # (end token, per)
        lexicon = self.rules.lexicon
        for n, (s, e, p, rule) in enumerate(chosen):
            minus = p.kind == "money" and _minus_before(words, s, taken)
            if minus:
                s -= 1  # "-$3.2 million": the sign is the amount's, and part of its text
            span = Span(doc, s, e, label=p.kind.upper(), span_id=rule)
            last = words[e - 1]
            data: dict[str, Any] = {
                "type": p.kind, "id": f"m{n}", "text": _span_text(words, s, e), "start": words[s].idx,
                "end": last.idx + len(last.text), "rule": rule,
            }
            if words[s].text.lower() != "between":
                before = words[max(0, s - 4) : s]
                q = qualifier_before(before, lexicon.qualifiers)
                if q is None and p.kind in ("money", "percent", "count"):
                    q = qualifier_after(words[e : e + 4], lexicon.qualifiers_after)
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
            set_span_data(doc, data["start"], data["end"], data)
            spans.append(span)
            found.append((s, e, data))
        _link_translations(words, found)
        doc.spans[SPANS_KEY] = spans
        return doc

    @staticmethod
    def _choose(parser: QuantityParser, candidates: list[tuple[int, int, str, str]], words: list[Tok],
                ctx: Any) -> tuple[list[tuple[int, int, Parsed, str]], bytearray]:
        """The parses that win (and the tokens they cover): best tier first, then the longest text,
        then the earliest; one that overlaps a token already won loses.

        Candidates are parsed lazily, best first: a candidate waits in the heap under the best key
        its parses could have (its label's tier, its whole span's length and start; a parse lies
        within its span and its flags only lower its tier), before the parses of every later
        candidate with an equal key, as in a stable sort of all the parses. A candidate whose tokens
        are all won when its turn comes is not parsed: every parse of it would overlap them.
        """
        heap: list[tuple[int, int, int, int, int, Any]] = []
        for k, (s, e, label, _rule) in enumerate(candidates):
            tier = TIER.get(label.lower())
            if tier is None or e <= s:
                continue  # a label no parser reads gives no parse
            heap.append((tier, _neg_len(words, s, e), s, k, -1, candidates[k]))
        heapq.heapify(heap)
        taken = bytearray(len(words))
        chosen: list[tuple[int, int, Parsed, str]] = []
        while heap:
            tier, neg_len, s, k, sub, item = heapq.heappop(heap)
            if sub < 0:  # a candidate: parse it now, or drop it if its tokens are all won
                start, end, label, rule = item
                if taken.find(0, start, end) < 0:
                    continue
                toks = words[start:end]
                # a count looks back for its noun; "Of these sites, ten are ..., and one is ..." furthest
                lo = max(0, start - ((24 if rule == "count.of_these" else 14) if label == "COUNT" else 6))
                before = words[lo:start]
                after = words[end : end + 2]
                for n, p in enumerate(parser.parse(label, rule, toks, before, after, ctx)):
                    ps, pe = start + p.start, start + p.end
                    if pe <= ps:
                        continue
                    ptier = TIER[p.kind] + (1 if p.flags & {"inferred", "weak"} else 0)
                    heapq.heappush(heap, (ptier, _neg_len(words, ps, pe), ps, k, n, (pe, p, rule)))
                continue
            e, p, rule = item
            if taken.find(1, s, e) >= 0:
                continue
            taken[s:e] = b"\x01" * (e - s)
            chosen.append((s, e, p, rule))
        return chosen, taken

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> FinfactsNormalizer:
        return self


TRANSLATION_GAP = {"(", "approximately", "approx.", "about", "or", "~", "≈", "roughly", "around", "equivalent", "to", "of"}


def _link_translations(words: list[Tok], found: list[tuple[int, int, dict[str, Any]]]) -> None:
    """Mark "RMB12.3 billion (US$1.7 billion)": the second amount translates the first (``found``:
    each mention's first and end token and its data)."""
    for (_s, a_end, da), (b_start, _e, db) in zip(found, found[1:]):
        if da["type"] != "money" or db["type"] != "money" or da.get("currency") == db.get("currency"):
            continue
        if b_start - a_end > 7:
            continue  # too far apart: at most the unit and "(" and four words of the gap
        between = [t.text.lower() for t in words[a_end:b_start]]
        if da.get("per") and da.get("per") == db.get("per") and between[:1] == ["per"] and "(" in between[:4]:
            # "US$1,994 per ounce (C$2,711 per ounce)": the unit both are per stands between them
            between = between[between.index("("):]
        if between and between[0] == "(" and all(w in TRANSLATION_GAP for w in between) and len(between) <= 4:
            db["translation_of"] = da["id"]


def _span_text(words: list[Tok], s: int, e: int) -> str:
    """The text of tokens ``s`` to ``e - 1``, as ``Span.text`` gives it (a token's whitespace is one
    space; the last token's is left out)."""
    return "".join([t.text + " " if t.ws else t.text for t in words[s : e - 1]]) + words[e - 1].text


def _tok_tuples(doc: Doc, candidates: list[tuple[int, int, str, str]]) -> list[Tok]:
    """(text, offset, whitespace) of the tokens the normalizer reads: those of each candidate and
    of the stretch it looks at around it (24 tokens before, 7 after); the others are None. Read from
    arrays: creating spaCy Token objects for a whole document costs more than everything else the
    normalizer does."""
    n = len(doc)
    cover = bytearray(n + 1)
    for start, end, _label, _rule in candidates:
        a, b = max(0, start - CONTEXT_BEFORE), min(n, end + CONTEXT_AFTER)
        cover[a:b] = b"\x01" * (b - a)
    arr = doc.to_array([ORTH, IDX, SPACY])
    orths, starts, spaces = arr[:, 0].tolist(), arr[:, 1].tolist(), (arr[:, 2] != 0).tolist()
    strings, new = doc.vocab.strings, tuple.__new__
    words: list[Any] = [None] * n
    a = cover.find(1)
    while a >= 0:
        b = cover.find(0, a)
        words[a:b] = [new(Tok, (strings[o], i, w)) for o, i, w in zip(orths[a:b], starts[a:b], spaces[a:b])]
        a = cover.find(1, b)
    return words


def _neg_len(words: list[Tok], s: int, e: int) -> int:
    """Minus the length of the text from token ``s`` to the end of token ``e - 1``."""
    last = words[e - 1]
    return -(last.idx + len(last.text) - words[s].idx)


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
