"""MkDocs hook: the generated parts of the reference pages, built from the code at build time.

A page asks for a part with a marker alone on a line, ``<!-- finfacts:NAME -->``:

========================  ================================================================
``schema``                the result models (fields, types, descriptions) and their JSON Schema
``cli``                   every command of the ``finfacts`` typer app, with its options
``checks``                every consistency rule of the registry, with the passing and failing
                          examples of ``docs/reference/check-examples.toml``, run at build time
``duckdb``                the store's tables and columns (``finfacts.store.COLUMNS``), its DDL
                          and its ready queries (``finfacts.store.EXAMPLES``)
``errors``                the coded errors of ``finfacts.errors.Errors``
========================  ================================================================

Nothing here is pasted output: a model, command, rule or column added to the code shows up
on the next build. Problems (an unknown marker, a rule without examples, an example that does
not do what it says) are logged as warnings, which ``mkdocs build --strict`` turns into a
failed build. The functions are plain, so ``tests/test_docs.py`` calls them too.
"""

from __future__ import annotations

import inspect
import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parent.parent
CHECK_EXAMPLES = DOCS / "reference" / "check-examples.toml"
MARKER = re.compile(r"^<!-- finfacts:([a-z-]+) -->[ \t]*$", re.MULTILINE)


# --------------------------------------------------------------------------- schema
def _models() -> list[tuple[str, list[type[Any]]]]:
    from finfacts import models as m

    return [
        ("An extraction", [m.Extraction, m.DocumentContext, m.ReportingPeriod, m.DeclaredScale]),
        ("Mentions", [m.Money, m.Percent, m.Count, m.Rank, m.Period, m.Basis]),
        ("Facts", [m.Fact, m.FactPeriod, m.Change, m.Relation, m.TableCell]),
        ("Tables", [m.Table, m.TableColumn, m.TableRow]),
        ("Checks", [m.Report, m.Finding]),
    ]


def _type_of(spec: dict[str, Any]) -> str:
    """A JSON Schema property as a short type, with links to the models it refers to."""
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    for key in ("anyOf", "oneOf"):
        if key in spec:
            return " or ".join(_type_of(s) for s in spec[key])
    if "enum" in spec:
        return " \\| ".join(f"`{json.dumps(v)}`" for v in spec["enum"])
    if "const" in spec:
        return f"`{json.dumps(spec['const'])}`"
    kind = spec.get("type")
    if kind == "array":
        if "prefixItems" in spec:
            return "[" + ", ".join(_type_of(s) for s in spec["prefixItems"]) + "]"
        return f"list of {_type_of(spec.get('items', {}))}"
    if kind == "string" and "format" in spec:
        return f"string ({spec['format']})"
    return str(kind) if kind else "any"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def model_markdown(model: type[Any]) -> str:
    """A model as a heading, its docstring and a table of its fields (JSON form)."""
    schema = model.model_json_schema(mode="serialization")
    required = set(schema.get("required", []))
    doc = inspect.cleandoc(model.__doc__ or "")
    lines = [f"### {model.__name__}", ""]
    if doc and not doc.startswith("Usage docs:"):  # pydantic's own BaseModel docstring
        lines += [doc.replace("``", "`").replace(":class:", "").replace(":func:", ""), ""]
    lines += ["| field | type | |", "|---|---|---|"]
    for name, spec in schema.get("properties", {}).items():
        note = spec.get("description", "")
        if name not in required and "default" in spec and spec["default"] not in (None, [], False):
            note = (note + " " if note else "") + f"Default `{json.dumps(spec['default'])}`."
        elif name in required:
            note = (note + " " if note else "") + "Always present."
        lines.append(f"| `{name}` | {_type_of(spec)} | {_cell(note)} |")
    return "\n".join(lines) + "\n"


def schema_markdown() -> str:
    """Every result model, grouped, then the full JSON Schemas that ``finfacts schema`` prints."""
    from pydantic import TypeAdapter

    from finfacts.models import Extraction, Mention, Report

    out = []
    for title, models in _models():
        out.append(f"## {title}\n")
        out += [model_markdown(m) for m in models]
    schemas = {
        "Extraction": Extraction.model_json_schema(mode="serialization"),
        "Mention": TypeAdapter(Mention).json_schema(mode="serialization"),
        "Report": Report.model_json_schema(mode="serialization"),
    }
    out.append("## JSON Schema\n")
    out.append("The schemas as JSON Schema (draft 2020-12), for validating results outside Python. "
               "`finfacts schema` prints the first two.\n")
    for name, schema in schemas.items():
        body = json.dumps(schema, indent=2, ensure_ascii=False)
        out.append(f'??? note "{name}"\n\n    ```json\n' + _indent(body, 4) + "\n    ```\n")
    return "\n".join(out)


def _indent(text: str, n: int) -> str:
    pad = " " * n
    return "\n".join(pad + line if line else line for line in text.splitlines())


# --------------------------------------------------------------------------- cli
def cli_markdown() -> str:
    """Every command of the typer app, by typer's own documentation generator."""
    import click
    import typer.main
    from typer.cli import get_docs_for_click

    from finfacts.cli import app

    command = typer.main.get_command(app)
    ctx = click.Context(command, info_name="finfacts")
    docs = get_docs_for_click(obj=command, ctx=ctx, name="finfacts", title="finfacts")
    # drop the generator's own title: the page has one
    return docs.split("\n", 1)[1].lstrip("\n")


# --------------------------------------------------------------------------- checks
@dataclass
class Example:
    """One example of ``check-examples.toml``: a release (or a series) and what a rule says of it."""

    rule: str
    expect: str  # pass, fail, warn, or silent (the rule says nothing: it speaks only of disagreements)
    texts: list[str]
    note: str = ""
    findings: list[Any] = field(default_factory=list)  # the rule's findings, filled by run_examples


def load_examples(path: Path = CHECK_EXAMPLES) -> list[Example]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for row in data.get("example", []):
        texts = row.get("texts") or [row["text"]]
        out.append(Example(rule=row["rule"], expect=row["expect"], texts=[t.strip() for t in texts],
                           note=row.get("note", "").strip()))
    return out


def rule_functions() -> list[Callable[..., Any]]:
    """Every rule ``finfacts.check`` runs: the registries of one release (the ``*RULES`` dicts
    of :mod:`finfacts.checks`), then the rules across a company's releases."""
    import finfacts.checks
    from finfacts.checks.across import check_across

    registries = [v for k, v in vars(finfacts.checks).items() if k.endswith("RULES") and isinstance(v, dict)]
    return [*(fn for registry in registries for fn in registry.values()), check_across]


def run_examples(examples: list[Example]) -> tuple[dict[str, Callable[..., Any]], list[str]]:
    """Run every example; returns which function says each rule name, and the problems found."""
    import finfacts
    from finfacts.checks.across import check_across

    functions = rule_functions()
    speaker: dict[str, Callable[..., Any]] = {}
    spoke: set[Callable[..., Any]] = set()
    problems = []
    for ex in examples:
        extractions = [finfacts.extract(t) for t in ex.texts]
        report = finfacts.check(extractions[0] if len(extractions) == 1 else extractions)
        ex.findings = [f for f in report.findings if f.rule == ex.rule]
        for fn in functions:
            if fn is check_across:
                found = fn(extractions) if len(extractions) > 1 else []
            else:
                found = [f for e in extractions for f in fn(e)]
            for f in found:
                speaker.setdefault(f.rule, fn)
                spoke.add(fn)
        statuses = {f.status for f in ex.findings}
        ok = (not statuses - {"pass"}) if ex.expect == "silent" else ex.expect in statuses
        if ex.expect == "pass":
            ok = statuses == {"pass"}
        if ex.expect == "silent":
            ok = not ex.findings
        if not ok:
            problems.append(f"check example for {ex.rule!r} expects {ex.expect!r} but the rule says "
                            f"{sorted(statuses) or 'nothing'}: {ex.texts[0][:70]!r}")
    for fn in functions:
        if fn not in spoke:
            problems.append(f"rule function {fn.__module__}.{fn.__name__} has no example in {CHECK_EXAMPLES.name}")
    for name in speaker:
        kinds = {ex.expect for ex in examples if ex.rule == name}
        if not kinds & {"pass", "silent"} or not kinds & {"fail", "warn"}:
            problems.append(f"rule {name!r} needs a passing and a failing example in {CHECK_EXAMPLES.name} "
                            f"(has {sorted(kinds) or 'none'})")
    return speaker, problems


def rule_descriptions(fn: Callable[..., Any]) -> dict[str, str]:
    """The ``Rules:`` section of a rule function's docstring: rule name -> what it checks.

    >>> def f():
    ...     '''Two rules.
    ...
    ...     Rules:
    ...         a_rule: checks one thing,
    ...             over two lines.
    ...         b_rule: another.
    ...     '''
    >>> rule_descriptions(f)
    {'a_rule': 'checks one thing, over two lines.', 'b_rule': 'another.'}
    """
    doc = inspect.cleandoc(fn.__doc__ or "")
    _, found, section = doc.partition("\nRules:\n")
    out: dict[str, str] = {}
    name = None
    for line in section.splitlines() if found else []:
        if not line.strip():
            break
        m = re.match(r"    (\w+): (.*)$", line)
        if m:
            name = m.group(1)
            out[name] = m.group(2).strip()
        elif name is not None and line.startswith("        "):
            out[name] += " " + line.strip()
        else:
            break
    return {k: v.replace("``", "`") for k, v in out.items()}


def checks_markdown(path: Path = CHECK_EXAMPLES) -> tuple[str, list[str]]:
    """One section per rule name: what it checks (its function's docstring) and its examples."""
    examples = load_examples(path)
    speaker, problems = run_examples(examples)
    names = [n for n in dict.fromkeys(ex.rule for ex in examples)]
    order = {fn: i for i, fn in enumerate(rule_functions())}
    names.sort(key=lambda n: order.get(speaker.get(n), len(order)))  # type: ignore[arg-type]
    out = []
    for name in names:
        fn = speaker.get(name)
        out.append(f"## `{name}`\n")
        if fn is not None:
            # a function that says several rules describes each in a "Rules:" section
            summary = " ".join(inspect.cleandoc(fn.__doc__ or "").split("\n\n")[0].split())
            out.append(_sentence(rule_descriptions(fn).get(name, summary.replace("``", "`"))) + "\n")
            out.append(f"Checked by `{fn.__module__}.{fn.__name__}`.\n")
        for ex in [e for e in examples if e.rule == name]:
            label = {"pass": "Passes", "silent": "Passes (the rule says nothing)", "fail": "Fails",
                     "warn": "Warns"}[ex.expect]
            out.append(f"**{label}**" + (f": {ex.note}" if ex.note else "") + "\n")
            for i, text in enumerate(ex.texts):
                if len(ex.texts) > 1:
                    out.append(f"Release {i}:\n")
                out.append("```text\n" + text + "\n```\n")
            for f in ex.findings:
                where = f" (release {f.document})" if f.document is not None and len(ex.texts) > 1 else ""
                out.append(f"- **{f.status}**{where}: {_md_text(f.message)}")
            out.append("")
    return "\n".join(out), problems


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _md_text(text: str) -> str:
    """Plain text safe inside Markdown prose (brackets and dollars are left alone)."""
    return text.replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")


# --------------------------------------------------------------------------- store
def _column_notes() -> dict[str, dict[str, str]]:
    """What a column holds, where it mirrors a field of the result models (by name)."""
    from finfacts import models as m

    def described(*models: type[Any], prefix: str = "") -> dict[str, str]:
        out: dict[str, str] = {}
        for model in models:
            for name, spec in model.model_json_schema(mode="serialization").get("properties", {}).items():
                if spec.get("description"):
                    out.setdefault(prefix + name, spec["description"])
        return out

    mentions = described(m.Money, m.Percent, m.Count, m.Period, m.Rank)
    return {
        "documents": described(m.DocumentContext),
        "mentions": mentions,
        "facts": {**described(m.Fact), **described(m.Change, prefix="change_"), **described(m.FactPeriod),
                  **{k: v for k, v in mentions.items() if k in ("value", "currency", "unit")}},
        "findings": described(m.Finding),
    }


def duckdb_markdown() -> str:
    """The store's tables column by column, its DDL and its ready queries."""
    from finfacts import store

    notes = _column_notes()
    out = []
    for table, cols in store.COLUMNS.items():
        out.append(f"### `{table}`\n")
        out.append("| column | type | meaning, where it mirrors a result field |\n|---|---|---|")
        out += [f"| `{name}` | `{_cell(kind)}` | {_cell(notes.get(table, {}).get(name, ''))} |" for name, kind in cols]
        out.append("")
    out.append("## DDL\n")
    out.append(f"`finfacts.store.connect` runs this on a new store (schema version {store.SCHEMA_VERSION}):\n")
    out.append("```sql\n" + store.SCHEMA + "\n```\n")
    out.append("## Ready queries\n")
    out.append("`finfacts query --db facts.duckdb --example NAME` runs one of these; `$company` and "
               "`$currency` come from `--company` and `--currency`.\n")
    for name, (title, sql) in store.EXAMPLES.items():
        out.append(f"### `{name}`: {title}\n")
        out.append("```sql\n" + sql + "\n```\n")
    return "\n".join(out)


# --------------------------------------------------------------------------- errors
def errors_markdown() -> str:
    """Every coded error message, in code order."""
    from finfacts.errors import Errors

    out = ["| code | message |", "|---|---|"]
    for name, template in vars(Errors).items():
        if re.fullmatch(r"E\d{3}", name):
            message = template.split("] ", 1)[1]
            out.append(f"| `{name}` | {_cell(_md_text(message))} |")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- the hook
def generate(name: str) -> tuple[str, list[str]]:
    """The Markdown for a marker, and the problems found while making it."""
    if name == "checks":
        return checks_markdown()
    makers: dict[str, Callable[[], str]] = {
        "schema": schema_markdown, "cli": cli_markdown, "duckdb": duckdb_markdown, "errors": errors_markdown,
    }
    if name not in makers:
        return "", [f"unknown marker <!-- finfacts:{name} -->; known: checks, {', '.join(makers)}"]
    return makers[name](), []


SPHINX_ROLE = re.compile(r":(?:class|func|meth|mod|attr|exc|data|obj):<code>~?(?:[\w.]+\.)?([\w]+)</code>")


def on_page_content(html: str, **kwargs: Any) -> str:
    """Docstrings name objects Sphinx-style (``:class:`~finfacts.errors.FinfactsError```), which
    mkdocstrings leaves as text: show the name as code."""
    return SPHINX_ROLE.sub(r"<code>\1</code>", html)


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    from mkdocs.plugins import get_plugin_logger

    log = get_plugin_logger("finfacts_docs")

    def replace(m: re.Match[str]) -> str:
        text, problems = generate(m.group(1))
        for p in problems:
            log.warning(f"{page.file.src_path}: {p}")
        return text

    return MARKER.sub(replace, markdown)
