"""Persistent tables as a PySpark script: load the sales CSV into a managed table, append to it, query it with
SQL, keep a summary table with CREATE TABLE AS SELECT, and follow the table as a stream. It runs unchanged on Ember:

    bin/ember submit examples/python/sales_tables.py [warehouse-dir]

The tables live in the warehouse directory (default: a fresh temporary directory here; Spark's default is
./spark-warehouse). Run it twice with the same directory: the second run finds the tables the first one made, as
Ember keeps table metadata in the warehouse.
"""

import os
import sys
import tempfile

from pyspark.sql import SparkSession


def main(argv):
    home = os.environ.get("EMBER_HOME", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    warehouse = argv[1] if len(argv) > 1 else tempfile.mkdtemp(prefix="ember-warehouse-")
    spark = (SparkSession.builder.appName("sales-tables")
             .config("spark.sql.warehouse.dir", warehouse)
             .getOrCreate())

    if spark.catalog.tableExists("sales"):
        print("The warehouse already holds: %s" % [t.name for t in spark.catalog.listTables()])
    else:
        sales = (spark.read.option("header", True)
                 .schema("order_id INT, order_date DATE, region STRING, product STRING, quantity INT, "
                         "unit_price DECIMAL(10,2)")
                 .csv(os.path.join(home, "examples", "data", "sales.csv")))
        # a managed table in csv (Spark's default format is parquet)
        sales.write.format("csv").option("header", True).saveAsTable("sales")

    # a late order line arrives: insertInto matches columns by position
    spark.sql("INSERT INTO sales VALUES (9999, DATE'2024-12-31', 'North', 'Widget', 1, 9.99)")

    spark.sql("DROP TABLE IF EXISTS revenue_by_region")
    spark.sql("""
        CREATE TABLE revenue_by_region USING json AS
        SELECT region, sum(quantity * unit_price) AS revenue FROM sales
        WHERE region IS NOT NULL AND quantity > 0 GROUP BY region
    """)
    spark.sql("SELECT * FROM revenue_by_region ORDER BY revenue DESC").show()
    spark.sql("DESCRIBE TABLE EXTENDED revenue_by_region").show(truncate=False)

    # the table as a stream: rows inserted while the query runs are picked up
    big = spark.readStream.table("sales").filter("quantity >= 10")
    query = big.writeStream.format("memory").queryName("big_orders").start()
    query.processAllAvailable()
    spark.sql("INSERT INTO sales VALUES (10000, DATE'2025-01-02', 'South', 'Gadget', 25, 4.50)")
    query.processAllAvailable()
    print("Large order lines seen by the stream: %d" % spark.table("big_orders").count())
    query.stop()

    spark.sql("SHOW TABLES").show()
    print("Warehouse: %s" % warehouse)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv)
