import datetime
import decimal

import pytest

import ember.sql.functions as F
from ember.errors import PySparkTypeError, PySparkValueError
from ember.sql.types import IntegerType

A = {"expr": "col", "name": "a", "planId": None}


def lit(value, kind):
    return {"expr": "lit", "value": value, "type": kind}


def test_operators_build_op_nodes():
    assert (F.col("a") + 1)._expr == {"expr": "op", "op": "ADD", "args": [A, lit(1, "integer")]}
    assert (1 - F.col("a"))._expr == {"expr": "op", "op": "SUBTRACT", "args": [lit(1, "integer"), A]}
    assert (F.col("a") == "x")._expr["op"] == "EQUAL"
    assert (F.col("a") != 2.5)._expr == {"expr": "op", "op": "NOT_EQUAL", "args": [A, lit(2.5, "double")]}
    assert (~F.col("a"))._expr == {"expr": "op", "op": "NOT", "args": [A]}
    assert (-F.col("a"))._expr == {"expr": "op", "op": "NEGATE", "args": [A]}
    ops = [(F.col("a") * 2, "MULTIPLY"), (F.col("a") / 2, "DIVIDE"), (F.col("a") % 2, "REMAINDER"),
           (F.col("a") < 2, "LESS_THAN"), (F.col("a") <= 2, "LESS_THAN_OR_EQUAL"), (F.col("a") > 2, "GREATER_THAN"),
           (F.col("a") >= 2, "GREATER_THAN_OR_EQUAL"), (F.col("a") & True, "AND"), (F.col("a") | False, "OR")]
    for column, op in ops:
        assert column._expr["op"] == op


def test_literal_types_follow_python_values():
    assert F.lit(2 ** 40)._expr == lit(2 ** 40, "long")
    assert F.lit(True)._expr == lit(True, "boolean")
    assert F.lit(None)._expr == lit(None, "null")
    assert F.lit(datetime.date(2024, 2, 29))._expr == lit("2024-02-29", "date")
    aware = datetime.datetime(1970, 1, 1, 0, 0, 1, 5, tzinfo=datetime.timezone.utc)
    assert F.lit(aware)._expr == lit(1_000_005, "timestamp")
    assert F.lit(decimal.Decimal("12.30"))._expr == lit("12.30", "decimal(4,2)")
    with pytest.raises(PySparkTypeError, match="UNSUPPORTED_LITERAL"):
        F.lit(object())


def test_predicates_and_string_methods():
    assert F.col("a").isin(1, 2)._expr == {"expr": "op", "op": "IN", "args": [A, lit(1, "integer"), lit(2, "integer")]}
    assert F.col("a").isin([1, 2])._expr == F.col("a").isin(1, 2)._expr
    assert F.col("a").between(1, 3)._expr["op"] == "BETWEEN"
    assert F.col("a").isNull()._expr == {"expr": "op", "op": "IS_NULL", "args": [A]}
    assert F.col("a").rlike("x+")._expr == {"expr": "call", "name": "RLIKE", "args": [A, lit("x+", "string")],
                                             "distinct": False}
    assert F.col("a").like("x%")._expr["name"] == "a LIKE x%"
    assert F.col("a").startswith("x")._expr["name"] == "startswith"
    assert F.col("a").substr(1, 2)._expr["args"][1:] == [lit(1, "integer"), lit(2, "integer")]


def test_cast_alias_sort_and_when():
    assert F.col("a").cast("int")._expr == {"expr": "cast", "child": A, "to": "integer"}
    assert F.col("a").cast(IntegerType())._expr == F.col("a").cast("int")._expr
    assert F.col("a").alias("x").alias("y")._expr == {"expr": "alias", "child": A, "name": "y"}
    assert F.col("a").desc()._expr == {"expr": "sort", "child": A, "ascending": False, "nullsFirst": False}
    assert F.desc_nulls_first("a")._expr["nullsFirst"] is True
    case = F.when(F.col("a") > 1, "big").when(F.col("a") > 0, "small").otherwise(None)._expr
    assert case["expr"] == "case" and len(case["conditions"]) == 2 and case["otherwise"] == lit(None, "null")
    with pytest.raises(PySparkValueError, match="INVALID_WHEN_USAGE"):
        F.col("a").otherwise(1)


def test_column_in_boolean_context_raises_like_pyspark():
    with pytest.raises(ValueError, match="CANNOT_CONVERT_COLUMN_INTO_BOOL"):
        bool(F.col("a") > 1)
    with pytest.raises(ValueError):
        F.col("a") > 1 and F.col("b") > 2


def test_repr_shows_sparks_name():
    assert repr(F.col("a") + 1) == "Column<'(a + 1)'>"
    assert repr(F.count("*")) == "Column<'count(1)'>"
    assert repr(F.countDistinct("a", "b")) == "Column<'count(DISTINCT a, b)'>"
    assert repr(F.col("a").cast("bigint")) == "Column<'CAST(a AS BIGINT)'>"


def test_functions_use_the_java_call_names():
    assert F.sqrt("a")._expr["name"] == "SQRT"
    assert F.log("a")._expr["name"] == "ln"
    assert F.log(2.0, "a")._expr["args"][0] == lit(2.0, "double")
    assert F.split("a", " ")._expr["args"][1:] == [lit(" ", "string"), lit(-1, "integer")]
    assert F.round("a")._expr["args"][1] == lit(0, "integer")
    assert F.sum_distinct("a")._expr["distinct"] is True
    assert F.first("a", ignorenulls=True)._expr["args"][1] == lit(True, "boolean")
    assert F.col("t.*")._expr == {"expr": "star", "qualifier": "t"}


def test_wrong_argument_types_are_type_errors():
    with pytest.raises(PySparkTypeError, match="NOT_COLUMN_OR_STR"):
        F.upper(3)
    with pytest.raises(PySparkTypeError, match="NOT_COLUMN"):
        F.when("a > 1", 1)


def test_numpy_scalars_are_literals():
    import numpy as np
    assert F.lit(np.int64(3))._expr == lit(3, "integer")
    assert F.lit(np.float64(0.5))._expr == lit(0.5, "double")


def test_star_import_exports_only_functions():
    namespace = {}
    exec("from ember.sql.functions import *", namespace)
    assert "col" in namespace and "countDistinct" in namespace and "sum" in namespace
    assert "Column" not in namespace and "Optional" not in namespace


def test_window_functions_build_sparks_calls():
    ts = {"expr": "col", "name": "ts", "planId": None}
    assert F.window("ts", "10 minutes")._expr["args"] == [ts, lit("10 minutes", "string")]
    assert F.window("ts", "10 minutes", "5 minutes")._expr["args"][2] == lit("5 minutes", "string")
    assert F.window("ts", "1 hour", startTime="15 minutes")._expr["args"][1:] == [
        lit("1 hour", "string"), lit("1 hour", "string"), lit("15 minutes", "string")]
    assert F.session_window("ts", "5 minutes")._expr["name"] == "session_window"
    assert F.session_window("ts", F.col("gap"))._expr["args"][1] == {"expr": "col", "name": "gap", "planId": None}
    assert F.window_time("window")._expr["name"] == "window_time"
