"""The citation registry: list every source, or show one with what cites it."""

from __future__ import annotations

from galacli.core.records import SourceItem, SourcesResult
from galacli.core.search import not_found
from galacli.knowledge.loader import Knowledge


def _cited_by(kb: Knowledge, source_id: str) -> list[str]:
    groups = (
        ("faq", kb.faq),
        ("cause", kb.causes),
        ("medicine", kb.medicines),
        ("sign", kb.signs),
    )
    return [
        f"{kind}:{item.id}" for kind, items in groups for item in items if source_id in item.sources
    ]


def _item(kb: Knowledge, source_id: str, lang: str) -> SourceItem:
    source = kb.sources[source_id]
    return SourceItem(
        id=source.id,
        kind=source.kind,
        title=source.title,
        publisher=source.publisher,
        year=source.year,
        url=source.link or "",
        page=source.url,
        doi=source.doi,
        pmid=source.pmid,
        pmcid=source.pmcid,
        note=source.note.get(lang) if source.note else None,
        cited_by=_cited_by(kb, source_id),
    )


def list_sources(kb: Knowledge, lang: str) -> SourcesResult:
    items = [_item(kb, source_id, lang) for source_id in kb.sources]
    return SourcesResult(lang=lang, query=None, mode="list", results=items)


def show_source(kb: Knowledge, query: str, lang: str) -> SourcesResult:
    source_id = query.strip().upper()
    if source_id not in kb.sources:
        raise not_found(query, list(kb.sources), "source_not_found", "source_id_hint", lang)
    return SourcesResult(lang=lang, query=query, mode="id", results=[_item(kb, source_id, lang)])
