"""Student status (学籍状态) and the 学籍异动 transitions between statuses."""

from __future__ import annotations

STUDENT_STATUSES: tuple[str, ...] = ("在读", "休学", "转出", "辍学", "毕业", "死亡")
STATUS_CHANGE_KINDS: tuple[str, ...] = ("转入", "转出", "休学", "复学", "辍学", "毕业", "死亡")

# How far the other school of a 转入 / 转出 is (the monthly report splits transfers by it):
# the same county(-level city), another county of the prefecture, another prefecture of the
# province, another province.
TRANSFER_SCOPES: tuple[str, ...] = ("县内", "市内", "省内", "跨省")
TRANSFER_KINDS: tuple[str, ...] = ("转入", "转出")

# Statuses in which the pupil still holds a 学籍 at the school.
ACTIVE_STATUSES: tuple[str, ...] = ("在读", "休学")

NEW_STUDENT = None
"""The 'status' of a pupil not yet on the school's roll: only 转入 applies."""

# kind -> (statuses it may be applied in, resulting status). None = a new pupil.
_RULES: dict[str, tuple[frozenset[str | None], str]] = {
    "转入": (frozenset({None, "转出", "辍学"}), "在读"),
    "转出": (frozenset({"在读", "休学"}), "转出"),
    "休学": (frozenset({"在读"}), "休学"),
    "复学": (frozenset({"休学", "辍学"}), "在读"),
    "辍学": (frozenset({"在读", "休学"}), "辍学"),
    "毕业": (frozenset({"在读"}), "毕业"),
    "死亡": (frozenset({"在读", "休学", "转出", "辍学", "毕业"}), "死亡"),
}

PROOF_HINTS: dict[str, str] = {
    "转出": "请上传转入学校出具的接收证明（转学联系单）",
    "休学": "请上传医院诊断证明或家长休学申请，以及学校审批表",
    "辍学": "请上传“三访一报告”走访记录、限期返校通知书等劝返材料",
    "死亡": "请上传医学死亡证明或户口注销证明",
}


class TransitionError(ValueError):
    """A 学籍异动 is not allowed from the pupil's current status; the message is in Chinese."""

    def __init__(self, status: str | None, kind: str, message: str) -> None:
        self.status = status
        self.kind = kind
        super().__init__(message)


def _check_status(status: str | None, kind: str) -> None:
    if status is not None and status not in STUDENT_STATUSES:
        raise TransitionError(status, kind, f"未知的学籍状态“{status}”")
    if kind not in _RULES:
        raise TransitionError(status, kind, f"未知的学籍异动类型“{kind}”")


def can_change(status: str | None, kind: str) -> bool:
    """True when `kind` may be recorded for a pupil in `status` (None = new pupil)."""
    rule = _RULES.get(kind)
    return rule is not None and status in rule[0]


def allowed_changes(status: str | None) -> list[str]:
    """The change kinds allowed from `status`, in STATUS_CHANGE_KINDS order (None = new pupil)."""
    if status is not None and status not in STUDENT_STATUSES:
        raise TransitionError(status, "", f"未知的学籍状态“{status}”")
    return [kind for kind in STATUS_CHANGE_KINDS if status in _RULES[kind][0]]


def apply_change(status: str | None, kind: str) -> str:
    """The status after recording `kind`; raises TransitionError when it is not allowed."""
    _check_status(status, kind)
    sources, result = _RULES[kind]
    if status in sources:
        return result
    if status is None:
        raise TransitionError(status, kind, f"新学生只能办理“转入”，不能办理“{kind}”")
    raise TransitionError(status, kind, f"该学生当前为“{status}”，不能办理“{kind}”")


def result_of(kind: str) -> str:
    """The status a change kind leads to."""
    if kind not in _RULES:
        raise TransitionError(None, kind, f"未知的学籍异动类型“{kind}”")
    return _RULES[kind][1]


def needs_proof(kind: str) -> bool:
    """True for kinds that need proof attachments (转出、休学、辍学、死亡)."""
    return kind in PROOF_HINTS


def proof_hint(kind: str) -> str:
    """A Chinese hint naming the documents to attach for `kind`; "" when none are needed."""
    return PROOF_HINTS.get(kind, "")


def is_active(status: str | None) -> bool:
    """True when the pupil still holds a 学籍 at the school (在读 or 休学)."""
    return status in ACTIVE_STATUSES
