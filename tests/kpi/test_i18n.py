"""Every message the library can raise or warn with exists in Indonesian and English."""

from __future__ import annotations

import ast
import inspect
import string
from pathlib import Path

import pytest

import kpi
from kpi import errors
from kpi.i18n import MESSAGES, Message, message

KPI = Path(kpi.__file__).parent
MESSAGE_MAKERS = {"Message", "KpiError", "message", "warn_degenerate", *errors.__all__}


def used_codes() -> set[tuple[str, str]]:
    """(file, code) for every `SomeError("code", ...)`, `Message("code", ...)`, `message("code", ...)` in kpi/."""
    found = set()
    for path in KPI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in MESSAGE_MAKERS and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.add((path.name, node.args[0].value))
    return found


def test_codes_are_found():
    assert len(used_codes()) > 30


@pytest.mark.parametrize(("file", "code"), sorted(used_codes()))
def test_every_used_code_has_both_languages(file, code):
    assert code in MESSAGES, f"{file} uses message code {code!r}, which kpi/messages.py lacks"
    assert set(MESSAGES[code]) == {"id", "en"}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_templates_take_the_same_fields_in_both_languages(code):
    fields = {lang: {f for _, f, _, _ in string.Formatter().parse(t) if f} for lang, t in MESSAGES[code].items()}
    assert fields["id"] == fields["en"]
    if not code.startswith("reason_"):
        assert MESSAGES[code]["id"] != MESSAGES[code]["en"]


def test_message_and_error_speak_both_languages():
    err = kpi.DataFormatError("empty_file", file="kosong.csv")
    assert isinstance(err, ValueError) and isinstance(err, kpi.KpiError)
    assert err.message("id") == "File `kosong.csv` kosong. Ekspor ulang datanya lalu unggah file yang baru."
    assert str(err).startswith("The file `kosong.csv` is empty")
    warning = Message("default_date_used", file="a.csv", date="2026-01-31")
    assert isinstance(warning, str) and warning.text("id") != str(warning)
    assert message("no_such_code", "id", x=1) == "no_such_code: x=1"


def test_public_functions_are_documented_and_typed():
    for name in kpi.__all__:
        obj = getattr(kpi, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert inspect.getdoc(obj), f"kpi.{name} has no docstring"
        if inspect.isfunction(obj):
            hints = obj.__annotations__
            assert "return" in hints, f"kpi.{name} lacks a return annotation"
    for name, member in inspect.getmembers(kpi.Workspace, inspect.isfunction):
        if not name.startswith("_"):
            assert inspect.getdoc(member), f"Workspace.{name} has no docstring"
            assert "return" in member.__annotations__, f"Workspace.{name} lacks a return annotation"


def test_a_message_inside_a_message_speaks_the_same_language():
    warning = Message("date_order_assumed", file="a.csv", column="tgl", order=Message("order_day_first"))
    assert "tanggal dulu (DD/MM/YYYY)" in warning.text("id")
    assert "day first (DD/MM/YYYY)" in str(warning) and "tanggal dulu" not in str(warning)
