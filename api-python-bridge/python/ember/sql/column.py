"""Column: an expression over a DataFrame's columns, built client-side as the protocol's expression JSON."""

from __future__ import annotations

import base64
import datetime as _dt
import decimal
from typing import Any, Dict, Optional, Union

import numpy as np

from ember.errors import PySparkTypeError, PySparkValueError
from ember.sql.types import DataType, _parse_datatype_string

Expr = Dict[str, Any]
_EPOCH_UTC = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)


def _col_expr(name: str, plan_id: Optional[int] = None) -> Expr:
    if name == "*":
        return {"expr": "star", "qualifier": None}
    if name.endswith(".*"):
        return {"expr": "star", "qualifier": name[:-2]}
    return {"expr": "col", "name": name, "planId": plan_id}


def _lit_expr(value: Any) -> Expr:
    if value is None:
        return {"expr": "lit", "value": None, "type": "null"}
    if isinstance(value, np.generic):
        return _lit_expr(value.item())
    if isinstance(value, bool):
        return {"expr": "lit", "value": value, "type": "boolean"}
    if isinstance(value, int):
        kind = "integer" if -(1 << 31) <= value < (1 << 31) else "long"
        if not -(1 << 63) <= value < (1 << 63):
            return _lit_expr(decimal.Decimal(value))
        return {"expr": "lit", "value": value, "type": kind}
    if isinstance(value, float):
        return {"expr": "lit", "value": value, "type": "double"}
    if isinstance(value, str):
        return {"expr": "lit", "value": value, "type": "string"}
    if isinstance(value, (bytes, bytearray)):
        return {"expr": "lit", "value": base64.b64encode(bytes(value)).decode("ascii"), "type": "binary"}
    if isinstance(value, decimal.Decimal):
        sign, digits, exp = value.as_tuple()
        scale = max(0, -int(exp))
        precision = max(len(digits) + max(0, int(exp)), scale, 1)
        return {"expr": "lit", "value": format(value, "f"), "type": "decimal(%d,%d)" % (precision, scale)}
    if isinstance(value, _dt.datetime):
        aware = value if value.tzinfo is not None else value.astimezone()
        return {"expr": "lit", "value": (aware - _EPOCH_UTC) // _dt.timedelta(microseconds=1), "type": "timestamp"}
    if isinstance(value, _dt.date):
        return {"expr": "lit", "value": value.isoformat(), "type": "date"}
    if isinstance(value, _dt.timedelta):
        return {"expr": "lit", "value": value // _dt.timedelta(microseconds=1), "type": "interval day to second"}
    if isinstance(value, (list, tuple)):
        return {"expr": "call", "name": "array", "args": [_lit_expr(v) for v in value], "distinct": False}
    raise PySparkTypeError("[UNSUPPORTED_LITERAL] Unsupported Literal: %r of %s." % (value, type(value)),
                           "UNSUPPORTED_LITERAL")


def _to_expr(value: Any) -> Expr:
    """The expression of a Column, or a literal for a Python value."""
    if isinstance(value, Column):
        return value._expr
    return _lit_expr(value)


def _to_col(value: Any) -> "Column":
    """A Column for a Column or a column name."""
    if isinstance(value, Column):
        return value
    if isinstance(value, str):
        return Column(_col_expr(value))
    raise PySparkTypeError("[NOT_COLUMN_OR_STR] Argument `col` should be a Column or str, got %s."
                           % type(value).__name__, "NOT_COLUMN_OR_STR")


def _type_json(t: Union[DataType, str]) -> Any:
    if isinstance(t, DataType):
        return t.jsonValue()
    if isinstance(t, str):
        return _parse_datatype_string(t).jsonValue()
    raise PySparkTypeError("[NOT_DATATYPE_OR_STR] Argument `dataType` should be a DataType or str, got %s."
                           % type(t).__name__, "NOT_DATATYPE_OR_STR")


_SYMBOLS = {
    "ADD": "+", "SUBTRACT": "-", "MULTIPLY": "*", "DIVIDE": "/", "REMAINDER": "%", "EQUAL": "=",
    "NOT_EQUAL": "!=", "LESS_THAN": "<", "LESS_THAN_OR_EQUAL": "<=", "GREATER_THAN": ">",
    "GREATER_THAN_OR_EQUAL": ">=", "NULL_SAFE_EQUAL": "<=>", "AND": "AND", "OR": "OR",
}


def _pretty(e: Expr) -> str:
    """Spark's display name of an expression (the default column name), as the JVM renders it."""
    kind = e["expr"]
    if kind == "col":
        name = e["name"]
        if "." in name and not name.startswith("`"):
            return name.rsplit(".", 1)[1]
        return name.replace("`", "")
    if kind == "star":
        return "*" if e["qualifier"] is None else e["qualifier"] + ".*"
    if kind == "lit":
        v = e["value"]
        if v is None:
            return "NULL"
        if isinstance(v, bool):
            return "true" if v else "false"
        if e["type"] == "timestamp":
            return str((_EPOCH_UTC + _dt.timedelta(microseconds=v)).astimezone().replace(tzinfo=None))
        return str(v)
    if kind == "call":
        args = ["1" if a["expr"] == "star" and e["name"].lower() == "count" else _pretty(a) for a in e["args"]]
        return "%s(%s%s)" % (e["name"], "DISTINCT " if e.get("distinct") else "", ", ".join(args))
    if kind == "op":
        op, args = e["op"], [_pretty(a) for a in e["args"]]
        if op == "NOT":
            return "(NOT %s)" % args[0]
        if op == "NEGATE":
            return "(- %s)" % args[0]
        if op in ("IS_NULL", "IS_NOT_NULL"):
            return "(%s %s)" % (args[0], "IS NULL" if op == "IS_NULL" else "IS NOT NULL")
        if op == "IN":
            return "(%s IN (%s))" % (args[0], ", ".join(args[1:]))
        if op == "BETWEEN":
            return "((%s >= %s) AND (%s <= %s))" % (args[0], args[1], args[0], args[2])
        if op == "EXTRACT_VALUE":
            return "%s[%s]" % (args[0], args[1])
        return "(%s %s %s)" % (args[0], _SYMBOLS[op], args[1])
    if kind == "cast":
        return "CAST(%s AS %s)" % (_pretty(e["child"]), DataType.fromJson(e["to"]).simpleString().upper())
    if kind == "multiAlias":
        return ", ".join(e["names"])
    if kind == "alias":
        return e["name"]
    if kind == "case":
        parts = ["CASE"]
        for c, v in zip(e["conditions"], e["values"]):
            parts.append("WHEN %s THEN %s" % (_pretty(c), _pretty(v)))
        if e.get("otherwise") is not None:
            parts.append("ELSE %s" % _pretty(e["otherwise"]))
        parts.append("END")
        return " ".join(parts)
    if kind == "sort":
        return "%s %s NULLS %s" % (_pretty(e["child"]), "ASC" if e["ascending"] else "DESC",
                                   "FIRST" if e["nullsFirst"] else "LAST")
    return kind


def _bin(op: str):
    def method(self: "Column", other: Any) -> "Column":
        return Column({"expr": "op", "op": op, "args": [self._expr, _to_expr(other)]})
    method.__doc__ = "Binary operator %s." % op
    return method


def _rbin(op: str):
    def method(self: "Column", other: Any) -> "Column":
        return Column({"expr": "op", "op": op, "args": [_to_expr(other), self._expr]})
    method.__doc__ = "Reflected binary operator %s." % op
    return method


class Column:
    """A column expression of a DataFrame, e.g. ``df.age + 1`` or ``F.col("name")``.

    Columns are built client-side and resolved by the JVM when a DataFrame uses them.
    """

    __slots__ = ("_expr",)

    def __init__(self, expr: Expr):
        self._expr = expr

    # ---- operators ----
    __add__ = _bin("ADD")
    __sub__ = _bin("SUBTRACT")
    __mul__ = _bin("MULTIPLY")
    __truediv__ = _bin("DIVIDE")
    __div__ = _bin("DIVIDE")
    __mod__ = _bin("REMAINDER")
    __radd__ = _rbin("ADD")
    __rsub__ = _rbin("SUBTRACT")
    __rmul__ = _rbin("MULTIPLY")
    __rtruediv__ = _rbin("DIVIDE")
    __rmod__ = _rbin("REMAINDER")
    __eq__ = _bin("EQUAL")  # type: ignore[assignment]
    __ne__ = _bin("NOT_EQUAL")  # type: ignore[assignment]
    __lt__ = _bin("LESS_THAN")
    __le__ = _bin("LESS_THAN_OR_EQUAL")
    __gt__ = _bin("GREATER_THAN")
    __ge__ = _bin("GREATER_THAN_OR_EQUAL")
    __and__ = _bin("AND")
    __or__ = _bin("OR")
    __rand__ = _rbin("AND")
    __ror__ = _rbin("OR")
    eqNullSafe = _bin("NULL_SAFE_EQUAL")

    def __pow__(self, other: Any) -> "Column":
        return Column({"expr": "call", "name": "POWER", "args": [self._expr, _to_expr(other)], "distinct": False})

    def __rpow__(self, other: Any) -> "Column":
        return Column({"expr": "call", "name": "POWER", "args": [_to_expr(other), self._expr], "distinct": False})

    def __invert__(self) -> "Column":
        return Column({"expr": "op", "op": "NOT", "args": [self._expr]})

    def __neg__(self) -> "Column":
        return Column({"expr": "op", "op": "NEGATE", "args": [self._expr]})

    __hash__ = None  # type: ignore[assignment]

    def __bool__(self) -> bool:
        raise PySparkValueError(
            "[CANNOT_CONVERT_COLUMN_INTO_BOOL] Cannot convert column into bool: please use '&' for 'and', '|' for "
            "'or', '~' for 'not' when building DataFrame boolean expressions.", "CANNOT_CONVERT_COLUMN_INTO_BOOL")

    __nonzero__ = __bool__

    def __iter__(self) -> None:
        raise PySparkTypeError("[NOT_ITERABLE] Column is not iterable.", "NOT_ITERABLE")

    def __contains__(self, item: Any) -> None:
        raise PySparkValueError("[CANNOT_APPLY_IN_FOR_COLUMN] Cannot apply 'in' operator against a column: please "
                                "use 'contains' in a string column or 'array_contains' function for an array column.",
                                "CANNOT_APPLY_IN_FOR_COLUMN")

    def _call(self, name: str, *others: Any) -> "Column":
        return Column({"expr": "call", "name": name, "args": [self._expr] + [_to_expr(o) for o in others],
                       "distinct": False})

    # ---- predicates ----

    def isNull(self) -> "Column":
        """True where the value is null."""
        return Column({"expr": "op", "op": "IS_NULL", "args": [self._expr]})

    def isNotNull(self) -> "Column":
        """True where the value is not null."""
        return Column({"expr": "op", "op": "IS_NOT_NULL", "args": [self._expr]})

    def isin(self, *cols: Any) -> "Column":
        """True where the value equals one of the arguments (values or a single list of values)."""
        if len(cols) == 1 and isinstance(cols[0], (list, set, tuple)):
            cols = tuple(cols[0])
        return Column({"expr": "op", "op": "IN", "args": [self._expr] + [_to_expr(c) for c in cols]})

    def between(self, lowerBound: Any, upperBound: Any) -> "Column":
        """True where lowerBound <= value <= upperBound."""
        return Column({"expr": "op", "op": "BETWEEN", "args": [self._expr, _to_expr(lowerBound), _to_expr(upperBound)]})

    def like(self, other: str) -> "Column":
        """SQL LIKE match (``%`` any characters, ``_`` one character)."""
        pattern = _to_expr(other)
        call = {"expr": "call", "name": "like", "args": [self._expr, pattern], "distinct": False}
        return Column({"expr": "alias", "child": call, "name": "%s LIKE %s" % (_pretty(self._expr), _pretty(pattern))})

    def rlike(self, other: str) -> "Column":
        """Regular expression match (Java regex)."""
        return self._call("RLIKE", other)

    def contains(self, other: Any) -> "Column":
        """True where the string contains ``other``."""
        return self._call("contains", other)

    def startswith(self, other: Any) -> "Column":
        """True where the string starts with ``other``."""
        return self._call("startswith", other)

    def endswith(self, other: Any) -> "Column":
        """True where the string ends with ``other``."""
        return self._call("endswith", other)

    def substr(self, startPos: Union[int, "Column"], length: Union[int, "Column"]) -> "Column":
        """The substring starting at ``startPos`` (1-based) of ``length`` characters."""
        if type(startPos) is not type(length):
            raise PySparkTypeError("[NOT_SAME_TYPE] Argument `startPos` and `length` should be the same type, got %s "
                                   "and %s." % (type(startPos).__name__, type(length).__name__), "NOT_SAME_TYPE")
        return self._call("substr", startPos, length)

    # ---- conversions and names ----

    def cast(self, dataType: Union[DataType, str]) -> "Column":
        """The value converted to ``dataType`` (a DataType or a type string such as ``"int"``)."""
        return Column({"expr": "cast", "child": self._expr, "to": _type_json(dataType)})

    astype = cast

    def alias(self, *alias: str) -> "Column":
        """The column under a new name; several names name the columns of a generator
        (``explode(m).alias("k", "v")``, ``posexplode(a).alias("pos", "x")``)."""
        if len(alias) == 0:
            raise PySparkValueError("[ONLY_ONE_ALIAS] alias takes at least one name, got 0.", "ONLY_ONE_ALIAS")
        child = self._expr["child"] if self._expr["expr"] in ("alias", "multiAlias") else self._expr
        if len(alias) > 1:
            return Column({"expr": "multiAlias", "child": child, "names": list(alias)})
        return Column({"expr": "alias", "child": child, "name": alias[0]})

    name = alias

    # ---- windows ----

    def over(self, window: Any = None) -> "Column":
        """This window function or aggregate computed over ``window`` (a ``WindowSpec``; None: the whole input)."""
        from ember.sql.window import WindowSpec

        if window is None:
            window = WindowSpec()
        if not isinstance(window, WindowSpec):
            raise PySparkTypeError("[NOT_WINDOWSPEC] Argument `window` should be a WindowSpec, got %s."
                                   % type(window).__name__, "NOT_WINDOWSPEC")
        child = self._expr["child"] if self._expr["expr"] == "alias" else self._expr
        return Column(dict({"expr": "window", "function": child}, **window._json()))

    # ---- sorting ----

    def _sort(self, ascending: bool, nulls_first: bool) -> "Column":
        child = self._expr["child"] if self._expr["expr"] == "sort" else self._expr
        return Column({"expr": "sort", "child": child, "ascending": ascending, "nullsFirst": nulls_first})

    def asc(self) -> "Column":
        """Ascending sort order, nulls first."""
        return self._sort(True, True)

    def asc_nulls_first(self) -> "Column":
        """Ascending sort order, nulls first."""
        return self._sort(True, True)

    def asc_nulls_last(self) -> "Column":
        """Ascending sort order, nulls last."""
        return self._sort(True, False)

    def desc(self) -> "Column":
        """Descending sort order, nulls last."""
        return self._sort(False, False)

    def desc_nulls_first(self) -> "Column":
        """Descending sort order, nulls first."""
        return self._sort(False, True)

    def desc_nulls_last(self) -> "Column":
        """Descending sort order, nulls last."""
        return self._sort(False, False)

    # ---- conditionals ----

    def _open_case(self, method: str) -> Expr:
        e = self._expr
        if e["expr"] != "case":
            raise PySparkValueError("[INVALID_WHEN_USAGE] %s() can only be applied on a Column previously generated "
                                    "by when() function." % method, "INVALID_WHEN_USAGE")
        if e.get("otherwise") is not None:
            raise PySparkValueError("[INVALID_WHEN_USAGE] %s() cannot be applied once otherwise() is applied."
                                    % method, "INVALID_WHEN_USAGE")
        return e

    def when(self, condition: "Column", value: Any) -> "Column":
        """Add a branch to a ``when()`` expression."""
        if not isinstance(condition, Column):
            raise PySparkTypeError("[NOT_COLUMN] Argument `condition` should be a Column, got %s."
                                   % type(condition).__name__, "NOT_COLUMN")
        e = self._open_case("when")
        return Column({"expr": "case", "conditions": e["conditions"] + [condition._expr],
                       "values": e["values"] + [_to_expr(value)], "otherwise": None})

    def otherwise(self, value: Any) -> "Column":
        """The value of a ``when()`` expression when no condition holds."""
        e = self._open_case("otherwise")
        return Column({"expr": "case", "conditions": e["conditions"], "values": e["values"],
                       "otherwise": _to_expr(value)})

    # ---- nested values ----

    def getItem(self, key: Any) -> "Column":
        """The element at 0-based position ``key`` of an array, the value of ``key`` in a map, or a struct's field."""
        if isinstance(key, Column):
            raise PySparkTypeError("[NOT_LITERAL] Argument `key` should be a literal value, got Column.",
                                   "NOT_LITERAL")
        return Column({"expr": "op", "op": "EXTRACT_VALUE", "args": [self._expr, _to_expr(key)]})

    def getField(self, name: Any) -> "Column":
        """Field ``name`` of a struct column (``df.s.getField("f")``); the result is named ``s.f``."""
        if isinstance(name, Column):
            raise PySparkTypeError("[NOT_STR] Argument `name` should be a str, got Column.", "NOT_STR")
        return Column({"expr": "op", "op": "EXTRACT_VALUE", "args": [self._expr, _to_expr(name)]})

    def __getitem__(self, k: Any) -> "Column":
        if isinstance(k, slice):
            if k.step is not None:
                raise PySparkValueError("[SLICE_WITH_STEP] Slice with step is not supported.", "SLICE_WITH_STEP")
            return self.substr(k.start, k.stop)
        return Column({"expr": "op", "op": "EXTRACT_VALUE", "args": [self._expr, _to_expr(k)]})

    def __getattr__(self, item: str) -> Any:
        if item.startswith("__") or item == "_expr":
            raise AttributeError(item)
        return self[item]

    def __repr__(self) -> str:
        return "Column<'%s'>" % _pretty(self._expr)

    __str__ = __repr__
