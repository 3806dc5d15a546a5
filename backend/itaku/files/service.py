"""Uploads: limited in size and type (judged by content, not by the name), stored through the storage port.

The bytes are written before the transaction commits; if it rolls back, they are removed again, so a
refused or failed request leaves nothing behind.
"""

import hashlib
import uuid
from collections.abc import Iterable
from typing import Any, Protocol
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import service as audit
from itaku.core.db import on_rollback
from itaku.core.errors import AppError, NotFound, PayloadTooLarge
from itaku.core.storage import Storage
from itaku.files.models import StoredFile
from itaku.identity.principals import Caller, Principal

# Magic numbers of the types we accept as evidence; the declared content type is not trusted.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
ZIP_TYPES = {  # Office Open XML files are zip archives; told apart by their extension
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
ALLOWED_DESCRIPTION = "PDF, PNG, JPEG, XLSX or DOCX"
# The OpenAPI 200 response of endpoints that send a stored file back as it was uploaded.
STORED_FILE_RESPONSE: dict[str, Any] = {
    "content": {t: {} for t in [*(t for _, t in SIGNATURES), *ZIP_TYPES.values()]},
    "description": "the file's bytes, of the type it was stored as",
}


def attachment(filename: str) -> dict[str, str]:
    """A Content-Disposition that survives any name (RFC 6266 / 5987: every byte outside a-z0-9 escaped)."""
    return {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename, safe='')}"}


class UnsupportedFileType(AppError):
    status_code = 415
    code = "unsupported_file_type"
    message = f"This kind of file is not accepted; upload a {ALLOWED_DESCRIPTION} file."


class EmptyFile(AppError):
    status_code = 400
    code = "empty_file"
    message = "The uploaded file is empty."


# What an upload endpoint can refuse, for its `responses=`.
UPLOAD_ERRORS = (PayloadTooLarge, UnsupportedFileType, EmptyFile)


class Upload(Protocol):
    """An uploaded file as the web framework hands it over (FastAPI's UploadFile)."""

    size: int | None

    async def read(self, size: int = -1) -> bytes: ...


async def read_upload(file: Upload, max_bytes: int) -> bytes:
    """The upload's bytes, refused before reading when its declared size is over the limit, and never read further
    than one byte past it (a chunked upload declares no size)."""
    if file.size is not None and file.size > max_bytes:
        raise PayloadTooLarge(f"The file is {file.size:,} bytes; the limit is {max_bytes:,} bytes.")
    data = await file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise PayloadTooLarge(f"The file is larger than the limit of {max_bytes:,} bytes.")
    return data


class FileNotFound(NotFound):
    code = "file_not_found"
    message = "No file with this id in your organisation."


def sniff(data: bytes, filename: str) -> str | None:
    for magic, content_type in SIGNATURES:
        if data.startswith(magic):
            return content_type
    if data.startswith(b"PK\x03\x04"):
        ext = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        return ZIP_TYPES.get(ext)
    return None


def safe_filename(name: str) -> str:
    cleaned = "".join(ch for ch in name.replace("\\", "/").rsplit("/", 1)[-1] if ch.isprintable()).strip()
    return (cleaned or "upload")[:255]


async def store(
    session: AsyncSession,
    principal: Caller,
    storage: Storage,
    *,
    data: bytes,
    filename: str,
    max_bytes: int,
    allowed: frozenset[str] | None = None,
) -> StoredFile:
    if len(data) > max_bytes:
        raise PayloadTooLarge(f"The file is {len(data):,} bytes; the limit is {max_bytes:,} bytes.")
    if not data:
        raise EmptyFile()
    content_type = sniff(data, filename)
    if content_type is None or (allowed is not None and content_type not in allowed):
        raise UnsupportedFileType()
    key = await storage.put(data, prefix=str(principal.organization_id))

    async def _remove() -> None:
        await storage.delete(key)

    on_rollback(session, _remove)
    stored = StoredFile(
        organization_id=principal.organization_id,
        filename=safe_filename(filename),
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        storage_key=key,
    )
    session.add(stored)
    await session.flush()
    await audit.record(
        session,
        principal,
        entity_type="file",
        entity_id=stored.id,
        action="uploaded",
        after={"filename": stored.filename, "content_type": content_type, "size": stored.size, "sha256": stored.sha256},
    )
    return stored


async def get(session: AsyncSession, principal: Principal, file_id: uuid.UUID) -> StoredFile:
    stmt = select(StoredFile).where(StoredFile.organization_id == principal.organization_id, StoredFile.id == file_id)
    stored = (await session.scalars(stmt)).one_or_none()
    if stored is None:
        raise FileNotFound()
    return stored


async def by_ids(session: AsyncSession, organization_id: uuid.UUID, ids: Iterable[str]) -> dict[str, StoredFile]:
    """The organisation's stored files among `ids`, by id (what a record lists as its attachments)."""
    wanted = [uuid.UUID(i) for i in set(ids)]
    if not wanted:
        return {}
    stmt = select(StoredFile).where(StoredFile.organization_id == organization_id, StoredFile.id.in_(wanted))
    return {str(f.id): f for f in (await session.scalars(stmt)).all()}


async def read(storage: Storage, stored: StoredFile) -> bytes:
    return await storage.get(stored.storage_key)
