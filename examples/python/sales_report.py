"""The sales report job (examples/src/main/java/io/ember/examples/SalesReport.java) as a PySpark script.

Read the order lines of a sales CSV, drop the defective ones, and report revenue per region and month and the
top products, printed and written as CSV. It runs unchanged on Ember:

    bin/ember submit examples/python/sales_report.py [input.csv] [output-dir]
"""

import os
import sys
import tempfile

from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main(argv):
    home = os.environ.get("EMBER_HOME", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    source = argv[1] if len(argv) > 1 else os.path.join(home, "examples", "data", "sales.csv")
    output = argv[2] if len(argv) > 2 else os.path.join(tempfile.gettempdir(), "ember-sales-report")

    spark = SparkSession.builder.appName("sales-report").getOrCreate()
    sales = (spark.read
             .option("header", True)
             .option("mode", "PERMISSIVE")
             .schema("order_id INT, order_date DATE, region STRING, product STRING, quantity INT, "
                     "unit_price DECIMAL(10,2)")
             .csv(source))

    # Lines without a region or with an unreadable quantity are dropped; returns (quantity <= 0) are not sales.
    lines = (sales
             .na.drop(subset=["region", "quantity"])
             .filter(F.col("quantity") > 0)
             .withColumn("revenue", F.col("quantity") * F.col("unit_price"))
             .withColumn("month", F.date_format(F.col("order_date"), "yyyy-MM")))

    by_region_month = (lines
                       .groupBy("region", "month")
                       .agg(F.sum("revenue").alias("revenue"), F.countDistinct(F.col("order_id")).alias("orders"))
                       .orderBy("region", "month"))

    top_products = (lines
                    .groupBy("product")
                    .agg(F.sum("quantity").alias("units"), F.sum("revenue").alias("revenue"),
                         F.round(F.sum("revenue") / F.count("*"), 2).alias("avg_line_revenue"))
                    .orderBy(F.desc("revenue"))
                    .limit(5))

    print("Revenue per region and month:")
    by_region_month.show(50)
    print("Top products by revenue:")
    top_products.show()

    by_region_month.write.mode("overwrite").option("header", True).csv(output + "/revenue_by_region_month")
    top_products.write.mode("overwrite").option("header", True).csv(output + "/top_products")
    print("Wrote " + output + "/revenue_by_region_month and " + output + "/top_products")
    spark.stop()


if __name__ == "__main__":
    main(sys.argv)
