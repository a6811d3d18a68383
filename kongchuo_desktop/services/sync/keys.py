"""This site's signing (Ed25519) and encryption (X25519) keys, and the fingerprint people compare.

The private keys live in the local table sync_site_key and never leave the database: cards,
packages and receipts carry public keys only. They are made on first use.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from kongchuo_desktop.store.models import SiteKey

_RAW = {"encoding": serialization.Encoding.Raw, "format": serialization.PublicFormat.Raw}
_RAW_PRIVATE = {
    "encoding": serialization.Encoding.Raw,
    "format": serialization.PrivateFormat.Raw,
    "encryption_algorithm": serialization.NoEncryption(),
}


@dataclass(frozen=True)
class SiteKeys:
    """The private keys of this site."""

    sign: Ed25519PrivateKey
    box: X25519PrivateKey

    @property
    def sign_public(self) -> bytes:
        """Raw 32-byte Ed25519 public key."""
        return self.sign.public_key().public_bytes(**_RAW)

    @property
    def box_public(self) -> bytes:
        """Raw 32-byte X25519 public key."""
        return self.box.public_key().public_bytes(**_RAW)


def site_keys(session: Session, site_id: str) -> SiteKeys:
    """This site's keys, made and stored (in the caller's transaction) when there are none yet."""
    row = session.execute(select(SiteKey).where(SiteKey.site_id == site_id)).scalar_one_or_none()
    if row is None:
        sign, box = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
        session.add(SiteKey(site_id=site_id, sign_private=sign.private_bytes(**_RAW_PRIVATE),
                            box_private=box.private_bytes(**_RAW_PRIVATE)))  # fmt: skip
        session.flush()
        return SiteKeys(sign, box)
    return SiteKeys(
        Ed25519PrivateKey.from_private_bytes(row.sign_private), X25519PrivateKey.from_private_bytes(row.box_private)
    )


def verify_key(raw: bytes) -> Ed25519PublicKey:
    """An Ed25519 public key from its raw bytes."""
    return Ed25519PublicKey.from_public_bytes(raw)


def box_key(raw: bytes) -> X25519PublicKey:
    """An X25519 public key from its raw bytes."""
    return X25519PublicKey.from_public_bytes(raw)


def fingerprint(sign_public: bytes, box_public: bytes) -> str:
    """Six groups of four base32 characters of SHA-256 over both public keys (read out by phone)."""
    digest = hashlib.sha256(b"kongchuo-site\0" + sign_public + box_public).digest()
    text = base64.b32encode(digest[:15]).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, 24, 4))
