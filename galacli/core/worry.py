"""when-to-worry: the warning signs by tier, straight from the same data the check uses."""

from __future__ import annotations

from galacli.core.common import source_refs
from galacli.core.records import WorryResult, WorrySign, WorryTier
from galacli.knowledge.loader import Knowledge


def when_to_worry(kb: Knowledge, lang: str, tier: str | None = None) -> WorryResult:
    tiers = []
    for t in kb.tiers:
        if tier is not None and t.id != tier:
            continue
        signs = [
            WorrySign(
                id=sign.id,
                text=sign.text.get(lang),
                reason=sign.reason.get(lang),
                disagreement=sign.disagreement.get(lang) if sign.disagreement else None,
                act_within=sign.act_within.get(lang) if sign.act_within else None,
                sources=source_refs(kb, sign.sources, lang),
            )
            for sign in kb.signs
            if sign.tier == t.id
        ]
        tiers.append(
            WorryTier(urgency=t.id, label=t.label.get(lang), action=t.action.get(lang), signs=signs)
        )
    return WorryResult(lang=lang, tiers=tiers)
