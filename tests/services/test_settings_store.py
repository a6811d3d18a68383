"""The two settings records (控辍预警规则, 指标统计口径) through the shared settings store: stored values
that no longer make sense fall back to defaults, a save that changes nothing writes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.domain import indicators as ind
from kongchuo_desktop.services import case_settings, indicator_settings
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ValidationError
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.local import get_setting, put_setting
from kongchuo_desktop.store.models import AuditEntry

ADMIN = Actor(user="admin", display_name="管理员")


def _store(db: Database, key: str, value: object) -> None:
    with db.transaction(user="test") as session:
        put_setting(session, key, value)


def _audit_count(db: Database, key: str) -> int:
    with db.read_session() as session:
        return session.execute(select(func.count()).where(AuditEntry.entity_id == key)).scalar_one()


def test_rules_fall_back_to_defaults_as_a_whole(township_db: Database) -> None:
    # one bad value (out of order 三访) and the whole record is ignored: the rules hang together
    _store(township_db, case_settings.RULES_KEY, {"teacher_visit_day": 5, "principal_visit_day": 2})
    assert case_settings.get_rules(township_db, ADMIN) == esc.EscalationRules()
    _store(township_db, case_settings.RULES_KEY, ["not", "a", "record"])
    assert case_settings.get_rules(township_db, ADMIN) == esc.EscalationRules()
    _store(township_db, case_settings.RULES_KEY, {"stale_days": 20})
    assert case_settings.get_rules(township_db, ADMIN).stale_days == 20


def test_definitions_fall_back_name_by_name(township_db: Database) -> None:
    _store(township_db, indicator_settings.DEFINITIONS_KEY, {"age_window": "7-12", "deaths_excluded": False, "x": 1})
    defs = indicator_settings.get_definitions(township_db, ADMIN)
    assert defs == ind.Definitions(deaths_excluded=False)
    _store(township_db, indicator_settings.DEFINITIONS_KEY, "garbage")
    assert indicator_settings.get_definitions(township_db, ADMIN) == ind.Definitions()


def test_a_save_stores_the_whole_record_and_audits_only_changes(township_db: Database) -> None:
    key = case_settings.RULES_KEY
    case_settings.save_rules(township_db, ADMIN, {"stale_days": 21})
    with township_db.read_session() as session:
        assert get_setting(session, key) == {**esc.EscalationRules().as_dict(), "stale_days": 21}
    assert _audit_count(township_db, key) == 1
    case_settings.save_rules(township_db, ADMIN, {"stale_days": 21})  # no change: nothing written
    assert _audit_count(township_db, key) == 1
    with pytest.raises(ValidationError, match="未知的设置项"):
        case_settings.save_rules(township_db, ADMIN, {"stale_days": 22, "nonsense": 1})
    assert case_settings.get_rules(township_db, ADMIN).stale_days == 21
    assert _audit_count(township_db, key) == 1

    key = indicator_settings.DEFINITIONS_KEY
    defs = indicator_settings.save_definitions(township_db, ADMIN, {"age_window": "6-15"})
    assert defs.age_window == "6-15"
    with township_db.read_session() as session:
        assert get_setting(session, key) == {**ind.Definitions().as_dict(), "age_window": "6-15"}
    indicator_settings.save_definitions(township_db, ADMIN, {"age_window": "6-15"})
    assert _audit_count(township_db, key) == 1
