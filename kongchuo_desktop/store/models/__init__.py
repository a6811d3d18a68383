"""All ORM models, importable from one place."""

from kongchuo_desktop.store.base import Base
from kongchuo_desktop.store.models.accounts import UserAccount
from kongchuo_desktop.store.models.cases import (
    Absence,
    CalendarDay,
    Case,
    CaseEvent,
    CaseNotice,
    Referral,
    SchoolCalendar,
    Visit,
)
from kongchuo_desktop.store.models.imports import HeaderMapping, ImportBatch
from kongchuo_desktop.store.models.letters import Letter, LetterTemplate
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
from kongchuo_desktop.store.models.sync import SiteKey, SyncConflict, SyncPackageLog, SyncPeer, SyncScopeMove

__all__ = [
    "Absence",
    "CalendarDay",
    "Case",
    "CaseEvent",
    "CaseNotice",
    "Referral",
    "SchoolCalendar",
    "Visit",
    "Attachment",
    "AttachmentBlob",
    "AuditEntry",
    "Base",
    "Child",
    "Guardian",
    "HeaderMapping",
    "ImportBatch",
    "Letter",
    "LetterTemplate",
    "LocalState",
    "School",
    "SchoolClass",
    "Setting",
    "Site",
    "Staff",
    "StatusChange",
    "SiteKey",
    "Student",
    "SyncConflict",
    "SyncPackageLog",
    "SyncPeer",
    "SyncScopeMove",
    "Township",
    "UserAccount",
]
