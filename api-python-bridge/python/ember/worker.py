"""The Python UDF worker: ``python -m ember.worker``, started by the JVM (``io.ember.bridge.udf``).

It reads requests from stdin and answers on stdout with the frames of ``PROTOCOL.md`` ("Python workers"):
per request a ``J`` header ``{"op": "eval", "function": id, "name", "evalType", "returnType", "argTypes",
"pickled"?}`` and a ``B`` batch of the arguments; the answer is ``J{"ok": true}`` and a ``B`` batch of the
result column, or ``J{"ok": false, "error": {"type", "message", "traceback", "errorClass"}}``. Functions are
unpickled once and cached by id. The worker ends at end of file on stdin (the JVM closed it or died). What the
UDFs print goes to stderr (stdout carries the frames).
"""

from __future__ import annotations

import base64
import json
import os
import struct
import sys
import traceback
from typing import Any, BinaryIO, Callable, Dict, List, Optional, Tuple

import numpy as np

from ember import _batch
from ember.sql.types import (
    BooleanType, DataType, DoubleType, IntegerType, LongType, _parse_datatype_json_value,
)

PROTOCOL = 1
_NUMPY_TYPES = {IntegerType: "<i4", LongType: "<i8", DoubleType: "<f8", BooleanType: "u1"}
_INT_RANGES = {IntegerType: (-(1 << 31), (1 << 31) - 1), LongType: (-(1 << 63), (1 << 63) - 1)}


class UdfReturnTypeError(TypeError):
    """A UDF returned a value its declared return type cannot hold (PySpark's UDF_RETURN_TYPE)."""


# ---- frames ----

def read_frame(stream: BinaryIO) -> Optional[Tuple[bytes, bytes]]:
    """(tag, payload) of the next frame, or None at end of file."""
    head = stream.read(4)
    if not head:
        return None
    if len(head) < 4:
        raise EOFError("stream ended inside a frame length")
    (n,) = struct.unpack(">I", head)
    body = stream.read(n)
    if len(body) < n:
        raise EOFError("stream ended inside a frame")
    return body[:1], body[1:]


def write_frame(stream: BinaryIO, tag: bytes, payload: bytes) -> None:
    stream.write(struct.pack(">I", len(payload) + 1) + tag + payload)


def write_json(stream: BinaryIO, obj: Any) -> None:
    write_frame(stream, b"J", json.dumps(obj).encode("utf-8"))


# ---- arguments ----

def decode_args(payload: bytes, types: List[DataType], vectorized: bool) -> Tuple[int, List[Any]]:
    """(numRows, columns) of an argument batch: lists of Python values, or arrays when ``vectorized``."""
    r = _batch._Reader(payload)
    n = r.int32()
    k = r.int32()
    if k != len(types):
        raise ValueError("argument batch has %d columns for %d argument types" % (k, len(types)))
    cols = [_decode_array(r, t, n) if vectorized else _batch._decode_vector(r, t, n) for t in types]
    return n, cols


def _decode_array(r: "_batch._Reader", t: DataType, n: int) -> np.ndarray:
    """One argument as a numpy array: typed for int/long/double/boolean without nulls, else an object array
    holding Python values with None for null."""
    dtype = _NUMPY_TYPES.get(type(t))
    if dtype is None:
        return _object_array(_batch._decode_vector(r, t, n))
    has_nulls = r.take(1)[0]
    nulls = np.frombuffer(r.take(n), dtype=np.uint8).astype(bool) if has_nulls else None
    values = r.array(dtype, n)
    values = values.astype(bool) if isinstance(t, BooleanType) else values.astype(values.dtype.newbyteorder("="))
    if nulls is None or not nulls.any():
        return values
    out = values.astype(object)
    out[nulls] = None
    return out


def _object_array(values: List[Any]) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    for i, v in enumerate(values):  # element by element: lists stay list objects
        out[i] = v
    return out


def _to_series(arrays: List[np.ndarray]) -> List[Any]:
    try:
        import pandas as pd
    except ImportError:
        return arrays
    return [pd.Series(a) for a in arrays]


# ---- calling ----

def call_rows(f: Callable, n: int, cols: List[List[Any]]) -> List[Any]:
    if not cols:
        return [f() for _ in range(n)]
    return [f(*row) for row in zip(*cols)]


def call_vector(f: Callable, n: int, cols: List[np.ndarray], name: str) -> Any:
    result = f(*_to_series(cols))
    if hasattr(result, "to_numpy"):
        result = result.to_numpy()
    if isinstance(result, (str, bytes)) or not hasattr(result, "__len__"):
        raise UdfReturnTypeError("The vectorized UDF `%s` must return an array-like of %d values (one per row), got"
                                 " %r of type %s." % (name, n, result, type(result).__name__))
    if len(result) != n:
        raise UdfReturnTypeError("The vectorized UDF `%s` must return as many values as it got rows: expected %d,"
                                 " got %d." % (name, n, len(result)))
    return result


# ---- result ----

def encode_result(values: Any, rt: DataType, name: str) -> bytes:
    """The one-column batch of a UDF's results; a value ``rt`` cannot hold raises UdfReturnTypeError."""
    n = len(values)
    fast = _encode_numeric(values, rt, n) if isinstance(values, np.ndarray) else _encode_python_numbers(values, rt)
    if fast is not None:
        return struct.pack("<ii", n, 1) + fast
    if isinstance(values, np.ndarray):
        values = values.tolist()
    parts: List[bytes] = [struct.pack("<ii", n, 1)]
    try:
        _batch._encode_vector(values, rt, parts, name)
    except (TypeError, ValueError, OverflowError) as e:
        raise _return_type_error(values, rt, name, e) from None
    return b"".join(parts)


def _encode_numeric(values: Any, rt: DataType, n: int) -> Optional[bytes]:
    """The vector of a numpy array of matching kind without nulls, in bulk; None when not applicable."""
    if not isinstance(values, np.ndarray) or values.ndim != 1:
        return None
    kind = values.dtype.kind
    if isinstance(rt, DoubleType) and kind in "fiu":
        return b"\x00" + values.astype("<f8").tobytes()
    if isinstance(rt, BooleanType) and kind == "b":
        return b"\x00" + values.astype("u1").tobytes()
    if type(rt) in _INT_RANGES and kind in "iu":
        lo, hi = _INT_RANGES[type(rt)]
        if n and (int(values.min()) < lo or int(values.max()) > hi):
            return None
        return b"\x00" + values.astype(_NUMPY_TYPES[type(rt)]).tobytes()
    return None


_PYTHON_TYPES = {IntegerType: int, LongType: int, DoubleType: float, BooleanType: bool}


def _encode_python_numbers(values: List[Any], rt: DataType) -> Optional[bytes]:
    """The vector of a list of exactly-typed Python numbers (or None), in bulk; None when not applicable (the
    checked path then encodes it or names the wrong value)."""
    pytype = _PYTHON_TYPES.get(type(rt))
    if pytype is None:
        return None
    nulls = [v is None for v in values]
    has_nulls = any(nulls)
    if has_nulls:
        zero = pytype()
        values = [zero if v is None else v for v in values]
    if not all(type(v) is pytype for v in values):
        return None
    try:
        arr = np.array(values, dtype="<i8" if pytype is int else _NUMPY_TYPES[type(rt)])
    except OverflowError:
        return None
    if type(rt) in _INT_RANGES and arr.size:
        lo, hi = _INT_RANGES[type(rt)]
        if int(arr.min()) < lo or int(arr.max()) > hi:
            return None
    mask = b"\x01" + np.array(nulls, dtype=np.uint8).tobytes() if has_nulls else b"\x00"
    return mask + arr.astype(_NUMPY_TYPES[type(rt)]).tobytes()


def _return_type_error(values: List[Any], rt: DataType, name: str, cause: Exception) -> UdfReturnTypeError:
    for v in values:
        try:
            _batch._encode_vector([v], rt, [], name)
        except (TypeError, ValueError, OverflowError):
            return UdfReturnTypeError(
                "The UDF `%s` returned %r of type %s, which its declared return type %s cannot hold."
                " Return values of the declared type (or None), or declare the type it returns."
                % (name, v, type(v).__name__, rt.simpleString()))
    return UdfReturnTypeError("The result of the UDF `%s` does not fit its declared return type"
                              " %s: %s" % (name, rt.simpleString(), cause))


# ---- the loop ----

def serve(stdin: BinaryIO, stdout: BinaryIO) -> int:
    """Answers requests until end of file on ``stdin``; returns the exit status."""
    import cloudpickle
    functions: Dict[int, Callable] = {}
    write_json(stdout, {"protocol": PROTOCOL, "pid": os.getpid()})
    stdout.flush()
    while True:
        header = read_frame(stdin)
        if header is None:
            return 0
        batch = read_frame(stdin)
        if batch is None or header[0] != b"J" or batch[0] != b"B":
            sys.stderr.write("ember.worker: protocol error: expected a J request followed by a B batch\n")
            return 3
        req = json.loads(header[1])
        name = req.get("name", "udf")
        try:
            fid = req["function"]
            if "pickled" in req:
                functions[fid] = cloudpickle.loads(base64.b64decode(req["pickled"]))
            result = _evaluate(functions[fid], req, batch[1], name)
        except Exception as e:  # the UDF's error goes to the caller; the worker keeps serving
            write_json(stdout, {"ok": False, "error": _error_json(e)})
        else:
            write_json(stdout, {"ok": True})
            write_frame(stdout, b"B", result)
        stdout.flush()


def _evaluate(f: Callable, req: Dict[str, Any], payload: bytes, name: str) -> bytes:
    rt = _parse_datatype_json_value(req["returnType"])
    types = [_parse_datatype_json_value(t) for t in req.get("argTypes", [])]
    vectorized = req.get("evalType") == "vector"
    n, cols = decode_args(payload, types, vectorized)
    values = call_vector(f, n, cols, name) if vectorized else call_rows(f, n, cols)
    return encode_result(values, rt, name)


def _error_json(e: BaseException) -> Dict[str, Any]:
    tb = e.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next  # the worker's own frames: the traceback starts in the user's function
    text = "".join(traceback.format_exception(type(e), e, tb))
    return {"type": type(e).__name__, "message": str(e), "traceback": text,
            "errorClass": "UDF_RETURN_TYPE" if isinstance(e, UdfReturnTypeError) else "PYTHON_UDF_FAILED"}


def main() -> int:
    stdin = sys.stdin.buffer
    stdout = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # what UDFs print goes to stderr, not into the frames
    sys.stdout = sys.stderr
    try:
        return serve(stdin, stdout)
    except (EOFError, BrokenPipeError):
        return 0


if __name__ == "__main__":
    sys.exit(main())
