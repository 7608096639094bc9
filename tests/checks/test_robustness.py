"""Bad input, offsets, API contract, no Django, CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import FrozenInstanceError

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wagtail_gov_review.checks import EngineConfig, Finding, get_engine
from wagtail_gov_review.checks.normalize import normalize

from .conftest import REPO
from .helpers import make_id

ID = make_id()
SAMPLE = f"申请人陈艳，身份证号：{ID}，联系电话：159 0830 1661。根据卫计委要求，希望大家再接再励。"


def test_finding_to_dict_has_exactly_the_contract_keys(engine):
    f = engine.check(SAMPLE)[0]
    assert list(f.to_dict()) == [
        "code",
        "start",
        "end",
        "text",
        "severity",
        "message",
        "suggestion",
    ]
    with pytest.raises(FrozenInstanceError):
        f.start = 0  # type: ignore[misc]
    assert f.rule and f.reason


def test_findings_are_sorted_by_start(engine):
    found = engine.check(SAMPLE * 3)
    assert [f.start for f in found] == sorted(f.start for f in found)


def test_get_engine_is_cached_per_config():
    assert get_engine() is get_engine(EngineConfig())
    assert get_engine(EngineConfig(disabled=["typo"])) is not get_engine()


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00\x01\x02\x1b[31m",
        "😀" * 50,
        "🇨🇳中文English한국어العربية" * 20,
        "\n" * 1000,
        "\ud800",
    ],
)
def test_bad_input_does_not_crash(engine, text):
    for f in engine.check(text) + engine.check(text, kind="title"):
        assert text[f.start : f.end] == f.text


def test_emoji_and_control_chars_keep_offsets_exact(engine):
    text = f"😀😀\x07手机：\u200b138\u3000１２３４\u00a05678 😀 身份證：{ID}"
    found = engine.check(text)
    assert {f.code for f in found} == {"pii.mobile", "pii.id_card"}
    for f in found:
        assert text[f.start : f.end] == f.text


def test_one_megabyte_is_checked_in_linear_time(engine):
    reps = 1_000_000 // (len(SAMPLE) + 2)
    text = (SAMPLE + "😀\x00") * reps
    t0 = time.perf_counter()
    found = engine.check(text)
    elapsed = time.perf_counter() - t0
    assert len(found) == 4 * reps
    assert elapsed < 10, elapsed


def test_memory_zone_keeps_vocab_bounded(engine):
    engine.check("第一次检查。")
    before = len(engine.nlp.vocab.strings)
    for i in range(200):
        engine.check(f"不同的句子{i}，身份证号{ID}。")
    assert len(engine.nlp.vocab.strings) <= before + 5


def test_wrong_argument_types(engine):
    with pytest.raises(TypeError):
        engine.check(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        engine.check("x", kind="footer")


def test_normalize_offset_map_when_lengths_change(monkeypatch):
    from wagtail_gov_review.checks import normalize as norm_mod

    monkeypatch.setattr(norm_mod, "_t2s", lambda s: s.replace("甲", "乙乙"))
    n = norm_mod.normalize("甲a\n乙甲b")
    assert n.text == "乙乙a\n乙乙乙b"
    assert n.to_original(2, 3) == (1, 2)  # "a"
    assert n.to_original(0, 2) == (0, 1)  # both halves of 甲
    assert n.to_original(8, 9) == (6, 7)  # "b"


_alphabet = st.sampled_from(
    list("0123456789０１２３ -+Xx身份证號码手机电话：:，。\n\t 家住患有糖尿病卫计委😀\x00\u3000")
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_alphabet, st.text(max_size=3)), max_size=80).map("".join))
def test_fuzz_offsets_always_valid(text):
    engine = get_engine()
    norm = normalize(text)
    if norm.offsets is None:  # no character removed or expanded: positions are kept
        assert len(norm.text) == len(text)
    else:  # format characters (Cf) removed: an offset map back to the original
        assert len(norm.offsets) == len(norm.text) + 1 and norm.offsets[-1] == len(text)
    for kind in ("body", "title"):
        for f in engine.check(text, kind=kind):
            assert 0 <= f.start < f.end <= len(text)
            assert text[f.start : f.end] == f.text
            assert isinstance(f, Finding)


# --- isolation and CLI ----------------------------------------------------------------------


def _run(args, **kw):
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, capture_output=True, text=True, timeout=120, **kw
    )


def test_importing_the_engine_does_not_import_django():
    code = (
        "import sys, wagtail_gov_review.checks as c; c.get_engine().check('手机13800138000'); "
        "assert 'django' not in sys.modules, [m for m in sys.modules if 'django' in m]"
    )
    proc = _run(["-c", code])
    assert proc.returncode == 0, proc.stderr


def test_cli_files_human_readable_and_exit_status(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(f"第一行\n申请人：身份证号{ID}\n", encoding="utf-8")
    ok = tmp_path / "ok.txt"
    ok.write_text("根据卫计委要求。\n", encoding="utf-8")
    proc = _run(["-m", "wagtail_gov_review.checks", str(bad)])
    assert proc.returncode == 1
    assert f"{bad}:2:9: pii.id_card [block] “{ID}”" in proc.stdout
    proc = _run(["-m", "wagtail_gov_review.checks", str(ok)])
    assert proc.returncode == 0 and "term.outdated_name [warn]" in proc.stdout
    proc = _run(["-m", "wagtail_gov_review.checks", "--mask", str(bad)])
    assert ID not in proc.stdout and ID[:4] + "*" * 12 in proc.stdout


def test_cli_jsonl_keeps_order_and_survives_bad_lines():
    lines = [
        json.dumps({"id": 1, "text": f"身份证号{ID}"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "b", "text": 5}),
        json.dumps({"id": "c", "text": "关于 通知"}, ensure_ascii=False),
    ]
    proc = _run(
        [
            "-m",
            "wagtail_gov_review.checks",
            "--jsonl",
            "--kind",
            "title",
            "--severity",
            "format.title_space=block",
        ],
        input="\n".join(lines) + "\n",
    )
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o.get("id") for o in out] == [1, None, "b", "c"]
    assert out[0]["findings"][0]["code"] == "pii.id_card"
    assert set(out[0]["findings"][0]) == {
        "code",
        "start",
        "end",
        "text",
        "severity",
        "message",
        "suggestion",
    }
    assert "error" in out[1] and "error" in out[2]
    assert out[3]["findings"][0]["severity"] == "block"


def test_cli_extra_lexicon(tmp_path):
    lex = tmp_path / "typo.tsv"
    lex.write_text("错字甲\t正字甲\n", encoding="utf-8")
    proc = _run(
        ["-m", "wagtail_gov_review.checks", "--jsonl", "--lexicon", str(lex)],
        input=json.dumps({"id": 1, "text": "这里有错字甲"}, ensure_ascii=False) + "\n",
    )
    [out] = [json.loads(line) for line in proc.stdout.splitlines()]
    assert out["findings"][0]["suggestion"] == "正字甲"


def test_a_new_recognizer_is_one_class_and_one_registration():
    import re

    from wagtail_gov_review.checks import CheckEngine
    from wagtail_gov_review.checks.registry import Match, Recognizer, register, registry

    @register
    class PassportRecognizer(Recognizer):
        code = "pii.passport"
        rule = "000 芙蓉区：个人信息须脱敏"

        def analyze(self, ctx):
            for m in re.finditer(r"(?<![0-9A-Za-z])[EG]\d{8}(?![0-9A-Za-z])", ctx.text):
                if "护照" in ctx.before(m.start(), 8):
                    yield Match(self.code, m.start(), m.end(), "疑似护照号码", "E*******8")

    try:
        engine = CheckEngine()
        assert "pii.passport" in engine.component_names
        [f] = engine.check("護照號碼：Ｅ12345678。")
        assert (f.code, f.text, f.severity, f.rule) == (
            "pii.passport",
            "Ｅ12345678",
            "block",
            "000 芙蓉区：个人信息须脱敏",
        )
        assert "pii.passport" not in CheckEngine(EngineConfig(disabled=["pii"])).component_names
    finally:
        registry.unregister("pii.passport")
