"""Every ``Doc`` and ``Span`` extension finfacts sets, in one table."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter
from spacy.tokens import Doc, Span

SPANS_KEY = "finfacts"
DOC_DEFAULT_CURRENCY = "finfacts_default_currency"
DOC_CONTEXT = "finfacts_context"

_adapter: TypeAdapter[Any] | None = None


def _mention_adapter() -> TypeAdapter[Any]:
    global _adapter
    if _adapter is None:
        from .models import Mention

        _adapter = TypeAdapter(Mention)
    return _adapter


def _data_key(start_char: int, end_char: int) -> tuple[str, str, int, int]:
    """Where ``span._.finfacts_data`` of a span over these characters lives in ``doc.user_data``
    (spaCy's own key for a span extension's value; a test holds the two together)."""
    return ("._.", "finfacts_data", start_char, end_char)


def set_span_data(doc: Doc, start_char: int, end_char: int, data: dict[str, Any]) -> None:
    """``span._.finfacts_data = data`` for the span over these characters, without making the
    span's ``_`` object (a few microseconds each, for every mention of a release)."""
    doc.user_data[_data_key(start_char, end_char)] = data


def spans_data(doc: Doc) -> list[dict[str, Any]]:
    """The ``_.finfacts_data`` of the spans of ``doc.spans["finfacts"]`` that have one, in order."""
    if SPANS_KEY not in doc.spans:
        return []
    user_data = doc.user_data
    found = (user_data.get(_data_key(s.start_char, s.end_char)) for s in doc.spans[SPANS_KEY])
    return [d for d in found if d is not None]


def _span_mention(span: Span) -> Any:
    data = span._.get("finfacts_data")
    return None if data is None else _mention_adapter().validate_python(data)


def _doc_mentions(doc: Doc) -> list[Any]:
    adapter = _mention_adapter()
    return [adapter.validate_python(data) for data in spans_data(doc)]


def ensure_extensions() -> None:
    """Register the extensions once (safe to call many times)."""
    if not Span.has_extension("finfacts_data"):
        Span.set_extension("finfacts_data", default=None)
    if not Span.has_extension("finfacts"):
        Span.set_extension("finfacts", getter=_span_mention)
    if not Doc.has_extension("finfacts"):
        Doc.set_extension("finfacts", getter=_doc_mentions)
    if not Doc.has_extension(DOC_DEFAULT_CURRENCY):
        Doc.set_extension(DOC_DEFAULT_CURRENCY, default=None)
    if not Doc.has_extension(DOC_CONTEXT):
        # the DocContext the normalizer used, in the msgpack-safe form of doccontext.to_data
        Doc.set_extension(DOC_CONTEXT, default=None)
