"""Every script runs, and the layers stay apart (kpi/ without Streamlit, pages/ without SQL)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
KPI_MODULES = sorted((ROOT / "kpi").glob("*.py"))
PAGES = sorted((ROOT / "pages").glob("*.py"))
MAX_PAGE_LINES = 150
SQL = re.compile(r"\bSELECT\b[^;]*?\bFROM\b", re.S)  # upper case, as SQL is written; prose says "select"


@pytest.fixture
def workspace_home(tmp_path, monkeypatch):
    monkeypatch.setenv("KINERJA_HOME", str(tmp_path))
    monkeypatch.syspath_prepend(str(ROOT))  # the scripts import ui/, also when pytest runs outside the repo
    st.cache_resource.clear()
    yield tmp_path
    st.cache_resource.clear()


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("script", SCRIPTS, ids=_name)
def test_script_runs(script, workspace_home):
    at = AppTest.from_file(str(script), default_timeout=30).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def test_a_page_started_alone_is_routed_through_app(workspace_home):
    """The case ``ui.route_through_app`` handles: Streamlit's legacy ``pages/`` mode runs a page by itself.

    AppTest re-detects the ``pages/`` folder before every run, so its second run
    asks for the default page (the Overview) in that mode, as a fresh server does for a page URL.
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.run()
    assert not at.exception, at.exception
    assert [w.key for w in at.sidebar.selectbox] == ["lang"]
    assert [e.value for e in at.title] == ["Ringkasan KPI"]


def test_every_ui_string_speaks_both_languages(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT))
    from ui.text import TEXT

    assert {key for key, entry in TEXT.items() if set(entry) != {"id", "en"} or not all(entry.values())} == set()


def _imports(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("module", KPI_MODULES, ids=_name)
def test_kpi_never_imports_streamlit(module):
    imported = _imports(ast.parse(module.read_text(encoding="utf-8")))
    assert not imported & {"streamlit", "ui"}, f"{_name(module)} imports {imported & {'streamlit', 'ui'}}"


def test_there_are_pages_and_kpi_modules():
    assert PAGES and KPI_MODULES  # a wrong ROOT would make the parametrised tests vanish


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_pages_are_thin(page):
    text = page.read_text(encoding="utf-8")
    assert not SQL.search(text), f"{_name(page)} contains SQL: {SQL.search(text).group(0)[:80]!r}"
    assert len(text.splitlines()) < MAX_PAGE_LINES
