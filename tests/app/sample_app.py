"""Shared set-up of the page tests that start from a sample workspace file (Targets, Progress).

Each test gets a copy of one workspace file with the sample loaded (built once per
module) and opens the app straight on its page, so that no test pays for loading
the sample or for the Overview's cards. Use it from a test module as::

    sample_file = sample_app.sample_file_fixture()
    workspace_home = sample_app.workspace_home_fixture()
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

import kpi

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
TIMEOUT = 60


def sample_file_fixture():
    """A module-scoped fixture: a workspace file with the sample loaded."""

    @pytest.fixture(scope="module")
    def sample_file(tmp_path_factory):
        path = tmp_path_factory.mktemp("sample") / "workspace.duckdb"
        with kpi.Workspace.open(path) as ws:
            kpi.load_sample(ws)
        return path

    return sample_file


def planned_sample_file_fixture():
    """A module-scoped fixture: the sample plus a goal, targets and actions, some deleted (see :func:`plan`)."""

    @pytest.fixture(scope="module")
    def sample_file(tmp_path_factory):
        path = tmp_path_factory.mktemp("planned") / "workspace.duckdb"
        with kpi.Workspace.open(path) as ws:
            kpi.load_sample(ws)
            plan(ws)
        return path

    return sample_file


def plan(ws: kpi.Workspace) -> None:
    """Goal 1 with target 1 (revenue on Shopee from July, half gone), target 2 (orders from November) and
    target 3 (deleted); action 1 (done, so its effect is judged), action 2 (planned) and action 3 (deleted)."""
    goal = ws.add_goal("Omzet naik", owner="Sari", kpis=["revenue", "orders"])
    ws.set_target("revenue", "2026-07-01", "2026-12-31", growth=0.2, filters={"kanal": "Shopee"}, goal=goal.id,
                  owner="Sari")
    ws.set_target("orders", "2026-11-01", "2027-01-31", value=9000, goal=goal.id, owner="Budi")
    ws.delete_target(ws.set_target("aov", "2026-11-01", "2027-01-31", value=250_000, goal=goal.id))
    drop = {"provinsi": "Jawa Barat", "sumber": "Instagram"}
    ws.add_action(None, "Balas chat Instagram < 1 jam", "Sari", segment=drop, metric="conversion_rate",
                  status="done", start="2026-08-01")
    ws.add_action(1, "Promo ongkir Shopee", "Budi", due="2026-12-15", segment={"kanal": "Shopee"})
    ws.delete_action(ws.add_action(None, "Iklan TikTok", metric="leads"))


def workspace_home_fixture():
    """An autouse fixture: a fresh copy of the sample workspace per test, nothing cached, runs through app.py."""

    @pytest.fixture(autouse=True)
    def workspace_home(tmp_path, monkeypatch, sample_file):
        shutil.copy(sample_file, tmp_path / "workspace.duckdb")
        monkeypatch.setenv("KINERJA_HOME", str(tmp_path))
        monkeypatch.syspath_prepend(str(ROOT))
        st.cache_resource.clear()
        st.cache_data.clear()
        init = PagesManager.__init__

        def patched(self, *args, **kwargs):  # see tests/app/test_data.py::_keep_navigation
            init(self, *args, **kwargs)
            PagesManager.uses_pages_directory = False

        monkeypatch.setattr(PagesManager, "__init__", patched)
        yield tmp_path
        st.cache_resource.clear()
        st.cache_data.clear()

    return workspace_home


def t(key: str, lang: str = "id", **values) -> str:
    """The app's string ``key`` (imported late: ``ui`` is on the path only once the fixture has run)."""
    from ui.text import t as text

    return text(key, lang, **values)


def open_page(page: str, lang: str = "id") -> AppTest:
    """The app opened on ``page``, in ``lang``."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.switch_page(page).run()
    ok(at)
    if lang != "id":
        at.selectbox(key="lang").set_value(lang).run()
        ok(at)
    return at


def ok(at: AppTest) -> AppTest:
    """``at`` after a run without exceptions or error messages."""
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def texts(elements) -> list[str]:
    return [e.value for e in elements]
