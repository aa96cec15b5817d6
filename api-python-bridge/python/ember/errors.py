"""Exceptions raised by Ember, with PySpark's names (``pyspark.errors``)."""

from __future__ import annotations

from typing import Optional

__all__ = [
    "EmberException", "PySparkException", "AnalysisException", "ParseException", "IllegalArgumentException",
    "ArithmeticException", "NumberFormatException", "DateTimeException", "StreamingQueryException",
    "PythonException", "EmberRuntimeException", "SparkRuntimeException", "BridgeException",
    "PySparkTypeError", "PySparkValueError",
]


class EmberException(Exception):
    """Base of Ember's errors: a message, Spark's error class and the JVM class it came from."""

    def __init__(self, message: Optional[str] = None, errorClass: Optional[str] = None,
                 javaClass: Optional[str] = None, stackTrace: Optional[str] = None):
        super().__init__(message)
        self._message = message or ""
        self._error_class = errorClass
        self._java_class = javaClass
        self._stack_trace = stackTrace

    def getErrorClass(self) -> Optional[str]:
        """Spark's error class, e.g. ``UNRESOLVED_COLUMN.WITH_SUGGESTION`` (None when unknown)."""
        return self._error_class

    def getCondition(self) -> Optional[str]:
        """Same as ``getErrorClass()`` (Spark 4 name)."""
        return self._error_class

    def getMessage(self) -> str:
        """The error message."""
        return self._message

    def getJavaClass(self) -> Optional[str]:
        """The JVM exception class this error came from, if it came from the JVM."""
        return self._java_class

    @property
    def javaClass(self) -> Optional[str]:
        """The JVM exception class this error came from, if it came from the JVM."""
        return self._java_class

    @property
    def stackTrace(self) -> Optional[str]:
        """The JVM stack trace text, if it came from the JVM."""
        return self._stack_trace

    def __str__(self) -> str:
        return self._message


PySparkException = EmberException


class AnalysisException(EmberException):
    """A query could not be analyzed: an unknown column, table or path, or mismatched types."""


class ParseException(AnalysisException):
    """A SQL text, DDL string or expression could not be parsed."""


class IllegalArgumentException(EmberException, ValueError):
    """An argument was invalid."""


class ArithmeticException(EmberException, ArithmeticError):
    """Overflow or division by zero under ANSI mode."""


class NumberFormatException(IllegalArgumentException):
    """A string could not be read as a number."""


class DateTimeException(EmberException):
    """A date or time could not be parsed or is out of range."""


class StreamingQueryException(EmberException):
    """A streaming query stopped with an error."""


class PythonException(EmberException):
    """A Python function (UDF) raised in a worker."""


class EmberRuntimeException(EmberException, RuntimeError):
    """A failure while running a query (Spark's SparkRuntimeException)."""


SparkRuntimeException = EmberRuntimeException


class BridgeException(EmberRuntimeException):
    """The JVM bridge could not be started, refused the connection, or died."""


class PySparkTypeError(EmberException, TypeError):
    """A Python argument has the wrong type."""


class PySparkValueError(EmberException, ValueError):
    """A Python argument has a wrong value."""


_BY_SIMPLE_NAME = {
    "AnalysisException": AnalysisException,
    "ParseException": ParseException,
    "EmberIllegalArgumentException": IllegalArgumentException,
    "IllegalArgumentException": IllegalArgumentException,
    "EmberArithmeticException": ArithmeticException,
    "ArithmeticException": ArithmeticException,
    "EmberNumberFormatException": NumberFormatException,
    "NumberFormatException": NumberFormatException,
    "EmberDateTimeException": DateTimeException,
    "DateTimeException": DateTimeException,
    "DateTimeParseException": DateTimeException,
    "StreamingQueryException": StreamingQueryException,
    "PythonException": PythonException,
    "EmberRuntimeException": EmberRuntimeException,
    "MalformedRecordException": EmberRuntimeException,
}


def from_bridge_error(error: dict) -> EmberException:
    """The Python exception for the bridge's ``error`` object (javaClass, errorClass, message, stackTrace)."""
    java_class = error.get("javaClass") or ""
    simple = java_class.rsplit(".", 1)[-1].split("$")[-1]
    cls = _BY_SIMPLE_NAME.get(simple)
    if cls is None:
        cls = EmberRuntimeException
    return cls(error.get("message") or java_class, error.get("errorClass"), java_class or None,
               error.get("stackTrace"))
