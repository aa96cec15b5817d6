"""A star among a function's arguments, as PySpark passes it: F.hash("*"), F.struct("*") and "t.*" expand to the
columns in order, so each result equals the same call with the columns written out."""
import pytest

from ember.errors import AnalysisException
from ember.sql import functions as F


@pytest.fixture(scope="module")
def df(spark):
    return spark.createDataFrame([(1, "x", 10), (2, None, 20), (None, "z", None)], ["a", "b", "c"])


def test_hash_and_struct_of_star_equal_the_columns_written_out(df):
    star = df.select(F.hash("*").alias("h"), F.xxhash64("*").alias("x"), F.struct("*").alias("s")).collect()
    cols = df.select(F.hash("a", "b", "c").alias("h"), F.xxhash64("a", "b", "c").alias("x"),
                     F.struct("a", "b", "c").alias("s")).collect()
    assert sorted(star, key=str) == sorted(cols, key=str)
    assert df.select(F.struct("*").alias("s")).schema["s"].dataType.fieldNames() == ["a", "b", "c"]
    assert sorted(r.s.b for r in df.select(F.struct(F.col("*")).alias("s")).collect() if r.s.b) == ["x", "z"]


def test_sql_expr_and_qualified_star(spark, df):
    other = spark.createDataFrame([(1, "one"), (2, "two")], ["a", "v"])
    joined = df.alias("l").join(other.alias("r"), F.col("l.a") == F.col("r.a"))
    assert sorted(joined.select(F.hash("r.*")).collect()) == sorted(joined.select(F.hash("r.a", "r.v")).collect())
    assert (sorted(df.select(F.expr("concat_ws('-', *)")).collect())
            == sorted(df.select(F.concat_ws("-", "a", "b", "c")).collect()))


def test_star_in_a_filter_is_refused(df):
    with pytest.raises(AnalysisException) as e:
        df.filter(F.hash("*") > 0).collect()
    assert "INVALID_USAGE_OF_STAR_OR_REGEX" in str(e.value)
