"""Sales order lines from CSV into a partitioned Parquet data set, then reports read back from Parquet.

The usual first step of a PySpark pipeline: convert raw CSV once into Parquet partitioned by a column the reports
filter on, then let every report read only the columns, partitions and row groups it needs. It runs unchanged on
Ember:

    bin/ember submit examples/python/sales_parquet.py [input.csv] [output-dir]
"""

import os
import sys
import tempfile

from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main(argv):
    home = os.environ.get("EMBER_HOME", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    source = argv[1] if len(argv) > 1 else os.path.join(home, "examples", "data", "sales.csv")
    output = argv[2] if len(argv) > 2 else os.path.join(tempfile.gettempdir(), "ember-sales-parquet")

    spark = SparkSession.builder.appName("sales-parquet").getOrCreate()
    sales = (spark.read
             .option("header", True)
             .schema("order_id INT, order_date DATE, region STRING, product STRING, quantity INT, "
                     "unit_price DECIMAL(10,2)")
             .csv(source)
             .na.drop(subset=["region", "quantity"]))

    # One directory per region (region=East/, region=North/, ...), snappy-compressed part files, as Spark lays them out.
    sales.write.mode("overwrite").partitionBy("region").parquet(output)

    lines = spark.read.parquet(output)
    lines.printSchema()

    # Reads only order_date, quantity and unit_price of one region's files.
    monthly = (lines
               .filter((F.col("region") == "North") & (F.col("quantity") > 0))
               .groupBy(F.date_format("order_date", "yyyy-MM").alias("month"))
               .agg(F.sum(F.col("quantity") * F.col("unit_price")).alias("revenue"))
               .orderBy("month"))
    monthly.show()

    # A filter on a data column skips the row groups whose min/max statistics rule it out (filter pushdown, on by
    # default as spark.sql.parquet.filterPushdown); explain() lists what was pushed as PushedFilters.
    big_orders = lines.filter((F.col("quantity") >= 5) & (F.col("unit_price") > 50))
    big_orders.explain()
    print("order lines of 5 or more items over 50:", big_orders.count())

    # Appending a day's lines adds part files next to the existing ones.
    late = spark.createDataFrame([(999001, "North", "widget", 3)], "order_id INT, region STRING, product STRING, "
                                 "quantity INT")
    (late.withColumn("order_date", F.to_date(F.lit("2024-12-31")))
         .withColumn("unit_price", F.lit(9.99).cast("decimal(10,2)"))
         .select("order_id", "order_date", "region", "product", "quantity", "unit_price")
         .write.mode("append").partitionBy("region").parquet(output))
    print("order lines in North after the append:", spark.read.parquet(output).filter(F.col("region") == "North").count())
    print("written to", output)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv)
