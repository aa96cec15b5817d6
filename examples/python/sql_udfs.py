"""Python functions called from SQL: ``spark.udf.register`` as in PySpark.

Registers a plain Python function, a ``udf`` and a vectorized ``pandas_udf`` by name, then calls them from
``spark.sql`` over the sales CSV, from ``F.expr`` and from ``selectExpr``. The functions run in Ember's Python
worker processes, as ``F.udf`` functions do. It runs unchanged on Ember:

    bin/ember submit examples/python/sql_udfs.py [input.csv]
"""

import os
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.functions import pandas_udf, udf


def main(argv):
    home = os.environ.get("EMBER_HOME", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    source = argv[1] if len(argv) > 1 else os.path.join(home, "examples", "data", "sales.csv")

    spark = SparkSession.builder.appName("sql-udfs").getOrCreate()
    (spark.read.option("header", True)
     .schema("order_id INT, order_date DATE, region STRING, product STRING, quantity INT, unit_price DECIMAL(10,2)")
     .csv(source)
     .createOrReplaceTempView("sales"))

    # A plain function: called once per row, None for a null input; the return type defaults to string.
    spark.udf.register("initials", lambda s: None if s is None else "".join(w[0] for w in s.split()).upper())

    # A udf keeps the return type it was made with.
    @udf("int")
    def size_band(quantity):
        if quantity is None:
            return None
        return 0 if quantity <= 1 else 1 if quantity <= 5 else 2

    spark.udf.register("size_band", size_band)

    # A scalar pandas_udf is called once per batch with whole columns.
    @pandas_udf("double")
    def with_vat(amount):
        return amount * 1.2

    spark.udf.register("with_vat", with_vat)

    spark.sql("""
        SELECT region, initials(product) AS code, size_band(quantity) AS band, count(*) AS lines,
               round(sum(with_vat(CAST(quantity * unit_price AS DOUBLE))), 2) AS gross
        FROM sales
        WHERE quantity > 0 AND region IS NOT NULL
        GROUP BY region, initials(product), size_band(quantity)
        ORDER BY region, code, band
    """).show(10)

    sales = spark.table("sales")
    sales.select("product", F.expr("initials(product) AS code")).distinct().orderBy("product").show(5)
    sales.selectExpr("order_id", "size_band(quantity) AS band").filter("band = 2").orderBy("order_id").show(5)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv)
