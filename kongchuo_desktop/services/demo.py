"""Demo databases: a township site of 根河市 (金河镇) filled with invented but realistic data.

`create_demo` builds the whole database in a temporary file next to the target and renames it
into place only when everything is written, so a failure (or a cancel: raise from `progress`)
leaves nothing behind. The content is a function of `seed` and `today` (ages and grades follow
its school year; 学籍异动 dates fall before it): the same arguments give the same rows, ids
included. Only what init_site and the audit log make differs — the site's own id (each database
is its own installation, so it must), settings and audit rows, origin_site_id and timestamps.
All randomness comes from one `random.Random(seed)`; nothing reads the global generator or uuid4.

What the demo holds: the 9 townships of 根河市 and 20 schools; classes with 班主任, principals,
teachers, township and village cadres; students spread over the schools (金河镇 favoured) with
every special group, G/J/L 学籍号, minority names and rare characters, a few over- and under-age
pupils; guardians; 学籍异动 histories consistent with the statuses, with proof files; and
金河镇's register of school-age children: every school-age pupil whose 户籍 is there (plus
migrant pupils living there), and children with no 学籍 here — 未入学, 外地就读 (some without
proof), 缓学, 免学 (with approval), 迁出, 辍学.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import random
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import insert, update

from kongchuo_desktop.domain import school_age
from kongchuo_desktop.domain import status as status_rules
from kongchuo_desktop.domain.codes import DISABILITY_TYPES
from kongchuo_desktop.domain.id_number import check_char
from kongchuo_desktop.domain.pinyin import name_keys
from kongchuo_desktop.services import demo_names as names
from kongchuo_desktop.services.demo_history import add_demo_history
from kongchuo_desktop.services.errors import ValidationError
from kongchuo_desktop.services.sites import init_site
from kongchuo_desktop.store import audit
from kongchuo_desktop.store.bulk import insert_many
from kongchuo_desktop.store.database import open_database
from kongchuo_desktop.store.local import put_setting
from kongchuo_desktop.store.models import (
    Attachment,
    AttachmentBlob,
    Child,
    Guardian,
    School,
    SchoolClass,
    Staff,
    StatusChange,
    Student,
    Township,
)

Progress = Callable[[int, int, str], None]

# Version 4 and RFC 4122 variant bits, as uuid.UUID(int=..., version=4) sets them.
_UUID_CLEAR = ~((0xC000 << 48) | (0xF000 << 64)) & ((1 << 128) - 1)
_UUID_SET = (0x8000 << 48) | (4 << 76)

CITY = "根河市"
CITY_AREA = "150785"
PROVINCE_CITY = "内蒙古自治区呼伦贝尔市"
HOME_TOWNSHIP = "金河镇"
SITE_NAME = "金河镇教育办"
DEMO_USER = "demo"
MAX_STUDENTS = 2_000_000
CLASS_SIZE = 40

# name, 12-digit code, urban?, villages / communities (invented)
TOWNSHIPS: list[tuple[str, str, bool, list[str]]] = [
    ("好里堡街道", "150785001000", True, ["好里堡社区", "中央街社区", "森林社区", "新华社区"]),
    ("河西街道", "150785002000", True, ["河西社区", "西山社区", "银河社区"]),
    ("森工街道", "150785003000", True, ["森工社区", "林海社区", "兴安社区"]),
    ("河东街道", "150785004000", True, ["河东社区", "东山社区", "朝阳社区"]),
    ("金河镇", "150785100000", False, ["金河村", "上央格气村", "兴安里村", "东升村", "金林社区", "向阳社区"]),
    ("阿龙山镇", "150785101000", False, ["阿龙山社区", "奥科里堆村", "林场社区"]),
    ("满归镇", "150785102000", False, ["满归社区", "凝翠社区", "高地社区"]),
    ("得耳布尔镇", "150785103000", False, ["得耳布尔社区", "牛耳河村", "东方红社区"]),
    ("敖鲁古雅鄂温克族乡", "150785200000", False, ["敖鲁古雅社区", "猎民村"]),
]

# name, township, kind, relative size (pupils per grade)
SCHOOLS: list[tuple[str, str, str, float]] = [
    ("根河市第一小学", "好里堡街道", "小学", 10),
    ("根河市第一中学", "好里堡街道", "初中", 10),
    ("根河市蒙古族学校", "好里堡街道", "九年一贯制", 3),
    ("根河市第二小学", "河西街道", "小学", 8),
    ("根河市第二中学", "河西街道", "初中", 8),
    ("根河市特殊教育学校", "河西街道", "特教学校", 0),
    ("根河市第三小学", "森工街道", "小学", 7),
    ("根河市森工学校", "森工街道", "九年一贯制", 5),
    ("根河市第四小学", "河东街道", "小学", 8),
    ("根河市实验小学", "河东街道", "小学", 9),
    ("根河市第三中学", "河东街道", "初中", 7),
    ("金河镇中心学校", "金河镇", "九年一贯制", 9),
    ("金河镇第二小学", "金河镇", "小学", 4.5),
    ("金河镇中学", "金河镇", "初中", 6),
    ("阿龙山镇中心学校", "阿龙山镇", "九年一贯制", 3),
    ("满归镇九年一贯制学校", "满归镇", "九年一贯制", 3),
    ("满归镇第一小学", "满归镇", "小学", 1.5),
    ("得耳布尔镇中心学校", "得耳布尔镇", "九年一贯制", 2.5),
    ("得耳布尔镇第一小学", "得耳布尔镇", "小学", 1),
    ("敖鲁古雅鄂温克族乡民族学校", "敖鲁古雅鄂温克族乡", "九年一贯制", 1),
]
SPECIAL_SCHOOL = "根河市特殊教育学校"

# Area codes in ID numbers: 根河 itself and nearby (海拉尔区, 满洲里市, 扎赉特旗).
NEARBY_AREAS = {"150702": "海拉尔区", "150781": "满洲里市", "152223": "兴安盟扎赉特旗"}

# (code, weight) of ethnicities; the Mongolian school and 敖鲁古雅 have their own mixes.
_ETHNIC_BASE = [("01", 840), ("02", 75), ("11", 30), ("03", 15), ("31", 12), ("45", 14), ("52", 7), ("44", 7)]
_ETHNIC_MONGOL_SCHOOL = [("02", 700), ("01", 240), ("31", 30), ("11", 30)]
_ETHNIC_AOLUGUYA = [("45", 450), ("01", 420), ("52", 50), ("02", 40), ("44", 40)]

# Scenarios every demo contains at least once (given enough students), all at 金河镇 schools.
SCENARIOS = [
    "单亲外出",
    "双亲外出",
    "随迁",
    "残疾:随班就读",
    "残疾:送教上门",
    "残疾:特教学校",
    "脱贫户",
    "低保",
    "孤儿",
    "寄宿",
    "休学",
    "转出",
    "辍学",
    "毕业",
    "休学复学",
    "辍学复学",
    "转入",
    "转入休学",
    "休学辍学",
    "超龄",
    "低龄",
    "学籍号J",
    "学籍号L",
    "民族:02",
    "民族:03",
    "民族:11",
    "民族:31",
    "民族:45",
    "民族:52",
    "民族:44",
]
CHILD_SCENARIOS = ["未入学", "外地就读", "外地就读无证明", "缓学", "免学", "迁出"]

_REASONS = {
    "休学": ["因病住院治疗，家长申请休学", "身体原因，经医院诊断需休养一学期", "骨折术后康复，家长申请休学"],
    "复学": ["病愈复学", "康复后返校复学"],
    "辍学": ["厌学，经三访劝返未果", "随父母外出务工", "家庭困难，在家帮忙务农", "沉迷网络，拒绝返校"],
    "辍学复学": ["经“三访一报告”劝返复学", "经村委会和学校联合劝返，返校复学"],
    "转出": ["随父母迁居外地", "家长工作调动", "随父母外出务工就读"],
    "转入": ["随父母迁入", "家庭搬迁，就近入学", "从外地转回户籍所在地就读"],
    "毕业": ["初中毕业"],
}


@dataclass(frozen=True)
class DemoSummary:
    """What `create_demo` made: where, which site, and how many rows of each kind."""

    path: Path
    site_id: str
    seed: int
    school_year: str
    townships: int
    schools: int
    classes: int
    staff: int
    students: int
    guardians: int
    children: int
    status_changes: int
    attachments: int
    seconds: float
    cases: int = 0
    past_students: int = 0

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly form (for ``kongchuo demo --json``)."""
        return {
            "path": str(self.path),
            "site_id": self.site_id,
            "seed": self.seed,
            "school_year": self.school_year,
            "townships": self.townships,
            "schools": self.schools,
            "classes": self.classes,
            "staff": self.staff,
            "students": self.students,
            "guardians": self.guardians,
            "children": self.children,
            "status_changes": self.status_changes,
            "attachments": self.attachments,
            "cases": self.cases,
            "past_students": self.past_students,
            "seconds": round(self.seconds, 2),
        }


def create_demo(
    path: str | Path,
    students: int = 5000,
    seed: int = 0,
    progress: Progress | None = None,
    *,
    today: dt.date | None = None,
    cases: bool = True,
) -> DemoSummary:
    """Create a demo township database (金河镇, 根河市) at `path` with `students` invented pupils.

    Refuses (ValidationError) an existing non-empty file or an impossible student count.
    `progress(done, total, text)` is called every few thousand rows; an exception raised from it
    cancels, leaving no file. `today` fixes the dates (default: the real today).
    """
    started = time.perf_counter()
    target = Path(path).expanduser()
    problems: dict[str, str] = {}
    if isinstance(students, bool) or not isinstance(students, int) or not 0 <= students <= MAX_STUDENTS:
        problems["students"] = f"学生人数应为0到{MAX_STUDENTS}之间的整数"
    if isinstance(seed, bool) or not isinstance(seed, int):
        problems["seed"] = "随机种子应为整数"
    if target.is_dir():
        problems["path"] = f"“{target}”是一个文件夹，请指定要生成的数据库文件名"
    elif target.exists() and target.stat().st_size > 0:
        problems["path"] = f"文件“{target.name}”已存在且不是空文件。为免覆盖已有数据，请换一个文件名或先删除它"
    if problems:
        raise ValidationError(problems)
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.demo-part")  # name only, not content
    _remove_db_files(tmp)
    try:
        counts, site_id, school_year = _build(tmp, students, seed, progress, today or dt.date.today())
        counts["cases"] = _add_accounts_and_cases(tmp, seed, today or dt.date.today(), cases)
        wal = Path(f"{tmp}-wal")
        if wal.exists() and wal.stat().st_size > 0:  # never expected after a clean close
            raise RuntimeError(f"SQLite left a write-ahead log behind for {tmp}")
        os.replace(tmp, target)
    finally:
        _remove_db_files(tmp)
    return DemoSummary(
        path=target,
        site_id=site_id,
        seed=seed,
        school_year=school_year,
        seconds=time.perf_counter() - started,
        **counts,
    )


def _add_accounts_and_cases(path: Path, seed: int, today: dt.date, cases: bool) -> int:
    """Demo accounts (demo/principal/teacher) and, unless `cases` is False, casework at every
    stage; returns the case count."""
    from kongchuo_desktop.services.accounts import ensure_demo_admin
    from kongchuo_desktop.services.demo_cases import add_demo_cases

    db = open_database(path)
    try:
        ensure_demo_admin(db)
        return add_demo_cases(db, seed, today).cases if cases else 0
    finally:
        db.close()


def _remove_db_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal", ".lock"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")


def _build(
    path: Path, students: int, seed: int, progress: Progress | None, today: dt.date
) -> tuple[dict[str, int], str, str]:
    db = open_database(path, create=True)
    try:
        gen = _Generator(seed, today, students, progress)
        with db.transaction(user=DEMO_USER) as session:
            for row in gen.township_rows():
                town = Township(**row)
                session.add(town)
                session.flush()
                audit.record(session, "create", "township", town.id, {"name": (None, town.name)}, "生成演示数据")
        site = init_site(db, SITE_NAME, "township", township=HOME_TOWNSHIP, user=DEMO_USER)
        with db.transaction(user=DEMO_USER) as session:
            # The townships were made before the site existed: they originate here too.
            session.execute(update(Township).where(Township.origin_site_id.is_(None)).values(origin_site_id=site.id))
            counts = gen.write(session)
            for key, n in add_demo_history(session, gen).items():  # the past school years
                counts[key] = counts.get(key, 0) + n
            put_setting(session, "demo", {"seed": seed, "students": students, "school_year": gen.school_year})
            audit.record(
                session,
                "create",
                "demo",
                site.id,
                {key: (None, value) for key, value in counts.items()},
                f"生成演示数据（种子 {seed}，{gen.school_year}学年）",
            )
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return counts, site.id, gen.school_year


class _Generator:
    """Draws the whole demo from one Random; `write` inserts it into a session."""

    def __init__(self, seed: int, today: dt.date, students: int, progress: Progress | None) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.year = today.year if today.month >= 9 else today.year - 1
        self.school_year = f"{self.year}-{self.year + 1}"
        self.n_students = students
        self.progress = progress
        self.used_ids: set[str] = set()
        # Progress units: generating, writing students, writing everything else (N each).
        self.total = max(1, 3 * students)
        self._birth_ranges = {g: school_age.grade_birth_range(g, self.year) for g in range(1, 10)}
        self._keys: dict[str, tuple[str, str]] = {}

    # -- small helpers -------------------------------------------------------------------------

    def new_id(self) -> str:
        """A UUID (version 4 layout, as uuid4 makes them) drawn from the seeded generator."""
        n = self.rng.getrandbits(128) & _UUID_CLEAR | _UUID_SET
        return f"{n:032x}"

    def report(self, done: int, text: str) -> None:
        if self.progress is not None:
            self.progress(min(done, self.total), self.total, text)

    def reporter(self, base: int, offset: int, rest: int, text: str) -> Callable[[int], None]:
        """Progress for one insert among the last phase's `rest` rows, starting at `offset`."""
        n = self.n_students
        return lambda done: self.report(base + n * (offset + done) // rest, text)

    def keys(self, name: str) -> tuple[str, str]:
        found = self._keys.get(name)
        if found is None:
            found = self._keys[name] = name_keys(name)
        return found

    def pick(self, pairs: list[tuple[str, int]]) -> str:
        total = sum(w for _, w in pairs)
        x = self.rng.random() * total
        for value, weight in pairs:
            x -= weight
            if x < 0:
                return value
        return pairs[-1][0]

    def id_number(self, area: str, birth: dt.date, sex: str) -> str:
        """A valid, unused 18-character ID number for this birth date and sex."""
        rng = self.rng
        date8 = f"{birth.year:04d}{birth.month:02d}{birth.day:02d}"
        odd = 1 if sex == "男" else 0
        while True:
            first17 = f"{area}{date8}{rng.randrange(500) * 2 + odd:03d}"
            if first17 not in self.used_ids:
                self.used_ids.add(first17)
                return first17 + check_char(first17)

    def birth_for_grade(self, grade: int, shift: int = 0) -> dt.date:
        """A birth date whose expected grade this school year is `grade` (+`shift` years older)."""
        earliest, latest = self._birth_ranges[grade]
        span = (latest - earliest).days + 1
        day = earliest + dt.timedelta(days=self.rng.randrange(span))
        return _years_earlier(day, shift)

    def date_between(self, lo: dt.date, hi: dt.date) -> dt.date:
        """A weekday in [lo, hi] (lo itself when the range is empty)."""
        if hi <= lo:
            return lo
        day = lo + dt.timedelta(days=self.rng.randrange((hi - lo).days + 1))
        if day.weekday() >= 5:
            day -= dt.timedelta(days=day.weekday() - 4)
            if day < lo:
                day = lo
        return day

    def address(self, township: str, village: str, urban: bool) -> str:
        rng = self.rng
        if urban or village.endswith("社区"):
            road = rng.choice(names.ROADS)
            return (
                f"{PROVINCE_CITY}{CITY}{township}{village}{road}{rng.randrange(1, 200)}号"
                f"{rng.randrange(1, 9)}单元{rng.randrange(1, 7)}0{rng.randrange(1, 5)}室"
            )
        return f"{PROVINCE_CITY}{CITY}{township}{village}{rng.randrange(1, 12)}组{rng.randrange(1, 120)}号"

    # -- organisation --------------------------------------------------------------------------

    def township_rows(self) -> list[dict[str, Any]]:
        self.town_ids = {name: self.new_id() for name, *_ in TOWNSHIPS}
        self.town_urban = {name: urban for name, _, urban, _ in TOWNSHIPS}
        self.villages = {name: villages for name, _, _, villages in TOWNSHIPS}
        return [{"id": self.town_ids[name], "name": name, "code": code, "city": CITY} for name, code, _, _ in TOWNSHIPS]

    def write(self, session: Any) -> dict[str, int]:
        rng = self.rng
        # Schools (ORM: few rows, audited one by one).
        self.schools: dict[str, dict[str, Any]] = {}
        for name, township, kind, weight in SCHOOLS:
            sid = self.new_id()
            road = rng.choice(names.ROADS)
            village = self.villages[township][0]
            school = School(
                id=sid,
                name=name,
                township_id=self.town_ids[township],
                kind=kind,
                code=f"21{rng.randrange(10**8):08d}",
                address=f"{PROVINCE_CITY}{CITY}{township}{village}{road}{rng.randrange(1, 99)}号",
            )
            session.add(school)
            session.flush()
            audit.record(session, "create", "school", sid, {"name": (None, name), "kind": (None, kind)}, "生成演示数据")
            grades = range(1, 7) if kind == "小学" else range(7, 10) if kind == "初中" else range(1, 10)
            self.schools[name] = {
                "id": sid,
                "name": name,
                "township": township,
                "kind": kind,
                "weight": weight,
                "grades": grades,
            }

        placements = self.place_students()
        staff_rows, class_rows = self.staff_and_classes(placements)
        insert_many(session, Staff, staff_rows)
        insert_many(session, SchoolClass, class_rows)

        student_rows, guardian_rows, change_rows, proofs = self.students(placements)
        n = self.n_students
        insert_many(session, Student, student_rows, progress=lambda d: self.report(n + d, "正在写入学生……"))
        child_rows, child_guardians, child_proofs = self.children(student_rows, change_rows)
        guardian_rows.extend(child_guardians)
        proofs.extend(child_proofs)
        rest = max(1, len(child_rows) + len(guardian_rows) + len(change_rows))
        offset = 0
        for model, rows, text in (
            (Child, child_rows, "正在写入适龄儿童登记……"),
            (Guardian, guardian_rows, "正在写入监护人……"),
            (StatusChange, change_rows, "正在写入学籍异动……"),
        ):
            insert_many(session, model, rows, progress=self.reporter(2 * n, offset, rest, text))
            offset += len(rows)
        blobs, attachment_rows = self.attachments(proofs)
        if blobs:
            session.execute(insert(AttachmentBlob), blobs)
        insert_many(session, Attachment, attachment_rows)
        self.report(self.total, "完成")
        return {
            "townships": len(TOWNSHIPS),
            "schools": len(self.schools),
            "classes": len(class_rows),
            "staff": len(staff_rows),
            "students": len(student_rows),
            "guardians": len(guardian_rows),
            "children": len(child_rows),
            "status_changes": len(change_rows),
            "attachments": len(attachment_rows),
        }

    def place_students(self) -> list[dict[str, Any]]:
        """Who goes where: school, grade and scenario of every student (scenario students first)."""
        rng = self.rng
        home = [s for s in self.schools.values() if s["township"] == HOME_TOWNSHIP]
        placements: list[dict[str, Any]] = []
        for scenario in SCENARIOS[: self.n_students]:
            if scenario == "毕业":
                grade = 9
            elif scenario == "低龄":
                grade = 1
            else:
                # Not new this school year (grade 1, or 7 at a junior school): they need a history.
                grade = rng.choice([2, 3, 4, 5, 6, 8, 9])
            school = rng.choice([s for s in home if grade in s["grades"]])
            placements.append({"school": school, "grade": grade, "scenario": scenario})
        # Everyone else: grade first (slightly fewer in upper grades), then a school offering it.
        by_grade: dict[int, tuple[list[dict[str, Any]], list[float]]] = {}
        for grade in range(1, 10):
            offering = [s for s in self.schools.values() if grade in s["grades"] and s["weight"] > 0]
            cum: list[float] = []
            total = 0.0
            for s in offering:
                total += s["weight"]
                cum.append(total)
            by_grade[grade] = (offering, cum)
        grade_weights = [1.05, 1.04, 1.03, 1.02, 1.0, 0.99, 0.97, 0.95, 0.93]
        grade_cum = []
        acc = 0.0
        for w in grade_weights:
            acc += w
            grade_cum.append(acc)
        for _ in range(self.n_students - len(placements)):
            x = rng.random() * acc
            grade = next(i + 1 for i, c in enumerate(grade_cum) if x < c)
            offering, cum = by_grade[grade]
            y = rng.random() * cum[-1]
            school = offering[next(i for i, c in enumerate(cum) if y < c)]
            placements.append({"school": school, "grade": grade, "scenario": None})
        # Disability first: a pupil at the special school is placed there.
        special = self.schools[SPECIAL_SCHOOL]
        for p in placements:
            scenario = p["scenario"]
            if scenario and scenario.startswith("残疾:"):
                p["arrangement"] = scenario.split(":")[1]
            elif scenario is None and rng.random() < 0.015:
                p["arrangement"] = self.pick([("随班就读", 65), ("送教上门", 20), ("特教学校", 15)])
            else:
                p["arrangement"] = None
            if p["arrangement"] == "特教学校":
                p["home_school"] = p["school"]
                p["school"] = special
        return placements

    def staff_and_classes(self, placements: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        rng = self.rng
        counts: dict[tuple[str, int], int] = defaultdict(int)
        for p in placements:
            counts[(p["school"]["name"], p["grade"])] += 1
        staff: list[dict[str, Any]] = []
        classes: list[dict[str, Any]] = []
        self.classes: dict[tuple[str, int], list[dict[str, Any]]] = {}
        self.teachers: dict[str, list[str]] = defaultdict(list)

        def person(role: str, **where: Any) -> dict[str, Any]:
            sex = "女" if rng.random() < (0.7 if role in ("教师", "班主任") else 0.35) else "男"
            row = {"id": self.new_id(), "name": names.adult_name(rng, sex), "role": role, "phone": names.mobile(rng)}
            row.update(where)
            staff.append(row)
            return row

        for school in self.schools.values():
            sid = school["id"]
            person("校长", school_id=sid, township_id=self.town_ids[school["township"]])
            person("副校长", school_id=sid, township_id=self.town_ids[school["township"]])
            n_classes = 0
            for grade in school["grades"]:
                n = max(1, -(-counts.get((school["name"], grade), 0) // CLASS_SIZE))
                if school["kind"] == "特教学校":
                    n = 1
                rows = []
                for class_no in range(1, n + 1):
                    head = person("班主任", school_id=sid, township_id=self.town_ids[school["township"]])
                    self.teachers[sid].append(head["id"])
                    rows.append(
                        {
                            "id": self.new_id(),
                            "school_id": sid,
                            "grade": grade,
                            "class_no": class_no,
                            "head_teacher_id": head["id"],
                        }
                    )
                classes.extend(rows)
                self.classes[(school["name"], grade)] = rows
                n_classes += n
            for _ in range(max(2, n_classes * 3 // 4)):
                teacher = person("教师", school_id=sid, township_id=self.town_ids[school["township"]])
                self.teachers[sid].append(teacher["id"])
        for township, villages in self.villages.items():
            tid = self.town_ids[township]
            for _ in range(4 if township == HOME_TOWNSHIP else 2):
                person("乡镇干部", township_id=tid)
            for village in villages:
                for _ in range(1 + (rng.random() < 0.5)):
                    person("村干部", township_id=tid, village=village)
        for _ in range(3):
            person("教育局")
        return staff, classes

    # -- students ------------------------------------------------------------------------------

    def students(
        self, placements: list[dict[str, Any]]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
        rows: list[dict[str, Any]] = []
        guardians: list[dict[str, Any]] = []
        changes: list[dict[str, Any]] = []
        proofs: list[dict[str, Any]] = []
        self.hukou_village: dict[str, str] = {}
        for i, p in enumerate(placements, 1):
            self.student(p, rows, guardians, changes, proofs)
            if i % 2000 == 0 or i == len(placements):
                self.report(i, "正在生成学生……")
        return rows, guardians, changes, proofs

    def student(
        self,
        p: dict[str, Any],
        rows: list[dict[str, Any]],
        guardians: list[dict[str, Any]],
        changes: list[dict[str, Any]],
        proofs: list[dict[str, Any]],
    ) -> None:
        rng = self.rng
        scenario: str | None = p["scenario"]
        school, grade = p["school"], p["grade"]
        town = school["township"]
        home_school = p.get("home_school", school)
        urban = self.town_urban[home_school["township"]]
        sex = "男" if rng.random() < 0.52 else "女"

        # Ethnicity and name.
        if scenario and scenario.startswith("民族:"):
            ethnicity = scenario.split(":")[1]
        elif school["name"] == "根河市蒙古族学校":
            ethnicity = self.pick(_ETHNIC_MONGOL_SCHOOL)
        elif town == "敖鲁古雅鄂温克族乡":
            ethnicity = self.pick(_ETHNIC_AOLUGUYA)
        else:
            ethnicity = self.pick(_ETHNIC_BASE)
        name = names.child_name(rng, sex, ethnicity)

        # Age: mostly right for the grade, a few over- or under-age.
        graduated = scenario == "毕业" or (scenario is None and grade == 9 and rng.random() < 0.08)
        x = rng.random()
        if scenario == "超龄":
            shift = 2
        elif scenario == "低龄":
            shift = -2 if grade == 1 else -1
        elif scenario is not None:
            shift = 0
        else:
            shift = 2 if x < 0.008 else 1 if x < 0.04 else -1 if x < 0.05 else 0
        if graduated:
            shift += 1  # they were in grade 9 last school year
        birth = self.birth_for_grade(grade, shift)

        # Special groups.
        migrant = scenario == "随迁" or (scenario is None and rng.random() < (0.05 if urban else 0.02))
        if scenario in ("单亲外出", "双亲外出"):
            left_behind = scenario
        elif scenario is None and not migrant:
            y = rng.random()
            single, double = (0.04, 0.02) if urban else (0.10, 0.06)
            left_behind = "单亲外出" if y < single else "双亲外出" if y < single + double else "无"
        else:
            left_behind = "无"
        arrangement = p["arrangement"]
        disability = rng.choice(DISABILITY_TYPES) if arrangement else None
        poverty = scenario == "脱贫户" or (scenario is None and rng.random() < (0.04 if urban else 0.10))
        low_income = scenario == "低保" or (scenario is None and rng.random() < (0.03 if urban else 0.05))
        orphan = scenario == "孤儿" or (scenario is None and rng.random() < 0.004)
        if orphan:
            left_behind = "无"
        if scenario == "寄宿":
            boarding = True
        elif arrangement == "送教上门":
            boarding = False
        else:
            rate = (
                0.03 if urban else 0.5 if town == "敖鲁古雅鄂温克族乡" else 0.35 if school["kind"] != "小学" else 0.15
            )
            if school["kind"] == "特教学校":
                rate = 0.3
            boarding = rng.random() < rate

        # Hukou and addresses.
        if migrant:
            area = rng.choice(list(NEARBY_AREAS))
            hukou_town = None
            hukou_village = None
            hukou_address = f"{PROVINCE_CITY if area != '152223' else '内蒙古自治区'}{NEARBY_AREAS[area]}" + (
                f"{rng.choice(names.ROADS)}{rng.randrange(1, 300)}号"
            )
            nature = self.pick([("农业户口", 50), ("居民户口", 40), ("非农业户口", 10)])
            current_town = town
            current_village = rng.choice(self.villages[town])
            current_address = self.address(current_town, current_village, urban)
        else:
            area = CITY_AREA if rng.random() < 0.94 else rng.choice(list(NEARBY_AREAS))
            if scenario is not None or rng.random() < 0.9:
                hukou_town = home_school["township"]
            else:
                hukou_town = rng.choice([t for t, *_ in TOWNSHIPS])
            hukou_village = rng.choice(self.villages[hukou_town])
            hukou_urban = self.town_urban[hukou_town]
            hukou_address = self.address(hukou_town, hukou_village, hukou_urban)
            nature = (
                self.pick([("居民户口", 60), ("非农业户口", 30), ("农业户口", 10)])
                if hukou_urban
                else self.pick([("农业户口", 60), ("居民户口", 30), ("非农业户口", 10)])
            )
            if hukou_town == town or rng.random() < 0.5:
                current_address = (
                    hukou_address
                    if rng.random() < 0.85
                    else self.address(hukou_town, rng.choice(self.villages[hukou_town]), hukou_urban)
                )
            else:
                current_address = self.address(town, rng.choice(self.villages[town]), urban)

        # ID number and 学籍号.
        form = "J" if scenario == "学籍号J" else "L" if scenario == "学籍号L" else None
        if form is None and scenario is None:
            z = rng.random()
            form = "J" if z < 0.015 else "L" if z < 0.03 else "G"
        form = form or "G"
        if form == "J":
            id_type, id_number = "无证件", None
            body17 = f"{area}{birth:%Y%m%d}{rng.randrange(1000):03d}"
            student_no = f"J{body17}{check_char(body17)}"
        else:
            id_type = "居民身份证"
            id_number = self.id_number(area, birth, sex)
            student_no = f"G{id_number}" if form == "G" else f"L{area}{birth:%Y%m%d}{rng.randrange(10000):04d}"

        # Class, head teacher, 亲情监护人.
        klass = rng.choice(self.classes[(school["name"], grade)])
        guardian_teacher = None
        if left_behind != "无":
            pool = self.teachers[school["id"]]
            guardian_teacher = klass["head_teacher_id"] if rng.random() < 0.6 else rng.choice(pool)

        student_id = self.new_id()
        enrolled_on = self.entry_date(school, grade, graduated)
        status, history = self.history(scenario, graduated, enrolled_on, grade, school["kind"])
        if history and history[0][0] == "转入":
            enrolled_on = history[0][1]
        notes = []
        if left_behind == "双亲外出":
            notes.append("父母均在外务工，由祖辈照顾")
        elif left_behind == "单亲外出":
            notes.append("父亲（或母亲）在外务工")
        if migrant:
            notes.append(f"随父母从{NEARBY_AREAS[area]}迁来")
        if arrangement == "送教上门":
            notes.append("每周送教上门两次")
        pinyin, initials = self.keys(name)
        rows.append(
            {
                "id": student_id,
                "name": name,
                "name_pinyin": pinyin,
                "name_initials": initials,
                "sex": sex,
                "birth_date": birth,
                "ethnicity_code": ethnicity,
                "id_type": id_type,
                "id_number": id_number,
                "student_no": student_no,
                "hukou_address": hukou_address,
                "hukou_nature": nature,
                "hukou_township_id": self.town_ids[hukou_town] if hukou_town else None,
                "current_address": current_address,
                "school_id": school["id"],
                "township_id": self.town_ids[town],
                "grade": grade,
                "class_no": klass["class_no"],
                "enrolled_on": enrolled_on,
                "boarding": boarding and status in ("在读", "休学"),
                "status": status,
                "left_behind": left_behind,
                "migrant": migrant,
                "disability_type": disability,
                "disability_arrangement": arrangement,
                "poverty": poverty,
                "low_income": low_income,
                "orphan": orphan,
                "guardian_teacher_id": guardian_teacher,
                "note": "；".join(notes) or None,
            }
        )
        if hukou_village:
            self.hukou_village[student_id] = hukou_village
        self.add_guardians(guardians, "student_id", student_id, name, left_behind, orphan, urban)
        before: str | None = None if history and history[0][0] == "转入" else "在读"
        for kind, day, reason_key in history:
            after = status_rules.apply_change(before, kind)
            other = rng.choice(names.SCHOOLS_ELSEWHERE)
            change = {
                "id": self.new_id(),
                "student_id": student_id,
                "kind": kind,
                "changed_on": day,
                "reason": rng.choice(_REASONS[reason_key]),
                "from_school": other if kind == "转入" else school["name"] if kind == "转出" else None,
                "to_school": school["name"] if kind == "转入" else other if kind == "转出" else None,
                "status_before": before,
                "status_after": after,
                "recorded_by": DEMO_USER,
            }
            changes.append(change)
            if status_rules.needs_proof(kind):
                proofs.append(
                    {
                        "owner_type": "status_change",
                        "owner_id": change["id"],
                        "kind": kind,
                        "name": name,
                        "id_number": id_number,
                        "school": school["name"],
                        "day": day,
                    }
                )
            before = after

    def entry_date(self, school: dict[str, Any], grade: int, graduated: bool) -> dt.date:
        first_grade = 7 if school["kind"] == "初中" else 1
        years = grade - first_grade + (1 if graduated else 0)
        return dt.date(self.year - years, 9, 1)

    def history(
        self, scenario: str | None, graduated: bool, enrolled_on: dt.date, grade: int, kind: str
    ) -> tuple[str, list[tuple[str, dt.date, str]]]:
        """The student's status and the 学籍异动 (kind, date, reason key) that led to it."""
        rng = self.rng
        if graduated:
            return "毕业", [("毕业", dt.date(self.year, 7, 1), "毕业")]
        lo = max(enrolled_on, dt.date(self.year - 1, 9, 1)) + dt.timedelta(days=7)
        hi = self.today - dt.timedelta(days=1)
        if (hi - lo).days < 60:
            return "在读", []
        if scenario is None:
            x = rng.random()
            story = (
                "休学"
                if x < 0.008
                else "转出"
                if x < 0.023
                else "辍学"
                if x < 0.026
                else "休学复学"
                if x < 0.036
                else "辍学复学"
                if x < 0.040
                else "休学辍学"
                if x < 0.041
                else "转入"
                if x < 0.066
                else "转入休学"
                if x < 0.068
                else None
            )
            if story is None:
                return "在读", []
        elif scenario in ("休学", "转出", "辍学", "休学复学", "辍学复学", "转入", "转入休学", "休学辍学"):
            story = scenario
        else:
            return "在读", []
        kinds = {
            "休学": ["休学"],
            "转出": ["转出"],
            "辍学": ["辍学"],
            "休学复学": ["休学", "复学"],
            "辍学复学": ["辍学", "复学"],
            "休学辍学": ["休学", "辍学"],
            "转入": ["转入"],
            "转入休学": ["转入", "休学"],
        }[story]
        days = sorted(self.date_between(lo, hi) for _ in kinds)
        for i in range(1, len(days)):
            if days[i] <= days[i - 1]:
                days[i] = days[i - 1] + dt.timedelta(days=1)
        status: str | None = None if kinds[0] == "转入" else "在读"
        history = []
        for k, day in zip(kinds, days, strict=True):
            status = status_rules.apply_change(status, k)
            reason = "辍学复学" if k == "复学" and "辍学" in kinds else k
            history.append((k, day, reason))
        assert status is not None
        return status, history

    def add_guardians(
        self,
        out: list[dict[str, Any]],
        owner: str,
        owner_id: str,
        child: str,
        left_behind: str,
        orphan: bool,
        urban: bool,
    ) -> None:
        rng = self.rng
        family = names.family_name_of(child) or names.surname(rng)

        def add(slot: int, relation: str, away: bool = False) -> None:
            male = relation in ("父亲", "祖父", "外祖父") or (relation == "其他亲属" and rng.random() < 0.5)
            own = relation in ("父亲", "祖父") or (relation == "其他亲属" and male and rng.random() < 0.7)
            out.append(
                {
                    "id": self.new_id(),
                    owner: owner_id,
                    "slot": slot,
                    "name": names.adult_name(rng, "男" if male else "女", family if own else None),
                    "relation": relation,
                    "phone": names.mobile(rng),
                    "workplace": rng.choice(names.AWAY_WORKPLACES)
                    if away
                    else (rng.choice(names.LOCAL_WORKPLACES) if rng.random() < 0.7 else None),
                    "away_working": away,
                }
            )

        if orphan:
            add(1, rng.choice(["祖父", "祖母", "外祖母", "其他亲属"]))
            if rng.random() < 0.4:
                add(2, "其他亲属")
        elif left_behind == "双亲外出":
            add(1, rng.choice(["祖母", "祖父", "外祖母", "外祖父", "其他亲属"]))
            add(2, rng.choice(["父亲", "母亲"]), away=True)
        elif left_behind == "单亲外出":
            home, away = ("母亲", "父亲") if rng.random() < 0.75 else ("父亲", "母亲")
            add(1, home)
            add(2, away, away=True)
        else:
            first = "父亲" if rng.random() < 0.55 else "母亲"
            add(1, first)
            if rng.random() < 0.75:
                add(2, "母亲" if first == "父亲" else "父亲")

    # -- the township's register of school-age children ----------------------------------------

    def children(
        self, students: list[dict[str, Any]], changes: list[dict[str, Any]]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
        rng = self.rng
        home_id = self.town_ids[HOME_TOWNSHIP]
        to_school = {c["student_id"]: c["to_school"] for c in changes if c["kind"] == "转出"}
        rows: list[dict[str, Any]] = []
        guardians: list[dict[str, Any]] = []
        proofs: list[dict[str, Any]] = []
        for s in students:
            if s["status"] in ("毕业", "死亡"):
                continue
            lives_here = s["migrant"] and s["township_id"] == home_id
            if s["hukou_township_id"] != home_id and not lives_here:
                continue
            if not school_age.is_compulsory_age(s["birth_date"], self.year):
                continue
            situation = {"休学": "本地在校", "在读": "本地在校", "辍学": "辍学", "转出": "外地就读"}[s["status"]]
            if situation == "本地在校" and s["disability_arrangement"]:
                situation = s["disability_arrangement"]
            village = self.hukou_village.get(s["id"])
            row = self.child_row(s["name"], s["sex"], s["birth_date"], s["ethnicity_code"], s["id_number"])
            row.update(
                hukou_village=village,
                hukou_address=s["hukou_address"],
                residence_address=s["current_address"],
                situation=situation,
                elsewhere_school=to_school.get(s["id"]) if situation == "外地就读" else None,
                student_id=s["id"],
                note="户籍在外地，随父母在本镇居住就读" if lives_here else None,
            )
            rows.append(row)
            if situation == "外地就读" and rng.random() < 0.7:
                proofs.append(self.child_proof(row, "就读证明"))

        # Children with no 学籍 here: 3–4 % of the register, and every situation at least once.
        extra = max(len(CHILD_SCENARIOS), round(len(rows) * 0.035)) if self.n_students else 0
        kinds = list(CHILD_SCENARIOS) if extra else []
        while len(kinds) < extra:
            kinds.append(
                self.pick(
                    [
                        ("未入学", 20),
                        ("外地就读", 30),
                        ("外地就读无证明", 12),
                        ("缓学", 10),
                        ("免学", 5),
                        ("迁出", 18),
                        ("辍学", 5),
                    ]
                )
            )
        villages = self.villages[HOME_TOWNSHIP]
        for kind in kinds:
            grade = rng.randrange(1, 3) if kind in ("未入学", "缓学") else rng.randrange(1, 10)
            sex = "男" if rng.random() < 0.52 else "女"
            ethnicity = self.pick(_ETHNIC_BASE)
            birth = self.birth_for_grade(grade)
            name = names.child_name(rng, sex, ethnicity)
            village = rng.choice(villages)
            address = self.address(HOME_TOWNSHIP, village, False)
            row = self.child_row(name, sex, birth, ethnicity, self.id_number(CITY_AREA, birth, sex))
            situation = "外地就读" if kind.startswith("外地就读") else kind
            row.update(hukou_village=village, hukou_address=address, residence_address=address, situation=situation)
            if situation == "外地就读":
                school = rng.choice(names.SCHOOLS_ELSEWHERE)
                row.update(elsewhere_school=school, residence_address=None, note="随父母在外地居住就读")
                if kind == "外地就读":
                    proofs.append(self.child_proof(row, "就读证明"))
            elif kind == "未入学":
                row["note"] = rng.choice(
                    ["家长认为孩子年龄小，暂未送入学", "刚随家人回到本镇，尚未办理入学", "家长外出，无人送孩子上学"]
                )
            elif kind == "缓学":
                row.update(
                    approving_body="金河镇人民政府",
                    period_start=dt.date(self.year, 9, 1),
                    period_end=dt.date(self.year + 1, 8, 31),
                    note="身体原因（术后康复），家长申请，经批准缓学一年",
                )
                proofs.append(self.child_proof(row, "缓学审批表"))
            elif kind == "免学":
                row.update(
                    approving_body="根河市教育局",
                    period_start=dt.date(self.year, 9, 1),
                    period_end=dt.date(birth.year + 16, 8, 31),
                    note="重度残疾，经残疾儿童入学评估免于入学，定期回访",
                )
                proofs.append(self.child_proof(row, "免学审批表"))
            elif kind == "迁出":
                row.update(
                    residence_address=None, note=f"户口已随父母迁往{rng.choice(list(NEARBY_AREAS.values()))}，待核销"
                )
            elif kind == "辍学":
                row["note"] = "未办理学籍，长期在家，待劝返"
            rows.append(row)
            self.add_guardians(guardians, "child_id", row["id"], name, "无", False, False)
        for row in rows:
            row["township_id"] = home_id
        return rows, guardians, proofs

    def child_row(self, name: str, sex: str, birth: dt.date, ethnicity: str, id_number: str | None) -> dict[str, Any]:
        pinyin, initials = self.keys(name)
        return {
            "id": self.new_id(),
            "name": name,
            "name_pinyin": pinyin,
            "name_initials": initials,
            "sex": sex,
            "birth_date": birth,
            "ethnicity_code": ethnicity,
            "id_number": id_number,
            "hukou_village": None,
            "hukou_address": None,
            "residence_address": None,
            "situation": "本地在校",
            "elsewhere_school": None,
            "approving_body": None,
            "period_start": None,
            "period_end": None,
            "student_id": None,
            "note": None,
        }

    def child_proof(self, row: dict[str, Any], title: str) -> dict[str, Any]:
        return {
            "owner_type": "child",
            "owner_id": row["id"],
            "kind": title,
            "name": row["name"],
            "id_number": row["id_number"],
            "school": row["elsewhere_school"] or row["approving_body"],
            "day": row["period_start"] or dt.date(self.year, 9, 10),
        }

    # -- proof files ---------------------------------------------------------------------------

    def attachments(self, proofs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        blobs: dict[str, bytes] = {}
        rows = []
        titles = {"转出": "转学联系单", "休学": "休学申请及审批表", "辍学": "三访一报告记录", "死亡": "死亡证明"}
        for p in proofs:
            title = titles.get(p["kind"], p["kind"])
            text = (
                f"{title}（演示数据，非真实材料）\n"
                f"学生：{p['name']}\n身份证件号：{p['id_number'] or '无'}\n"
                f"单位：{p['school'] or ''}\n日期：{p['day']:%Y年%m月%d日}\n"
            )
            data = text.encode("utf-8")
            digest = hashlib.sha256(data).hexdigest()
            blobs.setdefault(digest, data)
            rows.append(
                {
                    "id": self.new_id(),
                    "owner_type": p["owner_type"],
                    "owner_id": p["owner_id"],
                    "file_name": f"{title}-{p['name']}.txt",
                    "mime_type": "text/plain",
                    "size": len(data),
                    "sha256": digest,
                    "description": title,
                }
            )
        return [{"sha256": k, "data": v} for k, v in blobs.items()], rows


def _years_earlier(day: dt.date, years: int) -> dt.date:
    if years == 0:
        return day
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 2月29日
        return day.replace(year=day.year - years, day=28)
