"""The rate source printed to the console (examples/src/main/java/io/ember/examples/RateConsole.java) as a
PySpark script: windowed counts per parity of the generated values, printed once a second in update mode.

    bin/ember submit examples/python/rate_console.py [seconds]
"""

import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main(argv):
    seconds = float(argv[1]) if len(argv) > 1 else 6.0
    spark = SparkSession.builder.appName("rate-console").getOrCreate()
    rate = spark.readStream.format("rate").option("rowsPerSecond", 100).load()

    counts = (rate
              .withColumn("parity", F.col("value") % 2)
              .withWatermark("timestamp", "1 second")
              .groupBy(F.window("timestamp", "2 seconds"), "parity")
              .agg(F.count("*").alias("rows"), F.max("value").alias("max_value")))

    query = (counts.writeStream
             .format("console")
             .outputMode("update")
             .option("truncate", False)
             .trigger(processingTime="1 second")
             .start())
    query.awaitTermination(seconds)
    query.stop()
    spark.stop()


if __name__ == "__main__":
    main(sys.argv)
