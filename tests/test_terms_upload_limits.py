"""Term import reads uploads through the bounded file readers (issue 15 point 7): a zip-bomb
XLSX is refused fast, an oversize upload is refused before it is read, a Big5 list is read as
Big5 — each with a clear Chinese message and nothing changed."""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

from wagtail_gov_review.models import Term

from .checks import file_makers as make

IMPORT_URL = "/admin/gov-review/terms/import/"


@pytest.fixture
def admin_client(demo, client, login):
    login("admin")
    return client


def _post(client, name: str, data: bytes):
    return client.post(
        IMPORT_URL, {"category": "sensitive", "file": SimpleUploadedFile(name, data)}
    )


def test_zip_bomb_xlsx_is_refused_fast_with_a_clear_message(admin_client):
    bomb = make.big_xlsx_member(150)  # ~370 KB that inflate to 150 MB of shared strings
    before = Term.objects.count()
    started = time.perf_counter()
    response = _post(admin_client, "词表.xlsx", bomb)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert "疑似压缩炸弹" in response.content.decode()
    assert elapsed < 3, elapsed
    assert Term.objects.count() == before


def test_oversize_upload_is_refused_without_being_read(admin_client, monkeypatch):
    def no_reading(self):
        raise AssertionError("the upload was read before its size was checked")

    # 21 MB is over FILE_UPLOAD_MAX_MEMORY_SIZE: Django hands the view a TemporaryUploadedFile
    monkeypatch.setattr(TemporaryUploadedFile, "read", no_reading)
    before = Term.objects.count()
    response = _post(admin_client, "huge.txt", b"x" * (21 * 1024 * 1024))
    assert response.status_code == 200
    assert "文件超过 20 MB，未读取" in response.content.decode()
    assert Term.objects.count() == before


def test_big5_term_list_is_read_as_big5_not_gb18030(admin_client):
    text = "雲州區政府網站\t雲州區人民政府網站\n網際網路\n資訊公開\t政府資訊公開\n"
    response = _post(admin_client, "繁體詞表.txt", text.encode("big5"))
    assert response.status_code == 200
    preview = response.context["preview"]
    assert [(r.term, r.suggestion) for r in preview.new] == [
        ("雲州區政府網站", "雲州區人民政府網站"),
        ("網際網路", ""),
        ("資訊公開", "政府資訊公開"),
    ]


def test_text_in_an_unknown_encoding_is_refused_not_garbled(admin_client):
    before = Term.objects.count()
    response = _post(admin_client, "latin.txt", "Café crème, naïve résumé".encode("cp1252"))
    assert "无法确定文件的文字编码" in response.content.decode()
    assert Term.objects.count() == before
