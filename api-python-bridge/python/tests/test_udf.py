"""Python UDFs (udf, pandas_udf) end to end against the bridge and its Python workers.

UDFs are defined inside the tests: cloudpickle sends functions of importable modules by reference, and the
workers cannot import this test module (as PySpark's cannot without --py-files).
"""

import datetime as dt
import os
import subprocess
import textwrap

import numpy as np
import pytest

from conftest import REPO
from ember.errors import EmberRuntimeException, PySparkTypeError, PySparkValueError, PythonException
from ember.sql import Row
from ember.sql.functions import col, pandas_udf, udf
import ember.sql.functions as F
from ember.sql.types import ArrayType, DateType, DoubleType, IntegerType, LongType, StringType


@pytest.fixture(scope="module")
def people(spark):
    return spark.createDataFrame([(1, "ann", 3.5), (2, None, None), (3, "bob", -1.0), (None, "cy", 2.0)],
                                 "id INT, name STRING, score DOUBLE")


def values(df):
    return [tuple(r) for r in df.collect()]


def test_row_udf_sees_none_for_nulls_and_returns_null_for_none(people):
    def plus_one(v):
        return None if v is None else v + 1

    inc = udf(plus_one, IntegerType())
    rows = values(people.select("id", inc("id")).orderBy(col("id").asc_nulls_last()))
    assert rows == [(1, 2), (2, 3), (3, 4), (None, None)]
    assert people.select(inc("id")).columns == ["plus_one(id)"]


def test_return_types_int_string_double_date_array(people):
    to_str = udf(lambda i, n: "%s:%s" % (i, n))
    half = udf(lambda s: None if s is None else s / 2, DoubleType())
    day = udf(lambda i: None if i is None else dt.date(2024, 1, i), DateType())
    rep = udf(lambda i: None if i is None else list(range(i)), ArrayType(IntegerType()))
    length = udf(lambda n: len(n or ""), "int")
    df = people.select("id", to_str("id", "name").alias("s"), half("score").alias("h"), day("id").alias("d"),
                       rep("id").alias("r"), length("name").alias("n")).orderBy(col("id").asc_nulls_last())
    assert values(df) == [
        (1, "1:ann", 1.75, dt.date(2024, 1, 1), [0], 3),
        (2, "2:None", None, dt.date(2024, 1, 2), [0, 1], 0),
        (3, "3:bob", -0.5, dt.date(2024, 1, 3), [0, 1, 2], 3),
        (None, "None:cy", 1.0, None, None, 2),
    ]
    assert df.schema["s"].dataType == StringType()
    assert df.schema["d"].dataType == DateType()
    assert df.schema["r"].dataType == ArrayType(IntegerType())


def test_return_types_struct_decimal_timestamp(spark):
    import decimal
    pair = udf(lambda i: (i, str(i)) if i else None, "struct<a:int,b:string>")
    quarter = udf(lambda i: decimal.Decimal(i) / 4, "decimal(10,2)")
    stamp = udf(lambda i: dt.datetime(2024, 1, 1, 12, 0, i), "timestamp")
    df = spark.range(3).select("id", pair("id").alias("p"), quarter("id").alias("q"), stamp("id").alias("t"))
    assert values(df.orderBy("id")) == [
        (0, None, decimal.Decimal("0.00"), dt.datetime(2024, 1, 1, 12, 0, 0)),
        (1, Row(a=1, b="1"), decimal.Decimal("0.25"), dt.datetime(2024, 1, 1, 12, 0, 1)),
        (2, Row(a=2, b="2"), decimal.Decimal("0.50"), dt.datetime(2024, 1, 1, 12, 0, 2)),
    ]
    assert df.schema["p"].dataType.simpleString() == "struct<a:int,b:string>"


def test_decorator_forms_and_ddl_return_types(spark):
    @udf
    def shout(s):
        return s.upper() + "!"

    @udf("int")
    def double(i):
        return i * 2

    @udf(returnType=LongType())
    def square(i):
        return i * i

    @udf(returnType="array<string>")
    def letters(s):
        return list(s)

    def triple(i):
        return i * 3

    df = spark.createDataFrame([("ab", 4)], ["s", "i"])
    row = df.select(shout("s"), double("i"), square(col("i")), letters("s"), udf(triple, "bigint")("i")).first()
    assert tuple(row) == ("AB!", 8, 16, ["a", "b"], 12)
    assert [t for _, t in df.select(shout("s"), double("i"), square("i"), letters("s")).dtypes] == [
        "string", "int", "bigint", "array<string>"]
    assert shout.returnType == StringType()
    assert double.returnType == IntegerType()


def test_udf_arguments_arrive_as_collect_returns_them(spark):
    describe = udf(lambda d, a, r: "%s|%s|%s" % (d.isoformat(), a, r.k), "string")
    df = spark.createDataFrame([(dt.date(2024, 2, 29), [1, None], Row(k="v"))], "d DATE, a ARRAY<INT>, r STRUCT<k: STRING>")
    assert df.select(describe("d", "a", "r")).first()[0] == "2024-02-29|[1, None]|v"


def test_udf_in_filter_and_in_group_by_aggregate_input(people):
    is_long = udf(lambda n: n is not None and len(n) > 2, "boolean")
    assert sorted(values(people.filter(is_long("name")).select("name"))) == [("ann",), ("bob",)]
    parity = udf(lambda i: None if i is None else i % 2, "int")
    weight = udf(lambda s: 0.0 if s is None else s * 10, "double")
    agg = people.groupBy(parity("id").alias("p")).agg(F.sum(weight("score")).alias("w"), F.count("*").alias("n"))
    assert sorted(values(agg), key=lambda r: (r[0] is None, r[0])) == [(0, 0.0, 1), (1, 25.0, 2), (None, 20.0, 1)]


def test_zero_argument_and_nondeterministic_udf(spark):
    one = udf(lambda: 1, "int").asNondeterministic()
    assert not one.deterministic
    assert values(spark.range(3).select(one().alias("o"))) == [(1,), (1,), (1,)]


def test_vectorized_udf_receives_numpy_arrays_per_batch(spark):
    @pandas_udf("double")
    def scaled(a, b):
        assert isinstance(a, np.ndarray) and a.dtype == np.int64, (type(a), a.dtype)
        assert isinstance(b, np.ndarray) and b.dtype == np.float64
        return a * b

    df = spark.range(1000).withColumn("f", col("id") * 0.5)
    out = df.select("id", scaled("id", "f").alias("s")).orderBy("id").collect()
    assert len(out) == 1000
    assert all(r.s == r.id * r.id * 0.5 for r in out)


def test_vectorized_udf_nulls_arrive_as_none_in_object_arrays(people):
    @pandas_udf(returnType=StringType())
    def kinds(i, n):
        return [("%s/%s" % (i.dtype, type(v).__name__)) for v in n]

    @pandas_udf("int")
    def plus(i):
        return [None if v is None else v + 1 for v in i]

    rows = values(people.select("id", kinds("id", "name"), plus("id")).orderBy(col("id").asc_nulls_last()))
    assert rows == [(1, "object/str", 2), (2, "object/NoneType", 3), (3, "object/str", 4), (None, "object/str", None)]


def test_vectorized_udf_of_wrong_length_is_a_clear_error(spark):
    short = pandas_udf(lambda a: a[:1], "long")
    with pytest.raises(PythonException) as e:
        spark.range(5).select(short("id")).collect()
    assert "must return as many values as it got rows" in str(e.value)


def test_udf_that_raises_gives_python_exception_with_traceback_and_session_survives(people, spark):
    def explode_on_three(i):
        if i == 3:
            raise ValueError("three is not allowed")
        return i

    bad = udf(explode_on_three, "int")
    with pytest.raises(PythonException) as e:
        people.select(bad("id")).collect()
    msg = str(e.value)
    assert e.value.getErrorClass() == "PYTHON_UDF_FAILED"
    assert "ValueError: three is not allowed" in msg
    assert "Traceback (most recent call last)" in msg
    assert 'raise ValueError("three is not allowed")' in msg
    assert "explode_on_three" in msg
    assert spark.range(3).count() == 3
    assert values(people.filter(col("id") == 1).select(bad("id"))) == [(1,)]


def test_udf_returning_the_wrong_type_is_a_clear_error(people):
    wrong = udf(lambda n: n, "int")
    with pytest.raises(PythonException) as e:
        people.select(wrong("name").alias("x")).collect()
    msg = str(e.value)
    assert e.value.getErrorClass() == "UDF_RETURN_TYPE"
    assert "`<lambda>`" in msg and "'ann'" in msg and "str" in msg and "int" in msg


def test_udf_returning_an_out_of_range_int_is_a_clear_error(spark):
    big = udf(lambda i: 1 << 40, "int")
    with pytest.raises(PythonException) as e:
        spark.range(1).select(big("id")).collect()
    assert "1099511627776" in str(e.value) and "UDF_RETURN_TYPE" in str(e.value)


def test_worker_that_dies_gives_a_clear_error_and_the_next_query_works(spark):
    def die(i):
        import sys
        sys.stderr.write("about to exit\n")
        sys.stderr.flush()
        os._exit(7)

    with pytest.raises(EmberRuntimeException) as e:
        spark.range(3).select(udf(die, "int")("id")).collect()
    msg = str(e.value)
    assert e.value.getErrorClass() == "PYTHON_WORKER_CRASHED"
    assert "exited unexpectedly" in msg and "exit code 7" in msg and "about to exit" in msg
    assert "`die`" in msg
    again = udf(lambda i: i + 1, "long")
    assert sorted(values(spark.range(3).select(again("id")))) == [(1,), (2,), (3,)]


def test_udf_output_printed_by_the_function_does_not_disturb_the_protocol(spark):
    def noisy(i):
        print("printing from a UDF", i)
        return i

    assert sorted(values(spark.range(4).select(udf(noisy, "long")("id")))) == [(0,), (1,), (2,), (3,)]


def test_bad_udf_arguments_are_refused_in_python():
    with pytest.raises(PySparkTypeError):
        udf(42)
    with pytest.raises(PySparkTypeError):
        udf(lambda x: x, returnType=3.5)
    with pytest.raises(PySparkTypeError):
        pandas_udf(lambda x: x)
    with pytest.raises(PySparkValueError) as e:
        pandas_udf(lambda x: x, "int", 201)
    assert e.value.getErrorClass() == "INVALID_PANDAS_UDF_TYPE"
    assert pandas_udf(lambda x: x, "int", 200).evalType == "vector"


def test_udf_of_literal_arguments_and_inside_when(spark):
    add = udf(lambda a, b: a + b, "int")
    df = spark.range(3).select(add(F.lit(2), F.lit(3)).alias("c"),
                               F.when(add(F.lit(1), F.lit(1)) == 2, "yes").otherwise("no").alias("w"))
    assert values(df) == [(5, "yes")] * 3


def test_pyspark_style_script_with_udfs_runs_under_submit(tmp_path):
    script = tmp_path / "udf_job.py"
    script.write_text(textwrap.dedent("""
        from pyspark.sql import SparkSession
        from pyspark.sql.functions import udf, pandas_udf, col
        from pyspark.sql.types import IntegerType

        spark = SparkSession.builder.appName("udfs").getOrCreate()

        @udf(returnType=IntegerType())
        def word_length(w):
            return len(w) if w is not None else None

        @pandas_udf("double")
        def halve(v):
            return v / 2

        df = spark.createDataFrame([("spark",), ("ember",), (None,), ("py",)], ["word"])
        df.select("word", word_length("word").alias("len")).orderBy("word").show()
        df.filter(word_length(col("word")) > 2).select(halve(word_length("word")).alias("half")).orderBy("half").show()
        spark.stop()
    """))
    result = subprocess.run([os.path.join(REPO, "bin", "ember"), "submit", "--master", "local[2]", str(script)],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert result.stdout == textwrap.dedent("""\
        +-----+----+
        | word| len|
        +-----+----+
        | NULL|NULL|
        |ember|   5|
        |   py|   2|
        |spark|   5|
        +-----+----+

        +----+
        |half|
        +----+
        | 2.5|
        | 2.5|
        +----+

        """)
