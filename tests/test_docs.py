"""Every example in the documentation runs, and the generated reference parts build.

Each page under ``docs/`` runs block by block, in page order, in one namespace and in a scratch
folder holding a copy of ``fixtures/`` (so examples name files as a reader's clone has them):

- a ``python`` block is executed;
- a ``pycon`` block is a doctest: the output it shows must be what the code prints
  (``...`` stands for any text, runs of spaces and newlines compare equal);
- in ``sh`` and ``console`` blocks, every line that starts with ``finfacts `` (after a ``$ ``
  prompt in a console block) runs through typer's CliRunner and must exit 0 (``finfacts
  check`` may exit 1: it says so when a check fails). In a console block, the lines after a
  command are its output, which must appear in what it printed, in order, spaces collapsed
  (a ``...`` line skips any number of lines);
- a ``sql`` block runs on the scratch folder's ``facts.duckdb`` (the fixtures are batched into
  it first when the page has not made one).

A block right after the line ``<!-- no-run -->`` is shown but not run; keep those rare.

The recipes of ``docs/extending/`` are followed for real, in a scratch copy of the repository
(``src``, ``patterns``, ``tests``, ``fixtures``, ``docs``): a block right after
``<!-- recipe: append PATH -->``, ``<!-- recipe: after PATH: TEXT -->`` or
``<!-- recipe: before PATH: TEXT -->`` is added to that file of the copy (next to the one line
holding TEXT), and a ``.venv/bin/python -m pytest ...`` line of an ``sh`` block runs there, with
the copy's ``src`` first on the path. It must pass, or fail when the block follows
``<!-- recipe: fails -->`` (the recipe's test before its change).
"""

from __future__ import annotations

import doctest
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from typer.testing import CliRunner

from finfacts.cli import app

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if "hooks" not in p.parts)
NO_RUN = "<!-- no-run -->"
RECIPE = re.compile(r"^<!-- recipe: (?P<op>append|after|before|fails)(?: (?P<path>[^:]+?)(?:: (?P<anchor>.+?))?)? -->$")
PYTEST = ".venv/bin/python -m pytest "
REPO_PARTS = ("src", "patterns", "tests", "fixtures", "docs", "pyproject.toml")
FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})\s*(?P<lang>[\w-]*)")
RUN_LANGS = {"python", "pycon", "sh", "console", "sql"}
STORE_INPUTS = ["fixtures/releases", "fixtures/docs"]


@dataclass
class Block:
    lang: str
    code: str
    line: int  # 1-based line of the opening fence
    run: bool
    recipe: re.Match[str] | None = None  # the <!-- recipe: ... --> line before it


def blocks(text: str) -> list[Block]:
    """The fenced code blocks of a Markdown page (also indented ones, in admonitions and tabs).

    >>> [(b.lang, b.code, b.run) for b in blocks("<!-- no-run -->\\n```sh\\nrm -rf /\\n```\\n\\n    ```python\\n    x = 1\\n    ```\\n")]
    [('sh', 'rm -rf /\\n', False), ('python', 'x = 1\\n', True)]
    """
    lines = text.splitlines()
    out: list[Block] = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, lang = len(m.group("indent")), m.group("fence"), m.group("lang")
        previous = next((lines[j].strip() for j in range(i - 1, -1, -1) if lines[j].strip()), "")
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not re.match(rf"^ {{0,{indent + 3}}}{fence[0]}{{{len(fence)},}}\s*$", lines[j]):
            body.append(lines[j][indent:] if lines[j][:indent].strip() == "" else lines[j])
            j += 1
        out.append(Block(lang, "\n".join(body) + "\n", i + 1, previous != NO_RUN, RECIPE.match(previous)))
        i = j + 1
    return out


def _squash(text: str) -> str:
    return " ".join(text.split())


def _expect_output(command: str, expected: list[str], output: str) -> None:
    """The shown output lines appear in the command's output, in order (``...`` skips)."""
    flat = _squash(output)
    pos = 0
    for line in expected:
        want = _squash(line)
        if not want or want == "...":
            continue
        found = flat.find(want, pos)
        assert found >= 0, f"`{command}` did not print {line!r}; it printed:\n{output}"
        pos = found + len(want)


class Page:
    """Runs the blocks of one page in order, sharing a namespace and a folder."""

    def __init__(self, path: Path, folder: Path) -> None:
        self.path = path
        self.folder = folder
        self.namespace: dict[str, Any] = {"__name__": f"docs_{path.stem.replace('-', '_')}"}
        self.runner = CliRunner()

    def where(self, block: Block) -> str:
        return f"{self.path.relative_to(ROOT)}:{block.line}"

    def run(self, block: Block) -> None:
        if block.recipe is not None and block.recipe.group("op") != "fails":
            self.edit(block)
        else:
            getattr(self, f"run_{block.lang}")(block)

    # ----------------------------------------------------------------------- recipes
    @property
    def repo(self) -> Path:
        repo = self.folder / "repo"
        if not repo.exists():
            repo.mkdir()
            for part in REPO_PARTS:
                source = ROOT / part
                if source.is_dir():
                    shutil.copytree(source, repo / part, symlinks=True,
                                    ignore=shutil.ignore_patterns("__pycache__", "*.duckdb", "site"))
                else:
                    shutil.copy2(source, repo / part)
        return repo

    def edit(self, block: Block) -> None:
        """Add a recipe's block to a file of the scratch repository."""
        assert block.recipe is not None
        op, path, anchor = block.recipe.group("op", "path", "anchor")
        target = self.repo / path
        text = target.read_text(encoding="utf-8")
        if op == "append":
            target.write_text(text + ("" if text.endswith("\n") else "\n") + block.code, encoding="utf-8")
            return
        lines = text.splitlines(keepends=True)
        hits = [i for i, line in enumerate(lines) if anchor in line]
        assert len(hits) == 1, f"{self.where(block)}: {anchor!r} is on {len(hits)} lines of {path}, not one"
        at = hits[0] + (1 if op == "after" else 0)
        target.write_text("".join(lines[:at]) + block.code + "".join(lines[at:]), encoding="utf-8")

    def pytest(self, block: Block, line: str) -> None:
        """Run a recipe's test in the scratch repository; it must pass (or fail, when marked so)."""
        env = {**os.environ, "PYTHONPATH": str(self.repo / "src")}
        args = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *shlex.split(line[len(PYTEST):], comments=True)]
        done = subprocess.run(args, cwd=self.repo, env=env, capture_output=True, text=True, timeout=600)
        output = done.stdout[-3000:] + done.stderr[-2000:]
        if block.recipe is not None and block.recipe.group("op") == "fails":
            assert done.returncode == 1 and " failed" in done.stdout, f"{self.where(block)}: `{line}` should fail:\n{output}"
        else:
            assert done.returncode == 0 and " passed" in done.stdout, f"{self.where(block)}: `{line}` failed:\n{output}"

    def run_python(self, block: Block) -> None:
        exec(compile(block.code, self.where(block), "exec"), self.namespace)

    def run_pycon(self, block: Block) -> None:
        parser = doctest.DocTestParser()
        test = parser.get_doctest(block.code, {}, self.where(block), str(self.path), block.line)
        test.globs = self.namespace  # DocTest copies its globals; the page shares one namespace
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        out: list[str] = []
        runner.run(test, out=out.append, clear_globs=False)
        assert not runner.failures, "".join(out)

    def command(self, line: str) -> str:
        args = shlex.split(line, comments=True)
        assert args[0] == "finfacts", line
        result = self.runner.invoke(app, args[1:], env={"COLUMNS": "120"}, catch_exceptions=False)
        allowed = (0, 1) if args[1] == "check" else (0,)
        assert result.exit_code in allowed, f"`{line}` exited {result.exit_code}:\n{result.output}"
        return result.output

    def run_sh(self, block: Block) -> None:
        for line in block.code.splitlines():
            if line.startswith("finfacts "):
                self.command(line)
            elif line.startswith(PYTEST):
                self.pytest(block, line)

    def run_console(self, block: Block) -> None:
        command: str | None = None
        shown: list[str] = []
        for line in block.code.splitlines() + ["$ "]:
            if line.startswith("$ "):
                if command is not None and command.startswith("finfacts "):
                    _expect_output(command, shown, self.command(command))
                command, shown = line[2:].strip(), []
            else:
                shown.append(line)

    def run_sql(self, block: Block) -> None:
        import duckdb

        store = self.folder / "facts.duckdb"
        if not store.exists():
            self.command(" ".join(["finfacts batch", *STORE_INPUTS, "--out facts.duckdb --workers 1"]))
        con = duckdb.connect(str(store), read_only=True)
        try:
            con.execute(block.code).fetchall()
        finally:
            con.close()


@pytest.mark.parametrize("path", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_docs_page_examples_run(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "fixtures", tmp_path / "fixtures")
    monkeypatch.chdir(tmp_path)
    page = Page(path, tmp_path)
    for block in blocks(path.read_text(encoding="utf-8")):
        if block.run and (block.lang in RUN_LANGS or block.recipe is not None):
            page.run(block)


def test_docs_pages_have_examples_and_few_skipped() -> None:
    """Guard the guard: the parser finds the examples, and skipped blocks stay exceptions."""
    found = {p.relative_to(DOCS).as_posix(): blocks(p.read_text(encoding="utf-8")) for p in PAGES}
    runnable = [b for bs in found.values() for b in bs if b.lang in RUN_LANGS]
    assert sum(b.run for b in runnable) >= 40
    assert sum(not b.run for b in runnable) <= 3
    for name in ("getting-started.md", "concepts/facts.md", "extending/currency.md"):
        assert any(b.lang in ("python", "pycon") for b in found[name]), name


def test_docs_console_output_is_compared() -> None:
    with pytest.raises(AssertionError, match="did not print"):
        _expect_output("finfacts x", ["3 passed", "...", "0 failed"], "0 failed, 0 warned, 3 passed")
    _expect_output("finfacts x", ["0 failed,", "...", "3   passed"], "0 failed, 0 warned, 3 passed")


# --------------------------------------------------------------------------- the build hook
def _hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("finfacts_docs_hook", DOCS / "hooks" / "finfacts_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def hook() -> ModuleType:
    return _hook()


def test_docs_hook_doctests(hook: ModuleType) -> None:
    result = doctest.testmod(hook)
    assert result.attempted and not result.failed


def test_docs_every_marker_generates(hook: ModuleType) -> None:
    """Each marker the pages use makes its part without a problem (what the strict build needs)."""
    used = {m for p in PAGES for m in hook.MARKER.findall(p.read_text(encoding="utf-8"))}
    assert {"schema", "cli", "checks", "duckdb", "errors"} <= used
    for name in sorted(used):
        text, problems = hook.generate(name)
        assert problems == [], (name, problems)
        assert len(text) > 200, name
    assert hook.generate("no-such-part")[1]


def test_docs_check_examples_cover_every_rule(hook: ModuleType) -> None:
    """Every rule of the registry has a passing and a failing example, each doing what it says."""
    examples = hook.load_examples()
    speaker, problems = hook.run_examples(examples)
    assert problems == []
    assert set(speaker) == {ex.rule for ex in examples}
    for fn in hook.rule_functions():
        assert fn in speaker.values(), fn.__name__


def test_docs_check_examples_catch_a_wrong_expectation(hook: ModuleType) -> None:
    wrong = hook.Example(rule="share_of", expect="pass", texts=[
        "Revenue for the quarter was $84.6 million. Services revenue was $33.4 million, accounting for 45% of "
        "total revenue."])
    _, problems = hook.run_examples([wrong])
    assert any("expects 'pass'" in p for p in problems)
    assert any("needs a passing and a failing example" in p for p in problems)


def test_docs_schema_part_lists_every_field(hook: ModuleType) -> None:
    from finfacts.models import Fact, Finding

    text = hook.schema_markdown()
    for model in (Fact, Finding):
        for name in model.model_fields:
            assert f"| `{name}` |" in text, (model.__name__, name)


def test_docs_cli_part_lists_every_command_and_option(hook: ModuleType) -> None:
    import typer.main

    text = hook.cli_markdown()
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert f"`finfacts {name}`" in text
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--"):
                    assert opt in text, (name, opt)
