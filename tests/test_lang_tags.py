"""Language tags as people and systems write them (issue 12): BCP 47 (zh-Hans-CN, en-GB) and POSIX
(zh_CN.UTF-8, en_US@euro), on --lang and in the environment. galacli's Chinese is Simplified, so
a Traditional tag (zh-TW, zh-Hant, zh_HK) is served Simplified with a notice that says so."""

from __future__ import annotations

import pytest

from galacli.env import resolve_lang
from galacli.errors import UsageError

SIMPLIFIED = ["zh", "ZH", "zh-CN", "zh_CN", "zh-Hans", "zh-Hans-CN", "zh_CN.UTF-8", "zh-SG"]
TRADITIONAL = ["zh-TW", "zh_TW.UTF-8", "zh-Hant", "zh-Hant-TW", "zh-HK", "zh_MO"]
ENGLISH = ["en", "en-GB", "en_US", "en_US.UTF-8", "en-Latn-US", "en_IE@euro", "EN-gb"]


@pytest.mark.parametrize("tag", SIMPLIFIED)
def test_simplified_chinese_tags(tag: str) -> None:
    assert resolve_lang(tag, {}) == ("zh", None)
    assert resolve_lang(None, {"GALACLI_LANG": tag}) == ("zh", None)


@pytest.mark.parametrize("tag", TRADITIONAL)
def test_traditional_chinese_gets_simplified_with_a_notice(tag: str) -> None:
    for lang, notice in (resolve_lang(tag, {}), resolve_lang(None, {"LANG": tag})):
        assert lang == "zh"
        assert notice is not None and "简体中文" in notice and tag in notice


@pytest.mark.parametrize("tag", ENGLISH)
def test_english_tags(tag: str) -> None:
    assert resolve_lang(tag, {}) == ("en", None)
    assert resolve_lang(None, {"LANGUAGE": tag}) == ("en", None)


@pytest.mark.parametrize("tag", ["fr", "fr-FR", "english", "zh--CN", "", "zh CN", "中文", "z"])
def test_explicit_unsupported_or_malformed_tags_are_usage_errors(tag: str) -> None:
    with pytest.raises(UsageError):
        resolve_lang(tag, {})


def test_environment_order_and_fallback() -> None:
    assert resolve_lang(None, {"LANGUAGE": "fr_FR:zh_CN", "LANG": "en_GB.UTF-8"}) == ("zh", None)
    lang, notice = resolve_lang(None, {"LANG": "de_DE.UTF-8"})
    assert lang == "en" and notice is not None and "'de'" in notice
    assert resolve_lang(None, {"LANG": "C.UTF-8"}) == ("en", None)
    assert resolve_lang(None, {"LANG": "POSIX"}) == ("en", None)


def test_cli_accepts_tags_and_says_when_it_serves_simplified(run) -> None:
    result = run("when-to-worry", "--lang", "zh-Hans-CN")
    assert result.exit_code == 0 and "什么时候需要担心" in result.stdout
    assert result.stderr == ""
    tw = run("when-to-worry", "--lang", "zh-TW")
    assert tw.exit_code == 0 and "什么时候需要担心" in tw.stdout
    assert "简体中文" in tw.stderr
    bad = run("when-to-worry", "--lang", "fr-FR")
    assert bad.exit_code == 2 and "fr-FR" in bad.stderr
