"""Functions over binary values (``hex``, ``unhex``, ``base64``, ``unbase64``, ``encode``, ``decode``,
``octet_length``, ``bit_length``, ``to_binary``, ``try_to_binary``); ``ember.sql.functions`` exports them, as ``pyspark.sql.functions`` does.
``length`` and ``concat`` (in ``functions``) also take binary columns: bytes, and a binary result when every
argument is binary."""

from __future__ import annotations

from typing import Any, Optional, Union

from ember.sql.column import Column, _to_col, _to_expr

ColumnOrName = Union[Column, str]

__all__ = ["base64", "bit_length", "decode", "encode", "hex", "octet_length", "to_binary", "try_to_binary", "unbase64",
           "unhex"]


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


def to_binary(col: ColumnOrName, format: Optional[ColumnOrName] = None) -> Column:  # noqa: A002  (PySpark's name)
    """
    Converts the input `col` to a binary value based on the supplied `format`.
    The `format` can be a case-insensitive string literal of "hex", "utf-8", "utf8",
    or "base64". By default, the binary format for conversion is "hex" if
    `format` is omitted. The function returns NULL if at least one of the
    input parameters is NULL.

    Input that is not in the format fails with ``CONVERSION_INVALID_INPUT`` when it is read; another
    format fails with ``DATATYPE_MISMATCH.INVALID_ARG_VALUE`` when the DataFrame is built.

    Parameters
    ----------
    col : :class:`~ember.sql.Column` or str
        Input column or strings.
    format : :class:`~ember.sql.Column` or str, optional
        format to use to convert binary values (a column name when given as a str, as in PySpark;
        use ``lit("utf-8")`` for a format).

    Examples
    --------
    >>> df = spark.createDataFrame([("abc",)], ["e"])
    >>> df.select(to_binary(df.e, lit("utf-8")).alias('r')).collect()
    [Row(r=bytearray(b'abc'))]

    >>> df = spark.createDataFrame([("414243",)], ["e"])
    >>> df.select(to_binary(df.e).alias('r')).collect()
    [Row(r=bytearray(b'ABC'))]
    """
    return _fn("to_binary", *_with_format(col, format))


def try_to_binary(col: ColumnOrName, format: Optional[ColumnOrName] = None) -> Column:  # noqa: A002
    """
    This is a special version of `to_binary` that performs the same operation, but returns a NULL
    value instead of raising an error if the conversion cannot be performed (input that is not in
    the format, or a format other than "hex", "utf-8", "utf8" and "base64").

    Parameters
    ----------
    col : :class:`~ember.sql.Column` or str
        Input column or strings.
    format : :class:`~ember.sql.Column` or str, optional
        format to use to convert binary values.

    Examples
    --------
    >>> df = spark.createDataFrame([("abc",)], ["e"])
    >>> df.select(try_to_binary(df.e, lit("utf-8")).alias('r')).collect()
    [Row(r=bytearray(b'abc'))]

    >>> df = spark.createDataFrame([("414243",)], ["e"])
    >>> df.select(try_to_binary(df.e).alias('r')).collect()
    [Row(r=bytearray(b'ABC'))]
    """
    return _fn("try_to_binary", *_with_format(col, format))


def _with_format(col: ColumnOrName, format: Optional[ColumnOrName]) -> list:  # noqa: A002
    return [_to_col(col)] if format is None else [_to_col(col), _to_col(format)]

