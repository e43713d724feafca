"""Read releases from .txt, .md and .html files into clean text.

Every offset finfacts reports refers to the text these functions return (``Document.text``).
HTML is parsed with selectolax: scripts, styles and navigation are dropped, block
structure and table rows are kept (cells joined by `` | ``), entities decoded and
non-breaking spaces normalized. Web-page boilerplate ("You may also like", "Leave a reply",
cookie notices) is cut from every format.
"""

from __future__ import annotations

import codecs
import logging
import os
from pathlib import Path
from typing import Any, Literal

import regex
from pydantic import BaseModel, ConfigDict
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from .errors import Errors, FinfactsError

log = logging.getLogger("finfacts")

Format = Literal["txt", "md", "html"]
# Files larger than this are refused before they are read (the text of a 20 MB page is far
# under extract's 5,000,000-character limit; a larger file is rarely a release).
MAX_BYTES = 20_000_000
SUFFIXES: dict[str, Format] = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
                               ".html": "html", ".htm": "html", ".xhtml": "html"}

DROP_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
             "svg", "button", "template", "select", "input", "head"]
DROP_CLASS = regex.compile(
    r"(?i)(?:^|[\s_-])(?:cookie|consent|gdpr|nav|navbar|menu|breadcrumb|footer|sidebar|share|social|"
    r"related|recommend|subscribe|newsletter|comment|advert|ads|promo|popup|modal|ticker)(?:$|[\s_-])"
)
BLOCK_TAGS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
              "h6", "table", "tr", "blockquote", "pre", "dl", "dt", "dd", "caption", "figure",
              "figcaption", "br", "hr", "body", "center", "address"}

# A line that starts page furniture: it and everything after it is dropped.
TAIL_MARKERS = regex.compile(
    r"(?im)^[ \t#*>-]*(?:you may also like|related (?:posts|articles|news|stories)|leave a (?:reply|comment)|"
    r"more from this (?:author|section)|recommended for you|read more news|share this (?:article|story|post)|"
    r"view (?:the )?(?:source version|original release|original version|source release)|original/source press release|"
    r"newsramp\.com tldr)"
    r"\b.*$"
)
# Single lines of furniture anywhere in the text.
LINE_MARKERS = regex.compile(
    r"(?im)^[ \t*>-]*(?:your email address will not be published.*|required fields are marked.*|"
    r"we use cookies.*|this (?:site|website) uses cookies.*|accept (?:all )?cookies.*|skip to (?:main )?content.*|"
    r"sign in|log in|subscribe(?: now)?|share(?: this)?:?|print this page)[ \t]*$"
)
_SPACES = regex.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANKS = regex.compile(r"\n{3,}")


class Document(BaseModel):
    """A release as finfacts reads it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    source: str | None = None
    format: Format = "txt"
    title: str | None = None


def _norm_spaces(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip("\n")


def strip_boilerplate(text: str) -> str:
    """Cut trailing page furniture and single furniture lines.

    >>> strip_boilerplate("Revenue was $5 million.\\n\\nYou may also like\\n\\nOther Co. earns $9 billion")
    'Revenue was $5 million.'
    >>> strip_boilerplate("Profit rose.\\nLeave a reply\\nYour email address will not be published.")
    'Profit rose.'
    """
    m = TAIL_MARKERS.search(text)
    if m is not None:
        text = text[: m.start()]
    text = LINE_MARKERS.sub("", text)
    return _BLANKS.sub("\n\n", text).strip()


_NODE, _TEXT, _CELL, _ROW = range(4)


def _walk(root: Node, out: list[str]) -> None:
    """Append the text of ``root`` to ``out``: blocks on lines of their own, table rows as
    ``cell | cell``. Walks with a stack of its own rather than by recursion, so that markup
    nested thousands deep cannot exhaust Python's recursion limit."""
    stack: list[tuple[int, Any, Any]] = [(_NODE, root, out)]
    while stack:
        kind, item, target = stack.pop()
        if kind == _TEXT:
            target.append(item)
            continue
        if kind == _CELL:  # item: the text parts of one cell; target: the row's cells
            value = " ".join("".join(item).split())
            if value:
                target[0].append(value)
            continue
        if kind == _ROW:  # item: (cells, number of td/th); target: out
            cells, total = item
            if cells:
                # a heading row of a table ("OPERATING EXPENSES:" over empty cells) keeps a cell
                # mark, so the table reads on through it
                tail = " |" if len(cells) == 1 and total > 1 else ""
                target.append(" | ".join(_glue_cells(cells)) + tail + "\n")
            continue
        node: Node = item
        tag = node.tag
        if tag == "-text":
            target.append(node.text(deep=False) or "")
            continue
        todo: list[tuple[int, Any, Any]] = []  # in reading order; pushed reversed
        if tag == "tr":
            cells: list[str] = []
            row = ([cells], 0)
            total = 0
            for cell in node.iter():
                if cell.tag in ("td", "th"):
                    total += 1
                    parts: list[str] = []
                    todo.extend((_NODE, child, parts) for child in cell.iter(include_text=True))
                    todo.append((_CELL, parts, row[0]))
            todo.append((_ROW, (cells, total), target))
        else:
            block = tag in BLOCK_TAGS
            if block:
                todo.append((_TEXT, "\n", target))
            todo.extend((_NODE, child, target) for child in node.iter(include_text=True))
            if block:
                todo.append((_TEXT, "\n", target))
        stack.extend(reversed(todo))


def _glue_cells(cells: list[str]) -> list[str]:
    """Join a lone '$' or '(' cell to the next one and a lone ')' or '%' to the previous one."""
    out: list[str] = []
    pending = ""
    for c in cells:
        if c in ("$", "(", "($", "€", "£", "¥", "US$", "RMB", "HK$"):
            pending += c
            continue
        if c in (")", "%", ")%") and out:
            out[-1] += c
            continue
        out.append(pending + c)
        pending = ""
    if pending:
        out.append(pending)
    return out


# HTML parsers, lexbor too, spend time in proportion to the depth of open elements on each tag
# ("is there a <p> in scope?"), so markup nested a hundred thousand deep takes hours. Like
# browsers (Blink stops nesting at 512), elements are not nested deeper than MAX_HTML_DEPTH:
# the start tags beyond it, and as many end tags after them, are dropped before parsing; their
# text stays. Elements whose end tag may be left out (<p>, <li>, <td>...) and void ones (<br>)
# are not counted, so sloppy pages are never taken for deep ones.
MAX_HTML_DEPTH = 512
_TAG = regex.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*+)([^<>]*+)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr keygen command basefont "
                  "bgsound frame image".split())
_OPTIONAL_END = frozenset("p li dt dd rb rt rtc rp optgroup option colgroup caption thead tbody tfoot tr td th "
                          "html head body".split())


def limit_depth(html: str, max_depth: int = MAX_HTML_DEPTH) -> str:
    """``html`` with elements nested no deeper than ``max_depth`` (unchanged when they are not).

    >>> limit_depth("<div><div><div>Revenue</div></div></div>", max_depth=2)
    '<div><div>Revenue</div></div>'
    >>> limit_depth("<ul><li>a<li>b</ul><p>c<br><p>d", max_depth=1)
    '<ul><li>a<li>b</ul><p>c<br><p>d'
    """
    # first the depth alone (tuples are cheaper than match objects), then, rarely, the tags to drop
    depth = peak = 0
    skip = _VOID | _OPTIONAL_END
    for end, name, rest in _TAG.findall(html):
        if rest.endswith("/") or name.lower() in skip:
            continue
        if end:
            depth -= depth > 0
        else:
            depth += 1
            peak = max(peak, depth)
    if peak <= max_depth:
        return html
    depth = excess = 0
    drop: list[tuple[int, int]] = []
    for m in _TAG.finditer(html):
        if m.group(3).endswith("/") or m.group(2).lower() in skip:
            continue
        if m.group(1):  # an end tag
            if excess:
                excess -= 1
                drop.append(m.span())
            elif depth:
                depth -= 1
        elif depth < max_depth:
            depth += 1
        else:
            excess += 1
            drop.append(m.span())
    out, pos = [], 0
    for a, b in drop:
        out.append(html[pos:a])
        pos = b
    out.append(html[pos:])
    return "".join(out)


def html_to_text(html: str) -> tuple[str, str | None]:
    """Visible text of an HTML page (the article when the page marks one) and its title.

    >>> html_to_text("<html><script>alert(1)</script><nav>Home</nav><p>Sales&nbsp;rose &amp; grew</p></html>")[0]
    'Sales rose & grew'
    >>> html_to_text("<table><tr><td>Revenue</td><td>$</td><td>12.5</td></tr></table>")[0]
    'Revenue | $12.5'
    >>> html_to_text("<table><tr><td>Operating expenses:</td><td></td></tr><tr><td>Selling</td><td>7</td></tr></table>")[0]
    'Operating expenses: |\\nSelling | 7'
    """
    tree = HTMLParser(limit_depth(html))
    title_node = tree.css_first("title")
    title = " ".join(title_node.text().split()) if title_node is not None else None
    tree.strip_tags(DROP_TAGS)
    for node in tree.css("[class], [id]"):
        marker = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if DROP_CLASS.search(marker) and node.tag not in ("body", "html", "main", "article"):
            node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    parts: list[str] = []
    if root is not None:
        _walk(root, parts)
    return _norm_spaces("".join(parts)), title


_FRONT = regex.compile(r"\A---\s*\n(?P<body>.*?)\n---\s*\n", regex.S)
# Bracketed text never holds another "[" and a target is read to the ")" that balances its "(":
# "[^\]]*" alone would let each of many "[" with no "]" read to the end of the text (quadratic).
_TARGET = r"\((?:[^()]++|\([^()]*+\))*+\)"
_IMG = regex.compile(r"!\[[^\[\]]*+\]" + _TARGET)
_LINK = regex.compile(r"\[([^\[\]]*+)\]" + _TARGET)
_EMPH = regex.compile(r"(\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<![\w_])_(?=[^\s_])|(?<=[^\s_])_(?![\w_]))")
_HEADING = regex.compile(r"(?m)^#{1,6}\s+")
# possessive: giving back spaces or dashes never helps a match, and trying it is quadratic in a long line
_TABLE_SEP = regex.compile(r"(?m)^[ \t]*+\|?[ \t]*+:?-{2,}+:?[ \t]*+(?:\|[ \t]*+:?-{2,}+:?[ \t]*+)*+\|?[ \t]*+$\n?")
_PIPE_ROW = regex.compile(r"(?m)^[ \t]*\|(.*)\|[ \t]*$")
_HTML_TAG = regex.compile(r"</?(?:br|p|div|span|strong|em|b|i|u|sup|sub|a)\b[^<>]*+>", regex.I)


def markdown_to_text(md: str) -> tuple[str, str | None]:
    """Plain text of a Markdown release: front matter reduced to its title, links to their text.

    >>> markdown_to_text("---\\ntitle: Q2 results\\n---\\n# Head\\nRevenue of **$48.2 million** ([PDF](x.pdf))")[0]
    'Q2 results\\n\\nHead\\nRevenue of $48.2 million (PDF)'
    """
    title = None
    m = _FRONT.match(md)
    if m is not None:
        for line in m.group("body").splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() == "title":
                title = value.strip().strip("\"'")
        md = (title + "\n\n" if title else "") + md[m.end():]
    text = _IMG.sub("", md)
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _EMPH.sub("", text)
    text = _HEADING.sub("", text)
    text = _TABLE_SEP.sub("", text)
    text = _PIPE_ROW.sub(lambda r: " | ".join(c.strip() for c in r.group(1).split("|")), text)
    for entity, char in (("&amp;", "&"), ("&nbsp;", " "), ("&quot;", '"'), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">")):
        text = text.replace(entity, char)
    return _norm_spaces(text), title


def decode(data: bytes, name: str) -> str:
    """The text of a file's bytes.

    The policy: a byte-order mark decides (UTF-8 or UTF-16, the mark dropped); else the bytes
    are UTF-8. Bytes that are not UTF-8 are read as Windows-1252 when no multi-byte sequence of
    the file is valid UTF-8 (a file saved in a legacy single-byte encoding), else each invalid
    byte becomes U+FFFD, one character for one byte (a UTF-8 file with a few broken bytes);
    either way a warning is logged. The text never holds a lone surrogate.

    >>> decode("Revenue €5m".encode("utf-8"), "a.txt"), decode("Revenue €5m".encode("cp1252"), "b.txt")
    ('Revenue €5m', 'Revenue €5m')
    >>> decode(b"\\xef\\xbb\\xbfUp 5% \\xe2\\x80\\x94 to $5\\xff", "c.txt")
    'Up 5% — to $5\\ufffd'

    Raises:
        FinfactsError: E005 for binary data (a NUL byte in the first 8 KiB of a file without a
            UTF-16 mark).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    if b"\x00" in data[:8192]:
        raise FinfactsError(Errors.E005.format(path=name, msg="binary data (NUL bytes)"))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        first = e.start
    text = data.decode("utf-8", "replace")
    if _DECODED_NON_ASCII.search(text) is None:
        log.warning("%s is not UTF-8 (byte %d); read as Windows-1252", name, first)
        return data.decode("cp1252", "replace")
    log.warning("%s has bytes that are not UTF-8 (the first at %d); each became U+FFFD", name, first)
    return text


# a non-ASCII character that decoded: the file does use multi-byte UTF-8
_DECODED_NON_ASCII = regex.compile("[^\\x00-\\x7f\\ufffd]")


def parse(text: str, fmt: Format = "txt", source: str | None = None) -> Document:
    """Turn the raw text of a release in a known format into a Document."""
    title = None
    if fmt == "html":
        text, title = html_to_text(text)
    elif fmt == "md":
        text, title = markdown_to_text(text)
    else:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Document(text=strip_boilerplate(text), source=source, format=fmt, title=title)


def sniff(text: str) -> Format:
    """Guess the format of text that came without a file name."""
    head = text.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head or "<p>" in head):
        return "html"
    if head.startswith("---\n") or regex.search(r"(?m)^#{1,6} \S", text[:2000]):
        return "md"
    return "txt"


def read_bytes(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a file, refused before they are read when there are more than ``max_bytes``.

    Raises:
        FinfactsError: E014 for a file over the limit, E008 when it cannot be read.
    """
    p = str(path)
    try:
        with open(p, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise FinfactsError(Errors.E014.format(path=p, size=size, limit=max_bytes))
            data = fh.read(max_bytes + 1)  # a file that grows meanwhile is still bounded
    except OSError as e:
        raise FinfactsError(Errors.E008.format(path=p, msg=e.strerror or e)) from e
    if len(data) > max_bytes:
        raise FinfactsError(Errors.E014.format(path=p, size=f"more than {max_bytes}", limit=max_bytes))
    return data


def read(path: str | Path, max_bytes: int = MAX_BYTES) -> Document:
    """Read a .txt, .md or .html release.

    Args:
        path: the file.
        max_bytes: refuse larger files (before reading them) rather than exhaust memory.

    Bytes are decoded as :func:`decode` says (UTF-8, else Windows-1252 or U+FFFD replacements).

    Raises:
        FinfactsError: the file cannot be read (E008), is binary (E005), is larger than
            ``max_bytes`` (E014), or has another suffix (E009).
    """
    p = Path(path)
    fmt = SUFFIXES.get(p.suffix.lower())
    if fmt is None:
        raise FinfactsError(Errors.E009.format(suffix=p.suffix, path=str(p)))
    return parse(decode(read_bytes(p, max_bytes), str(p)), fmt, source=str(p))
