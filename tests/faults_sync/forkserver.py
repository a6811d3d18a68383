"""The fork server of tests/faults (one forked child per `kongchuo` command), with the sync modules
and the cryptography library imported once before any fork. Run as `python -m tests.faults_sync.forkserver`."""

from __future__ import annotations

import kongchuo_desktop.cli.commands.check  # noqa: F401
import kongchuo_desktop.cli.commands.sync  # noqa: F401
import kongchuo_desktop.services.sync  # noqa: F401
import kongchuo_desktop.store.integrity  # noqa: F401
from tests.faults.forkserver import serve

if __name__ == "__main__":
    serve()
