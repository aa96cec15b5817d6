import datetime
import decimal
import struct

import numpy as np
import pytest

from ember._batch import batch_to_rows, decode_batch, encode_batch, rows_to_batches
from ember.errors import PySparkTypeError, PySparkValueError
from ember.sql.types import (
    ArrayType, BooleanType, DateType, DecimalType, DoubleType, IntegerType, LongType, NullType, StringType,
    StructType, TimestampType,
)


def le(fmt, *values):
    return struct.pack("<" + fmt, *values)


def test_decodes_a_hand_made_batch():
    schema = StructType().add("i", IntegerType()).add("s", StringType()).add("d", DoubleType()).add("b", BooleanType())
    buf = (le("ii", 3, 4)
           + b"\x00" + le("iii", 1, -2, 2147483647)
           + b"\x01" + bytes([0, 1, 0]) + le("iiii", 0, 2, 2, 5) + "héy".encode()[:0] + b"ab" + b"cde"
           + b"\x00" + le("ddd", 0.5, -1.0, 1e300)
           + b"\x01" + bytes([1, 0, 0]) + bytes([0, 1, 0]))
    rows = batch_to_rows(decode_batch(buf, schema), schema.names)
    assert [tuple(r) for r in rows] == [(1, "ab", 0.5, None), (-2, None, -1.0, True), (2147483647, "cde", 1e300, False)]
    assert repr(rows[0]) == "Row(i=1, s='ab', d=0.5, b=None)"


def test_decodes_dates_timestamps_decimals_arrays_and_nulls():
    schema = (StructType().add("day", DateType()).add("ts", TimestampType()).add("m", DecimalType(5, 2))
              .add("arr", ArrayType(LongType())).add("v", NullType()))
    buf = (le("ii", 2, 5)
           + b"\x00" + le("ii", 0, -1)
           + b"\x00" + le("qq", 0, 1_500_000)
           + b"\x01" + bytes([0, 1]) + le("iii", 0, 5, 5) + b"12.30"
           + b"\x00" + le("iii", 0, 2, 3) + le("i", 3) + b"\x01" + bytes([0, 0, 1]) + le("qqq", 7, 8, 0)
           + b"\x00")
    cols = decode_batch(buf, schema)
    assert cols[0] == [datetime.date(1970, 1, 1), datetime.date(1969, 12, 31)]
    utc = [t.astimezone(datetime.timezone.utc) for t in cols[1]]
    assert utc[1] - utc[0] == datetime.timedelta(seconds=1.5)
    assert utc[0] == datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    assert cols[2] == [decimal.Decimal("12.30"), None]
    assert cols[3] == [[7, 8], [None]]
    assert cols[4] == [None, None]


def test_truncated_batch_is_a_clear_error():
    schema = StructType().add("i", IntegerType())
    with pytest.raises(ValueError, match="truncated batch"):
        decode_batch(le("ii", 2, 1) + b"\x00" + le("i", 1), schema)


def test_encode_then_decode_round_trips():
    schema = (StructType().add("a", LongType()).add("s", StringType()).add("arr", ArrayType(StringType()))
              .add("st", StructType().add("x", DoubleType())).add("m", DecimalType(10, 2)))
    rows = [(1, "x", ["p", None], (1.5,), decimal.Decimal("1.5")), (None, None, None, None, None),
            (-(2 ** 63), "ünï", [], {"x": None}, 3)]
    decoded = batch_to_rows(decode_batch(encode_batch(rows, schema), schema), schema.names)
    assert decoded[0] == (1, "x", ["p", None], (1.5,), decimal.Decimal("1.50"))
    assert decoded[1] == (None,) * 5
    assert decoded[2] == (-(2 ** 63), "ünï", [], (None,), decimal.Decimal("3.00"))
    assert decoded[2].st.x is None


def test_encoded_numbers_are_little_endian():
    schema = StructType().add("a", IntegerType())
    buf = encode_batch([(1,), (256,)], schema)
    assert buf == le("ii", 2, 1) + b"\x00" + le("ii", 1, 256)
    assert np.frombuffer(buf[9:], dtype="<i4").tolist() == [1, 256]


def test_encoding_rejects_wrong_types_and_out_of_range_values():
    with pytest.raises(PySparkTypeError, match="field a"):
        encode_batch([("x",)], StructType().add("a", LongType()))
    with pytest.raises(PySparkValueError, match="out of range"):
        encode_batch([(2 ** 31,)], StructType().add("a", IntegerType()))
    with pytest.raises(PySparkTypeError):
        encode_batch([(True,)], StructType().add("a", DoubleType()))


def test_rows_are_split_into_batches():
    schema = StructType().add("a", LongType())
    batches = rows_to_batches([(i,) for i in range(10)], schema, batch_rows=4)
    assert [struct.unpack("<i", b[:4])[0] for b in batches] == [4, 4, 2]
    assert len(rows_to_batches([], schema)) == 1


def test_booleans_must_be_bools():
    with pytest.raises(PySparkTypeError, match="field b"):
        encode_batch([(1,)], StructType().add("b", BooleanType()))
    assert decode_batch(encode_batch([(np.bool_(True),)], StructType().add("b", BooleanType())),
                        StructType().add("b", BooleanType())) == [[True]]
