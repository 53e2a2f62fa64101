"""No untranslated string on any page, in either language.

Every page is walked in English and in Indonesian (Overview, Targets, Progress, Drill-down in both of its
modes, Actions, Data with an upload and its import) on the sample with a goal, targets and actions, and all
text on screen is collected: titles, headers, captions, markdown, alerts, widget labels, options, help and
placeholders, buttons, metrics, expanders, tabs, status boxes, table columns and cells, chart titles and the
navigation. It is checked against the string tables (``ui.text.TEXT``, ``kpi.messages.MESSAGES`` and the KPI,
role and kind labels): the English screens must not show text found only in the Indonesian tables, and the
other way round. Templates are compared on their fixed parts (split on ``{...}`` fields), ignoring short
fragments and those the other language uses too. No raw text key (``ov.title``) may be shown, and a static
check makes sure every key the app passes to ``t()`` exists in both languages.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Widget

import kpi
from kpi.messages import MESSAGES

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/app has no __init__.py
import sample_app  # noqa: E402

sample_file = sample_app.planned_sample_file_fixture()
workspace_home = sample_app.workspace_home_fixture()
ok = sample_app.ok

ROOT = sample_app.ROOT
SOURCES = [ROOT / "app.py", *sorted((ROOT / "ui").glob("*.py")), *sorted((ROOT / "pages").glob("*.py"))]
MIN_FRAGMENT = 12  # shorter fixed parts ("Target", "KPI", "{n} baris") say too little to tell a language by
OTHER = {"id": "en", "en": "id"}
ORDERS = b"Tanggal;No Pesanan;Pelanggan;Kanal;Total\n01/02/2026;A1;P01;Shopee;1.234,56\n15/02/2026;A2;P02;;250.000\n"
FIELD = re.compile(r"\{[^{}]*\}")
# Placeholders Streamlit draws in English unless a widget is given its own (checked in the Indonesian walk).
STREAMLIT_DEFAULTS = ("Choose options", "Choose an option", "No options to select", "No results")
TRIM = " \n\t.,;:·()[]*`\"'-–—…/"


# ---- the string tables -----------------------------------------------------------------------------
def tables() -> dict[str, Mapping[str, Mapping[str, str]]]:
    """Every bilingual table the screens draw from: name -> key -> {"id": ..., "en": ...}."""
    from ui.text import METHODS, TEXT

    labels = {}
    for name, m in kpi.CATALOG.items():
        labels[f"metric.{name}"] = {"id": m.label_id, "en": m.label_en}
        labels[f"metric.{name}.description"] = {"id": m.description_id, "en": m.description_en}
    for name, role in kpi.ROLES.items():
        labels[f"role.{name}"] = {"id": role.label_id, "en": role.label_en}
        labels[f"role.{name}.help"] = {"id": role.help_id, "en": role.help_en}
    for name, kind in kpi.KINDS.items():
        labels[f"kind.{name}"] = {"id": kind.label_id, "en": kind.label_en}
    return {"ui.text": TEXT, "ui.text methods": METHODS, "kpi.messages": MESSAGES, "kpi labels": labels}


def fragments(template: str) -> list[str]:
    """The fixed parts of a ``str.format`` template, trimmed of punctuation and markup."""
    return [part.strip(TRIM) for part in FIELD.split(template)]


def only_in(lang: str) -> dict[str, str]:
    """Fragments of ``lang``'s templates that the other language's templates never use -> where they are from."""
    every = [(f"{table}:{key}", entry) for table, rows in tables().items() for key, entry in rows.items()]
    others = "\n".join(entry.get(OTHER[lang], "") for _, entry in every)
    found = {}
    for where, entry in every:
        for part in fragments(entry.get(lang, "")):
            if len(part) >= MIN_FRAGMENT and part not in others:
                found.setdefault(part, where)
    return found


# ---- what the screen shows -------------------------------------------------------------------------
def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        yield from value


def _chart_titles(spec: object) -> Iterator[str]:
    if isinstance(spec, dict):
        for name, value in spec.items():
            if name in ("title", "text", "description"):
                yield from _strings(value)
            yield from _chart_titles(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from _chart_titles(value)


def _element_texts(node: object) -> Iterator[str]:
    kind = getattr(node, "type", "")
    if kind == "code":
        return  # SQL and formulas are code, in no language
    if kind == "dataframe":
        frame = node.value
        yield from (str(c) for c in frame.columns)
        for column in frame.columns:
            if frame[column].dtype == object:
                yield from (v for v in frame[column].tolist() if isinstance(v, str))
        return
    if "vega_lite" in kind:
        yield from _chart_titles(json.loads(node.proto.spec))
        return
    # Without a placeholder of the app's own, the browser draws Streamlit's English one.
    if kind == "multiselect" and not node.proto.placeholder:
        yield "Choose options"
    if kind == "selectbox" and node.value is None and not node.proto.placeholder:
        yield "Choose an option"
    # A choice widget's value is the option itself (a code such as "month"); its options are what is shown.
    shown = ("value",) if not isinstance(node, Widget) or kind in ("text_input", "text_area") else ()
    for attr in (*shown, "label", "body", "help", "placeholder", "options", "delta"):
        try:
            yield from _strings(getattr(node, attr, None))
        except Exception:  # noqa: BLE001 - a property that does not apply to this element
            continue


def _block_label(block: object) -> Iterator[str]:
    """An expander's, status box's, tab's or popover's label."""
    label = getattr(block, "label", None)
    proto = getattr(block, "proto", None)
    if label is None and proto is not None and "type" in proto.DESCRIPTOR.oneofs_by_name:
        kind = proto.WhichOneof("type")
        label = getattr(getattr(proto, kind, None), "label", None) if kind else None
    yield from _strings(label)


def screen(at: AppTest) -> list[str]:
    """All text on ``at``'s screen, the navigation's page titles included."""
    found = [page.get("page_name", "") for page in at._registered_pages.values()]

    def walk(node: object) -> None:
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            found.extend(_block_label(node))
            for child in children.values():
                walk(child)
        else:
            found.extend(_element_texts(node))

    walk(at._tree)
    return [text for text in found if text]


def walk_pages(lang: str) -> Iterator[tuple[str, list[str]]]:
    """(page, its texts) for every page, with a link opening the app in English (then the picker for ``id``)."""
    at = AppTest.from_file(str(sample_app.APP), default_timeout=sample_app.TIMEOUT)
    at.query_params["lang"] = "en"
    at.run()
    if lang != "en":
        at.selectbox(key="lang").set_value(lang).run()
    yield "overview", screen(ok(at))
    for page in ("targets", "progress", "drilldown", "actions"):
        if page == "actions":
            at.query_params["action"] = "1"  # the done one, whose effect is estimated (a link, read as one)
        at.switch_page(f"pages/{page}.py").run()
        yield page, screen(ok(at))
    at.switch_page("pages/drilldown.py").run()
    at.radio(key="drilldown.mode").set_value("periods").run()
    yield "drilldown (periods)", screen(ok(at))
    at.switch_page("pages/data.py").run()
    at.file_uploader(key="data.file").set_value(("penjualan.csv", ORDERS, "text/csv")).run()
    yield "data (preview)", screen(ok(at))
    at.button(key="data.import").click().run()
    yield "data (imported)", screen(ok(at))


@pytest.fixture(autouse=True)
def spool(workspace_home, monkeypatch):
    from ui import upload

    monkeypatch.setattr(upload, "SPOOL_DIR", workspace_home / "uploads")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_page_speaks_one_language(lang):
    from ui.text import TEXT

    foreign = only_in(OTHER[lang])
    prefixes = "|".join(sorted({re.escape(key.split(".")[0]) for key in TEXT}))
    raw_key = re.compile(rf"(?<![\w./\\-])(?:{prefixes})\.[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*(?![\w.])")
    wrong, keys, pages = [], [], []
    for page, texts in walk_pages(lang):
        pages.append(page)
        assert len(texts) > 20, (page, texts)  # the page drew its content, not just a note
        for text in texts:
            wrong.extend(f"{page}: {part!r} ({where}) in {text[:120]!r}" for part, where in foreign.items()
                         if part in text)
            keys.extend(f"{page}: {match} in {text[:120]!r}" for match in raw_key.findall(text))
            if lang == "id":  # Streamlit's own English defaults, where the app can give its words
                wrong.extend(f"{page}: Streamlit's {text!r}" for default in STREAMLIT_DEFAULTS if text == default)
    assert len(pages) == 8
    assert not wrong, "\n".join(wrong)
    assert not keys, "\n".join(keys)


# ---- the keys the code asks for ----------------------------------------------------------------------
def _key_pattern(node: ast.AST) -> str | None:
    """A regular expression for the key an f-string builds (``f"grain.{g}"`` -> ``grain\\..+``)."""
    if not isinstance(node, ast.JoinedStr):
        return None
    return "".join(re.escape(part.value) if isinstance(part, ast.Constant) else ".+" for part in node.values)


def _is_t(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t" and bool(node.args)


def _loop_keys(tree: ast.AST) -> Iterator[str]:
    """Keys in a literal a loop walks when the loop's variable is what ``t()`` gets (``for key in ("a.b", ...)``)."""
    loops = [n for n in ast.walk(tree) if isinstance(n, ast.For | ast.comprehension)]
    for loop in loops:
        names = {n.id for n in ast.walk(loop.target) if isinstance(n, ast.Name)}
        scope = loop if isinstance(loop, ast.For) else tree
        asked = {c.args[0].id for c in ast.walk(scope) if _is_t(c) and isinstance(c.args[0], ast.Name)}
        if names & asked:
            yield from (c.value for c in ast.walk(loop.iter)
                        if isinstance(c, ast.Constant) and isinstance(c.value, str) and re.fullmatch(r"[a-z_]+\.[\w.]+",
                                                                                                     c.value))


def used_keys() -> tuple[set[str], set[str]]:
    """The keys ``t()`` is called with in app.py, ui/ and pages/: literal ones, and f-string patterns."""
    literal, patterns = set(), set()
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in (n for n in ast.walk(tree) if _is_t(n)):
            first = call.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                literal.add(first.value)
            elif (pattern := _key_pattern(first)) is not None:
                patterns.add(pattern)
            elif isinstance(first, ast.Subscript) and isinstance(first.value, ast.Dict):
                literal.update(v.value for v in first.value.values if isinstance(v, ast.Constant))
        literal.update(_loop_keys(tree))
    return literal, patterns


def test_every_key_the_app_asks_for_exists_in_both_languages(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT))
    from ui.text import TEXT

    literal, patterns = used_keys()
    assert len(literal) > 300 and len(patterns) > 10  # the scan found the calls
    assert sorted(key for key in literal if set(TEXT.get(key, {})) != {"id", "en"}) == []
    assert sorted(p for p in patterns if not any(re.fullmatch(p, key) for key in TEXT)) == []


def test_texts_the_same_in_both_languages_are_marked_so(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT))
    from ui.text import SAME, TEXT

    assert {key for key, entry in TEXT.items() if entry["id"] == entry["en"]} == set(SAME)


def test_the_tables_give_the_check_something_to_find():
    foreign = only_in("id")
    assert "Ringkasan KPI" in foreign and len(foreign) > 300  # a real check, not an empty one
    assert not foreign.keys() & only_in("en").keys()
