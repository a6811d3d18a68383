"""The 疑似辍学, 辍学 and 家访 ledgers filled from the casework (plugged into services.ledgers)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from kongchuo_desktop.services import absences, cases, clock, visits
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.store.database import Database
from tests.cases.conftest import World

ledgers = pytest.importorskip("kongchuo_desktop.services.ledgers")
D = dt.date


@pytest.fixture
def plugged() -> Iterator[None]:
    """The case providers registered, and the registry restored afterwards."""
    from kongchuo_desktop.services.case_ledgers import register_case_ledgers

    saved = dict(ledgers.LEDGERS)
    register_case_ledgers()
    register_case_ledgers()  # idempotent
    yield
    ledgers.LEDGERS.clear()
    ledgers.LEDGERS.update(saved)


def read(path) -> list[list[object]]:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True).worksheets[0]
    return [[c for c in row] for row in sheet.iter_rows(values_only=True)]


def test_ledgers_fill_from_cases(
    plugged: None, cdb: Database, world: World, actors: dict[str, Actor], monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    town = actors["township"]
    monkeypatch.setattr(clock, "today", lambda: D(2025, 10, 20))
    a = absences.record_absence(cdb, town, world.a, D(2025, 10, 9)).case_id
    b = absences.record_absence(cdb, town, world.b, D(2025, 10, 17)).case_id  # day 2: not yet suspected
    for day, round_ in ((D(2025, 10, 9), "一访"), (D(2025, 10, 10), "二访")):
        visits.record_visit(cdb, town, a, visits.VisitInput(
            dt.datetime.combine(day, dt.time(17)), round_, "家访", (visits.Participant("李明", "班主任"),), "",
            "母亲", "家庭经济困难", "犹豫观望", "拒绝", next_step="请村委会一起做工作"))  # fmt: skip
    cases.add_referral(cdb, town, a, cases.ReferralInput("民政", D(2025, 10, 20), "申请临时救助"))
    suspected = read(ledgers.export_ledger(cdb, town, "suspected", tmp_path / "s.xlsx", today=D(2025, 10, 20)).path)
    text = "\n".join(" ".join(str(c) for c in row if c is not None) for row in suspected)
    assert "温柳" in text and "李强" not in text
    assert "2025-10-09起无故缺课" in text and "家庭经济困难" in text and "已转介民政（待答复）" in text
    assert "学校：孙强、李明" in text and "已走访2次" in text
    visits_sheet = read(ledgers.export_ledger(cdb, town, "visits", tmp_path / "v.xlsx", today=D(2025, 10, 20)).path)
    body = "\n".join(" ".join(str(c) for c in row if c is not None) for row in visits_sheet)
    assert body.count("温柳") == 2 and "一访（家访）" in body and "请村委会一起做工作" in body
    cases.confirm_dropout(cdb, town, a, D(2025, 10, 20), "家庭困难，劝返无效")
    dropouts = read(ledgers.export_ledger(cdb, town, "dropouts", tmp_path / "d.xlsx", today=D(2025, 10, 20)).path)
    body = "\n".join(" ".join(str(c) for c in row if c is not None) for row in dropouts)
    assert "温柳" in body and "家庭困难，劝返无效" in body and "已走访2次" in body
    assert b
