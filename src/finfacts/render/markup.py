"""Escaping and the one pass that lays highlight elements over a text.

Everything that reaches the page from a document goes through :func:`esc` or
:func:`attr`; the highlighted text is built by :func:`highlight`, a single left-to-right
pass over the sorted boundaries of all layers, so that nested, touching or crossing spans
always give well-nested markup and the page's text is exactly the document's text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# Characters an HTML parser would not give back as written: NUL is dropped by every browser
# (so it becomes U+FFFD, one character for one, keeping offsets), a lone surrogate cannot be
# encoded as UTF-8, and a carriage return is folded into a line feed unless written as a
# character reference.
_TRANSLATE = {0: "\ufffd", 13: "&#13;"} | {c: "\ufffd" for c in range(0xD800, 0xE000)}
_VISIBLE = {k: "\ufffd" for k in _TRANSLATE if k != 13}
_SPECIAL = re.compile("[\x00\r\ud800-\udfff]")


def visible(text: str) -> str:
    """The text a browser shows for ``esc(text)``: NUL and lone surrogates become U+FFFD.

    >>> visible("a\\x00b\\r\\n")
    'a\\ufffdb\\r\\n'
    """
    return text.translate(_VISIBLE) if _SPECIAL.search(text) else text


def esc(text: str) -> str:
    """Escape document text for an HTML text node, keeping every character it stands for.

    >>> esc('<script>alert("x")</script> & \\r\\n')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#13;\\n'
    """
    out = html.escape(text, quote=True)
    return out.translate(_TRANSLATE) if _SPECIAL.search(out) else out


def attr(name: str, value: object) -> str:
    """One escaped ``name="value"`` attribute, with a leading space; empty for None or False.

    >>> attr("data-tip", 'a "b" <c>'), attr("hidden", True), attr("id", None)
    (' data-tip="a &quot;b&quot; &lt;c&gt;"', ' hidden', '')
    """
    if value is None or value is False:
        return ""
    if value is True:
        return f" {name}"
    return f' {name}="{esc(str(value))}"'


def attrs(values: Mapping[str, object]) -> str:
    """Several attributes in the order given (see :func:`attr`)."""
    return "".join(attr(k, v) for k, v in values.items())


def tag(name: str, body: str = "", /, **values: object) -> str:
    """An element whose ``body`` is already markup; attribute names use ``_`` for ``-``.

    >>> tag("a", esc("R&D"), href="#m1", class_="x", data_n=2)
    '<a href="#m1" class="x" data-n="2">R&amp;D</a>'
    """
    named = {k.rstrip("_").replace("_", "-"): v for k, v in values.items()}
    return f"<{name}{attrs(named)}>{body}</{name}>"


@dataclass(frozen=True)
class Layer:
    """One highlighted span: ``[start, end)`` of the text and the element that wraps it.

    ``first`` attributes go on the first piece only (an ``id``, a ``tabindex``), ``every`` on
    each piece when a crossing span splits the element. ``after`` is markup placed right
    after the last piece (a link to a finding). Lower ``rank`` wraps higher rank at equal
    extent.
    """

    start: int
    end: int
    element: str
    every: Mapping[str, object] = field(default_factory=dict)
    first: Mapping[str, object] = field(default_factory=dict)
    after: str = ""
    rank: int = 0


def highlight(text: str, layers: Iterable[Layer]) -> str:
    """Escape ``text`` and wrap each layer's span in its element, in one left-to-right pass.

    Spans outside the text or empty are dropped. At equal starts the longer span (then the
    lower rank) is the outer one. When an outer span ends inside an inner one, the inner one
    is closed before that boundary and reopened after it, its later pieces marked
    ``data-part="cont"``.

    >>> highlight("a<b>c", [Layer(0, 3, "mark", {"class": "x"}, {"id": "m0"}),
    ...                     Layer(2, 5, "span", {"class": "y"})])
    '<mark class="x" id="m0">a&lt;<span class="y">b</span></mark><span class="y" data-part="cont">&gt;c</span>'
    """
    n = len(text)
    kept = sorted(
        (la for la in layers if 0 <= la.start < la.end <= n),
        key=lambda la: (la.start, -la.end, la.rank),
    )
    bounds = sorted({0, n} | {la.start for la in kept} | {la.end for la in kept})
    out: list[str] = []
    stack: list[Layer] = []
    nxt = 0
    for i, pos in enumerate(bounds):
        # close what ends here; anything opened inside it is closed first and reopened after
        if any(la.end == pos for la in stack):
            reopen: list[Layer] = []
            while any(la.end == pos for la in stack):
                top = stack.pop()
                out.append(f"</{top.element}>")
                if top.end == pos:
                    out.append(top.after)
                else:
                    reopen.append(top)
            for la in reversed(reopen):
                out.append(f"<{la.element}{attrs(la.every)} data-part=\"cont\">")
                stack.append(la)
        while nxt < len(kept) and kept[nxt].start == pos:
            la = kept[nxt]
            out.append(f"<{la.element}{attrs(la.every)}{attrs(la.first)}>")
            stack.append(la)
            nxt += 1
        if i + 1 < len(bounds):
            out.append(esc(text[pos : bounds[i + 1]]))
    return "".join(out)

