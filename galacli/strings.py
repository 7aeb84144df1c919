"""Interface strings by language. Knowledge text lives in YAML; these are the words around it."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "disclaimer": (
            "This is information, not a diagnosis. It does not replace a doctor, nurse or "
            "pharmacist who can examine you. If you are worried, or things change, get checked."
        ),
        "safety_rule": (
            "Do not stop or change a prescribed medicine without talking to the person who "
            "prescribed it first. Some medicines are dangerous to stop suddenly, and your "
            "prescriber can check your prolactin, adjust the dose or switch you to another option."
        ),
        "drug_found_raises": "{name} is known to raise prolactin ({strength}).",
        "drug_found_none": "{name} is not known to raise prolactin.",
        "drug_found_lowers": "{name} lowers prolactin: it is a treatment, not a cause.",
        "drug_found_unclear": "{name}: the evidence that it raises prolactin is weak or mixed.",
        "drug_not_found": (
            "'{name}' is not in galacli's table of medicines known to raise prolactin. That does "
            "not prove it is safe or that it cannot cause discharge: ask a pharmacist or doctor."
        ),
        "drug_typo": "Showing {name} (closest match to '{query}').",
        "strength_high": "often raises prolactin",
        "strength_moderate": "sometimes raises prolactin",
        "strength_low": "occasionally raises prolactin",
        "strength_listed": "listed as a possible cause; how often is not known",
        "strength_unclear": "evidence weak or mixed",
        "strength_none": "not known to raise prolactin",
        "strength_lowers": "lowers prolactin (a treatment)",
        "fit_well": "fits well",
        "fit_partly": "fits partly",
        "fit_little": "fits a little",
        "h_short_answer": "In short",
        "h_answer": "Answer",
        "h_related": "Related questions",
        "h_sources": "Sources",
        "h_reviewed": "Reviewed",
        "h_causes": "Causes",
        "h_summary": "Summary",
        "h_mechanism": "How it happens",
        "h_notice": "Clues you might notice",
        "h_doctor_checks": "What a doctor usually checks",
        "h_what_helps": "What helps",
        "h_how_common": "How common",
        "h_when_to_worry": "When to worry",
        "h_medicines": "Medicines and substances",
        "h_matched_medicine": "Matched medicine",
        "h_class": "Type",
        "h_brands": "Brand names",
        "h_effect": "Effect on prolactin",
        "h_note": "Note",
        "h_safety": "Important",
        "h_urgency": "How soon to see someone",
        "h_why_tier": "Why",
        "h_red_flags": "Warning signs in your answers",
        "h_reassuring": "What sounds reassuring",
        "h_possible_causes": "Possible causes (ranked, not probabilities)",
        "h_because": "fits because",
        "h_against": "against",
        "h_next_steps": "Next steps",
        "h_unknown": "Questions that could change this answer",
        "h_medicines_matched": "Medicines we recognised",
        "h_medicines_unknown": "Not in galacli's medicine table",
        "h_answers": "Your answers",
        "h_rerun": "To run this check again",
        "h_disclaimer": "Please note",
        "h_questions": "Questions in the check",
        "h_values": "Answers",
        "h_why_ask": "Why we ask",
        "h_when_to_worry_title": "When to worry",
        "h_disagreement": "Where sources disagree",
        "h_reason": "Why",
        "h_what_to_do": "What to do",
        "h_category": "Group",
        "h_addition": "(added from further sources)",
        "h_score": "score",
        "none_answered": "(none answered)",
        "unknown_raises_to": "could make this {tier}",
        "reason_signs": "Because of: {signs}.",
        "reason_default": (
            "No warning sign or reassuring pattern matched your answers, so galacli suggests a "
            "routine check. Answering more questions can make this more precise."
        ),
        "reason_self_care": "Your answers match a pattern that is usually normal: {signs}.",
        "reason_self_care_blocked": (
            "Your answers match a pattern that is usually normal ({signs}), but some questions "
            "that could show a warning sign are not answered yet. Until they are, galacli "
            "suggests a routine check."
        ),
        "scores_note": (
            "Causes are ranked by how well your answers fit. This is not a diagnosis and not a "
            "percentage chance."
        ),
        "no_causes": "Your answers do not point to a particular cause yet.",
        "did_you_mean": "Did you mean: {options}?",
        "faq_not_found": "No question matches '{query}'.",
        "faq_id_hint": "List every question with: galacli faq",
        "cause_not_found": "No cause matches '{query}'.",
        "cause_id_hint": "List every cause with: galacli causes",
        "source_not_found": "No source has the id '{query}'.",
        "source_id_hint": "List every source with: galacli sources",
        "h_cited_by": "Cited by",
        "h_publisher": "Publisher",
        "h_year": "Year",
        "h_link": "Link",
        "h_sources_title": "Sources",
        "unknown_tier": "Unknown tier '{tier}'. Choose one of: {tiers}.",
        "bad_answer_format": (
            "Answers look like KEY=VALUE, for example -a sex=female (got '{text}')."
        ),
        "unknown_question": "Unknown question '{key}'.",
        "questions_hint": "See every question and its values with: galacli check --questions",
        "bad_value": "'{value}' is not an answer to '{key}'. Choose one of: {values}.",
        "derived_question": "'{key}' is worked out by galacli; answer 'medications' instead.",
        "answers_file_mapping": "must be a mapping of question ids to answers",
        "lang_fallback": (
            "galacli: the language '{lang}' from your environment is not available; using English."
        ),
        "lang_unsupported": "Unsupported language '{lang}'. Choose one of: {langs}.",
        "interrupted": "Stopped.",
        "no_input": (
            "No answers given and input is not interactive. Give answers with -a KEY=VALUE or "
            "--answers FILE (see galacli check --questions)."
        ),
        "prompt_choose": "Choose a number",
        "prompt_keys": "d = don't know, ? = why we ask, b = back",
        "prompt_list_keys": "Enter = skip, ? = why we ask, b = back",
        "prompt_invalid": "Please type one of the numbers, d, ? or b.",
        "dont_know": "Don't know",
        "interview_intro": (
            "galacli check: a few questions about the fluid and your health. Every question can "
            "be skipped with 'd' (don't know). Nothing you type is saved or sent anywhere."
        ),
        "interview_emergency_stop": "This answer is a warning sign that needs help now.",
        "version": "galacli {version} (knowledge {knowledge})",
    },
}

LANGS = tuple(STRINGS)


def text(message: str, lang: str, /, **values: object) -> str:
    """The interface string `message` in `lang` (English where missing), filled with `values`."""
    table = STRINGS.get(lang, STRINGS["en"])
    template = table.get(message) or STRINGS["en"][message]
    return template.format(**values) if values else template
