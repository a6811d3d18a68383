"""The file format of packages and receipts: a clear header, an encrypted body, one signature.

Layout: MAGIC (8 bytes) · header length (4 bytes, big-endian) · header (UTF-8 JSON: format, kind,
sender, sender name, recipient, number, the ephemeral public key and the nonce) · ciphertext ·
Ed25519 signature (64 bytes) of everything before it by the sender.

The body is zlib-compressed, then encrypted for the recipient: an ephemeral X25519 key agreed
with the recipient's public key, HKDF-SHA256 → a 256-bit key, AES-GCM with the magic and header
as associated data. A flipped or missing byte anywhere fails the signature check (or, if the
signature itself was made over a changed file, the decryption).
"""

from __future__ import annotations

import base64
import json
import os
import struct
import zlib
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kongchuo_desktop.services.sync.errors import SyncError
from kongchuo_desktop.services.sync.keys import SiteKeys, box_key, verify_key

MAGIC = b"KCSYNC\x00\x01"
FORMAT = 1
SIGNATURE_SIZE = 64
_INFO = b"kongchuo sync body v1"
LEVEL = 1
"""zlib level: 1 packs a full package about as small as 6 (rows repeat a lot) in a third of the time."""
NOT_OURS = "这个文件不是同步包或回执，或者已经损坏（文件头无法识别）"


@dataclass(frozen=True)
class Envelope:
    """A parsed file: its header and the parts the checks need."""

    header: dict[str, Any]
    signed: bytes
    signature: bytes
    ciphertext: bytes
    aad: bytes


def seal(keys: SiteKeys, recipient_box_public: bytes, header: dict[str, Any], body: bytes) -> bytes:
    """Compress, encrypt for the recipient and sign: the bytes of the file."""
    return seal_packed(keys, recipient_box_public, header, zlib.compress(body, LEVEL))


def compressor() -> Any:
    """A zlib stream for a body too big to hold as one text (export writes a package table by table)."""
    return zlib.compressobj(LEVEL)


def seal_packed(keys: SiteKeys, recipient_box_public: bytes, header: dict[str, Any], packed: bytes) -> bytes:
    """Encrypt an already compressed body for the recipient and sign: the bytes of the file."""
    ephemeral = X25519PrivateKey.generate()
    nonce = os.urandom(12)
    full = {**header, "format": FORMAT, "epk": _b64(ephemeral.public_key().public_bytes_raw()), "nonce": _b64(nonce)}
    head = json.dumps(full, ensure_ascii=False, sort_keys=True).encode("utf-8")
    aad = MAGIC + struct.pack(">I", len(head)) + head
    key = _derive(ephemeral.exchange(box_key(recipient_box_public)))
    ciphertext = AESGCM(key).encrypt(nonce, packed, aad)
    signed = aad + ciphertext
    return signed + keys.sign.sign(signed)


def parse(data: bytes) -> Envelope:
    """Split a file into its parts (no check of signature or content yet)."""
    if len(data) < len(MAGIC) + 4 + SIGNATURE_SIZE or not data.startswith(MAGIC):
        raise SyncError(NOT_OURS)
    (size,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
    start = len(MAGIC) + 4
    if start + size + SIGNATURE_SIZE > len(data):
        raise SyncError("文件不完整（可能在复制时被截断），请重新复制一份")
    try:
        header = json.loads(data[start : start + size].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise SyncError(NOT_OURS) from None
    if not isinstance(header, dict) or not {"kind", "sender", "recipient", "number", "epk", "nonce"} <= header.keys():
        raise SyncError(NOT_OURS)
    if not all(isinstance(header[k], str) for k in ("kind", "sender", "recipient", "epk", "nonce")) or not (
        type(header["number"]) is int and 0 < header["number"] < 2**63
    ):
        raise SyncError(NOT_OURS)
    if header.get("format") != FORMAT:
        raise SyncError(f"同步文件格式版本 {header.get('format')} 无法识别，请升级软件")
    aad = data[: start + size]
    return Envelope(header, data[:-SIGNATURE_SIZE], data[-SIGNATURE_SIZE:], data[start + size : -SIGNATURE_SIZE], aad)


def check_signature(env: Envelope, sender_sign_public: bytes) -> None:
    """Raise SyncError unless the sender's key signed the file as it is."""
    try:
        verify_key(sender_sign_public).verify(env.signature, env.signed)
    except InvalidSignature:
        raise SyncError("签名验证失败：文件在传递中被改动过，或不是由该站点生成的，已拒绝导入") from None


MAX_RATIO = 200
"""A body may inflate to at most this many times its packed size (JSON rows pack 5–15×)…"""
MIN_BODY_LIMIT = 64 << 20
"""…but small bodies may always reach 64 MiB…"""
MAX_BODY_BYTES = 4 << 30
"""…and no body beyond 4 GiB (a whole city's register is far below that)."""


def open_body(env: Envelope, keys: SiteKeys) -> bytes:
    """Decrypt and decompress the body (after check_signature)."""
    try:
        epk = box_key(base64.b64decode(env.header["epk"]))
        key = _derive(keys.box.exchange(epk))
        packed = AESGCM(key).decrypt(base64.b64decode(env.header["nonce"]), env.ciphertext, env.aad)
    except (InvalidTag, ValueError):
        raise SyncError("无法解密：这个文件不是用本站点的密钥加密的，或已经损坏") from None
    return inflate(packed)


def body_limit(packed_size: int) -> int:
    """The most a body may inflate to: rows of JSON pack 5–15×, a decompression bomb thousands×."""
    return min(MAX_BODY_BYTES, max(MIN_BODY_LIMIT, packed_size * MAX_RATIO))


def inflate(packed: bytes) -> bytes:
    """Decompress a body, refusing one that would inflate beyond body_limit (a decompression bomb)."""
    limit = body_limit(len(packed))
    stream = zlib.decompressobj()
    try:
        body = stream.decompress(packed, limit)
        if stream.unconsumed_tail:
            raise SyncError(
                f"同步包内容解压后超过 {limit // (1 << 20)} MB，不像正常的同步包（可能是恶意文件），已拒绝导入"
            )
        body += stream.flush()
    except zlib.error:
        raise SyncError("无法解密：这个文件不是用本站点的密钥加密的，或已经损坏") from None
    if not stream.eof:
        raise SyncError("同步包内容不完整（压缩数据被截断），已拒绝导入")
    return body


def _derive(shared: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(shared)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
