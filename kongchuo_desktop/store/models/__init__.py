"""All ORM models, importable from one place."""

from kongchuo_desktop.store.base import Base
from kongchuo_desktop.store.models.organisation import School, SchoolClass, Site, Staff, Township
from kongchuo_desktop.store.models.people import Child, Guardian, Student
from kongchuo_desktop.store.models.records import (
    Attachment,
    AttachmentBlob,
    AuditEntry,
    LocalState,
    Setting,
    StatusChange,
)

__all__ = [
    "Attachment",
    "AttachmentBlob",
    "AuditEntry",
    "Base",
    "Child",
    "Guardian",
    "LocalState",
    "School",
    "SchoolClass",
    "Setting",
    "Site",
    "Staff",
    "StatusChange",
    "Student",
    "Township",
]
