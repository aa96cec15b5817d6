package io.ember.benchmarks.e2e;

import io.ember.api.Session;

/** The start-up workload on Ember: {@code range(10).count()} in a fresh JVM. Arguments: {@code [master]}. */
public final class StartupJob {
  private StartupJob() {}

  public static void main(String[] args) {
    String master = args.length > 0 ? args[0] : "local[2]";
    long start = System.nanoTime();
    long count;
    long queryStart;
    try (Session spark = Session.builder().master(master).appName("startup").getOrCreate()) {
      queryStart = System.nanoTime();
      count = spark.range(10).count();
    }
    new JobOutput().row(Long.toString(count)).print(queryStart - start, System.nanoTime() - queryStart);
  }
}
