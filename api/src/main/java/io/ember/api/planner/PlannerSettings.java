package io.ember.api.planner;

import io.ember.api.conf.SessionConf;

/**
 * What the physical planner needs to know of the session and the runner.
 *
 * @param defaultParallelism tasks per source and per stateless stage ({@code N} of {@code local[N]})
 * @param shufflePartitions tasks after a hash exchange ({@code spark.sql.shuffle.partitions})
 * @param broadcastThresholdBytes joins whose build side is known to be smaller are broadcast; negative disables
 * @param reuseSubplans whether a sub-plan the query repeats is planned once ({@link PhysicalPlanner#planQuery};
 *     {@code spark.sql.exchange.reuse})
 */
public record PlannerSettings(int defaultParallelism, int shufflePartitions, long broadcastThresholdBytes,
    boolean reuseSubplans) {
  public PlannerSettings {
    if (defaultParallelism <= 0 || shufflePartitions <= 0) {
      throw new IllegalArgumentException("Parallelism must be positive: default " + defaultParallelism
          + ", shuffle partitions " + shufflePartitions);
    }
  }

  /** Settings that reuse repeated sub-plans. */
  public PlannerSettings(int defaultParallelism, int shufflePartitions, long broadcastThresholdBytes) {
    this(defaultParallelism, shufflePartitions, broadcastThresholdBytes, true);
  }

  public static PlannerSettings of(SessionConf conf, int defaultParallelism) {
    return new PlannerSettings(defaultParallelism, conf.shufflePartitions(defaultParallelism),
        conf.get(SessionConf.AUTO_BROADCAST_JOIN_THRESHOLD), conf.get(SessionConf.EXCHANGE_REUSE));
  }
}
