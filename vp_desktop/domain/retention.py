"""Retention: when a closed case's personal content should be destroyed."""

from __future__ import annotations

from datetime import date

from .deadlines import add_months


def default_destroy_after(closed: date, retention_months: int) -> date:
    return add_months(closed, retention_months)


def needs_reason(destroy_after: date | None, closed: date | None, retention_months: int) -> bool:
    """A destroy-after date other than the default must be explained."""
    if destroy_after is None or closed is None:
        return False
    return destroy_after != default_destroy_after(closed, retention_months)
