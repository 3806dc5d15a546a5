"""The storage port: file bytes by key. Local disk by default; another backend (S3...) fits the same shape."""

import os
import uuid
from pathlib import Path
from typing import Protocol

import anyio.to_thread


class Storage(Protocol):
    async def put(self, data: bytes, *, prefix: str) -> str: ...
    async def get(self, key: str) -> bytes: ...
    async def delete(self, key: str) -> None: ...


class LocalStorage:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise ValueError("storage key outside the storage root")
        return path

    async def put(self, data: bytes, *, prefix: str) -> str:
        key = f"{prefix}/{uuid.uuid4().hex}"
        path = self._path(key)

        def _write() -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".part")
            tmp.write_bytes(data)
            os.replace(tmp, path)

        await anyio.to_thread.run_sync(_write)
        return key

    async def get(self, key: str) -> bytes:
        return await anyio.to_thread.run_sync(self._path(key).read_bytes)

    async def delete(self, key: str) -> None:
        await anyio.to_thread.run_sync(lambda: self._path(key).unlink(missing_ok=True))
