"""Old PySpark location of the SQL exceptions (``pyspark.sql.utils``)."""

from ember.errors import (  # noqa: F401
    AnalysisException, ArithmeticException, IllegalArgumentException, ParseException, PythonException,
    StreamingQueryException,
)

__all__ = ["AnalysisException", "ArithmeticException", "IllegalArgumentException", "ParseException",
           "PythonException", "StreamingQueryException"]
