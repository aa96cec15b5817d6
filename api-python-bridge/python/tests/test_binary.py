"""Spark's BinaryType from Python: bytes and bytearray in, bytearray out, schema inference, functions, show()."""
import pytest

from ember.errors import AnalysisException, IllegalArgumentException
from ember.sql import Row
from ember.sql import functions as F
from ember.sql.types import BinaryType, IntegerType, StructField, StructType, _parse_datatype_string
from ember._batch import decode_batch, encode_batch


def test_binary_type_names_are_sparks():
    assert BinaryType().simpleString() == "binary"
    assert BinaryType().jsonValue() == "binary"
    assert BinaryType.fromJson("binary") == BinaryType()
    assert _parse_datatype_string("a binary, b array<binary>").fields[0].dataType == BinaryType()
    assert repr(BinaryType()) == "BinaryType()"


def test_batches_carry_bytes_and_return_bytearrays():
    schema = StructType([StructField("b", BinaryType())])
    rows = [(b"\x00\xff",), (bytearray(b"hi"),), (None,), (b"",)]
    (column,) = decode_batch(encode_batch(rows, schema), schema)
    assert column == [bytearray(b"\x00\xff"), bytearray(b"hi"), None, bytearray(b"")]
    assert all(isinstance(v, bytearray) for v in column if v is not None)
    with pytest.raises(TypeError):
        encode_batch([("text",)], schema)


def test_create_collect_and_infer(spark):
    df = spark.createDataFrame([(1, b"Hello"), (2, bytearray(b"\x80")), (3, None)], ["id", "b"])
    assert df.schema["b"].dataType == BinaryType()
    rows = df.orderBy("id").collect()
    assert rows == [Row(id=1, b=bytearray(b"Hello")), Row(id=2, b=bytearray(b"\x80")), Row(id=3, b=None)]
    assert isinstance(rows[0].b, bytearray)
    assert df.dtypes == [("id", "bigint"), ("b", "binary")]


def test_functions_casts_and_keys(spark):
    df = spark.createDataFrame([(1, b"Hello"), (2, b"\x7f"), (3, b"Hello")],
                               StructType([StructField("id", IntegerType()), StructField("b", BinaryType())]))
    got = df.filter("id = 1").select(F.hex("b"), F.base64("b"), F.length("b"), F.octet_length("b"),
                                     df.b.cast("string"), F.decode("b", "UTF-8")).first()
    assert tuple(got) == ("48656C6C6F", "SGVsbG8=", 5, 5, "Hello", "Hello")
    assert df.select(F.unhex(F.lit("4869")).alias("u")).first().u == bytearray(b"Hi")
    assert df.select(F.encode(F.lit("a"), "UTF-16BE").alias("e")).first().e == bytearray(b"\x00a")
    assert df.select(F.unbase64(F.lit("SGk=")).alias("u")).first().u == bytearray(b"Hi")
    assert sorted((r.h, r.n) for r in df.groupBy(F.hex("b").alias("h")).agg(F.count("*").alias("n")).collect()) == [
        ("48656C6C6F", 2), ("7F", 1)]
    assert [r.id for r in df.filter(df.b == F.lit(b"Hello")).orderBy("id").collect()] == [1, 3]
    assert df.orderBy("b", "id").select("id").collect() == [Row(id=1), Row(id=3), Row(id=2)]


def test_show_prints_hex_bytes(spark, capsys):
    spark.createDataFrame([(b"Hello",)], ["b"]).show()
    assert "|[48 65 6C 6C 6F]|" in capsys.readouterr().out


def test_to_binary_and_try_to_binary(spark):
    df = spark.createDataFrame([(1, "414243"), (2, None), (3, "GG")], "id int, e string").orderBy("id")
    assert [r.r for r in df.select(F.try_to_binary(df.e).alias("r")).collect()] == [bytearray(b"ABC"), None, None]
    assert [r.r for r in df.select(F.to_binary("e", F.lit("UTF-8")).alias("r")).collect()] == [
        bytearray(b"414243"), None, bytearray(b"GG")]
    assert [r.r for r in df.select(F.try_to_binary("e", F.lit("base64")).alias("r")).collect()] == [
        bytearray(b"\xe3\x5e\x36\xe3"), None, bytearray(b"\x18")]
    assert df.filter("id = 1").select(F.to_binary(df.e)).first()[0] == bytearray(b"ABC")
    assert df.select(F.to_binary("e", F.lit("hex")), F.try_to_binary("e")).dtypes == [
        ("to_binary(e, hex)", "binary"), ("try_to_binary(e)", "binary")]
    with pytest.raises(IllegalArgumentException, match=r"^\[CONVERSION_INVALID_INPUT\] The value 'GG' \('HEX'\)"):
        df.select(F.to_binary("e")).collect()
    with pytest.raises(AnalysisException, match=r"DATATYPE_MISMATCH.INVALID_ARG_VALUE.*but got 'base2'"):
        df.select(F.to_binary("e", F.lit("base2")))
    assert [r[0] for r in df.select(F.try_to_binary("e", F.lit("base2"))).collect()] == [None, None, None]

    df.createOrReplaceTempView("to_binary_input")
    by_sql = spark.sql("SELECT to_binary('abc', 'utf-8') AS u, try_to_binary(e, 'Hex') AS h, "
                       "to_binary(e, concat('base', '64')) AS b FROM to_binary_input WHERE id = 1").first()
    assert by_sql == Row(u=bytearray(b"abc"), h=bytearray(b"ABC"), b=bytearray(b"\xe3\x5e\x36\xe3"))
