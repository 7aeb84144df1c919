"""The JSON contract of DESIGN §6, pinned: keys, their order and their types.

Changing any of these is a breaking change for scripts: bump schema_version and say so in the
CHANGELOG.
"""

from __future__ import annotations

from typing import Any

ENVELOPE = {"schema_version": int, "command": str, "lang": str}
# From issue 12 on (additive, schema_version unchanged): the region the emergency numbers in the
# text come from, right after lang; all three are null when no region is known.
REGION = {"region": type(None), "emergency_number": type(None), "advice_number": type(None)}
SOURCE = {"id": str, "title": str, "url": str, "publisher": str, "year": (int, type(None))}
FAQ_ITEM = {
    "id": str,
    "question": str,
    "answer": str,
    "short_answer": str,
    "score": (float, type(None)),
    "tags": list,
    "sources": list,
    "reviewed": str,
}
MATCH = {
    "name": str,
    "brand_names": list,
    "class": str,
    "cause": str,
    "strength": str,
    "note": (str, type(None)),
}


def has(obj: dict[str, Any], shape: dict[str, Any]) -> None:
    for key, kind in shape.items():
        assert key in obj, f"missing key {key!r}"
        assert isinstance(obj[key], kind), f"{key!r} is {type(obj[key]).__name__}"


def envelope(doc: dict[str, Any], command: str, version: int = 1) -> None:
    has(doc, ENVELOPE | REGION)
    assert list(doc)[:6] == [*ENVELOPE, *REGION]
    assert doc["schema_version"] == version
    assert doc["command"] == command
    assert doc["lang"] == "en"


def test_faq_search(run) -> None:
    doc = run.json("faq", "leaking", "after", "sex")
    envelope(doc, "faq")
    has(doc, {"query": str, "results": list})
    scores = [item["score"] for item in doc["results"]]
    assert scores == sorted(scores, reverse=True)  # best first
    for item in doc["results"]:
        has(item, FAQ_ITEM)
        for source in item["sources"]:
            has(source, SOURCE)


def test_faq_search_adds_answer_and_elsewhere(run) -> None:
    """Issue 15, additive: `answer` is the entry shown first (or null), `elsewhere` another kind
    of entry that fits far better (or null)."""
    doc = run.json("faq", "why", "do", "i", "leak", "after", "sex")
    has(doc["answer"], FAQ_ITEM)
    assert doc["answer"] == doc["results"][0] and doc["elsewhere"] is None
    assert run.json("faq", "milk", "after", "sex", "--list")["answer"] is None


def test_search(run) -> None:
    doc = run.json("search", "stress")
    envelope(doc, "search")
    has(doc, {"query": str, "results": list})
    scores = [row["score"] for row in doc["results"]]
    assert scores == sorted(scores, reverse=True)
    for row in doc["results"]:
        assert list(row) == ["kind", "id", "title", "summary", "score", "command"]
        assert row["kind"] in {"faq", "cause", "medicine", "sign"}


def test_faq_id_has_the_same_shape_with_one_result(run) -> None:
    doc = run.json("faq", "men")
    envelope(doc, "faq")
    assert doc["query"] == "men"
    assert len(doc["results"]) == 1
    has(doc["results"][0], FAQ_ITEM)


def test_faq_list(run) -> None:
    doc = run.json("faq")
    envelope(doc, "faq")
    assert doc["query"] is None


def test_causes(run) -> None:
    doc = run.json("causes", "pituitary")
    envelope(doc, "causes")
    has(doc, {"query": str, "results": list})
    for item in doc["results"]:
        has(item, {"id": str, "name": str, "category": str, "summary": str})
        assert "score" in item and "matched_medicine" in item


def test_causes_drug(run) -> None:
    doc = run.json("causes", "--drug", "Prozac")
    envelope(doc, "causes", version=2)  # 2: several names, groups, "did you mean"
    assert doc["drugs"] == ["Prozac"]
    [answer] = doc["results"]
    has(answer, {"query": str, "found": str, "message": str})
    assert answer["found"] == "medicine" and answer["suggestion"] is None
    has(answer["match"], MATCH)
    assert answer["match"]["name"] == "fluoxetine"
    assert answer["medicine_class"] is None


def test_causes_drug_class_and_several(run) -> None:
    result = run("causes", "--drug", "SSRI, Prozac", "--drug", "promethazine", "-f", "json")
    assert result.exit_code == 1  # one name was not found
    import json

    doc = json.loads(result.stdout)
    assert doc["drugs"] == ["SSRI", "Prozac", "promethazine"]
    group, prozac, near = doc["results"]
    assert group["found"] == "class" and group["match"] is None
    has(group["medicine_class"], {"id": str, "name": str, "medicines": list, "sources": list})
    for member in group["medicine_class"]["medicines"]:
        has(member, MATCH)
    assert prozac["found"] == "medicine"
    assert near == near | {"found": "not_found", "match": None, "suggestion": "promazine"}


def test_causes_drug_unknown_is_null_match(run) -> None:
    result = run("causes", "--drug", "paracetamol", "--format", "json")
    assert result.exit_code == 1
    import json

    doc = json.loads(result.stdout)
    envelope(doc, "causes", version=2)
    [answer] = doc["results"]
    assert answer["found"] == "not_found" and answer["match"] is None


def test_check(run) -> None:
    doc = run.json("check", "-a", "sex=male", "-a", "discharge=milky", "-a", "age_group=teen")
    # schema_version 2 (issue 13): complete, act_within, not_asked_that_matter and details,
    # safety_net; "don't know" answers are kept in `answers` as "unknown".
    envelope(doc, "check", version=2)
    has(
        doc,
        {
            "answers": dict,
            "urgency": str,
            "urgency_label": str,
            "urgency_action": str,
            "act_within": (str, type(None)),
            "red_flags": list,
            "possible_causes": list,
            "next_steps": list,
            "unknown_that_matter": list,
            "unknown_details": list,
            "complete": bool,
            "not_asked_that_matter": list,
            "not_asked_details": list,
            "safety_net": list,
            "disclaimer": str,
        },
    )
    assert doc["complete"] is False and "sudden_severe_headache" in doc["not_asked_that_matter"]
    for detail in doc["not_asked_details"]:
        has(detail, {"id": str, "label": str, "prompt": str, "could_raise_to": str})
    assert doc["urgency"] in ("emergency", "urgent", "routine", "self-care")
    for flag in doc["red_flags"]:
        has(flag, {"id": str, "text": str, "tier": str})
    for cause in doc["possible_causes"]:
        has(cause, {"id": str, "name": str, "score": int, "because": list, "against": list})
    assert all(isinstance(q, str) for q in doc["unknown_that_matter"])


def test_when_to_worry(run) -> None:
    doc = run.json("when-to-worry")
    envelope(doc, "when-to-worry")
    assert [tier["urgency"] for tier in doc["tiers"]] == [
        "emergency",
        "urgent",
        "routine",
        "self-care",
    ]
    for tier in doc["tiers"]:
        has(tier, {"urgency": str, "label": str, "signs": list})
        for sign in tier["signs"]:
            has(sign, {"id": str, "text": str, "reason": str})


def test_non_ascii_is_kept_not_escaped(run) -> None:
    result = run("when-to-worry", "--format", "json")
    assert "°C" in result.stdout and "\\u00b0" not in result.stdout


def test_handout(run) -> None:
    doc = run.json("handout", "prolactinoma", "when-to-worry")
    envelope(doc, "handout")
    assert list(doc) == [
        "schema_version", "command", "lang", "region", "emergency_number", "advice_number",
        "topics", "title", "printed", "reviewed",
        "sections", "sources", "sources_total", "disclaimer",
    ]  # fmt: skip
    assert doc["topics"] == ["prolactinoma", "when-to-worry"]
    for section in doc["sections"]:
        assert list(section) == [
            "id", "title", "subtitle", "lead", "body", "parts", "groups", "tiers", "safety",
            "sources", "reviewed",
        ]  # fmt: skip
    for source in doc["sources"]:
        has(source, SOURCE)
    for tier in doc["sections"][1]["tiers"]:
        has(tier, {"urgency": str, "label": str, "action": str, "signs": list})
