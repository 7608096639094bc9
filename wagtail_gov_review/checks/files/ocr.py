"""Text from images and scanned PDF pages through RapidOCR (optional extra ``ocr``).

``rapidocr-onnxruntime`` ships its ONNX models inside the wheel (``rapidocr_onnxruntime/models``),
so nothing is downloaded at run time. Without it, :func:`ocr_available` is false and asking for
OCR raises :class:`FileRefused` with reason ``ocr_unavailable``.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import threading
import warnings
from collections.abc import Iterator
from typing import IO, Any

import PIL.Image
import pypdfium2

from .limits import Budget, FileRefused
from .segments import Segment

MIN_SCORE = 0.5  # RapidOCR's own default text score
DETECT_MAX_SIDE = 1600  # px: text detection input, long side
RENDER_DPI = 144  # scanned pages: enough for 10.5 pt CJK text, ~2 Mpx for A4
_lock = threading.Lock()  # one recognition at a time: the 2-core budget is shared with the site


def ocr_available() -> bool:
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def _unavailable() -> FileRefused:
    return FileRefused(
        "ocr_unavailable",
        "未安装文字识别（OCR）组件，无法检查图片和扫描件；请安装 wagtail-gov-review[ocr]",
    )


@functools.cache
def _engine() -> Any:
    # Imported on first use: onnxruntime and OpenCV take a second to load and most runs never OCR.
    module = importlib.import_module("rapidocr_onnxruntime")
    # RapidOCR's default ("min" 736) scales a small screenshot up until its short side is 736 px
    # (a 1000×220 image becomes 3300×736); capping the long side instead was 3–4× faster here
    # with the same text read, and leaves a scanned A4 page (1190×1684 at 144 dpi) nearly as is.
    return module.RapidOCR(det_limit_type="max", det_limit_side_len=DETECT_MAX_SIDE)


def _check_pixels(width: int, height: int, budget: Budget) -> None:
    if width * height > budget.limits.max_pixels:
        raise FileRefused(
            "too_many_pixels",
            f"图片 {width}×{height} 像素，超过 {budget.limits.max_pixels:,} 像素的上限",
        )


def _recognize(image: PIL.Image.Image, where: dict[str, Any], budget: Budget) -> Iterator[Segment]:
    if not ocr_available():
        raise _unavailable()
    budget.check_time()
    with _lock:
        result, _elapsed = _engine()(image.convert("RGB"))
    for line, (_box, text, score) in enumerate(result or (), start=1):
        if float(score) < MIN_SCORE or not text.strip():
            continue
        budget.take_text(text)
        yield Segment(text, {**where, "ocr": True, "line": line})


def read_image(fh: IO[bytes], budget: Budget) -> Iterator[Segment]:
    """OCR lines of a PNG/JPEG, located by line number (``{"ocr": True, "line": 3}``)."""
    if not ocr_available():
        raise _unavailable()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PIL.Image.DecompressionBombWarning)  # checked below
            image = PIL.Image.open(fh)  # reads the header only
        _check_pixels(*image.size, budget)
        image.load()
    except FileRefused:
        raise
    except (PIL.Image.DecompressionBombError, PIL.Image.DecompressionBombWarning) as exc:
        raise FileRefused("too_many_pixels", "图片像素过多，疑似解压炸弹，未读取") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise FileRefused("unreadable", "图片文件已损坏或格式不受支持") from exc
    yield from _recognize(image, {}, budget)


def read_scanned_pages(fh: IO[bytes], pages: list[int], budget: Budget) -> Iterator[Segment]:
    """OCR lines of the given PDF ``pages`` (1-based), rendered at :data:`RENDER_DPI`."""
    if not ocr_available():
        raise _unavailable()
    if len(pages) > budget.limits.max_ocr_images:
        raise FileRefused(
            "too_many_pages",
            f"PDF 有 {len(pages)} 页扫描页，超过文字识别 {budget.limits.max_ocr_images} 页的上限",
        )
    fh.seek(0)
    document = pypdfium2.PdfDocument(fh)
    try:
        for number in pages:
            page = document[number - 1]
            width, height = page.get_size()  # points
            scale = RENDER_DPI / 72
            _check_pixels(int(width * scale), int(height * scale), budget)
            image = page.render(scale=scale).to_pil()
            yield from _recognize(image, {"page": number}, budget)
    finally:
        document.close()
