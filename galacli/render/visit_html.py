"""The visit summary as one standalone HTML page (a Jinja2 template with autoescaping).

The same machinery and rules as the handouts (render/handout_html.py): the same environment,
whose `finalize` strips control characters from every data value before it is escaped; the
same style sheet, for screen and print (A4 or Letter, whichever the printer uses); no `|safe`,
no scripts, fonts or images, nothing fetched. Only markup the template writes is trusted.
"""

from __future__ import annotations

from galacli.core.records import VisitResult
from galacli.render import handout_html
from galacli.render import visit_parts as parts

TEMPLATE = "templates/visit.html.j2"


def render(result: VisitResult) -> str:
    lang = result.lang
    return handout_html.template(TEMPLATE).render(
        **handout_html.page_context(lang),
        v=result,
        printed=parts.printed(result),
        why=parts.why(result),
        numbers=parts.numbers(result),
        dash=parts.dash(lang),
        medicine_name=parts.medicine_name,
        medicine_detail=parts.medicine_detail,
        not_known=parts.not_known,
    )
