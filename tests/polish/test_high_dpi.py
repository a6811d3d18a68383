"""High DPI: at 150 % the window is drawn at 1.5 device pixels per point (not rounded up to 2) and crisp."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import json, sys
from pathlib import Path
from kongchuo_desktop.gui.app import create_application
app = create_application()
from PySide6.QtGui import QGuiApplication
from kongchuo_desktop.gui.main_window import MainWindow
from kongchuo_desktop.services.actor import DEMO_ADMIN
from kongchuo_desktop.services.sites import site_info
from kongchuo_desktop.store.database import open_database
db = open_database(Path(sys.argv[1]))
window = MainWindow(db, site_info(db), DEMO_ADMIN, demo=True)
window.resize(1280, 720)
window.show()
app.processEvents()
shot = window.grab()
shot.save(sys.argv[2])
icon = window.nav.item(0).icon().pixmap(window.nav.iconSize())
print(json.dumps({
    "policy": QGuiApplication.highDpiScaleFactorRoundingPolicy().name,
    "ratio": shot.devicePixelRatio(),
    "pixels": [shot.width(), shot.height()],
    "points": [window.width(), window.height()],
    "icon_pixels": icon.width(),
}))
db.close()
"""


def test_window_at_150_percent(tmp_path, polish_template):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="1.5", KONGCHUO_DATA_DIR=str(tmp_path))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    shot = tmp_path / "window.png"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(polish_template), str(shot)],
        env=env, capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["policy"] == "PassThrough"
    assert seen["ratio"] == 1.5  # Round would make it 2 and everything a third larger
    assert seen["pixels"] == [round(p * 1.5) for p in seen["points"]]
    assert seen["icon_pixels"] == 30  # the nav icons are drawn for 20 × 1.5 pixels, not scaled up
    assert shot.stat().st_size > 10_000
