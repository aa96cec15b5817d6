"""JSON, struct and multi-column generator functions (``from_json``, ``to_json``, ``schema_of_json``,
``get_json_object``, ``json_tuple``, ``struct``, ``named_struct``, ``posexplode``, ``posexplode_outer``, ``inline``,
``inline_outer``); ``ember.sql.functions`` exports them, as ``pyspark.sql.functions`` does.

JSON options are Spark's: ``mode`` (``PERMISSIVE``, the default, or ``FAILFAST``), ``columnNameOfCorruptRecord``,
``timestampFormat``, ``dateFormat``, ``timeZone``, ``ignoreNullFields`` (``to_json``).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Union

from ember.errors import PySparkTypeError
from ember.sql.column import Column, _to_col, _to_expr
from ember.sql.types import ArrayType, DataType, MapType, StructType

ColumnOrName = Union[Column, str]


def _fn(name: str, *args: Any) -> Column:
    return Column({"expr": "call", "name": name, "args": [_to_expr(a) for a in args], "distinct": False})


def _lit(value: str) -> Column:
    return Column({"expr": "lit", "value": value, "type": "string"})


def _options(options: Optional[Dict[str, Any]]) -> List[Column]:
    """The options as Spark passes them to the function: one ``map(k1, v1, ...)`` argument, or none."""
    if not options:
        return []
    kv: List[Any] = []
    for k, v in options.items():
        kv.append(_lit(str(k)))
        kv.append(_lit(str(v).lower() if isinstance(v, bool) else str(v)))
    return [_fn("map", *kv)]


def _ddl(dt: DataType) -> str:
    """``dt`` as the SQL type text the JVM reads (field names quoted, so any name survives)."""
    if isinstance(dt, StructType):
        return "STRUCT<%s>" % ", ".join("`%s`: %s%s" % (f.name.replace("`", "``"), _ddl(f.dataType),
                                                           "" if f.nullable else " NOT NULL") for f in dt.fields)
    if isinstance(dt, ArrayType):
        return "ARRAY<%s>" % _ddl(dt.elementType)
    if isinstance(dt, MapType):
        return "MAP<%s, %s>" % (_ddl(dt.keyType), _ddl(dt.valueType))
    return dt.simpleString()


def _schema(schema: Union[DataType, str, Column]) -> Any:
    if isinstance(schema, DataType):
        return _lit(_ddl(schema))
    if isinstance(schema, (str, Column)):
        return _lit(schema) if isinstance(schema, str) else schema
    raise PySparkTypeError("[NOT_COLUMN_OR_DATATYPE_OR_STR] Argument `schema` should be a Column, DataType or str,"
                           " got %s." % type(schema).__name__, "NOT_COLUMN_OR_DATATYPE_OR_STR")


def from_json(col: ColumnOrName, schema: Union[DataType, str, Column],
              options: Optional[Dict[str, Any]] = None) -> Column:
    """A JSON string parsed into ``schema`` (a StructType, ArrayType or MapType, or a DDL string such as
    ``"a INT, b STRING"``); null for null input; in PERMISSIVE mode a malformed record gives null fields (and its
    text in the ``columnNameOfCorruptRecord`` field when the schema has one), in FAILFAST mode an error."""
    return _fn("from_json", _to_col(col), _schema(schema), *_options(options))


def to_json(col: ColumnOrName, options: Optional[Dict[str, Any]] = None) -> Column:
    """A struct, array or map column as a JSON string."""
    return _fn("to_json", _to_col(col), *_options(options))


def schema_of_json(json: Union[Column, str], options: Optional[Dict[str, Any]] = None) -> Column:
    """The schema Spark's inference gives a JSON string literal, as DDL text (``STRUCT<a: BIGINT>``)."""
    return _fn("schema_of_json", _lit(json) if isinstance(json, str) else json, *_options(options))


def get_json_object(col: ColumnOrName, path: str) -> Column:
    """The value at JSONPath ``path`` (``$.a.b[0]``, ``$.a[*].b``) of a JSON string, as text."""
    return _fn("get_json_object", _to_col(col), _lit(path))


def json_tuple(col: ColumnOrName, *fields: str) -> Column:
    """A generator: the given fields of a JSON object as string columns ``c0, c1, ...``."""
    if len(fields) == 0:
        raise PySparkTypeError("[CANNOT_BE_EMPTY] At least one field must be specified.", "CANNOT_BE_EMPTY")
    return _fn("json_tuple", _to_col(col), *[_lit(f) for f in fields])


def struct(*cols: Union[ColumnOrName, List[ColumnOrName]]) -> Column:
    """A struct of the columns, each field named as its column (or alias)."""
    if len(cols) == 1 and isinstance(cols[0], (list, tuple, set)):
        cols = tuple(cols[0])  # type: ignore[assignment]
    return _fn("struct", *[_to_col(c) for c in cols])


def named_struct(*cols: ColumnOrName) -> Column:
    """A struct from alternating field names (string literal columns) and values."""
    return _fn("named_struct", *[_to_col(c) for c in cols])


def posexplode(col: ColumnOrName) -> Column:
    """One row per array element (columns ``pos``, ``col``) or map entry (``pos``, ``key``, ``value``)."""
    return _fn("posexplode", _to_col(col))


def posexplode_outer(col: ColumnOrName) -> Column:
    """As ``posexplode``, with one row of nulls for a null or empty array or map."""
    return _fn("posexplode_outer", _to_col(col))


def inline(col: ColumnOrName) -> Column:
    """One row per struct of an array of structs, one column per field."""
    return _fn("inline", _to_col(col))


def inline_outer(col: ColumnOrName) -> Column:
    """As ``inline``, with one row of nulls for a null or empty array."""
    return _fn("inline_outer", _to_col(col))


__all__ = ["from_json", "to_json", "schema_of_json", "get_json_object", "json_tuple", "struct", "named_struct",
           "posexplode", "posexplode_outer", "inline", "inline_outer"]
