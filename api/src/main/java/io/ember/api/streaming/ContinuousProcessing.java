package io.ember.api.streaming;

import io.ember.api.analysis.ResolvedPlan;
import io.ember.api.analysis.UnsupportedOperationChecker;
import io.ember.connectors.memory.MemoryStreamSource;
import io.ember.connectors.source.Source;
import io.ember.connectors.stream.RateSource;
import io.ember.connectors.stream.SocketSource;
import io.ember.core.errors.AnalysisException;
import java.util.Set;

/**
 * What a query with {@link Trigger#Continuous} may be, as Spark's continuous processing allows: projections and
 * selections (filters) over streams that support it (rate, socket, memory, kafka), written to a sink that supports
 * it (console, memory, foreach, kafka, noop). Spark's {@code UnsupportedOperationChecker.checkForContinuous} and
 * {@code DataStreamWriter} give the error texts.
 */
final class ContinuousProcessing {
  /** The sinks a continuous query may write to (Spark's v2 streaming writes). */
  static final Set<String> SINKS = Set.of("console", "memory", "foreach", "kafka", "noop");
  /** The error class of a sink or source that does not support continuous processing. */
  static final String UNSUPPORTED = "CONTINUOUS_PROCESSING_UNSUPPORTED";
  private static final String KAFKA_SOURCE = "io.ember.connectors.kafka.KafkaSource";

  private ContinuousProcessing() {}

  /**
   * Checks the sink of a continuous query.
   *
   * @throws AnalysisException {@code CONTINUOUS_PROCESSING_UNSUPPORTED}: Spark's "'foreachBatch' is not supported
   *     with continuous trigger" for foreachBatch; for a file sink or another format, that the sink does not
   *     support it
   */
  static void checkSink(String format) {
    if ("foreachbatch".equals(format)) {
      throw new AnalysisException(UNSUPPORTED, "'foreachBatch' is not supported with continuous"
          + " trigger");
    }
    if (!SINKS.contains(format)) {
      throw new AnalysisException(UNSUPPORTED, "Sink '" + format + "' does not support"
          + " continuous processing. A continuous query writes to console, memory, foreach, kafka or noop; use the"
          + " default trigger or Trigger.ProcessingTime for this sink.");
    }
  }

  /**
   * Checks the query of a continuous trigger: every node a projection, a filter or the scan of a stream that
   * supports continuous processing.
   *
   * @throws AnalysisException {@link UnsupportedOperationChecker#ERROR_CLASS} with Spark's "Continuous processing
   *     does not support X operations." naming the first other node (Aggregate, Join, Deduplicate, Union,
   *     EventTimeWatermark, ...); {@code CONTINUOUS_PROCESSING_UNSUPPORTED} with Spark's "Data source X does not
   *     support continuous processing." for a stream that cannot (a file stream)
   */
  static void checkQuery(ResolvedPlan plan) {
    for (ResolvedPlan child : plan.children()) {
      checkQuery(child);
    }
    if (plan instanceof ResolvedPlan.Project || plan instanceof ResolvedPlan.Filter) {
      return;
    }
    if (plan instanceof ResolvedPlan.Scan s && !s.source().isBounded()) {
      if (!supportsContinuous(s.source())) {
        throw new AnalysisException(UNSUPPORTED, "Data source " + s.source().explain()
            + " does not support continuous processing.");
      }
      return;
    }
    throw new AnalysisException(UnsupportedOperationChecker.ERROR_CLASS, "Continuous processing does not support "
        + sparkName(plan) + " operations.");
  }

  private static boolean supportsContinuous(Source source) {
    return source instanceof RateSource || source instanceof SocketSource || source instanceof MemoryStreamSource
        || source.getClass().getName().equals(KAFKA_SOURCE);
  }

  /** The name Spark's logical plan gives the node. */
  private static String sparkName(ResolvedPlan p) {
    if (p instanceof ResolvedPlan.Distinct d) {
      return d.aggregation() ? "Aggregate" : "Deduplicate";
    } else if (p instanceof ResolvedPlan.DeduplicateWithinWatermark) {
      return "DeduplicateWithinWatermark";
    } else if (p instanceof ResolvedPlan.Limit) {
      return "GlobalLimit";
    } else if (p instanceof ResolvedPlan.LocalData) {
      return "LocalRelation";
    } else if (p instanceof ResolvedPlan.Scan) {
      return "LogicalRelation";
    } else if (p instanceof ResolvedPlan.RangeScan) {
      return "Range";
    } else if (p instanceof ResolvedPlan.Repartition r) {
      return r.keys().isEmpty() ? "Repartition" : "RepartitionByExpression";
    }
    return p.getClass().getSimpleName();
  }
}
