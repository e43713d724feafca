"""Find, validate and cache the rule data in ``patterns/``.

The pattern files are spaCy ``{label, pattern, id}`` JSONL. Two extensions keep them short:

* a pattern element written as the string ``"@NAME"`` splices in the macro ``NAME`` of
  ``macros.json`` (a list of alternative token sequences; a pattern is expanded into one
  spaCy pattern per combination);
* a token-spec value written as ``"@set"`` (e.g. ``{"LOWER": {"IN": "@cur_post"}}``) is
  replaced by the lexicon set of that name, built here from ``lexicons/``.

Every file is validated with pydantic when it is read; a bad line raises
:class:`~finfacts.errors.FinfactsError` naming the file and line.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from . import fastre
from .errors import Errors, FinfactsError

PATTERN_FILES = ("money.jsonl", "percent.jsonl", "count.jsonl", "rank.jsonl", "period.jsonl")
LABELS = ("MONEY", "PERCENT", "COUNT", "RANK", "PERIOD")


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PatternRow(_Row):
    """One line of a pattern file."""

    label: Literal["MONEY", "PERCENT", "COUNT", "RANK", "PERIOD", "BASIS"]
    id: str
    pattern: list[dict[str, Any] | str]

    @field_validator("id")
    @classmethod
    def _id_scheme(cls, v: str) -> str:
        kind, _, name = v.partition(".")
        if not kind or not name:
            raise ValueError(f"pattern id {v!r} must look like '<kind>.<name>'")
        return v

    @field_validator("pattern")
    @classmethod
    def _not_empty(cls, v: list[dict[str, Any] | str]) -> list[dict[str, Any] | str]:
        if not v:
            raise ValueError("empty pattern")
        for tok in v:
            if isinstance(tok, str) and not tok.startswith("@"):
                raise ValueError(f"pattern element {tok!r}: strings must name a macro as '@NAME'")
        return v


class CurrencyRow(_Row):
    iso: str | None
    codes: list[str] = []
    symbols: list[str] = []
    letter_dollar: list[str] = []
    words: list[str] = []
    family: list[str] = []

    @field_validator("iso")
    @classmethod
    def _iso(cls, v: str | None) -> str | None:
        if v is not None and (len(v) != 3 or not v.isupper()):
            raise ValueError(f"{v!r} is not an ISO 4217 code")
        return v


class MinorRow(_Row):
    forms: list[str]
    factor: Decimal
    major: list[str]


class ScaleRow(_Row):
    forms: list[str]
    multiplier: Decimal
    case_sensitive: list[str] = []


class QualifierRow(_Row):
    phrases: list[str]  # read before a figure ("more than $5 million")
    after: list[str] = []  # read right after it ("RMB3,000 or more")
    qualifier: Literal["approximately", "more_than", "at_least", "less_than", "at_most"]


class CountNounRow(_Row):
    unit: str
    forms: list[str]


class MetricRow(_Row):
    """One metric of the taxonomy: a canonical id and the names releases give it."""

    id: str
    kind: Literal["flow", "stock", "ratio", "per_share", "per_unit", "count"]
    names: list[str]
    # verbs that name the measure of a count right next to them ("shipped 145.6 million units",
    # "145.6 million smartphones shipped"), and of nothing else
    verbs: list[str] = []
    # a count held at a moment, not made over a period: "end" when the figure stated for a period
    # is held at its end ("Subscribers grew 18% to 4.1 million"), "moment" when it is counted over
    # the period all the same (visits, say) and only "ended the quarter with" dates it
    held: Literal["end", "moment"] | None = None
    # paid on a day the release names ("a dividend of $0.04 per share, payable on April 15")
    paid_on: bool = False
    # the amount paid for a count of it measures the same ("repurchased 2.3 million shares for $168 million")
    consideration: bool = False
    # a margin: the id of the measure it is the margin of, so that a bare "margin" after that
    # measure's figure is this one ("Adjusted EBITA: €362 million; margin 12.9%")
    margin_of: str | None = None


@dataclass
class Metrics:
    """The metric taxonomy: names -> ids, compiled into one case-insensitive pattern."""

    by_name: dict[str, MetricRow]
    pattern: Any  # re.Pattern[str] (fastre.std)
    adjusted: frozenset[str]
    stop: frozenset[str]
    other: frozenset[str] = frozenset()  # words that make another measure of a name ("deferred revenue")
    adjusted_before: frozenset[str] = frozenset()  # adjusted before a name, not inside it ("operating EBITDA")
    not_scope: frozenset[str] = frozenset()  # words no scope holds ("will", "ended"): such a scope is misread
    not_alone: frozenset[str] = frozenset()  # words that are no scope alone ("new bookings"), though inside one
    kinds: dict[str, str] = field(default_factory=dict)
    by_verb: dict[str, MetricRow] = field(default_factory=dict)
    held: frozenset[str] = frozenset()  # ids of counts held at a moment (MetricRow.held)
    held_at_end: frozenset[str] = frozenset()  # those a period's figure is held at the end of
    paid_on: frozenset[str] = frozenset()  # ids of amounts paid on a day
    consideration: frozenset[str] = frozenset()  # ids whose price paid measures the same
    margins: dict[str, str] = field(default_factory=dict)  # measure id -> the id of its margin
    _verb_before: Any = field(init=False, repr=False)  # a verb right before a count: "shipped 1,240 robots"
    _verb_after: Any = field(init=False, repr=False)  # and right after it: "1,240 robots shipped"

    def __post_init__(self) -> None:
        self.kinds = {row.id: row.kind for row in self.by_name.values()}
        rows = list(self.by_name.values())
        self.held = frozenset(row.id for row in rows if row.held is not None)
        self.held_at_end = frozenset(row.id for row in rows if row.held == "end")
        self.paid_on = frozenset(row.id for row in rows if row.paid_on)
        self.consideration = frozenset(row.id for row in rows if row.consideration)
        self.margins = {row.margin_of: row.id for row in rows if row.margin_of}
        self.by_verb = {" ".join(v.lower().split()): row for row in self.by_name.values() for v in row.verbs}
        verbs = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(self.by_verb, key=len, reverse=True))
        self._verb_before = fastre.std(rf"(?i)\b({verbs})\s+$" if verbs else r"(?!)")
        self._verb_after = fastre.std(rf"(?i)[^\S\n]+({verbs})\b" if verbs else r"(?!)")

    def count_verb(self, text: str, start: int, end: int, lo: int) -> MetricRow | None:
        """The row a verb right before ``start`` (from ``lo``) or right after ``end`` names, or None.

        >>> t = "Aurora shipped 145.6 million units; 9 million phones shipped"
        >>> m = load_metrics()
        >>> m.count_verb(t, 15, 34, 0).id, m.count_verb(t, 36, 52, 35).id, m.count_verb("We have 1,250 stores", 8, 20, 0)
        ('Shipments', 'Shipments', None)
        """
        hit = self._verb_before.search(text, max(lo, start - 40), start) or self._verb_after.match(text, end)
        return self.by_verb.get(" ".join(hit.group(1).lower().split())) if hit is not None else None

    def kind(self, metric_id: str | None) -> str | None:
        return self.kinds.get(metric_id or "")

    def row(self, name: str) -> MetricRow | None:
        """The taxonomy row a name as written gives ("Net  Sales", "owners’ equity"), or None.

        >>> load_metrics().row("Net  Sales").id
        'Revenues'
        """
        key = " ".join(name.lower().split())
        return self.by_name.get(key.replace("’", "'")) or self.by_name.get(key)


def load_metrics(path: str | Path | None = None, extra: Iterable[str | Path] = ()) -> Metrics:
    """The shipped metric taxonomy (``patterns/metrics.jsonl``) plus users' own files.

    Args:
        path: a folder laid out like the shipped ``patterns/``; ``None`` for the shipped one.
        extra: further files of ``{"id", "kind", "names"}`` lines; a name in a later file
            overrides the same name earlier.
    """
    return _load_metrics_cached(str(path) if path is not None else None, tuple(str(p) for p in extra))


@functools.lru_cache(maxsize=8)
def _load_metrics_cached(path: str | None, extra: tuple[str, ...]) -> Metrics:
    root: Traversable = builtin_patterns_dir() if path is None else Path(path)
    rows = _read_jsonl(root.joinpath("metrics.jsonl"), MetricRow)
    for f in extra:
        rows += _read_jsonl(Path(f), MetricRow)
    by_name: dict[str, MetricRow] = {}
    for row in rows:
        for name in row.names:
            by_name[name.lower()] = row  # later files override earlier ones
    for name, row in list(by_name.items()):
        if " and " in name:  # "Selling, general & administrative": '&' for 'and', unless named apart
            by_name.setdefault(name.replace(" and ", " & "), row)
    mods = _read_json(root.joinpath("lexicons", "metric_modifiers.json"))
    # not inside a word nor after "word-"; not followed by a letter: a digit may follow ("Adjusted
    # EBITDA1", a footnote's) and so may a superscript ("EBITDA¹"). The standard engine runs this
    # prefix tree four times as fast as ``regex``.
    pattern = fastre.std(r"(?<![\w&])(?<!\w-)(?:" + _trie_pattern(by_name) + r")(?![^\W\d"
                         + fastre.NOT_LETTER_DIGITS + r"]|&)", re.IGNORECASE)
    return Metrics(by_name, pattern, frozenset(mods.get("adjusted", [])), frozenset(mods.get("stop", [])),
                   frozenset(mods.get("other", [])), frozenset(mods.get("adjusted_before", [])),
                   frozenset(mods.get("not_scope", [])), frozenset(mods.get("not_alone", [])))


def _trie_pattern(names: Iterable[str]) -> str:
    """One regex for a list of names, shaped as their prefix tree: "net income|net sales" is
    ``net\\s+(?:income|sales)``. At each position the longest name that fits is matched, as
    with a plain alternation sorted longest first, but the engine reads each character once
    per position instead of once per name (about ten times faster for the metric taxonomy).
    A space matches any run of whitespace and an apostrophe either form of it."""
    import regex

    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for tok in regex.findall(r"\s+|.", name.lower()):
            node = node.setdefault(" " if tok.isspace() else tok, {})
        node[""] = {}  # the end of a name

    def emit(node: dict[str, Any]) -> str:
        alts = [(r"\s+" if tok == " " else "['’]" if tok == "'" else regex.escape(tok)) + emit(child)
                for tok, child in sorted(node.items()) if tok]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def _read_jsonl(path: Traversable, model: type[BaseModel]) -> list[Any]:
    rows = []
    name = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise FinfactsError(Errors.E001.format(path=name, line=0, msg=str(e))) from e
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            rows.append(model.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as e:
            msg = str(e).replace("\n", "; ")
            raise FinfactsError(Errors.E001.format(path=name, line=lineno, msg=msg)) from e
    return rows


@functools.lru_cache(maxsize=2)
def load_link_words(file: str | None = None) -> dict[str, frozenset[str]]:
    """The linker's closed word lists (``patterns/lexicons/link_words.json``, or ``file``): each
    key a list of lower-case words, as a frozenset."""
    path: Traversable = builtin_patterns_dir().joinpath("lexicons", "link_words.json") if file is None else Path(file)
    out: dict[str, frozenset[str]] = {}
    for key, words in _read_json(path).items():
        if key.startswith("_"):
            continue
        if not isinstance(words, list) or not all(isinstance(w, str) and w == w.lower() for w in words):
            raise FinfactsError(Errors.E001.format(path=_display(path), line=0,
                                                   msg=f"{key!r}: expected a list of lower-case words"))
        out[key] = frozenset(words)
    return out


def _read_json(path: Traversable) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise FinfactsError(Errors.E001.format(path=_display(path), line=0, msg=str(e))) from e
    if not isinstance(data, dict):
        raise FinfactsError(Errors.E001.format(path=_display(path), line=0, msg="expected a JSON object"))
    return data


def _display(path: Traversable) -> str:
    return str(path)


def builtin_patterns_dir() -> Traversable:
    """The ``patterns/`` folder shipped inside the package (a symlink in editable installs)."""
    return resources.files("finfacts").joinpath("patterns")


def _key(text: str) -> str:
    """Lookup key for a currency phrase: lower case, no spaces, dots or hyphens."""
    return "".join(ch for ch in text.lower() if ch not in " .-\u00a0")


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


@dataclass
class Lexicon:
    """Every closed list the patterns and the normalizer use, built once from ``patterns/``."""

    sets: dict[str, list[str]] = field(default_factory=dict)
    currency_by_key: dict[str, str | None] = field(default_factory=dict)
    currency_family: dict[str, tuple[str, ...]] = field(default_factory=dict)
    minor_by_form: dict[str, MinorRow] = field(default_factory=dict)
    scale_by_form: dict[str, Decimal] = field(default_factory=dict)
    qualifiers: dict[tuple[str, ...], str] = field(default_factory=dict)
    qualifiers_after: dict[tuple[str, ...], str] = field(default_factory=dict)
    count_unit: dict[str, str] = field(default_factory=dict)
    currency_scale: dict[str, Decimal] = field(default_factory=dict)
    words: dict[str, list[str]] = field(default_factory=dict)

    def scale(self, text: str) -> Decimal | None:
        return self.scale_by_form.get(text) or self.scale_by_form.get(text.lower())

    def currency(self, phrase: str) -> tuple[str | None, bool]:
        """ISO code of a currency phrase and whether the caller's default may replace it.

        Returns ``(None, False)`` when the phrase is unknown.
        """
        key = _key(phrase)
        if key not in self.currency_by_key and key.endswith("s"):
            key = key[:-1]
        iso = self.currency_by_key.get(key)
        # "dollars" is as ambiguous as "dollar"
        return iso, key in self.currency_family or (key.endswith("s") and key[:-1] in self.currency_family)


def _build_lexicon(root: Traversable) -> Lexicon:
    lex = Lexicon()
    lexdir = root.joinpath("lexicons")
    words = _read_json(lexdir.joinpath("words.json"))
    words.pop("_doc", None)
    lex.words = {k: list(v) for k, v in words.items()}
    needs_adj = set(words.get("needs_adjective", []))
    lower_stop = set(words.get("lowercase_code_stop", []))

    cur_pre: set[str] = set()
    cur_code: set[str] = set()
    cur_post: set[str] = set()
    cur_word: set[str] = set()
    cur_adj: set[str] = set()
    letter_dollar: set[str] = set()
    for row in _read_jsonl(lexdir.joinpath("currencies.jsonl"), CurrencyRow):
        for code in row.codes:
            cur_code.add(code)
            if row.iso is not None and len(code) == 3 and code.isalpha():
                # "MUSD 30", "KSEK 120", "EURm 12.5", "USDbn 1.2": codes that carry a scale
                for form, mult in ((f"M{code}", 10**6), (f"K{code}", 10**3), (f"T{code}", 10**3),
                                   (f"{code}m", 10**6), (f"{code}bn", 10**9), (f"{code}k", 10**3),
                                   (f"{code}mn", 10**6)):
                    cur_code.add(form)
                    lex.currency_scale[form] = Decimal(mult)
                    lex.currency_by_key.setdefault(_key(form), row.iso)
            lex.currency_by_key.setdefault(_key(code), row.iso)
            if code.lower() not in lower_stop:
                cur_pre.add(code.lower())
                cur_post.add(code.lower())
        for sym in row.symbols:
            cur_pre.add(sym.lower())
            cur_post.add(sym.lower())
            lex.currency_by_key.setdefault(_key(sym), row.iso)
        for letters in row.letter_dollar:
            letter_dollar.add(letters)
            lex.currency_by_key.setdefault(_key(letters + "$"), row.iso)
        for phrase in row.words:
            toks = phrase.split()
            head = toks[-1]
            for form in {head, _plural(head)}:
                cur_word.add(form)
                if len(toks) == 1 and head not in needs_adj:
                    cur_post.add(form)
            cur_adj.update(t for t in toks[:-1] if t != "and")
            lex.currency_by_key.setdefault(_key(phrase), row.iso)
            lex.currency_by_key.setdefault(_key(" ".join(toks[:-1] + [_plural(head)])), row.iso)
        if row.family:
            for form in row.symbols + row.words:
                lex.currency_family[_key(form)] = tuple(row.family)
    cur_post.update(["reais", "bucks"])
    cur_word.add("reais")

    minor: set[str] = set()
    for mrow in _read_jsonl(lexdir.joinpath("minor_units.jsonl"), MinorRow):
        for form in mrow.forms:
            minor.add(form.lower())
            lex.minor_by_form[form.lower()] = mrow

    scale_lower: set[str] = set()
    scale_exact: set[str] = set()
    for srow in _read_jsonl(lexdir.joinpath("scales.jsonl"), ScaleRow):
        for form in srow.forms:
            if form in srow.case_sensitive:
                scale_exact.add(form)
                lex.scale_by_form[form] = srow.multiplier
            else:
                scale_lower.add(form.lower())
                lex.scale_by_form[form.lower()] = srow.multiplier

    qual_words: set[str] = set()
    for qrow in _read_jsonl(lexdir.joinpath("qualifiers.jsonl"), QualifierRow):
        for phrase in qrow.phrases:
            toks = tuple(phrase.lower().split())
            lex.qualifiers[toks] = qrow.qualifier
            qual_words.update(toks)
        for phrase in qrow.after:
            lex.qualifiers_after[tuple(phrase.lower().split())] = qrow.qualifier

    count_noun: set[str] = set()
    for crow in _read_jsonl(lexdir.joinpath("count_nouns.jsonl"), CountNounRow):
        for form in crow.forms:
            last = form.split()[-1].lower()
            count_noun.add(last)
            lex.count_unit.setdefault(last, crow.unit)

    numword_start = set(words["numword_start"])
    numword_cont = numword_start | set(words["numword_extra"])
    count_stop = set(words["count_stop"]) | cur_post | cur_word | scale_lower | minor | qual_words
    lex.sets = _period_sets()
    lex.sets |= {
        "cur_pre": sorted(cur_pre),
        "cur_code": sorted(cur_code),
        "cur_post": sorted(cur_post),
        "cur_word": sorted(cur_word),
        "cur_adj": sorted(cur_adj),
        "letter_dollar": sorted(letter_dollar),
        "letter_dollar_rs": sorted(letter_dollar | {"rs"}),
        "cur_word_or_minor": sorted((cur_word - needs_adj) | minor - {"c", "p", "ct", "cts"}),
        "minor": sorted(minor),
        "num_not_start": sorted({"million", "billion", "thousand", "trillion", "lakh", "crore", "first", "second",
                                 "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}),
        "cur_word_alone": sorted((cur_word - needs_adj - {"dollar", "dollars", "pound", "pounds", "real"}) | {"sen"}),
        "cur_word_or_code": sorted((cur_word - needs_adj) | {c.lower() for c in cur_code if len(c) == 3}),
        # the matcher takes scales in any case; the normalizer rejects "mm" and "t" where they mislead
        "scale_lower": sorted(scale_lower | {x.lower() for x in scale_exact}),
        "scale_exact": sorted(scale_exact),
        "numword_start": sorted(numword_start),
        "numword_cont": sorted(numword_cont),
        "count_noun": sorted(count_noun),
        "count_stop": sorted(count_stop),
        "count_link": sorted(words["count_link"]),
        "qualifier_word": sorted(qual_words),
        "ordinal": sorted(words["ordinal"]),
        "superlative": sorted(words["superlative"]),
    }
    return lex


def _period_sets() -> dict[str, list[str]]:
    """Closed sets of period words: years, days, months and labels such as FY24, 3Q23, 1H24."""
    months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december"]
    abbrev = ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
    years4 = [str(y) for y in range(1950, 2100)]
    years2 = [f"{y:02d}" for y in range(0, 51)] + [str(y) for y in range(90, 100)]
    labels: set[str] = set()
    for yy in years2 + years4:
        labels |= {f"fy{yy}", f"fy'{yy}", f"9m{yy}", f"h1{yy}", f"h2{yy}"}
        labels |= {f"{n}h{yy}" for n in (1, 2)} | {f"{n}q{yy}" for n in (1, 2, 3, 4)}
        labels |= {f"q{n}{yy}" for n in (1, 2, 3, 4)} | {f"q{n}'{yy}" for n in (1, 2, 3, 4)}
        labels |= {f"q{n}fy{yy}" for n in (1, 2, 3, 4)} | {f"{n}qfy{yy}" for n in (1, 2, 3, 4)}
        labels |= {f"{n}hfy{yy}" for n in (1, 2)} | {f"h{n}fy{yy}" for n in (1, 2)}
    for a, b in zip(years4, years4[1:]):
        labels |= {f"fy{a}/{b[2:]}", f"fy{a[2:]}/{b[2:]}", f"{a}/{b[2:]}"}
    return {
        "year4": years4,
        "period_label": sorted(labels),
        "quarter_label": ["q1", "q2", "q3", "q4", "1q", "2q", "3q", "4q"],
        "half_label": ["h1", "h2", "1h", "2h", "hy"],
        "month": sorted(months + abbrev + [a + "." for a in abbrev]),
        "month_not_may": sorted(m for m in months + abbrev + [a + "." for a in abbrev] if m != "may"),
        "day": [str(d) for d in range(1, 32)] + [f"{d:02d}" for d in range(1, 10)]
        + [f"{d:02d}{sfx}" for d in range(1, 10) for sfx in ("st", "nd", "rd", "th")]
        + [f"{d}{'st' if d % 10 == 1 and d != 11 else 'nd' if d % 10 == 2 and d != 12 else 'rd' if d % 10 == 3 and d != 13 else 'th'}" for d in range(1, 32)],
        "day_or_word": [str(d) for d in range(1, 32)] + [f"{d:02d}" for d in range(1, 10)]
        + [f"{d:02d}{sfx}" for d in range(1, 10) for sfx in ("st", "nd", "rd", "th")]
        + [f"{d}{'st' if d % 10 == 1 and d != 11 else 'nd' if d % 10 == 2 and d != 12 else 'rd' if d % 10 == 3 and d != 13 else 'th'}" for d in range(1, 32)]
        + ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"],
        "period_ordinal": ["first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th"],
        "span_months": ["three", "six", "nine", "twelve", "3", "6", "9", "12"],
        "ended": ["ended", "ending", "ends", "through", "to"],
        "fiscal_word": ["fiscal", "financial", "fy"],
        "relative_word": ["this", "last", "next", "previous", "prior", "coming", "following", "past", "current",
                          "preceding", "upcoming"],
        "month_num": [str(m) for m in range(1, 13)] + [f"{m:02d}" for m in range(1, 10)],
        "ordinal_12": ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                       "eleventh", "twelfth", "1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th",
                       "11th", "12th"],
        "cy_label": [f"cy{y}" for y in years2 + years4],
        "period_anchor": sorted(labels | set(months) | set(abbrev) | {a + "." for a in abbrev}
                                | {"q1", "q2", "q3", "q4", "1q", "2q", "3q", "4q", "h1", "h2", "1h", "2h", "hy",
                                   "ytd", "ttm", "ltm", "year", "quarter", "half", "fiscal", "years", "quarters",
                                   "month", "months", "period", "prior", "previous", "ago", "yoy", "y/y", "qoq", "q/q",
                                   "sequentially", "sequential", "pcp", "y-o-y", "q-o-q", "hoh", "h/h"}
                                | {f"cy{y}" for y in years2 + years4}),
    }


def _substitute(spec: Any, sets: dict[str, list[str]], where: str) -> Any:
    if isinstance(spec, dict):
        return {k: _substitute(v, sets, where) for k, v in spec.items()}
    if isinstance(spec, list):
        return [_substitute(v, sets, where) for v in spec]
    if isinstance(spec, str) and spec.startswith("@") and len(spec) > 1:
        name = spec[1:]
        if name not in sets:
            raise FinfactsError(Errors.E002.format(name=spec, where=where))
        return list(sets[name])
    return spec


def expand(
    pattern: list[dict[str, Any] | str],
    macros: dict[str, list[list[dict[str, Any]]]],
    where: str,
) -> Iterator[list[dict[str, Any]]]:
    """Expand ``"@MACRO"`` elements into every combination of the macro's alternatives.

    >>> list(expand(["@A", {"ORTH": "x"}], {"A": [[{"ORTH": "a"}], [{"ORTH": "b"}]]}, "doc"))
    [[{'ORTH': 'a'}, {'ORTH': 'x'}], [{'ORTH': 'b'}, {'ORTH': 'x'}]]
    """
    choices: list[list[list[dict[str, Any]]]] = []
    for element in pattern:
        if isinstance(element, str):
            name = element[1:]
            if name not in macros:
                raise FinfactsError(Errors.E002.format(name=element, where=where))
            choices.append(macros[name])
        else:
            choices.append([[element]])
    for combo in itertools.product(*choices):
        yield [tok for part in combo for tok in part]


@dataclass
class Rules:
    """The loaded rule data: the lexicon and the expanded spaCy patterns."""

    lexicon: Lexicon
    patterns: list[dict[str, Any]]
    source: str


def load_rules(path: str | Path | None = None, extra: Iterable[str | Path] = ()) -> Rules:
    """Read, validate and expand a patterns folder (the shipped one by default).

    Args:
        path: a folder laid out like the shipped ``patterns/``; ``None`` for the shipped one.
        extra: further pattern JSONL files (e.g. a user's own rules) to add.
    """
    key = (str(path) if path is not None else None, tuple(str(p) for p in extra))
    return _load_rules_cached(*key)


@functools.lru_cache(maxsize=8)
def _load_rules_cached(path: str | None, extra: tuple[str, ...]) -> Rules:
    root: Traversable = builtin_patterns_dir() if path is None else Path(path)
    if not root.is_dir():
        raise FinfactsError(Errors.E003.format(path=str(root)))
    lex = _build_lexicon(root)
    macros_raw = _read_json(root.joinpath("macros.json"))
    macros_raw.pop("_doc", None)
    macros = {
        name: [_substitute(alt, lex.sets, f"macros.json:{name}") for alt in alts]
        for name, alts in macros_raw.items()
    }
    files: list[Traversable] = [root.joinpath(name) for name in PATTERN_FILES]
    files += [Path(p) for p in extra]
    patterns: list[dict[str, Any]] = []
    for f in files:
        for row in _read_jsonl(f, PatternRow):
            where = f"{_display(f)} ({row.id})"
            body = [_substitute(t, lex.sets, where) if isinstance(t, dict) else t for t in row.pattern]
            for variant in expand(body, macros, where):
                patterns.append({"label": row.label, "id": row.id, "pattern": variant})
    return Rules(lexicon=lex, patterns=patterns, source=str(root))
