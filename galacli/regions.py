"""Emergency and health-advice numbers by region, and the one place that puts them into text.

Knowledge text never names a number. Wherever it tells the reader to call for help it says
`{emergency_number}` (a noun: "Call {emergency_number} or go to the emergency department now"),
and the urgent tier's "not sure how urgent?" step says `{advice_line}` (a verb phrase: "call NHS
111 for advice"). `fill` renders both for a language and a region; `localise` runs it over a
whole result record, so rich, plain, markdown, JSON and the handouts all say the same number.
The knowledge lint (GLC207-GLC209) checks that the data keeps to this.

The region is the user's choice (`--region`, `GALACLI_REGION`) or the territory of their locale
(`en_GB.UTF-8` is GB). Without one, English says "your local emergency number"; Chinese, written
for mainland readers, says 当地的急救电话（中国大陆为 120）: the mainland number as information,
without claiming that the reader is there.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

import msgspec

EMERGENCY = "{emergency_number}"
ADVICE = "{advice_line}"
PLACEHOLDERS = (EMERGENCY, ADVICE)


class Region(msgspec.Struct, frozen=True):
    """A plain struct, not a NamedTuple: this module is on every command's start-up path, and
    building a NamedTuple class costs milliseconds there."""

    code: str  # ISO 3166-1 alpha-2
    emergency: str  # the number to dial for an ambulance
    also: str | None = None  # a second number that works as well
    advice: str | None = None  # a non-emergency health-advice number
    advice_en: str | None = None  # how English names it ("call ... for advice")
    advice_zh: str | None = None


# Each number as the country's own health or emergency service states it.
REGIONS: dict[str, Region] = {
    # NHS: "call 999" for a life-threatening emergency; "NHS 111" when you need help fast but it
    # is not a 999 emergency (England, Scotland and Wales; Northern Ireland has no full 111).
    # https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/when-to-call-999/
    # https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/when-to-use-111/
    "GB": Region(
        "GB",
        "999",
        advice="111",
        advice_en="call NHS 111 for advice (in England, Scotland and Wales)",
        advice_zh="拨打 NHS 111 咨询（英格兰、苏格兰和威尔士）",
    ),
    # US National 911 Program: 911 for police, fire and ambulance. https://www.911.gov/
    "US": Region("US", "911"),
    # Government of Canada, "Using 911" (canada.ca); 911 covers almost all of Canada (e.g.
    # https://www.alberta.ca/what-to-expect-when-calling-911).
    "CA": Region("CA", "911"),
    # Beijing Municipal Health Commission: "120" is the national medical emergency number.
    # https://wjw.beijing.gov.cn/Japan/HealthServices/HealthIndication/202212/t20221230_2887831.html
    "CN": Region("CN", "120"),
    # HSE: "There are two emergency numbers in Ireland - 112 and 999."
    # https://www2.hse.ie/emergencies/when-to-call-112-or-999/
    "IE": Region("IE", "112", also="999"),
    # healthdirect (Australian Government): "call triple zero (000) and ask for an ambulance".
    # https://www.healthdirect.gov.au/calling-triple-zero
    "AU": Region("AU", "000"),
    # Ministry of Health: "To call an ambulance for an accident or medical emergency, dial 111."
    # https://www.health.govt.nz/new-zealand-health-system/key-health-sector-organisations-and-people/national-ambulance-sector-office-naso/new-zealands-ambulance-services
    # Healthline, the free 24-hour health advice line, is 0800 611 116 (https://www.healthline.govt.nz/).
    "NZ": Region(
        "NZ",
        "111",
        advice="0800 611 116",
        advice_en="call Healthline on 0800 611 116 for advice",
        advice_zh="拨打 Healthline 健康热线 0800 611 116 咨询",
    ),
    # Ministry of Home Affairs, Emergency Response Support System: 112 is the single national
    # emergency number (it reaches police, fire and the 108 ambulance service).
    # https://112.gov.in/
    "IN": Region("IN", "112"),
}
ALIASES = {"UK": "GB"}  # not an ISO code, but what people type

_UNKNOWN = {
    "en": {
        EMERGENCY: "your local emergency number",
        ADVICE: "ask a doctor, nurse or pharmacist",
    },
    "zh": {
        EMERGENCY: "当地的急救电话（中国大陆为 120）",
        ADVICE: "问问医院导诊台、医生或药师",
    },
}


def lookup(code: str) -> Region | None:
    """The region for an ISO 3166 code, any case (`gb`, `GB`, also `uk`); None if unknown."""
    key = code.strip().upper()
    return REGIONS.get(ALIASES.get(key, key))


def emergency_text(lang: str, region: Region | None) -> str:
    if region is None:
        return _UNKNOWN["zh" if lang == "zh" else "en"][EMERGENCY]
    if lang == "zh":
        return f"急救电话 {region.emergency}" + (f"（或 {region.also}）" if region.also else "")
    return region.emergency + (f" (or {region.also})" if region.also else "")


def advice_text(lang: str, region: Region | None) -> str:
    if region is not None and region.advice:
        return (region.advice_zh if lang == "zh" else region.advice_en) or ""
    return _UNKNOWN["zh" if lang == "zh" else "en"][ADVICE]


_PLACEHOLDER = r"\{(?:emergency_number|advice_line)\}"  # compiled on first use (re caches it)


def _cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def fill(text: str, lang: str, region: Region | None) -> str:
    """`text` with its placeholders rendered. In Chinese a space goes between a Chinese character
    and a Latin letter or digit where the two meet (拨打急救电话 120 或去急诊)."""
    if "{" not in text:
        return text
    values = {EMERGENCY: emergency_text(lang, region), ADVICE: advice_text(lang, region)}
    out: list[str] = []
    last = 0
    for match in re.finditer(_PLACEHOLDER, text):
        before, value = text[last : match.start()], values[match.group(0)]
        after = text[match.end() : match.end() + 1]
        if lang == "zh":
            if before and _cjk(before[-1]) and _latin(value[0]):
                value = " " + value
            if after and _cjk(after) and _latin(value[-1]):
                value = value + " "
        out += [before, value]
        last = match.end()
    out.append(text[last:])
    return "".join(out)


# Fields that echo what the user typed, never knowledge text: left exactly as given.
_USER_FIELDS = frozenset(
    {"query", "drug", "answers", "matched_as", "command_line", "topics", "data_dir"}
)

R = TypeVar("R")


def localise(result: R, region: Region | None) -> R:
    """The result record with every placeholder rendered for its language and `region`, and its
    `region`, `emergency_number` and `advice_number` fields set (they sit next to `lang`)."""
    data = msgspec.to_builtins(result)
    if data.get("command") != "validate":  # validate quotes the placeholders it checks
        data = _walk(data, data.get("lang", "en"), region)
    if "region" in data:
        data["region"] = region.code if region else None
        data["emergency_number"] = region.emergency if region else None
        data["advice_number"] = region.advice if region else None
    return msgspec.convert(data, type(result))


def _walk(value: Any, lang: str, region: Region | None) -> Any:
    if isinstance(value, str):
        return fill(value, lang, region)
    if isinstance(value, dict):
        return {
            key: item if key in _USER_FIELDS else _walk(item, lang, region)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_walk(item, lang, region) for item in value]
    return value
