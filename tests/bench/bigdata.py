"""Build large register databases for the benchmarks (1,000,000 students in about a minute)."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import time
import uuid
from pathlib import Path

from kongchuo_desktop.domain.id_number import check_char
from kongchuo_desktop.domain.pinyin import name_keys
from kongchuo_desktop.services.sites import init_site, school_by_name, township_by_name
from kongchuo_desktop.store.database import open_database
from kongchuo_desktop.store.models import Student
from tests.bench.common import finished, reusable

TOWNSHIPS = ["好里堡街道", "河西街道", "森工街道", "河东街道", "金河镇", "阿龙山镇", "满归镇", "得耳布尔镇", "敖鲁古雅鄂温克族乡"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志宇浩然子涵梓轩欣怡雨彤思远嘉琪佳乐博文晨阳一诺俊熙紫萱若曦天佑"
AREAS = ["150785", "150702", "150781", "152223"]
VERSION = 5  # bump when the generated content or the schema changes


def _id(rng: random.Random) -> str:
    return uuid.UUID(int=rng.getrandbits(128)).hex


def build(path: Path, students: int, seed: int = 1) -> Path:
    """Create (or reuse, when it is already there for the same size/version) a big database."""
    stamp = f"{students}:{seed}:{VERSION}"
    if reusable(path, stamp):
        return path
    started = time.perf_counter()
    rng = random.Random(seed)
    db = open_database(path, create=True)
    init_site(db, "根河市教育局", "bureau")
    schools: list[tuple[str, str]] = []
    with db.transaction(user="bench") as session:
        for t_no, tname in enumerate(TOWNSHIPS):
            town = township_by_name(session, tname, create=True)
            for kind in ("中心小学", "中学"):
                school = school_by_name(session, f"{tname}第{t_no + 1}{kind}", township=town, create=True)
                schools.append((school.id, town.id))
        site_id = db.extra["site_id"]
    db.close()
    cols = [c.name for c in Student.__table__.columns]
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    sql = f"INSERT INTO student ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"

    keys_cache: dict[str, tuple[str, str]] = {}
    now = dt.datetime(2026, 9, 1).isoformat(sep=" ")
    base_day = dt.date(2011, 9, 1)
    batch: list[tuple[object, ...]] = []
    for i in range(students):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
        keys = keys_cache.get(name)
        if keys is None:
            keys = keys_cache[name] = name_keys(name)
        day_no, serial = divmod(i, len(AREAS) * 250)
        area = AREAS[serial % len(AREAS)]
        birth = base_day + dt.timedelta(days=day_no % 3300)
        seq = (serial // len(AREAS)) * 2 + (i // 3300 % 2)
        male = seq % 2 == 1
        first17 = f"{area}{birth:%Y%m%d}{seq % 1000:03d}"
        idn = first17 + check_char(first17)
        school_id, town_id = schools[i % len(schools)]
        grade = max(1, min(9, 2026 - birth.year - 6 + (1 if birth.month <= 8 else 0)))
        row = {
            "id": _id(rng), "name": name, "name_pinyin": keys[0], "name_initials": keys[1],
            "sex": "男" if male else "女", "birth_date": birth.isoformat(), "ethnicity_code": "01",
            "id_type": "居民身份证", "id_number": idn, "student_no": "G" + idn, "hukou_address": None,
            "hukou_nature": None, "hukou_township_id": town_id, "current_address": None, "school_id": school_id,
            "township_id": town_id, "grade": grade, "class_no": rng.randint(1, 6), "enrolled_on": None,
            "boarding": rng.random() < 0.1, "status": "在读" if rng.random() < 0.97 else rng.choice(["休学", "转出", "辍学"]),
            "left_behind": rng.choice(["单亲外出", "双亲外出"]) if rng.random() < 0.08 else "无",
            "migrant": rng.random() < 0.05, "disability_type": "肢体" if rng.random() < 0.01 else None,
            "disability_arrangement": None, "poverty": rng.random() < 0.06, "low_income": rng.random() < 0.04,
            "orphan": rng.random() < 0.005, "guardian_teacher_id": None, "note": None,
            "origin_site_id": site_id, "change_seq": i + 100, "updated_at": now, "updated_by": "bench", "deleted": False,
            "born_hlc": 0, "clocks": None,
        }  # fmt: skip
        batch.append(tuple(row[c] for c in cols))
        if len(batch) >= 50_000:
            conn.executemany(sql, batch)
            batch.clear()
    if batch:
        conn.executemany(sql, batch)
    conn.execute("UPDATE local_state SET value = ? WHERE key = 'change_seq'", (students + 100,))
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    finished(path, stamp)
    print(f"generated {students:,} students in {time.perf_counter() - started:.1f} s → {path}")
    return path
