"""Password hashing (argon2id) and the password rules; passwords are never stored or logged.

Cost: argon2id with time_cost=2, memory_cost=19 MiB, parallelism=1 — the OWASP minimum for
argon2id. It takes roughly 30–80 ms on the old 2-core laptops of township offices, which a person
logging in does not notice, while still costing an attacker who copies the database file real
memory per guess. The RFC 9106 "first choice" (2 GiB) and even 64 MiB/t=3 would make login stall
or fail on 4 GB machines that are also running Excel.

Tests and demos set KONGCHUO_ARGON2_PROFILE=test for a cheap parameter set (1 MiB, t=1). A hash
records the parameters it was made with, so verification works whatever the profile, and hashes
made with weaker parameters are upgraded at the next successful login (`needs_rehash`).
"""

from __future__ import annotations

import os
import unicodedata
from functools import lru_cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

PROFILES = {
    "default": {"time_cost": 2, "memory_cost": 19 * 1024, "parallelism": 1},
    "test": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1},
}
MIN_LENGTH = 6
MAX_LENGTH = 128


@lru_cache(maxsize=4)
def _hasher(profile: str) -> PasswordHasher:
    params = PROFILES.get(profile, PROFILES["default"])
    return PasswordHasher(type=Type.ID, hash_len=32, salt_len=16, **params)


def hasher() -> PasswordHasher:
    """The hasher for the current profile (KONGCHUO_ARGON2_PROFILE, default "default")."""
    return _hasher(os.environ.get("KONGCHUO_ARGON2_PROFILE", "default"))


def _prepare(password: str) -> str:
    # The same password typed with full-width characters or another IME form still matches.
    return unicodedata.normalize("NFKC", password)


def hash_password(password: str) -> str:
    """An argon2id hash string for `password` (random salt)."""
    return hasher().hash(_prepare(password))


def verify_password(stored_hash: str, password: str) -> bool:
    """True when `password` matches `stored_hash`; False for a mismatch or an unreadable hash."""
    try:
        return bool(hasher().verify(stored_hash, _prepare(password)))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with other parameters than the current profile's."""
    try:
        return bool(hasher().check_needs_rehash(stored_hash))
    except InvalidHashError:
        return True


def password_problem(password: str, login_name: str | None = None) -> str | None:
    """Why a new password is not acceptable (Chinese), or None.

    Rules are deliberately modest (6+ characters, not the login name, not one repeated
    character): five wrong tries lock the account, which is what stops guessing at the office.
    """
    pw = _prepare(password or "")
    if len(pw) < MIN_LENGTH:
        return f"密码至少需要 {MIN_LENGTH} 个字符"
    if len(pw) > MAX_LENGTH:
        return f"密码不能超过 {MAX_LENGTH} 个字符"
    if len(set(pw)) == 1:
        return "密码不能全是同一个字符"
    if login_name and pw.casefold() == _prepare(login_name).strip().casefold():
        return "密码不能与用户名相同"
    if any(unicodedata.category(ch) == "Cc" for ch in pw):
        return "密码中不能有控制字符"
    return None
