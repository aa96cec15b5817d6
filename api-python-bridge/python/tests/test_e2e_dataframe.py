"""DataFrames end to end against the JVM bridge (bin/ember bridge)."""

import datetime
import decimal

import pytest

import ember.sql.functions as F
from ember.errors import AnalysisException, ArithmeticException, PySparkTypeError
from ember.sql import Row
from ember.sql.types import IntegerType, LongType, StringType, StructField, StructType


@pytest.fixture(scope="module")
def sales(spark):
    return spark.createDataFrame(
        [("east", "tea", 3, 2.5), ("west", "tea", 1, 2.5), ("east", "cake", 2, 4.0), ("west", None, None, 1.0)],
        ["region", "product", "qty", "price"])


def test_create_from_tuples_infers_pyspark_types(sales):
    assert sales.dtypes == [("region", "string"), ("product", "string"), ("qty", "bigint"), ("price", "double")]
    assert sales.columns == ["region", "product", "qty", "price"]


def test_create_from_dicts_rows_and_schemas(spark):
    from_dicts = spark.createDataFrame([{"b": "x", "a": 1}, {"a": 2, "b": None}])
    assert from_dicts.columns == ["a", "b"]
    assert from_dicts.collect() == [Row(a=1, b="x"), Row(a=2, b=None)]
    from_rows = spark.createDataFrame([Row(name="Alice", age=5)])
    assert from_rows.collect()[0].asDict() == {"name": "Alice", "age": 5}
    ddl = spark.createDataFrame([(1, "a")], "id INT, s STRING")
    assert ddl.schema == StructType([StructField("id", IntegerType()), StructField("s", StringType())])
    struct = spark.createDataFrame([(7,)], StructType([StructField("n", LongType(), True)]))
    assert struct.collect() == [Row(n=7)]


def test_create_with_dates_decimals_and_arrays(spark):
    df = spark.createDataFrame([(datetime.date(2024, 2, 29), datetime.datetime(2024, 1, 2, 3, 4, 5, 6),
                                 decimal.Decimal("1.5"), [1, None, 3], True)])
    assert df.dtypes == [("_1", "date"), ("_2", "timestamp"), ("_3", "decimal(38,18)"), ("_4", "array<bigint>"),
                         ("_5", "boolean")]
    row = df.collect()[0]
    assert row._1 == datetime.date(2024, 2, 29)
    assert row._2 == datetime.datetime(2024, 1, 2, 3, 4, 5, 6)
    assert row._3 == decimal.Decimal("1.5")
    assert row._4 == [1, None, 3]
    assert row._5 is True


def test_create_with_wrong_value_type_is_a_type_error(spark):
    with pytest.raises(PySparkTypeError, match="field id"):
        spark.createDataFrame([("x",)], "id INT")


def test_filter_group_agg_order_collect(sales):
    out = (sales.filter(F.col("qty") > 0)
           .groupBy("region")
           .agg(F.sum(F.col("qty") * F.col("price")).alias("revenue"), F.count("*").alias("lines"))
           .orderBy("region"))
    assert out.collect() == [Row(region="east", revenue=15.5, lines=2), Row(region="west", revenue=2.5, lines=1)]


def test_show_prints_pysparks_table(sales, capsys):
    sales.orderBy(F.col("price").desc(), "region").show(2)
    assert capsys.readouterr().out == (
        "+------+-------+---+-----+\n"
        "|region|product|qty|price|\n"
        "+------+-------+---+-----+\n"
        "|  east|   cake|  2|  4.0|\n"
        "|  east|    tea|  3|  2.5|\n"
        "+------+-------+---+-----+\n"
        "only showing top 2 rows\n\n")


def test_print_schema(sales, capsys):
    sales.select("region", "qty").printSchema()
    assert capsys.readouterr().out == "root\n |-- region: string (nullable = true)\n |-- qty: long (nullable = true)\n\n"


def test_count_first_head_take(sales):
    assert sales.count() == 4
    assert sales.first() == Row(region="east", product="tea", qty=3, price=2.5)
    assert len(sales.head(2)) == 2
    assert sales.take(1)[0].product == "tea"
    assert sales.filter(F.col("qty") > 100).first() is None
    assert sales.filter(F.col("qty") > 100).isEmpty()


def test_column_access_forms(sales):
    assert sales.select(sales.qty, sales["price"], "region").columns == ["qty", "price", "region"]
    assert sales[sales.qty >= 2].count() == 2
    assert sales.where(sales.product.isNull()).count() == 1


def test_with_columns_rename_drop(sales):
    out = sales.withColumns({"total": F.col("qty") * 2, "qty": F.lit(0)}).withColumnRenamed("region", "r").drop("price")
    assert out.columns == ["r", "product", "qty", "total"]
    assert out.first() == Row(r="east", product="tea", qty=0, total=6)


def test_string_and_case_expressions(sales):
    out = sales.select(
        F.upper("region").alias("u"),
        F.when(F.col("qty") >= 2, "bulk").when(F.col("qty") >= 1, "single").otherwise("none").alias("size"),
        F.col("product").startswith("t").alias("t"),
        F.coalesce(F.col("product"), F.lit("?")).alias("p"),
    ).collect()
    assert out == [Row(u="EAST", size="bulk", t=True, p="tea"), Row(u="WEST", size="single", t=True, p="tea"),
                   Row(u="EAST", size="bulk", t=False, p="cake"), Row(u="WEST", size="none", t=None, p="?")]


def test_reversed_and_unary_operators(spark):
    assert spark.range(1, 3).select((10 - F.col("id")).alias("a"), (-F.col("id")).alias("b")).collect() == [
        Row(a=9, b=-1), Row(a=8, b=-2)]


def test_distinct_limit_offset_union(sales):
    regions = sales.select("region")
    assert regions.distinct().orderBy("region").collect() == [Row(region="east"), Row(region="west")]
    assert sales.dropDuplicates(["region"]).count() == 2
    assert regions.union(regions).count() == 8
    assert sales.orderBy("qty", "region").offset(1).limit(2).select("qty").collect() == [Row(qty=1), Row(qty=2)]


def test_na_fill_and_drop(sales):
    assert sales.na.drop().count() == 3
    assert sales.dropna(subset=["qty"]).count() == 3
    filled = sales.fillna({"product": "none", "qty": 0}).filter(F.col("region") == "west").orderBy("price").first()
    assert (filled.product, filled.qty) == ("none", 0)


def test_word_count_with_split_and_explode(spark):
    lines = spark.createDataFrame([("the cat the",), ("a cat",)], ["line"])
    counts = (lines.select(F.explode(F.split(F.col("line"), " ")).alias("word"))
              .groupBy("word").count().orderBy(F.desc("count"), "word"))
    assert counts.collect() == [Row(word="cat", count=2), Row(word="the", count=2), Row(word="a", count=1)]


def test_joins(spark):
    left = spark.createDataFrame([(1, "a"), (2, "b"), (3, None)], ["id", "l"])
    right = spark.createDataFrame([(1, 10.0), (3, 30.0), (4, 40.0)], ["id", "r"])
    ids = lambda how: [r.id for r in left.join(right, "id", how).orderBy("id").collect()]  # noqa: E731
    assert ids("inner") == [1, 3]
    assert ids("left") == [1, 2, 3]
    assert ids("right") == [1, 3, 4]
    assert ids("outer") == [1, 2, 3, 4]
    assert ids("left_semi") == [1, 3]
    assert ids("anti") == [2]
    on_expr = left.join(right, left.id == right.id).select(left.id, "l", "r").orderBy(left.id).collect()
    assert on_expr == [Row(id=1, l="a", r=10.0), Row(id=3, l=None, r=30.0)]
    assert left.crossJoin(right).count() == 9


def test_range_conf_version_and_explain(spark, capsys):
    assert spark.range(5).collect()[-1] == Row(id=4)
    assert spark.range(2, 10, 3).count() == 3
    assert spark.version
    spark.conf.set("spark.sql.shuffle.partitions", 3)
    assert spark.conf.get("spark.sql.shuffle.partitions") == "3"
    spark.conf.unset("spark.sql.shuffle.partitions")
    assert spark.conf.get("no.such.key", "fallback") == "fallback"
    spark.range(3).explain()
    assert "Range" in capsys.readouterr().out


def test_unknown_column_is_an_analysis_exception_at_the_call(sales):
    with pytest.raises(AnalysisException) as info:
        sales.select(F.col("regoin"))
    message = str(info.value)
    assert "`regoin`" in message and "`region`" in message
    assert info.value.getErrorClass().startswith("UNRESOLVED_COLUMN")
    assert info.value.getJavaClass() == "io.ember.core.errors.AnalysisException"


def test_division_by_zero_under_ansi_is_an_arithmetic_exception(spark):
    with pytest.raises(ArithmeticException, match="DIVIDE_BY_ZERO") as info:
        spark.range(3).select((F.col("id") / 0).alias("x")).collect()
    assert info.value.getErrorClass() == "DIVIDE_BY_ZERO"
    spark.conf.set("spark.sql.ansi.enabled", False)
    try:
        assert spark.range(1).select((F.col("id") / 0).alias("x")).collect() == [Row(x=None)]
    finally:
        spark.conf.unset("spark.sql.ansi.enabled")


def test_the_session_stays_usable_after_errors(spark):
    with pytest.raises(AnalysisException):
        spark.range(1).select("nope")
    assert spark.range(3).count() == 3


def test_get_or_create_returns_the_active_session(spark):
    from ember.sql import SparkSession
    assert SparkSession.builder.getOrCreate() is spark
    assert SparkSession.getActiveSession() is spark


def test_wrong_argument_types_from_python_are_type_errors(sales):
    with pytest.raises(PySparkTypeError, match="NOT_COLUMN"):
        sales.filter(1)
    with pytest.raises(PySparkTypeError, match="NOT_COLUMN"):
        sales.withColumn("x", 1)
    with pytest.raises(PySparkTypeError, match="NOT_DATAFRAME"):
        sales.join("other", "region")
    with pytest.raises(PySparkTypeError, match="NOT_INT"):
        sales.show("5")
    with pytest.raises(PySparkTypeError, match="NOT_STR_OR_LIST_OF_STR"):
        sales.sparkSession.read.csv(42)


def test_empty_and_nested_data(spark):
    empty = spark.createDataFrame([], "a INT, b STRING")
    assert (empty.count(), empty.collect()) == (0, [])
    nested = spark.createDataFrame([(1, Row(x=1, y="q"))], ["id", "s"])
    assert nested.dtypes == [("id", "bigint"), ("s", "struct<x:bigint,y:string>")]
    assert nested.collect()[0].s.y == "q"
    scalars = spark.createDataFrame([1, 2], "int")
    assert scalars.collect() == [Row(value=1), Row(value=2)]


def test_config_given_to_the_builder_is_applied(spark):
    from ember.sql import SparkSession
    same = SparkSession.builder.config("spark.sql.shuffle.partitions", 5).getOrCreate()
    try:
        assert same is spark and spark.conf.get("spark.sql.shuffle.partitions") == "5"
    finally:
        spark.conf.unset("spark.sql.shuffle.partitions")


def test_to_pandas_without_pandas_is_a_clear_error(sales):
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="toPandas\\(\\) needs pandas"):
            sales.toPandas()
    else:
        assert list(sales.toPandas()["region"]) == ["east", "west", "east", "west"]
