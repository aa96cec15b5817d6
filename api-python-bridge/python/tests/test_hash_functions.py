"""md5, sha1/sha, sha2 and crc32 from Python: DataFrame functions, expr() and SQL agree with hashlib and zlib."""
import hashlib
import zlib

import pytest

from ember.errors import IllegalArgumentException
from ember.sql import Row
from ember.sql import functions as F
from ember.sql.types import BinaryType, IntegerType, StringType, StructField, StructType

RAW = b"\xff\xfe\x00\x80a"


def test_hashes_of_strings_and_binary_values(spark):
    schema = StructType([StructField("id", IntegerType()), StructField("s", StringType()),
                         StructField("b", BinaryType())])
    df = spark.createDataFrame([(1, "Spark", RAW), (2, None, None), (3, "é€", b"")], schema)
    got = df.orderBy("id").select("id", F.md5("s"), F.sha1("b"), F.sha2("s", 256), F.sha2("b", 384),
                                  F.sha2("s", 0), F.expr("sha2(s, 100)"), F.crc32("b"), F.crc32("s")).collect()
    expected = []
    for s, b in [("Spark", RAW), (None, None), ("é€", b"")]:
        u = None if s is None else s.encode("utf-8")
        expected.append((hashlib.md5(u).hexdigest() if u is not None else None,
                         hashlib.sha1(b).hexdigest() if b is not None else None,
                         hashlib.sha256(u).hexdigest() if u is not None else None,
                         hashlib.sha384(b).hexdigest() if b is not None else None,
                         hashlib.sha256(u).hexdigest() if u is not None else None,
                         None,
                         zlib.crc32(b) if b is not None else None,
                         zlib.crc32(u) if u is not None else None))
    assert [tuple(r)[1:] for r in got] == expected
    assert got[0][1] == "8cde774d6f7333752ed72cacddb05126"
    assert got[0][8] == 1557323817
    assert dict(df.select(F.md5("s"), F.sha2("s", 256), F.crc32("b")).dtypes) == {
        "md5(s)": "string", "sha2(s, 256)": "string", "crc32(b)": "bigint"}

    via_expr = df.filter("id = 1").select(F.expr("sha(b)").alias("h"), F.expr("sha2(s, 512)").alias("h512")).first()
    assert via_expr == Row(h=hashlib.sha1(RAW).hexdigest(), h512=hashlib.sha512(b"Spark").hexdigest())

    df.createOrReplaceTempView("hash_input")
    by_sql = spark.sql("SELECT md5(s) AS m, crc32(s) AS c, sha2(b, 224) AS s224, sha1(CAST(s AS BINARY)) AS s1 "
                       "FROM hash_input WHERE id = 1").first()
    assert by_sql == Row(m="8cde774d6f7333752ed72cacddb05126", c=1557323817,
                         s224=hashlib.sha224(RAW).hexdigest(), s1=hashlib.sha1(b"Spark").hexdigest())


@pytest.mark.parametrize("bits", [-1, 1, 128, 255, 257, 1024, True])
def test_sha2_refuses_other_bit_lengths_at_call_time(bits):
    # PySpark 3.5 raises from the JVM's functions.sha2 before any plan exists; SQL's sha2 gives null (above).
    with pytest.raises(IllegalArgumentException) as raised:
        F.sha2("s", bits)
    assert str(raised.value) == ("requirement failed: numBits %s is not in the permitted values "
                                 "(0, 224, 256, 384, 512)" % (bits,))
    assert isinstance(raised.value, ValueError)


def test_hash_and_xxhash64_are_sparks_values_and_skip_nulls(spark):
    schema = StructType([StructField("id", IntegerType()), StructField("c1", StringType()),
                         StructField("c2", StringType()), StructField("b", BinaryType())])
    df = spark.createDataFrame([(1, "ABC", "DEF", b"ABC"), (2, None, None, None),
                                (3, "\ud720\ud721", "", b"")], schema)
    got = df.orderBy("id").select(F.hash("c1"), F.hash("c1", df.c2), F.xxhash64("c1"), F.xxhash64(df.c1, "c2"),
                                  F.hash("b"), F.expr("xxhash64(c2, id)"), F.hash("c2", "id")).collect()
    # PySpark's documented values for ('ABC', 'DEF'); a null value leaves the seed 42 as it is.
    assert tuple(got[0])[:5] == (-757602832, 599895104, 4105715581806190027, 3233247871021311208, -757602832)
    assert tuple(got[1]) == (42, 42, 42, 42, 42, got[1][5], got[1][6])
    assert got[1][5] == spark.sql("SELECT xxhash64(2)").first()[0]
    assert got[2][4] == spark.sql("SELECT hash(X'')").first()[0] == 142593372
    assert dict(df.select(F.hash("c1", "c2"), F.xxhash64("c1")).dtypes) == {
        "hash(c1, c2)": "int", "xxhash64(c1)": "bigint"}
    assert [tuple(r) for r in spark.sql(
        "SELECT hash('Spark', array(123), 2), xxhash64('Spark', array(123), 2), hash(NULL)").collect()] == [
        (-1321691492, 5602566077635097486, 42)]
    df.createOrReplaceTempView("hash_py")
    sql = spark.sql("SELECT hash(c1, c2), xxhash64(c2, id) FROM hash_py WHERE id = 1").first()
    assert sql[0] == 599895104
    assert sql[1] == df.filter("id = 1").select(F.xxhash64("c2", "id")).first()[0]
    with pytest.raises(Exception, match="HASH_MAP_TYPE"):
        df.select(F.hash(F.create_map(F.col("c1"), F.col("id")))).collect()
