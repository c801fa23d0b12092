"""Deadlines the app suggests itself, from the dates recorded on a case.

* LKOG: a complaint about unwanted behaviour can be filed up to two years after the incident.
* Wet bescherming klokkenluiders, internal procedure: the organisation acknowledges a report
  within 7 days and gives its position within 3 months after that acknowledgement.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from vp_desktop.i18n import N_, _

from .model import Case

STATUTORY_KIND = "wettelijke_termijn"  # the follow-up kind of these deadlines
LKOG_KEY = "lkog_termijn"
WBK_ACK_KEY = "wbk_ontvangstbevestiging"
WBK_POSITION_KEY = "wbk_standpunt"


@dataclass(frozen=True)
class SuggestedDeadline:
    key: str
    what: str
    due: date


def add_months(d: date, months: int) -> date:
    month_index = d.month - 1 + months
    year, month = d.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def shown_what(what: str, kind: str) -> str:
    """A follow-up's text as shown on screen: the deadlines the app suggests are stored in
    Dutch (their text is their msgid) and shown in the interface language; what the user
    typed is shown as typed."""
    return _(what) if kind == STATUTORY_KIND else what


def statutory_deadlines(case: Case) -> list[SuggestedDeadline]:
    """The deadlines to track for a case; none once it is closed (the VP's work has ended)."""
    found: list[SuggestedDeadline] = []
    if case.status != "open":
        return found
    if case.incident_date and "ongewenst_gedrag" in case.domains:
        found.append(
            SuggestedDeadline(
                LKOG_KEY,
                N_("Uiterste datum klacht bij LKOG (2 jaar na incident)"),
                add_months(case.incident_date, 24),
            )
        )
    if case.report_date and "misstand" in case.domains:
        if case.acknowledged_date is None:
            found.append(
                SuggestedDeadline(
                    WBK_ACK_KEY,
                    N_("Organisatie bevestigt ontvangst van de melding (7 dagen)"),
                    case.report_date + timedelta(days=7),
                )
            )
        ack = case.acknowledged_date or case.report_date + timedelta(days=7)
        found.append(
            SuggestedDeadline(
                WBK_POSITION_KEY,
                N_("Organisatie geeft standpunt over de melding (3 maanden na bevestiging)"),
                add_months(ack, 3),
            )
        )
    return found
