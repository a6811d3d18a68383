"""Demo database generator (services.demo) and the bulk inserter it relies on (store.bulk)."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from kongchuo_desktop.domain import id_number as idn
from kongchuo_desktop.domain import school_age
from kongchuo_desktop.domain import status as status_rules
from kongchuo_desktop.domain import student_no as sno
from kongchuo_desktop.domain.pinyin import name_keys
from kongchuo_desktop.services.demo import CHILD_SCENARIOS, HOME_TOWNSHIP, create_demo
from kongchuo_desktop.services.errors import ValidationError
from kongchuo_desktop.store import audit
from kongchuo_desktop.store.bulk import insert_many
from kongchuo_desktop.store.database import open_database
from kongchuo_desktop.store.local import local_site
from kongchuo_desktop.store.models import LocalState, Staff, Township

TODAY = dt.date(2026, 11, 16)
SCHOOL_YEAR = "2026-2027"
N = 500

# Content columns compared between runs (not timestamps, not the site's own random id).
CONTENT = {
    "township": "id, name, code, city, change_seq",
    "school": "id, name, township_id, kind, code, address",
    "school_class": "id, school_id, grade, class_no, head_teacher_id",
    "staff": "id, name, role, phone, school_id, township_id, village",
    "student": "id, name, name_pinyin, name_initials, sex, birth_date, ethnicity_code, id_type, id_number, "
    "student_no, hukou_address, hukou_nature, hukou_township_id, current_address, school_id, township_id, grade, "
    "class_no, enrolled_on, boarding, status, left_behind, migrant, disability_type, disability_arrangement, "
    "poverty, low_income, orphan, guardian_teacher_id, note, change_seq",
    "guardian": "id, student_id, child_id, slot, name, relation, phone, workplace, away_working",
    "child": "id, name, name_pinyin, name_initials, sex, birth_date, ethnicity_code, id_number, township_id, "
    "hukou_village, hukou_address, residence_address, situation, elsewhere_school, approving_body, "
    "period_start, period_end, student_id, note",
    "status_change": "id, student_id, kind, changed_on, reason, from_school, to_school, status_before, "
    "status_after, recorded_by",
    "attachment": "id, owner_type, owner_id, file_name, mime_type, size, sha256, description",
    "attachment_blob": "sha256, data",
}


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        for table, columns in CONTENT.items():
            key = columns.split(",")[0]
            for row in conn.execute(f"SELECT {columns} FROM {table} ORDER BY {key}"):
                digest.update(repr(row).encode("utf-8"))
    finally:
        conn.close()
    return digest.hexdigest()


def rows(path: Path, sql: str, *params: object) -> list[sqlite3.Row]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("demo")


@pytest.fixture(scope="module")
def demo_a(demo_dir: Path):
    calls: list[tuple[int, int, str]] = []
    summary = create_demo(
        demo_dir / "a.sqlite", students=N, seed=7, today=TODAY, progress=lambda d, t, s: calls.append((d, t, s))
    )
    return summary, calls


@pytest.fixture(scope="module")
def db_a(demo_a) -> Path:
    return demo_a[0].path


# -- determinism ---------------------------------------------------------------------------------


def test_same_seed_gives_identical_content(demo_dir: Path, db_a: Path) -> None:
    again = create_demo(demo_dir / "a2.sqlite", students=N, seed=7, today=TODAY)
    assert content_hash(again.path) == content_hash(db_a)
    # ... but each database is its own installation.
    site_a = rows(db_a, "SELECT id FROM site WHERE is_local = 1")[0]["id"]
    assert rows(again.path, "SELECT id FROM site WHERE is_local = 1")[0]["id"] != site_a


def test_different_seed_gives_different_content(demo_dir: Path, db_a: Path) -> None:
    other = create_demo(demo_dir / "b.sqlite", students=N, seed=8, today=TODAY)
    assert content_hash(other.path) != content_hash(db_a)
    names_a = {r["name"] for r in rows(db_a, "SELECT name FROM student")}
    names_b = {r["name"] for r in rows(other.path, "SELECT name FROM student")}
    assert names_a != names_b


# -- shape and counts ----------------------------------------------------------------------------


def test_counts_match_summary(demo_a) -> None:
    summary, _ = demo_a
    path = summary.path
    table_of = {
        "townships": "township",
        "schools": "school",
        "classes": "school_class",
        "staff": "staff",
        "guardians": "guardian",
        "children": "child",
        "status_changes": "status_change",
        "attachments": "attachment",
    }
    for field, table in table_of.items():
        assert rows(path, f"SELECT count(*) FROM {table}")[0][0] == getattr(summary, field), field
    assert rows(path, "SELECT count(*) FROM student")[0][0] == summary.students + summary.past_students
    assert summary.students == N and summary.past_students > 0  # past pupils: the demo's earlier school years
    assert summary.townships == 9
    assert 15 <= summary.schools <= 25
    assert summary.school_year == SCHOOL_YEAR
    assert summary.as_dict()["students"] == N


def test_site_is_jinhe_township_of_genhe(db_a: Path) -> None:
    db = open_database(db_a)
    try:
        with db.read_session() as session:
            site = local_site(session)
            assert site is not None and site.site_type == "township"
            town = session.get(Township, site.township_id)
            assert town.name == HOME_TOWNSHIP
            names = set(session.execute(select(Township.name)).scalars())
            assert names == {
                "好里堡街道",
                "河西街道",
                "森工街道",
                "河东街道",
                "金河镇",
                "阿龙山镇",
                "满归镇",
                "得耳布尔镇",
                "敖鲁古雅鄂温克族乡",
            }
            assert all(t.city == "根河市" for t in session.execute(select(Township)).scalars())
            # Every travelling row originates at this site.
            for table in ("township", "school", "staff", "student", "child", "guardian", "status_change"):
                assert (
                    session.execute(
                        text(f"SELECT count(*) FROM {table} WHERE origin_site_id IS NOT :s"), {"s": site.id}
                    ).scalar_one()
                    == 0
                ), table
    finally:
        db.close()


def test_audit_chain_verifies(db_a: Path) -> None:
    db = open_database(db_a)
    try:
        with db.read_session() as session:
            assert audit.verify_chain(session) is None
            assert session.execute(text("SELECT count(*) FROM audit_entry WHERE entity = 'demo'")).scalar_one() > 0
    finally:
        db.close()


def test_change_seqs_are_unique(db_a: Path) -> None:
    seqs = []
    for table in (
        "township",
        "school",
        "school_class",
        "staff",
        "student",
        "guardian",
        "child",
        "status_change",
        "attachment",
        "setting",
        "site",
        "audit_entry",
    ):
        seqs += [r[0] for r in rows(db_a, f"SELECT change_seq FROM {table}")]
    assert len(seqs) == len(set(seqs))
    assert max(seqs) == rows(db_a, "SELECT value FROM local_state WHERE key = 'change_seq'")[0][0]


def test_schools_classes_and_staff(db_a: Path) -> None:
    for r in rows(
        db_a,
        """SELECT c.school_id, s.school_id AS teacher_school, s.role FROM school_class c
                            JOIN staff s ON s.id = c.head_teacher_id""",
    ):
        assert r["role"] == "班主任" and r["teacher_school"] == r["school_id"]
    assert rows(db_a, "SELECT count(*) FROM school_class WHERE head_teacher_id IS NULL")[0][0] == 0
    roles = Counter(r["role"] for r in rows(db_a, "SELECT role FROM staff"))
    schools = rows(db_a, "SELECT count(*) FROM school")[0][0]
    assert roles["校长"] == schools
    assert roles["教师"] > 0 and roles["乡镇干部"] >= 9 and roles["村干部"] > 0
    assert rows(db_a, "SELECT count(*) FROM staff WHERE role = '村干部' AND village IS NULL")[0][0] == 0
    names = {r["name"] for r in rows(db_a, "SELECT name FROM school")}
    for expected in (
        "根河市第一小学",
        "金河镇中心学校",
        "满归镇九年一贯制学校",
        "敖鲁古雅鄂温克族乡民族学校",
        "根河市特殊教育学校",
    ):
        assert expected in names
    # Every student sits in an existing class of their school.
    orphans = rows(
        db_a,
        """SELECT count(*) FROM student s LEFT JOIN school_class c
        ON c.school_id = s.school_id AND c.grade = s.grade AND c.class_no = s.class_no WHERE c.id IS NULL""",
    )
    assert orphans[0][0] == 0


# -- students --------------------------------------------------------------------------------------


def test_ids_valid_and_match_birth_date_and_sex(db_a: Path) -> None:
    seen = set()
    for table in ("student", "child"):
        for r in rows(db_a, f"SELECT id_number, birth_date, sex FROM {table} WHERE id_number IS NOT NULL"):
            info = idn.parse(r["id_number"], today=TODAY)
            assert info.number == r["id_number"]
            assert info.birth_date.isoformat() == r["birth_date"]
            assert info.sex == r["sex"]
            assert info.area_code in {"150785", "150702", "150781", "152223"}
            if table == "student":
                assert r["id_number"] not in seen
                seen.add(r["id_number"])


def test_child_ids_unique_except_linked_students(db_a: Path) -> None:
    children = rows(
        db_a,
        "SELECT c.id_number, c.student_id, s.id_number AS sid FROM child c LEFT JOIN student s ON s.id = c.student_id",
    )
    for r in children:
        if r["student_id"] is not None:
            assert r["id_number"] == r["sid"]
    own = [r["id_number"] for r in children if r["student_id"] is None]
    assert None not in own
    students = {r[0] for r in rows(db_a, "SELECT id_number FROM student WHERE id_number IS NOT NULL")}
    assert len(own) == len(set(own)) and not set(own) & students


def test_student_numbers_consistent(db_a: Path) -> None:
    forms = Counter()
    for r in rows(db_a, "SELECT student_no, id_number, id_type, birth_date FROM student"):
        birth = dt.date.fromisoformat(r["birth_date"])
        assert sno.check(r["student_no"], r["id_number"], birth, today=TODAY) is None, r["student_no"]
        form = sno.classify(r["student_no"])
        forms[form] += 1
        if form == "G":
            assert r["student_no"] == "G" + r["id_number"]
        if form == "J":
            assert r["id_number"] is None and r["id_type"] == "无证件"
        else:
            assert r["id_type"] == "居民身份证"
    assert forms["G"] > 0.9 * N and forms["J"] > 0 and forms["L"] > 0


def test_township_is_schools_township(db_a: Path) -> None:
    bad = rows(
        db_a,
        """SELECT count(*) FROM student s JOIN school c ON c.id = s.school_id
                        WHERE s.township_id IS NOT c.township_id""",
    )
    assert bad[0][0] == 0
    assert rows(db_a, "SELECT count(*) FROM student WHERE school_id IS NULL")[0][0] == 0


def test_names_and_search_keys(db_a: Path) -> None:
    for table in ("student", "child"):
        for r in rows(db_a, f"SELECT name, name_pinyin, name_initials FROM {table}"):
            assert (r["name_pinyin"], r["name_initials"]) == name_keys(r["name"])
            assert r["name_pinyin"].isascii() and r["name_pinyin"]
    all_names = [r[0] for r in rows(db_a, "SELECT name FROM student")]
    assert all(2 <= len(n) <= 12 for n in all_names)
    assert len(set(all_names)) > 0.8 * len(all_names)
    surnames = Counter(n[0] for n in all_names)
    assert surnames.most_common(1)[0][0] in "王李张刘"


def test_ages_fit_grades_with_a_few_exceptions(db_a: Path) -> None:
    flags = Counter()
    for r in rows(db_a, "SELECT birth_date, grade FROM student WHERE status != '毕业'"):
        flags[school_age.age_flag(dt.date.fromisoformat(r["birth_date"]), r["grade"], SCHOOL_YEAR)] += 1
    total = sum(flags.values())
    assert flags[None] > 0.93 * total
    assert flags["over_age"] > 0 and flags["under_age"] > 0


def test_every_special_group_present(db_a: Path) -> None:
    def count(where: str) -> int:
        return rows(db_a, f"SELECT count(*) FROM student WHERE {where}")[0][0]

    for where in (
        "left_behind = '单亲外出'",
        "left_behind = '双亲外出'",
        "migrant = 1",
        "poverty = 1",
        "low_income = 1",
        "orphan = 1",
        "boarding = 1",
        "disability_arrangement = '随班就读'",
        "disability_arrangement = '送教上门'",
        "disability_arrangement = '特教学校'",
    ):
        assert count(where) > 0, where
    for status in ("在读", "休学", "转出", "辍学", "毕业"):
        assert count(f"status = '{status}'") > 0, status
    for code in ("01", "02", "03", "11", "31", "45", "52", "44"):
        assert count(f"ethnicity_code = '{code}'") > 0, code
    assert count("status = '在读'") > 0.85 * N
    assert count("ethnicity_code = '01'") > 0.6 * N
    # Disabled pupils have a type; the others have none.
    assert count("(disability_type IS NULL) != (disability_arrangement IS NULL)") == 0
    # 特教学校 pupils are at the special school.
    assert (
        rows(
            db_a,
            """SELECT count(*) FROM student s JOIN school c ON c.id = s.school_id
        WHERE s.disability_arrangement = '特教学校' AND c.kind != '特教学校'""",
        )[0][0]
        == 0
    )
    # Migrant pupils' 户籍 is outside 根河.
    assert count("migrant = 1 AND hukou_township_id IS NOT NULL") == 0


def test_left_behind_have_teacher_guardian_and_parent_away(db_a: Path) -> None:
    for r in rows(
        db_a,
        """SELECT s.id, s.school_id, t.school_id AS teacher_school, t.role FROM student s
                           LEFT JOIN staff t ON t.id = s.guardian_teacher_id WHERE s.left_behind != '无'""",
    ):
        assert r["teacher_school"] == r["school_id"] and r["role"] in ("教师", "班主任")
        away = rows(db_a, "SELECT count(*) FROM guardian WHERE student_id = ? AND away_working = 1", r["id"])
        assert away[0][0] >= 1
    assert (
        rows(db_a, "SELECT count(*) FROM student WHERE left_behind = '无' AND guardian_teacher_id IS NOT NULL")[0][0]
        == 0
    )


def test_guardians(db_a: Path) -> None:
    per_student = Counter(r[0] for r in rows(db_a, "SELECT student_id FROM guardian WHERE student_id IS NOT NULL"))
    assert set(per_student.values()) <= {1, 2}
    assert len(per_student) == N
    for r in rows(db_a, "SELECT phone, slot, relation FROM guardian"):
        assert len(r["phone"]) == 11 and r["phone"][:2] in ("13", "15", "18") and r["phone"].isdigit()
        assert r["slot"] in (1, 2)
        assert r["relation"] in ("父亲", "母亲", "祖父", "祖母", "外祖父", "外祖母", "其他亲属", "其他")
    assert rows(db_a, "SELECT count(*) FROM guardian WHERE (student_id IS NULL) = (child_id IS NULL)")[0][0] == 0


# -- status changes ------------------------------------------------------------------------------------


def test_status_changes_consistent_with_statuses(db_a: Path) -> None:
    history = defaultdict(list)
    for r in rows(db_a, "SELECT * FROM status_change ORDER BY student_id, changed_on"):
        history[r["student_id"]].append(r)
    proofs = {r[0] for r in rows(db_a, "SELECT owner_id FROM attachment WHERE owner_type = 'status_change'")}
    kinds = Counter()
    for s in rows(db_a, "SELECT id, status, enrolled_on, name FROM student"):
        changes = history.get(s["id"], [])
        if s["status"] != "在读":
            assert changes, s["name"]
        state = changes[0]["status_before"] if changes else "在读"
        assert state in (None, "在读")
        for c in changes:
            assert c["status_before"] == state
            state = status_rules.apply_change(state, c["kind"])
            assert c["status_after"] == state
            assert dt.date.fromisoformat(c["changed_on"]) < TODAY
            assert c["reason"]
            if c["kind"] == "转出":
                assert c["to_school"] and c["from_school"]
            if c["kind"] == "转入":
                assert c["from_school"] and c["to_school"]
                assert c["changed_on"] == s["enrolled_on"]
            if status_rules.needs_proof(c["kind"]):
                assert c["id"] in proofs
            kinds[c["kind"]] += 1
        assert state == s["status"]
        dates = [c["changed_on"] for c in changes]
        assert len(set(dates)) == len(dates)
    for kind in ("转入", "转出", "休学", "复学", "辍学", "毕业"):
        assert kinds[kind] > 0, kind


# -- the register of school-age children -----------------------------------------------------------------


def test_child_register(db_a: Path) -> None:
    home = rows(db_a, "SELECT id FROM township WHERE name = ?", HOME_TOWNSHIP)[0]["id"]
    children = rows(db_a, "SELECT * FROM child")
    assert {c["township_id"] for c in children} == {home}
    situations = Counter(c["situation"] for c in children)
    for situation in (
        "本地在校",
        "外地就读",
        "随班就读",
        "特教学校",
        "送教上门",
        "缓学",
        "免学",
        "未入学",
        "辍学",
        "迁出",
    ):
        assert situations[situation] > 0, situation
    linked = {c["student_id"] for c in children if c["student_id"]}
    # Every school-age pupil whose 户籍 is in the township is on the register.
    for s in rows(db_a, "SELECT id, birth_date, status FROM student WHERE hukou_township_id = ?", home):
        if s["status"] != "毕业" and school_age.is_compulsory_age(dt.date.fromisoformat(s["birth_date"]), SCHOOL_YEAR):
            assert s["id"] in linked
    proofs = {r[0] for r in rows(db_a, "SELECT owner_id FROM attachment WHERE owner_type = 'child'")}
    elsewhere = [c for c in children if c["situation"] == "外地就读"]
    assert all(c["elsewhere_school"] for c in elsewhere)
    assert any(c["id"] in proofs for c in elsewhere) and any(c["id"] not in proofs for c in elsewhere)
    for c in children:
        if c["situation"] in ("缓学", "免学"):
            assert c["approving_body"] and c["period_start"] and c["period_end"] > c["period_start"]
            assert c["id"] in proofs
        if c["situation"] == "未入学":
            assert c["student_id"] is None
        assert school_age.is_compulsory_age(dt.date.fromisoformat(c["birth_date"]), SCHOOL_YEAR)
        assert c["hukou_address"]
    not_enrolled = [c for c in children if c["student_id"] is None]
    assert len(not_enrolled) >= len(CHILD_SCENARIOS)
    # Children without a 学籍 have guardians of their own.
    with_guardian = {r[0] for r in rows(db_a, "SELECT child_id FROM guardian WHERE child_id IS NOT NULL")}
    assert {c["id"] for c in not_enrolled} <= with_guardian


def test_attachments_have_blobs(db_a: Path) -> None:
    assert (
        rows(
            db_a,
            """SELECT count(*) FROM attachment a LEFT JOIN attachment_blob b ON b.sha256 = a.sha256
                         WHERE b.sha256 IS NULL OR length(b.data) != a.size""",
        )[0][0]
        == 0
    )


# -- files, progress, refusal ----------------------------------------------------------------------------


def test_progress_reported_to_the_end(demo_a) -> None:
    _, calls = demo_a
    assert calls
    done = [d for d, _, _ in calls]
    assert done == sorted(done)
    assert calls[-1][0] == calls[-1][1]
    assert all(isinstance(t, str) and t for _, _, t in calls)


def test_no_leftover_files(tmp_path: Path) -> None:
    create_demo(tmp_path / "only.sqlite", students=20, today=TODAY)
    assert [p.name for p in tmp_path.iterdir()] == ["only.sqlite"]


def test_existing_file_refused(tmp_path: Path) -> None:
    path = tmp_path / "existing.sqlite"
    path.write_bytes(b"my precious data")
    with pytest.raises(ValidationError) as exc:
        create_demo(path, students=10, today=TODAY)
    assert "已存在" in str(exc.value)
    assert path.read_bytes() == b"my precious data"
    with pytest.raises(ValidationError):
        create_demo(tmp_path, students=10, today=TODAY)


def test_empty_existing_file_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    summary = create_demo(path, students=50, today=TODAY)
    assert summary.students == 50
    assert rows(path, "SELECT count(*) FROM student")[0][0] == 50 + summary.past_students


def test_bad_student_count_refused(tmp_path: Path) -> None:
    for bad in (-1, 3_000_000, "many"):
        with pytest.raises(ValidationError):
            create_demo(tmp_path / "x.sqlite", students=bad, today=TODAY)  # type: ignore[arg-type]
    assert not (tmp_path / "x.sqlite").exists()


def test_cancel_from_progress_leaves_nothing(tmp_path: Path) -> None:
    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int, text: str) -> None:
        if done > total // 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        create_demo(tmp_path / "c.sqlite", students=300, progress=cancel, today=TODAY)
    assert list(tmp_path.iterdir()) == []


def test_tiny_and_empty_demos(tmp_path: Path) -> None:
    empty = create_demo(tmp_path / "zero.sqlite", students=0, today=TODAY)
    assert empty.students == 0 and empty.children == 0 and empty.schools >= 15
    tiny = create_demo(tmp_path / "tiny.sqlite", students=5, today=TODAY)
    assert tiny.students == 5


def test_default_size(tmp_path: Path) -> None:
    summary = create_demo(tmp_path / "default.sqlite")
    assert summary.students == 5000
    assert summary.children > 500
    assert summary.seconds < 60
    db = open_database(summary.path)
    try:
        with db.read_session() as session:
            assert audit.verify_chain(session) is None
            on_file = session.execute(text("SELECT count(*) FROM student WHERE deleted = 0")).scalar_one()
            assert on_file == 5000 + summary.past_students
    finally:
        db.close()


# -- store.bulk.insert_many ---------------------------------------------------------------------------------


@pytest.fixture()
def bulk_db(tmp_path: Path):
    db = open_database(tmp_path / "bulk.sqlite", create=True)
    yield db
    db.close()


def _seq(session) -> int:
    return session.execute(select(LocalState.value).where(LocalState.key == "change_seq")).scalar_one()


def test_insert_many_stamps_rows(bulk_db) -> None:
    with bulk_db.transaction(user="tester", site_id="s" * 32) as session:
        ids = insert_many(
            session, Staff, [{"name": "甲", "role": "教师"}, {"name": "乙", "role": "校长", "id": "x" * 32}]
        )
        assert ids[1] == "x" * 32 and len(ids[0]) == 32
        assert _seq(session) == 2
    with bulk_db.read_session() as session:
        got = session.execute(select(Staff).order_by(Staff.change_seq)).scalars().all()
        assert [s.name for s in got] == ["甲", "乙"]
        assert [s.change_seq for s in got] == [1, 2]
        assert all(s.origin_site_id == "s" * 32 and s.updated_by == "tester" and not s.deleted for s in got)
        assert all(s.updated_at is not None and s.phone is None for s in got)


def test_insert_many_ragged_rows_and_generator(bulk_db) -> None:
    rows_ = ({"name": f"人{i}", "role": "教师", **({"phone": "13800000000"} if i % 3 == 0 else {})} for i in range(50))
    with bulk_db.transaction(user="u") as session:
        ids = insert_many(session, Staff, rows_, chunk_size=7)
        assert len(ids) == len(set(ids)) == 50
    with bulk_db.read_session() as session:
        got = session.execute(select(Staff.name, Staff.phone, Staff.change_seq).order_by(Staff.change_seq)).all()
        assert [g.change_seq for g in got] == list(range(1, 51))
        assert [g.name for g in got] == [f"人{i}" for i in range(50)]
        assert sum(g.phone is not None for g in got) == 17


def test_insert_many_rejects_unknown_columns(bulk_db) -> None:
    with pytest.raises(ValueError), bulk_db.transaction() as session:
        insert_many(session, Staff, [{"name": "甲", "role": "教师", "nonsense": 1}])


def test_insert_many_large_rebuilds_indexes_and_rolls_back(bulk_db) -> None:
    def index_names() -> set[str]:
        with bulk_db.engine.connect() as conn:
            return {
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'staff'"
                )
            }

    before = index_names()
    assert "ix_staff_school_role" in before
    many = [{"name": f"人{i}", "role": "教师", "phone": f"139{i:08d}"} for i in range(25_000)]
    with pytest.raises(RuntimeError), bulk_db.transaction() as session:
        insert_many(session, Staff, many)
        raise RuntimeError("fail after the insert")
    assert index_names() == before
    with bulk_db.read_session() as session:
        assert session.execute(select(func.count()).select_from(Staff)).scalar_one() == 0
    with bulk_db.transaction() as session:
        ids = insert_many(session, Staff, many)
    assert index_names() == before
    with bulk_db.read_session() as session:
        assert session.execute(select(func.count()).select_from(Staff)).scalar_one() == 25_000
        # ids come back in input order, change_seq follows the input order too.
        first = session.execute(select(Staff).where(Staff.id == ids[0])).scalar_one()
        last = session.execute(select(Staff).where(Staff.id == ids[-1])).scalar_one()
        assert (first.name, last.name) == ("人0", "人24999")
        assert last.change_seq - first.change_seq == 24_999
        plan = session.execute(
            text("EXPLAIN QUERY PLAN SELECT id FROM staff WHERE school_id = 'x' AND role = '教师'")
        ).all()
        assert "ix_staff_school_role" in str(plan)
