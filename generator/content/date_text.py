"""Dates as people write them ("4 Juli 2025", "04/07/2025"), read so a message can offer the ISO form.

Only what is unambiguous in Indonesia is read: day before month (the country's own order), a month
by its Indonesian or English name or their usual short forms, and a four-digit year. A weekday in
front ("Jumat, 4 Juli 2025") is allowed and ignored.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    **dict.fromkeys(("januari", "january", "jan"), 1),
    **dict.fromkeys(("februari", "pebruari", "february", "feb", "peb"), 2),
    **dict.fromkeys(("maret", "march", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("juni", "june", "jun"), 6),
    **dict.fromkeys(("juli", "july", "jul"), 7),
    **dict.fromkeys(("agustus", "august", "agu", "agt", "ags", "aug"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "october", "okt", "oct"), 10),
    **dict.fromkeys(("november", "nopember", "nov", "nop"), 11),
    **dict.fromkeys(("desember", "december", "des", "dec"), 12),
}
_WEEKDAY = r"(?:[A-Za-z']+,?\s+)?"
_NAMED = re.compile(rf"{_WEEKDAY}(?P<day>[0-9]{{1,2}})\s+(?P<month>[A-Za-z]+)\.?\s+(?P<year>[0-9]{{4}})")
_NUMERIC = re.compile(r"(?P<day>[0-9]{1,2})(?P<sep>[/.-])(?P<month>[0-9]{1,2})(?P=sep)(?P<year>[0-9]{4})")


def written_date(text: str) -> dt.date | None:
    """The date that `text` writes out, or None when it is not such a date (or no real day)."""
    text = text.strip()
    named = _NAMED.fullmatch(text)
    if named is not None:
        month = _MONTHS.get(named["month"].casefold())
        return _day(int(named["year"]), month, int(named["day"])) if month else None
    numeric = _NUMERIC.fullmatch(text)
    if numeric is not None:
        return _day(int(numeric["year"]), int(numeric["month"]), int(numeric["day"]))
    return None


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
