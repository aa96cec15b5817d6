package io.ember.api.analysis;

import io.ember.core.expr.Expression;
import io.ember.core.expr.datetime.SessionWindowKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streaming aggregations that read the updates of another aggregation (Nexmark q4: the highest bid per auction,
 * then the average of those per category). In update and complete output mode an aggregation without an event-time
 * key emits, at every epoch, the groups it updated; an aggregation over that output must take back a group's row
 * emitted before when an update replaces it. Ember plans such a pair as a changelog, as Flink does: the inner
 * aggregation emits each changed group's previous row as a retraction and its new row as an insert, with a row kind
 * (see {@code io.ember.operators.stream.RowKind}), projections and filters between them carry the row kind through,
 * and the outer aggregation applies it ({@code RetractingAggregateSpec}: count, sum and avg).
 *
 * <p>The pair qualifies when both aggregations read streams, neither has an event-time key, a session window or a
 * distinct function, only projections and filters lie between them, and the inner one does not itself read such a
 * pair's output. Anything else stays as Spark has it: the correctness check refuses a stateful operator over an
 * update or complete mode aggregation.
 */
public final class ChangelogAggregations {
  private ChangelogAggregations() {}

  /** The aggregation whose changelog {@code outer} reads, or null when the pair does not qualify. */
  public static ResolvedPlan.Aggregate changelogInput(ResolvedPlan.Aggregate outer) {
    if (!qualifies(outer)) {
      return null;
    }
    ResolvedPlan p = outer.child();
    while (p instanceof ResolvedPlan.Project || p instanceof ResolvedPlan.Filter) {
      p = p.children().get(0);
    }
    if (!(p instanceof ResolvedPlan.Aggregate inner) || !qualifies(inner) || changelogInput(inner) != null) {
      return null;
    }
    return inner;
  }

  /**
   * The nodes of {@code plan} that carry a row kind in their output (the inner aggregations of qualifying pairs and
   * the projections and filters above them) and the outer aggregations that read them.
   *
   * @param producers filled with the nodes whose output is a changelog
   * @param consumers filled with the aggregations that apply one
   */
  public static void find(ResolvedPlan plan, Set<ResolvedPlan> producers, Set<ResolvedPlan> consumers) {
    for (ResolvedPlan p : nodes(plan)) {
      if (p instanceof ResolvedPlan.Aggregate outer && changelogInput(outer) != null) {
        consumers.add(outer);
        for (ResolvedPlan c = outer.child(); ; c = c.children().get(0)) {
          producers.add(c);
          if (c instanceof ResolvedPlan.Aggregate) {
            break;
          }
        }
      }
    }
  }

  /** A new identity set, as {@link #find} expects (plan nodes are records: equal subtrees are distinct nodes). */
  public static Set<ResolvedPlan> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  private static boolean qualifies(ResolvedPlan.Aggregate a) {
    if (!StreamingPlans.isStreaming(a.child()) || SessionWindowKey.indexIn(a.keys()) >= 0
        || a.aggs().stream().anyMatch(AggCall::distinct)) {
      return false;
    }
    Map<Integer, Long> eventTime = StreamingPlans.eventTimeColumns(a.child());
    for (Expression k : a.keys()) {
      if (StreamingPlans.derivedDelay(k, eventTime) != null) {
        return false;
      }
    }
    return true;
  }

  private static List<ResolvedPlan> nodes(ResolvedPlan plan) {
    List<ResolvedPlan> out = new ArrayList<>();
    List<ResolvedPlan> todo = new ArrayList<>(List.of(plan));
    while (!todo.isEmpty()) {
      ResolvedPlan p = todo.remove(todo.size() - 1);
      out.add(p);
      todo.addAll(p.children());
    }
    return out;
  }
}
