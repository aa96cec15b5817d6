"""Hash functions: digests of binary values (``md5``, ``sha1``, ``sha2``, ``crc32``), each taking a binary column or a
string column (hashed as its UTF-8 bytes) and giving null for a null value, and Spark's ``hash`` and ``xxhash64`` of
any number of columns of any type but maps, which skip null values; ``ember.sql.functions`` exports them, as
``pyspark.sql.functions`` does."""

from __future__ import annotations

from typing import Union

from ember.errors import IllegalArgumentException
from ember.sql._binary_functions import _fn
from ember.sql.column import Column, _to_col

ColumnOrName = Union[Column, str]

_SHA2_BITS = (0, 224, 256, 384, 512)

__all__ = ["crc32", "hash", "md5", "sha1", "sha2", "xxhash64"]


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


def hash(*cols: ColumnOrName) -> Column:  # noqa: A001  (PySpark's name)
    """Calculates the hash code of given columns, and returns the result as an int column.

    Spark's 32-bit Murmur3 with seed 42, each column's hash the seed of the next, so the values are Spark's bit for
    bit. A null value leaves the running hash unchanged: the result is never null (42 when every value is null). A map
    column, or one holding a map, fails with ``DATATYPE_MISMATCH.HASH_MAP_TYPE``, and no column at all with
    ``WRONG_NUM_ARGS``, as in Spark.

    Parameters
    ----------
    cols : :class:`~ember.sql.Column` or str
        one or more columns to compute on.

    Returns
    -------
    :class:`~ember.sql.Column`
        hash value as int column.

    See Also
    --------
    :meth:`ember.sql.functions.xxhash64`

    Examples
    --------
    >>> import ember.sql.functions as sf
    >>> df = spark.createDataFrame([('ABC', 'DEF')], ['c1', 'c2'])
    >>> df.select('*', sf.hash('c1')).show()
    +---+---+----------+
    | c1| c2|  hash(c1)|
    +---+---+----------+
    |ABC|DEF|-757602832|
    +---+---+----------+

    >>> df.select('*', sf.hash('c1', df.c2)).show()
    +---+---+------------+
    | c1| c2|hash(c1, c2)|
    +---+---+------------+
    |ABC|DEF|   599895104|
    +---+---+------------+
    """
    return _fn("hash", *[_to_col(c) for c in cols])


def xxhash64(*cols: ColumnOrName) -> Column:
    """Calculates the hash code of given columns using the 64-bit variant of the xxHash algorithm,
    and returns the result as a long column. The hash computation uses an initial seed of 42.

    Values are Spark's bit for bit; null values, maps and an empty call are treated as by :meth:`hash`.

    Parameters
    ----------
    cols : :class:`~ember.sql.Column` or str
        one or more columns to compute on.

    Returns
    -------
    :class:`~ember.sql.Column`
        hash value as long column.

    See Also
    --------
    :meth:`ember.sql.functions.hash`

    Examples
    --------
    >>> import ember.sql.functions as sf
    >>> df = spark.createDataFrame([('ABC', 'DEF')], ['c1', 'c2'])
    >>> df.select('*', sf.xxhash64('c1')).show()
    +---+---+-------------------+
    | c1| c2|       xxhash64(c1)|
    +---+---+-------------------+
    |ABC|DEF|4105715581806190027|
    +---+---+-------------------+

    >>> df.select('*', sf.xxhash64('c1', df.c2)).show()
    +---+---+-------------------+
    | c1| c2|   xxhash64(c1, c2)|
    +---+---+-------------------+
    |ABC|DEF|3233247871021311208|
    +---+---+-------------------+
    """
    return _fn("xxhash64", *[_to_col(c) for c in cols])
