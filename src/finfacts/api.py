"""The public entry points: ``load`` builds and caches the pipeline, ``extract`` runs it."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Iterable, Iterator
from typing import Annotated, Any, Literal, get_args, get_origin

import spacy
from pydantic import BaseModel
from spacy.language import Language

from .errors import Errors, FinfactsError, check_currency_code
from .doccontext import DocContext, from_data, infer, parse_fiscal_year_end, to_data
from .extensions import DOC_CONTEXT, DOC_DEFAULT_CURRENCY, ensure_extensions, spans_data
from .components.tokenizer import make_doc
from .link import link
from .models import Extraction
from .resources import load_metrics
from .tables import read_tables

MAX_CHARS = 5_000_000


def load(base: str = "en") -> Language:
    """Return the cached finfacts pipeline (the one :func:`extract` uses).

    Args:
        base: ``"en"`` for ``spacy.blank("en")`` (the default, needs no model), or the name
            or path of a trained English pipeline to add the finfacts components to.
    """
    return _load(str(base))


@functools.lru_cache(maxsize=4)
def _load(base: str) -> Language:
    # one cache key per pipeline: ``load()``, ``load("en")`` and ``load(base="en")`` are one
    ensure_extensions()
    if base == "en":
        nlp = spacy.blank("en")
    else:
        try:
            nlp = spacy.load(base)
        except (OSError, ValueError) as e:
            raise FinfactsError(Errors.E030.format(name=base, msg=str(e).splitlines()[0][:200])) from e
    nlp.add_pipe("finfacts_ruler")
    nlp.add_pipe("finfacts_normalizer")
    return nlp


_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(text: str) -> None:
    """Raise FinfactsError (E013) for a str that is not Unicode text: one with a lone surrogate.

    spaCy cannot hash such a string and JSON cannot encode it, so it is refused up front.
    """
    if text.isascii():
        return
    m = _SURROGATE.search(text)
    if m is not None:
        raise FinfactsError(Errors.E013.format(code=ord(m.group(0)), offset=m.start()))


def _check_date(value: Any) -> dt.date | None:
    """A date (a datetime's day; "YYYY-MM-DD" parsed), or FinfactsError E012."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as e:
            raise FinfactsError(Errors.E012.format(value=value)) from e
    raise FinfactsError(Errors.E012.format(value=value))


def extract(
    text: str,
    *,
    reference_date: dt.date | None = None,
    default_currency: str | None = None,
    fiscal_year_end: str | None = None,
    max_chars: int = MAX_CHARS,
    facts: bool = True,
    pipeline: str = "en",
) -> Extraction:
    """Find and normalize every amount, percentage and count in ``text``.

    Args:
        text: the release text; every offset in the result refers to it.
        reference_date: the release date (a date, or ``"YYYY-MM-DD"``), for relative periods;
            by default the dateline's.
        default_currency: ISO code that bare ``$``, ``¥``, ``£`` and "dollars" stand for; by
            default the document's own statement ("All amounts are in Canadian dollars").
        fiscal_year_end: the company's fiscal year end as ``"MM-DD"`` (``"06-30"``); by default
            what the text states ("fiscal year ended June 30, 2024").
        max_chars: refuse longer texts with a FinfactsError (E007) rather than exhaust memory.
            Any shorter text is processed in time linear in its length.
        facts: ``False`` returns the mentions, the tables and the document context without
            linking facts (faster when only the figures are wanted; the figures are the same).
        pipeline: ``"en"`` (``spacy.blank("en")``, the default: no model needed), or the name or
            path of a trained English pipeline you have installed (``"en_core_web_sm"``): its
            dependency parse then names the metric of figures the rules leave without one
            (:mod:`finfacts.syntax`).

    Returns:
        Extraction: the mentions in text order, the facts linked from them, the tables read and
            the document context; every offset refers to ``text`` (non-breaking and other
            fixed-width spaces are read as spaces: "November\u00a02, 2024" is a date).

    Raises:
        FinfactsError: E004 for text that is not a str, E007 over ``max_chars``, E013 for a lone
            surrogate; E006, E011, E012 or E016 for an argument of the wrong form.
    """
    if not isinstance(text, str):
        raise FinfactsError(Errors.E004.format(type=type(text).__name__))
    if not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars < 0:
        raise FinfactsError(Errors.E016.format(value=max_chars))
    if len(text) > max_chars:
        raise FinfactsError(Errors.E007.format(size=len(text), limit=max_chars))
    check_text(text)
    reference_date = _check_date(reference_date)
    currency = check_currency_code(default_currency)
    if fiscal_year_end is not None:
        try:
            parse_fiscal_year_end(fiscal_year_end)
        except (ValueError, AttributeError) as e:
            raise FinfactsError(Errors.E011.format(value=fiscal_year_end)) from e
    # "November\u00a02, 2024", "1\u202f000": fixed-width spaces read as spaces, one character for one
    # (offsets do not move; the result's text is this one)
    given, text = text, plain_spaces(text)
    nlp = load(pipeline)
    doc = make_doc(nlp, text)
    doc._.set(DOC_DEFAULT_CURRENCY, currency)
    doc._.set(DOC_CONTEXT, to_data(infer(text, reference_date, fiscal_year_end, currency)))
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    result = extraction_from_doc(doc, facts=facts, text=text)
    return result if given == text else _with_text(result, given)


def _with_text(result: Extraction, text: str) -> Extraction:
    """The result with the caller's text back (whose fixed-width spaces were read as spaces): every
    quoted piece sliced again from it, at the same offsets (only the models holding one that
    changed are copied; of each model, only the fields that can hold models are walked)."""
    def walk(node: Any) -> Any:
        if isinstance(node, BaseModel):
            nested, spans = _walk_plan(type(node))
            update: dict[str, Any] = {}
            fields = node.__dict__
            for key in nested:
                value = fields[key]
                if value is not None:
                    fixed = walk(value)
                    if fixed is not value:
                        update[key] = fixed
            for key, a, b in spans:
                got, a, b = fields[key], fields[a], fields[b]
                if isinstance(got, str) and isinstance(a, int) and isinstance(b, int) and text[a:b] != got:
                    update[key] = text[a:b]
            return node.model_copy(update=update) if update else node
        if isinstance(node, list):
            out = [walk(v) for v in node]
            return node if all(x is y for x, y in zip(out, node)) else out
        return node
    return walk(result).model_copy(update={"text": text})


_QUOTED = (("text", "start", "end"), ("metric_text", "metric_start", "metric_end"))


@functools.lru_cache(maxsize=None)
def _walk_plan(cls: type[BaseModel]) -> tuple[tuple[str, ...], tuple[tuple[str, str, str], ...]]:
    """Of a model class, the fields whose type can hold a model (or a list of them), and the
    quoted pieces it has (its text and offsets)."""
    fields = cls.model_fields
    nested = tuple(name for name, f in fields.items() if _holds_models(f.annotation))
    return nested, tuple(q for q in _QUOTED if all(k in fields for k in q))


def _holds_models(annotation: Any) -> bool:
    """Whether a field of this type can hold a model: a model class, a type built of one (a list,
    a union), or one not understood here (a forward reference: walked, to be safe)."""
    if isinstance(annotation, type):
        return issubclass(annotation, BaseModel)
    origin = get_origin(annotation)
    if origin is Annotated:
        return _holds_models(get_args(annotation)[0])
    if origin is None:
        return True
    return origin is not Literal and any(_holds_models(a) for a in get_args(annotation))


# the fixed-width spaces read as spaces ("November\u00a02, 2024", "1\u202f000")
FIXED_SPACES = "\u00a0\u2007\u2009\u200a\u202f\u2002\u2003\u2004\u2005\u2006\u2008\u205f"
_FIXED_SPACE = re.compile(f"[{FIXED_SPACES}]")


def plain_spaces(text: str) -> str:
    """``text`` with its fixed-width spaces as spaces, one character for one (offsets do not move).

    A pattern's substitution, not ``str.translate``: that looks every character up in its table,
    a sixth of a second over the 1 MB corpus, where the search skips ASCII text altogether.
    """
    return text if text.isascii() else _FIXED_SPACE.sub(" ", text)


def context_model(ctx: DocContext | None) -> dict[str, Any]:
    """The JSON-ready form of a DocContext."""
    if ctx is None:
        return {}
    rep = ctx.reporting
    cal = ctx.calendar
    return {
        "reference_date": ctx.reference_date,
        "fiscal_year_end": f"{cal.month:02d}-{cal.day:02d}" if cal.known else None,
        "reporting_period": None if rep is None else {
            "period_start": rep.start, "period_end": rep.end, "fiscal_year": rep.fiscal_year,
            "fiscal_period": rep.fiscal_period},
        "currency": ctx.currency,
        "currency_source": ctx.currency_source,
        "scales": [{"start": sc.start, "end": sc.end, "multiplier": sc.multiplier, "text": sc.text} for sc in ctx.scales],
        "issuer": ctx.issuer,
        "ticker": ctx.ticker,
    }


def extraction_from_doc(doc: Any, facts: bool = True, text: str | None = None) -> Extraction:
    """Build the result model from a processed Doc: read its tables (and link its facts).

    ``text`` is the doc's text when the caller has it (``doc.text`` is rebuilt from the tokens).
    The tables are read whether or not facts are asked for: a table's figures take their scale,
    currency and kind from it ("$ 65,854" under "(in millions)" is 65,854,000,000).
    """
    text = doc.text if text is None else text
    result, ctx = _pipeline_result(doc, text)
    metrics = load_metrics()
    tables = read_tables(text, result.mentions, ctx, metrics)
    update: dict[str, Any] = {"mentions": tables.mentions, "tables": tables.tables}
    if facts:
        linked = link(text, tables.mentions, ctx, metrics, skip_tables=tables.covers, doc=doc)
        update["facts"] = linked + tables.facts(len(linked))
    return result.model_copy(update=update)


def _pipeline_result(doc: Any, text: str) -> tuple[Extraction, DocContext | None]:
    """The pipeline's own mentions of ``doc`` (before the tables are read) and its context."""
    data = spans_data(doc)
    stored = doc._.get(DOC_CONTEXT)
    ctx = from_data(stored) if stored is not None else None
    result = Extraction.model_validate({
        "text": text,
        "mentions": data,
        "context": context_model(ctx),
    })
    return result, ctx


def extract_many(
    texts_or_paths: Iterable[str | os.PathLike[str]],
    *,
    n_process: int = 1,
    on_error: Literal["raise", "return"] = "raise",
    **kwargs: Any,
) -> Iterator[Extraction | FinfactsError]:
    """Extract many releases, yielding results in input order.

    Args:
        texts_or_paths: release texts (``str``) or paths (``pathlib.Path``; read with
            :func:`finfacts.read`, so .txt, .md and .html).
        n_process: worker processes (each loads the pipeline once); 1 runs in this process.
        on_error: ``"raise"`` stops at the first input that cannot be processed;
            ``"return"`` yields its :class:`FinfactsError` in its place and goes on.
        **kwargs: passed to :func:`extract` (``reference_date``, ``default_currency``...).

    Yields:
        Extraction | FinfactsError: one result per input, in input order; with
            ``on_error="return"``, the error of an input that could not be processed takes its place.

    Examples:
        >>> [len(r.mentions) for r in extract_many(["Revenue was $5 million.", "No figures."])]
        [1, 0]
    """
    from .batch import Item, Options, _pool

    def items() -> Iterator[Item]:
        for i, x in enumerate(texts_or_paths):
            if isinstance(x, str):
                yield Item(str(i), f"<text {i}>", text=x)
            elif isinstance(x, os.PathLike):
                yield Item(str(i), os.fspath(x))
            else:
                raise FinfactsError(Errors.E004.format(type=type(x).__name__))

    def settle(result: Extraction | FinfactsError) -> Extraction | FinfactsError:
        if isinstance(result, FinfactsError) and on_error == "raise":
            raise result
        return result

    if n_process <= 1:
        for item in items():
            yield settle(_extract_item(item, kwargs))
        return
    options = Options(time_budget=0)
    worker = functools.partial(_extract_item_with, kwargs)
    for _item, result in _pool(items(), options, n_process, worker,
                               on_failure=lambda _i, reason: FinfactsError(reason)):
        yield settle(result)


def _extract_item_with(kwargs: dict[str, Any], item: Any, _options: Any) -> Extraction | FinfactsError:
    return _extract_item(item, kwargs)


def _extract_item(item: Any, kwargs: dict[str, Any]) -> Extraction | FinfactsError:
    from .documents import read

    try:
        text = item.text if item.text is not None else read(item.source).text
        return extract(text, **kwargs)
    except FinfactsError as e:
        return e
