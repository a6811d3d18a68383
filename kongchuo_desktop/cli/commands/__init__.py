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
    restore,
    self_test,
    todo,
)

ALL = [demo, init, account, backup, restore, check, letters, crosscheck, export, import_, todo, self_test]
