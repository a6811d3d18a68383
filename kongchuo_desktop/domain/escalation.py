"""三访一报告 and 劝返复学 as rules: escalation deadlines, the case state machine, what is due next.

A case (`Case` in the store) follows one pupil from an unexcused absence until the child is back
and the case is closed (销号). Its state is never edited directly: it is the result of replaying
the case's events, in the order they were recorded, through `apply`. Each event kind is allowed
only in some states (`ALLOWED`); anything else raises `CaseRuleError` with a Chinese sentence,
so an impossible history can never be stored.

States (`CASE_STATUSES`):

- 缺课 — an unexcused absence; the class teacher, then the principal / 防辍小组, then a joint
  visit with the village committee are due on school days 1, 2, 3 (`EscalationRules`);
- 疑似辍学 — still absent after `suspected_after` school days, or a written report was sent;
- 辍学 — the township confirmed the dropout (a 学籍异动 辍学 is recorded with it);
- 劝返中 — persuasion after the confirmed dropout (any visit, notice or referral moves 辍学 here);
- 已返校 — the child is back; the case waits for 销号;
- 已销号 — closed with an outcome; it can be reopened when the child is absent again.

A child who comes back while the case is still 缺课 closes it at once (outcome 已返校): early
returns need no paperwork. Time matters too: a 缺课 case becomes 疑似辍学 when its threshold
day arrives even if nobody records anything (`advance`).

`due_actions` lists what is due next and when; every open case has at least one (a visit is
always due until the child is back, then 销号), which the property tests check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from kongchuo_desktop.domain.school_calendar import CalendarBook

# --- code lists --------------------------------------------------------------------------------
ABSENT = "缺课"
SUSPECTED = "疑似辍学"
DROPPED_OUT = "辍学"
PERSUADING = "劝返中"
RETURNED = "已返校"
CLOSED = "已销号"
CASE_STATUSES: tuple[str, ...] = (ABSENT, SUSPECTED, DROPPED_OUT, PERSUADING, RETURNED, CLOSED)
OPEN_STATUSES: tuple[str, ...] = CASE_STATUSES[:-1]
# States in which the pupil is (or may be) out of school and persuasion goes on.
OUT_OF_SCHOOL: tuple[str, ...] = (ABSENT, SUSPECTED, DROPPED_OUT, PERSUADING)

ROUND_1, ROUND_2, ROUND_3, FOLLOW_UP = "一访", "二访", "三访", "跟进"
VISIT_ROUNDS: tuple[str, ...] = (ROUND_1, ROUND_2, ROUND_3, FOLLOW_UP)
ESCALATION_ROUNDS: tuple[str, ...] = (ROUND_1, ROUND_2, ROUND_3)
ROUND_WHO = {
    ROUND_1: "班主任家访",
    ROUND_2: "校长/防辍小组家访",
    ROUND_3: "联合村（居）委会家访",
    FOLLOW_UP: "跟进劝返",
}
VISIT_KINDS: tuple[str, ...] = ("家访", "电话", "到务工地", "其他")
REASONS: tuple[str, ...] = (
    "厌学/学习困难",
    "家庭经济困难",
    "上学远/交通不便",
    "因病",
    "因残",
    "外出务工/随父母外出",
    "早婚",
    "监护缺失/家庭变故",
    "其他",
)
ATTITUDES: tuple[str, ...] = ("支持配合", "犹豫观望", "消极应付", "拒不配合")
MET_WITH: tuple[str, ...] = ("父亲", "母亲", "父母", "祖父母/外祖父母", "其他监护人", "学生本人", "未见到人")
OUTCOME_BACK = "已返校"
OUTCOME_PROMISED = "承诺返校"
OUTCOME_REFUSED = "拒绝"
OUTCOME_UNREACHABLE = "无法联系"
VISIT_OUTCOMES: tuple[str, ...] = (OUTCOME_BACK, OUTCOME_PROMISED, OUTCOME_REFUSED, OUTCOME_UNREACHABLE)

RESUMED = "已复学"
CLOSE_OUTCOMES: tuple[str, ...] = (RESUMED, "转学", "送教上门", "缓学", "其他")
EARLY_RETURN = "已返校"  # outcome of a 缺课 case closed by the child's return
ALL_OUTCOMES: tuple[str, ...] = (*CLOSE_OUTCOMES, EARLY_RETURN)
# Outcomes after which a pupil marked 辍学 holds a 学籍 again (送教上门 pupils stay enrolled).
RESUMING_OUTCOMES: tuple[str, ...] = (RESUMED, "送教上门")

AGENCIES: tuple[str, ...] = ("乡镇教育执法组", "公安", "人社", "市场监管", "民政", "司法", "妇联", "残联", "其他部门")
AGENCY_HINTS = {
    "乡镇教育执法组": "依法督促监护人送子女入学",
    "公安": "监护人不履行监护职责",
    "人社": "非法招用童工",
    "市场监管": "非法招用童工",
    "民政": "家庭困难救助",
    "司法": "法律援助、依法督促",
    "妇联": "早婚、家庭教育指导",
    "残联": "残疾儿童康复与送教",
    "其他部门": "",
}

# --- event kinds -------------------------------------------------------------------------------
OPEN = "open"
SUSPECT = "suspect"
ABSENCE = "absence"
RETURN = "return"
VISIT = "visit"
REPORT = "report"
NOTICE = "notice"
REFERRAL = "referral"
REFERRAL_ANSWER = "referral_answer"
CONFIRM_DROPOUT = "dropout"
CLOSE = "close"
REOPEN = "reopen"
EVENT_KINDS: tuple[str, ...] = (
    OPEN, SUSPECT, ABSENCE, RETURN, VISIT, REPORT, NOTICE, REFERRAL, REFERRAL_ANSWER, CONFIRM_DROPOUT, CLOSE, REOPEN,
)  # fmt: skip
EVENT_LABELS = {
    OPEN: "开始缺课，建立个案",
    SUSPECT: "列为疑似辍学",
    ABSENCE: "再次缺课",
    RETURN: "返校",
    VISIT: "走访",
    REPORT: "报送情况报告",
    NOTICE: "发出限期返校通知书",
    REFERRAL: "转介相关部门",
    REFERRAL_ANSWER: "部门回复",
    CONFIRM_DROPOUT: "认定辍学",
    CLOSE: "销号",
    REOPEN: "重新开启",
}

# Which states each event may be recorded in (None: only as the first event).
ALLOWED: dict[str, frozenset[str | None]] = {
    OPEN: frozenset({None}),
    SUSPECT: frozenset({ABSENT}),
    ABSENCE: frozenset({RETURNED}),
    RETURN: frozenset({ABSENT, SUSPECTED, DROPPED_OUT, PERSUADING}),
    VISIT: frozenset(OPEN_STATUSES),
    REPORT: frozenset(OUT_OF_SCHOOL),
    NOTICE: frozenset({SUSPECTED, DROPPED_OUT, PERSUADING}),
    REFERRAL: frozenset({SUSPECTED, DROPPED_OUT, PERSUADING}),
    REFERRAL_ANSWER: frozenset(CASE_STATUSES),
    CONFIRM_DROPOUT: frozenset({SUSPECTED}),
    CLOSE: frozenset(OPEN_STATUSES),
    REOPEN: frozenset({CLOSED}),
}

# The states each event can lead to (REFERRAL_ANSWER leaves the status as it is).
ALLOWED_RESULTS: dict[str, frozenset[str]] = {
    OPEN: frozenset({ABSENT}),
    SUSPECT: frozenset({SUSPECTED}),
    ABSENCE: frozenset({SUSPECTED, PERSUADING}),
    RETURN: frozenset({RETURNED, CLOSED}),
    VISIT: frozenset({ABSENT, SUSPECTED, PERSUADING, RETURNED, CLOSED}),
    REPORT: frozenset({SUSPECTED, DROPPED_OUT, PERSUADING}),
    NOTICE: frozenset({SUSPECTED, PERSUADING}),
    REFERRAL: frozenset({SUSPECTED, PERSUADING}),
    REFERRAL_ANSWER: frozenset(CASE_STATUSES),
    CONFIRM_DROPOUT: frozenset({DROPPED_OUT}),
    CLOSE: frozenset({CLOSED}),
    REOPEN: frozenset({ABSENT}),
}

# --- due action codes --------------------------------------------------------------------------
DUE_VISIT = {ROUND_1: "visit1", ROUND_2: "visit2", ROUND_3: "visit3", FOLLOW_UP: "followup"}
DUE_REPORT = "report"
DUE_NOTICE = "notice"
DUE_NOTICE_CHECK = "notice_check"
DUE_DROPOUT = "dropout"
DUE_REFERRAL = "referral_answer"
DUE_CLOSE = "close"
DUE_LABELS = {
    "visit1": "一访：班主任家访",
    "visit2": "二访：校长/防辍小组家访",
    "visit3": "三访：联合村（居）委会家访",
    "followup": "跟进劝返",
    DUE_REPORT: "报送辍学学生情况报告",
    DUE_NOTICE: "发出限期返校通知书",
    DUE_NOTICE_CHECK: "核查通知书期限（是否按期返校）",
    DUE_DROPOUT: "劝返无效：认定辍学或转介",
    DUE_REFERRAL: "催问部门回复",
    DUE_CLOSE: "销号",
}
VISIT_DUE_CODES = frozenset(DUE_VISIT.values())


class CaseRuleError(ValueError):
    """An event the case's state does not allow; str() is a Chinese sentence for the user."""

    def __init__(self, message: str, field_name: str = "") -> None:
        self.field = field_name
        super().__init__(message)


# --- rules (settings) --------------------------------------------------------------------------
@dataclass(frozen=True)
class RuleSpec:
    """How a rule is shown and checked: label, unit, allowed range."""

    label: str
    unit: str
    low: int
    high: int


RULE_SPECS: dict[str, RuleSpec] = {
    "teacher_visit_day": RuleSpec("班主任家访（一访）在缺课第几个上学日到期", "个上学日", 1, 10),
    "principal_visit_day": RuleSpec("校长/防辍小组家访（二访）在缺课第几个上学日到期", "个上学日", 1, 15),
    "joint_visit_day": RuleSpec("联合村委会家访（三访）在缺课第几个上学日到期", "个上学日", 1, 20),
    "report_day": RuleSpec("书面情况报告在缺课第几个上学日到期", "个上学日", 1, 30),
    "suspected_after": RuleSpec("连续缺课超过几个上学日列为疑似辍学", "个上学日", 1, 60),
    "notice_within": RuleSpec("报告后几个上学日内发出限期返校通知书", "个上学日", 0, 30),
    "notice_deadline_days": RuleSpec("限期返校通知书默认期限", "天", 1, 60),
    "dropout_after": RuleSpec("疑似辍学后劝返无效几个上学日认定辍学", "个上学日", 1, 120),
    "followup_days": RuleSpec("劝返跟进走访的间隔（未约定下次日期时）", "天", 1, 60),
    "stale_days": RuleSpec("多少天没有任何进展列入“无进展”", "天", 3, 120),
    "referral_answer_days": RuleSpec("转介后多少天应得到部门回复", "天", 1, 90),
    "reopen_within_days": RuleSpec("销号后多少天内再次缺课时重新开启原个案", "天", 0, 365),
}


@dataclass(frozen=True)
class EscalationRules:
    """The deadlines of 三访一报告 and 劝返 (see RULE_SPECS for what each means).

    Days named "…_day" count school days of the absence (day 1 = its first school day);
    "…_days" are calendar days; the rest are school days counted from the event named.
    """

    teacher_visit_day: int = 1
    principal_visit_day: int = 2
    joint_visit_day: int = 3
    report_day: int = 3
    suspected_after: int = 3
    notice_within: int = 3
    notice_deadline_days: int = 7
    dropout_after: int = 15
    followup_days: int = 7
    stale_days: int = 14
    referral_answer_days: int = 15
    reopen_within_days: int = 60

    def as_dict(self) -> dict[str, int]:
        """Plain values (for the settings table)."""
        return asdict(self)

    def visit_day(self, round_: str) -> int:
        """The school day of the absence on which an escalation round is due."""
        return {ROUND_1: self.teacher_visit_day, ROUND_2: self.principal_visit_day, ROUND_3: self.joint_visit_day}[
            round_
        ]


def check_rules(values: Mapping[str, Any]) -> dict[str, str]:
    """Problems of a set of rule values (name → Chinese message)."""
    problems: dict[str, str] = {}
    for name, spec in RULE_SPECS.items():
        if name not in values:
            continue
        value = values[name]
        if isinstance(value, bool) or not isinstance(value, int):
            problems[name] = f"“{spec.label}”应填写整数"
        elif not spec.low <= value <= spec.high:
            problems[name] = f"“{spec.label}”应在{spec.low}到{spec.high}{spec.unit}之间"
    unknown = set(values) - set(RULE_SPECS)
    if unknown:
        problems["unknown"] = f"未知的设置项：{'、'.join(sorted(unknown))}"
    if not problems:
        merged = {**EscalationRules().as_dict(), **values}
        t, p, j = merged["teacher_visit_day"], merged["principal_visit_day"], merged["joint_visit_day"]
        if not t <= p <= j:
            problems["principal_visit_day"] = "三次走访的到期日应依次递增：一访 ≤ 二访 ≤ 三访"
    return problems


def rules_from(values: Mapping[str, Any] | None) -> EscalationRules:
    """Rules from stored values; missing names take defaults, bad values raise CaseRuleError."""
    values = dict(values or {})
    problems = check_rules(values)
    if problems:
        raise CaseRuleError("；".join(problems.values()), next(iter(problems)))
    return EscalationRules(**values)


# --- events and state --------------------------------------------------------------------------
@dataclass(frozen=True)
class Event:
    """One thing that happened to a case, as the state machine sees it.

    kind: EVENT_KINDS; on: the day it happened (an absence: its first day); round / outcome /
    promised_on / next_on: a visit's (outcome is also a CLOSE's outcome); deadline: a notice's;
    ref: the referral a REFERRAL / REFERRAL_ANSWER is about.
    """

    kind: str
    on: dt.date
    round: str | None = None
    outcome: str | None = None
    promised_on: dt.date | None = None
    next_on: dt.date | None = None
    deadline: dt.date | None = None
    ref: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly form (dates as ISO text, empty values left out)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None:
                continue
            out[f.name] = value.isoformat() if isinstance(value, dt.date) else value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Event:
        """The inverse of as_dict."""
        values = dict(data)
        for name in ("on", "promised_on", "next_on", "deadline"):
            if isinstance(values.get(name), str):
                values[name] = dt.date.fromisoformat(values[name])
        return cls(**values)


@dataclass(frozen=True)
class CaseState:
    """Where a case stands after its events.

    status: CASE_STATUSES; opened_on: the first day of the first absence; episode_start: the first
    day of the current absence (a reopen starts a new episode and the 三访 start again);
    threshold_on: the day a 缺课 case becomes 疑似辍学; suspected_on / dropout_on / returned_on /
    closed_on: when those happened (None when not, or not in this episode); outcome: the 销号
    result; rounds: escalation rounds visited this episode, in order; last_visit_on,
    next_step_on, promised_on: from the visits of this episode; report_on: the report sent this
    episode; notice_on / notice_deadline / notice_handled: the latest notice and whether anything
    followed it; open_referrals: (ref, asked on) awaiting an answer; last_activity_on: the latest
    day anything happened; resume_status: where a 已返校 case goes if the child is absent again;
    visits / episode_visits: all visits and those of this episode; ever_suspected /
    ever_dropped_out: for reports and checks.
    """

    status: str
    opened_on: dt.date
    episode_start: dt.date
    threshold_on: dt.date
    last_activity_on: dt.date
    suspected_on: dt.date | None = None
    dropout_on: dt.date | None = None
    returned_on: dt.date | None = None
    closed_on: dt.date | None = None
    outcome: str | None = None
    rounds: tuple[str, ...] = ()
    last_visit_on: dt.date | None = None
    next_step_on: dt.date | None = None
    promised_on: dt.date | None = None
    report_on: dt.date | None = None
    notice_on: dt.date | None = None
    notice_deadline: dt.date | None = None
    notice_handled: bool = False
    open_referrals: tuple[tuple[str, dt.date], ...] = ()
    resume_status: str | None = None
    visits: int = 0
    episode_visits: int = 0
    ever_suspected: bool = False
    ever_dropped_out: bool = False

    @property
    def is_open(self) -> bool:
        """Not yet closed."""
        return self.status != CLOSED

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly form (dates as ISO text)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif f.name == "open_referrals":
                value = [[ref, day.isoformat()] for ref, day in value]
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CaseState:
        """The inverse of as_dict (unknown names are ignored, missing ones take defaults)."""
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for name, value in data.items():
            if name not in known:
                continue
            if name == "open_referrals":
                value = tuple((ref, dt.date.fromisoformat(day)) for ref, day in value)
            elif name == "rounds":
                value = tuple(value)
            elif isinstance(value, str) and name in _STATE_DATES:
                value = dt.date.fromisoformat(value)
            values[name] = value
        return cls(**values)


_STATE_DATES = frozenset(f.name for f in fields(CaseState) if "date" in str(f.type) and "tuple" not in str(f.type))


def _fmt(day: dt.date) -> str:
    return f"{day:%Y-%m-%d}"


def threshold_day(start: dt.date, book: CalendarBook, rules: EscalationRules) -> dt.date:
    """The day an absence starting on `start` makes the pupil a suspected dropout."""
    return book.nth_school_day(start, rules.suspected_after + 1)


def open_state(first_day: dt.date, book: CalendarBook, rules: EscalationRules) -> CaseState:
    """The state of a case opened by an absence starting on `first_day`."""
    return CaseState(
        status=ABSENT,
        opened_on=first_day,
        episode_start=first_day,
        threshold_on=threshold_day(first_day, book, rules),
        last_activity_on=first_day,
    )


def advance(state: CaseState, day: dt.date) -> CaseState:
    """The state as of `day`: a 缺课 case whose threshold has come is 疑似辍学 from then on.

    `apply` does this before every event; services record it as an explicit SUSPECT event
    first (`implied_events`), so that the log shows when and why the case became 疑似辍学.
    """
    if state.status == ABSENT and day >= state.threshold_on:
        return replace(state, status=SUSPECTED, suspected_on=state.threshold_on, ever_suspected=True)
    return state


def implied_events(state: CaseState | None, day: dt.date) -> list[Event]:
    """Events time has implied before something happening on `day` (the SUSPECT of `advance`)."""
    if state is not None and state.status == ABSENT and day >= state.threshold_on:
        return [Event(SUSPECT, state.threshold_on)]
    return []


def _refuse_state(kind: str, status: str | None) -> CaseRuleError:
    if status == CLOSED:
        return CaseRuleError("该个案已销号。如学生再次缺课，请先“重新开启”个案。")
    if status is None:
        return CaseRuleError("个案尚未建立：请先登记缺课。")
    messages = {
        OPEN: "个案已经建立，不能重复建立。",
        ABSENCE: "该学生的上一次缺课还没有登记返校日期，不能再登记新的缺课。",
        RETURN: "该学生已登记返校，无需重复登记。",
        REPORT: "学生已返校，无需再报送情况报告。",
        NOTICE: "学生尚未列为疑似辍学（请先完成三访并报送情况报告），暂不能发限期返校通知书。"
        if status == ABSENT
        else "学生已返校，无需再发限期返校通知书。",
        REFERRAL: "学生尚未列为疑似辍学，暂不能转介相关部门。" if status == ABSENT else "学生已返校，无需转介。",
        CONFIRM_DROPOUT: {
            ABSENT: "缺课天数还没有达到疑似辍学标准，不能认定辍学。",
            DROPPED_OUT: "该学生已认定辍学。",
            PERSUADING: "该学生已认定辍学，正在劝返。",
            RETURNED: "学生已返校，不能认定辍学。",
        }.get(status, "当前状态不能认定辍学。"),
        REOPEN: "个案尚未销号，不需要重新开启。",
    }
    return CaseRuleError(messages.get(kind, f"个案当前为“{status}”，不能办理“{EVENT_LABELS.get(kind, kind)}”。"))


def apply(state: CaseState | None, event: Event, book: CalendarBook, rules: EscalationRules) -> CaseState:
    """The state after `event`; CaseRuleError (nothing changed) when the event is not allowed."""
    kind = event.kind
    if kind not in ALLOWED:
        raise CaseRuleError(f"未知的个案事件“{kind}”")
    if state is None:
        if kind != OPEN:
            raise _refuse_state(kind, None)
        return open_state(event.on, book, rules)
    if kind != SUSPECT:
        state = advance(state, event.on)
    if state.status not in ALLOWED[kind]:
        raise _refuse_state(kind, state.status)
    if kind not in (REOPEN, REFERRAL_ANSWER) and event.on < state.episode_start:
        raise CaseRuleError(
            f"{EVENT_LABELS[kind]}的日期（{_fmt(event.on)}）早于本次缺课开始的日期（{_fmt(state.episode_start)}）。",
            "on",
        )
    activity = max(state.last_activity_on, event.on)
    handler = _HANDLERS[kind]
    new = handler(state, event, book, rules)
    return replace(new, last_activity_on=max(new.last_activity_on, activity))


def _suspect(state: CaseState, event: Event, book: CalendarBook, rules: EscalationRules) -> CaseState:
    return replace(state, status=SUSPECTED, suspected_on=event.on, ever_suspected=True)


def _absence(state: CaseState, event: Event, book: CalendarBook, rules: EscalationRules) -> CaseState:
    if state.returned_on is not None and event.on < state.returned_on:
        raise CaseRuleError(f"再次缺课的日期早于返校日期（{_fmt(state.returned_on)}）。", "on")
    return replace(state, status=state.resume_status or SUSPECTED, returned_on=None, resume_status=None)


def _return(state: CaseState, event: Event, book: CalendarBook, rules: EscalationRules) -> CaseState:
    if state.status == ABSENT:
        return replace(state, status=CLOSED, returned_on=event.on, closed_on=event.on, outcome=EARLY_RETURN)
    resume = PERSUADING if state.status in (DROPPED_OUT, PERSUADING) else SUSPECTED
    return replace(state, status=RETURNED, returned_on=event.on, resume_status=resume)


def _visit(state: CaseState, event: Event, book: CalendarBook, rules: EscalationRules) -> CaseState:
    round_, outcome = event.round, event.outcome
    if round_ not in VISIT_ROUNDS:
        raise CaseRuleError("请选择走访轮次（一访、二访、三访或跟进）", "round")
    if outcome not in VISIT_OUTCOMES:
        raise CaseRuleError("请选择走访结果", "outcome")
    if round_ in ESCALATION_ROUNDS:
        if round_ in state.rounds:
            raise CaseRuleError(f"本次缺课已登记过{round_}；再次走访请选“跟进”。", "round")
        expected = ESCALATION_ROUNDS[len(state.rounds)]
        if round_ != expected:
            raise CaseRuleError(f"请先登记{expected}，再登记{round_}。", "round")
    if outcome == OUTCOME_PROMISED:
        if event.promised_on is None:
            raise CaseRuleError("家长承诺返校时，请填写承诺返校的日期。", "promised_on")
        if event.promised_on < event.on:
            raise CaseRuleError("承诺返校日期不能早于走访日期。", "promised_on")
    if event.next_on is not None and event.next_on < event.on:
        raise CaseRuleError("下一步的日期不能早于走访日期。", "next_on")
    rounds = state.rounds + ((round_,) if round_ in ESCALATION_ROUNDS else ())
    latest = state.last_visit_on is None or event.on >= state.last_visit_on
    new = replace(
        state,
        rounds=rounds,
        visits=state.visits + 1,
        episode_visits=state.episode_visits + 1,
        last_visit_on=max(state.last_visit_on or event.on, event.on),
        next_step_on=(event.next_on or (event.promised_on if outcome == OUTCOME_PROMISED else None))
        if latest
        else state.next_step_on,
        promised_on=(event.promised_on if outcome == OUTCOME_PROMISED else None) if latest else state.promised_on,
    )
    if state.status == DROPPED_OUT:
        new = replace(new, status=PERSUADING)
    if outcome == OUTCOME_BACK and state.status in OUT_OF_SCHOOL:
        new = _return(new, event, book, rules)
    return new


def _report(state: CaseState, event: Event, book: CalendarBook, rules: EscalationRules) -> CaseState:
    if state.episode_visits == 0:
        raise CaseRuleError("这个个案还没有任何走访记录，不能报送情况报告。请先登记家访。")
    new = replace(state, report_on=event.on)
    if state.status == ABSENT:
        new = replace(new, status=SUSPECTED, suspected_on=event.on, ever_suspected=True)
    return new


def _notice(state: CaseState, event: Event, book: CalendarBook, rules: EscalationRules) -> CaseState:
    if event.deadline is None or event.deadline <= event.on:
        raise CaseRuleError("返校期限应晚于通知书的发出日期。", "deadline")
    status = PERSUADING if state.status == DROPPED_OUT else state.status
    return replace(state, status=status, notice_on=event.on, notice_deadline=event.deadline, notice_handled=False)


def _referral(state: CaseState, event: Event, book: CalendarBook, rules: EscalationRules) -> CaseState:
    if not event.ref:
        raise CaseRuleError("转介记录缺少编号。")
    if any(ref == event.ref for ref, _ in state.open_referrals):
        raise CaseRuleError("这条转介已经登记过。")
    status = PERSUADING if state.status == DROPPED_OUT else state.status
    return replace(
        state,
        status=status,
        open_referrals=(*state.open_referrals, (event.ref, event.on)),
        notice_handled=state.notice_handled or state.notice_on is not None,
    )


def _referral_answer(state: CaseState, event: Event, book: CalendarBook, rules: EscalationRules) -> CaseState:
    pending = [item for item in state.open_referrals if item[0] == event.ref]
    if not pending:
        raise CaseRuleError("这条转介已经有回复了（或不存在）。")
    if event.on < pending[0][1]:
        raise CaseRuleError(f"回复日期不能早于转介日期（{_fmt(pending[0][1])}）。", "on")
    rest = tuple(item for item in state.open_referrals if item[0] != event.ref)
    return replace(state, open_referrals=rest)


def _confirm_dropout(state: CaseState, event: Event, book: CalendarBook, rules: EscalationRules) -> CaseState:
    if state.suspected_on is not None and event.on < state.suspected_on:
        raise CaseRuleError(f"认定辍学的日期不能早于列为疑似辍学的日期（{_fmt(state.suspected_on)}）。", "on")
    return replace(
        state,
        status=DROPPED_OUT,
        dropout_on=event.on,
        ever_dropped_out=True,
        notice_handled=state.notice_handled or state.notice_on is not None,
    )


def _close(state: CaseState, event: Event, book: CalendarBook, rules: EscalationRules) -> CaseState:
    outcome = (event.outcome or "").strip()
    if not outcome:
        raise CaseRuleError("销号必须选择结果（已复学、转学、送教上门、缓学或其他）。", "outcome")
    if outcome not in CLOSE_OUTCOMES:
        raise CaseRuleError(f"未知的销号结果“{outcome}”。", "outcome")
    if outcome == RESUMED and state.status != RETURNED:
        raise CaseRuleError("以“已复学”销号前，请先登记学生的返校日期。", "outcome")
    if state.returned_on is not None and event.on < state.returned_on:
        raise CaseRuleError(f"销号日期不能早于返校日期（{_fmt(state.returned_on)}）。", "on")
    return replace(state, status=CLOSED, closed_on=event.on, outcome=outcome, resume_status=None)


def _reopen(state: CaseState, event: Event, book: CalendarBook, rules: EscalationRules) -> CaseState:
    assert state.closed_on is not None
    if event.on < state.closed_on:
        raise CaseRuleError(f"重新开启的缺课日期不能早于销号日期（{_fmt(state.closed_on)}）。", "on")
    return replace(
        state,
        status=ABSENT,
        episode_start=event.on,
        threshold_on=threshold_day(event.on, book, rules),
        suspected_on=None,
        returned_on=None,
        closed_on=None,
        outcome=None,
        rounds=(),
        episode_visits=0,
        last_visit_on=None,
        next_step_on=None,
        promised_on=None,
        report_on=None,
        notice_on=None,
        notice_deadline=None,
        notice_handled=False,
        resume_status=None,
    )


_HANDLERS = {
    SUSPECT: _suspect,
    ABSENCE: _absence,
    RETURN: _return,
    VISIT: _visit,
    REPORT: _report,
    NOTICE: _notice,
    REFERRAL: _referral,
    REFERRAL_ANSWER: _referral_answer,
    CONFIRM_DROPOUT: _confirm_dropout,
    CLOSE: _close,
    REOPEN: _reopen,
}


def replay(events: Iterable[Event], book: CalendarBook, rules: EscalationRules) -> CaseState:
    """The state after all `events` in order (CaseRuleError at the first one not allowed)."""
    state: CaseState | None = None
    for event in events:
        state = apply(state, event, book, rules)
    if state is None:
        raise CaseRuleError("个案没有任何记录。")
    return state


def allowed_events(state: CaseState | None, day: dt.date) -> list[str]:
    """Event kinds the state allows on `day` (before their own checks of dates and values)."""
    status = advance(state, day).status if state is not None else None
    return [kind for kind in EVENT_KINDS if status in ALLOWED[kind]]


def next_round(state: CaseState | None) -> str:
    """The visit round a new visit most likely is (the form's default)."""
    if state is None or state.status == CLOSED:
        return ROUND_1
    done = len(state.rounds)
    return ESCALATION_ROUNDS[done] if done < len(ESCALATION_ROUNDS) else FOLLOW_UP


# --- what is due -------------------------------------------------------------------------------
@dataclass(frozen=True, order=True)
class DueAction:
    """Something to do for a case by a date: code (DUE_LABELS), its label, the date."""

    due_on: dt.date
    code: str = field(compare=False)
    label: str = field(compare=False)


def _due(code: str, day: dt.date) -> DueAction:
    return DueAction(day, code, DUE_LABELS[code])


def due_actions(state: CaseState, book: CalendarBook, rules: EscalationRules) -> list[DueAction]:
    """What is due for the case and when, earliest first (empty only for a closed case)."""
    if state.status == CLOSED:
        return []
    if state.status == RETURNED:
        assert state.returned_on is not None
        return [_due(DUE_CLOSE, state.returned_on)]
    actions: list[DueAction] = []
    start = state.episode_start
    missing = next((r for r in ESCALATION_ROUNDS if r not in state.rounds), None)
    if missing is not None:
        due = book.nth_school_day(start, rules.visit_day(missing))
        if state.last_visit_on is not None and due <= state.last_visit_on:
            due = book.school_days_after(state.last_visit_on, 1)
        actions.append(_due(DUE_VISIT[missing], due))
    else:
        assert state.last_visit_on is not None
        due = state.next_step_on or state.last_visit_on + dt.timedelta(days=rules.followup_days)
        actions.append(_due(DUE_VISIT[FOLLOW_UP], due))
    if state.report_on is None:
        actions.append(_due(DUE_REPORT, book.nth_school_day(start, rules.report_day)))
    status = state.status
    if status in (SUSPECTED, DROPPED_OUT, PERSUADING):
        if state.notice_on is None and state.report_on is not None:
            actions.append(_due(DUE_NOTICE, book.school_days_after(state.report_on, rules.notice_within)))
        if state.notice_deadline is not None and not state.notice_handled:
            actions.append(_due(DUE_NOTICE_CHECK, state.notice_deadline))
    if status == SUSPECTED and not state.open_referrals:  # while a department is on it, wait for its answer
        since = state.suspected_on or state.threshold_on
        actions.append(_due(DUE_DROPOUT, book.school_days_after(since, rules.dropout_after)))
    elif status == ABSENT:
        actions.append(_due(DUE_DROPOUT, book.school_days_after(state.threshold_on, rules.dropout_after)))
    for _ref, asked_on in state.open_referrals:
        actions.append(_due(DUE_REFERRAL, asked_on + dt.timedelta(days=rules.referral_answer_days)))
    actions.sort()
    return actions


@dataclass(frozen=True)
class CaseSummary:
    """The columns the store keeps for the to-do list and the ledgers.

    next_*: the earliest due action; visit_due_on / visit_action: the visit due (None when the
    child is back); report_due_on: when the report is due and not sent; notice_due_on: the
    deadline of a notice nothing has followed yet; close_due_on: when 销号 is due.
    """

    status: str
    next_action: str | None
    next_action_label: str | None
    next_due_on: dt.date | None
    visit_action: str | None
    visit_due_on: dt.date | None
    report_due_on: dt.date | None
    notice_due_on: dt.date | None
    close_due_on: dt.date | None


def summarize(state: CaseState, book: CalendarBook, rules: EscalationRules) -> CaseSummary:
    """The stored summary of a state."""
    actions = due_actions(state, book, rules)
    by_code: dict[str, DueAction] = {}
    for action in actions:
        by_code.setdefault(action.code, action)
    visit = next((a for a in actions if a.code in VISIT_DUE_CODES), None)
    first = actions[0] if actions else None
    return CaseSummary(
        status=state.status,
        next_action=first.code if first else None,
        next_action_label=first.label if first else None,
        next_due_on=first.due_on if first else None,
        visit_action=visit.code if visit else None,
        visit_due_on=visit.due_on if visit else None,
        report_due_on=by_code[DUE_REPORT].due_on if DUE_REPORT in by_code else None,
        notice_due_on=by_code[DUE_NOTICE_CHECK].due_on if DUE_NOTICE_CHECK in by_code else None,
        close_due_on=by_code[DUE_CLOSE].due_on if DUE_CLOSE in by_code else None,
    )


def check_state(state: CaseState) -> list[str]:
    """What is inconsistent about a state (empty when it is valid); used by the property tests."""
    problems = []
    if state.status not in CASE_STATUSES:
        problems.append(f"unknown status {state.status}")
    if state.status == CLOSED:
        if state.closed_on is None or state.outcome not in ALL_OUTCOMES:
            problems.append("closed without date or outcome")
    elif state.closed_on is not None or state.outcome is not None:
        problems.append("open case with a closing date or outcome")
    if state.status == RETURNED and (state.returned_on is None or state.resume_status is None):
        problems.append("returned without a return date")
    if state.status in (DROPPED_OUT, PERSUADING) and state.dropout_on is None:
        problems.append("dropout without a date")
    if state.status in (SUSPECTED, DROPPED_OUT, PERSUADING) and not state.ever_suspected:
        problems.append("suspected without having been suspected")
    if list(state.rounds) != list(ESCALATION_ROUNDS[: len(state.rounds)]):
        problems.append(f"rounds out of order: {state.rounds}")
    if len(state.rounds) > state.episode_visits or state.episode_visits > state.visits:
        problems.append("more rounds than visits")
    if state.episode_start < state.opened_on:
        problems.append("episode starts before the case")
    if state.threshold_on < state.episode_start:
        problems.append("threshold before the episode")
    if state.report_on is not None and state.episode_visits == 0:
        problems.append("report without visits")
    return problems
