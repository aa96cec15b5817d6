"""Binary values and hashes: fingerprint records, find changed ones, bucket them, keep a binary column in Parquet.

A nightly export of customer records arrives again with a few changes. The script fingerprints every record with
``sha2`` over all of its columns (``concat_ws`` over ``*``), finds the records whose fingerprint changed, spreads
the records over four buckets with Spark's ``hash`` (Murmur3, the same values Spark gives), decodes a base64
payload into bytes, and writes the binary column to Parquet and reads it back as strings with
``spark.sql.parquet.binaryAsString``. It runs unchanged on Ember:

    bin/ember submit examples/python/record_fingerprints.py
"""

import tempfile

from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main():
    spark = SparkSession.builder.appName("record-fingerprints").getOrCreate()
    columns = ["id", "name", "email", "payload"]
    yesterday = spark.createDataFrame([
        (1, "Ada", "ada@example.org", "aGVsbG8="),
        (2, "Brian", "brian@example.org", "d29ybGQ="),
        (3, "Chen", "chen@example.org", "IQ=="),
    ], columns)
    today = spark.createDataFrame([
        (1, "Ada", "ada@example.org", "aGVsbG8="),
        (2, "Brian", "brian.k@example.org", "d29ybGQ="),
        (3, "Chen", "chen@example.org", "IQ=="),
        (4, "Dana", "dana@example.org", "Pz8/"),
    ], columns)

    # One fingerprint per record over every column (a star among a function's arguments expands to the columns).
    def fingerprints(df):
        return df.select("id", F.sha2(F.concat_ws("|", "*"), 256).alias("sha256"))

    fingerprints(today).orderBy("id").show(truncate=False)

    # New and changed records: no fingerprint yesterday, or another one.
    old = fingerprints(yesterday).withColumnRenamed("sha256", "old_sha256")
    changed = (fingerprints(today).join(old, "id", "left")
               .where(F.col("old_sha256").isNull() | (F.col("sha256") != F.col("old_sha256")))
               .select("id", F.when(F.col("old_sha256").isNull(), "new").otherwise("changed").alias("status")))
    changed.orderBy("id").show()

    # Buckets by Spark's hash of the key, and the other checksums of the e-mail.
    today.select("id", F.pmod(F.hash("id"), F.lit(4)).alias("bucket"), F.md5("email").alias("md5"),
                 F.crc32("email").alias("crc32"), F.xxhash64("email").alias("xxhash64")).orderBy("id").show(
        truncate=False)

    # The payload's bytes: base64 decoded (to_binary with the base64 format), their hex and their length.
    decoded = today.select("id", F.unbase64("payload").alias("bytes"),
                           F.to_binary(F.col("payload"), F.lit("base64")).alias("same_bytes"))
    decoded.select("id", F.hex("bytes").alias("hex"), F.octet_length("bytes").alias("octets"),
                   (F.col("bytes") == F.col("same_bytes")).alias("same")).orderBy("id").show()

    # A binary column in Parquet, read back as bytes and, with binaryAsString, as strings.
    with tempfile.TemporaryDirectory() as tmp:
        path = tmp + "/payloads"
        decoded.select("id", "bytes").write.parquet(path)
        spark.read.parquet(path).orderBy("id").show()
        spark.conf.set("spark.sql.parquet.binaryAsString", "true")
        as_strings = spark.read.parquet(path)
        as_strings.printSchema()
        as_strings.orderBy("id").show()
    spark.stop()


if __name__ == "__main__":
    main()
