"""Who is acting: the logged-in person, their role and the scope they may see and change."""

from __future__ import annotations

from dataclasses import dataclass

from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.errors import PermissionDenied

ClassKey = tuple[int, int]


@dataclass(frozen=True)
class Actor:
    """The acting user.

    user: login name (recorded as updated_by and in the audit log); display_name: shown in the UI;
    role: 管理员 | 教育局 | 乡镇 | 校长 | 教师 (services.permissions); township_id / school_id: the
    scope (None = whole site); classes: (grade, class_no) pairs a teacher is limited to (empty =
    the whole school); account_id: the UserAccount logged in (None for built-in actors);
    demo: acting in demo mode.
    """

    user: str
    display_name: str
    role: str = perms.ADMIN
    township_id: str | None = None
    school_id: str | None = None
    classes: tuple[ClassKey, ...] = ()
    account_id: str | None = None
    demo: bool = False

    # --- what the role may do ----------------------------------------------------------------
    def can(self, permission: str) -> bool:
        """Whether the role holds `permission`."""
        return perms.allowed(self.role, permission)

    def require(self, permission: str) -> None:
        """Raise PermissionDenied (with a Chinese sentence) unless the role holds `permission`."""
        if not self.can(permission):
            raise PermissionDenied(perms.denied_message(self.role, permission))

    # --- where the actor may do it -----------------------------------------------------------
    @property
    def whole_site(self) -> bool:
        """True when the scope is not limited to a township, school or classes."""
        return self.school_id is None and self.township_id is None and not self.classes

    def can_see_school(self, school_id: str | None, township_id: str | None) -> bool:
        """Whether a record of this school/township is inside the actor's scope."""
        if self.school_id is not None:
            return school_id == self.school_id
        if self.township_id is not None:
            return township_id == self.township_id
        return True

    def require_school(self, school_id: str | None, township_id: str | None) -> None:
        """Raise PermissionDenied unless the school/township is in scope."""
        if not self.can_see_school(school_id, township_id):
            raise PermissionDenied("您没有权限查看或修改其他学校（乡镇）的学生。")

    def can_see_student(
        self, school_id: str | None, township_id: str | None, grade: int | None, class_no: int | None
    ) -> bool:
        """Whether a pupil of this school/township and class is inside the actor's scope."""
        if not self.can_see_school(school_id, township_id):
            return False
        return not self.classes or (grade, class_no) in self.classes

    def require_student(
        self, school_id: str | None, township_id: str | None, grade: int | None, class_no: int | None
    ) -> None:
        """Raise PermissionDenied unless the pupil is in scope (school, township and classes)."""
        self.require_school(school_id, township_id)
        if self.classes and (grade, class_no) not in self.classes:
            raise PermissionDenied("您只能查看或修改自己所带班级的学生。")

    @property
    def scope_label(self) -> str:
        """The scope in words, for the title bar and account lists (names filled in by callers)."""
        if self.classes:
            return "、".join(f"{g}年级{c}班" for g, c in self.classes)
        if self.school_id is not None:
            return "本校"
        if self.township_id is not None:
            return "本乡镇"
        return "全站点"


SYSTEM = Actor(user="system", display_name="系统")
DEMO_ADMIN = Actor(user="demo", display_name="演示管理员", demo=True)
