"""Functions over binary values (``hex``, ``unhex``, ``base64``, ``unbase64``, ``encode``, ``decode``,
``octet_length``, ``bit_length``); ``ember.sql.functions`` exports them, as ``pyspark.sql.functions`` does.
``length`` and ``concat`` (in ``functions``) also take binary columns: bytes, and a binary result when every
argument is binary."""

from __future__ import annotations

from typing import Any, Union

from ember.sql.column import Column, _to_col, _to_expr

ColumnOrName = Union[Column, str]

__all__ = ["base64", "bit_length", "decode", "encode", "hex", "octet_length", "unbase64", "unhex"]


def _fn(name: str, *args: Any) -> Column:
    return Column({"expr": "call", "name": name, "args": [_to_expr(a) for a in args], "distinct": False})


def _str_lit(value: str) -> Column:
    return Column({"expr": "lit", "value": value, "type": "string"})


def hex(col: ColumnOrName) -> Column:  # noqa: A001  (PySpark's name)
    """Upper-case hex of a binary value, a string's UTF-8 bytes or an integral number."""
    return _fn("hex", _to_col(col))


def unhex(col: ColumnOrName) -> Column:
    """The bytes a hex string spells (null when it is not hex)."""
    return _fn("unhex", _to_col(col))


def base64(col: ColumnOrName) -> Column:
    """Base64 of a binary value (or of a string's UTF-8 bytes)."""
    return _fn("base64", _to_col(col))


def unbase64(col: ColumnOrName) -> Column:
    """The bytes of a base64 string."""
    return _fn("unbase64", _to_col(col))


def encode(col: ColumnOrName, charset: str) -> Column:
    """A string's characters as bytes in ``charset`` (US-ASCII, ISO-8859-1, UTF-8, UTF-16BE, UTF-16LE, UTF-16,
    UTF-32)."""
    return _fn("encode", _to_col(col), _str_lit(charset))


def decode(col: ColumnOrName, charset: str) -> Column:
    """A binary value read as characters in ``charset``."""
    return _fn("decode", _to_col(col), _str_lit(charset))


def octet_length(col: ColumnOrName) -> Column:
    """Bytes of a binary value or of a string in UTF-8."""
    return _fn("octet_length", _to_col(col))


def bit_length(col: ColumnOrName) -> Column:
    """Bits of a binary value or of a string in UTF-8."""
    return _fn("bit_length", _to_col(col))
