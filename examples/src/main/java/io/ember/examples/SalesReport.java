package io.ember.examples;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.countDistinct;
import static io.ember.api.functions.date_format;
import static io.ember.api.functions.desc;
import static io.ember.api.functions.round;
import static io.ember.api.functions.sum;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import java.nio.file.Path;

/**
 * A batch job as a retailer would write it: read the order lines of a sales CSV, drop the defective
 * ones, and report revenue per region and month and the top products, printed and written as CSV.
 *
 * <p>Run it with {@code bin/ember example [input.csv] [output-dir]}. Without arguments it reads the
 * sample {@code examples/data/sales.csv} and writes under the system temp directory.
 */
public final class SalesReport {
  private SalesReport() {}

  public static void main(String[] args) {
    String home = System.getProperty("ember.home", ".");
    String input = args.length > 0 ? args[0] : Path.of(home, "examples", "data", "sales.csv").toString();
    String output = args.length > 1 ? args[1]
        : Path.of(System.getProperty("java.io.tmpdir"), "ember-sales-report").toString();

    try (Session spark = Session.builder().appName("sales-report").getOrCreate()) {
      DataFrame sales = spark.read()
          .option("header", true)
          .option("mode", "PERMISSIVE")
          .schema("order_id INT, order_date DATE, region STRING, product STRING, quantity INT, unit_price DECIMAL(10,2)")
          .csv(input);

      // Lines without a region or with an unreadable quantity are dropped; returns (quantity <= 0) are not sales.
      DataFrame lines = sales
          .na().drop(new String[] {"region", "quantity"})
          .filter(col("quantity").gt(0))
          .withColumn("revenue", col("quantity").multiply(col("unit_price")))
          .withColumn("month", date_format(col("order_date"), "yyyy-MM"));

      DataFrame byRegionMonth = lines
          .groupBy("region", "month")
          .agg(sum("revenue").alias("revenue"), countDistinct(col("order_id")).alias("orders"))
          .orderBy("region", "month");

      DataFrame topProducts = lines
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
    }
  }
}
