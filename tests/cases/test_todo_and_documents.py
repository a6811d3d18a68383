"""The to-do list (groups, counts, scope) and the case documents (text checked with pypdf)."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.services import absences, case_settings, cases, clock, todo, visits
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.case_documents import latest_notice_id, notice_pdf, report_pdf
from kongchuo_desktop.services.errors import PermissionDenied, ValidationError
from kongchuo_desktop.store.database import Database
from tests.cases.conftest import ADMIN, World

D = dt.date


def set_today(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    monkeypatch.setattr(clock, "today", lambda: day)
    monkeypatch.setattr(clock, "now", lambda: dt.datetime.combine(day, dt.time(18)))


def log_visit(db: Database, case_id: str, day: dt.date, round_: str, outcome: str = "拒绝", **extra: object) -> None:
    visits.record_visit(
        db, ADMIN, case_id,
        visits.VisitInput(dt.datetime.combine(day, dt.time(16, 0)), round_, "家访", (visits.Participant("李明", "班主任"),),
                          "吴村长" if round_ == "三访" else "", "母亲", "厌学/学习困难", "消极应付", outcome, **extra),  # type: ignore[arg-type]
    )  # fmt: skip


def counts(t: todo.Todo) -> dict[str, int]:
    return {g.key: g.count for g in t.groups}


def test_groups_follow_the_escalation(
    cdb: Database, world: World, actors: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    set_today(monkeypatch, D(2025, 10, 9))
    a = absences.record_absence(cdb, ADMIN, world.a, D(2025, 10, 9)).case_id
    b = absences.record_absence(cdb, ADMIN, world.b, D(2025, 10, 9)).case_id
    c = absences.record_absence(cdb, ADMIN, world.c, D(2025, 10, 9)).case_id
    t = todo.build_todo(cdb, ADMIN)
    assert counts(t)[todo.VISITS_TODAY] == 3 and t.cases == 3
    log_visit(cdb, a, D(2025, 10, 9), "一访")
    set_today(monkeypatch, D(2025, 10, 13))  # Monday: b and c missed 一访, a missed 二访; reports due
    t = todo.build_todo(cdb, ADMIN)
    overdue = t.group(todo.VISITS_OVERDUE)
    assert overdue.count == 3
    assert [i.action for i in overdue.items][0].startswith("一访")
    assert {i.case_id for i in overdue.items} == {a, b, c}
    assert counts(t)[todo.REPORTS] == 3
    item = next(i for i in overdue.items if i.case_id == a)
    assert item.action.startswith("二访") and item.days_late == 3 and item.student_name == "温柳"
    assert item.status == esc.ABSENT  # day 3 of the absence; tomorrow it is 疑似辍学 without anyone doing anything
    set_today(monkeypatch, D(2025, 10, 14))
    again = todo.build_todo(cdb, ADMIN).group(todo.VISITS_OVERDUE)
    assert {i.status for i in again.items} == {esc.SUSPECTED}
    set_today(monkeypatch, D(2025, 10, 13))
    # the township sees its own two; the teacher only 温柳; another township only 赵刚
    assert todo.build_todo(cdb, actors["township"]).cases == 2
    assert [i.student_name for i in todo.build_todo(cdb, actors["teacher"]).group(todo.VISITS_OVERDUE).items] == [
        "温柳"
    ]
    assert todo.build_todo(cdb, actors["other_township"]).cases == 1
    # notices past their deadline, stale cases, pupils back awaiting 销号
    log_visit(cdb, a, D(2025, 10, 13), "二访")
    log_visit(cdb, a, D(2025, 10, 13), "三访")
    cases.send_report(cdb, ADMIN, a, D(2025, 10, 13))
    cases.issue_notice(cdb, ADMIN, a, cases.NoticeInput(D(2025, 10, 13), D(2025, 10, 17)))
    set_today(monkeypatch, D(2025, 10, 20))
    cases.record_return(cdb, ADMIN, b, D(2025, 10, 20))  # back after the threshold: waits for 销号
    set_today(monkeypatch, D(2025, 10, 28))
    t = todo.build_todo(cdb, ADMIN)
    assert t.group(todo.NOTICES).count == 1 and t.group(todo.NOTICES).items[0].case_id == a
    assert [i.case_id for i in t.group(todo.TO_CLOSE).items] == [b]
    stale = t.group(todo.STALE)
    assert [i.case_id for i in stale.items] == [c, a]  # nothing since 9 and 13 October, longest first
    assert "14天无进展" in stale.title and "19天没有任何记录" in stale.items[0].action
    assert t.cases == 3
    assert todo.todo_count(cdb, ADMIN) == 3


def test_limit_keeps_counts_whole(cdb: Database, world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, D(2025, 10, 13))
    for student in (world.a, world.b, world.c):
        absences.record_absence(cdb, ADMIN, student, D(2025, 10, 9))
    t = todo.build_todo(cdb, ADMIN, limit=1)
    group = t.group(todo.VISITS_OVERDUE)
    assert group.count == 3 and len(group.items) == 1


def test_changing_rules_recomputes_due_dates(cdb: Database, world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, D(2025, 10, 13))
    case_id = absences.record_absence(cdb, ADMIN, world.a, D(2025, 10, 9)).case_id
    assert todo.build_todo(cdb, ADMIN).group(todo.VISITS_OVERDUE).count == 1
    with pytest.raises(ValidationError):
        case_settings.save_rules(cdb, ADMIN, {"teacher_visit_day": 0})
    with pytest.raises(PermissionDenied):
        case_settings.save_rules(cdb, Actor("zhou", "周", "乡镇"), {"teacher_visit_day": 3})
    with pytest.raises(ValidationError, match="依次递增"):
        case_settings.save_rules(cdb, ADMIN, {"teacher_visit_day": 3})
    case_settings.save_rules(
        cdb, ADMIN, {"teacher_visit_day": 3, "principal_visit_day": 4, "joint_visit_day": 5, "suspected_after": 10}
    )
    assert case_settings.get_rules(cdb, ADMIN).joint_visit_day == 5
    t = todo.build_todo(cdb, ADMIN)
    assert t.group(todo.VISITS_OVERDUE).count == 0 and t.group(todo.VISITS_TODAY).count == 1
    assert cases.get_case(cdb, ADMIN, case_id).state.threshold_on == D(2025, 10, 23)


def test_calendar_changes_move_the_deadlines(cdb: Database, world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from kongchuo_desktop.domain import school_calendar as sc

    set_today(monkeypatch, D(2025, 10, 9))
    case_id = absences.record_absence(cdb, ADMIN, world.a, D(2025, 10, 9)).case_id
    before = cases.get_case(cdb, ADMIN, case_id).state.threshold_on
    year = sc.make_year(2025, [(D(2025, 9, 1), D(2026, 1, 16)), (D(2026, 3, 2), D(2026, 7, 10))],
                        [(D(2025, 10, 10), sc.HOLIDAY, "运动会调休")])  # fmt: skip
    case_settings.save_year_calendar(cdb, ADMIN, year, world.school_id)
    info = case_settings.get_year_calendar(cdb, ADMIN, 2025, world.school_id)
    assert info.stored and D(2025, 10, 10) in info.calendar.holidays
    assert case_settings.get_year_calendar(cdb, ADMIN, 2025).stored is False  # site-wide still the default
    after = cases.get_case(cdb, ADMIN, case_id).state.threshold_on
    assert after == before + dt.timedelta(days=1)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "".join(page.extract_text() or "" for page in reader.pages).replace(" ", "").replace("\n", "")


def test_report_pdf_is_built_from_the_case_log(cdb: Database, world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, D(2025, 10, 13))
    case_id = absences.record_absence(cdb, ADMIN, world.a, D(2025, 10, 9), "无故未到校").case_id
    log_visit(cdb, case_id, D(2025, 10, 9), "一访")
    log_visit(cdb, case_id, D(2025, 10, 10), "二访")
    log_visit(cdb, case_id, D(2025, 10, 13), "三访", outcome="承诺返校", promised_on=D(2025, 10, 15))
    cases.set_measures(cdb, ADMIN, case_id, "落实“一生一案”，安排学业辅导")
    cases.set_responsible(cdb, ADMIN, case_id, cases.ResponsiblePersons(world.principal_id, world.teacher_id, world.cadre_id,
                                                                      world.village_id))  # fmt: skip
    cases.send_report(cdb, ADMIN, case_id, D(2025, 10, 13))
    cases.add_referral(
        cdb, ADMIN, case_id, cases.ReferralInput("乡镇教育执法组", D(2025, 10, 13), "依法督促监护人送子女入学")
    )
    text = pdf_text(report_pdf(cdb, ADMIN, case_id))
    for expected in ("辍学学生情况报告表", "温柳", "金河镇中心学校", "3年级1班", "温大海", "13912345678", "2025-10-09",
                     "尚未返校", "一访", "二访", "三访", "吴村长", "承诺返校", "厌学/学习困难", "一生一案", "乡镇教育执法组",
                     "依法督促监护人送子女入学", "尚未答复", "周建国", "吴村长", "孙强", "处理意见", "校长（签字）",
                     "班主任（签字）", "金河镇人民政府（盖章）", "包保干部（签字）"):  # fmt: skip
        assert expected in text, expected
    assert "累计缺课3个上学日" in text


def test_notice_pdf_names_the_guardian_deadline_and_law(
    cdb: Database, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_today(monkeypatch, D(2025, 10, 14))
    case_id = absences.record_absence(cdb, ADMIN, world.a, D(2025, 10, 9)).case_id
    log_visit(cdb, case_id, D(2025, 10, 9), "一访")
    with pytest.raises(ValidationError, match="疑似辍学"):
        cases.issue_notice(cdb, ADMIN, case_id, cases.NoticeInput(D(2025, 10, 9), D(2025, 10, 16)))
    with pytest.raises(ValidationError, match="返校期限应晚于"):
        cases.issue_notice(cdb, ADMIN, case_id, cases.NoticeInput(D(2025, 10, 14), D(2025, 10, 14)))
    notice_id = cases.issue_notice(cdb, ADMIN, case_id, cases.NoticeInput(D(2025, 10, 14), D(2025, 10, 21), note=None))
    assert latest_notice_id(cdb, ADMIN, case_id) == notice_id
    text = pdf_text(notice_pdf(cdb, ADMIN, notice_id))
    for expected in ("限期返校通知书", "金河限返〔2025〕1号", "温大海（学生温柳的监护人）", "二〇二五年十月二十一日前",
                     "义务教育法", "第五十八条", "金河镇人民政府（盖章）", "二〇二五年十月十四日", "送达回执",
                     "受送达人（签字）", "已累计缺课4个上学日"):  # fmt: skip
        assert expected in text, expected
