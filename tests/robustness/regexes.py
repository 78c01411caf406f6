"""Every regular expression of the package, collected from the code (not listed by hand), and
adversarial strings built from each pattern's own literals.

Collected:

* module-level :class:`re.Pattern` objects of every module under ``indikator`` (also inside
  module-level tuples, lists, dicts and sets, one level deep): this catches patterns composed
  from f-strings;
* string literals passed to ``re.compile/search/match/fullmatch/sub/subn/split/findall/
  finditer`` anywhere in the source (function bodies included), found with :mod:`ast`, with
  their literal flags;
* module-level string constants that look like pattern fragments (``_NUM``, ``_UNIT`` …);
* the terminals of the Lark grammar (its lexer runs them through :mod:`re`).

``dynamic_sites()`` lists the calls whose pattern is not a literal, so that a test can insist
each is known (a new dynamic regex must be looked at, and added to the harness).
"""

from __future__ import annotations

import ast
import functools
import importlib
import pkgutil
import re
import re._constants as sre_constants
import re._parser as sre_parse
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import indikator

PACKAGE = Path(indikator.__file__).parent
ROOT = PACKAGE.parent
_RE_CALLS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall",
             "finditer"}
_META = re.compile(r"\(\?|\\|\[|\]|\||\*|\+|\{\d")


#: How a pattern is used: anchored at one position, or scanned over the whole text.
ANCHORED = frozenset({"match", "fullmatch"})
SCANNING = frozenset({"search", "sub", "subn", "split", "findall", "finditer"})


@dataclass(frozen=True)
class Found:
    """One regex: where it comes from, the compiled pattern, and the methods the code calls on
    it (``match``, ``search`` …; all of them when the code does not show it)."""

    where: str
    pattern: re.Pattern[str]
    modes: frozenset[str] = ANCHORED | SCANNING


def module_names() -> list[str]:
    """Every module of the package (``__main__`` left out)."""
    names = ["indikator"]
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="indikator."):
        if not info.name.endswith("__main__"):  # importing it runs the command line
            names.append(info.name)
    return names


def _flags(node: ast.expr | None) -> int:
    if node is None:
        return 0
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
            and node.value.id == "re":
        return int(getattr(re, node.attr))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _flags(node.left) | _flags(node.right)
    return 0


def _re_calls(tree: ast.AST) -> list[tuple[ast.Call, str]]:
    calls = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                and node.func.attr in _RE_CALLS and node.args):
            calls.append((node, node.func.attr))
    return calls


def _source_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@functools.cache
def _tree(path: Path) -> tuple[ast.AST, dict[ast.AST, ast.AST]]:
    """The parsed module and each node's parent."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    return tree, parents


@functools.cache
def _attribute_methods(path: Path) -> dict[str, frozenset[str]]:
    """``name.method`` uses of pattern methods in the module at *path* (one pass, from the
    parent map :func:`_tree` already built)."""
    found: dict[str, set[str]] = {}
    for node in _tree(path)[1]:
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.attr in ANCHORED | SCANNING):
            found.setdefault(node.value.id, set()).add(node.attr)
    return {name: frozenset(methods) for name, methods in found.items()}


def _owner(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> str:
    owner: ast.AST | None = node
    while owner is not None and not isinstance(owner, ast.FunctionDef | ast.Module):
        owner = parents.get(owner)
    return owner.name if isinstance(owner, ast.FunctionDef) else "<module>"


def literal_patterns() -> list[Found]:
    """Literal patterns passed to ``re.*`` anywhere in the package's source, named
    ``file:function#n`` (the n-th literal pattern of that function)."""
    out = []
    for path in _source_files():
        tree, parents = _tree(path)
        counts: dict[str, int] = {}
        for call, func in _re_calls(tree):
            first = call.args[0]
            if func == "compile" and _owner(call, parents) == "<module>":
                continue  # a module-level pattern: module_patterns() knows how it is used
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                flag_node = next((k.value for k in call.keywords if k.arg == "flags"), None)
                if flag_node is None:
                    position = 1 if func in ("compile", "search", "match", "fullmatch",
                                             "split", "findall", "finditer") else 4
                    if len(call.args) > position:
                        flag_node = call.args[position]
                owner = f"{path.relative_to(PACKAGE).as_posix()}:{_owner(call, parents)}"
                counts[owner] = counts.get(owner, 0) + 1
                where = f"{owner}#{counts[owner]}"
                modes = ANCHORED | SCANNING if func == "compile" else frozenset({func})
                out.append(Found(where, re.compile(first.value, _flags(flag_node)), modes))
    return out


def dynamic_sites() -> list[str]:
    """``file:function`` of every ``re.*`` call whose pattern is not a string literal."""
    out = []
    for path in _source_files():
        tree, parents = _tree(path)
        for call, _ in _re_calls(tree):
            if isinstance(call.args[0], ast.Constant):
                continue
            out.append(f"{path.relative_to(PACKAGE).as_posix()}:{_owner(call, parents)}")
    return sorted(set(out))


def _patterns_in(value: Any, depth: int = 0) -> list[re.Pattern[str]]:
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        return [value]
    if depth >= 2:
        return []
    if isinstance(value, dict):
        items = list(value.keys()) + list(value.values())
    elif isinstance(value, list | tuple | set | frozenset):
        items = list(value)
    else:
        return []
    return [p for item in items for p in _patterns_in(item, depth + 1)]


def _methods_by_name(module: Any) -> dict[str, frozenset[str]]:
    """For each module-level name, the pattern methods its module calls on it
    (``_NUM_RE.fullmatch(…)`` → ``{"fullmatch"}``)."""
    try:
        return _attribute_methods(Path(module.__file__))
    except (OSError, TypeError):
        return {}


def module_patterns() -> list[Found]:
    """Compiled patterns and pattern-like string constants at module level."""
    out = []
    for name in module_names():
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        methods = _methods_by_name(module)
        for attr, value in vars(module).items():
            where = f"{name}.{attr}"
            inside = _patterns_in(value)
            for index, pattern in enumerate(inside):
                place = where if len(inside) == 1 else f"{where}[{index}]"
                out.append(Found(place, pattern, methods.get(attr, ANCHORED | SCANNING)))
            if (isinstance(value, str) and attr.startswith("_") and not attr.startswith("__")
                    and _META.search(value)):
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        compiled = re.compile(value)
                except re.error:
                    continue
                # a fragment is used inside bigger patterns, which are timed on their own;
                # time the fragment anchored (as a whole pattern would use it)
                out.append(Found(where, compiled, ANCHORED))
    return out


_TERMINAL = re.compile(r"^([A-Z_]+)(?:\.-?\d+)?\s*:\s*/(.*)/([imsux]*)\s*$")


def grammar_patterns() -> list[Found]:
    """The Lark grammar's regex terminals."""
    out = []
    for path in sorted((ROOT / "grammar").glob("*.lark")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = _TERMINAL.match(line)
            if match:
                flags = 0
                for letter in match.group(3):
                    flags |= {"i": re.I, "m": re.M, "s": re.S, "u": 0, "x": re.X}[letter]
                out.append(Found(f"grammar/{path.name}:{number} {match.group(1)}",
                                 re.compile(match.group(2), flags), frozenset({"match"})))
    return out


def all_patterns() -> list[Found]:
    """Every regex, deduplicated by (pattern, flags), keeping the first place found (collected
    once per process: the shapes and the regex tests both ask)."""
    return list(_all_patterns())


@functools.cache
def _all_patterns() -> tuple[Found, ...]:
    seen: dict[tuple[str, int], Found] = {}
    for found in module_patterns() + literal_patterns() + grammar_patterns():
        key = (found.pattern.pattern, found.pattern.flags)
        if key in seen:  # the same pattern used in several ways: test every way
            first = seen[key]
            seen[key] = Found(first.where, first.pattern, first.modes | found.modes)
        else:
            seen[key] = found
    return tuple(seen.values())


def mode_of(found: Found) -> list[str]:
    """The calls to time: ``fullmatch`` / ``match`` if used anchored, ``search`` if scanned."""
    modes = []
    if found.modes & SCANNING:
        modes.append("search")
    if "fullmatch" in found.modes:
        modes.append("fullmatch")
    elif "match" in found.modes:
        modes.append("match")
    return modes


# --------------------------------------------------------------------------- examples


def _char_of_in(items: list[tuple[Any, Any]]) -> str:
    negate = any(op is sre_constants.NEGATE for op, _ in items)
    if negate:
        excluded = set()
        for op, av in items:
            if op is sre_constants.LITERAL:
                excluded.add(chr(av))
        for candidate in "a1 #é":
            if candidate not in excluded:
                return candidate
        return "~"
    for op, av in items:
        if op is sre_constants.LITERAL:
            return chr(av)
        if op is sre_constants.RANGE:
            return chr(av[0])
        if op is sre_constants.CATEGORY:
            return {sre_constants.CATEGORY_DIGIT: "1", sre_constants.CATEGORY_SPACE: " ",
                    sre_constants.CATEGORY_WORD: "a"}.get(av, "#")
    return "a"


def _example(items: Any, choice: int) -> str:
    """One string matched by the parsed *items*; *choice* picks branch alternatives."""
    out = []
    for op, av in items:
        if op is sre_constants.LITERAL:
            out.append(chr(av))
        elif op is sre_constants.NOT_LITERAL:
            out.append("a" if chr(av) != "a" else "b")
        elif op is sre_constants.ANY:
            out.append("a")
        elif op is sre_constants.IN:
            out.append(_char_of_in(av))
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT,
                    sre_constants.POSSESSIVE_REPEAT):
            low, high, sub = av
            times = max(low, 1) if high != 0 else 0
            out.append(_example(sub, choice) * min(times, 3))
        elif op is sre_constants.SUBPATTERN:
            out.append(_example(av[-1], choice))
        elif op is sre_constants.ATOMIC_GROUP:
            out.append(_example(av, choice))
        elif op is sre_constants.BRANCH:
            branches = av[1]
            out.append(_example(branches[choice % len(branches)], choice))
        elif op is sre_constants.GROUPREF_EXISTS:
            out.append(_example(av[1], choice))
    return "".join(out)


def _repeat_units(items: Any, found: list[str]) -> None:
    """Examples of the bodies of every repeat (the units an attacker repeats)."""
    for op, av in items:
        if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT,
                  sre_constants.POSSESSIVE_REPEAT):
            for choice in range(3):
                unit = _example(av[2], choice)
                if unit:
                    found.append(unit)
            _repeat_units(av[2], found)
        elif op is sre_constants.SUBPATTERN:
            _repeat_units(av[-1], found)
        elif op is sre_constants.ATOMIC_GROUP:
            _repeat_units(av, found)
        elif op is sre_constants.BRANCH:
            for branch in av[1]:
                _repeat_units(branch, found)


def literals(pattern: re.Pattern[str]) -> list[str]:
    """The pattern's own material: examples of the whole pattern (one per branch choice), of
    every repeated unit, and every literal character, deduplicated."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    found = [_example(parsed, choice) for choice in range(6)]
    _repeat_units(parsed, found)
    for op, av in parsed:
        if op is sre_constants.LITERAL:
            found.append(chr(av))
    unique = list(dict.fromkeys(s for s in found if s))
    return unique[:24]


def adversarial(pattern: re.Pattern[str], size: int) -> list[str]:
    """Strings of about *size* characters built from *pattern*'s literals: each unit repeated,
    each unit repeated with a space, then a character that makes the match fail at the end."""
    out = []
    for unit in literals(pattern):
        times = max(1, size // len(unit))
        out.append(unit * times + "\x00")
        spaced = unit + " "
        out.append(spaced * max(1, size // len(spaced)) + "\x00")
    return out
