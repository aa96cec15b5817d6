package io.ember.api.logical;

import io.ember.connectors.source.Source;
import io.ember.core.data.Batch;
import io.ember.core.types.StructType;
import java.util.List;

/**
 * A query as the DataFrame API (and later SQL) builds it, before analysis. Immutable records; every node
 * has a {@link #planId()} unique in the session, which {@code df.col(name)} references carry.
 */
public sealed interface LogicalPlan {
  long planId();

  List<LogicalPlan> children();

  /** Reads a connector source (files). */
  record SourceScan(long planId, Source source) implements LogicalPlan {
    @Override
    public List<LogicalPlan> children() {
      return List.of();
    }
  }

  /** Rows held by the session ({@code createDataFrame}). */
  record LocalRelation(long planId, StructType schema, List<Batch> batches) implements LogicalPlan {
    public LocalRelation {
      batches = List.copyOf(batches);
    }

    @Override
    public List<LogicalPlan> children() {
      return List.of();
    }
  }

  /** {@code spark.range(start, end, step, numPartitions)}: one bigint column {@code id}; {@code numPartitions} 0 = default. */
  record Range(long planId, long start, long end, long step, int numPartitions) implements LogicalPlan {
    @Override
    public List<LogicalPlan> children() {
      return List.of();
    }
  }

  /** {@code select}: one output column per expression ({@link LogicalExpr.Star} expands). */
  record Project(long planId, List<LogicalExpr> projections, LogicalPlan child) implements LogicalPlan {
    public Project {
      projections = List.copyOf(projections);
    }

    @Override
    public List<LogicalPlan> children() {
      return List.of(child);
    }
  }

  /** {@code filter}/{@code where}: keeps rows where {@code condition} is true. */
  record Filter(long planId, LogicalExpr condition, LogicalPlan child) implements LogicalPlan {
    @Override
    public List<LogicalPlan> children() {
      return List.of(child);
    }
  }

  /** {@code groupBy(grouping).agg(aggregates)}; output = {@code aggregates} (which include the grouping columns). */
  record Aggregate(long planId, List<LogicalExpr> grouping, List<LogicalExpr> aggregates, LogicalPlan child)
      implements LogicalPlan {
    public Aggregate {
      grouping = List.copyOf(grouping);
      aggregates = List.copyOf(aggregates);
    }

    @Override
    public List<LogicalPlan> children() {
      return List.of(child);
    }
  }

  /**
   * {@code rollup}/{@code cube}/{@code GROUP BY GROUPING SETS}: an aggregation per grouping set, all in one
   * result. {@code grouping} holds the distinct grouping expressions in the order they were written (the order
   * of {@code grouping_id}'s bits, the first one the most significant); each of {@code sets} lists the indices
   * into {@code grouping} of one set's columns (a set may repeat; the empty set is the grand total). Output =
   * {@code aggregates}, in which a grouping column a set leaves out reads as null. See {@link GroupingSetLists}.
   */
  record GroupingSets(long planId, List<LogicalExpr> grouping, List<List<Integer>> sets, List<LogicalExpr> aggregates,
      LogicalPlan child) implements LogicalPlan {
    public GroupingSets {
      grouping = List.copyOf(grouping);
      sets = sets.stream().map(List::copyOf).toList();
      aggregates = List.copyOf(aggregates);
    }

    @Override
    public List<LogicalPlan> children() {
      return List.of(child);
    }
  }

  /** {@code orderBy}/{@code sort} with {@link LogicalExpr.SortOrder} keys. */
  record Sort(long planId, List<LogicalExpr.SortOrder> order, LogicalPlan child) implements LogicalPlan {
    public Sort {
      order = List.copyOf(order);
    }

    @Override
    public List<LogicalPlan> children() {
      return List.of(child);
    }
  }

  /** {@code limit(n)} after skipping {@code offset} rows. */
  record Limit(long planId, int limit, int offset, LogicalPlan child) implements LogicalPlan {
    @Override
    public List<LogicalPlan> children() {
      return List.of(child);
    }
  }

  /**
   * {@code distinct()} ({@code distinct} true: Spark's {@code Distinct}, which a stream runs as an aggregation)
   * or {@code dropDuplicates(keys)} (all columns when {@code keys} is empty; a stream runs it as a
   * deduplication). Both give the same batch result.
   */
  record Deduplicate(long planId, List<String> keys, LogicalPlan child, boolean distinct) implements LogicalPlan {
    public Deduplicate {
      keys = List.copyOf(keys);
    }

    /** {@code dropDuplicates(keys)}. */
    public Deduplicate(long planId, List<String> keys, LogicalPlan child) {
      this(planId, keys, child, false);
    }

    @Override
    public List<LogicalPlan> children() {
      return List.of(child);
    }
  }

  /**
   * {@code left.join(right, ...)}. {@code joinType} is Spark's normalized name: inner, left_outer, right_outer,
   * full_outer, left_semi, left_anti, cross. Either {@code usingColumns} (join on equal names; output has them
   * once) or {@code condition} (may be null for cross) is set.
   */
  record Join(long planId, LogicalPlan left, LogicalPlan right, String joinType, LogicalExpr condition,
      List<String> usingColumns) implements LogicalPlan {
    public Join {
      usingColumns = List.copyOf(usingColumns);
    }

    @Override
    public List<LogicalPlan> children() {
      return List.of(left, right);
    }
  }

  /** {@code union} (by position) or {@code unionByName(allowMissingColumns)}; keeps duplicates like SQL UNION ALL. */
  record Union(long planId, List<LogicalPlan> inputs, boolean byName, boolean allowMissingColumns) implements LogicalPlan {
    public Union {
      inputs = List.copyOf(inputs);
    }

    @Override
    public List<LogicalPlan> children() {
      return inputs;
    }
  }

  /**
   * {@code withWatermark(eventTime, delayThreshold)}: the column {@code eventTime} carries the event time of a
   * stream, rows later than the watermark (max event time seen minus {@code delayMicros}) may be dropped by
   * stateful operators above. A no-op over a batch child, as in Spark.
   */
  record EventTimeWatermark(long planId, String eventTime, String delayThreshold, long delayMicros, LogicalPlan child)
      implements LogicalPlan {
    @Override
    public List<LogicalPlan> children() {
      return List.of(child);
    }
  }

  /**
   * {@code dropDuplicatesWithinWatermark(keys)}: drops a row whose {@code keys} (all columns when empty) equal
   * an earlier row's, as long as that earlier row's event time is within the watermark delay.
   */
  record DeduplicateWithinWatermark(long planId, List<String> keys, LogicalPlan child) implements LogicalPlan {
    public DeduplicateWithinWatermark {
      keys = List.copyOf(keys);
    }

    @Override
    public List<LogicalPlan> children() {
      return List.of(child);
    }
  }

  /**
   * {@code repartition}/{@code coalesce}: the child's rows redistributed into {@code numPartitions} partitions
   * (0: {@code spark.sql.shuffle.partitions}), hashed on {@code partitionExprs}, or round-robin when there are
   * none. {@code shuffle} false is {@code coalesce(n)}: it only ever lowers the partition count.
   */
  record Repartition(long planId, int numPartitions, List<LogicalExpr> partitionExprs, boolean shuffle,
      LogicalPlan child) implements LogicalPlan {
    public Repartition {
      partitionExprs = List.copyOf(partitionExprs);
    }

    @Override
    public List<LogicalPlan> children() {
      return List.of(child);
    }
  }

  /** {@code df.alias(name)}: lets {@code name.col} refer to this plan's columns. */
  record SubqueryAlias(long planId, String alias, LogicalPlan child) implements LogicalPlan {
    @Override
    public List<LogicalPlan> children() {
      return List.of(child);
    }
  }
}
