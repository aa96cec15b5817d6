"""Python user-defined functions: ``udf`` (called per row) and ``pandas_udf`` (called per batch with arrays).

A UDF travels to the JVM as the protocol's ``udf`` expression (the function pickled with cloudpickle); the JVM
runs it on a pool of Python worker processes (``ember.worker``).
"""

from __future__ import annotations

import base64
import functools
from typing import Any, Callable, Optional, Union

from ember.errors import PySparkTypeError, PySparkValueError
from ember.sql.column import Column, _to_col
from ember.sql.types import DataType, StringType, _parse_datatype_string

ROW = "row"
VECTOR = "vector"
SCALAR = 200  # PySpark's PandasUDFType.SCALAR, the only pandas_udf functionType supported


def _return_type(t: Union[DataType, str, None]) -> DataType:
    if isinstance(t, DataType):
        return t
    if isinstance(t, str):
        return _parse_datatype_string(t)
    raise PySparkTypeError("[NOT_DATATYPE_OR_STR] Argument `returnType` should be a DataType or str, got %s."
                           % type(t).__name__, "NOT_DATATYPE_OR_STR")


def _function_name(f: Callable) -> str:
    name = getattr(f, "__name__", None)
    if name is None and isinstance(f, functools.partial):
        return _function_name(f.func)
    return name if name else type(f).__name__


class UserDefinedFunction:
    """A Python function usable in DataFrame expressions; calling it with columns (or names) gives a Column."""

    def __init__(self, func: Callable, returnType: Union[DataType, str] = StringType(), name: Optional[str] = None,
                 evalType: str = ROW, deterministic: bool = True):
        if not callable(func):
            raise PySparkTypeError("[NOT_CALLABLE] Argument `func` should be a callable, got %s."
                                   % type(func).__name__, "NOT_CALLABLE")
        self.func = func
        self._returnType = _return_type(returnType)
        self._name = name or _function_name(func)
        self.evalType = evalType
        self.deterministic = deterministic
        self._pickled: Optional[str] = None
        if hasattr(func, "__name__"):
            functools.update_wrapper(self, func)

    @property
    def returnType(self) -> DataType:
        return self._returnType

    def _pickled_function(self) -> str:
        if self._pickled is None:
            import cloudpickle
            self._pickled = base64.b64encode(cloudpickle.dumps(self.func)).decode("ascii")
        return self._pickled

    def _wire(self) -> dict:
        """The protocol's description of this function: a ``udf`` expression without ``args``."""
        return {"name": self._name, "function": self._pickled_function(), "returnType": self._returnType.jsonValue(),
                "evalType": self.evalType, "deterministic": self.deterministic}

    def __call__(self, *cols: Any) -> Column:
        node = {"expr": "udf"}
        node.update(self._wire())
        node["args"] = [_to_col(c)._expr for c in cols]
        return Column(node)

    def asNondeterministic(self) -> "UserDefinedFunction":
        """This UDF, marked non-deterministic (never evaluated ahead of time or assumed repeatable)."""
        self.deterministic = False
        return self

    def __repr__(self) -> str:
        return "UserDefinedFunction(%s, returnType=%r, evalType=%r)" % (self._name, self._returnType, self.evalType)


def _decorate(f: Any, returnType: Any, evalType: str, default: Any) -> Any:
    if f is None or isinstance(f, (str, DataType)):
        # @udf(), @udf("int"), @udf(returnType=...): the decorator.
        rt = f if f is not None else (returnType if returnType is not None else default)
        return lambda func: UserDefinedFunction(func, _checked(rt, evalType), evalType=evalType)
    return UserDefinedFunction(f, _checked(returnType if returnType is not None else default, evalType),
                               evalType=evalType)


def _checked(rt: Any, evalType: str) -> Any:
    if rt is None:
        raise PySparkTypeError("[CANNOT_BE_NONE] Argument `returnType` can not be None: a pandas_udf needs its"
                               " return type, e.g. @pandas_udf(\"double\").", "CANNOT_BE_NONE")
    return rt


def udf(f: Any = None, returnType: Union[DataType, str] = StringType(), *, useArrow: Optional[bool] = None) -> Any:
    """A row-at-a-time Python UDF: ``udf(f, "int")``, ``@udf``, ``@udf("int")``, ``@udf(returnType=IntegerType())``.

    The function receives Python values as ``collect()`` returns them (None for null) and returns one value of
    ``returnType`` (None for null)."""
    return _decorate(f, returnType, ROW, StringType())


def pandas_udf(f: Any = None, returnType: Union[DataType, str, None] = None, functionType: Any = None) -> Any:
    """A vectorized Python UDF, with the decorator shapes of ``udf``: called once per batch with one array per
    argument (a pandas Series when pandas is importable, else a numpy array; see the package README for how
    nulls arrive), it returns an array-like of the same length."""
    if functionType is not None and functionType != SCALAR:
        raise PySparkValueError("[INVALID_PANDAS_UDF_TYPE] Only scalar pandas UDFs (a batch of values in, as many"
                                " out) are supported; got functionType %r." % (functionType,),
                                "INVALID_PANDAS_UDF_TYPE")
    return _decorate(f, returnType, VECTOR, None)


class UDFRegistration:
    """``spark.udf``: registers Python functions by name, for ``spark.sql``, ``F.expr``, ``selectExpr`` and
    ``F.call_udf``. A registered function belongs to the session, its name is case-insensitive and takes
    precedence over a built-in scalar function of the same name (as in PySpark); it runs in the Python worker
    processes exactly as the same function used through ``F.udf``."""

    def __init__(self, spark: Any):
        self._spark = spark

    def register(self, name: str, f: Any, returnType: Union[DataType, str, None] = None) -> UserDefinedFunction:
        """Registers ``f`` as ``name`` and returns it as a UDF named ``name``, usable with columns too.

        ``f`` is a plain Python function (called per row; ``returnType`` defaults to ``StringType()``), or a UDF
        made by ``udf`` or ``pandas_udf`` (scalar), which carries its return type: giving ``returnType`` for one
        is PySpark's ``CANNOT_SPECIFY_RETURN_TYPE_FOR_UDF`` error."""
        if not isinstance(name, str):
            raise PySparkTypeError("[NOT_STR] Argument `name` should be a str, got %s." % type(name).__name__,
                                   "NOT_STR")
        if isinstance(f, UserDefinedFunction):
            if returnType is not None:
                raise PySparkTypeError("[CANNOT_SPECIFY_RETURN_TYPE_FOR_UDF] returnType can not be specified when `f`"
                                       " is a user-defined function, but got %r." % (returnType,),
                                       "CANNOT_SPECIFY_RETURN_TYPE_FOR_UDF")
            registered = UserDefinedFunction(f.func, f.returnType, name=name, evalType=f.evalType,
                                             deterministic=f.deterministic)
        else:
            registered = UserDefinedFunction(f, returnType if returnType is not None else StringType(), name=name)
        self._spark._request("registerUdf", name=name, udf=registered._wire())
        return registered

