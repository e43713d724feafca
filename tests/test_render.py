"""The HTML view: escaping, highlighted mentions, facts and findings links, corpus page, CLI.

Pages are parsed back with the standard library's HTML parser (which decodes character
references the way browsers do), so the tests read what a browser would show.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from typer.testing import CliRunner

import finfacts
from finfacts.cli import app
from finfacts.models import Extraction, Finding, Money, Report
from finfacts.render import render_corpus, render_extraction, render_report
from finfacts.render.markup import Layer, esc, highlight, visible

from .conftest import FIXTURES, RELEASES
from .helpers import extract_cached

HOSTILE = FIXTURES / "render" / "hostile-text.txt"
RETAIL = RELEASES / "contradictory-retail-2024.txt"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Parsed(HTMLParser):
    """A page read back: its elements, the text of the release panel and where each element sits in it."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.by_id: dict[str, tuple[str, dict[str, str | None]]] = {}
        self.text_parts: list[str] = []
        self.in_text = 0  # depth inside <div class="ff-text">, 0 outside
        self.open_at: list[int] = []  # text offset where each open element inside the panel started
        self.pieces: dict[str, list[tuple[int, int, dict[str, str | None]]]] = defaultdict(list)
        self.feed(page)
        self.close()
        assert not self.stack, f"unclosed elements: {[t for t, _ in self.stack]}"

    @property
    def text(self) -> str:
        return "".join(self.text_parts)

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attrs_list)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            assert attrs["id"] not in self.by_id, f"duplicate id {attrs['id']}"
            self.by_id[str(attrs["id"])] = (tag, attrs)
        if tag in VOID:
            return
        self.stack.append((tag, attrs))
        if self.in_text:
            self.in_text += 1
            self.open_at.append(len(self.text))
        elif tag == "div" and attrs.get("class") == "ff-text":
            self.in_text = 1
            self.open_at.append(0)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack, f"</{tag}> closes nothing"
        open_tag, attrs = self.stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        if self.in_text:
            start = self.open_at.pop()
            if attrs.get("data-k"):
                self.pieces[str(attrs["data-k"])].append((start, len(self.text), attrs))
            self.in_text -= 1

    def handle_data(self, data: str) -> None:
        if self.in_text:
            self.text_parts.append(data)

    def spans(self, key: str) -> list[tuple[int, int]]:
        """The extents of an element's pieces, contiguous pieces joined."""
        out: list[tuple[int, int]] = []
        for a, b, _ in sorted(self.pieces[key], key=lambda p: p[0]):
            if out and out[-1][1] == a:
                out[-1] = (out[-1][0], b)
            else:
                out.append((a, b))
        return out

    def count(self, tag: str) -> int:
        return sum(1 for t, _ in self.tags if t == tag)

    def hrefs(self) -> list[str]:
        return [str(a["href"]) for t, a in self.tags if t == "a" and a.get("href")]


def _page(path: Path) -> tuple[Extraction, Report, str]:
    ex = extract_cached(path.read_text(encoding="utf-8"))
    report = finfacts.check(ex)
    return ex, report, render_extraction(ex, report)


# ----------------------------------------------------------------------------- escaping


def test_render_hostile_text_is_text() -> None:
    ex, _, page = _page(HOSTILE)
    parsed = Parsed(page)
    assert parsed.text == ex.text
    # the only script is the page's own, after the view; no element came from the release
    assert parsed.count("script") == 1 and page.rstrip().endswith("</script>\n</body>\n</html>")
    for tag in ("img", "iframe", "b"):
        assert parsed.count(tag) == 0, tag
    assert not [a for _, a in parsed.tags if any(k.startswith("on") for k in a)]
    assert not [h for h in parsed.hrefs() if h.lower().startswith("javascript")]
    assert "<script>window.__pwned" in parsed.text and '<img src=x onerror="' in parsed.text
    assert "&lt;script&gt; &amp; &#x3C;img&#x3E;" in parsed.text  # entities in the text stay literal


@pytest.mark.parametrize("message", ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "a & b"])
def test_render_finding_message_is_escaped(message: str) -> None:
    text = "Revenue was $5 million."
    ex = extract_cached(text)
    report = Report(findings=[Finding(rule="<rule>", status="fail", message=message, spans=[(12, 22)])])
    for page in (render_extraction(ex, report), render_report(report)):
        parsed = Parsed(page)
        assert parsed.count("img") == 0 and parsed.count("script") <= 1
        assert message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") in page


def test_render_title_is_escaped() -> None:
    ex = extract_cached("<script>x()</script> Revenue was $5 million.")
    page = render_extraction(ex)
    assert "<title>finfacts: &lt;script&gt;x()&lt;/script&gt; Revenue was $5 million.</title>" in page
    assert "<h1>&lt;script&gt;" in page


@pytest.mark.parametrize(
    "text,shown",
    [
        ("a\r\nb\rc", "a\r\nb\rc"),  # carriage returns survive as &#13;
        ("nul\x00here", "nul\ufffdhere"),  # a browser drops NUL; one character for one keeps offsets
        ("\ud800 lone", "\ufffd lone"),
        ("&amp; &#60; <!-- x --> ]]>", "&amp; &#60; <!-- x --> ]]>"),
    ],
)
def test_render_text_survives_parsing(text: str, shown: str) -> None:
    ex = Extraction(text=text)
    parsed = Parsed(render_extraction(ex, Report()))
    assert parsed.text == shown == visible(text)


fragments = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "&amp;", "&lt;", "&#60;", "\"", "'", "<", ">",
    "</div>", "<!--", "-->", "\r\n", "\n", "\x00", "$1.2 million", "up 5%", "RMB271.0 billion", "fiscal 2024",
    "Revenue rose 25% to $500 million from $450 million. ", "17,800 employees", " ",
])
hostile_text = st.lists(st.one_of(fragments, st.text(max_size=12)), max_size=25).map("".join)


@given(text=hostile_text, cuts=st.lists(st.tuples(st.integers(0, 400), st.integers(0, 400)), max_size=6))
@example(text="<script>alert(1)</script>$1.2 million", cuts=[(0, 30), (20, 37)])
def test_render_any_text_round_trips(text: str, cuts: list[tuple[int, int]]) -> None:
    """Whatever the text and wherever findings point, the page shows exactly the text, well nested."""
    ex = finfacts.extract(text)
    spans = [(min(a, b), max(a, b)) for a, b in cuts]
    report = Report(findings=[Finding(rule="r", status="fail" if i % 2 else "warn", message="m", spans=spans[i:])
                              for i in range(len(spans))])
    parsed = Parsed(render_extraction(ex, report))
    assert parsed.text == visible(text)
    for m in ex.mentions:
        assert parsed.spans(f"m-{m.id}") == [(m.start, m.end)]
    n = len(text)
    for a, b in set(spans):
        assert parsed.spans(f"s-{a}-{b}") == ([(a, b)] if 0 <= a < b <= n else [])


# ----------------------------------------------------------------------------- the highlight pass


@pytest.mark.parametrize(
    "layers",
    [
        [(0, 5), (5, 9)],  # touching
        [(0, 9), (2, 4)],  # nested
        [(2, 4), (0, 9)],  # nested, given inner first
        [(0, 5), (3, 9)],  # crossing
        [(0, 5), (0, 5), (0, 9)],  # equal and enclosing
        [(1, 8), (0, 3), (6, 9), (3, 6)],  # one span crossed on both sides
        [(4, 4), (-1, 3), (8, 12)],  # empty and out of range: dropped
    ],
)
def test_render_highlight_nests_any_layers(layers: list[tuple[int, int]]) -> None:
    text = "a<b>&c\r\"d"
    body = highlight(text, [Layer(a, b, "span", {"data-k": f"k{i}"}, {"id": f"i{i}"}, after=f"<a data-after='{i}'></a>")
                            for i, (a, b) in enumerate(layers)])
    parsed = Parsed(f'<div class="ff-text">{body}</div>')
    assert parsed.text == text
    for i, (a, b) in enumerate(layers):
        kept = 0 <= a < b <= len(text)
        assert parsed.spans(f"k{i}") == ([(a, b)] if kept else [])
        # the id is on the first piece only; the after-markup follows the last piece
        assert (f"i{i}" in parsed.by_id) == kept
        assert body.count(f"data-after='{i}'") == kept


@st.composite
def text_and_layers(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, int]]]:
    text = draw(st.text(min_size=1, max_size=30))
    bound = st.integers(-1, len(text) + 1)
    return text, draw(st.lists(st.tuples(bound, bound, st.integers(0, 2)), max_size=8))


@given(case=text_and_layers())
def test_render_highlight_properties(case: tuple[str, list[tuple[int, int, int]]]) -> None:
    text, layers = case
    body = highlight(text, [Layer(a, b, "mark", {"data-k": f"k{i}"}, rank=r) for i, (a, b, r) in enumerate(layers)])
    parsed = Parsed(f'<div class="ff-text">{body}</div>')
    assert parsed.text == visible(text)
    for i, (a, b, _) in enumerate(layers):
        assert parsed.spans(f"k{i}") == ([(a, b)] if 0 <= a < b <= len(text) else [])


# ----------------------------------------------------------------------------- mentions, facts, findings


@pytest.mark.parametrize("path", sorted(RELEASES.glob("*.txt")) + [HOSTILE], ids=lambda p: p.stem)
def test_render_every_mention_highlighted(path: Path) -> None:
    ex, _, page = _page(path)
    parsed = Parsed(page)
    assert parsed.text == ex.text
    assert ex.mentions
    marks = {str(a["data-k"]) for t, a in parsed.tags if t == "mark" and a.get("data-k")}
    assert marks == {f"m-{m.id}" for m in ex.mentions}
    for m in ex.mentions:
        assert parsed.spans(f"m-{m.id}") == [(m.start, m.end)], m
        tag, attrs = parsed.by_id[m.id]
        assert tag == "mark" and attrs["class"] == f"ff-m ff-{m.type}" and attrs["tabindex"] == "0"
        assert parsed.text[m.start : m.end] == m.text


def test_render_tooltip_says_value_currency_period_metric_rule() -> None:
    ex, _, page = _page(RELEASES / "aurora-devices-fy2023.txt")
    fact = next(f for f in ex.facts if f.value.type == "money" and f.metric and f.period and f.period.period_start)
    m = fact.value
    assert isinstance(m, Money) and m.value is not None
    tip = str(Parsed(page).by_id[m.id][1]["data-tip"])
    lines = dict(re.split(r"\s+", line, maxsplit=1) for line in tip.split("\n"))
    assert lines["money"] == f"{m.value:,f} {m.currency}"
    assert lines["currency"] == m.currency
    assert lines["metric"].startswith(fact.metric)
    assert lines["period"].startswith(f"{fact.period.period_start} – {fact.period.period_end}")
    assert lines["rule"] == m.rule and lines["fact"] == fact.id


def test_render_fact_rows_link_to_mentions() -> None:
    ex, _, page = _page(RETAIL)
    parsed = Parsed(page)
    for fact in ex.facts:
        tag, attrs = parsed.by_id[f"fact-{fact.id}"]
        assert tag == "tr" and attrs["data-k"] == f"f-{fact.id}"
        assert f"m-{fact.value.id}" in str(attrs["data-light"]).split()
    row_links = re.findall(r'<tr id="fact-(f\d+)".*?</tr>', page)
    assert row_links == [f.id for f in ex.facts]
    for fact in ex.facts:
        row = re.search(rf'<tr id="fact-{fact.id}".*?</tr>', page)
        assert row is not None and f'href="#{fact.value.id}"' in row.group(0)
        assert parsed.by_id[fact.value.id][0] == "mark"
    # every in-page link lands on an element of the page
    for href in parsed.hrefs():
        assert href.startswith("#") and href[1:] in parsed.by_id, href


def test_render_findings_panel_links_both_ways() -> None:
    _, report, page = _page(RETAIL)
    parsed = Parsed(page)
    # failed findings first, then warned, each in the report's order
    shown = sorted((f for f in report.findings if f.status in ("fail", "warn")), key=lambda f: f.status != "fail")
    assert len(shown) >= 4  # the fixture plants contradictions
    items = [a for t, a in parsed.tags if t == "li" and str(a.get("class", "")).startswith("ff-finding")]
    assert [a["id"] for a in items] == [f"finding-{n}" for n in range(1, len(shown) + 1)]
    assert page.count('class="ff-badge ff-fail"') == sum(f.status == "fail" for f in report.findings)
    in_text = page.split('<div class="ff-text">', 1)[1]
    for n, (finding, attrs) in enumerate(zip(shown, items, strict=True), 1):
        assert attrs["class"] == f"ff-finding ff-{finding.status}"
        assert str(attrs["data-light"]).split() == [f"s-{a}-{b}" for a, b in dict.fromkeys(finding.spans)]
        item = re.search(rf'<li id="finding-{n}".*?</li>', page, re.DOTALL)
        assert item is not None and esc(finding.message) in item.group(0)
        for a, b in finding.spans:
            span_id = f"span-{a}-{b}"
            # the panel links to the span, the span is outlined, and it links back to the panel
            assert f'href="#{span_id}"' in item.group(0)
            tag, span = parsed.by_id[span_id]
            assert tag == "span" and re.fullmatch(r"ff-s ff-s-(fail|warn)", str(span["class"]))
            assert f"x-{n}" in str(span["data-light"]).split()
            assert parsed.spans(f"s-{a}-{b}") == [(a, b)]
        assert f'href="#finding-{n}"' in in_text


def test_render_findings_outline_status_colours() -> None:
    text = "Net sales were $4.2 billion. Net sales were $4.6 billion."
    ex = extract_cached(text)
    money = ex.by_type("money")
    report = Report(findings=[
        Finding(rule="a", status="warn", message="w", spans=[(money[0].start, money[0].end)]),
        Finding(rule="b", status="fail", message="f", spans=[(money[1].start, money[1].end)]),
        Finding(rule="c", status="pass", message="p", spans=[(0, 3)]),
    ])
    parsed = Parsed(render_extraction(ex, report))
    assert parsed.by_id[f"span-{money[0].start}-{money[0].end}"][1]["class"] == "ff-s ff-s-warn"
    assert parsed.by_id[f"span-{money[1].start}-{money[1].end}"][1]["class"] == "ff-s ff-s-fail"
    assert "span-0-3" not in parsed.by_id  # passed checks are listed, not outlined
    # failed before warned in the panel
    assert parsed.by_id["finding-1"][1]["class"] == "ff-finding ff-fail"
    assert parsed.by_id["finding-2"][1]["class"] == "ff-finding ff-warn"


def test_render_multi_document_report_keeps_its_own_findings() -> None:
    a = extract_cached("Revenue was $5 million.")
    report = Report(findings=[
        Finding(rule="x", status="fail", message="first", spans=[(12, 22)], document=0),
        Finding(rule="y", status="fail", message="second", spans=[(12, 22)], document=1),
    ])
    page = render_extraction(a, report, document=1)
    assert "second" in page and ">first<" not in page


def test_render_no_findings_says_so() -> None:
    ex = extract_cached("Revenue was $5 million.")
    assert "No check applied to these figures." in render_extraction(ex, Report())
    passed = Report(findings=[Finding(rule="r", status="pass", message="fine")])
    assert "No check failed or warned." in render_extraction(ex, passed)


def test_render_runs_checks_when_no_report_given() -> None:
    ex = extract_cached(RETAIL.read_text(encoding="utf-8"))
    assert render_extraction(ex) == render_extraction(ex, finfacts.check(ex))


# ----------------------------------------------------------------------------- the page itself


def test_render_page_is_self_contained() -> None:
    _, _, page = _page(RETAIL)
    parsed = Parsed(page)
    assert parsed.count("link") == 0 and parsed.count("img") == 0
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    # the policy allows exactly the inline style and script (by hash) and nothing from the network
    policy = next(str(a["content"]) for t, a in parsed.tags if t == "meta" and a.get("http-equiv"))
    style = re.search(r"<style>(.*?)</style>", page, re.DOTALL)
    script = re.search(r"<script>(.*?)</script>", page, re.DOTALL)
    assert style is not None and script is not None

    def sha(s: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"

    assert "default-src 'none'" in policy
    assert f"style-src {sha(style.group(1))}" in policy and f"script-src {sha(script.group(1))}" in policy
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page


def test_render_repr_html_is_a_fragment_with_its_own_anchors() -> None:
    ex = extract_cached(RETAIL.read_text(encoding="utf-8"))
    one, two = ex._repr_html_(), ex._repr_html_()
    assert "<html" not in one and "<style>" in one and 'class="ff"' in one
    p1 = re.search(r'<mark class="ff-m ff-\w+" data-k="m-m0"[^>]* id="([^"]*)m0"', one)
    p2 = re.search(r'<mark class="ff-m ff-\w+" data-k="m-m0"[^>]* id="([^"]*)m0"', two)
    assert p1 and p2 and p1.group(1) and p1.group(1) != p2.group(1)
    parsed = Parsed(one)
    for href in parsed.hrefs():
        assert href.startswith("#" + p1.group(1)) and href[1:] in parsed.by_id
    report = finfacts.check(ex)
    table = report._repr_html_()
    assert table.count('<span class="ff-badge ff-fail">FAIL</span>') == len(report.failed)
    assert "<html" not in table


# ----------------------------------------------------------------------------- corpus


def _docs() -> list[dict[str, Any]]:
    return [
        {"doc_id": "a", "source": "a.txt", "sha256": "0", "chars": 1200, "status": "ok", "error": None,
         "seconds": 0.25, "n_mentions": 40, "n_facts": 12, "n_failed": 0},
        {"doc_id": "<b>bad</b>", "source": "x.html", "sha256": "1", "chars": 10, "status": "error",
         "error": "<script>alert(1)</script> too large", "seconds": None, "n_mentions": None, "n_facts": None,
         "n_failed": None},
        {"doc_id": 'c"d', "source": "c.md", "sha256": "2", "chars": 900, "status": "ok", "error": None,
         "seconds": 1.5, "n_mentions": 10, "n_facts": 3, "n_failed": 3},
    ]


def test_render_corpus_chart_table_and_links() -> None:
    docs = _docs()
    asked: list[str] = []

    def href(d: Any) -> str:
        asked.append(d["doc_id"])
        return f"files/{d['doc_id']}.html"

    page = render_corpus(docs, href)
    parsed = Parsed(page)
    assert asked == ["a", 'c"d']  # only readable documents get a page
    assert parsed.count("script") == 0 and parsed.count("b") == 0
    # one slot per document in the chart; bars scale to the largest count
    assert page.count('class="ff-slot"') == 3
    bars = re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="8" height="([\d.]+)" class="ff-bar-(m|f|error)"', page)
    assert bars == [("120.0", "m"), ("14", "error"), ("30.0", "m"), ("120.0", "f")]
    assert 'href="files/a.html"' in page and 'href="files/c&quot;d.html"' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; too large" in page
    assert "50 mentions" in page and "3 failed checks in 1 documents" in page
    titles = re.findall(r"<title>(.*?)</title>", page)
    assert "a: 40 mentions, 0 failed checks" in titles and "&lt;b&gt;bad&lt;/b&gt;: error: " + \
        "&lt;script&gt;alert(1)&lt;/script&gt; too large" in titles


@pytest.mark.parametrize("bad", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "java\nscript:x"])
def test_render_corpus_drops_script_links(bad: str) -> None:
    page = render_corpus(_docs()[:1], lambda d: bad)
    assert not [h for h in Parsed(page).hrefs() if "script:" in "".join(h.split()).lower() or h.startswith("data:")]


def test_render_corpus_empty() -> None:
    page = render_corpus([], lambda d: "")
    assert "0 documents" in page and Parsed(page).count("svg") == 1


# ----------------------------------------------------------------------------- CLI


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_render_cli_writes_the_page(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["render", str(RETAIL), "-o", str(out)])
    assert result.exit_code == 0, result.output
    ex = extract_cached(finfacts.read(RETAIL).text)
    assert out.read_text(encoding="utf-8") == render_extraction(ex)
    assert f"{len(ex.mentions)} mentions" in result.stderr


def test_render_cli_stdout_and_title(runner: CliRunner) -> None:
    result = runner.invoke(app, ["render", "-", "--title", "Q3 <draft>"], input="Revenue was $5 million.\n")
    assert result.exit_code == 0, result.output
    assert "<h1>Q3 &lt;draft&gt;</h1>" in result.stdout and result.stdout.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    "args,message",
    [
        ([], "give either a release PATH or --db STORE"),
        (["x.txt", "--db", "s.duckdb"], "give either a release PATH or --db STORE"),
        (["--db", "s.duckdb"], "-o corpus.html"),
        (["--db", "missing.duckdb", "-o", "c.html"], "no store at missing.duckdb"),
        (["missing.txt", "-o", "c.html"], "E008"),
    ],
)
def test_render_cli_usage_errors(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["render", *args])
    assert result.exit_code == 2 and message in result.stderr


def test_render_cli_store_overview(runner: CliRunner, tmp_path: Path) -> None:
    pytest.importorskip("finfacts.store")
    for name in ("contradictory-retail-2024.txt", "maple-minerals-2023.txt"):
        (tmp_path / name).write_text((RELEASES / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "big.txt").write_text("Revenue was $5 million. " * 200, encoding="utf-8")
    db = tmp_path / "facts.duckdb"
    done = runner.invoke(app, ["batch", str(tmp_path), "-o", str(db), "--workers", "1", "--max-bytes", "4000",
                               "--no-progress"])
    assert done.exit_code == 1, done.output  # big.txt is stored as an error
    out = tmp_path / "site" / "corpus.html"
    (tmp_path / "site").mkdir()
    result = runner.invoke(app, ["render", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    links = [h for h in Parsed(page).hrefs()]
    pages = sorted((tmp_path / "site" / "corpus_files").iterdir())
    assert [p.name for p in pages] == sorted(re.sub(r".*/", "", h) for h in set(links))
    assert len(pages) == 2 and page.count('class="ff-bar-error"') == 1 and "E021" in page
    retail = next(p for p in pages if "retail" in p.name).read_text(encoding="utf-8")
    ex = extract_cached(finfacts.read(RETAIL).text)
    parsed = Parsed(retail)
    assert parsed.text == ex.text and len(parsed.pieces) >= len(ex.mentions)
    assert retail.count('class="ff-finding ff-fail"') == len(finfacts.check(ex).failed)
    assert 'href="../corpus.html"' in retail
