"""The whole path through the services — absence, three visits, report, notice, return, 销号 — and
the refusals along the way."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.services import absences, case_history, cases, clock, history, visits
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import PermissionDenied, ValidationError
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import Attachment, AuditEntry, CaseEvent, StatusChange, Student
from tests.cases.conftest import ADMIN, World

D = dt.date


def set_today(monkeypatch: pytest.MonkeyPatch, day: dt.date, hour: int = 18) -> None:
    monkeypatch.setattr(clock, "today", lambda: day)
    monkeypatch.setattr(clock, "now", lambda: dt.datetime.combine(day, dt.time(hour)))


def visit(
    db: Database, actor: Actor, case_id: str, day: dt.date, round_: str, outcome: str = "拒绝", **extra: object
) -> str:
    inp = visits.VisitInput(
        visited_at=dt.datetime.combine(day, dt.time(17, 30)),
        round=round_,
        participants=(visits.Participant("李明", "班主任"),),
        others=extra.pop("others", ""),  # type: ignore[arg-type]
        met_with="母亲",
        reason="外出务工/随父母外出",
        attitude="犹豫观望",
        outcome=outcome,
        **extra,  # type: ignore[arg-type]
    )
    return visits.record_visit(db, actor, case_id, inp)


def status_of(db: Database, student_id: str) -> str:
    with db.read_session() as session:
        student = session.get(Student, student_id)
        assert student is not None
        return student.status


def test_whole_path_absence_visits_report_notice_return_close(
    cdb: Database, world: World, actors: dict[str, Actor], monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    teacher, town = actors["teacher"], actors["township"]
    set_today(monkeypatch, D(2025, 10, 9))  # Thursday
    result = absences.record_absence(cdb, teacher, world.a, D(2025, 10, 9), "早上没来，电话未接")
    assert result.action == absences.NEW and "已建立新的控辍个案" in result.message
    detail = cases.get_case(cdb, teacher, result.case_id)
    assert detail.status == esc.ABSENT
    assert detail.responsible["teacher_id"].name == "李明"  # the class's 班主任 by default
    assert detail.responsible["principal_id"].name == "孙强"
    assert detail.next_due.code == "visit1" and detail.next_due.due_on == D(2025, 10, 9)

    photo = tmp_path / "家访照片.jpg"
    photo.write_bytes(b"\xff\xd8fake jpeg")
    visit(cdb, teacher, result.case_id, D(2025, 10, 9), "一访", attachments=[photo])
    set_today(monkeypatch, D(2025, 10, 10))
    visit(cdb, actors["principal"], result.case_id, D(2025, 10, 10), "二访")
    set_today(monkeypatch, D(2025, 10, 13))
    visit(cdb, actors["principal"], result.case_id, D(2025, 10, 13), "三访", others="吴村长、周建国")
    cases.send_report(cdb, actors["principal"], result.case_id, D(2025, 10, 13))
    detail = cases.get_case(cdb, town, result.case_id)
    assert detail.status == esc.SUSPECTED
    assert [v.round for v in detail.visits] == ["一访", "二访", "三访"]
    assert "吴村长" in detail.visits[2].participants and detail.visits[0].attachments == 1
    assert {a.code for a in detail.due} >= {"followup", esc.DUE_NOTICE, esc.DUE_DROPOUT}

    notice_id = cases.issue_notice(cdb, town, result.case_id, cases.NoticeInput(D(2025, 10, 13), D(2025, 10, 20)))
    detail = cases.get_case(cdb, town, result.case_id)
    assert detail.notices[0].number == "金河限返〔2025〕1号"
    assert detail.notices[0].guardian_name == "温大海"
    assert detail.notices[0].issuer == "金河镇人民政府"

    set_today(monkeypatch, D(2025, 10, 21))
    cases.record_return(cdb, teacher, result.case_id, D(2025, 10, 21))
    detail = cases.get_case(cdb, town, result.case_id)
    assert detail.status == esc.RETURNED and detail.next_due.code == esc.DUE_CLOSE
    assert detail.absences[0].return_day == D(2025, 10, 21)
    assert detail.absent_days == 8  # 9, 10, 13–17, 20 October
    with pytest.raises(PermissionDenied):
        cases.close_case(cdb, teacher, result.case_id, cases.CloseInput(D(2025, 10, 21), "已复学"))
    cases.close_case(cdb, town, result.case_id, cases.CloseInput(D(2025, 10, 21), "已复学", "返校后表现稳定"))
    detail = cases.get_case(cdb, town, result.case_id)
    assert detail.status == esc.CLOSED and detail.state.outcome == "已复学" and detail.due == []
    assert detail.close_note == "返校后表现稳定"
    kinds = [e.kind for e in detail.timeline]
    assert kinds == ["open", "visit", "visit", "visit", "report", "notice", "return", "close"]
    assert status_of(cdb, world.a) == "在读"  # never confirmed 辍学: no 学籍异动
    assert notice_id


def test_confirmed_dropout_records_status_changes_both_ways(
    cdb: Database, world: World, actors: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    town = actors["township"]
    set_today(monkeypatch, D(2025, 9, 15))
    case_id = absences.record_absence(cdb, town, world.a, D(2025, 9, 15)).case_id
    visit(cdb, town, case_id, D(2025, 9, 15), "一访")
    set_today(monkeypatch, D(2025, 10, 20))
    with pytest.raises(PermissionDenied):
        cases.confirm_dropout(cdb, actors["teacher"], case_id, D(2025, 10, 20), "厌学")
    with pytest.raises(ValidationError, match="原因"):
        cases.confirm_dropout(cdb, town, case_id, D(2025, 10, 20), "")
    change_id = cases.confirm_dropout(cdb, town, case_id, D(2025, 10, 20), "劝返无效，随父母外出务工")
    assert status_of(cdb, world.a) == "辍学"
    with cdb.read_session() as session:
        change = session.get(StatusChange, change_id)
        assert change is not None and change.kind == "辍学"
        proofs = (
            session.execute(
                select(Attachment.file_name).where(
                    Attachment.owner_type == "status_change", Attachment.owner_id == change_id
                )
            )
            .scalars()
            .all()
        )
        assert proofs == ["辍学学生情况报告表.pdf"]
        suspect = session.execute(
            select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.kind == "suspect")
        ).scalar_one()
        assert suspect.happened_on == D(2025, 9, 18)  # day 4 of the absence
        assert "列为疑似辍学" in suspect.summary
    detail = cases.get_case(cdb, town, case_id)
    assert detail.status == esc.DROPPED_OUT
    visit(cdb, town, case_id, D(2025, 10, 20), "二访")
    assert cases.get_case(cdb, town, case_id).status == esc.PERSUADING
    # closing as 已复学 with the return day given: 复学 is recorded
    set_today(monkeypatch, D(2025, 11, 3))
    cases.close_case(cdb, town, case_id, cases.CloseInput(D(2025, 11, 3), "已复学", returned_on=D(2025, 11, 3)))
    assert status_of(cdb, world.a) == "在读"
    with cdb.read_session() as session:
        kinds = (
            session.execute(
                select(StatusChange.kind).where(StatusChange.student_id == world.a).order_by(StatusChange.changed_on)
            )
            .scalars()
            .all()
        )
    assert kinds == ["辍学", "复学"]


def test_bad_input_is_refused_with_a_clear_message(
    cdb: Database, world: World, actors: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    teacher, town = actors["teacher"], actors["township"]
    set_today(monkeypatch, D(2025, 10, 15), hour=10)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        absences.record_absence(cdb, teacher, world.a, D(2025, 10, 16))
    case_id = absences.record_absence(cdb, teacher, world.a, D(2025, 10, 14)).case_id
    # a visit in the future (later today counts too)
    with pytest.raises(ValidationError, match="不能晚于现在"):
        visits.record_visit(cdb, teacher, case_id, visits.VisitInput(
            dt.datetime(2025, 10, 15, 17, 0), "一访", participants=(visits.Participant("李明"),), reason="因病",
            outcome="拒绝"))  # fmt: skip
    # a visit before the absence began
    with pytest.raises(ValidationError, match="早于本次缺课开始的日期"):
        visit(cdb, teacher, case_id, D(2025, 10, 13), "一访")
    # a report with no visits
    with pytest.raises(ValidationError, match="没有任何走访记录"):
        cases.send_report(cdb, town, case_id, D(2025, 10, 15))
    from kongchuo_desktop.services.case_documents import report_pdf

    with pytest.raises(ValidationError, match="没有任何走访记录"):
        report_pdf(cdb, town, case_id)
    # overlapping absences
    with pytest.raises(ValidationError, match="时间重叠"):
        absences.record_absence(cdb, teacher, world.a, D(2025, 10, 15))
    # closing without an outcome
    with pytest.raises(ValidationError, match="销号必须选择结果"):
        cases.close_case(cdb, town, case_id, cases.CloseInput(D(2025, 10, 15), None))
    with pytest.raises(ValidationError, match="销号必须选择结果"):
        cases.close_case(cdb, town, case_id, cases.CloseInput(D(2025, 10, 15), "  "))
    # missing fields of a visit, all named at once
    with pytest.raises(ValidationError) as refused:
        visits.record_visit(cdb, teacher, case_id, visits.VisitInput(dt.datetime(2025, 10, 14, 9), "一访"))
    assert set(refused.value.problems) == {"participants", "reason", "outcome"}
    # nothing was written by the refusals
    detail = cases.get_case(cdb, town, case_id)
    assert [e.kind for e in detail.timeline] == ["open"] and detail.visits == []


def test_overlap_with_a_closed_absence_and_the_returned_pupil(
    cdb: Database, world: World, actors: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    teacher = actors["teacher"]
    set_today(monkeypatch, D(2025, 10, 20))
    first = absences.record_absence(cdb, teacher, world.a, D(2025, 10, 9), return_day=D(2025, 10, 13))
    detail = cases.get_case(cdb, teacher, first.case_id)
    assert detail.status == esc.CLOSED and detail.state.outcome == esc.EARLY_RETURN
    with pytest.raises(ValidationError, match="时间重叠"):
        absences.record_absence(cdb, teacher, world.a, D(2025, 10, 10))
    # absent again soon after: the closed case is reopened
    again = absences.record_absence(cdb, teacher, world.a, D(2025, 10, 20))
    assert again.action == absences.REOPENED and again.case_id == first.case_id
    assert cases.get_case(cdb, teacher, first.case_id).next_due.code == "visit1"


def test_absent_again_after_returning_continues_the_case(
    cdb: Database, world: World, actors: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    town = actors["township"]
    set_today(monkeypatch, D(2025, 10, 20))
    case_id = absences.record_absence(cdb, town, world.a, D(2025, 10, 9)).case_id
    cases.record_return(cdb, town, case_id, D(2025, 10, 15))  # after the threshold: waits for 销号
    assert cases.get_case(cdb, town, case_id).status == esc.RETURNED
    again = absences.record_absence(cdb, town, world.a, D(2025, 10, 17))
    assert again.action == absences.CONTINUED and again.case_id == case_id
    detail = cases.get_case(cdb, town, case_id)
    assert detail.status == esc.SUSPECTED and len(detail.absences) == 2
    # manual reopen is refused while open; allowed after closing
    with pytest.raises(ValidationError, match="尚未销号"):
        cases.reopen_case(cdb, town, case_id, D(2025, 10, 20))
    cases.close_case(cdb, town, case_id, cases.CloseInput(D(2025, 10, 20), "转学", "转入海拉尔区某校"))
    detail = cases.get_case(cdb, town, case_id)
    assert all(a.return_day is not None for a in detail.absences)  # the open absence ended with the case
    cases.reopen_case(cdb, town, case_id, D(2025, 10, 20))
    assert cases.get_case(cdb, town, case_id).status == esc.ABSENT


def test_referrals_and_answers(
    cdb: Database, world: World, actors: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    town = actors["township"]
    set_today(monkeypatch, D(2025, 10, 20))
    case_id = absences.record_absence(cdb, town, world.a, D(2025, 10, 9)).case_id
    with pytest.raises(ValidationError, match="请选择转介的部门"):
        cases.add_referral(cdb, town, case_id, cases.ReferralInput("居委会", D(2025, 10, 20), "x"))
    ref = cases.add_referral(cdb, town, case_id, cases.ReferralInput("人社", D(2025, 10, 20), "核查是否被非法招用童工"))
    detail = cases.get_case(cdb, town, case_id)
    assert detail.referrals[0].answer is None
    assert any(a.code == esc.DUE_REFERRAL for a in detail.due)
    cases.answer_referral(cdb, town, ref, D(2025, 10, 20), "已约谈用工单位，责令辞退")
    detail = cases.get_case(cdb, town, case_id)
    assert detail.referrals[0].answer == "已约谈用工单位，责令辞退"
    assert not any(a.code == esc.DUE_REFERRAL for a in detail.due)
    with pytest.raises(ValidationError, match="已经有回复"):
        cases.answer_referral(cdb, town, ref, D(2025, 10, 20), "again")


def test_scope_and_permissions(
    cdb: Database, world: World, actors: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    set_today(monkeypatch, D(2025, 10, 20))
    with pytest.raises(PermissionDenied, match="自己所带班级"):
        absences.record_absence(cdb, actors["teacher"], world.b, D(2025, 10, 20))  # 4年级2班
    with pytest.raises(PermissionDenied):
        absences.record_absence(cdb, actors["township"], world.c, D(2025, 10, 20))  # other township
    with pytest.raises(PermissionDenied):
        absences.record_absence(cdb, actors["bureau"], world.a, D(2025, 10, 20))  # reads only
    case_b = absences.record_absence(cdb, actors["principal"], world.b, D(2025, 10, 20)).case_id
    with pytest.raises(PermissionDenied):
        cases.get_case(cdb, actors["teacher"], case_b)
    with pytest.raises(PermissionDenied):
        cases.get_case(cdb, actors["other_township"], case_b)
    assert cases.get_case(cdb, actors["bureau"], case_b).student_name == "李强"
    with pytest.raises(PermissionDenied):
        cases.issue_notice(cdb, actors["principal"], case_b, cases.NoticeInput(D(2025, 10, 20), D(2025, 10, 27)))


def test_history_shows_absences_visits_and_case_events(
    cdb: Database, world: World, actors: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    town = actors["township"]
    set_today(monkeypatch, D(2025, 10, 13))
    case_id = absences.record_absence(cdb, town, world.a, D(2025, 10, 9), "未请假").case_id
    visit(cdb, town, case_id, D(2025, 10, 9), "一访")
    cases.send_report(cdb, town, case_id, D(2025, 10, 13))
    events = history.student_history(cdb, town, world.a)
    kinds = [e.kind for e in events]
    assert "缺课" in kinds and "家访：一访" in kinds and "个案：报送情况报告" in kinds
    absence_line = next(e for e in events if e.kind == "缺课")
    assert "共3个上学日" in absence_line.summary and "尚未返校" in absence_line.summary
    assert case_history.SHOWN_EVENTS
    with cdb.read_session() as session:
        entities = set(session.execute(select(AuditEntry.entity).where(AuditEntry.user == "zhou")).scalars())
    assert {"absence", "case", "visit"} <= entities


def test_cases_of_student_and_search(
    cdb: Database, world: World, actors: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kongchuo_desktop.services.pupil_search import search_pupils

    set_today(monkeypatch, D(2025, 10, 20))
    case_id = absences.record_absence(cdb, ADMIN, world.a, D(2025, 10, 9)).case_id
    briefs = cases.cases_of_student(cdb, ADMIN, world.a)
    assert [b.id for b in briefs] == [case_id] and briefs[0].status == esc.SUSPECTED
    for text in ("温", "wl", "wenliu"):
        hits = search_pupils(cdb, actors["teacher"], text)
        assert [h.name for h in hits] == ["温柳"], text
        assert hits[0].case_id == case_id and hits[0].case_status == "疑似辍学"
        assert "（个案：疑似辍学）" in hits[0].label
    assert search_pupils(cdb, actors["teacher"], "李强") == []  # not in the teacher's class
    assert search_pupils(cdb, ADMIN, "") == []
