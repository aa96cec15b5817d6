"""A database of partitioned tables and views as a PySpark script: a database of its own with USE, a table
partitioned by region filled with static and dynamic partition inserts, a persistent view over it, a partition
replaced with INSERT OVERWRITE in dynamic mode, the catalog's SHOW and DESCRIBE statements, ALTER TABLE and
TRUNCATE. It runs unchanged on Ember:

    bin/ember submit examples/python/sales_catalog.py [warehouse-dir]

The warehouse defaults to a fresh temporary directory. Run it twice with the same directory: the database, the
table and the view are still there (Ember keeps their metadata in the warehouse), and the script replaces what it
wrote the first time.
"""

import os
import sys
import tempfile

from pyspark.sql import SparkSession


def main(argv):
    home = os.environ.get("EMBER_HOME", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    warehouse = argv[1] if len(argv) > 1 else tempfile.mkdtemp(prefix="ember-warehouse-")
    spark = (SparkSession.builder.appName("sales-catalog")
             .config("spark.sql.warehouse.dir", warehouse)
             .getOrCreate())

    spark.sql("CREATE DATABASE IF NOT EXISTS shop COMMENT 'the coffee shop'")
    spark.sql("USE shop")
    print("Current database: %s" % spark.catalog.currentDatabase())

    spark.read.option("header", True).schema(
        "order_id INT, order_date DATE, region STRING, product STRING, quantity INT, unit_price DECIMAL(10,2)"
    ).csv(os.path.join(home, "examples", "data", "sales.csv")).createOrReplaceTempView("raw_sales")

    spark.sql("""
        CREATE TABLE IF NOT EXISTS orders (order_id INT, product STRING, quantity INT, unit_price DECIMAL(10,2),
                                           region STRING)
        USING json PARTITIONED BY (region) TBLPROPERTIES ('source' = 'sales.csv')
    """)
    # every run starts from the file again: with no static value, static mode replaces every partition; the column
    # list leaves out columns a later run may have added (they are null)
    spark.sql("""
        INSERT OVERWRITE orders PARTITION (region) (order_id, product, quantity, unit_price, region)
        SELECT order_id, product, quantity, unit_price, region FROM raw_sales WHERE region IS NOT NULL
    """)
    # a static partition: the value fills the column, the query gives the others (missing ones are null)
    spark.sql("INSERT INTO orders PARTITION (region = 'Online') (order_id, product) VALUES (9001, 'Gift Card')")
    spark.sql("SHOW PARTITIONS orders").show()

    # a persistent view: its SQL is kept in the catalog and analysed again whenever it is read
    spark.sql("""
        CREATE OR REPLACE VIEW revenue AS
        SELECT region, sum(quantity * unit_price) AS revenue, count(*) AS lines FROM orders GROUP BY region
    """)
    spark.sql("SELECT * FROM revenue ORDER BY region").show()

    # dynamic mode replaces only the partitions the new rows fall into: North is corrected, the rest stays
    spark.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")
    spark.sql("""
        INSERT OVERWRITE orders PARTITION (region) (order_id, product, quantity, unit_price, region)
        SELECT order_id, product, quantity, unit_price, region FROM raw_sales
        WHERE region = 'North' AND quantity > 1
    """)
    spark.conf.unset("spark.sql.sources.partitionOverwriteMode")
    spark.sql("SELECT * FROM revenue ORDER BY region").show()

    spark.sql("TRUNCATE TABLE orders PARTITION (region = 'Online')")
    if "discount" not in spark.table("orders").columns:
        spark.sql("ALTER TABLE orders ADD COLUMNS (discount DOUBLE)")
    print(spark.sql("SHOW CREATE TABLE orders").collect()[0].createtab_stmt)
    spark.sql("DESCRIBE TABLE EXTENDED revenue").show(truncate=False)
    spark.sql("SHOW TABLES").show()
    print("Tables of shop: %s" % [(t.name, t.tableType) for t in spark.catalog.listTables("shop")])
    spark.sql("USE default")
    print("Warehouse: %s" % warehouse)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv)
