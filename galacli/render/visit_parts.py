"""What the Markdown and HTML visit summaries share: the words around the data."""

from __future__ import annotations

from galacli.core.medicines import normalise
from galacli.core.records import VisitMedicine, VisitResult
from galacli.render.layout import clean, joined
from galacli.strings import text as s


def printed(result: VisitResult) -> str:
    return s("handout_printed", result.lang, date=result.printed)


def why(result: VisitResult) -> list[str]:
    """Why this tier: each warning sign with its tier, or the reason when none fired."""
    if result.red_flags:
        if result.lang == "zh":
            return [f"【{flag.tier_label}】{flag.text}" for flag in result.red_flags]
        return [f"[{flag.tier_label}] {flag.text}" for flag in result.red_flags]
    return [result.urgency_reason]


def medicine_name(medicine: VisitMedicine, lang: str) -> str:
    """The generic name, and what the person typed when that was something else (a brand)."""
    if normalise(medicine.matched_as) == normalise(medicine.name):
        return clean(medicine.name)
    wrote = s("visit_you_wrote", lang, name=medicine.matched_as)
    return clean(f"{medicine.name}（{wrote}）" if lang == "zh" else f"{medicine.name} ({wrote})")


def dash(lang: str) -> str:
    """Between a medicine's name and what it does."""
    return "——" if lang == "zh" else " — "


def medicine_detail(medicine: VisitMedicine, lang: str) -> str:
    """'antipsychotic: often raises prolactin.' and the table's note, if any."""
    colon = "：" if lang == "zh" else ": "
    stop = "。" if lang == "zh" else "."
    first = f"{medicine.drug_class}{colon}{medicine.relation}{stop}"
    return clean(joined(lang, first, medicine.note) if medicine.note else first)


def not_known(name: str, lang: str) -> tuple[str, str]:
    return clean(name), s("visit_not_known", lang)


def numbers(result: VisitResult) -> dict[str, int]:
    return {ref.id: i for i, ref in enumerate(result.sources, start=1)}
