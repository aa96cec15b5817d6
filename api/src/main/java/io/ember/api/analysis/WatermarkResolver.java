package io.ember.api.analysis;

import io.ember.api.logical.LogicalPlan;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.core.types.TimestampType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Resolves {@code withWatermark} and {@code dropDuplicatesWithinWatermark}. */
final class WatermarkResolver {
  private final Analyzer analyzer;

  WatermarkResolver(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /**
   * The watermark over {@code child}; over a batch child, the child itself, unchecked (Spark's
   * {@code EliminateEventTimeWatermark} removes it as soon as the child is resolved).
   *
   * @throws AnalysisException {@code UNRESOLVED_COLUMN} or {@code EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE} over a
   *     stream
   */
  ResolvedPlan watermark(LogicalPlan.EventTimeWatermark w, ResolvedPlan child) {
    List<Attr> out = Analyzer.through(child.output(), w.planId());
    if (!StreamingPlans.isStreaming(child)) {
      return new ResolvedPlan.Project(Exprs.refs(child.output()), out, child);
    }
    int column = analyzer.scope(child.output()).indexOf(w.eventTime(), null);
    Attr attr = child.output().get(column);
    if (!isEventTimeType(attr.type())) {
      throw new AnalysisException("EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE", "The event time `" + attr.name()
          + "` has the invalid type \"" + attr.type().simpleString().toUpperCase(Locale.ROOT)
          + "\", but expected \"TIMESTAMP\".");
    }
    return new ResolvedPlan.EventTimeWatermark(column, w.delayMicros(), w.delayThreshold(), out, child);
  }

  /** A timestamp, or a window struct whose {@code end} is one. */
  private static boolean isEventTimeType(DataType t) {
    if (t instanceof TimestampType) {
      return true;
    }
    if (t instanceof StructType s) {
      for (StructField f : s.fields()) {
        if (f.name().equals("end") && f.dataType() instanceof TimestampType) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@code dropDuplicatesWithinWatermark(keys)}.
   *
   * @throws AnalysisException {@code UNRESOLVED_COLUMN} for an unknown key
   */
  ResolvedPlan deduplicateWithinWatermark(LogicalPlan.DeduplicateWithinWatermark d, ResolvedPlan child) {
    Scope scope = analyzer.scope(child.output());
    List<Integer> keys = new ArrayList<>();
    for (String k : d.keys()) {
      int i = scope.indexOf(k, null);
      if (!keys.contains(i)) {
        keys.add(i);
      }
    }
    if (keys.size() == child.output().size()) {
      keys = List.of();
    }
    return new ResolvedPlan.DeduplicateWithinWatermark(keys, Analyzer.through(child.output(), d.planId()), child);
  }
}
