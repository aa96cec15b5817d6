"""JSON functions, struct building and multi-column generators from Python, with Spark's documented examples."""

import pytest

import ember.sql.functions as F
from ember.errors import AnalysisException, EmberException
from ember.sql import Row
from ember.sql.types import ArrayType, LongType, MapType, StringType, StructField, StructType

EVENT = StructType([StructField("user", StringType()), StructField("clicks", LongType()),
                    StructField("tags", ArrayType(StringType()))])


@pytest.fixture(scope="module")
def events(spark):
    return spark.createDataFrame([
        (1, '{"user": "ann", "clicks": 3, "tags": ["a", "b"]}'),
        (2, '{"user": "bob", "clicks": "many"}'),
        (3, None),
        (4, '{"user": '),
    ], "id INT, value STRING")


def test_from_json_then_select_data_star(events):
    df = events.select("id", F.from_json(F.col("value"), EVENT).alias("data")).select("id", "data.*")
    assert df.columns == ["id", "user", "clicks", "tags"]
    assert [tuple(r) for r in df.orderBy("id").collect()] == [
        (1, "ann", 3, ["a", "b"]), (2, "bob", None, None), (3, None, None, None), (4, None, None, None)]


def test_from_json_spark_examples(spark):
    df = spark.createDataFrame([(1, '''{"a": 1}''')], ("key", "value"))
    schema = StructType([StructField("a", LongType())])
    assert df.select(F.from_json(df.value, schema).alias("json")).collect() == [Row(json=Row(a=1))]
    assert df.select(F.from_json(df.value, "a INT").alias("json")).collect() == [Row(json=Row(a=1))]
    assert df.select(F.from_json(df.value, "MAP<STRING,INT>").alias("json")).collect() == [Row(json={"a": 1})]
    arrays = spark.createDataFrame([(1, '''[{"a": 1}]''')], ("key", "value"))
    assert arrays.select(F.from_json(arrays.value, ArrayType(schema)).alias("json")).collect() == [
        Row(json=[Row(a=1)])]
    ints = spark.createDataFrame([(1, '''[1, 2, 3]''')], ("key", "value"))
    assert ints.select(F.from_json(ints.value, ArrayType(LongType())).alias("json")).collect() == [
        Row(json=[1, 2, 3])]


def test_corrupt_record_column_and_failfast(events):
    rows = events.select("id", F.from_json("value", "user STRING, bad STRING",
                                           {"columnNameOfCorruptRecord": "bad"}).alias("d")) \
        .select("id", "d.bad").orderBy("id").collect()
    assert [tuple(r) for r in rows] == [(1, None), (2, None), (3, None), (4, '{"user": ')]
    with pytest.raises(EmberException, match="MALFORMED_RECORD_IN_PARSING"):
        events.select(F.from_json("value", "user STRING", {"mode": "FAILFAST"})).collect()
    with pytest.raises(AnalysisException, match="PARSE_MODE_UNSUPPORTED"):
        events.select(F.from_json("value", "user STRING", {"mode": "DROPMALFORMED"})).collect()


def test_to_json_spark_examples(spark):
    data = [(1, Row(age=2, name="Alice"))]
    df = spark.createDataFrame(data, ("key", "value"))
    assert df.select(F.to_json(df.value).alias("json")).collect() == [Row(json='{"age":2,"name":"Alice"}')]
    data = [(1, [Row(age=2, name="Alice"), Row(age=3, name="Bob")])]
    df = spark.createDataFrame(data, ("key", "value"))
    assert df.select(F.to_json(df.value).alias("json")).collect() == [
        Row(json='[{"age":2,"name":"Alice"},{"age":3,"name":"Bob"}]')]
    df = spark.createDataFrame([(1, {"name": "Alice"})], ("key", "value"))
    assert df.select(F.to_json(df.value).alias("json")).collect() == [Row(json='{"name":"Alice"}')]
    df = spark.createDataFrame([(1, ["Alice", "Bob"])], ("key", "value"))
    assert df.select(F.to_json(df.value).alias("json")).collect() == [Row(json='["Alice","Bob"]')]
    assert df.select(F.to_json(F.struct("key", "value")).alias("j")).collect() == [
        Row(j='{"key":1,"value":["Alice","Bob"]}')]


def test_schema_of_json_get_json_object_json_tuple(spark, events):
    df = spark.range(1)
    assert df.select(F.schema_of_json(F.lit('{"a": 0}')).alias("json")).collect() == [
        Row(json="STRUCT<a: BIGINT>")]
    data = [("1", '''{"f1": "value1", "f2": "value2"}'''), ("2", '''{"f1": "value12"}''')]
    df = spark.createDataFrame(data, ("key", "jstring"))
    assert df.select(df.key, F.get_json_object(df.jstring, "$.f1").alias("c0"),
                     F.get_json_object(df.jstring, "$.f2").alias("c1")).collect() == [
        Row(key="1", c0="value1", c1="value2"), Row(key="2", c0="value12", c1=None)]
    assert df.select(df.key, F.json_tuple(df.jstring, "f1", "f2")).collect() == [
        Row(key="1", c0="value1", c1="value2"), Row(key="2", c0="value12", c1=None)]
    renamed = df.select(F.json_tuple(df.jstring, "f1", "f2").alias("a", "b"))
    assert renamed.columns == ["a", "b"]


def test_posexplode_inline_and_multi_alias(spark):
    df = spark.createDataFrame([Row(a=1, intlist=[1, 2, 3], mapfield={"a": "b"})])
    assert df.select(F.posexplode(df.intlist)).collect() == [
        Row(pos=0, col=1), Row(pos=1, col=2), Row(pos=2, col=3)]
    assert df.select(F.posexplode(df.mapfield)).collect() == [Row(pos=0, key="a", value="b")]
    assert df.select(F.explode(df.mapfield).alias("k", "v")).collect() == [Row(k="a", v="b")]
    assert df.select(F.posexplode(df.intlist).alias("p", "x")).columns == ["p", "x"]
    empty = spark.createDataFrame([(1, None), (2, [])], "id INT, arr ARRAY<STRING>")
    assert [tuple(r) for r in empty.select("id", F.posexplode_outer("arr")).orderBy("id").collect()] == [
        (1, None, None), (2, None, None)]
    structs = spark.createDataFrame([Row(structlist=[Row(a=1, b=2), Row(a=3, b=4)])])
    assert structs.select(F.inline(structs.structlist)).collect() == [Row(a=1, b=2), Row(a=3, b=4)]
    assert structs.select(F.inline_outer(structs.structlist)).count() == 2
    with pytest.raises(AnalysisException, match="UDTF_ALIAS_NUMBER_MISMATCH"):
        df.select(F.explode(df.mapfield).alias("k", "v", "w")).collect()
    with pytest.raises(AnalysisException, match="MULTI_ALIAS_WITHOUT_GENERATOR"):
        df.select(df.a.alias("x", "y")).collect()


def test_sql_forms_and_map_key_dedup_policy(spark):
    assert spark.sql("""SELECT from_json('{"a":1, "b":0.8}', 'a INT, b DOUBLE') AS j""").collect() == [
        Row(j=Row(a=1, b=0.8))]
    assert spark.sql("SELECT explode(map('x', 1)) AS (k, v)").collect() == [Row(k="x", v=1)]
    with pytest.raises(EmberException, match="DUPLICATED_MAP_KEY"):
        spark.sql("SELECT map(1, 'a', 1, 'b') AS m").collect()
    spark.conf.set("spark.sql.mapKeyDedupPolicy", "LAST_WIN")
    try:
        assert spark.sql("SELECT map(1, 'a', 1, 'b') AS m").collect() == [Row(m={1: "b"})]
    finally:
        spark.conf.unset("spark.sql.mapKeyDedupPolicy")
