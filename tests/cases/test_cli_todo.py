"""`kongchuo todo`: the to-do list on the command line."""

from __future__ import annotations

import datetime as dt
import json

from kongchuo_desktop.cli.main import main
from kongchuo_desktop.services import absences
from kongchuo_desktop.store.database import Database
from tests.cases.conftest import ADMIN, World


def test_todo_command(cdb: Database, world: World, capsys) -> None:  # type: ignore[no-untyped-def]
    absences.record_absence(cdb, ADMIN, world.a, dt.date(2025, 10, 9))
    path = str(cdb.path)
    cdb.close()
    assert main(["todo", "--db", path, "--today", "2025-10-14", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["cases"] == 1 and out["groups"]["visits_overdue"]["items"][0]["name"] == "温柳"
    assert main(["todo", "--db", path, "--today", "2025-10-14"]) == 0
    assert "已逾期的走访：1" in capsys.readouterr().out
    assert main(["todo", "--db", path, "--today", "14/10/2025"]) == 2
    assert "格式不对" in capsys.readouterr().err
