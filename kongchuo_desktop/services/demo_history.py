"""The demo's past school years, so that the monthly reports and the indicators have years to read.

services.demo makes the pupils on roll now, with 学籍异动 since last September. This adds, from
the same seeded generator, the three school years before that (YEARS_BACK; eight at 金河镇, the
demo site's own township, so that its 九年巩固率 has the grade-1 year of today's grade 9 on record):

- every July the top grade leaves: each school's grade 6 (小学) or grade 9 (初中, 九年一贯制) of
  that year graduates (毕业), as many pupils as the school has in that grade now — a few of them
  had come by 转入, or had a 休学 and 复学, or dropped out and came back (辍学, 复学; at 金河镇
  schools demo_cases gives them the 三访一报告 case that led there and its 销号);
- during each year about one pupil in 120 leaves schools outside 金河镇 by 转出 (to a school
  elsewhere), a few drop out for good (辍学), and once a pupil dies (死亡);
- some pupils on roll now had a 休学 and 复学, or a 辍学 and 复学, in an earlier school year;
- every pupil entered in a September (入学日期) or by 转入, so each September has its entrants;
- a pupil services.demo made leave during the last school year keeps the grade they left in.

Every 转入/转出 gets its 转学范围 (县内/市内/省内/跨省) from where the other school is (all demo
schools elsewhere lie outside 根河市: 呼伦贝尔's other counties are 市内, the rest of 内蒙古 省内,
other provinces 跨省). Histories follow one another as the status-change service would record
them, with proof files where it asks for them. Past pupils have no guardians or class: they are
records of pupils who have left.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import false, func, insert, select, update
from sqlalchemy.orm import Session

from kongchuo_desktop.domain import status as status_rules
from kongchuo_desktop.services import demo_names as names
from kongchuo_desktop.store.bulk import insert_many
from kongchuo_desktop.store.models import Attachment, AttachmentBlob, School, StatusChange, Student

YEARS_BACK = 3
# 金河镇 (the demo site's own township) reaches back further: its graduates of eight Julys, so that
# the 九年巩固率 of its pupils now in grade 9 has their grade-1 year on record.
YEARS_BACK_HOME = 8
HOME = "金河镇"
CITY_AREA = "150785"
DEMO_USER = "demo"
CITY_PLACES = (
    "海拉尔",
    "牙克石",
    "满洲里",
    "额尔古纳",
    "扎兰屯",
    "鄂伦春",
    "莫力达瓦",
    "阿荣",
    "陈巴尔虎",
    "新巴尔虎",
    "鄂温克族自治旗",
)
PROVINCE_PLACES = (
    "呼和浩特",
    "包头",
    "乌海",
    "赤峰",
    "通辽",
    "鄂尔多斯",
    "巴彦淖尔",
    "乌兰察布",
    "兴安盟",
    "锡林郭勒",
    "阿拉善",
    "内蒙古",
)
ETHNICITIES = [("01", 840), ("02", 75), ("11", 30), ("03", 15), ("31", 12), ("45", 14), ("52", 7), ("44", 7)]
REASONS = {
    "毕业": {6: ["小学毕业"], 9: ["初中毕业"]},
    "转入": ["随父母迁入", "家庭搬迁，就近入学", "从外地转回户籍所在地就读"],
    "转出": ["随父母迁居外地", "家长工作调动", "随父母外出务工就读"],
    "休学": ["因病住院治疗，家长申请休学", "身体原因，经医院诊断需休养一学期"],
    "复学": ["病愈复学", "康复后返校复学"],
    "辍学": ["厌学，经三访劝返未果", "随父母外出务工", "家庭困难，在家帮忙务农"],
    "辍学复学": ["经“三访一报告”劝返复学", "经村委会和学校联合劝返，返校复学"],
    "死亡": ["因病医治无效死亡"],
}
# Yearly chances per pupil: leaving a school outside 金河镇; a pupil on roll now having had a story.
P_LEAVE, P_STORY = 0.008, 0.02
# Past dropouts at 金河镇 schools (each gets its case from demo_cases, which takes a while): at most
# this many, the rest of those stories are a 休学.
HOME_DROPOUTS = 4


def transfer_scope_of(other_school: str | None, own_schools: set[str]) -> str:
    """县内 / 市内 / 省内 / 跨省 for a transfer to or from `other_school` (a name)."""
    name = other_school or ""
    if name in own_schools or name.startswith("根河"):
        return "县内"
    if any(place in name for place in CITY_PLACES):
        return "市内"
    if any(place in name for place in PROVINCE_PLACES):
        return "省内"
    return "跨省"


def add_demo_history(session: Session, gen: Any | None = None) -> dict[str, int]:
    """Add the past school years (when `gen`, services.demo's generator, is given) and give every
    transfer its 转学范围; returns the rows added: past_students, status_changes, attachments."""
    added = {"past_students": 0, "status_changes": 0, "attachments": 0}
    if gen is not None:
        added = _Past(session, gen).run()
    own = set(session.execute(select(School.name)).scalars())
    rows = session.execute(
        select(StatusChange.id, StatusChange.kind, StatusChange.from_school, StatusChange.to_school).where(
            StatusChange.kind.in_(("转入", "转出")), StatusChange.transfer_scope.is_(None)
        )
    ).all()
    for change_id, kind, from_school, to_school in rows:
        scope = transfer_scope_of(from_school if kind == "转入" else to_school, own)
        session.execute(update(StatusChange).where(StatusChange.id == change_id).values(transfer_scope=scope))
    return added


def _september(year: int) -> dt.date:
    return dt.date(year, 9, 1)


class _Past:
    """Draws the past years from the demo generator's Random and writes them into `session`."""

    def __init__(self, session: Session, gen: Any) -> None:
        self.session, self.gen, self.rng = session, gen, gen.rng
        self.students: list[dict[str, Any]] = []
        self.changes: list[dict[str, Any]] = []
        self.proofs: list[dict[str, Any]] = []
        self.home_dropouts = 0

    def run(self) -> dict[str, int]:
        gen, session = self.gen, self.session
        live = (Student.deleted == false(),)
        # services.demo draws every pupil's grade for this school year; one who left during the
        # last one keeps, as the register does, the grade they left in.
        left_before = (
            select(StatusChange.student_id)
            .group_by(StatusChange.student_id)
            .having(func.max(StatusChange.changed_on) < _september(gen.year))
        )
        session.execute(
            update(Student)
            .where(*live, Student.status.in_(("转出", "辍学", "死亡")), Student.grade > 1, Student.id.in_(left_before))
            .values(grade=Student.grade - 1)
        )
        roll: dict[tuple[str, int], int] = defaultdict(int)
        for school_id, grade, n in session.execute(
            select(Student.school_id, Student.grade, func.count()).where(*live, Student.status != "毕业")
            .group_by(Student.school_id, Student.grade)
        ).all():  # fmt: skip
            roll[(school_id, grade)] = n
        graduated: dict[str, int] = defaultdict(int)
        for school_id, n in session.execute(
            select(Student.school_id, func.count()).where(*live, Student.status == "毕业").group_by(Student.school_id)
        ).all():
            graduated[school_id] = n
        on_roll = sum(roll.values())
        schools = [s for s in gen.schools.values() if s["kind"] != "特教学校"]
        away = [s for s in schools if s["township"] != HOME]
        died = False
        # 金河镇's 小学 graduates go on to 金河镇中学: about as many as each of its grades holds.
        junior = sum(
            roll[(s["id"], g)] for s in schools if s["township"] == HOME and s["kind"] == "初中" for g in (7, 8, 9)
        )
        primary = [s for s in schools if s["township"] == HOME and s["kind"] == "小学"]
        weight = sum(s["weight"] for s in primary) or 1
        for back in range(1, YEARS_BACK_HOME + 1):
            year = gen.year - back
            for school in schools:
                if back > YEARS_BACK and school["township"] != HOME:
                    continue
                top = max(school["grades"])
                n = roll[(school["id"], top)] - (graduated[school["id"]] if back == 1 else 0)
                if school in primary and junior:
                    n = round(junior / 3 * 0.97 * school["weight"] / weight)
                for _ in range(max(0, n)):
                    self.pupil(school, top, year, "毕业")
            for _ in range(round(on_roll * P_LEAVE) if away and back <= YEARS_BACK else 0):
                school = self.rng.choice(away)
                ending = "辍学" if self.rng.random() < 0.15 else "转出"
                if not died and back == 2:
                    ending, died = "死亡", True
                self.pupil(school, self.rng.choice(list(school["grades"])), year, ending)
        self.stories_of_pupils_on_roll(on_roll)
        insert_many(session, Student, self.students)
        insert_many(session, StatusChange, self.changes)
        known = set(session.execute(select(AttachmentBlob.sha256)).scalars())
        blobs, attachments = gen.attachments(self.proofs)
        fresh = [b for b in blobs if b["sha256"] not in known]
        if fresh:
            session.execute(insert(AttachmentBlob), fresh)
        insert_many(session, Attachment, attachments)
        return {
            "past_students": len(self.students),
            "status_changes": len(self.changes),
            "attachments": len(attachments),
        }

    # -- one past pupil --------------------------------------------------------------------------

    def pupil(self, school: dict[str, Any], grade: int, year: int, ending: str) -> None:
        """A pupil in `grade` at `school` in school year `year`, who left that year by `ending`."""
        gen, rng = self.gen, self.rng
        sex = "男" if rng.random() < 0.52 else "女"
        ethnicity = gen.pick(ETHNICITIES)
        name = names.child_name(rng, sex, ethnicity)
        birth = gen.birth_for_grade(grade, gen.year - year)
        id_number = gen.id_number(CITY_AREA, birth, sex)
        town = school["township"]
        village = rng.choice(gen.villages[town])
        first = min(school["grades"])
        history: list[tuple[str, dt.date, str]] = []
        enrolled = _september(year - (grade - first))
        if ending == "毕业" and grade > first and rng.random() < 0.05:  # came by 转入 in an earlier year
            since = rng.randint(max(year - (grade - first) + 1, year - 3), year)
            enrolled = gen.date_between(_september(since) + dt.timedelta(days=7), dt.date(since + 1, 6, 20))
            history.append(("转入", enrolled, "转入"))
        lo = max(enrolled, _september(year - 1)) + dt.timedelta(days=7)
        story = rng.random()
        if ending == "毕业" and story < 0.03:
            history += self.pair("休学", "复学", lo, dt.date(year + 1, 6, 20))
        elif ending == "毕业" and story < 0.04:
            history += self.pair(self.dropout_or_suspension(town), "复学", lo, dt.date(year + 1, 6, 20))
        if ending == "毕业":
            history.append(("毕业", gen.date_between(dt.date(year + 1, 7, 1), dt.date(year + 1, 7, 6)), "毕业"))
        else:
            start = max(lo, _september(year) + dt.timedelta(days=7))
            history.append((ending, gen.date_between(start, dt.date(year + 1, 6, 20)), ending))
        student_id = gen.new_id()
        pinyin, initials = gen.keys(name)
        urban = gen.town_urban[town]
        self.students.append({
            "id": student_id, "name": name, "name_pinyin": pinyin, "name_initials": initials, "sex": sex,
            "birth_date": birth, "ethnicity_code": ethnicity, "id_type": "居民身份证", "id_number": id_number,
            "student_no": f"G{id_number}", "hukou_address": gen.address(town, village, urban),
            "hukou_nature": "居民户口" if urban else "农业户口", "hukou_township_id": gen.town_ids[town],
            "current_address": None, "school_id": school["id"], "township_id": gen.town_ids[town],
            "grade": grade, "class_no": 1, "enrolled_on": enrolled, "boarding": False,
            "status": self.record(student_id, name, id_number, school["name"], history, grade),
            "left_behind": "无", "migrant": False, "disability_type": None, "disability_arrangement": None,
            "poverty": rng.random() < 0.06, "low_income": rng.random() < 0.04, "orphan": False,
            "guardian_teacher_id": None, "note": None,
        })  # fmt: skip

    def dropout_or_suspension(self, township: str) -> str:
        """辍学, unless 金河镇 has had its HOME_DROPOUTS already (then 休学)."""
        if township != HOME:
            return "辍学"
        self.home_dropouts += 1
        return "辍学" if self.home_dropouts <= HOME_DROPOUTS else "休学"

    def pair(self, out: str, back: str, lo: dt.date, hi: dt.date) -> list[tuple[str, dt.date, str]]:
        """A 休学/辍学 and the 复学 that ended it, both between lo and hi (and a month apart or more)."""
        if (hi - lo).days < 60:
            return []
        first = self.gen.date_between(lo, hi - dt.timedelta(days=45))
        second = self.gen.date_between(first + dt.timedelta(days=30), hi)
        return [(out, first, out), (back, second, "辍学复学" if out == "辍学" else back)]

    def record(self, student_id: str, name: str, id_number: str | None, school: str, history: list, grade: int) -> str:
        """Write `history` (kind, day, reason key) as 学籍异动 from 在读 (or new, for a first 转入);
        returns the status it leads to."""
        rng = self.rng
        state: str | None = None if history and history[0][0] == "转入" else "在读"
        for kind, day, reason_key in history:
            after = status_rules.apply_change(state, kind)
            other = rng.choice(names.SCHOOLS_ELSEWHERE)
            reasons = REASONS[reason_key]
            reason = rng.choice(reasons[grade] if isinstance(reasons, dict) else reasons)
            change = {
                "id": self.gen.new_id(), "student_id": student_id, "kind": kind, "changed_on": day,
                "reason": reason, "from_school": other if kind == "转入" else school if kind == "转出" else None,
                "to_school": school if kind == "转入" else other if kind == "转出" else None,
                "status_before": state, "status_after": after, "recorded_by": DEMO_USER,
            }  # fmt: skip
            self.changes.append(change)
            if status_rules.needs_proof(kind):
                self.proofs.append({"owner_type": "status_change", "owner_id": change["id"], "kind": kind,
                                    "name": name, "id_number": id_number, "school": school, "day": day})  # fmt: skip
            state = after
        assert state is not None
        return state

    # -- pupils on roll now ------------------------------------------------------------------------

    def stories_of_pupils_on_roll(self, on_roll: int) -> None:
        """A 休学 and 复学 (or a 辍学 and 复学) in an earlier school year for some pupils on roll now
        who have no 学籍异动 yet; dated before the demo's own history (from last September)."""
        gen, rng = self.gen, self.rng
        without = (
            select(StatusChange.id).where(StatusChange.student_id == Student.id, StatusChange.deleted == false())
        ).exists()
        start = _september(gen.year - 1)
        pupils = self.session.execute(
            select(Student.id, Student.name, Student.id_number, Student.school_id, Student.enrolled_on, Student.grade)
            .where(Student.deleted == false(), Student.status == "在读", Student.enrolled_on < start, ~without)
            .order_by(Student.id)
        ).all()  # fmt: skip
        school_names = {s["id"]: s["name"] for s in gen.schools.values()}
        school_towns = {s["id"]: s["township"] for s in gen.schools.values()}
        for student_id, name, id_number, school_id, enrolled, grade in pupils:
            if rng.random() >= P_STORY:
                continue
            year = rng.randint(max(enrolled.year if enrolled.month >= 9 else enrolled.year - 1, gen.year - YEARS_BACK),
                               gen.year - 1)  # fmt: skip
            lo = max(enrolled, _september(year)) + dt.timedelta(days=7)
            hi = min(dt.date(year + 1, 6, 20), start)
            out = self.dropout_or_suspension(school_towns.get(school_id, "")) if rng.random() < 0.3 else "休学"
            history = self.pair(out, "复学", lo, hi)
            if history:
                self.record(student_id, name, id_number, school_names.get(school_id, ""), history, grade or 1)
