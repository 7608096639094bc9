"""Command line: check files, or JSON lines on stdin (the DESIGN.md contract).

``python -m wagtail_gov_review.checks FILE...`` prints findings per file (location, code,
severity, text, message, suggestion). DOCX, XLSX/XLS, CSV/TXT, PDF and PNG/JPEG (with OCR) are
read through :mod:`.files`; any other file is read as UTF-8 text. Exit status: 1 if any
``block`` finding, else 0 (2 for usage errors or unreadable files). ``--mask`` prints the
de-identified text of text files instead.

``python -m wagtail_gov_review.checks --json FILE...`` prints one JSON line per file:
``{"file": path, "findings": [Finding + location, ...]}`` or ``{"file": path, "error": "…"}``
for a file that is refused; exit status 0 unless the command itself fails.

``python -m wagtail_gov_review.checks --jsonl`` reads ``{"id": ..., "text": ...}`` lines and
writes ``{"id": ..., "findings": [...]}`` per line in the same order; a malformed line gets
``{"id": ..., "error": "..."}`` and processing continues. Exit status 0 unless stdin fails.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from .config import EngineConfig
from .engine import get_engine
from .files import SUPPORTED_EXTENSIONS, FileRefused, check_file, describe_location
from .files.ocr import ocr_available
from .findings import BLOCK, SEVERITIES, Finding
from .mask import mask


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m wagtail_gov_review.checks",
        description="智能校对：检查个人信息、敏感词、过时机构名称、政治表述、错别字等。",
        epilog="Exit status: 1 if any finding has severity 'block', 0 otherwise, 2 on errors "
        "(--json and --jsonl: 0 unless the command itself fails).",
    )
    p.add_argument(
        "files", nargs="*", help="files to check: DOCX, XLSX/XLS, CSV/TXT, PDF, PNG/JPEG, text"
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--jsonl", action="store_true", help="read JSON lines on stdin, write JSON lines"
    )
    mode.add_argument("--json", action="store_true", help="one JSON line per FILE")
    p.add_argument("--kind", choices=("body", "title"), default="body", help="text kind")
    p.add_argument("--lexicon", action="append", default=[], metavar="PATH", help="extra lexicon")
    p.add_argument(
        "--severity", action="append", default=[], metavar="CODE=LEVEL", help="e.g. typo=block"
    )
    p.add_argument("--disable", action="append", default=[], metavar="CHECK", help="e.g. typo")
    p.add_argument("--mask", action="store_true", help="print the de-identified text of FILEs")
    p.add_argument(
        "--no-ocr", action="store_true", help="do not run OCR on images and scanned PDF pages"
    )
    return p


def _config(args: argparse.Namespace, parser: argparse.ArgumentParser) -> EngineConfig:
    severity = {}
    for item in args.severity:
        code, sep, level = item.partition("=")
        if not sep or level not in SEVERITIES:
            parser.error(f"--severity expects CODE=block|warn, got {item!r}")
        severity[code.strip()] = level
    try:
        return EngineConfig(
            severity=severity, lexicon_paths=tuple(args.lexicon), disabled=tuple(args.disable)
        )
    except ValueError as exc:
        parser.error(str(exc))
        raise  # pragma: no cover


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def run_jsonl(engine, kind: str, stdin: TextIO, stdout: TextIO) -> int:
    for raw in stdin:
        if not raw.strip():
            continue
        ident = None
        try:
            item = json.loads(raw)
            if not isinstance(item, dict):
                raise ValueError("each line must be a JSON object")
            ident = item.get("id")
            text = item.get("text")
            if not isinstance(text, str):
                raise ValueError('"text" must be a string')
            item_kind = item.get("kind", kind)
            findings = engine.check(text, kind=item_kind)
            out = {"id": ident, "findings": [f.to_dict() for f in findings]}
        except Exception as exc:  # one bad line must not stop the batch
            out = {"id": ident, "error": f"{type(exc).__name__}: {exc}"}
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0


def _is_attachment(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in SUPPORTED_EXTENSIONS


def _check_path(engine, path: str, use_ocr: bool) -> list[Finding]:
    """Findings of one file through the readers; :class:`FileRefused` if it is not read."""
    return check_file(engine, path, name=os.path.basename(path), ocr=use_ocr)


def run_json(engine, files: Sequence[str], use_ocr: bool, stdout: TextIO) -> int:
    for path in files:
        try:
            out = {
                "file": path,
                "findings": [f.to_dict() for f in _check_path(engine, path, use_ocr)],
            }
        except FileRefused as refused:
            out = {"file": path, "error": refused.message}
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0


def _print_findings(path: str, located: list[tuple[str, Finding]], stdout: TextIO) -> None:
    """``located``: (where, finding) pairs, where = "path:line:col" or a file location."""
    blocks = sum(f.severity == BLOCK for _where, f in located)
    print(f"{path}: {len(located)} 处问题（{blocks} 处阻止发布）", file=stdout)
    for where, f in located:
        hint = f" → {f.suggestion}" if f.suggestion else ""
        print(f"  {where}: {f.code} [{f.severity}] “{f.text}” {f.message}{hint}", file=stdout)


def _where_in_file(path: str, f: Finding) -> str:
    inside = {k: v for k, v in (f.location or {}).items() if k != "file"}
    if set(inside) == {"line"}:  # a text file: the usual path:line:col
        return f"{path}:{inside['line']}:{f.start + 1}"
    return f"{path} {describe_location(inside)} 第 {f.start + 1} 字"


def run_files(
    engine, files: Sequence[str], kind: str, do_mask: bool, stdout: TextIO, use_ocr: bool = True
) -> int:
    status = 0
    for path in files:
        if _is_attachment(path) and not do_mask:
            try:
                findings = _check_path(engine, path, use_ocr)
            except FileRefused as refused:
                print(f"{path}: 无法读取（{refused.message}）", file=sys.stderr)
                status = 2
                continue
            _print_findings(path, [(_where_in_file(path, f), f) for f in findings], stdout)
        else:
            try:
                with open(path, encoding="utf-8") as fh:
                    text = fh.read()
            except (OSError, UnicodeDecodeError) as exc:
                print(f"{path}: 无法读取 ({exc})", file=sys.stderr)
                status = 2
                continue
            findings = engine.check(text, kind=kind)
            if do_mask:
                stdout.write(mask(text, findings))
            else:
                located = [
                    ("{}:{}:{}".format(path, *_line_col(text, f.start)), f) for f in findings
                ]
                _print_findings(path, located, stdout)
        if any(f.severity == BLOCK for f in findings) and status == 0:
            status = 1
    return status


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.jsonl and not args.files:
        parser.error("give FILE... or --jsonl")
    engine = get_engine(_config(args, parser))
    use_ocr = ocr_available() and not args.no_ocr
    if args.jsonl:
        return run_jsonl(engine, args.kind, sys.stdin, sys.stdout)
    if args.json:
        return run_json(engine, args.files, use_ocr, sys.stdout)
    return run_files(engine, args.files, args.kind, args.mask, sys.stdout, use_ocr)
