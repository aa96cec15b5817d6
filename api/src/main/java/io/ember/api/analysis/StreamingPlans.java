package io.ember.api.analysis;

import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.datetime.SessionWindow;
import io.ember.core.expr.datetime.SessionWindowKey;
import io.ember.core.expr.datetime.TimeWindow;
import io.ember.core.expr.datetime.WindowTime;
import io.ember.operators.stream.join.JoinStateWatermarks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a plan is as a stream: whether it reads an unbounded source, and which of its output columns carry
 * the event time of a {@code withWatermark}. Spark tags such a column with the watermark delay in its
 * metadata; here the same facts are derived from the plan: the watermarked column keeps being event time
 * through filters, projections that pass it on (renamed or not), joins, unions (the first input's columns),
 * deduplications, and grouping keys that are event time; a time or session window computed from it is event
 * time too.
 */
public final class StreamingPlans {
  private StreamingPlans() {}

  /** True when {@code plan} reads an unbounded source (Spark's {@code isStreaming}). */
  public static boolean isStreaming(ResolvedPlan plan) {
    if (plan instanceof ResolvedPlan.Scan s) {
      return !s.source().isBounded();
    }
    for (ResolvedPlan c : plan.children()) {
      if (isStreaming(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The output columns of {@code plan} that carry event time, each with its watermark delay in microseconds.
   * Only a {@code withWatermark} over a stream starts one: a batch plan has none.
   */
  public static Map<Integer, Long> eventTimeColumns(ResolvedPlan plan) {
    Map<Integer, Long> out = new HashMap<>();
    if (plan instanceof ResolvedPlan.EventTimeWatermark w) {
      out.put(w.eventTime(), w.delayMicros());
    } else if (plan instanceof ResolvedPlan.Project p) {
      Map<Integer, Long> in = eventTimeColumns(p.child());
      for (int i = 0; i < p.exprs().size(); i++) {
        Long delay = derivedDelay(p.exprs().get(i), in);
        if (delay != null) {
          out.put(i, delay);
        }
      }
    } else if (plan instanceof ResolvedPlan.Aggregate a) {
      Map<Integer, Long> in = eventTimeColumns(a.child());
      for (int i = 0; i < a.keys().size(); i++) {
        Long delay = derivedDelay(a.keys().get(i), in);
        if (delay != null) {
          out.put(i, delay);
        }
      }
    } else if (plan instanceof ResolvedPlan.Join j) {
      out.putAll(eventTimeColumns(j.left()));
      if (!j.type().leftColumnsOnly()) {
        int width = j.left().output().size();
        eventTimeColumns(j.right()).forEach((k, v) -> out.put(k + width, v));
      }
    } else if (plan instanceof ResolvedPlan.Union u) {
      out.putAll(eventTimeColumns(u.inputs().get(0)));
    } else if (plan instanceof ResolvedPlan.Generate g) {
      out.putAll(eventTimeColumns(g.child()));
      // A sliding window expands into one row per window: the element is the window, event time too.
      if (g.array() instanceof TimeWindow.Expansion x) {
        Long delay = derivedDelay(x.window(), out);
        if (delay != null) {
          out.put(g.output().size() - 1, delay);
        }
      }
    } else if (plan instanceof ResolvedPlan.Filter || plan instanceof ResolvedPlan.Sort
        || plan instanceof ResolvedPlan.Limit || plan instanceof ResolvedPlan.Distinct
        || plan instanceof ResolvedPlan.DeduplicateWithinWatermark) {
      out.putAll(eventTimeColumns(plan.children().get(0)));
    }
    return out;
  }

  /** True when column {@code column} of {@code plan}'s output carries event time. */
  public static boolean isEventTime(ResolvedPlan plan, int column) {
    return eventTimeColumns(plan).containsKey(column);
  }

  /**
   * The delay of the event time {@code e} carries, or null: a reference to an event-time column, or a window
   * computed from one ({@code window}, {@code session_window}, the session key, {@code window_time}): the
   * window struct is event time too, as Spark's {@code TimeWindowing} keeps the watermark metadata on it.
   */
  public static Long derivedDelay(Expression e, Map<Integer, Long> eventTime) {
    if (e instanceof ColumnRef c) {
      return eventTime.get(c.index());
    } else if (e instanceof TimeWindow w) {
      return derivedDelay(w.time(), eventTime);
    } else if (e instanceof SessionWindow w) {
      return derivedDelay(w.time(), eventTime);
    } else if (e instanceof SessionWindowKey k) {
      return derivedDelay(k.window(), eventTime);
    } else if (e instanceof WindowTime t) {
      return derivedDelay(t.window(), eventTime);
    }
    return null;
  }

  /**
   * The lowest-numbered event-time column of {@code plan}'s output, or -1 when it has none: the column a
   * stateful operator judges lateness and evicts by.
   */
  public static int eventTimeColumn(ResolvedPlan plan) {
    return eventTimeColumns(plan).keySet().stream().mapToInt(Integer::intValue).min().orElse(-1);
  }

  /** When a stream-stream join can evict each side's rows, from its keys, condition and event-time columns. */
  public static JoinStateWatermarks joinStateWatermarks(ResolvedPlan.Join j) {
    Expression condition = null;
    for (Expression c : j.condition()) {
      condition = condition == null ? c : Expressions.and(condition, c);
    }
    return JoinStateWatermarks.derive(j.left().schema(), j.right().schema(), j.leftKeys(), j.rightKeys(), condition,
        eventTimeColumn(j.left()), eventTimeColumn(j.right()));
  }

  /** The event-time columns among {@code columns} of {@code plan}'s output. */
  public static List<Integer> eventTimeAmong(ResolvedPlan plan, List<Integer> columns) {
    Map<Integer, Long> et = eventTimeColumns(plan);
    return columns.stream().filter(et::containsKey).toList();
  }
}
