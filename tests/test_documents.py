"""Reading releases: ``finfacts.read`` on .txt, .md and .html files, the HTML and Markdown
cleaners, boilerplate cutting, read errors, and the offset contract of ``extract(doc.text)``.

Inputs are the files in ``fixtures/releases`` and small HTML/Markdown pages written inline
(to ``tmp_path`` where a file is needed). Known library bugs are strict xfails.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from pathlib import Path
import pytest

import finfacts
from finfacts.documents import Document, html_to_text, markdown_to_text, parse, sniff, strip_boilerplate

ROOT = Path(__file__).resolve().parent.parent
RELEASES = ROOT / "fixtures" / "releases"
HTML_FIXTURE = RELEASES / "hostile-markup.html"
MD_FIXTURE = RELEASES / "markdown-release.md"


def bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


@functools.lru_cache(maxsize=None)
def _read(path: Path) -> Document:
    return finfacts.read(path)


@functools.lru_cache(maxsize=None)
def _extract(text: str) -> finfacts.Extraction:
    return finfacts.extract(text)


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


def _assert_offsets(text: str, result: finfacts.Extraction) -> None:
    assert result.text == text
    last = 0
    for m in result.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text, (m.start, m.end, m.text)
        assert m.start >= last, f"{m.text!r} overlaps the mention before it"
        last = m.end


# --------------------------------------------------------------------------- fixtures on disk
ALL_RELEASES = sorted(RELEASES.iterdir(), key=lambda p: p.name)
FORMATS = {".txt": "txt", ".md": "md", ".html": "html"}


@pytest.mark.parametrize("path", ALL_RELEASES, ids=[p.name for p in ALL_RELEASES])
def test_read_fixture(path: Path) -> None:
    doc = _read(path)
    assert doc.format == FORMATS[path.suffix]
    assert doc.source == str(path)
    assert doc.text and doc.text == doc.text.strip()
    assert "\r" not in doc.text and "\u00a0" not in doc.text


@pytest.mark.parametrize("path", ALL_RELEASES, ids=[p.name for p in ALL_RELEASES])
def test_mention_offsets_index_the_read_text(path: Path) -> None:
    doc = _read(path)
    result = _extract(doc.text)
    assert result.mentions
    _assert_offsets(doc.text, result)


TXT_RELEASES = [p for p in ALL_RELEASES if p.suffix == ".txt"]


@pytest.mark.parametrize("path", TXT_RELEASES, ids=[p.name for p in TXT_RELEASES])
def test_read_txt_keeps_the_text(path: Path) -> None:
    """The team's .txt releases carry no page furniture: read() returns them as written."""
    assert _read(path).text == path.read_text(encoding="utf-8").strip()


# hostile-markup.html: only the <article> is the release
HTML_KEPT = [
    "Cascadia Outdoor & Co. Reports First Quarter 2024 Results",
    "Net sales up 8.2%; gross margin expands to 46.1%",
    "PORTLAND, Ore., May 2, 2024 /Wirefeed/ -- Cascadia Outdoor & Co. (NYSE: CSCD)",
    "Net sales rose 8.2% to $ 212.4 million",
    "Direct-to-consumer sales reached $ 88.7 million",
    "Research & development spending was $ 7.8 million.",
    "214 stores & shop-in-shops and approximately 1,900 employees",
    "(in millions, except per share data)",
    "Three Months Ended March 31,",
    "2024 | 2023",
    "Net sales | $ 212.4 | $ 196.3",
    "Selling, general & administrative | 70.2 | 66.0",
    "Interest expense, net | (0.8) | (1.1)",
    "Diluted earnings per share | $ 0.52 | $ 0.39",
]
HTML_DROPPED = [
    "DJIA", "38,675.68", "S&P 500", "5,127.79", "\u25b2", "Latest News", "Markets", "Sign in",  # nav + ticker
    "cookies", "365 days", "Accept all",  # cookie banner
    "alert", "acceptCookies", ".cookie", "position:fixed",  # script, handlers, style
    "You may also like", "Summit Gear", "$1.1 billion", "350 jobs", "Top 10 stocks",  # related box
    "Wirefeed Media", "All rights reserved", "Privacy",  # footer
    "&amp;", "&nbsp;", "&quot;", "&#", "<", ">",  # markup and undecoded entities
]


@pytest.mark.parametrize("snippet", HTML_KEPT)
def test_html_fixture_keeps(snippet: str) -> None:
    assert snippet in _read(HTML_FIXTURE).text


@pytest.mark.parametrize("snippet", HTML_DROPPED)
def test_html_fixture_drops(snippet: str) -> None:
    assert snippet not in _read(HTML_FIXTURE).text


def test_html_fixture_title() -> None:
    assert _read(HTML_FIXTURE).title == "Cascadia Outdoor & Co. Reports First Quarter 2024 Results | Wirefeed"


# values that only the navigation, ticker, cookie banner and "You may also like" box state
NAV_ONLY_VALUES = [
    pytest.param("money", Decimal("1100000000"), id="summit-gear-$1.1-billion"),
    pytest.param("percent", Decimal("0.3"), id="djia-0.3%"),
    pytest.param("percent", Decimal("1.3"), id="s&p-1.3%"),
    pytest.param("percent", Decimal("6"), id="summit-gear-6%"),
    pytest.param("percent", Decimal("12"), id="trailhead-12%"),
    pytest.param("count", Decimal("350"), id="trailhead-350-jobs"),
    pytest.param("count", Decimal("365"), id="cookie-365-days"),
    pytest.param("count", Decimal("38675.68"), id="djia-38,675.68"),
]


@pytest.mark.parametrize(("kind", "value"), NAV_ONLY_VALUES)
def test_no_mention_from_html_page_furniture(kind: str, value: Decimal) -> None:
    result = _extract(_read(HTML_FIXTURE).text)
    assert [m.text for m in result.mentions if m.type == kind and getattr(m, "value", None) == value] == []


def test_html_fixture_mentions_are_the_releases() -> None:
    result = _extract(_read(HTML_FIXTURE).text)
    money = [m.text for m in result.by_type("money")]
    assert money[:3] == ["$ 212.4 million", "$ 196.3 million", "$ 88.7 million"]
    assert "$ 905 million to $ 925 million" in money
    assert {m.text for m in result.by_type("percent")} >= {"8.2%", "46.1%", "41.8%", "44.9%", "120 basis points"}
    assert "1,900 employees" in [m.text for m in result.by_type("count")]
    assert result.context.reference_date is not None
    assert result.context.reference_date.isoformat() == "2024-05-02"
    assert [s.text for s in result.context.scales] == ["(in millions, except per share data)"]


# markdown-release.md
MD_KEPT = [
    "AUSTIN, Texas, August 6, 2024 -- Lumen Grid Energy, Inc. (NASDAQ: LGRD), which builds",
    "Revenue of $48.2 million, up 31% from $36.8 million",
    "Adjusted EBITDA of $(2.4) million",
    "27 utility customers, up from 19 a year ago",
    "said CEO Marisol Vega.",
    "Highlights",
    "Revenue | $48.2 | $36.8 | 31%",
    "Net loss per share | $(0.11) | $(0.26) | n/m",
    "revenue of $190 million to $210 million",
    "See the investor presentation for details.",
]
MD_DROPPED = [
    "---", "company:", "ticker:", "date:", "dateline:", "tags:", "q2-2024", "2024-08-06",  # front matter
    "https://", "example.com", "quote/LGRD", "leadership#vega", ".pdf", "](",  # link targets
    "**", "*Contact", "# ", "|---", "---:",  # emphasis, headings, table rule
]


@pytest.mark.parametrize("snippet", MD_KEPT)
def test_markdown_fixture_keeps(snippet: str) -> None:
    assert snippet in _read(MD_FIXTURE).text


@pytest.mark.parametrize("snippet", MD_DROPPED)
def test_markdown_fixture_drops(snippet: str) -> None:
    assert snippet not in _read(MD_FIXTURE).text


def test_markdown_fixture_title_from_front_matter() -> None:
    doc = _read(MD_FIXTURE)
    assert doc.title == "Lumen Grid Energy Reports Second Quarter 2024 Results"
    assert doc.text.startswith("Lumen Grid Energy Reports Second Quarter 2024 Results\n\n")


def test_markdown_fixture_link_path_is_no_mention() -> None:
    result = _extract(_read(MD_FIXTURE).text)
    assert all("q2-2024" not in m.text for m in result.mentions)
    assert [m.text for m in result.by_type("money")][:2] == ["$48.2 million", "$36.8 million"]


def test_markdown_fixture_table_keeps_paragraph_breaks() -> None:
    text = _read(MD_FIXTURE).text
    assert "Financial summary\n\n(in millions, except per share data) | Q2 2024" in text
    assert "| $(0.26) | n/m\n\nOutlook" in text


# --------------------------------------------------------------------------- inline HTML
PAGE = """<!DOCTYPE html>
<html><head><title>Acme &amp; Sons Q1 2024</title>
<style>p { color: red } .x::after { content: "$9 billion" }</style>
<script>var secret = "$7 billion"; alert(1);</script></head>
<body>
<header><a href="/">Home</a> Top 5 stories</header>
<nav class="main-menu"><a href="/m">Markets 4,210.5 (+2.1%)</a></nav>
<div class="cookie-consent">This site stores 12 cookies for 30 days.</div>
<div id="gdpr-banner">Accept 3 partners</div>
<div class="ticker">NASDAQ 16,274.94</div>
<main>
<h1>Acme&nbsp;&amp;&nbsp;Sons reports Q1 2024</h1>
<p>Revenue rose&nbsp;12% to $&nbsp;5.0&nbsp;million &mdash; a record &#8364;3 &quot;Caf&eacute;&quot; &lt;sale&gt;.</p>
<p>Line one<br>Line two</p>
<table>
<tr><th>Item</th><th>2024</th><th>2023</th></tr>
<tr><td>Revenue</td><td>$</td><td><span>5.0</span></td><td>$</td><td>4.5</td></tr>
<tr><td>Net loss</td><td>(</td><td>1.2</td><td>)</td><td>(0.8)</td></tr>
<tr><td>Margin</td><td>12.5</td><td>%</td><td>11.0%</td></tr>
</table>
<div class="share-buttons">Shared 100 times</div>
<aside>Also read: Beta earns $2 billion</aside>
<form><input value="$8 billion"><button>Subscribe for 30% off</button></form>
</main>
<footer>(c) 2024 Acme Media</footer>
</body></html>"""

PAGE_KEPT = [
    pytest.param("Acme & Sons reports Q1 2024", id="heading-entities-and-nbsp"),
    pytest.param("Revenue rose 12% to $ 5.0 million — a record €3 \"Café\" <sale>.", id="entities-decoded"),
    pytest.param("Line one\n\nLine two", id="br-breaks-line"),
    pytest.param("Item | 2024 | 2023", id="table-header-row"),
    pytest.param("Revenue | $5.0 | $4.5", id="table-row-currency-cell-glued"),
    pytest.param("Net loss | (1.2) | (0.8)", id="table-row-parentheses-glued"),
    pytest.param("Margin | 12.5% | 11.0%", id="table-row-percent-glued"),
]
PAGE_DROPPED = [
    pytest.param("color: red", id="style"), pytest.param("$9 billion", id="style-content"),
    pytest.param("secret", id="script"), pytest.param("$7 billion", id="script-string"),
    pytest.param("alert", id="script-call"), pytest.param("Top 5 stories", id="header"),
    pytest.param("4,210.5", id="nav"), pytest.param("12 cookies", id="cookie-class"),
    pytest.param("Accept 3 partners", id="gdpr-id"), pytest.param("16,274.94", id="ticker-class"),
    pytest.param("Shared 100 times", id="share-class"), pytest.param("Beta earns", id="aside"),
    pytest.param("$8 billion", id="form-input"), pytest.param("30% off", id="form-button"),
    pytest.param("Acme Media", id="footer"), pytest.param("\u00a0", id="nbsp"),
    pytest.param("&amp;", id="amp-entity"), pytest.param("&nbsp;", id="nbsp-entity"),
    pytest.param("&eacute;", id="named-entity"), pytest.param("&#8364;", id="numeric-entity"),
]


@pytest.mark.parametrize("snippet", PAGE_KEPT)
def test_html_keeps(snippet: str) -> None:
    text, _title = html_to_text(PAGE)
    assert snippet in text


@pytest.mark.parametrize("snippet", PAGE_DROPPED)
def test_html_drops(snippet: str) -> None:
    text, _title = html_to_text(PAGE)
    assert snippet not in text


def test_html_title_and_read_from_file(tmp_path: Path) -> None:
    doc = finfacts.read(_write(tmp_path, "page.html", PAGE))
    assert doc.format == "html" and doc.title == "Acme & Sons Q1 2024"
    assert doc.text == html_to_text(PAGE)[0]
    result = finfacts.extract(doc.text)
    _assert_offsets(doc.text, result)
    assert [m.text for m in result.by_type("money")][0] == "$ 5.0 million"
    assert not any(getattr(m, "value", None) in (Decimal("16274.94"), Decimal("4210.5"), Decimal("30"))
                   for m in result.mentions)


@pytest.mark.parametrize(("suffix", "fmt"), [(".htm", "html"), (".HTML", "html"), (".xhtml", "html"),
                                             (".markdown", "md"), (".MD", "md"), (".text", "txt")])
def test_read_suffix_variants(tmp_path: Path, suffix: str, fmt: str) -> None:
    content = PAGE if fmt == "html" else "# Acme\n\nRevenue of **$5 million**."
    assert finfacts.read(_write(tmp_path, "release" + suffix, content)).format == fmt


# --------------------------------------------------------------------------- inline Markdown
MD = """---
title: "Acme Reports Q2 2024 Results"
date: 2024-08-06
tags: [earnings, q2-2024]
---

# Acme Reports Q2 2024 Results

**AUSTIN, Texas, August 6, 2024** -- Acme ([NASDAQ: ACME](https://example.com/q/ACME-2024)) reported revenue
of **$48.2 million**, up *31%*, and __record__ bookings. ![chart 2023](img/chart-2023.png)

> Margins rose 3.9 pp.

| Item | Q2 2024 |
|---|---:|
| Revenue | $48.2 |
"""

MD_CASES = [
    pytest.param("Acme Reports Q2 2024 Results\n\nAcme Reports Q2 2024 Results\n\n", "in", id="title-kept-then-h1"),
    pytest.param("AUSTIN, Texas, August 6, 2024 -- Acme (NASDAQ: ACME) reported revenue", "in", id="link-text-kept"),
    pytest.param("of $48.2 million, up 31%, and record bookings.", "in", id="emphasis-dropped"),
    pytest.param("Margins rose 3.9 pp.", "in", id="blockquote-text-kept"),
    pytest.param("Item | Q2 2024\nRevenue | $48.2", "in", id="pipe-table-rows"),
    pytest.param("2024-08-06", "out", id="front-matter-date"),
    pytest.param("tags", "out", id="front-matter-tags"),
    pytest.param("example.com", "out", id="link-target"),
    pytest.param("ACME-2024", "out", id="link-target-numbers"),
    pytest.param("chart", "out", id="image"),
    pytest.param("**", "out", id="bold-markers"),
    pytest.param("__", "out", id="underscore-bold-markers"),
    pytest.param("*31%*", "out", id="italic-markers"),
    pytest.param("|---", "out", id="table-rule"),
    pytest.param("# ", "out", id="heading-markers"),
]


@pytest.mark.parametrize(("snippet", "where"), MD_CASES)
def test_markdown(snippet: str, where: str) -> None:
    text, title = markdown_to_text(MD)
    assert title == "Acme Reports Q2 2024 Results"
    assert (snippet in text) is (where == "in")


def test_markdown_underscore_italics_dropped() -> None:
    text, _ = markdown_to_text("Revenue hit a _record_ $5 million.")
    assert text == "Revenue hit a record $5 million."


def test_markdown_without_front_matter_has_no_title() -> None:
    text, title = markdown_to_text("# Head\n\nRevenue of **$5 million**.")
    assert (text, title) == ("Head\n\nRevenue of $5 million.", None)


def test_markdown_read_and_offsets(tmp_path: Path) -> None:
    doc = finfacts.read(_write(tmp_path, "release.md", MD))
    assert doc.format == "md" and doc.title == "Acme Reports Q2 2024 Results"
    result = finfacts.extract(doc.text)
    _assert_offsets(doc.text, result)
    assert result.context.reference_date is not None and result.context.reference_date.isoformat() == "2024-08-06"
    assert all("2024-08-06" not in m.text and "ACME-2024" not in m.text for m in result.mentions)


# --------------------------------------------------------------------------- boilerplate
TAIL = [
    pytest.param("txt", "Revenue rose to $5 million.\n\nYou may also like\n\nOther Co. earns $9 billion.",
                 id="txt-you-may-also-like"),
    pytest.param("txt", "Revenue rose to $5 million.\nLeave a reply\nOther Co. earns $9 billion.",
                 id="txt-leave-a-reply"),
    pytest.param("txt", "Revenue rose to $5 million.\n\nRelated articles\nOther Co. earns $9 billion.",
                 id="txt-related-articles"),
    pytest.param("md", "# Acme\n\nRevenue rose to **$5 million**.\n\n### You may also like\n\n"
                 "- [Other Co. earns $9 billion](https://x.example/9)", id="md-heading-you-may-also-like"),
    pytest.param("md", "Revenue rose to $5 million.\n\n**Leave a Reply**\n\nOther Co. earns $9 billion.",
                 id="md-bold-leave-a-reply"),
    pytest.param("html", "<article><p>Revenue rose to $5 million.</p><h3>You may also like</h3>"
                 "<p>Other Co. earns $9 billion.</p></article>", id="html-you-may-also-like"),
    pytest.param("html", "<div id='content'><p>Revenue rose to $5 million.</p></div><section>"
                 "<h3>Leave a reply</h3><p>Other Co. earns $9 billion.</p></section>", id="html-leave-a-reply"),
]


@pytest.mark.parametrize(("fmt", "content"), TAIL)
def test_tail_boilerplate_is_cut(tmp_path: Path, fmt: str, content: str) -> None:
    doc = finfacts.read(_write(tmp_path, f"release.{fmt}", content))
    assert doc.text.endswith("Revenue rose to $5 million.")
    assert "Other Co." not in doc.text and "$9 billion" not in doc.text
    money = finfacts.extract(doc.text).by_type("money")
    assert [m.text for m in money] == ["$5 million"]


@pytest.mark.parametrize("line", [
    "We use cookies to improve your experience for 365 days.",
    "This website uses cookies.",
    "Accept all cookies",
    "Skip to main content",
    "Your email address will not be published.",
    "Required fields are marked *",
    "Sign in",
    "Share this:",
    "Print this page",
])
def test_furniture_lines_are_dropped(line: str) -> None:
    text = f"Revenue rose to $5 million.\n{line}\nProfit rose 3%."
    out = parse(text, "txt").text
    assert line not in out
    assert out == "Revenue rose to $5 million.\n\nProfit rose 3%."


def test_strip_boilerplate_leaves_a_clean_release_alone() -> None:
    text = "Acme reported revenue of $5 million.\n\nProfit rose 3% year-on-year."
    assert strip_boilerplate(text) == text


# --------------------------------------------------------------------------- errors
ERRORS = [
    pytest.param("release.pdf", b"%PDF-1.7\n", r"\[E009\]", id="pdf-suffix"),
    pytest.param("release.docx", b"PK\x03\x04", r"\[E009\]", id="docx-suffix"),
    pytest.param("release", b"Revenue rose.", r"\[E009\]", id="no-suffix"),
    pytest.param("release.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"\[E005\].*binary", id="binary-txt"),
    pytest.param("release.html", b"<html>\x00\x01\x02</html>", r"\[E005\].*binary", id="binary-html"),
]


@pytest.mark.parametrize(("name", "data", "match"), ERRORS)
def test_read_errors(tmp_path: Path, name: str, data: bytes, match: str) -> None:
    with pytest.raises(finfacts.FinfactsError, match=match):
        finfacts.read(_write(tmp_path, name, data))


def test_read_missing_file(tmp_path: Path) -> None:
    with pytest.raises(finfacts.FinfactsError, match=r"\[E008\]"):
        finfacts.read(tmp_path / "missing.txt")


def test_read_directory(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(finfacts.FinfactsError, match=r"\[E008\]"):
        finfacts.read(tmp_path / "folder.txt")


def test_read_txt_bom_and_crlf(tmp_path: Path) -> None:
    doc = finfacts.read(_write(tmp_path, "release.txt", b"\xef\xbb\xbfRevenue rose to $5 million.\r\nProfit rose 3%.\r"))
    assert doc.text == "Revenue rose to $5 million.\nProfit rose 3%."
    _assert_offsets(doc.text, finfacts.extract(doc.text))


def test_document_is_frozen() -> None:
    doc = parse("Revenue rose.", "txt")
    with pytest.raises(Exception):
        doc.text = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(("text", "fmt"), [
    pytest.param("<!DOCTYPE html><html><body><p>x</p></body></html>", "html", id="doctype"),
    pytest.param("  <html><p>x</p></html>", "html", id="html-tag"),
    pytest.param("<p>Revenue rose.</p>", "html", id="p-tag"),
    pytest.param("---\ntitle: x\n---\nRevenue rose.", "md", id="front-matter"),
    pytest.param("Intro\n\n## Highlights\n\nRevenue rose.", "md", id="heading"),
    pytest.param("Revenue rose 5% to $3 million.", "txt", id="plain"),
    pytest.param("#1 in sales; revenue rose.", "txt", id="hash-not-heading"),
])
def test_sniff(text: str, fmt: str) -> None:
    assert sniff(text) == fmt


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_parse_offsets_property(fmt: str) -> None:
    raw = {"txt": "TORONTO, Feb. 21, 2024 -- Revenue rose 5% to C$3 million in Q4 2023.",
           "md": "# Acme\n\nTORONTO, Feb. 21, 2024 -- Revenue rose **5%** to [C$3 million](x.pdf) in Q4 2023.",
           "html": "<p>TORONTO, Feb. 21, 2024 -- Revenue rose <b>5%</b> to C$&nbsp;3 million in Q4 2023.</p>"}[fmt]
    doc = parse(raw, fmt)  # type: ignore[arg-type]
    result = finfacts.extract(doc.text)
    _assert_offsets(doc.text, result)
    assert [m.type for m in result.mentions] == ["period", "percent", "money", "period"]
