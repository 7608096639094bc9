"""Zip-bomb checks for DOCX/XLSX, before any reader opens a member.

The zip directory tells each member's declared sizes: their total, the largest member and the
compression ratio are checked first. Declared sizes can lie, so every member is then inflated
once into nothing, counting bytes (Python's ``zipfile`` stops at the declared size and checks the
CRC), so that the library that parses the file afterwards never meets more than was declared.
"""

from __future__ import annotations

import zipfile
import zlib
from typing import IO

from .limits import Budget, FileLimits, FileRefused, megabytes

_CHUNK = 1024 * 1024


def _bomb(detail: str) -> FileRefused:
    return FileRefused("zip_bomb", f"文件解压后过大（{detail}），疑似压缩炸弹，未读取")


def check_zip(fh: IO[bytes], limits: FileLimits, budget: Budget) -> None:
    """Refuse ``fh`` unless it is a zip whose members stay within ``limits`` when inflated."""
    try:
        archive = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileRefused(
            "unreadable", "文件已损坏或不是有效的 Office 文档（zip 结构无效）"
        ) from exc
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_zip_members:
            raise _bomb(f"包含 {len(members):,} 个部件")
        total = 0
        for info in members:
            total += info.file_size
            if info.file_size > limits.max_member_bytes:
                raise _bomb(f"部件 {info.filename} 解压后 {megabytes(info.file_size)}")
            if (
                info.file_size > limits.ratio_floor_bytes
                and info.file_size > limits.max_compression_ratio * max(info.compress_size, 1)
            ):
                ratio = info.file_size // max(info.compress_size, 1)
                raise _bomb(f"部件 {info.filename} 压缩比 {ratio}:1")
        if total > limits.max_unzipped_bytes:
            raise _bomb(f"解压后共 {megabytes(total)}，上限 {megabytes(limits.max_unzipped_bytes)}")
        for info in members:
            _inflate(archive, info, budget)
    fh.seek(0)


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget) -> None:
    if info.is_dir():
        return
    try:
        with archive.open(info) as member:
            while member.read(_CHUNK):
                budget.check_time()
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
        # a CRC error here is what a member that inflates beyond its declared size produces
        raise FileRefused("unreadable", f"文件已损坏：部件 {info.filename} 无法解压") from exc
