import pytest

from ember.sql.types import (
    ArrayType, BooleanType, DataType, DateType, DecimalType, DoubleType, FloatType, IntegerType, LongType,
    NullType, StringType, StructField, StructType, TimestampType, _parse_datatype_string,
)


def nested_schema():
    return (StructType()
            .add("id", LongType(), False)
            .add("name", "string")
            .add("price", DecimalType(10, 2))
            .add("tags", ArrayType(StringType(), True))
            .add("when", TimestampType())
            .add("day", DateType())
            .add("ok", BooleanType())
            .add("n", IntegerType())
            .add("x", DoubleType())
            .add("nothing", NullType())
            .add("inner", StructType([StructField("a", IntegerType())])))


def test_schema_json_round_trips_every_type():
    schema = nested_schema()
    assert StructType.fromJson(schema.jsonValue()) == schema
    assert DataType.fromJson(schema.jsonValue()) == schema


def test_json_values_are_pysparks():
    assert LongType().jsonValue() == "long"
    assert IntegerType().jsonValue() == "integer"
    assert NullType().jsonValue() == "null"
    assert DecimalType(10, 2).jsonValue() == "decimal(10,2)"
    assert ArrayType(StringType()).jsonValue() == {"type": "array", "elementType": "string", "containsNull": True}
    assert StructType([StructField("a", DateType(), False)]).jsonValue() == {
        "type": "struct", "fields": [{"name": "a", "type": "date", "nullable": False, "metadata": {}}]}


def test_simple_strings():
    assert nested_schema().simpleString() == (
        "struct<id:bigint,name:string,price:decimal(10,2),tags:array<string>,when:timestamp,day:date,ok:boolean,"
        "n:int,x:double,nothing:void,inner:struct<a:int>>")


def test_float_is_stored_as_double():
    assert FloatType().jsonValue() == "double"
    assert FloatType().simpleString() == "double"


def test_field_names_add_and_indexing():
    schema = StructType().add("a", IntegerType()).add(StructField("b", StringType()))
    assert schema.fieldNames() == ["a", "b"]
    assert schema["b"].dataType == StringType()
    assert schema[0].name == "a"
    assert len(schema) == 2
    with pytest.raises(KeyError):
        schema["c"]


def test_equality():
    assert DecimalType(10, 2) == DecimalType(10, 2)
    assert DecimalType(10, 2) != DecimalType(10, 3)
    assert ArrayType(IntegerType()) != ArrayType(LongType())
    assert StructType([StructField("a", IntegerType())]) != StructType([StructField("a", IntegerType(), False)])


def test_ddl_schema_strings():
    schema = _parse_datatype_string("a INT, b STRING NOT NULL, c decimal(5, 1), d array<bigint>, `e f` DATE")
    assert schema == StructType([
        StructField("a", IntegerType()), StructField("b", StringType(), False), StructField("c", DecimalType(5, 1)),
        StructField("d", ArrayType(LongType())), StructField("e f", DateType())])
    assert _parse_datatype_string("array<int>") == ArrayType(IntegerType())
    assert _parse_datatype_string("a: int, b: string").fieldNames() == ["a", "b"]


def test_ddl_unknown_type_is_an_error():
    with pytest.raises(ValueError, match="unknown type 'foo'"):
        _parse_datatype_string("a foo")


def test_tree_string_is_print_schemas():
    schema = StructType().add("id", LongType()).add("tags", ArrayType(StringType())).add("p", DecimalType(10, 2))
    assert schema.treeString() == (
        "root\n |-- id: long (nullable = true)\n |-- tags: array (nullable = true)\n"
        " |    |-- element: string (containsNull = true)\n |-- p: decimal(10,2) (nullable = true)\n")
