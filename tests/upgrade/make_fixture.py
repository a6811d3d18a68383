"""Make an upgrade fixture: a small demo database at the schema of the code that runs this script, plus
its manifest (schema heads, row counts and a content hash per table) — see fixtures/README.md.

Run from a checkout of the release whose schema the fixture should hold, e.g. for git HEAD:
    git worktree add --detach /tmp/kc-head HEAD
    cd /tmp/kc-head && PYTHONPATH=/tmp/kc-head python tests/upgrade/make_fixture.py OUT_DIR
(the checkout's own kongchuo_desktop must be the one imported: check the printed path).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.upgrade.manifest import describe  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path, help="folder for <heads>.sqlite and <heads>.json")
    parser.add_argument("--students", type=int, default=120)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()

    import kongchuo_desktop
    from kongchuo_desktop.services.demo import create_demo
    from kongchuo_desktop.store import migrate

    print("code:", Path(kongchuo_desktop.__file__).parent)
    heads = "+".join(sorted(migrate.head_revisions()))
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"schema-{heads}.sqlite"
    path.unlink(missing_ok=True)
    create_demo(path, students=args.students, seed=args.seed, today=dt.date(2026, 10, 15))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("VACUUM")
    conn.close()
    for suffix in ("-wal", "-shm", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    manifest = describe(path)
    manifest["made_with"] = {
        "script": "tests/upgrade/make_fixture.py",
        "students": args.students,
        "seed": args.seed,
        "today": "2026-10-15",
        "app_version": kongchuo_desktop.__version__,
    }
    path.with_suffix(".json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{path} ({path.stat().st_size / 1024:.0f} KB), heads {manifest['revisions']}")


if __name__ == "__main__":
    main()
