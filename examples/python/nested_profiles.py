"""Nested values: user profiles with a struct address, an array of tags and a map of settings, as a PySpark script.

Reads struct fields by name, expands a struct with ``addr.*``, looks settings up by key, explodes the settings map
into key/value rows and counts them per setting, and builds a map from columns. It runs unchanged on Ember:

    bin/ember submit examples/python/nested_profiles.py
"""

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import ArrayType, IntegerType, MapType, StringType, StructField, StructType


def main():
    spark = SparkSession.builder.appName("nested-profiles").getOrCreate()
    schema = StructType([
        StructField("id", IntegerType()),
        StructField("addr", StructType([StructField("city", StringType()), StructField("zip", StringType())])),
        StructField("tags", ArrayType(StringType())),
        StructField("settings", MapType(StringType(), StringType())),
    ])
    profiles = spark.createDataFrame([
        (1, ("Oslo", "0150"), ["admin", "beta"], {"theme": "dark", "lang": "no"}),
        (2, ("Lyon", "69001"), ["beta"], {"theme": "light"}),
        (3, None, [], {}),
    ], schema)
    profiles.printSchema()
    profiles.show(truncate=False)

    # Struct fields by dotted name or attribute, the first tag (tags[0] of an empty array is an error under ANSI, as
    # in Spark, hence the guard), a setting by key (null when missing).
    first_tag = F.when(F.size("tags") > 0, F.col("tags")[0]).alias("first_tag")
    profiles.select("id", F.col("addr.city"), profiles.addr.zip, first_tag,
                    F.col("settings")["theme"].alias("theme")).orderBy("id").show()

    # A struct's fields as columns.
    profiles.select("id", "addr.*").orderBy("id").show()

    # One row per setting, then how many profiles set each one.
    (profiles.select("id", F.explode("settings"))
     .groupBy("key").agg(F.count("*").alias("profiles"))
     .orderBy("key").show())

    # A map built from columns, and its keys.
    built = profiles.select("id", F.create_map(F.lit("city"), F.col("addr.city")).alias("place"))
    built.select("id", "place", F.map_keys("place").alias("keys")).orderBy("id").show(truncate=False)

    profiles.createOrReplaceTempView("profiles")
    spark.sql("SELECT id, addr.city, settings['lang'] AS lang FROM profiles WHERE size(settings) > 0 "
              "ORDER BY id").show()
    spark.stop()


if __name__ == "__main__":
    main()
