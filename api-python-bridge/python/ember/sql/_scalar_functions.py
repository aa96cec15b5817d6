"""Scalar functions PySpark has that are calls of Ember's SQL functions by name: comparisons across columns
(``greatest``, ``least``), null handling (``nullif``, ``nvl``, ``ifnull``), math (``pmod``, ``bround``), strings
(``locate``, ``position``, ``repeat``, ``replace``, ``translate``, ``substr``, ``btrim``), dates (``date_trunc``,
``trunc``, ``last_day``, ``next_day``, ``make_date``, ``months_between``) and ``array_repeat``.
``ember.sql.functions`` exports them, as ``pyspark.sql.functions`` does. Each builds the call the analyzer resolves
through the same registry as SQL, so ``F.greatest("a", "b")`` and ``F.expr("greatest(a, b)")`` check their
arguments and compute alike."""

from __future__ import annotations

from typing import Optional, Union

from ember.errors import PySparkValueError
from ember.sql._binary_functions import _fn
from ember.sql.column import Column, _to_col

ColumnOrName = Union[Column, str]

__all__ = ["array_repeat", "bround", "btrim", "date_trunc", "greatest", "ifnull", "last_day", "least", "locate",
           "make_date", "months_between", "next_day", "nullif", "nvl", "pmod", "position", "repeat", "replace",
           "substr", "translate", "trunc"]


def _value(value: Union[ColumnOrName, int, float]) -> Union[Column, int, float]:
    """A column for a Column or a column name; a number stays a literal."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else _to_col(value)


def _at_least_two(name: str, cols: tuple) -> list:
    if len(cols) < 2:
        raise PySparkValueError("[WRONG_NUM_COLUMNS] Function `%s` should take at least 2 columns." % name,
                                "WRONG_NUM_COLUMNS")
    return [_to_col(c) for c in cols]


def greatest(*cols: ColumnOrName) -> Column:
    """The greatest value of the columns, skipping nulls (null only when all are null)."""
    return _fn("greatest", *_at_least_two("greatest", cols))


def least(*cols: ColumnOrName) -> Column:
    """The least value of the columns, skipping nulls (null only when all are null)."""
    return _fn("least", *_at_least_two("least", cols))


def nullif(col1: ColumnOrName, col2: ColumnOrName) -> Column:
    """Null when ``col1`` equals ``col2``, else ``col1``."""
    return _fn("nullif", _to_col(col1), _to_col(col2))


def nvl(col1: ColumnOrName, col2: ColumnOrName) -> Column:
    """``col2`` when ``col1`` is null, else ``col1``."""
    return _fn("nvl", _to_col(col1), _to_col(col2))


def ifnull(col1: ColumnOrName, col2: ColumnOrName) -> Column:
    """``col2`` when ``col1`` is null, else ``col1`` (the same as :func:`nvl`)."""
    return _fn("ifnull", _to_col(col1), _to_col(col2))


def pmod(dividend: Union[ColumnOrName, float], divisor: Union[ColumnOrName, float]) -> Column:
    """The positive value of ``dividend`` mod ``divisor``; null for a divisor of 0 outside ANSI mode."""
    return _fn("pmod", _value(dividend), _value(divisor))


def bround(col: ColumnOrName, scale: int = 0) -> Column:
    """Rounded to ``scale`` decimal places with HALF_EVEN rounding (banker's rounding)."""
    return _fn("bround", _to_col(col), scale)


def locate(substr: str, str: ColumnOrName, pos: int = 1) -> Column:  # noqa: A002  (PySpark's parameter name)
    """The 1-based position of the first occurrence of ``substr`` in ``str`` at or after ``pos``; 0 when absent."""
    return _fn("locate", substr, _to_col(str), pos)


def position(substr: ColumnOrName, str: ColumnOrName,  # noqa: A002  (PySpark's parameter name)
             start: Optional[ColumnOrName] = None) -> Column:
    """The 1-based position of the first occurrence of ``substr`` in ``str`` after ``start``; 0 when absent."""
    if start is None:
        return _fn("position", _to_col(substr), _to_col(str))
    return _fn("position", _to_col(substr), _to_col(str), _to_col(start))


def repeat(col: ColumnOrName, n: Union[ColumnOrName, int]) -> Column:
    """The string repeated ``n`` times."""
    return _fn("repeat", _to_col(col), _value(n))


def replace(src: ColumnOrName, search: ColumnOrName, replace: Optional[ColumnOrName] = None) -> Column:
    """``src`` with every occurrence of ``search`` replaced by ``replace`` (removed when it is not given)."""
    if replace is None:
        return _fn("replace", _to_col(src), _to_col(search))
    return _fn("replace", _to_col(src), _to_col(search), _to_col(replace))


def translate(srcCol: ColumnOrName, matching: str, replace: str) -> Column:  # noqa: N803  (PySpark's names)
    """Each character of ``srcCol`` found in ``matching`` replaced by the character at the same place in
    ``replace`` (removed when ``replace`` is shorter)."""
    return _fn("translate", _to_col(srcCol), matching, replace)


def substr(str: ColumnOrName, pos: ColumnOrName,  # noqa: A002  (PySpark's parameter name)
           len: Optional[ColumnOrName] = None) -> Column:  # noqa: A002
    """The substring of ``str`` from 1-based ``pos``, ``len`` characters long (to the end when not given)."""
    if len is None:
        return _fn("substr", _to_col(str), _to_col(pos))
    return _fn("substr", _to_col(str), _to_col(pos), _to_col(len))


def btrim(str: ColumnOrName, trim: Optional[ColumnOrName] = None) -> Column:  # noqa: A002
    """``str`` without the leading and trailing characters of ``trim`` (spaces when it is not given)."""
    if trim is None:
        return _fn("btrim", _to_col(str))
    return _fn("btrim", _to_col(str), _to_col(trim))


def date_trunc(format: str, timestamp: ColumnOrName) -> Column:  # noqa: A002  (PySpark's parameter name)
    """The timestamp truncated to the unit ``format`` ('year', 'quarter', 'month', 'week', 'day', 'hour', ...)."""
    return _fn("date_trunc", format, _to_col(timestamp))


def trunc(date: ColumnOrName, format: str) -> Column:  # noqa: A002  (PySpark's parameter name)
    """The date truncated to the unit ``format`` ('year', 'yyyy', 'yy', 'quarter', 'month', 'mon', 'mm', 'week')."""
    return _fn("trunc", _to_col(date), format)


def last_day(date: ColumnOrName) -> Column:
    """The last day of the month the date belongs to."""
    return _fn("last_day", _to_col(date))


def next_day(date: ColumnOrName, dayOfWeek: str) -> Column:  # noqa: N803  (PySpark's parameter name)
    """The first date later than ``date`` that falls on ``dayOfWeek`` ('Mon', 'Tue', ...)."""
    return _fn("next_day", _to_col(date), dayOfWeek)


def make_date(year: ColumnOrName, month: ColumnOrName, day: ColumnOrName) -> Column:
    """The date of the given year, month and day columns."""
    return _fn("make_date", _to_col(year), _to_col(month), _to_col(day))


def months_between(date1: ColumnOrName, date2: ColumnOrName, roundOff: bool = True) -> Column:  # noqa: N803
    """Months from ``date2`` to ``date1``: whole months when both are the same day of the month or both the last
    day, else a fraction over a 31-day month, rounded to 8 digits unless ``roundOff`` is False."""
    return _fn("months_between", _to_col(date1), _to_col(date2), roundOff)


def array_repeat(col: ColumnOrName, count: Union[ColumnOrName, int]) -> Column:
    """An array holding the value ``count`` times."""
    return _fn("array_repeat", _to_col(col), _value(count))
