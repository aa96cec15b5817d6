"""PySpark's scalar functions that call SQL functions by name: each gives what the same SQL call gives, and the
values Spark documents for them."""
import datetime

import pytest

from ember.errors import PySparkValueError
from ember.sql import functions as F
from ember.sql.types import DateType, DoubleType, IntegerType, StringType, StructField, StructType, TimestampType


@pytest.fixture(scope="module")
def df(spark):
    schema = StructType([StructField("id", IntegerType()), StructField("a", IntegerType()),
                         StructField("b", IntegerType()), StructField("x", DoubleType()),
                         StructField("s", StringType()), StructField("d", DateType()),
                         StructField("ts", TimestampType())])
    return spark.createDataFrame([
        (1, 7, -3, 2.5, "  Spark SQL  ", datetime.date(2024, 2, 10), datetime.datetime(2024, 2, 10, 13, 45, 30)),
        (2, None, 4, -0.5, "abcabc", datetime.date(1997, 2, 28), datetime.datetime(1997, 2, 28, 10, 30, 0)),
        (3, 5, None, 3.5, None, None, None),
    ], schema)


CALLS = [
    (F.greatest("a", "b"), "greatest(a, b)"),
    (F.least("a", "b", F.lit(0)), "least(a, b, 0)"),
    (F.nullif("a", F.lit(7)), "nullif(a, 7)"),
    (F.nvl("a", "b"), "nvl(a, b)"),
    (F.ifnull("b", F.lit(-1)), "ifnull(b, -1)"),
    (F.pmod("b", F.lit(5)), "pmod(b, 5)"),
    (F.pmod("a", 3), "pmod(a, 3)"),
    (F.bround("x"), "bround(x, 0)"),
    (F.bround("x", 1), "bround(x, 1)"),
    (F.locate("a", "s"), "locate('a', s, 1)"),
    (F.locate("a", "s", 3), "locate('a', s, 3)"),
    (F.position(F.lit("S"), "s"), "locate('S', s)"),  # SQL's position(substr, str) is locate's alias
    (F.position(F.lit("a"), "s", F.lit(2)), "locate('a', s, 2)"),
    (F.repeat("s", 2), "repeat(s, 2)"),
    (F.replace("s", F.lit("abc"), F.lit("x")), "replace(s, 'abc', 'x')"),
    (F.replace("s", F.lit("b")), "replace(s, 'b')"),
    (F.translate("s", "abc", "AB"), "translate(s, 'abc', 'AB')"),
    (F.substr("s", F.lit(3)), "substr(s, 3)"),
    (F.substr("s", F.lit(3), F.lit(5)), "substr(s, 3, 5)"),
    (F.btrim("s"), "btrim(s)"),
    (F.btrim("s", F.lit(" S")), "btrim(s, ' S')"),
    (F.date_trunc("month", "ts"), "date_trunc('month', ts)"),
    (F.date_trunc("hour", "ts"), "date_trunc('hour', ts)"),
    (F.trunc("d", "year"), "trunc(d, 'year')"),
    (F.trunc("d", "mm"), "trunc(d, 'mm')"),
    (F.last_day("d"), "last_day(d)"),
    (F.next_day("d", "Mon"), "next_day(d, 'Mon')"),
    (F.make_date(F.lit(2024), "id", F.lit(29)), "make_date(2024, id, 29)"),
    (F.months_between("d", F.lit("1997-01-31").cast("date")), "months_between(d, DATE'1997-01-31', true)"),
    (F.months_between("d", F.lit("1997-01-31").cast("date"), False), "months_between(d, DATE'1997-01-31', false)"),
    (F.array_repeat("a", 2), "array_repeat(a, 2)"),
    (F.array_repeat("s", F.col("id")), "array_repeat(s, id)"),
]


@pytest.mark.parametrize("call,sql", CALLS, ids=[sql for _, sql in CALLS])
def test_each_function_gives_what_its_sql_call_gives(df, call, sql):
    got = [r[0] for r in df.orderBy("id").select(call).collect()]
    want = [r[0] for r in df.orderBy("id").select(F.expr(sql)).collect()]
    assert got == want


def test_values_spark_documents(spark):
    row = spark.range(1).select(
        F.greatest(F.lit(1), F.lit(4), F.lit(2)).alias("g"),
        F.least(F.lit(1), F.lit(None).cast("int"), F.lit(2)).alias("l"),
        F.pmod(F.lit(-7), F.lit(3)).alias("p"),
        F.bround(F.lit(2.5)).alias("br"),
        F.locate("b", F.lit("abcb"), 3).alias("loc"),
        F.translate(F.lit("AaBbCc"), "abc", "123").alias("t"),
        F.last_day(F.lit("2009-01-12").cast("date")).alias("ld"),
        F.next_day(F.lit("2015-07-27").cast("date"), "Sun").alias("nd"),
        F.months_between(F.lit("1997-02-28 10:30:00").cast("timestamp"),
                         F.lit("1996-10-30").cast("timestamp")).alias("mb"),
        F.array_repeat(F.lit("ab"), 3).alias("ar"),
    ).first()
    assert row.g == 4 and row.l == 1 and row.p == 2 and row.br == 2.0 and row.loc == 4
    assert row.t == "A1B2C3"
    assert row.ld == datetime.date(2009, 1, 31) and row.nd == datetime.date(2015, 8, 2)
    assert row.mb == 3.94959677
    assert row.ar == ["ab", "ab", "ab"]


def test_greatest_and_least_need_two_columns():
    with pytest.raises(PySparkValueError, match="WRONG_NUM_COLUMNS"):
        F.greatest("a")
    with pytest.raises(PySparkValueError, match="WRONG_NUM_COLUMNS"):
        F.least()
