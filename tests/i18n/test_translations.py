"""The shipped translations: every .qm loads, the English .ts is complete and clean, and both the .ts and
the .qm are up to date with the code (run `python tools/i18n_update.py` when these fail)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QTranslator

from kongchuo_desktop.gui import i18n

ROOT = Path(__file__).resolve().parents[2]
RUN_TOOL = "run `python tools/i18n_update.py`, translate what it lists, and commit the .ts and .qm"


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_update", ROOT / "tools" / "i18n_update.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("i18n_update", module)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()
SHIPPED = [code for code in i18n.LANGUAGES if code != i18n.SOURCE_LANGUAGE]


def test_every_language_but_the_source_ships_a_ts_and_a_qm() -> None:
    assert set(SHIPPED) == set(tool.TARGET_LANGUAGES)
    for code in SHIPPED:
        assert tool.ts_file(code).is_file()
        assert i18n.translation_file(code).is_file()
        assert i18n.translation_file(code) == tool.qm_file(code)


@pytest.mark.parametrize("qm", sorted((ROOT / "resources" / "translations").glob("*.qm")), ids=lambda p: p.name)
def test_every_shipped_qm_loads(qapp, qm: Path) -> None:  # type: ignore[no-untyped-def]
    translator = QTranslator()
    assert translator.load(str(qm)), f"{qm.name} does not load"
    assert not translator.isEmpty()
    assert translator.language() == qm.stem.split("_", 1)[1]


@pytest.mark.parametrize("code", SHIPPED)
def test_ts_has_every_string_translated_and_nothing_stale(code: str) -> None:
    messages = tool.read_messages(tool.ts_file(code))
    assert len(messages) > 500
    unfinished = [f"[{m.context}] {m.source}" for m in messages if not all(m.texts) or m.state == "unfinished"]
    clutter = [f"[{m.context}] {m.source} ({m.state})" for m in messages if m.state in ("vanished", "obsolete")]
    assert not unfinished, f"untranslated strings in kongchuo_{code}.ts ({RUN_TOOL}):\n" + "\n".join(unfinished)
    assert not clutter, f"strings no longer in the code ({RUN_TOOL}):\n" + "\n".join(clutter)


@pytest.mark.parametrize("code", SHIPPED)
def test_contexts_are_class_or_translate_names(code: str) -> None:
    # lupdate files a bare tr() under "" and `parent.tr()` under "parent": Qt never looks there.
    contexts = {m.context for m in tool.read_messages(tool.ts_file(code))}
    odd = sorted(c for c in contexts if not c or not c[0].isupper())
    assert not odd, f"contexts Qt never looks up (see tests/i18n/test_sources.py): {odd}"


@pytest.mark.parametrize("code", SHIPPED)
def test_ts_is_up_to_date_with_the_code(code: str) -> None:
    new = tool.stale(tool.ts_file(code), code)
    assert not new, f"strings in the code that kongchuo_{code}.ts lacks ({RUN_TOOL}):\n" + "\n".join(
        f"[{context}] {source}" for context, source in new
    )


@pytest.mark.parametrize("code", SHIPPED)
def test_qm_is_compiled_from_the_ts(code: str, tmp_path: Path) -> None:
    fresh = tmp_path / f"kongchuo_{code}.qm"
    tool.lrelease(tool.ts_file(code), fresh)
    assert fresh.read_bytes() == tool.qm_file(code).read_bytes(), (
        f"kongchuo_{code}.qm is older than its .ts: {RUN_TOOL}"
    )


def test_placeholders_survive_translation() -> None:
    # "%1 (%2)" must keep every %n of "%1（%2）", or .replace("%2", …) fills nothing.
    import re

    # A plural message's every form keeps them too.
    wrong = []
    for code in SHIPPED:
        for m in tool.read_messages(tool.ts_file(code)):
            for text in m.texts:
                if text and sorted(re.findall(r"%\d", m.source)) != sorted(re.findall(r"%\d", text)):
                    wrong.append(f"[{m.context}] {m.source} → {text}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_translated_texts_hold_no_chinese_except_quoted_terms() -> None:
    # Chinese may remain only where the English names a Chinese term or example (e.g. column names
    # the import looks for, letter markup); such translations put it in quotes or brackets.
    import re

    ideograph = re.compile(r"[\u4e00-\u9fff]+")
    bare = []
    for code in SHIPPED:
        for m in tool.read_messages(tool.ts_file(code)):
            for text in m.texts:
                for hit in ideograph.finditer(text):
                    before = text[max(0, hit.start() - 1) : hit.start()]
                    if before not in ('"', "“", "{", "【", "(", "（", "、", " ") and not text.startswith("e.g."):
                        bare.append(f"[{m.context}] {text}")
    assert not bare, "Chinese left in English translations:\n" + "\n".join(bare)
