"""One module per subcommand; each has register(subparsers) -> parser and run(args) -> exit code."""

from kongchuo_desktop.cli.commands import (
    account,
    backup,
    check,
    crosscheck,
    demo,
    export,
    import_,
    init,
    letters,
    report,
    restore,
    self_test,
    sync,
    todo,
)

ALL = [demo, init, account, backup, restore, check, letters, crosscheck, export, import_, report, todo, self_test, sync]
