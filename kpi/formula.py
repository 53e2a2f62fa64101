"""KPI formulas: a tiny arithmetic language, parsed safely.

A formula is KPI names, numbers, ``+ - * /`` and parentheses, for example
``revenue / active_customers``. The text is parsed by Python's own parser
(:func:`ast.parse`, which never runs anything) and then checked node by node:
anything but names, numbers and the four operations is refused. The result is
a small tree of frozen nodes; :mod:`kpi.engine` turns it into SQL expressions,
so formula text never reaches SQL or ``eval``.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Union

from kpi.errors import FormulaError

__all__ = ["Bin", "Neg", "Node", "Num", "Ref", "names", "parse", "to_text"]

MAX_LENGTH = 500
_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


@dataclass(frozen=True)
class Num:
    """A number."""

    value: float


@dataclass(frozen=True)
class Ref:
    """A name: a KPI, a measure, or ``kind.role``."""

    name: str


@dataclass(frozen=True)
class Bin:
    """``left op right`` with ``op`` one of ``+ - * /``."""

    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Neg:
    """``-operand``."""

    operand: Node


Node = Union[Num, Ref, Bin, Neg]  # noqa: UP007 - a runtime alias, used in isinstance-free code


def parse(text: str) -> Node:
    """Parse ``text`` into a formula tree.

    Raises
    ------
    FormulaError
        The text is not a formula of names, numbers, ``+ - * /`` and parentheses.

    Examples
    --------
    >>> parse("revenue / active_customers")
    Bin(op='/', left=Ref(name='revenue'), right=Ref(name='active_customers'))
    >>> parse("social.impressions * 2")
    Bin(op='*', left=Ref(name='social.impressions'), right=Num(value=2.0))
    """
    if not isinstance(text, str) or not text.strip():
        raise FormulaError("formula_syntax", formula=text, position=1, reason="the formula is empty")
    if len(text) > MAX_LENGTH:
        raise FormulaError("formula_syntax", formula=text[:40] + "...", position=MAX_LENGTH + 1,
                           reason=f"a formula has at most {MAX_LENGTH} characters")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise FormulaError("formula_syntax", formula=text, position=exc.offset or 1,
                           reason=exc.msg) from None
    return _node(tree.body, text)


def _node(node: ast.AST, text: str) -> Node:
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return Bin(_OPS[type(node.op)], _node(node.left, text), _node(node.right, text))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        inner = _node(node.operand, text)
        return Neg(inner) if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return Num(float(node.value))
    if isinstance(node, ast.Name):
        return Ref(node.id)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return Ref(f"{node.value.id}.{node.attr}")
    raise FormulaError("formula_syntax", formula=text, position=getattr(node, "col_offset", 0) + 1,
                       reason="only names, numbers, + - * / and parentheses are allowed")


def names(node: Node) -> list[str]:
    """The names ``node`` refers to, in order of first appearance.

    Examples
    --------
    >>> names(parse("(revenue - spend) / spend"))
    ['revenue', 'spend']
    """
    if isinstance(node, Ref):
        return [node.name]
    if isinstance(node, Bin):
        return list(dict.fromkeys(names(node.left) + names(node.right)))
    if isinstance(node, Neg):
        return names(node.operand)
    return []


def to_text(node: Node) -> str:
    """Write ``node`` back as a formula, with the parentheses it needs.

    Examples
    --------
    >>> to_text(parse("(revenue - spend) / spend"))
    '(revenue - spend) / spend'
    """
    return _text(node, 0)


_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}


def _text(node: Node, outer: int) -> str:
    if isinstance(node, Num):
        return f"{node.value:g}"
    if isinstance(node, Ref):
        return node.name
    if isinstance(node, Neg):
        return "-" + _text(node.operand, 3)
    level = _PRECEDENCE[node.op]
    # Operators group from the left, so a right operand of the same level keeps its parentheses:
    # a - (b - c) differs in value, and a + (b + c) in shape.
    body = f"{_text(node.left, level)} {node.op} {_text(node.right, level + 1)}"
    return f"({body})" if level < outer else body
