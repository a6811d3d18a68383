"""Tests for domain.status (学籍状态 and 学籍异动 transitions)."""

from __future__ import annotations

import pytest

from kongchuo_desktop.domain import status as st
from kongchuo_desktop.domain.status import TransitionError

STATUSES: list[str | None] = [None, "在读", "休学", "转出", "辍学", "毕业", "死亡"]
KINDS = ["转入", "转出", "休学", "复学", "辍学", "毕业", "死亡"]

# Rows: current status (None = new pupil); columns in KINDS order; "" = not allowed.
# fmt: off
MATRIX: dict[str | None, list[str]] = {
    #        转入    转出    休学    复学    辍学    毕业    死亡
    None:   ["在读", "",     "",     "",     "",     "",     ""],
    "在读": ["",     "转出", "休学", "",     "辍学", "毕业", "死亡"],
    "休学": ["",     "转出", "",     "在读", "辍学", "",     "死亡"],
    "转出": ["在读", "",     "",     "",     "",     "",     "死亡"],
    "辍学": ["在读", "",     "",     "在读", "",     "",     "死亡"],
    "毕业": ["",     "",     "",     "",     "",     "",     "死亡"],
    "死亡": ["",     "",     "",     "",     "",     "",     ""],
}
# fmt: on

PAIRS = [(status, kind, MATRIX[status][i]) for status in STATUSES for i, kind in enumerate(KINDS)]


def test_code_lists() -> None:
    assert st.STUDENT_STATUSES == ("在读", "休学", "转出", "辍学", "毕业", "死亡")
    assert tuple(KINDS) == st.STATUS_CHANGE_KINDS
    assert len(PAIRS) == 49


@pytest.mark.parametrize(("status", "kind", "result"), PAIRS)
def test_transition_matrix(status: str | None, kind: str, result: str) -> None:
    assert st.can_change(status, kind) == bool(result)
    if result:
        assert st.apply_change(status, kind) == result
        assert kind in st.allowed_changes(status)
    else:
        with pytest.raises(TransitionError) as info:
            st.apply_change(status, kind)
        assert isinstance(info.value, ValueError)
        assert info.value.status == status and info.value.kind == kind
        assert kind in str(info.value)
        assert kind not in st.allowed_changes(status)


@pytest.mark.parametrize("status", STATUSES)
def test_allowed_changes_order(status: str | None) -> None:
    expected = [kind for i, kind in enumerate(KINDS) if MATRIX[status][i]]
    assert st.allowed_changes(status) == expected


def test_message_wording() -> None:
    with pytest.raises(TransitionError, match="^该学生当前为“转出”，不能办理“复学”$"):
        st.apply_change("转出", "复学")
    with pytest.raises(TransitionError, match="新学生只能办理“转入”"):
        st.apply_change(None, "休学")


def test_unknown_values() -> None:
    with pytest.raises(TransitionError, match="未知的学籍状态"):
        st.apply_change("请假", "复学")
    with pytest.raises(TransitionError, match="未知的学籍异动类型"):
        st.apply_change("在读", "留级")
    with pytest.raises(TransitionError):
        st.allowed_changes("请假")
    assert not st.can_change("在读", "留级")


def test_result_of() -> None:
    assert [st.result_of(k) for k in KINDS] == ["在读", "转出", "休学", "在读", "辍学", "毕业", "死亡"]
    with pytest.raises(TransitionError):
        st.result_of("留级")


@pytest.mark.parametrize(
    ("kind", "needed", "hint_word"),
    [
        ("转入", False, ""),
        ("转出", True, "接收证明"),
        ("休学", True, "诊断证明"),
        ("复学", False, ""),
        ("辍学", True, "三访一报告"),
        ("毕业", False, ""),
        ("死亡", True, "死亡证明"),
    ],
)
def test_needs_proof(kind: str, needed: bool, hint_word: str) -> None:
    assert st.needs_proof(kind) is needed
    hint = st.proof_hint(kind)
    assert bool(hint) is needed
    assert hint_word in hint


def test_is_active() -> None:
    assert [s for s in STATUSES if st.is_active(s)] == ["在读", "休学"]
