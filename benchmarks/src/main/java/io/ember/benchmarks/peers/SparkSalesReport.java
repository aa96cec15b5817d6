package io.ember.benchmarks.peers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The oracle for {@code io.ember.examples.SalesReport}: the same job, line for line, on Spark 4 with its Java
 * API, printing the same two tables with {@code show()}. {@code benchmarks/bin/compare-sales-example} runs
 * both and diffs the tables.
 *
 * <p>Arguments: {@code [input.csv] [output-dir]}; defaults: {@code examples/data/sales.csv} under the
 * working directory, and {@code spark-sales-report} under the temp directory.
 */
public final class SparkSalesReport {
  private SparkSalesReport() {}

  public static void main(String[] args) {
    String input = args.length > 0 ? args[0] : Path.of("examples", "data", "sales.csv").toString();
    String output = args.length > 1 ? args[1]
        : Path.of(System.getProperty("java.io.tmpdir"), "spark-sales-report").toString();
    SparkSession spark = SparkSessions.local("local[2]", "sales-report");
    try {
      Dataset<Row> sales = spark.read()
          .option("header", true)
          .option("mode", "PERMISSIVE")
          .schema("order_id INT, order_date DATE, region STRING, product STRING, quantity INT,"
              + " unit_price DECIMAL(10,2)")
          .csv(input);

      Dataset<Row> lines = sales
          .na().drop(new String[] {"region", "quantity"})
          .filter(col("quantity").gt(0))
          .withColumn("revenue", col("quantity").multiply(col("unit_price")))
          .withColumn("month", date_format(col("order_date"), "yyyy-MM"));

      Dataset<Row> byRegionMonth = lines
          .groupBy("region", "month")
          .agg(sum("revenue").alias("revenue"), countDistinct(col("order_id")).alias("orders"))
          .orderBy("region", "month");

      Dataset<Row> topProducts = lines
          .groupBy("product")
          .agg(sum("quantity").alias("units"), sum("revenue").alias("revenue"),
              round(sum("revenue").divide(count("*")), 2).alias("avg_line_revenue"))
          .orderBy(desc("revenue"))
          .limit(5);

      System.out.println("Revenue per region and month:");
      byRegionMonth.show(50);
      System.out.println("Top products by revenue:");
      topProducts.show();

      byRegionMonth.write().mode("overwrite").option("header", true).csv(output + "/revenue_by_region_month");
      topProducts.write().mode("overwrite").option("header", true).csv(output + "/top_products");
      System.out.println("Wrote " + output + "/revenue_by_region_month and " + output + "/top_products");
    } finally {
      spark.stop();
    }
  }
}
