"""ANSI intervals from Python: types, literals in SQL and expr(), and collect() returning timedelta as PySpark."""

import datetime

import pytest

import ember.sql.functions as F
from ember.errors import AnalysisException
from ember.sql import Row
from ember.sql.types import (
    DayTimeIntervalType, TimestampType, YearMonthIntervalType, _parse_datatype_json_value, _parse_datatype_string,
)


def test_interval_types_have_pysparks_names():
    assert DayTimeIntervalType().simpleString() == "interval day to second"
    assert DayTimeIntervalType(DayTimeIntervalType.HOUR).simpleString() == "interval hour"
    assert repr(DayTimeIntervalType(1, 2)) == "DayTimeIntervalType(1, 2)"
    assert YearMonthIntervalType().jsonValue() == "interval year to month"
    assert _parse_datatype_json_value("interval minute to second") == DayTimeIntervalType(2, 3)
    assert _parse_datatype_string("interval month") == YearMonthIntervalType(1, 1)
    assert _parse_datatype_string("d interval day to hour").fields[0].dataType == DayTimeIntervalType(0, 1)
    with pytest.raises(TypeError):
        DayTimeIntervalType(3, 0)


def test_day_time_intervals_collect_as_timedelta(spark):
    row = spark.sql("SELECT INTERVAL '1 02:00:00.5' DAY TO SECOND AS a, interval 10 minutes AS b,"
                    " INTERVAL '1-2' YEAR TO MONTH AS c").collect()[0]
    assert row == Row(a=datetime.timedelta(days=1, hours=2, milliseconds=500), b=datetime.timedelta(minutes=10), c=14)
    df = spark.sql("SELECT INTERVAL -'1' HOUR AS h")
    assert df.dtypes == [("h", "interval hour")]
    assert df.schema.fields[0].dataType == DayTimeIntervalType(1, 1)
    assert df.collect() == [Row(h=datetime.timedelta(hours=-1))]


def test_time_conditions_with_intervals(spark):
    t0 = datetime.datetime(2024, 5, 1, 10, 0, 0)
    ads = spark.createDataFrame([(1, t0, t0 + datetime.timedelta(minutes=30)),
                                 (2, t0, t0 + datetime.timedelta(minutes=61))],
                                ["id", "impressionTime", "clickTime"])
    kept = ads.filter(F.expr("clickTime >= impressionTime AND clickTime <= impressionTime + interval 1 hour"))
    assert [r.id for r in kept.collect()] == [1]
    earlier = ads.select((F.col("clickTime") - F.expr("INTERVAL 10 MINUTES")).alias("t")).orderBy("t").collect()
    assert earlier[0].t == t0 + datetime.timedelta(minutes=20)
    gap = ads.select((F.col("clickTime") - F.col("impressionTime")).alias("gap")).orderBy("gap")
    assert gap.dtypes == [("gap", "interval day to second")]
    assert [r.gap for r in gap.collect()] == [datetime.timedelta(minutes=30), datetime.timedelta(minutes=61)]
    yesterday = ads.select(F.expr("current_timestamp() - interval 1 day").alias("y"))
    assert yesterday.schema.fields[0].dataType == TimestampType()


def test_timedelta_values_go_in_and_out(spark):
    df = spark.createDataFrame([(datetime.timedelta(hours=1, microseconds=5),), (None,)], ["d"])
    assert df.dtypes == [("d", "interval day to second")]
    assert df.collect() == [Row(d=datetime.timedelta(hours=1, microseconds=5)), Row(d=None)]
    doubled = df.select((F.col("d") * 2).alias("x"), (F.col("d") + F.lit(datetime.timedelta(minutes=1))).alias("y"))
    assert doubled.first() == Row(x=datetime.timedelta(hours=2, microseconds=10),
                                  y=datetime.timedelta(hours=1, minutes=1, microseconds=5))


def test_make_interval_functions(spark):
    df = spark.createDataFrame([(1, 2, 3)], ["d", "h", "m"])
    row = df.select(F.make_dt_interval("d", "h", "m").alias("dt"), F.make_ym_interval("d", "h").alias("ym")).first()
    assert row == Row(dt=datetime.timedelta(days=1, hours=2, minutes=3), ym=14)


def test_mixed_interval_units_are_rejected(spark):
    with pytest.raises(AnalysisException):
        spark.sql("SELECT interval 1 month 1 day").collect()
