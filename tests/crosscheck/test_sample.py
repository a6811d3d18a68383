"""The cross-check on the sample files: exactly the expected lists for 2026–2027 (cut-off 08-31)."""

from __future__ import annotations

import json

import pytest

from kongchuo_desktop.services import crosscheck as cc
from kongchuo_desktop.services.actor import SYSTEM
from kongchuo_desktop.store.database import Database
from tests.crosscheck.kit import SAMPLE_EXPECTED


def ids(result: cc.CrosscheckResult, key: str) -> list[str]:
    return sorted(f.id_number or "" for f in result.lists[key])


def test_sample_lists_exactly(sample_db: Database) -> None:
    expected = json.loads(SAMPLE_EXPECTED.read_text(encoding="utf-8"))
    result = cc.run_crosscheck(sample_db, SYSTEM, expected["school_year"])
    assert result.cutoff_text == expected["age_cutoff"]
    assert result.townships == (expected["township"],)
    for key in ("not_enrolled", "missing_from_children", "not_school_age"):
        assert ids(result, key) == sorted(expected[key]), key
    assert result.lists["elsewhere_no_proof"] == ()
    assert result.lists["age_grade"] == ()
    assert result.lists["duplicate_person"] == ()
    assert (result.children, result.students) == (153, 145)
    assert result.warnings == ()


def test_sample_findings_explain_themselves(sample_db: Database) -> None:
    result = cc.run_crosscheck(sample_db, SYSTEM, "2026—2027学年")
    assert result.school_year == "2026-2027"
    by_id = {f.id_number: f for key in cc.ALL_LISTS for f in result.lists[key]}
    baby = by_id["150702202106305363"]  # born 2021-06-30: 5 on 31 August 2026
    assert baby.list_key == "not_school_age" and baby.age == 5 and "未满6周岁" in baby.detail
    old = by_id["152223200905176833"]
    assert old.age == 17 and "已满16周岁" in old.detail
    pupil = by_id["150702201504165533"]  # on the roster, not on the police list
    assert pupil.record == "student" and pupil.school == "得耳布尔镇中心学校" and pupil.grade == 6
    assert "得耳布尔镇" in (pupil.address or "") and "户籍在得耳布尔镇" in pupil.detail
    child = by_id["150785201607073755"]
    assert child.record == "child" and child.situation == "本地在校" and "查不到在读学籍" in child.detail


def test_fifteen_year_olds_are_of_school_age(sample_db: Database) -> None:
    """Born before the cut-off in 2011: 15 on 31 August 2026 — inside the window (they are on the roster)."""
    result = cc.run_crosscheck(sample_db, SYSTEM, "2026-2027")
    listed = {f.id_number for key in cc.ALL_LISTS for f in result.lists[key]}
    assert "150702201105243434" not in listed  # 初三, born 2011-05-24


def test_json_shape(sample_db: Database) -> None:
    data = cc.run_crosscheck(sample_db, SYSTEM, "2026-2027").as_dict()
    for key in (*cc.LISTS, "not_school_age"):
        assert isinstance(data[key], list)
        for entry in data[key]:
            assert entry["id_number"] and entry["name"]
    assert data["counts"]["not_enrolled"] == 12 and data["age_cutoff"] == "08-31"
    json.dumps(data, ensure_ascii=False)


def test_other_year_moves_the_window(sample_db: Database) -> None:
    """A year later the 2021 births come of age (and have no 学籍) while the early 2011 births turn 16."""
    result = cc.run_crosscheck(sample_db, SYSTEM, "2027-2028")
    assert "150702202106305363" in ids(result, "not_enrolled")  # 6 on 31 August 2027
    assert "150702202106305363" not in ids(result, "not_school_age")
    assert "150702201105243434" in ids(result, "not_school_age")  # 16 on 31 August 2027


def test_sample_through_the_importer(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The same lists when the files come in through `kongchuo import` (which also links children to pupils)."""
    roster_import = pytest.importorskip("kongchuo_desktop.services.roster_import")
    from kongchuo_desktop.services.sites import init_site
    from kongchuo_desktop.store.database import open_database
    from tests.crosscheck.kit import SAMPLE_CHILDREN, SAMPLE_ROSTER, SAMPLE_TOWNSHIP

    expected = json.loads(SAMPLE_EXPECTED.read_text(encoding="utf-8"))
    db = open_database(tmp_path / "imported.sqlite", create=True)
    try:
        init_site(db, "得耳布尔镇教育办", "township", township=SAMPLE_TOWNSHIP)
        for path, kind in ((SAMPLE_ROSTER, "roster"), (SAMPLE_CHILDREN, "children")):
            preview = roster_import.preview_import(db, SYSTEM, path, kind)
            assert roster_import.apply_import(db, SYSTEM, preview, backup=False).rejected == []
        result = cc.run_crosscheck(db, SYSTEM, expected["school_year"])
    finally:
        db.close()
    for key in ("not_enrolled", "missing_from_children", "not_school_age"):
        assert ids(result, key) == sorted(expected[key]), key
