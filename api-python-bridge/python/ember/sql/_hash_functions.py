"""Hash functions over binary values (``md5``, ``sha1``, ``sha2``, ``crc32``); ``ember.sql.functions`` exports them,
as ``pyspark.sql.functions`` does. Each takes a binary column or a string column (hashed as its UTF-8 bytes) and
gives null for a null value."""

from __future__ import annotations

from typing import Union

from ember.errors import IllegalArgumentException
from ember.sql._binary_functions import _fn
from ember.sql.column import Column, _to_col

ColumnOrName = Union[Column, str]

_SHA2_BITS = (0, 224, 256, 384, 512)

__all__ = ["crc32", "md5", "sha1", "sha2"]


def md5(col: ColumnOrName) -> Column:
    """The MD5 digest of a binary value (or of a string's UTF-8 bytes) as 32 lowercase hex digits."""
    return _fn("md5", _to_col(col))


def sha1(col: ColumnOrName) -> Column:
    """The SHA-1 digest of a binary value (or of a string's UTF-8 bytes) as 40 lowercase hex digits."""
    return _fn("sha1", _to_col(col))


def sha2(col: ColumnOrName, numBits: int) -> Column:
    """The SHA-2 digest of a binary value (or of a string's UTF-8 bytes) as lowercase hex: ``numBits`` is 224, 256,
    384 or 512 (0 means 256).

    Raises ``IllegalArgumentException`` at call time for any other ``numBits``, as PySpark does (Spark's
    ``functions.sha2`` requires it); the SQL and ``expr`` form ``sha2(col, n)`` gives null instead, as Spark's."""
    if isinstance(numBits, bool) or numBits not in _SHA2_BITS:
        raise IllegalArgumentException(
            "requirement failed: numBits %s is not in the permitted values (0, 224, 256, 384, 512)" % (numBits,))
    return _fn("sha2", _to_col(col), numBits)


def crc32(col: ColumnOrName) -> Column:
    """The CRC-32 checksum of a binary value (or of a string's UTF-8 bytes) as a bigint."""
    return _fn("crc32", _to_col(col))
