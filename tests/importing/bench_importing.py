"""Benchmark: parse_file on a generated N-row × 19-column roster vs. a bare python-calamine read.

Run: python -m tests.importing.bench_importing [N] [--keep PATH]   (not collected by pytest)
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from kongchuo_desktop.domain.id_number import check_char

HEADER = [
    "序号", "学校名称", "年级", "班级", "姓名", "性别", "出生日期", "民族", "身份证件类型", "身份证件号", "全国学籍号",
    "户口所在地", "现住址", "监护人姓名", "监护人联系电话", "是否留守儿童", "是否随迁子女", "是否建档立卡贫困户", "就读方式",
]  # fmt: skip


def generate(path: Path, n: int, seed: int = 1) -> None:
    """An .xlsx roster of n distinct, valid pupils with mixed date spellings and grade styles."""
    from openpyxl import Workbook

    rnd = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("学生名册")
    sheet.append(["根河市义务教育阶段学生名册"])
    sheet.append([])
    sheet.append(HEADER)
    schools = ["阿龙山镇中心学校", "得耳布尔镇中心学校", "根河市第一小学", "根河市第二小学", "金河镇中心学校"]
    grades = ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "初一", "初二", "初三", "1", "8", "七年级"]
    peoples = ["汉族", "蒙古族", "回族", "满族", "鄂温克族", "达斡尔族", "鄂伦春族", "蒙古"]
    surnames, given = (
        "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏",
        "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚",
    )
    used: set[str] = set()
    for i in range(n):
        while True:
            birth = dt.date(2011, 1, 1) + dt.timedelta(days=rnd.randrange(3000))
            first17 = f"{rnd.choice(['150785', '150781', '150702', '152223'])}{birth:%Y%m%d}{rnd.randrange(1000):03d}"
            if first17 not in used:
                used.add(first17)
                break
        number = first17 + check_char(first17)
        spelled = [
            birth.isoformat(), f"{birth.year}.{birth.month}.{birth.day}", birth.strftime("%Y%m%d"),
            f"{birth.year}/{birth.month}/{birth.day}", f"{birth.year}年{birth.month}月{birth.day}日", birth,
        ][i % 6]  # fmt: skip
        sheet.append([
            float(i + 1), rnd.choice(schools), rnd.choice(grades), rnd.choice(["1班", "2班", 1.0, 2.0]),
            rnd.choice(surnames) + rnd.choice(given) + rnd.choice(given), "男" if int(number[16]) % 2 else "女",
            spelled, rnd.choice(peoples), "居民身份证", number, "G" + number, "内蒙古自治区呼伦贝尔市根河市",
            f"根河市好里堡街道{rnd.randrange(1, 300)}号", rnd.choice(surnames) + rnd.choice(given),
            f"1{rnd.choice('3589')}{rnd.randrange(10**8, 10**9)}", rnd.choice(["是", "否", "否"]),
            rnd.choice(["是", "否"]), rnd.choice(["是", "否", "否", "否"]), rnd.choice(["走读", "住校"]),
        ])  # fmt: skip
    book.save(path)


def _timed(fn):  # type: ignore[no-untyped-def]
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", nargs="?", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="reuse / keep the generated file here")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    path = args.keep or Path(folder.name) / f"roster{args.rows}.xlsx"
    if not path.exists():
        generate(path, args.rows)

    from python_calamine import CalamineWorkbook

    from kongchuo_desktop.importing import parse_file

    runs = []
    for _ in range(args.repeat):
        rows, cal_wall, cal_cpu = _timed(
            lambda: CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)
        )
        del rows
        parsed, wall, cpu = _timed(lambda: parse_file(path, "roster"))
        runs.append({"calamine_wall": cal_wall, "calamine_cpu": cal_cpu, "parse_wall": wall, "parse_cpu": cpu})
        assert parsed.valid == args.rows, (parsed.valid, parsed.rejected[:3])
        del parsed
    best = {key: round(min(run[key] for run in runs), 3) for key in runs[0]}
    best["ratio_cpu"] = round(best["parse_cpu"] / best["calamine_cpu"], 2)
    best["rows"] = args.rows
    best["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(best, ensure_ascii=False))


if __name__ == "__main__":
    main()
