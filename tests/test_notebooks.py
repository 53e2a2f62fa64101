"""The analyst notebooks: each runs top to bottom (its own cells assert its key numbers against pandas), is stored
without outputs, and imports only `kpi`, pandas and the standard library."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
#: What a notebook may import: the library, pandas for independent checks, and the standard library.
ALLOWED_IMPORTS = {"kpi", "pandas"} | set(sys.stdlib_module_names)


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 4


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path, tmp_path, monkeypatch):
    monkeypatch.setenv("KINERJA_HOME", str(tmp_path))
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_stripped(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "a notebook without code"
    for i, cell in enumerate(nb.cells):
        where = f"{path.name}, cell {i}"
        assert "execution" not in cell.get("metadata", {}), f"{where}: execution timing is stored"
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{where}: outputs are stored"
            assert cell.execution_count is None, f"{where}: an execution count is stored"
        else:
            assert "outputs" not in cell, f"{where}: stored output"
    assert "widgets" not in nb.metadata, f"{path.name}: widget state is stored"


def imported_modules(source: str) -> set[str]:
    """The top-level names of every module ``source`` imports (``kpi.charts`` -> ``kpi``).

    >>> sorted(imported_modules("import kpi.charts\\nfrom pandas import DataFrame\\nimport numpy as np"))
    ['kpi', 'numpy', 'pandas']
    >>> sorted(imported_modules("from . import x\\nfrom __future__ import annotations"))
    ['', '__future__']
    """
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add("" if node.level else (node.module or "").split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__":
            found.add("<__import__>")
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_imports_only_kpi_pandas_and_the_standard_library(path):
    nb = nbformat.read(path, as_version=4)
    imported: set[str] = set()
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        try:  # shell escapes and magics (!pip, %time) are not Python: they are refused too
            imported |= imported_modules(cell.source)
        except SyntaxError as exc:
            pytest.fail(f"{path.name}, cell {i} is not plain Python: {exc}")
    assert "kpi" in imported
    assert imported - ALLOWED_IMPORTS == set(), f"{path.name} imports more than kpi, pandas and the standard library"
