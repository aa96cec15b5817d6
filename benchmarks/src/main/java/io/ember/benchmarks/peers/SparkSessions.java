package io.ember.benchmarks.peers;

import org.apache.spark.sql.SparkSession;

/** Spark sessions configured alike for every side-by-side run. */
final class SparkSessions {
  private SparkSessions() {}

  /**
   * A local session: UI off (it would start a web server), quiet logs, and the ANSI mode Spark 4 has by
   * default made explicit, as Ember's default.
   */
  static SparkSession local(String master, String appName) {
    SparkSession spark = SparkSession.builder()
        .master(master)
        .appName(appName)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.ansi.enabled", "true")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
