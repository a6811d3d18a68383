"""Use cases shared by the GUI and the CLI; they validate, enforce scope and write the audit log."""
