"""term.leader: the site's leader list reaches the engine as plain data (EngineConfig.leaders)."""

from __future__ import annotations

import datetime as dt

import pytest

from wagtail_gov_review.checks import EngineConfig, get_engine
from wagtail_gov_review.checks.recognizers.leader import sounds_or_looks_alike

TODAY = dt.date.today()
YEAR_AGO = TODAY - dt.timedelta(days=365)
YESTERDAY = TODAY - dt.timedelta(days=1)

# Fictional leaders of a fictional district (rank: lower is listed first).
LEADERS = (
    ("张某某", "区委副书记、区长", 1, YEAR_AGO, None),
    ("张某某", "常务副区长", 2, "2019-01-01", YESTERDAY),  # his post before this one
    ("李某某", "常务副区长", 2, YEAR_AGO.isoformat(), None),
    ("王建某", "副区长", 3, None, None),
    ("赵某", "区政府办公室主任", 4, None, None),
    ("钱某某", "副区长", 3, "2015-01-01", "2020-12-31"),  # retired: history, not an error
)


def found(text: str) -> list[tuple[str, str]]:
    engine = get_engine(EngineConfig(leaders=LEADERS))
    return [(f.text, f.suggestion) for f in engine.check(text) if f.code == "term.leader"]


def test_outdated_title_of_a_listed_leader_is_reported():
    assert found("常务副区长张某某出席会议并讲话。") == [("常务副区长", "区委副书记、区长")]


def test_someone_elses_title_is_reported():
    assert found("区长王建某主持会议。") == [("区长", "副区长")]
    assert found("会议由王建某区长主持。") == [("区长", "副区长")]


def test_deputy_title_for_the_principal_is_reported():
    assert found("副区长张某某调研安全生产工作。") == [("副区长", "区委副书记、区长")]


@pytest.mark.parametrize(
    "text",
    [
        "区长张某某主持召开区政府常务会议。",
        "区委副书记、区长张某某出席。",
        "常务副区长李某某、副区长王建某参加调研。",
        "办公室主任赵某传达了会议精神。",  # a short form of the listed title
        "原副区长钱某某曾分管此项工作。",  # a former leader's old title is history
        "原常务副区长张某某曾分管此项工作。",  # a post named as former (原, 前) is history too
        "区委常委张某某出席。",  # a post the list does not name is not judged
    ],
)
def test_right_titles_are_not_reported(text):
    assert found(text) == []


def test_name_written_with_a_homophone_or_look_alike_is_reported():
    assert found("区长张某谋主持会议。") == [("张某谋", "张某某")]
    assert found("副区长王健某出席。") == [("王健某", "王建某")]


@pytest.mark.parametrize(
    "text",
    [
        "王建国同志出席。",  # same surname, a different given name
        "赵谋划全年工作。",  # a two-character name is only judged next to a listed title
        "张某某、李某某等同志参加。",
    ],
)
def test_other_names_are_not_reported(text):
    assert found(text) == []


def test_enumeration_out_of_ranking_order_is_reported_with_the_reordered_text():
    text = "副区长王建某、区长张某某、常务副区长李某某出席会议。"
    assert found(text) == [
        ("副区长王建某、区长张某某、常务副区长李某某", "区长张某某、常务副区长李某某、副区长王建某")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "区长张某某、常务副区长李某某、副区长王建某出席会议。",
        "王建某、赵某出席会议。",  # two names are not an enumeration to rank
        "张某某主持会议。李某某、王建某、赵某分别发言。",  # 张某某 is not in that list
    ],
)
def test_enumerations_in_order_are_not_reported(text):
    assert found(text) == []


def test_leaders_in_traditional_script_are_found():
    text = "副區長張某某出席會議。"
    findings = [
        f for f in get_engine(EngineConfig(leaders=LEADERS)).check(text) if f.code == "term.leader"
    ]
    assert [(f.text, f.severity) for f in findings] == [("副區長", "warn")]


def test_reordered_enumeration_keeps_the_texts_script():
    text = "副區長王建某、區長張某某、常務副區長李某某出席會議。"
    assert found(text) == [
        ("副區長王建某、區長張某某、常務副區長李某某", "區長張某某、常務副區長李某某、副區長王建某")
    ]


def test_without_a_list_nothing_is_reported():
    assert [f for f in get_engine().check("副区长张某某出席。") if f.code == "term.leader"] == []


def test_a_changed_list_builds_another_engine():
    first = get_engine(EngineConfig(leaders=LEADERS))
    second = get_engine(EngineConfig(leaders=LEADERS[:1]))
    assert first is not second
    assert first is get_engine(EngineConfig(leaders=tuple(reversed(LEADERS))))


def test_homophones_and_look_alikes():
    assert sounds_or_looks_alike("某", "谋")
    assert sounds_or_looks_alike("己", "已")
    assert not sounds_or_looks_alike("国", "某")
    assert not sounds_or_looks_alike("某", "某")
