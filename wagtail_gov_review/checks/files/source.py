"""Opening what a caller hands over (a path or a file object) with the size checked first.

The size comes from ``os.stat``, an upload's ``size`` attribute or a seek to the end; nothing is
read before it is known to be within :attr:`FileLimits.max_bytes`. A stream that cannot seek is
copied into a spooled temporary file, at most ``max_bytes + 1`` bytes of it.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from .limits import FileLimits, FileRefused, megabytes

Source = str | os.PathLike[str] | IO[bytes] | Any  # Any: Django's UploadedFile and the like


def _cannot_open(exc: OSError) -> FileRefused:
    if isinstance(exc, FileNotFoundError):
        return FileRefused("unreadable", "文件不存在")
    if isinstance(exc, PermissionError):
        return FileRefused("unreadable", "没有读取该文件的权限")
    return FileRefused("unreadable", "无法打开文件")


def _too_large(limits: FileLimits) -> FileRefused:
    return FileRefused(
        "too_large", f"文件超过 {megabytes(limits.max_bytes)}，未读取；请压缩或拆分后再上传"
    )


def declared_size(source: Source) -> int | None:
    """The size of ``source`` without reading it, or ``None`` for a stream that cannot seek."""
    if isinstance(source, str | os.PathLike):
        return os.stat(source).st_size
    size = getattr(source, "size", None)  # Django's UploadedFile knows it from the request
    if isinstance(size, int):
        return size
    try:
        pos = source.tell()
        end = source.seek(0, io.SEEK_END)
        source.seek(pos)
        return end - pos
    except (AttributeError, OSError, ValueError):
        return None


@contextmanager
def open_source(source: Source, limits: FileLimits) -> Iterator[IO[bytes]]:
    """A seekable binary file at the start of ``source``'s content, or :class:`FileRefused`."""
    try:
        size = declared_size(source)
    except OSError as exc:
        raise _cannot_open(exc) from exc
    if size is not None and size > limits.max_bytes:
        raise _too_large(limits)
    if isinstance(source, str | os.PathLike):
        try:
            fh = open(source, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise _cannot_open(exc) from exc
        with fh:
            yield fh
        return
    if size is not None:
        if hasattr(source, "open") and getattr(source, "closed", False):
            source.open("rb")  # a Django File that was closed after upload handling
        source.seek(0)
        yield source
        return
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    with spool:
        shutil.copyfileobj(_Capped(source, limits.max_bytes + 1), spool)
        if spool.tell() > limits.max_bytes:
            raise _too_large(limits)
        spool.seek(0)
        yield spool


class _Capped(io.RawIOBase):
    """Reads at most ``cap`` bytes of ``stream``."""

    def __init__(self, stream: IO[bytes], cap: int) -> None:
        self._stream = stream
        self._left = cap

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._left <= 0:
            return 0
        data = self._stream.read(min(len(buffer), self._left))
        n = len(data)
        buffer[:n] = data
        self._left -= n
        return n


def head(fh: IO[bytes], n: int = 8) -> bytes:
    """The first ``n`` bytes of ``fh``; the position is left at the start."""
    fh.seek(0)
    data = fh.read(n)
    fh.seek(0)
    return data
