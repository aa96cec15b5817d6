"""Built-in column functions (``pyspark.sql.functions``), the same set as Ember's Java ``functions``.

Arguments named ``col`` take a Column or a column name, as in PySpark.
"""

from __future__ import annotations

from typing import Any, List, Optional, Union

from ember.errors import PySparkTypeError
from ember.sql.column import Column, _col_expr, _lit_expr, _to_col, _to_expr

ColumnOrName = Union[Column, str]


def _fn(name: str, *args: Any, distinct: bool = False) -> Column:
    return Column({"expr": "call", "name": name, "args": [_to_expr(a) for a in args], "distinct": distinct})


def _c(col: ColumnOrName) -> Column:
    return _to_col(col)


def _cols(cols: tuple) -> List[Column]:
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        cols = tuple(cols[0])
    return [_c(c) for c in cols]


# ---- columns, literals, conditionals ----

def col(col: str) -> Column:
    """The column named ``col`` (``"*"`` for all columns, ``"t.*"`` for those of alias ``t``)."""
    if not isinstance(col, str):
        raise PySparkTypeError("[NOT_STR] Argument `col` should be a str, got %s." % type(col).__name__, "NOT_STR")
    return Column(_col_expr(col))


column = col


def expr(str: str) -> Column:
    """The column of the SQL expression ``str`` (``"a + 1"``, ``"count(*) AS n"``), translated by the JVM."""
    if not isinstance(str, type("")):
        raise PySparkTypeError("[NOT_STR] Argument `str` should be a str, got %s." % type(str).__name__, "NOT_STR")
    return Column({"expr": "sqlExpr", "text": str})


def call_udf(udfName: str, *cols: ColumnOrName) -> Column:
    """A call of the function registered as ``udfName`` with ``spark.udf.register`` (else of the built-in function
    of that name); an unknown name fails with ``UNRESOLVED_ROUTINE`` suggesting the closest name."""
    if not isinstance(udfName, str):
        raise PySparkTypeError("[NOT_STR] Argument `udfName` should be a str, got %s." % type(udfName).__name__,
                               "NOT_STR")
    return _fn(udfName, *_cols(cols))


def call_function(funcName: str, *cols: ColumnOrName) -> Column:
    """A call of the registered or built-in function ``funcName``."""
    return call_udf(funcName, *cols)


def lit(col: Any) -> Column:
    """A literal value (a Column is returned unchanged)."""
    return col if isinstance(col, Column) else Column(_lit_expr(col))


def when(condition: Column, value: Any) -> Column:
    """``CASE WHEN condition THEN value``; chain ``.when(...)`` and ``.otherwise(...)``."""
    if not isinstance(condition, Column):
        raise PySparkTypeError("[NOT_COLUMN] Argument `condition` should be a Column, got %s."
                               % type(condition).__name__, "NOT_COLUMN")
    return Column({"expr": "case", "conditions": [condition._expr], "values": [_to_expr(value)], "otherwise": None})


def coalesce(*cols: ColumnOrName) -> Column:
    """The first non-null value among the columns."""
    return _fn("coalesce", *_cols(cols))


def isnull(col: ColumnOrName) -> Column:
    """True where the value is null."""
    return _c(col).isNull()


def isnotnull(col: ColumnOrName) -> Column:
    """True where the value is not null."""
    return _c(col).isNotNull()


def negate(col: ColumnOrName) -> Column:
    """The negated value."""
    return -_c(col)


negative = negate


def asc(col: ColumnOrName) -> Column:
    """Ascending sort order of a column."""
    return _c(col).asc()


def asc_nulls_first(col: ColumnOrName) -> Column:
    """Ascending sort order, nulls first."""
    return _c(col).asc_nulls_first()


def asc_nulls_last(col: ColumnOrName) -> Column:
    """Ascending sort order, nulls last."""
    return _c(col).asc_nulls_last()


def desc(col: ColumnOrName) -> Column:
    """Descending sort order of a column."""
    return _c(col).desc()


def desc_nulls_first(col: ColumnOrName) -> Column:
    """Descending sort order, nulls first."""
    return _c(col).desc_nulls_first()


def desc_nulls_last(col: ColumnOrName) -> Column:
    """Descending sort order, nulls last."""
    return _c(col).desc_nulls_last()


# ---- strings ----

def upper(col: ColumnOrName) -> Column:
    """Upper-cased string."""
    return _fn("upper", _c(col))


def lower(col: ColumnOrName) -> Column:
    """Lower-cased string."""
    return _fn("lower", _c(col))


def length(col: ColumnOrName) -> Column:
    """Character length of a string."""
    return _fn("length", _c(col))


def trim(col: ColumnOrName) -> Column:
    """String without leading and trailing spaces."""
    return _fn("trim", _c(col))


def ltrim(col: ColumnOrName) -> Column:
    """String without leading spaces."""
    return _fn("ltrim", _c(col))


def rtrim(col: ColumnOrName) -> Column:
    """String without trailing spaces."""
    return _fn("rtrim", _c(col))


def substring(str: ColumnOrName, pos: int, len: int) -> Column:
    """Substring from ``pos`` (1-based) of ``len`` characters."""
    return _fn("substring", _c(str), pos, len)


def concat(*cols: ColumnOrName) -> Column:
    """Concatenation of strings (null if any is null)."""
    return _fn("concat", *_cols(cols))


def concat_ws(sep: str, *cols: ColumnOrName) -> Column:
    """Concatenation with a separator (nulls skipped)."""
    return _fn("concat_ws", sep, *_cols(cols))


def split(str: ColumnOrName, pattern: str, limit: int = -1) -> Column:
    """Split a string around matches of a regex into an array."""
    return _fn("split", _c(str), pattern, limit)


def regexp_replace(string: ColumnOrName, pattern: Union[str, Column], replacement: Union[str, Column]) -> Column:
    """Replace every match of ``pattern`` with ``replacement``."""
    return _fn("regexp_replace", _c(string), pattern, replacement)


def regexp_extract(str: ColumnOrName, pattern: str, idx: int) -> Column:
    """Group ``idx`` of the first match of ``pattern`` (empty string when none)."""
    return _fn("regexp_extract", _c(str), pattern, idx)


def lpad(col: ColumnOrName, len: int, pad: str) -> Column:
    """Left-pad to ``len`` characters with ``pad``."""
    return _fn("lpad", _c(col), len, pad)


def rpad(col: ColumnOrName, len: int, pad: str) -> Column:
    """Right-pad to ``len`` characters with ``pad``."""
    return _fn("rpad", _c(col), len, pad)


def instr(str: ColumnOrName, substr: str) -> Column:
    """1-based position of ``substr`` in the string (0 when absent)."""
    return _fn("instr", _c(str), substr)


def like(str: ColumnOrName, pattern: Union[Column, str]) -> Column:
    """SQL LIKE match."""
    return _c(str).like(pattern)  # type: ignore[arg-type]


def rlike(str: ColumnOrName, regexp: Union[Column, str]) -> Column:
    """Regular expression match."""
    return _fn("RLIKE", _c(str), regexp)


def contains(left: ColumnOrName, right: ColumnOrName) -> Column:
    """True where ``left`` contains ``right``."""
    return _fn("contains", _c(left), _c(right))


def startswith(str: ColumnOrName, prefix: ColumnOrName) -> Column:
    """True where the string starts with ``prefix``."""
    return _fn("startswith", _c(str), _c(prefix))


def endswith(str: ColumnOrName, suffix: ColumnOrName) -> Column:
    """True where the string ends with ``suffix``."""
    return _fn("endswith", _c(str), _c(suffix))


# ---- dates and times ----

def current_date() -> Column:
    """Today's date."""
    return _fn("current_date")


def current_timestamp() -> Column:
    """The current timestamp."""
    return _fn("current_timestamp")


def to_date(col: ColumnOrName, format: Optional[str] = None) -> Column:
    """The value as a date (parsed with ``format`` when given)."""
    return _fn("to_date", _c(col)) if format is None else _fn("to_date", _c(col), format)


def to_timestamp(col: ColumnOrName, format: Optional[str] = None) -> Column:
    """The value as a timestamp (parsed with ``format`` when given)."""
    return _fn("to_timestamp", _c(col)) if format is None else _fn("to_timestamp", _c(col), format)


def window(timeColumn: ColumnOrName, windowDuration: str, slideDuration: Optional[str] = None,
           startTime: Optional[str] = None) -> Column:
    """Event-time windows of ``windowDuration`` (``"10 minutes"``) over the timestamp column ``timeColumn``: a
    column ``window`` of ``struct<start: timestamp, end: timestamp>`` (start inclusive, end exclusive). With
    ``slideDuration`` the windows slide (a row lands in every window containing it); ``startTime`` offsets them
    from 1970-01-01 00:00:00 UTC. Rows whose time is null are dropped."""
    for name, value in (("windowDuration", windowDuration), ("slideDuration", slideDuration),
                        ("startTime", startTime)):
        if value is not None and not isinstance(value, str):
            raise PySparkTypeError("[NOT_STR] Argument `%s` should be a str, got %s." % (name, type(value).__name__),
                                   "NOT_STR")
    if startTime is not None:
        return _fn("window", _c(timeColumn), windowDuration, slideDuration or windowDuration, startTime)
    if slideDuration is not None:
        return _fn("window", _c(timeColumn), windowDuration, slideDuration)
    return _fn("window", _c(timeColumn), windowDuration)


def session_window(timeColumn: ColumnOrName, gapDuration: Union[Column, str]) -> Column:
    """Session windows over ``timeColumn`` that close ``gapDuration`` after their latest row (an interval string,
    or a Column computing it per row): a column ``session_window`` of ``struct<start: timestamp, end:
    timestamp>``. In ``groupBy``, rows of the same keys whose sessions overlap merge into one."""
    if not isinstance(gapDuration, (str, Column)):
        raise PySparkTypeError("[NOT_COLUMN_OR_STR] Argument `gapDuration` should be a Column or str, got %s."
                               % type(gapDuration).__name__, "NOT_COLUMN_OR_STR")
    return _fn("session_window", _c(timeColumn), gapDuration)


def window_time(windowColumn: ColumnOrName) -> Column:
    """The event time of a ``window`` or ``session_window`` column: its end minus one microsecond."""
    return _fn("window_time", _c(windowColumn))


def date_format(date: ColumnOrName, format: str) -> Column:
    """The date/timestamp formatted with a datetime pattern, e.g. ``yyyy-MM``."""
    return _fn("date_format", _c(date), format)


def year(col: ColumnOrName) -> Column:
    """The year."""
    return _fn("year", _c(col))


def month(col: ColumnOrName) -> Column:
    """The month (1-12)."""
    return _fn("month", _c(col))


def dayofmonth(col: ColumnOrName) -> Column:
    """The day of the month."""
    return _fn("dayofmonth", _c(col))


def dayofweek(col: ColumnOrName) -> Column:
    """The day of the week (1 = Sunday)."""
    return _fn("dayofweek", _c(col))


def hour(col: ColumnOrName) -> Column:
    """The hour."""
    return _fn("hour", _c(col))


def minute(col: ColumnOrName) -> Column:
    """The minute."""
    return _fn("minute", _c(col))


def second(col: ColumnOrName) -> Column:
    """The second."""
    return _fn("second", _c(col))


def datediff(end: ColumnOrName, start: ColumnOrName) -> Column:
    """Days from ``start`` to ``end``."""
    return _fn("datediff", _c(end), _c(start))


def date_add(start: ColumnOrName, days: Union[ColumnOrName, int]) -> Column:
    """The date ``days`` after ``start``."""
    return _fn("date_add", _c(start), days if isinstance(days, int) else _c(days))


def date_sub(start: ColumnOrName, days: Union[ColumnOrName, int]) -> Column:
    """The date ``days`` before ``start``."""
    return _fn("date_sub", _c(start), days if isinstance(days, int) else _c(days))


def make_dt_interval(days: Optional[ColumnOrName] = None, hours: Optional[ColumnOrName] = None,
                     mins: Optional[ColumnOrName] = None, secs: Optional[ColumnOrName] = None) -> Column:
    """An ``interval day to second`` of days, hours, minutes and (fractional) seconds; missing ones are 0."""
    return _fn("make_dt_interval", *[lit(0) if c is None else _c(c) for c in (days, hours, mins, secs)])


def make_ym_interval(years: Optional[ColumnOrName] = None, months: Optional[ColumnOrName] = None) -> Column:
    """An ``interval year to month`` of years and months; missing ones are 0."""
    return _fn("make_ym_interval", *[lit(0) if c is None else _c(c) for c in (years, months)])


def unix_timestamp(timestamp: Optional[ColumnOrName] = None, format: str = "yyyy-MM-dd HH:mm:ss") -> Column:
    """Seconds since the epoch (of now, or of a timestamp or string parsed with ``format``)."""
    return _fn("unix_timestamp", current_timestamp() if timestamp is None else _c(timestamp), format)


def from_unixtime(timestamp: ColumnOrName, format: str = "yyyy-MM-dd HH:mm:ss") -> Column:
    """Seconds since the epoch formatted as a string."""
    return _fn("from_unixtime", _c(timestamp), format)


# ---- math ----

def abs(col: ColumnOrName) -> Column:
    """Absolute value."""
    return _fn("abs", _c(col))


def round(col: ColumnOrName, scale: int = 0) -> Column:
    """Rounded half up to ``scale`` decimal places."""
    return _fn("round", _c(col), scale)


def floor(col: ColumnOrName) -> Column:
    """Largest integer not greater than the value."""
    return _fn("FLOOR", _c(col))


def ceil(col: ColumnOrName) -> Column:
    """Smallest integer not less than the value."""
    return _fn("CEIL", _c(col))


ceiling = ceil


def sqrt(col: ColumnOrName) -> Column:
    """Square root."""
    return _fn("SQRT", _c(col))


def pow(col1: Union[ColumnOrName, float], col2: Union[ColumnOrName, float]) -> Column:
    """``col1`` raised to ``col2``."""
    a = col1 if isinstance(col1, (int, float)) else _c(col1)
    b = col2 if isinstance(col2, (int, float)) else _c(col2)
    if isinstance(b, int):
        b = float(b)
    return _fn("POWER", a, b)


power = pow


def exp(col: ColumnOrName) -> Column:
    """e raised to the value."""
    return _fn("EXP", _c(col))


def log(arg1: Union[ColumnOrName, float], arg2: Optional[ColumnOrName] = None) -> Column:
    """Natural logarithm of ``arg1``, or logarithm of ``arg2`` in base ``arg1``."""
    if arg2 is None:
        return _fn("ln", _c(arg1))  # type: ignore[arg-type]
    return _fn("LOG", float(arg1), _c(arg2))  # type: ignore[arg-type]


# ---- arrays ----

def explode(col: ColumnOrName) -> Column:
    """One row per array element (column ``col``) or map entry (columns ``key``, ``value``); rows with null or empty
    arrays and maps are dropped."""
    return _fn("explode", _c(col))


def explode_outer(col: ColumnOrName) -> Column:
    """One row per array element (a null row for null or empty arrays)."""
    return _fn("explode_outer", _c(col))


def array(*cols: ColumnOrName) -> Column:
    """An array of the columns' values."""
    return _fn("array", *_cols(cols))


def size(col: ColumnOrName) -> Column:
    """Number of elements of an array or entries of a map."""
    return _fn("size", _c(col))


def array_contains(col: ColumnOrName, value: Any) -> Column:
    """True where the array contains ``value``."""
    return _fn("array_contains", _c(col), value)


def element_at(col: ColumnOrName, extraction: Any) -> Column:
    """Element ``extraction`` of an array (1-based, negative from the end), or the value of key ``extraction``."""
    return _fn("element_at", _c(col), extraction)


def cardinality(col: ColumnOrName) -> Column:
    """Number of elements of an array or entries of a map."""
    return _fn("cardinality", _c(col))


# ---- maps (a null key is NULL_MAP_KEY, a repeated one DUPLICATED_MAP_KEY, as in Spark) ----

def create_map(*cols: Any) -> Column:
    """A map from alternating key and value columns: ``create_map(k1, v1, k2, v2, ...)``; also takes one list."""
    if len(cols) == 1 and isinstance(cols[0], (list, set, tuple)):
        cols = tuple(cols[0])
    return _fn("map", *_cols(cols))


def map_keys(col: ColumnOrName) -> Column:
    """The keys of a map, as an array."""
    return _fn("map_keys", _c(col))


def map_values(col: ColumnOrName) -> Column:
    """The values of a map, as an array."""
    return _fn("map_values", _c(col))


def map_entries(col: ColumnOrName) -> Column:
    """The entries of a map, as an array of ``struct<key, value>``."""
    return _fn("map_entries", _c(col))


def map_from_arrays(col1: ColumnOrName, col2: ColumnOrName) -> Column:
    """The map pairing the keys of array ``col1`` with the values of array ``col2``."""
    return _fn("map_from_arrays", _c(col1), _c(col2))


def map_contains_key(col: ColumnOrName, value: Any) -> Column:
    """True where the map has key ``value``."""
    return _fn("map_contains_key", _c(col), value)


# ---- aggregates ----

def count(col: ColumnOrName) -> Column:
    """Number of non-null values (``count("*")`` counts rows)."""
    return _fn("count", _c(col))


def countDistinct(col: ColumnOrName, *cols: ColumnOrName) -> Column:
    """Number of distinct non-null values (of the column tuple)."""
    return _fn("count", _c(col), *[_c(c) for c in cols], distinct=True)


count_distinct = countDistinct


def sum(col: ColumnOrName) -> Column:
    """Sum."""
    return _fn("sum", _c(col))


def sum_distinct(col: ColumnOrName) -> Column:
    """Sum of distinct values."""
    return _fn("sum", _c(col), distinct=True)


sumDistinct = sum_distinct


def avg(col: ColumnOrName) -> Column:
    """Average."""
    return _fn("avg", _c(col))


mean = avg


def min(col: ColumnOrName) -> Column:
    """Minimum."""
    return _fn("min", _c(col))


def max(col: ColumnOrName) -> Column:
    """Maximum."""
    return _fn("max", _c(col))


def first(col: ColumnOrName, ignorenulls: bool = False) -> Column:
    """First value of the group (the first non-null with ``ignorenulls``)."""
    return _fn("first", _c(col), True) if ignorenulls else _fn("first", _c(col))


def last(col: ColumnOrName, ignorenulls: bool = False) -> Column:
    """Last value of the group (the last non-null with ``ignorenulls``)."""
    return _fn("last", _c(col), True) if ignorenulls else _fn("last", _c(col))


def collect_list(col: ColumnOrName) -> Column:
    """The group's values as an array."""
    return _fn("collect_list", _c(col))


def collect_set(col: ColumnOrName) -> Column:
    """The group's distinct values as an array."""
    return _fn("collect_set", _c(col))


def grouping(col: ColumnOrName) -> Column:
    """Under ``rollup``/``cube``: 1 where the grouping column ``col`` is aggregated away in the row's grouping set
    (its null there is not a value of the data), else 0."""
    return _fn("grouping", _c(col))


def grouping_id(*cols: ColumnOrName) -> Column:
    """Under ``rollup``/``cube``: the bits of ``grouping`` of each grouping column, the first the most significant,
    as a bigint; ``cols`` are all the grouping columns in order, or none."""
    return _fn("grouping_id", *_cols(cols))


def stddev(col: ColumnOrName) -> Column:
    """Sample standard deviation."""
    return _fn("stddev", _c(col))


std = stddev


def stddev_samp(col: ColumnOrName) -> Column:
    """Sample standard deviation."""
    return _fn("stddev_samp", _c(col))


def stddev_pop(col: ColumnOrName) -> Column:
    """Population standard deviation."""
    return _fn("stddev_pop", _c(col))


def variance(col: ColumnOrName) -> Column:
    """Sample variance."""
    return _fn("variance", _c(col))


def var_samp(col: ColumnOrName) -> Column:
    """Sample variance."""
    return _fn("var_samp", _c(col))


def var_pop(col: ColumnOrName) -> Column:
    """Population variance."""
    return _fn("var_pop", _c(col))


def approx_count_distinct(col: ColumnOrName, rsd: Optional[float] = None) -> Column:
    """Approximate number of distinct values (maximum relative standard deviation ``rsd``)."""
    return _fn("approx_count_distinct", _c(col)) if rsd is None else _fn("approx_count_distinct", _c(col), rsd)


approxCountDistinct = approx_count_distinct


def _public_functions() -> List[str]:
    import inspect
    return sorted(n for n, v in globals().items()
                  if not n.startswith("_") and inspect.isfunction(v) and v.__module__ == __name__)


from ember.sql.udf import pandas_udf, udf  # noqa: E402  (defined with the UDF machinery)
from ember.sql._nested_functions import (  # noqa: E402  (JSON, structs, generators: a module of their own)
    from_json, get_json_object, inline, inline_outer, json_tuple, named_struct, posexplode, posexplode_outer,
    schema_of_json, struct, to_json)
from ember.sql import _nested_functions  # noqa: E402
from ember.sql._binary_functions import (  # noqa: E402  (binary values: a module of their own)
    base64, bit_length, decode, encode, hex, octet_length, to_binary, try_to_binary, unbase64, unhex)
from ember.sql import _binary_functions  # noqa: E402
from ember.sql._hash_functions import crc32, hash, md5, sha1, sha2, xxhash64  # noqa: E402,A001  (hashes)
from ember.sql import _hash_functions  # noqa: E402
from ember.sql._scalar_functions import (  # noqa: E402  (calls of SQL functions by name: a module of their own)
    array_repeat, bround, btrim, date_trunc, greatest, ifnull, last_day, least, locate, make_date, months_between,
    next_day, nullif, nvl, pmod, position, repeat, replace, substr, translate, trunc)
from ember.sql import _scalar_functions  # noqa: E402

__all__ = sorted(_public_functions() + ["pandas_udf", "udf"] + _nested_functions.__all__
                 + _binary_functions.__all__ + _hash_functions.__all__ + _scalar_functions.__all__)


# ---- window functions (use with Column.over) ----

def row_number() -> Column:
    """The row's number in its partition's order, from 1."""
    return _fn("row_number")


def rank() -> Column:
    """1 + the number of rows ordered strictly before; ties share a rank and gaps follow."""
    return _fn("rank")


def dense_rank() -> Column:
    """The rank without gaps after ties."""
    return _fn("dense_rank")


def percent_rank() -> Column:
    """``(rank - 1) / (rows in partition - 1)``; 0 in a one-row partition."""
    return _fn("percent_rank")


def cume_dist() -> Column:
    """The fraction of the partition's rows ordered before or tied with the row."""
    return _fn("cume_dist")


def ntile(n: int) -> Column:
    """The bucket 1..n of the row when the ordered partition is split into n groups of near-equal size."""
    return _fn("ntile", int(n))


def lag(col: ColumnOrName, offset: int = 1, default: Optional[Any] = None) -> Column:
    """``col`` ``offset`` rows before in the partition's order, ``default`` when there is no such row."""
    return _fn("lag", _c(col), int(offset), default)


def lead(col: ColumnOrName, offset: int = 1, default: Optional[Any] = None) -> Column:
    """``col`` ``offset`` rows after in the partition's order, ``default`` when there is no such row."""
    return _fn("lead", _c(col), int(offset), default)


def nth_value(col: ColumnOrName, offset: int, ignoreNulls: Optional[bool] = False) -> Column:
    """``col`` at the ``offset``-th row of the frame (from 1; of the non-null ones with ``ignoreNulls``)."""
    if ignoreNulls:
        return _fn("nth_value", _c(col), int(offset), True)
    return _fn("nth_value", _c(col), int(offset))
