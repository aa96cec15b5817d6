package io.ember.api.analysis;

import io.ember.api.streaming.OutputMode;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.datetime.SessionWindowKey;
import io.ember.operators.stream.join.JoinStateWatermarks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Spark's {@code UnsupportedOperationChecker}: which plans a batch action or a streaming query may run, with
 * Spark's messages (error class {@code _LEGACY_ERROR_TEMP_3102}, the message followed by {@code ;} and the
 * offending plan). Streaming queries are checked when they start, against their output mode.
 *
 * <p>Several stateful operators in one query (aggregations, deduplications, stream-stream joins, in any order)
 * follow Spark 3.5 and later ({@code spark.sql.streaming.statefulOperator.allowMultiple}, on by default): they run
 * in append mode, where each emits a row only once the watermark finalizes it; in update and complete mode a
 * stateful operator after an aggregation is rejected by the correctness check (an aggregation there emits rows
 * before they are final, which would be late downstream), except an aggregation over the updates of another without
 * event-time keys, which Ember runs as a changelog ({@link ChangelogAggregations}). One difference: Spark checks that
 * the topmost aggregation of an append mode query groups by event time; Ember checks every aggregation, since one
 * without an event-time key would never emit anything in append mode. A {@code withWatermark} over a stream that has
 * one already is rejected as Spark 3.5's watermark propagation rejects it. Another: Spark runs a stream-stream join
 * only in append mode; Ember also runs an inner one in update and complete mode when its rows reach the output only
 * through an aggregation (Nexmark q4), since an inner join's output is append-only and the aggregation applies the
 * mode.
 */
public final class UnsupportedOperationChecker {
  /** Spark's error class for these checks. */
  public static final String ERROR_CLASS = "_LEGACY_ERROR_TEMP_3102";

  private UnsupportedOperationChecker() {}

  /**
   * Checks a plan a batch action (collect, count, show, write...) is about to run.
   *
   * @throws AnalysisException when it reads a stream, or uses {@code dropDuplicatesWithinWatermark}
   */
  public static void checkForBatch(ResolvedPlan plan) {
    for (ResolvedPlan p : nodes(plan)) {
      if (p instanceof ResolvedPlan.Scan s && !s.source().isBounded()) {
        throw error("Queries with streaming sources must be executed with writeStream.start()", p);
      }
      if (p instanceof ResolvedPlan.DeduplicateWithinWatermark) {
        throw error("dropDuplicatesWithinWatermark is not supported with batch DataFrames/DataSets", p);
      }
    }
  }

  /**
   * Checks a streaming query about to start in {@code mode}.
   *
   * @throws AnalysisException with Spark's message for the first unsupported operation found
   */
  public static void checkForStreaming(ResolvedPlan plan, OutputMode mode) {
    checkForStreaming(plan, mode, true);
  }

  /**
   * As {@link #checkForStreaming(ResolvedPlan, OutputMode)}; {@code checkCorrectness} false skips the check of
   * stateful operators after a non-append aggregation
   * ({@code spark.sql.streaming.statefulOperator.checkCorrectness.enabled}).
   */
  public static void checkForStreaming(ResolvedPlan plan, OutputMode mode, boolean checkCorrectness) {
    if (!StreamingPlans.isStreaming(plan)) {
      throw error("Queries without streaming sources cannot be executed with writeStream.start()", plan);
    }
    List<ResolvedPlan> aggregates = streamingAggregates(plan);
    for (ResolvedPlan p : postOrder(plan)) {
      if (p instanceof ResolvedPlan.Expand x && mode == OutputMode.APPEND && StreamingPlans.isStreaming(x.child())) {
        // a set without the event-time window column holds groups that no watermark ever closes
        throw error(mode + " output mode not supported for ROLLUP, CUBE or GROUPING SETS on streaming"
            + " DataFrames/Datasets; use update or complete output mode", p);
      }
    }
    if (mode == OutputMode.APPEND && !aggregates.stream().allMatch(UnsupportedOperationChecker::groupsByEventTime)) {
      throw error(mode + " output mode not supported when there are streaming aggregations on streaming"
          + " DataFrames/DataSets without watermark", plan);
    }
    if (mode == OutputMode.UPDATE && !aggregates.isEmpty() && aggregates.get(0) instanceof ResolvedPlan.Aggregate a
        && SessionWindowKey.indexIn(a.keys()) >= 0) {
      throw error(mode + " output mode not supported for session window on streaming DataFrames/DataSets", plan);
    }
    if (mode == OutputMode.COMPLETE && aggregates.isEmpty()) {
      throw error(mode + " output mode not supported when there are no streaming aggregations on streaming"
          + " DataFrames/Datasets", plan);
    }
    List<ResolvedPlan> aggregatedJoins = joinsBelowAggregations(plan);
    for (ResolvedPlan p : postOrder(plan)) {
      checkNode(p, mode, aggregatedJoins);
    }
    if (checkCorrectness) {
      checkGlobalWatermarkLimit(plan, mode);
    }
  }

  private static void checkNode(ResolvedPlan p, OutputMode mode, List<ResolvedPlan> aggregatedJoins) {
    if (p instanceof ResolvedPlan.EventTimeWatermark w && hasWatermark(w.child())) {
      throw new AnalysisException("_LEGACY_ERROR_TEMP_3076", "Redefining watermark is disallowed. You can set the"
          + " config 'spark.sql.streaming.statefulOperator.allowMultiple' to 'false' to restore the previous"
          + " behavior. Note that multiple stateful operators will be disallowed.");
    } else if (p instanceof ResolvedPlan.Aggregate a && StreamingPlans.isStreaming(a.child())
        && a.aggs().stream().anyMatch(AggCall::distinct)) {
      throw error("Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider using"
          + " approx_count_distinct() instead.", p);
    } else if (p instanceof ResolvedPlan.Join j) {
      checkJoin(j, aggregatedJoins.stream().anyMatch(a -> a == j) ? OutputMode.APPEND : mode);
    } else if (p instanceof ResolvedPlan.DeduplicateWithinWatermark d && StreamingPlans.isStreaming(d)
        && StreamingPlans.eventTimeColumns(d.child()).isEmpty()) {
      throw error("dropDuplicatesWithinWatermark is not supported on streaming DataFrames/DataSets without"
          + " watermark", p);
    } else if (p instanceof ResolvedPlan.Union u) {
      long streams = u.inputs().stream().filter(StreamingPlans::isStreaming).count();
      if (streams > 0 && streams < u.inputs().size()) {
        throw error("Union between streaming and batch DataFrames/Datasets is not supported", p);
      }
    } else if (p instanceof ResolvedPlan.Limit l && StreamingPlans.isStreaming(l.child())) {
      if (l.offset() > 0) {
        throw error("Offset is not supported on streaming DataFrames/Datasets", p);
      }
      if (mode == OutputMode.UPDATE) {
        throw error("Limits are not supported on streaming DataFrames/Datasets in Update output mode", p);
      }
    } else if (p instanceof ResolvedPlan.Window w && StreamingPlans.isStreaming(w.child())) {
      throw error("Non-time-based windows are not supported on streaming DataFrames/Datasets", p);
    } else if (p instanceof ResolvedPlan.Sort s && !containsCompleteData(s, mode)) {
      throw error("Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated"
          + " DataFrame/Dataset in Complete output mode", p);
    }
  }

  /** The inner joins of {@code plan} with an aggregation between them and the output. */
  private static List<ResolvedPlan> joinsBelowAggregations(ResolvedPlan plan) {
    List<ResolvedPlan> out = new ArrayList<>();
    for (ResolvedPlan p : nodes(plan)) {
      if (isAggregation(p)) {
        for (ResolvedPlan below : nodes(p.children().get(0))) {
          if (below instanceof ResolvedPlan.Join j && j.type() == io.ember.operators.join.JoinType.INNER) {
            out.add(j);
          }
        }
      }
    }
    return out;
  }

  private static void checkJoin(ResolvedPlan.Join j, OutputMode mode) {
    boolean left = StreamingPlans.isStreaming(j.left());
    boolean right = StreamingPlans.isStreaming(j.right());
    if (left && right && mode != OutputMode.APPEND) {
      throw error("Join between two streaming DataFrames/Datasets is not supported in " + mode + " output mode,"
          + " only in Append output mode", j);
    }
    String type = j.type().sqlName();
    switch (j.type()) {
      case INNER, CROSS -> { }
      case FULL_OUTER -> {
        if (left && !right) {
          throw error("FullOuter joins with streaming DataFrames/Datasets on the left and a static"
              + " DataFrame/Dataset on the right is not supported", j);
        } else if (!left && right) {
          throw error("FullOuter joins with streaming DataFrames/Datasets on the right and a static"
              + " DataFrame/Dataset on the left is not supported", j);
        } else if (left) {
          checkStreamStreamJoinWatermark(j);
        }
      }
      case LEFT_ANTI -> {
        if (right) {
          throw error("LeftAnti joins with a streaming DataFrame/Dataset on the right are not supported", j);
        }
      }
      case LEFT_OUTER, LEFT_SEMI -> {
        if (!left && right) {
          throw error(type + " join with a streaming DataFrame/Dataset on the right and a static"
              + " DataFrame/Dataset on the left is not supported", j);
        } else if (left && right) {
          checkStreamStreamJoinWatermark(j);
        }
      }
      case RIGHT_OUTER -> {
        if (left && !right) {
          throw error("RightOuter join with a streaming DataFrame/Dataset on the left and a static"
              + " DataFrame/DataSet on the right not supported", j);
        } else if (left) {
          checkStreamStreamJoinWatermark(j);
        }
      }
      default -> throw error("Join type " + type + " is not supported with streaming DataFrame/Dataset", j);
    }
  }

  /**
   * An outer or semi stream-stream join must be able to evict its preserved side's rows (to emit their nulls,
   * or to bound the state): a watermarked column among the equi keys, or a watermark on the nullable side and
   * a range condition bounding the preserved side's event time from below (for a full outer join, either side).
   */
  private static void checkStreamStreamJoinWatermark(ResolvedPlan.Join j) {
    JoinStateWatermarks wm = StreamingPlans.joinStateWatermarks(j);
    boolean valid = switch (j.type()) {
      case RIGHT_OUTER -> wm.right().evicts();
      case FULL_OUTER -> wm.left().evicts() || wm.right().evicts();
      default -> wm.left().evicts();
    };
    if (!valid) {
      throw error("Stream-stream " + j.type().sqlName() + " join between two streaming DataFrame/Datasets is not"
          + " supported without a watermark in the join keys, or a watermark on the nullable side and an"
          + " appropriate range condition", j);
    }
  }

  /**
   * Spark's correctness check of chained stateful operators under one global watermark: a stateful operator
   * must not read the output of an aggregation that emits rows before the watermark finalizes them (any
   * mode but append), since such rows can be late downstream and be dropped.
   */
  private static void checkGlobalWatermarkLimit(ResolvedPlan plan, OutputMode mode) {
    for (ResolvedPlan p : nodes(plan)) {
      if (!isStatefulOperation(p)
          || p instanceof ResolvedPlan.Aggregate a && ChangelogAggregations.changelogInput(a) != null) {
        continue; // an aggregation over a changelog takes back the rows updated: none is late
      }
      for (ResolvedPlan c : p.children()) {
        for (ResolvedPlan below : nodes(c)) {
          if (isAggregation(below) && StreamingPlans.isStreaming(below) && mode != OutputMode.APPEND) {
            throw error("Detected pattern of possible 'correctness' issue due to global watermark. The query"
                + " contains stateful operation which can emit rows older than the current watermark plus allowed"
                + " late record delay, which are \"late rows\" in downstream stateful operations and these rows"
                + " can be discarded. Please refer the programming guide doc for more details. If you"
                + " understand the possible risk of correctness issue and still need to run the query, you can"
                + " disable this check by setting the config"
                + " `spark.sql.streaming.statefulOperator.checkCorrectness.enabled` to false.", plan);
          }
        }
      }
    }
  }

  private static boolean isStatefulOperation(ResolvedPlan p) {
    if (!StreamingPlans.isStreaming(p)) {
      return false;
    }
    if (isAggregation(p) || p instanceof ResolvedPlan.DeduplicateWithinWatermark) {
      return true;
    }
    if (p instanceof ResolvedPlan.Join j) {
      return StreamingPlans.isStreaming(j.left()) && StreamingPlans.isStreaming(j.right());
    }
    if (p instanceof ResolvedPlan.Distinct d) {
      List<Integer> keys = d.keys().isEmpty() ? allColumns(d) : d.keys();
      return !StreamingPlans.eventTimeAmong(d.child(), keys).isEmpty();
    }
    return false;
  }

  /** True when a {@code withWatermark} over a stream is in {@code plan}. */
  private static boolean hasWatermark(ResolvedPlan plan) {
    return nodes(plan).stream().anyMatch(n -> n instanceof ResolvedPlan.EventTimeWatermark && StreamingPlans.isStreaming(n));
  }

  /** An aggregate, or a {@code distinct()} (an aggregation over all columns, as Spark plans it). */
  public static boolean isAggregation(ResolvedPlan p) {
    return p instanceof ResolvedPlan.Aggregate || p instanceof ResolvedPlan.Distinct d && d.aggregation();
  }

  /** The aggregations over streams in {@code plan}, the topmost first. */
  private static List<ResolvedPlan> streamingAggregates(ResolvedPlan plan) {
    List<ResolvedPlan> out = new ArrayList<>();
    for (ResolvedPlan p : nodes(plan)) {
      if (isAggregation(p) && StreamingPlans.isStreaming(p)) {
        out.add(p);
      }
    }
    return out;
  }

  /** True when the aggregation groups by an event-time column (for a distinct: when its input has one). */
  private static boolean groupsByEventTime(ResolvedPlan aggregation) {
    Map<Integer, Long> eventTime = StreamingPlans.eventTimeColumns(aggregation.children().get(0));
    if (aggregation instanceof ResolvedPlan.Aggregate a) {
      return a.keys().stream().anyMatch(k -> StreamingPlans.derivedDelay(k, eventTime) != null);
    }
    return !eventTime.isEmpty();
  }

  private static boolean containsCompleteData(ResolvedPlan p, OutputMode mode) {
    return !StreamingPlans.isStreaming(p) || (!streamingAggregates(p).isEmpty() && mode == OutputMode.COMPLETE);
  }

  private static List<Integer> allColumns(ResolvedPlan p) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < p.output().size(); i++) {
      all.add(i);
    }
    return all;
  }

  /** Every node of {@code plan}, parents before children. */
  private static List<ResolvedPlan> nodes(ResolvedPlan plan) {
    List<ResolvedPlan> out = new ArrayList<>();
    out.add(plan);
    for (int i = 0; i < out.size(); i++) {
      out.addAll(out.get(i).children());
    }
    return out;
  }

  /** Every node of {@code plan}, children before parents (Spark's {@code foreachUp}). */
  private static List<ResolvedPlan> postOrder(ResolvedPlan plan) {
    List<ResolvedPlan> out = new ArrayList<>();
    for (ResolvedPlan c : plan.children()) {
      out.addAll(postOrder(c));
    }
    out.add(plan);
    return out;
  }

  private static AnalysisException error(String message, ResolvedPlan operator) {
    return new AnalysisException(ERROR_CLASS, message + ";\n" + PlanTrees.resolved(operator).stripTrailing());
  }
}
