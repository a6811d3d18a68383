"""The casework's rows for the ledgers of services.ledgers: 疑似辍学学生台账 from the cases (the
cross-check's 失学 children follow them), 辍学学生台账 with each dropout's case (reason, 劝返情况,
referrals), and 家访记录台账 from the visits.

`register_case_ledgers()` plugs the providers into services.ledgers, keeping each ledger's columns.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.services.case_settings import BookCache
from kongchuo_desktop.store.models import Absence, Case, Guardian, Referral, Staff, StatusChange, Student, Visit

C = Case.__table__.c
S = Student.__table__.c

SUSPECTED_NOTE = (
    "注：前部为“三访一报告”个案中列为疑似辍学的学生（无故缺课超过规定上学日数，或已书面报告）；"
    "其后为“核查比对”发现的适龄儿童中查不到在读学籍、又无经批准缓学免学的儿童。"
)


def _grade_text(grade: int | None) -> str:
    from kongchuo_desktop.domain.codes import GRADE_NAMES

    return GRADE_NAMES.get(grade or 0, "") if grade else ""


def _case_terms(ctx: Any) -> list[ColumnElement[bool]]:
    """WHERE terms for the cases in a ledger context's scope."""
    terms: list[ColumnElement[bool]] = [C.deleted == False]  # noqa: E712
    if ctx.school_id is not None:
        terms.append(C.school_id == ctx.school_id)
    elif ctx.township_ids is not None:
        terms.append(C.township_id.in_(ctx.township_ids) if ctx.township_ids else C.id.is_(None))
    if ctx.actor.classes:
        terms.append(or_(*(and_(S.grade == g, S.class_no == c) for g, c in ctx.actor.classes)))
    return terms


def _first_guardians(session: Any, student_ids: Sequence[str]) -> dict[str, tuple[str, str | None]]:
    out: dict[str, tuple[str, str | None]] = {}
    for start in range(0, len(student_ids), 500):
        for sid, name, phone in session.execute(
            select(Guardian.student_id, Guardian.name, Guardian.phone)
            .where(Guardian.student_id.in_(student_ids[start : start + 500]), Guardian.deleted.is_(False))
            .order_by(Guardian.student_id, Guardian.slot.desc())
        ):
            out[sid] = (name, phone)  # slot 1 last: it wins
    return out


def _staff_names(session: Any) -> dict[str, str]:
    return dict(session.execute(select(Staff.id, Staff.name)).all())


def _responsible(case: Any, staff: dict[str, str]) -> str:
    school = [staff.get(case.principal_id or ""), staff.get(case.teacher_id or "")]
    government = [staff.get(case.township_cadre_id or ""), staff.get(case.village_cadre_id or "")]
    parts = []
    if any(school):
        parts.append("学校：" + "、".join(n for n in school if n))
    if any(government):
        parts.append("政府：" + "、".join(n for n in government if n))
    if case.responsible_note:
        parts.append(case.responsible_note)
    return "；".join(parts)


def _referral_text(session: Any, case_ids: Sequence[str]) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    for start in range(0, len(case_ids), 500):
        for case_id, agency, answered in session.execute(
            select(Referral.case_id, Referral.agency, Referral.answered_on)
            .where(Referral.case_id.in_(case_ids[start : start + 500]), Referral.deleted.is_(False))
            .order_by(Referral.referred_on)
        ):
            out.setdefault(case_id, []).append(f"已转介{agency}（{'已答复' if answered else '待答复'}）")
    return {k: "；".join(v) for k, v in out.items()}


def _progress(case: Any) -> str:
    """劝返进展: visits so far, notices, what is due next."""
    state = esc.CaseState.from_dict(json.loads(case.state))
    parts = [f"已走访{state.visits}次"]
    if state.report_on:
        parts.append(f"{state.report_on:%m-%d}已书面报告")
    if state.notice_on:
        parts.append(f"{state.notice_on:%m-%d}发限期返校通知书")
    if case.next_action:
        parts.append(f"应办：{esc.DUE_LABELS.get(case.next_action, case.next_action)}"
                     + (f"（{case.next_due_on:%Y-%m-%d}）" if case.next_due_on else ""))  # fmt: skip
    return "；".join(parts)


def _absent_days(session: Any, books: BookCache, cases: Sequence[Any], on: dt.date) -> dict[str, int]:
    out: dict[str, int] = {}
    by_id = {c.id: c for c in cases}
    ids = list(by_id)
    for start in range(0, len(ids), 500):
        for a in session.execute(
            select(Absence.case_id, Absence.first_day, Absence.return_day).where(
                Absence.case_id.in_(ids[start : start + 500]), Absence.deleted.is_(False)
            )
        ):
            last = (a.return_day - dt.timedelta(days=1)) if a.return_day else on
            days = books.book(by_id[a.case_id].school_id).count_school_days(a.first_day, last)
            out[a.case_id] = out.get(a.case_id, 0) + days
    return out


def suspected_case_rows(ctx: Any) -> tuple[list[list[Any]], int]:
    """Rows of pupils whose case is 疑似辍学 as of the ledger's date (columns of SUSPECTED_COLUMNS)."""
    session, on = ctx.session, ctx.on_date
    suspected = or_(C.status == esc.SUSPECTED, and_(C.status == esc.ABSENT, C.threshold_on <= on))
    stmt = (
        select(Case, Student)
        .join(Student, Student.id == Case.student_id)
        .where(*_case_terms(ctx), Case.is_open == True, suspected)  # noqa: E712
        .order_by(Case.township_id, Student.name_pinyin)
    )
    pairs = session.execute(stmt).all()
    cases = [c for c, _s in pairs]
    guardians = _first_guardians(session, [s.id for _c, s in pairs])
    staff = _staff_names(session)
    referrals = _referral_text(session, [c.id for c in cases])
    days = _absent_days(session, BookCache(session), cases, on)
    rows = []
    for case, student in pairs:
        g = guardians.get(student.id, (None, None))
        found = case.suspected_on or case.threshold_on
        situation = f"{case.episode_start:%Y-%m-%d}起无故缺课，累计{days.get(case.id, 0)}个上学日"
        if case.reason:
            situation += f"；原因：{case.reason}"
        rows.append([
            ctx.township_name(case.township_id), _village(student), student.name, student.sex,
            ctx.ethnicity(student.ethnicity_code), student.birth_date, student.id_number, g[0], g[1],
            ctx.school_name(case.school_id), _grade_text(student.grade), situation, found,
            _responsible(case, staff), _progress(case), referrals.get(case.id),
        ])  # fmt: skip
    return rows, len(rows)


def _village(student: Any) -> str | None:
    address = student.hukou_address or student.current_address or ""
    for marker in ("村", "社区"):
        end = address.find(marker)
        if end > 0:
            start = max(address.rfind(ch, 0, end) for ch in "镇乡道区市")
            return address[start + 1 : end + len(marker)] if start >= 0 else None
    return None


def suspected_provider(crosscheck_provider: Any) -> Any:
    """疑似辍学学生台账: the case rows first, then the cross-check's rows (失学 children)."""
    from kongchuo_desktop.services.ledgers import LedgerRows

    def provide(ctx: Any) -> Any:
        case_rows, n = suspected_case_rows(ctx)
        other = crosscheck_provider(ctx)

        def rows() -> Iterator[Sequence[Any]]:
            yield from case_rows
            yield from other.rows

        total = n + other.total if other.total is not None else None
        return LedgerRows(rows(), total, (SUSPECTED_NOTE,))

    return provide


def dropout_provider(ctx: Any) -> Any:
    """辍学学生台账: pupils whose 学籍 says 辍学, with the date and reason of the 学籍异动 and the 劝返情况
    of their case (columns of DROPOUT_COLUMNS)."""
    from kongchuo_desktop.services.ledgers import LedgerRows

    session = ctx.session
    rows = session.execute(select(Student).where(*ctx.student_terms(), Student.status == "辍学")).scalars().all()
    order = {sid: n for n, sid in enumerate(ctx.schools_in_order())}
    rows.sort(key=lambda s: (order.get(s.school_id, len(order)), s.grade or 0, s.class_no or 0, s.name_pinyin, s.id))
    ids = [s.id for s in rows]
    guardians = _first_guardians(session, ids)
    latest: dict[str, tuple[dt.date, str | None]] = {}
    cases: dict[str, Any] = {}
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        for sid, day, reason in session.execute(
            select(StatusChange.student_id, StatusChange.changed_on, StatusChange.reason)
            .where(StatusChange.student_id.in_(part), StatusChange.kind == "辍学", StatusChange.deleted.is_(False))
            .order_by(StatusChange.student_id, StatusChange.changed_on)
        ):
            latest[sid] = (day, reason)
        for case in session.execute(
            select(Case).where(Case.student_id.in_(part), Case.deleted.is_(False)).order_by(Case.opened_on)
        ).scalars():
            cases[case.student_id] = case  # the latest case wins
    referrals = _referral_text(session, [c.id for c in cases.values()])

    def generate() -> Iterator[list[Any]]:
        for s in rows:
            g = guardians.get(s.id, (None, None))
            day, reason = latest.get(s.id, (None, None))
            case = cases.get(s.id)
            progress = _progress(case) if case is not None and case.is_open else None
            if case is not None and not case.is_open:
                progress = f"{case.closed_on:%Y-%m-%d}销号（{case.outcome}）"
            reason = reason or (case.reason if case is not None else None)
            note = "；".join(x for x in (referrals.get(case.id) if case else None, s.note) if x) or None
            yield [
                ctx.school_name(s.school_id), _grade_text(s.grade), s.class_no, s.name, s.sex,
                ctx.ethnicity(s.ethnicity_code), s.birth_date, s.id_number, s.student_no, s.hukou_address, g[0], g[1],
                day, reason, progress, note,
            ]  # fmt: skip

    return LedgerRows(generate(), len(rows))


def visit_provider(ctx: Any) -> Any:
    """家访记录台账: the visits of the school year in scope, by school, class, pupil and date
    (columns of VISIT_COLUMNS)."""
    from kongchuo_desktop.services.cases import participants_text
    from kongchuo_desktop.services.ledgers import LedgerRows

    first_year = int(ctx.school_year[:4])
    start, end = dt.datetime(first_year, 8, 1), dt.datetime(first_year + 1, 8, 1)
    stmt = (
        select(Visit, Student, Case.school_id)
        .join(Case, Case.id == Visit.case_id)
        .join(Student, Student.id == Visit.student_id)
        .where(*_case_terms(ctx), Visit.deleted.is_(False), Visit.visited_at >= start, Visit.visited_at < end)
    )
    order = {sid: n for n, sid in enumerate(ctx.schools_in_order())}
    found = sorted(ctx.session.execute(stmt).all(), key=lambda r: (order.get(r[2], len(order)), r[1].grade or 0, r[1].class_no or 0,
                                                r[1].name_pinyin, r[0].visited_at))  # fmt: skip

    def generate() -> Iterator[list[Any]]:
        for visit, student, school_id in found:
            situation = "；".join(x for x in (
                f"原因：{visit.reason}" if visit.reason else None,
                f"家长态度：{visit.attitude}" if visit.attitude else None, visit.note) if x)  # fmt: skip
            result = visit.outcome
            if visit.promised_on:
                result += f"（承诺{visit.promised_on:%Y-%m-%d}前返校）"
            if visit.next_step:
                result += f"；下一步：{visit.next_step}"
            yield [
                ctx.school_name(school_id), _grade_text(student.grade), student.class_no, student.name,
                student.id_number, visit.visited_at.date(), f"{visit.round}（{visit.kind}）",
                participants_text(visit.participants), visit.met_with, situation, result, None,
            ]  # fmt: skip

    return LedgerRows(generate(), len(found))


def register_case_ledgers() -> None:
    """Plug the casework into services.ledgers (idempotent: the cross-check provider is kept once)."""
    from kongchuo_desktop.services import ledgers

    suspected = ledgers.LEDGERS["suspected"]
    base = getattr(suspected.rows, "crosscheck_provider", suspected.rows)
    provide = suspected_provider(base)
    provide.crosscheck_provider = base  # type: ignore[attr-defined]
    ledgers.register_ledger(replace(suspected, rows=provide,
                                    description="“三访一报告”中的疑似辍学学生，以及核查比对发现的失学儿童"))  # fmt: skip
    ledgers.register_ledger(replace(ledgers.LEDGERS["dropouts"], rows=dropout_provider,
                                    description="学籍状态为辍学的学生，含辍学日期、原因和劝返情况"))  # fmt: skip
    ledgers.register_ledger(replace(ledgers.LEDGERS["visits"], rows=visit_provider,
                                    description="个案中的家访（三访与跟进）记录"))  # fmt: skip
