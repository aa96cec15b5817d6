"""Struct fields, array elements and map columns from Python: access, building, showing, collecting, errors."""

import pytest

import ember.sql.functions as F
from ember.errors import AnalysisException, EmberException
from ember.sql import Row
from ember.sql.types import (
    ArrayType, IntegerType, LongType, MapType, StringType, StructField, StructType,
)

ADDRESS = StructType([StructField("city", StringType()), StructField("zip", IntegerType())])
SCHEMA = StructType([
    StructField("id", IntegerType()),
    StructField("addr", ADDRESS),
    StructField("tags", ArrayType(StringType())),
    StructField("m", MapType(StringType(), IntegerType())),
])


@pytest.fixture(scope="module")
def people(spark):
    return spark.createDataFrame([
        (1, ("Oslo", 150), ["a", "b"], {"a": 1, "b": 2}),
        (2, None, ["c"], {}),
        (3, {"city": None, "zip": 7}, None, None),
    ], SCHEMA)


def test_struct_fields_by_name_attribute_and_item(people):
    df = people.orderBy("id").select(F.col("addr.city"), people.addr.zip, people["addr"]["city"],
                                     F.col("addr").getField("zip"), F.col("tags").getItem(0), people.tags[0])
    assert df.columns == ["city", "addr.zip", "addr.city", "addr.zip", "tags[0]", "tags[0]"]
    assert [tuple(r) for r in df.collect()] == [
        ("Oslo", 150, "Oslo", 150, "a", "a"), (None, None, None, None, "c", "c"), (None, 7, None, 7, None, None)]
    assert repr(people.addr.zip) == "Column<'addr[zip]'>"


def test_struct_star_and_sql(spark, people):
    assert people.select("id", "addr.*").columns == ["id", "city", "zip"]
    people.createOrReplaceTempView("people")
    rows = spark.sql("SELECT addr.city, tags[1], m['b'] FROM people WHERE addr.zip > 100").collect()
    assert [tuple(r) for r in rows] == [("Oslo", "b", 2)]


def test_missing_field_is_field_not_found(people):
    with pytest.raises(AnalysisException, match=r"FIELD_NOT_FOUND.*No such struct field `country` in `city`, `zip`"):
        people.select(F.col("addr.country")).collect()
    with pytest.raises(AnalysisException, match="INVALID_EXTRACT_BASE_FIELD_TYPE"):
        people.select(people.id.x).collect()


def test_maps_collect_as_dicts_and_show_as_spark(people):
    rows = people.orderBy("id").select("m").collect()
    assert [r.m for r in rows] == [{"a": 1, "b": 2}, {}, None]
    assert people.schema["m"].dataType == MapType(StringType(), IntegerType(), True)
    assert people.orderBy("id").select("id", "m")._show_string(20, 20, False) == "\n".join([
        "+---+----------------+",
        "| id|               m|",
        "+---+----------------+",
        "|  1|{a -> 1, b -> 2}|",
        "|  2|              {}|",
        "|  3|            NULL|",
        "+---+----------------+", ""])


def test_map_functions(people):
    df = people.filter(F.col("id") == 1).select(
        F.col("m")["a"], F.col("m").getItem("b"), F.element_at("m", "a"), F.size("m"), F.map_keys("m"),
        F.map_values("m"), F.map_contains_key("m", "b"), F.create_map(F.lit("k"), F.col("id")),
        F.map_from_arrays(F.array(F.lit("x")), F.array(F.lit(1))))
    assert df.columns[:3] == ["m[a]", "m[b]", "element_at(m, a)"]
    assert tuple(df.collect()[0]) == (1, 2, 1, 2, ["a", "b"], [1, 2], True, {"k": 1}, {"x": 1})
    entries = people.filter(F.col("id") == 1).select(F.map_entries("m").alias("e")).collect()[0].e
    assert [tuple(e) for e in entries] == [("a", 1), ("b", 2)]


def test_explode_of_a_map_gives_key_and_value(people):
    df = people.select("id", F.explode("m")).orderBy("key")
    assert df.columns == ["id", "key", "value"]
    assert [tuple(r) for r in df.collect()] == [(1, "a", 1), (1, "b", 2)]


def test_map_key_errors_and_grouping(people):
    with pytest.raises(EmberException, match="DUPLICATED_MAP_KEY"):
        people.select(F.create_map(F.lit("a"), F.col("id"), F.lit("a"), F.col("id"))).collect()
    with pytest.raises(EmberException, match="NULL_MAP_KEY"):
        people.select(F.create_map(F.lit(None).cast("string"), F.col("id"))).collect()
    with pytest.raises(AnalysisException, match="GROUP_EXPRESSION_TYPE_IS_NOT_ORDERABLE"):
        people.groupBy("m").count().collect()


def test_create_dataframe_infers_nested_dicts_as_maps(spark):
    df = spark.createDataFrame([(1, {"a": 1}), (2, {"b": 2, "c": None})], ["id", "m"])
    assert df.schema["m"].dataType == MapType(StringType(), LongType(), True)
    assert df.orderBy("id").collect() == [Row(id=1, m={"a": 1}), Row(id=2, m={"b": 2, "c": None})]
    ddl = spark.createDataFrame([({"x": [1]},)], "m map<string, array<int>>")
    assert ddl.collect()[0].m == {"x": [1]}
    with pytest.raises(EmberException, match="NULL_MAP_KEY"):
        spark.createDataFrame([({None: 1},)], "m map<string, int>").collect()
