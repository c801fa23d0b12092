"""Tab order that follows what the eye sees (issue 12, WCAG 2.4.3 "focus order").

Qt's focus chain is the order in which widgets were made; a button box's buttons keep the
order they were added in, whatever order the platform lays them out in. These helpers put
the chain back in visual order.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QWidget


def chain(*widgets: QWidget) -> None:
    """Tab goes from each widget to the next, in the order given (the first keeps its
    place in the window's chain; the others follow it)."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)


def buttons_by_position(box: QDialogButtonBox) -> list[QAbstractButton]:
    """The buttons of ``box`` in the order its layout shows them (left to right, or top to
    bottom): the platform's button order, not the order they were added in."""
    layout = box.layout()
    found: list[QAbstractButton] = []
    if layout is None:
        return found
    for index in range(layout.count()):
        item = layout.itemAt(index)
        widget = item.widget() if item is not None else None
        if isinstance(widget, QAbstractButton):
            found.append(widget)
    return found


def order_buttons(box: QDialogButtonBox, after: QWidget | None = None) -> None:
    """Tab through ``box``'s buttons in the order they are shown, right after ``after``
    (if given; else after the first shown button's place in the chain)."""
    buttons = buttons_by_position(box)
    if after is not None:
        buttons.insert(0, after)  # type: ignore[arg-type]
    chain(*buttons)
