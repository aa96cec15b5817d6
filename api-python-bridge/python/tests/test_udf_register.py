"""spark.udf.register: Python functions, udf and pandas_udf UDFs called by name from SQL, F.expr, selectExpr,
filter strings and F.call_udf, run by the same Python workers as F.udf.

Functions are defined inside the tests: the workers cannot import this test module (see test_udf.py).
"""

import os
import subprocess

import pytest

from conftest import REPO
from ember.errors import AnalysisException, PySparkTypeError, PythonException
from ember.sql.functions import call_udf, col, expr, pandas_udf, udf
from ember.sql.types import IntegerType, LongType, StringType


@pytest.fixture(scope="module")
def words(spark):
    df = spark.createDataFrame([(1, "apple"), (2, None), (3, "fig"), (4, "kiwi")], "id INT, w STRING")
    df.createOrReplaceTempView("words")
    return df


def values(df):
    return [tuple(r) for r in df.collect()]


def test_a_plain_function_registered_runs_in_sql_with_none_for_null(spark, words):
    def wlen(s):
        return -1 if s is None else len(s)

    returned = spark.udf.register("wlen", wlen, IntegerType())
    df = spark.sql("SELECT id, wlen(w) FROM words ORDER BY id")
    assert df.columns == ["id", "wlen(w)"]
    assert values(df) == [(1, 5), (2, -1), (3, 3), (4, 4)]
    # the returned UDF works on columns too, under the registered name
    assert words.select(returned("w")).columns == ["wlen(w)"]
    assert sorted(values(words.select(returned("w")))) == [(-1,), (3,), (4,), (5,)]


def test_every_call_by_name_and_any_case(spark, words):
    spark.udf.register("shout", udf(lambda s: None if s is None else s.upper() + "!", StringType()))
    expected = [(1, "APPLE!"), (2, None), (3, "FIG!"), (4, "KIWI!")]
    assert values(spark.sql("SELECT id, SHOUT(w) AS s FROM words ORDER BY id")) == expected
    assert values(words.select("id", expr("Shout(w) AS s")).orderBy("id")) == expected
    assert values(words.selectExpr("id", "shout(w) AS s").orderBy("id")) == expected
    assert values(words.select("id", call_udf("shout", col("w")).alias("s")).orderBy("id")) == expected
    assert values(words.filter("shout(w) = 'FIG!'").select("id")) == [(3,)]


def test_a_pandas_udf_registered_runs_per_batch(spark, words):
    @pandas_udf("long")
    def doubled(ids):
        return ids * 2

    spark.udf.register("doubled", doubled)
    assert values(spark.sql("SELECT id, doubled(id) FROM words ORDER BY id")) == [(1, 2), (2, 4), (3, 6), (4, 8)]
    assert values(spark.sql("SELECT sum(doubled(id)) FROM words")) == [(20,)]


def test_default_return_type_is_string_and_group_by_a_registered_function(spark, words):
    spark.udf.register("parity", lambda i: "even" if i % 2 == 0 else "odd")
    rows = values(spark.sql("SELECT parity(id) AS p, count(*) AS n FROM words GROUP BY parity(id) ORDER BY p"))
    assert rows == [("even", 2), ("odd", 2)]
    assert spark.sql("SELECT parity(1)").schema.fields[0].dataType == StringType()


def test_a_udf_keeps_its_return_type_and_refuses_another(spark):
    with pytest.raises(PySparkTypeError) as e:
        spark.udf.register("bad", udf(lambda x: x, LongType()), IntegerType())
    assert e.value.getErrorClass() == "CANNOT_SPECIFY_RETURN_TYPE_FOR_UDF"


def test_unknown_name_suggests_the_closest_registered_one(spark, words):
    spark.udf.register("triple_it", lambda i: i * 3, "int")
    with pytest.raises(AnalysisException) as e:
        spark.sql("SELECT triple_itt(id) FROM words")
    assert e.value.getErrorClass() == "UNRESOLVED_ROUTINE"
    assert "Did you mean `triple_it`?" in str(e.value)
    assert spark.catalog.functionExists("TRIPLE_IT")
    assert spark.catalog.functionExists("upper")
    assert not spark.catalog.functionExists("triple_itt")


def test_a_registered_function_that_raises_and_the_session_survives(spark, words):
    def no_figs(s):
        if s == "fig":
            raise ValueError("no figs here")
        return s

    spark.udf.register("no_figs", no_figs)
    with pytest.raises(PythonException) as e:
        spark.sql("SELECT no_figs(w) FROM words").collect()
    assert "ValueError: no figs here" in str(e.value)
    assert values(spark.sql("SELECT no_figs(w) FROM words WHERE id = 1")) == [("apple",)]


def test_registering_again_replaces_and_aggregate_names_are_refused(spark, words):
    spark.udf.register("version_of", lambda i: 1, "int")
    spark.udf.register("version_of", lambda i: 2, "int")
    assert values(spark.sql("SELECT version_of(id) FROM words WHERE id = 1")) == [(2,)]
    with pytest.raises(Exception) as e:
        spark.udf.register("sum", lambda i: i, "int")
    assert e.value.getErrorClass() == "INVALID_UDF_NAME"


def test_the_sql_udfs_example_runs_under_submit():
    launcher = os.path.join(os.environ.get("EMBER_HOME") or REPO, "bin", "ember")
    result = subprocess.run([launcher, "submit", "--master", "local[2]",
                             os.path.join(REPO, "examples", "python", "sql_udfs.py"),
                             os.path.join(REPO, "examples", "data", "sales.csv")],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert "|  East|  CG|   1|    4|1288.8|" in result.stdout
    assert "|Espresso Machine|  EM|" in result.stdout
    assert "|    1013|   2|" in result.stdout
