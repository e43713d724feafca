"""Read releases from .txt, .md and .html files into clean text.

Every offset finfacts reports refers to the text these functions return (``Document.text``).
HTML is parsed with selectolax: scripts, styles and navigation are dropped, block
structure and table rows are kept (cells joined by `` | ``), entities decoded and
non-breaking spaces normalized. Web-page boilerplate ("You may also like", "Leave a reply",
cookie notices) is cut from every format.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from .errors import Errors, FinfactsError

Format = Literal["txt", "md", "html"]
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


def _walk(node: Node, out: list[str]) -> None:
    tag = node.tag
    if tag == "-text":
        out.append(node.text(deep=False) or "")
        return
    if tag == "tr":
        cells = []
        total = 0
        for cell in node.iter():
            if cell.tag in ("td", "th"):
                total += 1
                parts: list[str] = []
                for child in cell.iter(include_text=True):
                    _walk(child, parts)
                value = " ".join("".join(parts).split())
                if value:
                    cells.append(value)
        if cells:
            # a heading row of a table ("OPERATING EXPENSES:" over empty cells) keeps a cell mark, so
            # the table reads on through it
            tail = " |" if len(cells) == 1 and total > 1 else ""
            out.append(" | ".join(_glue_cells(cells)) + tail + "\n")
        return
    block = tag in BLOCK_TAGS
    if block:
        out.append("\n")
    for child in node.iter(include_text=True):
        _walk(child, out)
    if block:
        out.append("\n")


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


def html_to_text(html: str) -> tuple[str, str | None]:
    """Visible text of an HTML page (the article when the page marks one) and its title.

    >>> html_to_text("<html><script>alert(1)</script><nav>Home</nav><p>Sales&nbsp;rose &amp; grew</p></html>")[0]
    'Sales rose & grew'
    >>> html_to_text("<table><tr><td>Revenue</td><td>$</td><td>12.5</td></tr></table>")[0]
    'Revenue | $12.5'
    >>> html_to_text("<table><tr><td>Operating expenses:</td><td></td></tr><tr><td>Selling</td><td>7</td></tr></table>")[0]
    'Operating expenses: |\\nSelling | 7'
    """
    tree = HTMLParser(html)
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
_IMG = regex.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = regex.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPH = regex.compile(r"(\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<![\w_])_(?=[^\s_])|(?<=[^\s_])_(?![\w_]))")
_HEADING = regex.compile(r"(?m)^#{1,6}\s+")
_TABLE_SEP = regex.compile(r"(?m)^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$\n?")
_PIPE_ROW = regex.compile(r"(?m)^[ \t]*\|(.*)\|[ \t]*$")
_HTML_TAG = regex.compile(r"</?(?:br|p|div|span|strong|em|b|i|u|sup|sub|a)\b[^>]*>", regex.I)


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
    """UTF-8 text of a file's bytes, or a FinfactsError saying why not."""
    if b"\x00" in data[:8192]:
        raise FinfactsError(Errors.E005.format(path=name, msg="binary data (NUL bytes)"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise FinfactsError(Errors.E005.format(path=name, msg=f"byte {e.start}: {e.reason}")) from e


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


def read(path: str | Path) -> Document:
    """Read a .txt, .md or .html release.

    Raises:
        FinfactsError: the file cannot be read, is not UTF-8 text, or has another suffix.
    """
    p = Path(path)
    fmt = SUFFIXES.get(p.suffix.lower())
    if fmt is None:
        raise FinfactsError(Errors.E009.format(suffix=p.suffix, path=str(p)))
    try:
        data = p.read_bytes()
    except OSError as e:
        raise FinfactsError(Errors.E008.format(path=str(p), msg=e.strerror or e)) from e
    return parse(decode(data, str(p)), fmt, source=str(p))
