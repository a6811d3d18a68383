"""Errors services raise; str() is a Chinese sentence fit to show the user."""

from __future__ import annotations


class ServiceError(Exception):
    """Base of errors a user can act on."""


class ValidationError(ServiceError):
    """Input refused; `problems` maps field name → Chinese message."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("；".join(problems.values()))


class NotFoundError(ServiceError):
    """The record does not exist (or was deleted)."""


class PermissionDenied(ServiceError):
    """The actor may not do this, or not to this record."""
