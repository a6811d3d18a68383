"""Casework for a demo database: absences, 三访一报告 visits, reports, notices, referrals and closed
cases at every stage, dated around `today`, so that the to-do page, the case window, the ledgers
and the history all have something true to show.

`add_demo_cases(db, seed, today)` runs on a database made by services.demo.create_demo (金河镇): it
uses the ordinary services (so every rule and the audit log apply) and picks pupils of the 金河镇
schools with the seeded generator. Pupils whose demo history already says 辍学 get the case that
led there, dated to match their 学籍异动.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.domain.school_calendar import CalendarBook, default_year, school_year_of
from kongchuo_desktop.services import absences, case_settings, cases, visits
from kongchuo_desktop.services.actor import DEMO_ADMIN, Actor
from kongchuo_desktop.store import audit
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import Absence, School, Staff, StatusChange, Student, Township

HOME = "金河镇"
NOTES = [
    "孩子说学习跟不上，不想上学，家长管不住",
    "父母在外务工，祖母年迈，无力督促上学",
    "家里正忙秋收，让孩子在家帮忙",
    "孩子沉迷手机游戏，晚上不睡，早上起不来",
    "同学之间有矛盾，孩子怕去学校",
    "家住山里离学校远，冬天班车停运",
    "孩子身体不适，家长未请假",
    "家长称孩子已随亲戚外出打工",
]
NEXT_STEPS = ["周一再次家访", "请村委会一起做工作", "联系在外务工的父亲", "安排老师上门补课", "请心理老师谈心"]
SCENARIOS = (
    "new_today", "one_visit", "two_visits_late", "report_due", "notice_overdue", "stale", "returned",
    "closed_resumed", "early_return", "referral", "promised",
)  # fmt: skip


@dataclass
class DemoCasesSummary:
    """What `add_demo_cases` made: cases by scenario, and rows of each kind."""

    cases: int = 0
    open_cases: int = 0
    visits: int = 0
    notices: int = 0
    referrals: int = 0
    scenarios: dict[str, int] = field(default_factory=dict)


class _Maker:
    """Draws the casework of one demo from a seeded Random."""

    def __init__(self, db: Database, seed: int, today: dt.date, actor: Actor) -> None:
        self.db = db
        self.rng = random.Random(seed * 7919 + 4)
        self.today = today
        self.actor = actor
        self.summary = DemoCasesSummary()
        self.book: CalendarBook = CalendarBook()

    # --- dates ------------------------------------------------------------------------------------
    def last_school_day(self) -> dt.date:
        day = self.today
        for _ in range(400):
            if self.book.is_school_day(day):
                return day
            day -= dt.timedelta(days=1)
        return self.today

    def back(self, n: int, start: dt.date | None = None) -> dt.date:
        """The school day `n` school days before `start` (default: the last school day up to today)."""
        day = start or self.last_school_day()
        while n > 0:
            day -= dt.timedelta(days=1)
            if self.book.is_school_day(day):
                n -= 1
        return day

    def at(self, day: dt.date) -> dt.datetime:
        hour = self.rng.choice([12, 16, 17, 18, 19])
        moment = dt.datetime.combine(day, dt.time(hour, self.rng.choice([0, 10, 20, 30, 40, 50])))
        return min(moment, dt.datetime.now().replace(second=0, microsecond=0)) if day == dt.date.today() else moment

    # --- people -----------------------------------------------------------------------------------
    def staff(self, session: Any, township_id: str) -> tuple[list[Staff], list[Staff]]:
        cadres = (
            session.execute(
                select(Staff).where(
                    Staff.township_id == township_id, Staff.role == "乡镇干部", Staff.deleted.is_(False)
                )
            )
            .scalars()
            .all()
        )
        village = (
            session.execute(
                select(Staff).where(Staff.township_id == township_id, Staff.role == "村干部", Staff.deleted.is_(False))
            )
            .scalars()
            .all()
        )
        return list(cadres), list(village)

    def assign(self, case_id: str, cadres: list[Staff], village: list[Staff]) -> None:
        detail = cases.get_case(self.db, self.actor, case_id, self.today)
        cases.set_responsible(
            self.db, self.actor, case_id,
            cases.ResponsiblePersons(
                detail.responsible["principal_id"].id if detail.responsible["principal_id"] else None,
                detail.responsible["teacher_id"].id if detail.responsible["teacher_id"] else None,
                self.rng.choice(cadres).id if cadres else None,
                self.rng.choice(village).id if village else None,
            ),
        )  # fmt: skip

    def visit(self, case_id: str, day: dt.date, round_: str, outcome: str, *, promised: dt.date | None = None,
              kind: str | None = None, reason: str | None = None) -> None:  # fmt: skip
        info = visits.visit_form_info(self.db, self.actor, case_id, self.today)
        people = {p.id: p for p in info.staff}
        chosen = [people[i] for i in info.defaults.get(round_, []) if i in people] or info.staff[:1]
        rng = self.rng
        inp = visits.VisitInput(
            visited_at=self.at(day),
            round=round_,
            kind=kind or ("电话" if round_ == esc.FOLLOW_UP and rng.random() < 0.4 else "家访"),
            participants=tuple(visits.Participant(p.name, p.role, p.id) for p in chosen),
            met_with=rng.choice(["母亲", "父亲", "祖父母/外祖父母", "学生本人", "父母"]),
            reason=reason or info.last_reason or rng.choice(esc.REASONS[:7]),
            attitude=rng.choice(esc.ATTITUDES),
            outcome=outcome,
            promised_on=promised,
            next_step=rng.choice(NEXT_STEPS) if outcome != esc.OUTCOME_BACK else None,
            note=rng.choice(NOTES),
        )
        visits.record_visit(self.db, self.actor, case_id, inp, now=dt.datetime.combine(self.today, dt.time(23, 59)))
        self.summary.visits += 1

    def three_visits(self, case_id: str, first: dt.date, last_outcome: str = esc.OUTCOME_REFUSED) -> dt.date:
        """一访, 二访, 三访 on school days 1, 2, 3; returns the day of the 三访."""
        days = [first, self.next_day(first), self.next_day(self.next_day(first))]
        self.visit(case_id, days[0], esc.ROUND_1, self.rng.choice([esc.OUTCOME_REFUSED, esc.OUTCOME_UNREACHABLE]))
        self.visit(case_id, days[1], esc.ROUND_2, esc.OUTCOME_REFUSED)
        self.visit(case_id, days[2], esc.ROUND_3, last_outcome)
        return days[2]

    def next_day(self, day: dt.date) -> dt.date:
        return self.book.school_days_after(day, 1)

    # --- scenarios ----------------------------------------------------------------------------------
    def run(self, pupils: list[tuple[str, str | None]], dropouts: list[tuple[str, dt.date, dt.date | None]]) -> None:
        rng = self.rng
        for n, (student_id, township_id) in enumerate(pupils):
            scenario = SCENARIOS[n % len(SCENARIOS)]
            with self.db.read_session() as session:
                cadres, village = self.staff(session, township_id or "")
            self.summary.scenarios[scenario] = self.summary.scenarios.get(scenario, 0) + 1
            if scenario == "early_return":
                first = self.back(rng.randint(6, 12))
                absences.record_absence(self.db, self.actor, student_id, first, "未请假", self.next_day(first),
                                        now=self.today)  # fmt: skip
                self.summary.cases += 1
                continue
            offsets = {
                "new_today": 0, "one_visit": 1, "two_visits_late": 4, "report_due": 3, "notice_overdue": 14,
                "stale": 24, "returned": 12, "closed_resumed": 40, "referral": 30, "promised": 5,
            }  # fmt: skip
            first = self.back(offsets[scenario])
            case_id = absences.record_absence(self.db, self.actor, student_id, first, rng.choice(
                ["未请假", "早上未到校，电话无人接听", "家长称孩子不愿上学", None]), now=self.today).case_id  # fmt: skip
            self.summary.cases += 1
            if scenario == "new_today":
                continue
            self.assign(case_id, cadres, village)
            if scenario == "one_visit":
                self.visit(case_id, first, esc.ROUND_1, esc.OUTCOME_UNREACHABLE)
                continue
            if scenario == "two_visits_late":
                self.visit(case_id, first, esc.ROUND_1, esc.OUTCOME_REFUSED)
                self.visit(case_id, self.next_day(first), esc.ROUND_2, esc.OUTCOME_REFUSED)
                continue
            if scenario == "promised":
                self.visit(case_id, first, esc.ROUND_1, esc.OUTCOME_REFUSED)
                second = self.next_day(first)
                self.visit(case_id, second, esc.ROUND_2, esc.OUTCOME_PROMISED, promised=second + dt.timedelta(days=3))
                continue
            third = self.three_visits(case_id, first)
            if scenario == "report_due":
                continue
            cases.send_report(self.db, self.actor, case_id, third)
            if scenario == "stale":
                continue
            notice_on = self.next_day(third)
            deadline = notice_on + dt.timedelta(days=7)
            cases.issue_notice(self.db, self.actor, case_id, cases.NoticeInput(notice_on, deadline))
            self.summary.notices += 1
            if scenario == "notice_overdue":
                self.visit(case_id, self.next_day(notice_on), esc.FOLLOW_UP, esc.OUTCOME_REFUSED)
                continue
            if scenario == "returned":
                cases.record_return(self.db, self.actor, case_id, self.back(1))
                continue
            if scenario == "closed_resumed":
                back = self.back(22)
                self.visit(case_id, self.back(24), esc.FOLLOW_UP, esc.OUTCOME_PROMISED, promised=back)
                cases.record_return(self.db, self.actor, case_id, back)
                cases.close_case(
                    self.db, self.actor, case_id, cases.CloseInput(self.back(20), esc.RESUMED, "返校后由班主任每周谈心")
                )
                continue
            if scenario == "referral":
                ask = self.back(18)
                self.visit(case_id, self.back(20), esc.FOLLOW_UP, esc.OUTCOME_REFUSED, kind="到务工地",
                           reason="外出务工/随父母外出")  # fmt: skip
                labour = cases.add_referral(self.db, self.actor, case_id, cases.ReferralInput(
                    "人社", ask, "学生在镇上饭店打工，请核查是否非法招用童工"))  # fmt: skip
                cases.answer_referral(self.db, self.actor, labour, self.back(15), "已约谈饭店负责人，责令辞退并处罚款")
                cases.add_referral(self.db, self.actor, case_id, cases.ReferralInput(
                    "乡镇教育执法组", self.back(12), "依法督促监护人履行送子女入学义务"))  # fmt: skip
                self.summary.referrals += 2
        for student_id, dropped_on, resumed_on in dropouts:
            self.dropout_case(student_id, dropped_on, resumed_on)

    def dropout_case(self, student_id: str, dropped_on: dt.date, resumed_on: dt.date | None) -> None:
        """The case that led to a demo pupil's recorded 辍学 (and, when they came back, its 销号)."""
        first = self.back(18, dropped_on)
        with self.db.transaction(user=self.actor.user) as session:
            student = session.get(Student, student_id)
            assert student is not None
            ctx = cases.new_case(session, self.actor, student, first, f"{first:%Y-%m-%d}起无故缺课")
            session.add(Absence(student_id=student.id, case_id=ctx.case.id, school_id=student.school_id,
                                first_day=first, note="长期未到校", recorded_by=self.actor.user))  # fmt: skip
            case_id = ctx.case.id
            cadres, village = self.staff(session, student.township_id or "")
        self.summary.cases += 1
        self.assign(case_id, cadres, village)
        third = self.three_visits(case_id, first)
        cases.send_report(self.db, self.actor, case_id, third)
        cases.issue_notice(
            self.db,
            self.actor,
            case_id,
            cases.NoticeInput(self.next_day(third), self.next_day(third) + dt.timedelta(days=7)),
        )
        self.summary.notices += 1
        with self.db.transaction(user=self.actor.user) as session:
            case, student = cases.load_case(session, self.actor, case_id)
            ctx = cases.context(session, self.actor, case, student)
            cases.record_event(ctx, esc.Event(esc.CONFIRM_DROPOUT, dropped_on), "认定辍学：劝返无效（演示数据）")
            change = session.execute(
                select(StatusChange.id).where(StatusChange.student_id == student_id, StatusChange.kind == "辍学")
                .order_by(StatusChange.changed_on.desc()).limit(1)
            ).scalar_one_or_none()  # fmt: skip
            case.dropout_change_id = change
        if resumed_on is None:
            follow = self.back(2) if self.back(2) > dropped_on else dropped_on
            self.visit(case_id, follow, esc.FOLLOW_UP, esc.OUTCOME_REFUSED)
            return
        cases.record_return(self.db, self.actor, case_id, resumed_on)
        cases.close_case(self.db, self.actor, case_id, cases.CloseInput(resumed_on, esc.RESUMED, "经劝返复学"))


def add_demo_cases(
    db: Database, seed: int = 0, today: dt.date | None = None, count: int | None = None
) -> DemoCasesSummary:
    """Add demo casework to a demo database (see the module doc); `count` pupils get new cases
    (default: a dozen plus one per 500 pupils, at most 120)."""
    today = today or dt.date.today()
    actor = DEMO_ADMIN
    with db.read_session() as session:
        town = session.execute(select(Township).where(Township.name == HOME)).scalar_one_or_none()
        if town is None:
            raise ValueError("add_demo_cases needs a demo database of 金河镇 (services.demo.create_demo)")
        school_ids = [s for s in session.execute(select(School.id).where(School.township_id == town.id)).scalars()]
        pupils = [
            (sid, tid)
            for sid, tid in session.execute(
                select(Student.id, Student.township_id)
                .where(
                    Student.school_id.in_(school_ids),
                    Student.status == "在读",
                    Student.deleted.is_(False),
                    Student.grade >= 3,
                )  # fmt: skip
                .order_by(Student.id)
            ).all()
        ]
        total = session.execute(select(Student.id).where(Student.deleted.is_(False))).all()
        dropped = session.execute(
            select(StatusChange.student_id, StatusChange.kind, StatusChange.changed_on)
            .join(Student, Student.id == StatusChange.student_id)
            .where(Student.school_id.in_(school_ids), StatusChange.kind.in_(("辍学", "复学")), StatusChange.deleted.is_(False))
            .order_by(StatusChange.changed_on)
        ).all()  # fmt: skip
    maker = _Maker(db, seed, today, actor)
    year = school_year_of(today)
    case_settings.save_year_calendar(db, actor, default_year(year))
    with db.read_session() as session:
        maker.book = case_settings.calendar_book(session, None)
    wanted = count if count is not None else min(120, 12 + len(total) // 500)
    chosen = maker.rng.sample(pupils, min(wanted, len(pupils)))
    history: dict[str, list[tuple[str, dt.date]]] = {}
    for student_id, kind, day in dropped:
        history.setdefault(student_id, []).append((kind, day))
    dropouts: list[tuple[str, dt.date, dt.date | None]] = []
    for student_id, changes in sorted(history.items()):
        kinds = [k for k, _ in changes]
        if kinds[-1] == "辍学":
            dropouts.append((student_id, changes[-1][1], None))
        elif "辍学" in kinds:
            out = max(d for k, d in changes if k == "辍学")
            back = min((d for k, d in changes if k == "复学" and d >= out), default=None)
            if back is not None:
                dropouts.append((student_id, out, back))
    maker.run(chosen, [d for d in dropouts if maker.back(25, d[1]) > dt.date(2000, 1, 1)])
    with db.read_session() as session:
        from kongchuo_desktop.store.models import Case

        maker.summary.open_cases = len(session.execute(select(Case.id).where(Case.is_open.is_(True))).all())
    with db.transaction(user=actor.user) as session:
        audit.record(session, "create", "demo", "cases", {"cases": (None, maker.summary.cases)}, "生成演示个案")
    return maker.summary
