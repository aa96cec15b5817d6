import pytest

from ember import errors
from ember.errors import from_bridge_error


@pytest.mark.parametrize("java_class, expected", [
    ("io.ember.core.errors.AnalysisException", errors.AnalysisException),
    ("io.ember.core.errors.EmberArithmeticException", errors.ArithmeticException),
    ("io.ember.core.errors.EmberIllegalArgumentException", errors.IllegalArgumentException),
    ("io.ember.core.errors.EmberNumberFormatException", errors.NumberFormatException),
    ("io.ember.core.errors.EmberDateTimeException", errors.DateTimeException),
    ("io.ember.core.errors.EmberRuntimeException", errors.EmberRuntimeException),
    ("io.ember.core.errors.MalformedRecordException", errors.EmberRuntimeException),
    ("java.lang.IllegalStateException", errors.EmberRuntimeException),
])
def test_jvm_classes_map_to_python_types(java_class, expected):
    e = from_bridge_error({"javaClass": java_class, "errorClass": "SOME.CLASS", "message": "[SOME.CLASS] boom",
                           "stackTrace": "at x"})
    assert type(e) is expected
    assert isinstance(e, errors.EmberException)
    assert (e.getErrorClass(), e.getMessage(), e.getJavaClass(), e.stackTrace) == (
        "SOME.CLASS", "[SOME.CLASS] boom", java_class, "at x")
    assert str(e) == "[SOME.CLASS] boom"


def test_python_hierarchy_matches_pyspark_usage():
    assert issubclass(errors.ArithmeticException, ArithmeticError)
    assert issubclass(errors.IllegalArgumentException, ValueError)
    assert issubclass(errors.NumberFormatException, errors.IllegalArgumentException)
    assert issubclass(errors.ParseException, errors.AnalysisException)
    assert errors.SparkRuntimeException is errors.EmberRuntimeException
    assert errors.PySparkException is errors.EmberException


def test_old_location_re_exports():
    from ember.sql.utils import AnalysisException
    assert AnalysisException is errors.AnalysisException
