"""Details go to a rotating log file in the data folder, so the log cannot grow without bound."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from kongchuo_desktop.cli.main import setup_logging
from kongchuo_desktop.paths import log_dir


def test_log_file_rotates_in_the_data_folder() -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    setup_logging()
    added = [h for h in root.handlers if h not in before]
    try:
        assert len(added) == 1 and isinstance(added[0], RotatingFileHandler)
        handler = added[0]
        assert handler.baseFilename == str(log_dir() / "kongchuo.log")
        assert handler.maxBytes == 1_000_000 and handler.backupCount == 5
        logging.getLogger("kongchuo.test").warning("测试日志")
        handler.flush()
        assert "测试日志" in (log_dir() / "kongchuo.log").read_text(encoding="utf-8")
    finally:
        for handler in added:
            root.removeHandler(handler)
            handler.close()
