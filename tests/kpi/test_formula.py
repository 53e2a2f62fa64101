"""Formulas are parsed, never evaluated: only names, numbers, + - * / and parentheses get through."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi import FormulaError
from kpi import formula as f


@pytest.mark.parametrize("text", [
    "__import__('os').system('echo hi')",
    "revenue if orders else spend",
    "revenue ** 2",
    "revenue[0]",
    "revenue(1)",
    "lambda: 1",
    "revenue; spend",
    "'text'",
    "True",
    "revenue and spend",
    "revenue < spend",
])
def test_anything_but_arithmetic_is_refused(text):
    with pytest.raises(FormulaError) as info:
        f.parse(text)
    assert info.value.code == "formula_syntax"
    assert "+ - * /" in info.value.message("en")


@pytest.mark.parametrize("text", ["", "   ", "revenue /", "(revenue", "revenue spend"])
def test_broken_syntax_names_the_formula(text):
    with pytest.raises(FormulaError) as info:
        f.parse(text)
    assert "formula" in str(info.value)
    assert info.value.message("id").startswith("Rumus")


def test_too_long_a_formula_is_refused():
    with pytest.raises(FormulaError):
        f.parse(" + ".join(["revenue"] * 100))


def test_precedence_and_unary_minus():
    tree = f.parse("-(revenue - spend) / spend * 2")
    assert tree == f.Bin("*", f.Bin("/", f.Neg(f.Bin("-", f.Ref("revenue"), f.Ref("spend"))), f.Ref("spend")),
                         f.Num(2.0))
    assert f.names(tree) == ["revenue", "spend"]


_names = st.sampled_from(["revenue", "orders", "spend", "social.impressions"])
_trees = st.recursive(
    st.one_of(_names.map(f.Ref), st.integers(0, 1000).map(lambda n: f.Num(float(n)))),
    lambda inner: st.one_of(
        st.builds(f.Bin, st.sampled_from("+-*/"), inner, inner),
        inner.filter(lambda n: not isinstance(n, f.Num)).map(f.Neg),
    ),
    max_leaves=12,
)


@given(_trees)
def test_to_text_round_trips(tree):
    assert f.parse(f.to_text(tree)) == tree
