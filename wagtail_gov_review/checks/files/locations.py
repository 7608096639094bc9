"""A segment's location in words, for people (CLI output, admin reports)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# (key, format) in the order a reader names them: outer container first.
_PARTS = (
    ("file", "{}"),
    ("property", "文档属性 {}"),
    ("header", "第 {} 节页眉"),
    ("first_header", "第 {} 节首页页眉"),
    ("even_header", "第 {} 节偶数页页眉"),
    ("footer", "第 {} 节页脚"),
    ("first_footer", "第 {} 节首页页脚"),
    ("even_footer", "第 {} 节偶数页页脚"),
    ("sheet", "工作表“{}”"),
    ("cell", "单元格 {}"),
    ("page", "第 {} 页"),
    ("table", "表格 {}"),
    ("row", "第 {} 行"),
    ("column", "第 {} 列"),
    ("nested", "内嵌表格 {}"),
    ("paragraph", "第 {} 段"),
    ("textbox", "文本框 {}"),
    ("line", "第 {} 行"),
)


def describe_location(location: Mapping[str, Any] | None) -> str:
    """E.g. ``名单.xlsx 工作表“Sheet1” 单元格 C7`` or ``通知.pdf 第 3 页（文字识别）``."""
    if not location:
        return ""
    words = [fmt.format(location[key]) for key, fmt in _PARTS if key in location]
    text = " ".join(words)
    return text + "（文字识别）" if location.get("ocr") else text
