"""Binary columnar batches of the bridge protocol (``B`` frames), decoded with numpy, encoded for createDataFrame."""

from __future__ import annotations

import datetime as _dt
import decimal
import struct
from typing import Any, List, Sequence, Tuple

import numpy as np

from ember.sql._row import Row, _make_row, _make_rows
from ember.sql.types import (
    ArrayType, BinaryType, BooleanType, DataType, DateType, DayTimeIntervalType, DecimalType, DoubleType, IntegerType, LongType,
    MapType, NullType, StringType, StructType, TimestampType, YearMonthIntervalType,
)

_EPOCH_DATE = _dt.date(1970, 1, 1)
_EPOCH_UTC = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
_ONE_MICRO = _dt.timedelta(microseconds=1)


class _Reader:
    def __init__(self, buf: bytes, pos: int = 0):
        self.buf = memoryview(buf)
        self.pos = pos

    def take(self, n: int) -> memoryview:
        if self.pos + n > len(self.buf):
            raise ValueError("truncated batch: need %d bytes at %d of %d" % (n, self.pos, len(self.buf)))
        out = self.buf[self.pos:self.pos + n]
        self.pos += n
        return out

    def int32(self) -> int:
        return struct.unpack("<i", self.take(4))[0]

    def array(self, dtype: str, n: int) -> np.ndarray:
        size = np.dtype(dtype).itemsize
        return np.frombuffer(self.take(n * size), dtype=dtype, count=n)


def decode_batch(buf: bytes, schema: StructType) -> List[List[Any]]:
    """Columns (lists of Python values, None for null) of one batch, as the schema types them."""
    r = _Reader(buf)
    num_rows = r.int32()
    num_cols = r.int32()
    if num_cols != len(schema.fields):
        raise ValueError("batch has %d columns, schema has %d" % (num_cols, len(schema.fields)))
    return [_decode_vector(r, f.dataType, num_rows) for f in schema.fields]


def batch_to_rows(columns: List[List[Any]], names: List[str]) -> List[Row]:
    """Rows of decoded columns."""
    if not columns:
        return []
    return _make_rows(names, zip(*columns))


def _decode_vector(r: _Reader, dt: DataType, n: int) -> List[Any]:
    has_nulls = r.take(1)[0]
    nulls = np.frombuffer(r.take(n), dtype=np.uint8).astype(bool) if has_nulls else None
    values = _decode_values(r, dt, n)
    if nulls is not None:
        for i in np.flatnonzero(nulls).tolist():
            values[i] = None
    return values


def _decode_values(r: _Reader, dt: DataType, n: int) -> List[Any]:
    if isinstance(dt, BooleanType):
        return r.array("u1", n).astype(bool).tolist()
    if isinstance(dt, DateType):
        days = r.array("<i4", n).tolist()
        return [_EPOCH_DATE + _dt.timedelta(days=d) for d in days]
    if isinstance(dt, (IntegerType, YearMonthIntervalType)):
        return r.array("<i4", n).tolist()
    if isinstance(dt, DayTimeIntervalType):
        return [_dt.timedelta(microseconds=m) for m in r.array("<i8", n).tolist()]
    if isinstance(dt, TimestampType):
        micros = r.array("<i8", n).tolist()
        return [(_EPOCH_UTC + _dt.timedelta(microseconds=m)).astimezone().replace(tzinfo=None) for m in micros]
    if isinstance(dt, LongType):
        return r.array("<i8", n).tolist()
    if isinstance(dt, DoubleType):
        return r.array("<f8", n).tolist()
    if isinstance(dt, BinaryType):
        offs = r.array("<i4", n + 1).tolist()
        data = r.take(offs[n] if n >= 0 else 0)
        return [bytearray(data[offs[i]:offs[i + 1]]) for i in range(n)]
    if isinstance(dt, (StringType, DecimalType)):
        offsets = r.array("<i4", n + 1)
        data = bytes(r.take(int(offsets[n]) if n >= 0 else 0))
        offs = offsets.tolist()
        text = data.decode("utf-8")
        if len(text) == len(data):  # ASCII: byte offsets are character offsets
            strs = [text[offs[i]:offs[i + 1]] for i in range(n)]
        else:
            strs = [data[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n)]
        if isinstance(dt, DecimalType):
            return [decimal.Decimal(s) if s else None for s in strs]
        return strs
    if isinstance(dt, NullType):
        return [None] * n
    if isinstance(dt, ArrayType):
        offs = r.array("<i4", n + 1).tolist()
        count = r.int32()
        elements = _decode_vector(r, dt.elementType, count)
        return [elements[offs[i]:offs[i + 1]] for i in range(n)]
    if isinstance(dt, MapType):
        offs = r.array("<i4", n + 1).tolist()
        count = r.int32()
        keys = _decode_vector(r, dt.keyType, count)
        vals = _decode_vector(r, dt.valueType, count)
        return [dict(zip(keys[offs[i]:offs[i + 1]], vals[offs[i]:offs[i + 1]])) for i in range(n)]
    if isinstance(dt, StructType):
        cols = [_decode_vector(r, f.dataType, n) for f in dt.fields]
        return batch_to_rows(cols, dt.names) if cols else [_make_row([], []) for _ in range(n)]
    raise ValueError("cannot decode a vector of type %s" % dt.simpleString())


# ---- encoding (createDataFrame) ----

def encode_batch(rows: Sequence[Sequence[Any]], schema: StructType) -> bytes:
    """One batch of rows (sequences of values in schema order) in the binary format."""
    parts = [struct.pack("<ii", len(rows), len(schema.fields))]
    for i, f in enumerate(schema.fields):
        _encode_vector([row[i] for row in rows], f.dataType, parts, f.name)
    return b"".join(parts)


def _encode_vector(values: List[Any], dt: DataType, parts: List[bytes], name: str) -> None:
    n = len(values)
    nulls = [v is None for v in values]
    if any(nulls):
        parts.append(b"\x01")
        parts.append(np.array(nulls, dtype=np.uint8).tobytes())
    else:
        parts.append(b"\x00")
    _encode_values(values, dt, parts, name, n)


def _encode_values(values: List[Any], dt: DataType, parts: List[bytes], name: str, n: int) -> None:
    if isinstance(dt, BooleanType):
        parts.append(np.array([_bool(v, name) if v is not None else False for v in values], dtype=np.uint8).tobytes())
    elif isinstance(dt, DateType):
        parts.append(np.array([_days(v, name) if v is not None else 0 for v in values], dtype="<i4").tobytes())
    elif isinstance(dt, (IntegerType, YearMonthIntervalType)):
        parts.append(np.array([_int(v, name, 32) if v is not None else 0 for v in values], dtype="<i4").tobytes())
    elif isinstance(dt, DayTimeIntervalType):
        parts.append(np.array([_interval_micros(v, name, dt) if v is not None else 0 for v in values],
                              dtype="<i8").tobytes())
    elif isinstance(dt, TimestampType):
        parts.append(np.array([_micros(v, name) if v is not None else 0 for v in values], dtype="<i8").tobytes())
    elif isinstance(dt, LongType):
        parts.append(np.array([_int(v, name, 64) if v is not None else 0 for v in values], dtype="<i8").tobytes())
    elif isinstance(dt, DoubleType):
        parts.append(np.array([_float(v, name) if v is not None else 0.0 for v in values], dtype="<f8").tobytes())
    elif isinstance(dt, (StringType, DecimalType, BinaryType)):
        if isinstance(dt, BinaryType):
            encoded = [_bytes(v, name) if v is not None else b"" for v in values]
        else:
            conv = _str if isinstance(dt, StringType) else _decimal_text(dt)
            encoded = [conv(v, name).encode("utf-8") if v is not None else b"" for v in values]
        offsets = np.zeros(n + 1, dtype="<i4")
        if n:
            np.cumsum([len(b) for b in encoded], out=offsets[1:])
        parts.append(offsets.tobytes())
        parts.append(b"".join(encoded))
    elif isinstance(dt, NullType):
        if any(v is not None for v in values):
            raise _type_error(name, dt, next(v for v in values if v is not None))
    elif isinstance(dt, ArrayType):
        elements: List[Any] = []
        offsets = [0]
        for v in values:
            if v is not None:
                if not isinstance(v, (list, tuple)):
                    raise _type_error(name, dt, v)
                elements.extend(v)
            offsets.append(len(elements))
        parts.append(np.array(offsets, dtype="<i4").tobytes())
        parts.append(struct.pack("<i", len(elements)))
        _encode_vector(elements, dt.elementType, parts, name)
    elif isinstance(dt, MapType):
        keys: List[Any] = []
        vals: List[Any] = []
        offsets = [0]
        for v in values:
            if v is not None:
                if not isinstance(v, dict):
                    raise _type_error(name, dt, v)
                for k, x in v.items():
                    if k is None:
                        from ember.errors import PySparkValueError
                        raise PySparkValueError("[NULL_MAP_KEY] Cannot use null as map key.", "NULL_MAP_KEY")
                    keys.append(k)
                    vals.append(x)
            offsets.append(len(keys))
        parts.append(np.array(offsets, dtype="<i4").tobytes())
        parts.append(struct.pack("<i", len(keys)))
        _encode_vector(keys, dt.keyType, parts, name)
        _encode_vector(vals, dt.valueType, parts, name)
    elif isinstance(dt, StructType):
        tuples = [_struct_values(v, dt, name) for v in values]
        for i, f in enumerate(dt.fields):
            _encode_vector([t[i] if t is not None else None for t in tuples], f.dataType, parts, f.name)
    else:
        raise ValueError("cannot encode a vector of type %s" % dt.simpleString())


def _type_error(name: str, dt: DataType, v: Any) -> TypeError:
    from ember.errors import PySparkTypeError
    return PySparkTypeError("field %s: %r can not accept object %r in type %s" % (name, dt, v, type(v)),
                            "FIELD_DATA_TYPE_UNACCEPTABLE")


def _bool(v: Any, name: str) -> bool:
    if not isinstance(v, (bool, np.bool_)):
        raise _type_error(name, BooleanType(), v)
    return bool(v)


def _int(v: Any, name: str, bits: int) -> int:
    if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
        raise _type_error(name, IntegerType() if bits == 32 else LongType(), v)
    lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    if not lo <= int(v) <= hi:
        from ember.errors import PySparkValueError
        raise PySparkValueError("field %s: object of %s out of range, got: %d"
                                % (name, "IntegerType" if bits == 32 else "LongType", v), "VALUE_OUT_OF_BOUNDS")
    return int(v)


def _float(v: Any, name: str) -> float:
    if isinstance(v, bool) or not isinstance(v, (float, int, np.floating, np.integer)):
        raise _type_error(name, DoubleType(), v)
    return float(v)


def _str(v: Any, name: str) -> str:
    if not isinstance(v, str):
        raise _type_error(name, StringType(), v)
    return v


def _bytes(v: Any, name: str) -> bytes:
    if not isinstance(v, (bytes, bytearray, memoryview)):
        raise _type_error(name, BinaryType(), v)
    return bytes(v)


def _decimal_text(dt: DecimalType) -> Any:
    quantum = decimal.Decimal(1).scaleb(-dt.scale)

    def conv(v: Any, name: str) -> str:
        if isinstance(v, bool) or not isinstance(v, (decimal.Decimal, int)):
            raise _type_error(name, dt, v)
        return format(decimal.Decimal(v).quantize(quantum, rounding=decimal.ROUND_HALF_UP), "f")
    return conv


def _days(v: Any, name: str) -> int:
    if isinstance(v, _dt.datetime) or not isinstance(v, _dt.date):
        raise _type_error(name, DateType(), v)
    return (v - _EPOCH_DATE).days


def _micros(v: Any, name: str) -> int:
    if not isinstance(v, _dt.datetime):
        raise _type_error(name, TimestampType(), v)
    aware = v if v.tzinfo is not None else v.astimezone()
    return (aware - _EPOCH_UTC) // _ONE_MICRO


def _interval_micros(v: Any, name: str, dt: DayTimeIntervalType) -> int:
    if not isinstance(v, _dt.timedelta):
        raise _type_error(name, dt, v)
    return (v.days * 86_400 + v.seconds) * 1_000_000 + v.microseconds


def _struct_values(v: Any, dt: StructType, name: str) -> Any:
    if v is None:
        return None
    if isinstance(v, dict):
        return tuple(v.get(n) for n in dt.names)
    if isinstance(v, Row) and hasattr(v, "__fields__"):
        d = v.asDict()
        return tuple(d.get(n) for n in dt.names)
    if isinstance(v, (tuple, list)):
        if len(v) != len(dt.fields):
            raise _type_error(name, dt, v)
        return tuple(v)
    raise _type_error(name, dt, v)


def rows_to_batches(rows: Sequence[Sequence[Any]], schema: StructType, batch_rows: int = 65536) -> List[bytes]:
    """Rows split into encoded batches of at most ``batch_rows`` rows (one empty batch for no rows)."""
    if not rows:
        return [encode_batch([], schema)]
    return [encode_batch(rows[i:i + batch_rows], schema) for i in range(0, len(rows), batch_rows)]


def frame_split(buf: bytes) -> Tuple[int, bytes]:
    """The first byte and the payload of a frame body."""
    return buf[0], buf[1:]
