"""Print formulas: canonical text (``to_text``) and LaTeX (``to_latex``).

Canonical text is what :func:`indikator.parse` reads back to the same formula:
``parse(to_text(f)) == f`` for every formula the parser can produce.  Its rules:

* operators ``+ - * / ^`` with single spaces, brackets only where precedence needs them
  (``A - (B - C)``, ``(A + B) / C``); unary minus ``-A``; functions ``mean(A; B)``;
* numbers with a decimal comma and no thousands separator (``0,376``, ``100000``,
  ``1,5e-07``); a percentage number is ``100 %``;
* a name is written bare when it is plain words and numbers (``Jumlah OPD yang tersedia``)
  and in double quotes otherwise (``"Jumlah siswa SD/ Sederajat"``, ``"Luas Panen (Ha)"``,
  ``"3 x imunisasi"``), with ``\\"`` and ``\\\\`` escaped;
* ``NAME = expression`` when the formula has a name, and the definitions after a line
  ``Keterangan:``, one ``SYMBOL = phrase`` a line.

Worked examples are not printed.  This module only formats; it never parses or evaluates.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from indikator.formula.depth import check_depth
from indikator.formula.names import looks_garbled
from indikator.formula.nodes import BinOp, Call, Neg, Node, Number, Variable
from indikator.formula.normalise import CAPAIAN_HYPHEN, GLUED_TIMES
from indikator.formula.operators import RESERVED_WORDS

if TYPE_CHECKING:
    from indikator.formula.model import Formula

__all__ = ["format_number", "to_latex", "to_text"]

_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "^": 4}
_ATOM = 5
_UNARY = 3


_BARE_WORD = re.compile(r"^[^\W\d_]\w*(?:[-'][^\W_]+)*$")
_BARE_NUMBER = re.compile(r"^\d+$")


def format_number(value: float) -> str:
    """A number in canonical form: decimal comma, no thousands separator."""
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"cannot print {value!r}")
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value)).replace(".", ",")


def _bare(name: str) -> bool:
    if looks_garbled(name) or CAPAIAN_HYPHEN.search(name) or GLUED_TIMES.search(name):
        return False
    pieces = name.split(" ")
    if not pieces or not _BARE_WORD.match(pieces[0]):
        return False
    previous_number = False
    for piece in pieces:
        if piece.casefold() in RESERVED_WORDS:
            return False
        if _BARE_NUMBER.match(piece):
            if previous_number:
                return False
            previous_number = True
            continue
        previous_number = False
        if not _BARE_WORD.match(piece):
            return False
    return True


def quote_name(name: str) -> str:
    """*name* as canonical text: bare when safe, else in double quotes."""
    if _bare(name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _precedence(node: Node) -> int:
    if isinstance(node, BinOp):
        return _PRECEDENCE[node.op]
    if isinstance(node, Neg):
        return _UNARY
    return _ATOM


def _text(node: Node) -> str:
    if isinstance(node, Number):
        text = format_number(node.value)
        return f"{text} %" if node.percent else text
    if isinstance(node, Variable):
        return quote_name(node.name)
    if isinstance(node, Neg):
        inner = _text(node.operand)
        # a minus before a minus is bracketed: "--A" reads as a dash, and a run of them
        # ("----") as a fraction bar flattened by a PDF
        if _precedence(node.operand) < _UNARY or inner.startswith("-"):
            inner = f"({inner})"
        return f"-{inner}"
    if isinstance(node, Call):
        return f"{node.func}(" + "; ".join(_text(arg) for arg in node.args) + ")"
    if isinstance(node, BinOp):
        level = _PRECEDENCE[node.op]
        left, right = _text(node.left), _text(node.right)
        if node.op == "^":
            if _precedence(node.left) < _ATOM:
                left = f"({left})"
            if _precedence(node.right) < _UNARY:
                right = f"({right})"
        else:
            if _precedence(node.left) < level:
                left = f"({left})"
            if _precedence(node.right) <= level:
                right = f"({right})"
        return f"{left} {node.op} {right}"
    raise TypeError(f"not a formula node: {node!r}")


def to_text(formula: Formula | Node) -> str:
    """Canonical text of a formula or of a single node.

    A tree deeper than :data:`indikator.formula.depth.MAX_DEPTH` (built by hand) raises
    :class:`~indikator.core.errors.FormulaDepthError`."""
    check_depth(formula, "print")
    if isinstance(formula, Node):
        return _text(formula)
    text = _text(formula.expr)
    if formula.name:
        text = f"{_quote_formula_name(formula.name)} = {text}"
    if formula.definitions:
        lines = [f"{symbol} = {phrase}" for symbol, phrase in formula.definitions.items()]
        text += "\nKeterangan:\n" + "\n".join(lines)
    return text


_NAME_SAFE = re.compile(r"^[^\W\d_][\w\-/()% ]*$")


def _quote_formula_name(name: str) -> str:
    words = name.split(" ")
    if (
        _NAME_SAFE.match(name)
        and re.fullmatch(r"[^()]*(?:\([^()]*\)[^()]*)*", name)
        and len(words) <= 12
        and not any(w.casefold() in RESERVED_WORDS for w in words)
    ):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------------------------- LaTeX
_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}


def _latex_escape(text: str) -> str:
    return "".join(_LATEX_SPECIAL.get(char, char) for char in text)


def _latex(node: Node) -> str:
    if isinstance(node, Number):
        text = format_number(node.value).replace(",", "{,}")
        return text + r"\%" if node.percent else text
    if isinstance(node, Variable):
        return r"\text{" + _latex_escape(node.name) + "}"
    if isinstance(node, Neg):
        inner = _latex(node.operand)
        if _precedence(node.operand) < _UNARY or inner.startswith("-"):  # as in _text
            inner = rf"\left({inner}\right)"
        return f"-{inner}"
    if isinstance(node, Call):
        if node.func == "sqrt" and len(node.args) == 1:
            return r"\sqrt{" + _latex(node.args[0]) + "}"
        args = ", ".join(_latex(arg) for arg in node.args)
        return rf"\operatorname{{{node.func}}}\left({args}\right)"
    if isinstance(node, BinOp):
        if node.op == "/":
            return r"\frac{" + _latex(node.left) + "}{" + _latex(node.right) + "}"
        left, right = _latex(node.left), _latex(node.right)
        if node.op == "^":
            if _precedence(node.left) < _ATOM:
                left = rf"\left({left}\right)"
            return f"{{{left}}}^{{{right}}}"
        level = _PRECEDENCE[node.op]
        if _precedence(node.left) < level and not _is_frac(node.left):
            left = rf"\left({left}\right)"
        if _precedence(node.right) <= level and not _is_frac(node.right):
            right = rf"\left({right}\right)"
        symbol = r" \times " if node.op == "*" else f" {node.op} "
        return f"{left}{symbol}{right}"
    raise TypeError(f"not a formula node: {node!r}")


def _is_frac(node: Node) -> bool:
    return isinstance(node, BinOp) and node.op == "/"


def to_latex(formula: Formula | Node) -> str:
    """LaTeX of a formula or node: ``\\frac``, ``\\times``, ``\\text{…}`` names, ``\\%``.
    Refuses a tree deeper than the limit, as :func:`to_text` does."""
    check_depth(formula, "print")
    if isinstance(formula, Node):
        return _latex(formula)
    text = _latex(formula.expr)
    if formula.name:
        text = r"\text{" + _latex_escape(formula.name) + "} = " + text
    return text
