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
        "drug_found_high": "{name} often raises prolactin.",
        "drug_found_moderate": "{name} sometimes raises prolactin.",
        "drug_found_low": "{name} rarely raises prolactin.",
        "drug_found_listed": (
            "{name} is named as a possible cause of raised prolactin, but how often is not known."
        ),
        "drug_found_unclear": "{name}: the evidence that it raises prolactin is weak or mixed.",
        "drug_found_none": "{name} is not known to raise prolactin.",
        "drug_found_lowers": "{name} can lower prolactin: it is a treatment, not a cause.",
        "drug_found_can_lower": "{name} rarely raises prolactin, and it can lower prolactin.",
        "drug_found_class": (
            "{name} is a group of {count} medicines in galacli's table. They differ: some raise "
            "prolactin often, some rarely or not at all. Find yours in the list."
        ),
        "drug_not_found": (
            "'{name}' is not in galacli's table of medicines known to raise prolactin. That does "
            "not prove it is safe or that it cannot cause discharge: ask a pharmacist or doctor."
        ),
        "drug_did_you_mean": (
            "'{name}' was not found. Did you mean {suggestion}? Check the spelling on the box or "
            "the leaflet, then look it up by that name."
        ),
        "h_did_you_mean": "Did you mean",
        "confirm_medicine": "'{name}' is not in galacli's table. Did you mean {suggestion}? (y/n)",
        "validate_ok": "No problems: {files} files, {entries} entries checked.",
        "validate_problems": "{count} problem(s) in {files} file(s).",
        "strength_high": "often raises prolactin",
        "strength_moderate": "sometimes raises prolactin",
        "strength_low": "rarely raises prolactin",
        "strength_listed": "listed as a possible cause; how often is not known",
        "strength_unclear": "evidence weak or mixed",
        "strength_none": "not known to raise prolactin",
        "strength_lowers": "can lower prolactin (a treatment)",
        "fit_well": "fits well",
        "fit_partly": "fits partly",
        "common_for_you": "No answer points to a cause yet. This is one of the more common causes for people like you.",
        "medicine_lowers": "You named {medicines}, which can lower prolactin.",
        "fit_little": "fits a little",
        "h_short_answer": "In short",
        "h_related": "Related questions",
        "h_sources": "Sources",
        "h_reviewed": "Reviewed",
        "h_causes": "Causes",
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
        "h_when_to_worry_title": "When to worry",
        "h_disagreement": "Where sources disagree",
        "h_reason": "Why",
        "h_addition": "(added from further sources)",
        "none_answered": "(none answered)",
        "unknown_raises_to": "(could make this: {tier})",
        "tier_tag": "[{label}]",
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
        "search_not_found": "Nothing in galacli matches '{query}'.",
        "query_empty": "Give some words to search for, or an id.",
        "search_hint": "galacli is about milk or fluid from the nipple. List every question with: galacli faq",
        "closest_topics": "Closest topics: {topics}",
        "elsewhere": "A {kind} may fit better: {title} ({command})",
        "kind_faq": "question",
        "kind_cause": "cause",
        "kind_medicine": "medicine",
        "kind_sign": "warning sign",
        "kind_title_faq": "Question",
        "kind_title_cause": "Cause",
        "kind_title_medicine": "Medicine",
        "kind_title_sign": "Warning sign",
        "h_search": "Search results",
        "h_other_questions": "Other questions that may fit",
        "source_not_found": "No source has the id '{query}'.",
        "source_id_hint": "List every source with: galacli sources",
        "h_cited_by": "Cited by",
        "h_publisher": "Publisher",
        "h_year": "Year",
        "h_link": "Link",
        "h_kind": "Kind",
        "h_page": "Publisher's page",
        "kind_guideline": "guideline",
        "kind_consensus": "consensus statement",
        "kind_systematic-review": "systematic review",
        "kind_review": "review",
        "kind_health-authority": "health authority",
        "kind_textbook": "textbook",
        "kind_drug-label": "drug label",
        "kind_article": "article",
        "kind_other": "other",
        "sources_clean": "No registry problems: {count} sources checked.",
        "bad_answer_format": (
            "Answers look like KEY=VALUE, for example -a sex=female (got '{text}')."
        ),
        "unknown_question": "Unknown question '{key}'.",
        "questions_hint": "See every question and its values with: galacli check --questions",
        "bad_value": "'{value}' is not an answer to '{key}'. Choose one of: {values}.",
        "derived_question": "'{key}' is worked out by galacli; answer 'medications' instead.",
        "answers_file_mapping": "must be a mapping of question ids to answers",
        "answer_repeated": (
            "'{key}' is answered more than once. Give one answer per question (a list of "
            "medicines goes in one answer: -a medications='a, b')."
        ),
        "answer_duplicate_key": "{where}: '{key}' is answered more than once.",
        "answer_not_one": "'{key}' takes one answer, not a list.",
        "input_ended": "input ended before the check was finished",
        "query_too_long": (
            "The search is too long: use at most {words} words and {chars:,} characters."
        ),
        "answer_too_long": "The answer to '{key}' is too long (limit {chars:,} characters).",
        "answer_not_text": (
            "The answer to '{key}' must be a word, or for medications a list of names, "
            "not a nested list or mapping."
        ),
        "lang_fallback": (
            "galacli: the language '{lang}' from your environment is not available; using English."
        ),
        "lang_unsupported": "Unsupported language '{lang}'. Choose one of: {langs}.",
        "lang_traditional": (
            "galacli: there is no Traditional Chinese text ('{lang}'); showing Simplified Chinese."
        ),
        "region_unknown": (
            "Unknown region '{region}'. Choose one of: {known} (ISO 3166 codes, any case)."
        ),
        "region_fallback": (
            "galacli: the region '{region}' from GALACLI_REGION is not known (known: {known}); "
            "using 'your local emergency number'."
        ),
        "interrupted": "Stopped.",
        "no_input": (
            "No answers given and input is not interactive. Give answers with -a KEY=VALUE or "
            "--answers FILE (see galacli check --questions)."
        ),
        "dont_know": "Don't know",
        "interview_intro": (
            "galacli check: a few questions about the fluid and your health. You can answer any "
            "question with 'd' (don't know), and stop at any time with 'q'. Nothing you type is "
            "saved or sent anywhere."
        ),
        "interview_emergency_stop": (
            "This answer is a warning sign that needs help now: call {emergency_number} or go to "
            "the emergency department."
        ),
        "version": "galacli {version} (knowledge {knowledge})",
        "output_failed": "galacli: cannot write the output: {reason}.",
        "stdout_closed": "standard output is closed",
        "bad_source_date_epoch": (
            "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 up to the year 9999, "
            "not '{value}'."
        ),
        "version_pack": "galacli {version} (knowledge {knowledge}, with the pack {pack})",
        "pack_in_use": "galacli: using the knowledge pack {pack} (knowledge {version}).",
        "overrides_label": "Local rules",
        "overrides_notice": (
            "This knowledge pack changes galacli's safety rules on purpose, so its advice on how "
            "soon to see someone may differ from galacli's: {changes}."
        ),
        "cannot_encode": (
            "galacli: this terminal's encoding ({encoding}) cannot show every character; some are "
            "replaced with '?'. Set LANG=C.UTF-8 (or another UTF-8 locale) to see them."
        ),
        "handout_title": "Milk or fluid from the nipple (galactorrhea)",
        "handout_printed": "Printed on {date}",
        "handout_reviewed": "Facts reviewed up to {date}",
        "h_what_is": "What galactorrhea is",
        "h_common_causes": "Common causes",
        "h_doctor_does": "What a doctor does",
        "h_tiers_lead": "Find the first box that fits. It says how soon to get help.",
        "h_main_sources": "Main sources",
        "sources_cover_note": (
            "Each point in this handout comes from at least one of these sources. In all, the "
            "points cite {total} sources: the command galacli sources lists every one."
        ),
        "h_cited": "Sources",
        "handout_not_found": "There is no handout topic '{query}'.",
        "handout_topic_hint": (
            "A topic is faq, causes, when-to-worry, a question id (see galacli faq) or a cause id "
            "(see galacli causes)."
        ),
        "handout_ambiguous": (
            "'{topic}' is both a question and a cause. Say faq:{topic} or cause:{topic}."
        ),
        "handout_all_and_topics": "Give topics or --all, not both.",
        "output_unwritable": "Cannot write {path}: {reason}.",
        "handout_written": "galacli: wrote the handout to {path}.",
        "made_by": "Made with galacli, offline.",
        # check --brief, faq ID --brief (issue 12)
        "h_why": "Why",
        "h_what_to_do": "What to do",
        "h_could_change": "What could change this",
        "brief_more": "For the full result, run the same command without --brief.",
        "faq_brief_more": "The full answer and its sources: galacli faq {id}",
        "calm_lead": "Your answers match a pattern that is usually normal:",
        "could_make": "Could make this {tier}: {questions}",
        "calm_blocked_lead": (
            "Your answers match a pattern that is usually normal, but some questions that could "
            "show a warning sign are not answered yet. Until they are, galacli suggests a routine "
            "check."
        ),
        # triage v2 (issue 13): what was not asked, and the safety net
        "safety_net_if": "{sign} If so: {action}",
        "safety_net_general": (
            "If anything changes (the fluid turns bloody, comes from one side by itself, or you "
            "find a lump), or it keeps going or worries you, see a doctor sooner."
        ),
        "h_safety_net": "What would make this more urgent",
        "incomplete_note": (
            "This result is based only on what you told galacli. Some questions that could "
            'change it were not asked: they are under "What would make this more urgent".'
        ),
        "h_act_within": "When",
        "dont_know_list": 'You answered "don\'t know" to: {questions}.',
        "key_yes_no": "y = yes, n = no",
        "key_choose": "1-{count} = choose",
        "key_dont_know": "d = don't know",
        "key_enter_dont_know": "Enter = don't know",
        "key_help": "? = why we ask",
        "key_back": "b = back",
        "key_quit": "q = quit (or Ctrl-C)",
        "accepted_yes_no": (
            "Please type y or n (yes, no, 1 or 2 also work), d for don't know, ? for why we ask, "
            "b to go back, or q to quit."
        ),
        "accepted_choice": (
            "Please type a number from 1 to {count} (or the answer's words), d for don't know, "
            "? for why we ask, b to go back, or q to quit."
        ),
        "accepted_list": (
            "Please type your answer, d for don't know, ? for why we ask, b to go back, or q to "
            "quit."
        ),
        "accepted_confirm": "Please type y (yes) or n (no), or q to quit.",
        "blank_again": "Nothing was typed.",
        "not_an_answer": "'{reply}' is not an answer to this question.",
        "nothing_before": "This is the first question: there is nothing before it.",
        "confirm_emergency": (
            "You said {value} to '{label}'. That is an emergency sign. Is that right?"
        ),
        "confirm_again": "Then answer this question again.",
        # the visit summary: check -o visit.html (issue 13)
        "visit_title": "For my appointment: milk or fluid from the nipple",
        "visit_intro": (
            "I answered galacli's symptom check before this visit. galacli is an offline "
            "information tool. Below are my answers, what it suggested, and my questions."
        ),
        "h_visit_result": "What galacli suggested",
        "h_visit_answers": "My answers",
        "h_visit_medicines": "Medicines and drugs I named",
        "h_visit_questions": "Questions I would like to ask",
        "visit_you_wrote": "I wrote: {name}",
        "visit_not_known": (
            "not in galacli's medicine table. Please check whether it can raise prolactin."
        ),
        "visit_no_answers": "No answers were given.",
        "visit_written": "galacli: wrote the visit summary to {path}.",
        "visit_not_for_questions": "--format html and -o are for a check result, not --questions.",
        "visit_output_format": (
            "-o/--output writes the visit summary, which is html or markdown, not {format}. "
            "Use --format html or --format markdown, or leave out -o to print {format}."
        ),
    },
    "zh": {
        "disclaimer": "这些是健康信息，不是诊断。它不能代替能为你检查身体的医生、护士或药师。如果你担心，或者情况有变化，请去看医生。",
        "safety_rule": "处方药不要自行停用或更改，一定要先和开药的医生商量。有些药突然停用是危险的；开药的医生可以为你查催乳素、调整剂量或换用其他药物。",
        "drug_found_high": "{name}常常让催乳素升高。",
        "drug_found_moderate": "{name}有时会让催乳素升高。",
        "drug_found_low": "{name}很少让催乳素升高。",
        "drug_found_listed": "{name}被列为催乳素升高的可能原因之一，但发生的频率不明。",
        "drug_found_unclear": "{name}：关于它会升高催乳素的证据很弱或相互矛盾。",
        "drug_found_none": "目前没有发现{name}会升高催乳素。",
        "drug_found_lowers": "{name}可以降低催乳素：它是治疗用药，不是病因。",
        "drug_found_can_lower": "{name}很少让催乳素升高，而且它可以降低催乳素。",
        "drug_found_class": "{name}是一类药物，galacli 的药物表中有 {count} 种。它们各不相同：有的常常让催乳素升高，有的很少或不会。请在下面的列表中找到你用的那一种。",
        "drug_not_found": "“{name}”不在 galacli 已知会升高催乳素的药物表中。这并不能证明它安全，也不能证明它不会引起乳头溢液：请咨询药师或医生。",
        "drug_did_you_mean": "没有找到“{name}”。你是不是想找{suggestion}？请核对药盒或说明书上的药名，再用那个名字查询。",
        "h_did_you_mean": "你是不是想找",
        "confirm_medicine": "galacli 的药物表中没有“{name}”。你是不是想找{suggestion}？（是/否）",
        "validate_ok": "没有发现问题：已检查 {files} 个文件、{entries} 个条目。",
        "validate_problems": "发现 {count} 个问题，涉及 {files} 个文件。",
        "strength_high": "常常升高催乳素",
        "strength_moderate": "有时升高催乳素",
        "strength_low": "很少升高催乳素",
        "strength_listed": "被列为可能的原因，发生频率不明",
        "strength_unclear": "证据弱或相互矛盾",
        "strength_none": "目前没有发现会升高催乳素",
        "strength_lowers": "可以降低催乳素（治疗用药）",
        "fit_well": "很符合",
        "fit_partly": "部分符合",
        "common_for_you": "你的回答还没有指向某个原因。对和你情况相似的人来说，这是比较常见的原因之一。",
        "medicine_lowers": "你提到了 {medicines}，它可能让催乳素降低。",
        "fit_little": "稍有符合",
        "h_short_answer": "简要回答",
        "h_related": "相关问题",
        "h_sources": "资料来源",
        "h_reviewed": "审核日期",
        "h_causes": "原因",
        "h_mechanism": "发生原理",
        "h_notice": "你可能注意到的线索",
        "h_doctor_checks": "医生通常会做的检查",
        "h_what_helps": "有帮助的做法",
        "h_how_common": "有多常见",
        "h_when_to_worry": "什么时候需要担心",
        "h_medicines": "相关药物和物质",
        "h_matched_medicine": "匹配到的药物",
        "h_class": "类别",
        "h_brands": "商品名",
        "h_effect": "对催乳素的影响",
        "h_note": "说明",
        "h_safety": "重要",
        "h_red_flags": "你的回答中的警示信号",
        "h_reassuring": "让人放心的情况",
        "h_possible_causes": "可能的原因（按符合程度排序，不是概率）",
        "h_because": "符合的理由",
        "h_against": "不符合的理由",
        "h_next_steps": "下一步",
        "h_unknown": "可能改变这个结果的问题",
        "h_medicines_matched": "识别出的药物",
        "h_medicines_unknown": "不在 galacli 药物表中",
        "h_answers": "你的回答",
        "h_rerun": "再次运行这次自查",
        "h_disclaimer": "请注意",
        "h_questions": "自查中的问题",
        "h_values": "可选回答",
        "h_when_to_worry_title": "什么时候需要担心",
        "h_disagreement": "资料来源的分歧",
        "h_reason": "原因",
        "h_addition": "（根据更多资料补充）",
        "none_answered": "（未回答任何问题）",
        "unknown_raises_to": "（可能使结果变为：{tier}）",
        "tier_tag": "【{label}】",
        "reason_signs": "原因：{signs}。",
        "reason_default": "你的回答没有符合任何警示信号或通常正常的情况，所以 galacli 建议常规就诊。回答更多问题可以让结果更准确。",
        "reason_self_care": "你的回答符合一种通常正常的情况：{signs}。",
        "reason_self_care_blocked": "你的回答符合一种通常正常的情况（{signs}），但还有一些可能发现警示信号的问题没有回答。在回答之前，galacli 建议常规就诊。",
        "scores_note": "原因按你的回答的符合程度排序。这不是诊断，也不是百分比概率。",
        "no_causes": "根据你目前的回答，还看不出可能是哪种原因。",
        "did_you_mean": "你是不是要找：{options}？",
        "faq_not_found": "没有与“{query}”匹配的问题。",
        "faq_id_hint": "列出所有问题：galacli faq --lang zh",
        "cause_not_found": "没有与“{query}”匹配的原因。",
        "cause_id_hint": "列出所有原因：galacli causes --lang zh",
        "search_not_found": "galacli 里没有与“{query}”匹配的内容。",
        "query_empty": "请输入要搜索的词，或者一个 id。",
        "search_hint": "galacli 讲的是乳头流出乳汁或液体的问题。列出所有问题：galacli faq --lang zh",
        "closest_topics": "最接近的话题：{topics}",
        "elsewhere": "这个{kind}可能更合适：{title}（{command}）",
        "kind_faq": "问题",
        "kind_cause": "原因",
        "kind_medicine": "药物",
        "kind_sign": "警示信号",
        "kind_title_faq": "问题",
        "kind_title_cause": "原因",
        "kind_title_medicine": "药物",
        "kind_title_sign": "警示信号",
        "h_search": "搜索结果",
        "h_other_questions": "其他可能相关的问题",
        "source_not_found": "没有 id 为“{query}”的资料来源。",
        "source_id_hint": "列出所有资料来源：galacli sources",
        "h_cited_by": "引用它的条目",
        "h_publisher": "出版方",
        "h_year": "年份",
        "h_link": "链接",
        "h_kind": "类型",
        "h_page": "出版方页面",
        "kind_guideline": "指南",
        "kind_consensus": "共识",
        "kind_systematic-review": "系统综述",
        "kind_review": "综述",
        "kind_health-authority": "卫生机构",
        "kind_textbook": "教科书",
        "kind_drug-label": "药品说明书",
        "kind_article": "论文",
        "kind_other": "其他",
        "sources_clean": "来源登记没有问题：检查了 {count} 个来源。",
        "bad_answer_format": "回答的格式是 KEY=VALUE，例如 -a sex=female（收到的是“{text}”）。",
        "unknown_question": "未知的问题“{key}”。",
        "questions_hint": "查看所有问题及可选回答：galacli check --questions",
        "bad_value": "“{value}”不是问题“{key}”的有效回答。请选择：{values}。",
        "derived_question": "“{key}”由 galacli 推算得出；请改为回答“medications”。",
        "answers_file_mapping": "必须是问题 id 到回答的映射",
        "answer_repeated": "问题“{key}”被回答了不止一次。每个问题只能给一个回答（多种药物写在同一个回答里：-a medications='a, b'）。",
        "answer_duplicate_key": "{where}：问题“{key}”被回答了不止一次。",
        "answer_not_one": "问题“{key}”只能有一个回答，不能是列表。",
        "input_ended": "检查还没完成，输入就结束了",
        "query_too_long": "搜索内容太长：最多 {words} 个词、{chars:,} 个字符。",
        "answer_too_long": "问题“{key}”的回答太长（最多 {chars:,} 个字符）。",
        "answer_not_text": "问题“{key}”的回答必须是一个词（medications 可以是名称列表），不能是嵌套的列表或映射。",
        "lang_fallback": "galacli：环境中的语言“{lang}”暂不支持，使用英文。",
        "lang_unsupported": "不支持的语言“{lang}”。请选择：{langs}。",
        "lang_traditional": "galacli：暂无繁体中文版本（“{lang}”），以下内容为简体中文。",
        "region_unknown": "未知的地区“{region}”。请选择：{known}（ISO 3166 代码，不区分大小写）。",
        "region_fallback": "galacli：GALACLI_REGION 中的地区“{region}”未知（可选：{known}），将显示“当地的急救电话”。",
        "interrupted": "已停止。",
        "no_input": "没有给出回答，且当前不是交互式输入。请用 -a KEY=VALUE 或 --answers FILE 给出回答（见 galacli check --questions）。",
        "dont_know": "不知道",
        "interview_intro": "galacli 自查：几个关于溢液和你健康状况的问题。每个问题都可以回答 d（不知道），随时可以输入 q 退出。你输入的内容不会被保存或发送到任何地方。",
        "interview_emergency_stop": "这个回答是需要立即求助的警示信号：请拨打{emergency_number}或马上去急诊。",
        "version": "galacli {version}（知识库 {knowledge}）",
        "output_failed": "galacli：无法写出结果：{reason}。",
        "stdout_closed": "标准输出已关闭",
        "bad_source_date_epoch": "SOURCE_DATE_EPOCH 必须是从 1970 年起的整秒数（最晚到 9999 年），不能是“{value}”。",
        "version_pack": "galacli {version}（知识库 {knowledge}，使用知识包 {pack}）",
        "pack_in_use": "galacli：正在使用知识包 {pack}（知识库 {version}）。",
        "overrides_label": "本地规则",
        "overrides_notice": "这个知识包有意更改了 galacli 的安全规则，所以它给出的就医紧急程度可能和 galacli 不同：{changes}。",
        "cannot_encode": "galacli: this terminal's encoding ({encoding}) cannot show Chinese; characters are replaced with '?'. Set LANG=C.UTF-8 (or another UTF-8 locale) to read Chinese. 终端编码无法显示中文，请设置 UTF-8 语言环境。",
        "handout_title": "乳头流奶或溢液（溢乳）",
        "handout_printed": "打印日期：{date}",
        "handout_reviewed": "内容审核截至：{date}",
        "h_what_is": "什么是溢乳",
        "h_common_causes": "常见原因",
        "h_doctor_does": "医生会做什么",
        "h_tiers_lead": "从上往下找到第一个符合你情况的方框，它会告诉你需要多快求助。",
        "h_main_sources": "主要资料来源",
        "sources_cover_note": "这份资料里的每一条内容都至少来自下面的一个资料来源。所有内容一共引用了 {total} 个资料来源：运行 galacli sources 可以查看全部。",
        "h_cited": "资料来源",
        "handout_not_found": "没有名为“{query}”的资料主题。",
        "handout_topic_hint": "主题可以是 faq、causes、when-to-worry、某个问题的 id（见 galacli faq）或某个原因的 id（见 galacli causes）。",
        "handout_ambiguous": "“{topic}”既是一个问题，也是一个原因。请写成 faq:{topic} 或 cause:{topic}。",
        "handout_all_and_topics": "请给出主题或使用 --all，不要同时使用。",
        "output_unwritable": "无法写入 {path}：{reason}。",
        "handout_written": "galacli：资料已写入 {path}。",
        "made_by": "由 galacli 离线生成。",
        # check --brief, faq ID --brief (issue 12)
        "h_why": "为什么",
        "h_what_to_do": "该怎么做",
        "h_could_change": "哪些情况会改变这个结果",
        "brief_more": "去掉 --brief 再运行同一条命令，可以看到完整结果。",
        "faq_brief_more": "完整回答和资料来源：galacli faq {id} --lang zh",
        "calm_lead": "你的回答符合一种通常正常的情况：",
        "could_make": "可能使结果变为{tier}：{questions}",
        "calm_blocked_lead": "你的回答符合一种通常正常的情况，但还有一些可能发现警示信号的问题没有回答。在回答之前，galacli 建议常规就诊。",
        # triage v2 (issue 13)
        "safety_net_if": "{sign}如果是这样：{action}",
        "safety_net_general": "如果情况有变化（溢液变成血性、只从一侧自己流出来，或者摸到肿块），或者一直不好、让你担心，请尽早去看医生。",
        "h_safety_net": "哪些情况需要更快就医",
        "incomplete_note": "这个结果只根据你告诉 galacli 的内容得出。有些可能改变结果的问题没有问到，它们列在“哪些情况需要更快就医”下面。",
        "h_act_within": "什么时候",
        "dont_know_list": "你对这些问题回答了“不知道”：{questions}。",
        "key_yes_no": "y = 是，n = 否",
        "key_choose": "1-{count} = 选择",
        "key_dont_know": "d = 不知道",
        "key_enter_dont_know": "直接回车 = 不知道",
        "key_help": "? = 为什么问这个",
        "key_back": "b = 返回上一题",
        "key_quit": "q = 退出（或按 Ctrl-C）",
        "accepted_yes_no": "请输入 y 或 n（也可以输入 是、否、是的、不是、对、不、1 或 2），d 表示不知道，? 查看为什么问这个，b 返回上一题，q 退出。",
        "accepted_choice": "请输入 1 到 {count} 之间的数字（或者回答的文字），d 表示不知道，? 查看为什么问这个，b 返回上一题，q 退出。",
        "accepted_list": "请输入你的回答，d 表示不知道，? 查看为什么问这个，b 返回上一题，q 退出。",
        "accepted_confirm": "请输入 y（是）或 n（否），或者输入 q 退出。",
        "blank_again": "你还没有输入任何内容。",
        "not_an_answer": "“{reply}”不是这个问题的回答。",
        "nothing_before": "这是第一个问题，前面没有问题了。",
        "confirm_emergency": "你的回答是“{value}”（{label}）。这是一个紧急信号。这样回答对吗？",
        "confirm_again": "那么请重新回答这个问题。",
        # 就诊摘要：check -o visit.html（issue 13）
        "visit_title": "就诊时带给医生：乳头溢乳或溢液",
        "visit_intro": "来看医生之前，我回答了 galacli 的症状自查。galacli 是一个离线的健康信息工具。下面是我的回答、它给出的建议，以及我想问的问题。",
        "h_visit_result": "galacli 给出的建议",
        "h_visit_answers": "我的回答",
        "h_visit_medicines": "我填写的药物和娱乐性药物",
        "h_visit_questions": "我想问医生的问题",
        "visit_you_wrote": "我填写的是：{name}",
        "visit_not_known": "不在 galacli 的药物表中。请帮我确认它是否会升高催乳素。",
        "visit_no_answers": "没有填写任何回答。",
        "visit_written": "galacli：就诊摘要已写入 {path}。",
        "visit_not_for_questions": "--format html 和 -o 只用于自查结果，不能与 --questions 一起使用。",
        "visit_output_format": "-o/--output 写入的是就诊摘要，格式只能是 html 或 markdown，不能是 {format}。请使用 --format html 或 --format markdown；如果要输出 {format}，请去掉 -o。",
    },
}

LANGS = tuple(STRINGS)


def embed(value: str, lang: str) -> str:
    """A name to put between Chinese words: a space on a side where it starts or ends with a
    Latin letter or digit (多潘立酮常常 but 目前没有发现 SARMs 会). Strip the sentence after."""
    if lang != "zh" or not value:
        return value
    left = " " if value[0].isascii() and value[0].isalnum() else ""
    right = " " if value[-1].isascii() and value[-1].isalnum() else ""
    return f"{left}{value}{right}"


def text(message: str, lang: str, /, **values: object) -> str:
    """The interface string `message` in `lang` (English where missing), filled with `values`."""
    table = STRINGS.get(lang, STRINGS["en"])
    template = table.get(message) or STRINGS["en"][message]
    return template.format(**values) if values else template
