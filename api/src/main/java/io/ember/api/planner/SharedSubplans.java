package io.ember.api.planner;

import io.ember.api.analysis.AggCall;
import io.ember.api.analysis.Attr;
import io.ember.api.analysis.ResolvedPlan;
import io.ember.api.analysis.SortKey;
import io.ember.api.analysis.StreamingPlans;
import io.ember.connectors.source.Source;
import io.ember.core.expr.Expression;
import io.ember.operators.analytic.WindowFunction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sub-plans of one query that the physical planner computes once and fans out to every consumer (Flink's
 * sub-plan reuse, Spark's {@code ReuseExchange}): a sub-plan that appears more than once in the query, as the
 * same node or as an equal one, when it
 * <ul>
 *   <li>is not a bare leaf (a scan, local data, a range): a source is shared only as part of a shared plan or
 *       as {@link SharedScans} merges its reads;
 *   <li>is deterministic throughout: a nondeterministic expression (a UDF marked nondeterministic) computes
 *       different rows each time it runs, so each occurrence runs on its own;
 *   <li>in batch, holds an aggregation ({@code groupBy}, {@code distinct}): a shared output feeding both sides of
 *       a join is buffered in full on the side read second (the runtime credits that input on arrival), which is
 *       cheap for an aggregation's reduced output and saves a second scan and shuffle, but not for a scan, a
 *       filter or a join, which each side reads again with bounded memory. A streaming query shares any such
 *       sub-plan: its joins read both sides as they arrive.
 * </ul>
 * Two sub-plans are equal when their nodes are equal records once each output column is reduced to its name, type
 * and nullability (its {@link Attr#planIds()} and qualifier only serve name resolution, and the analysis of one
 * DataFrame read twice gives a time window's columns fresh ids each time, as Spark's canonical plans ignore
 * expression ids): their expressions are bound by position, so equal nodes compute the same rows from the same
 * scans. Two scans are equal when they were equal before pushdown ({@link ResolvedPlan.Scan#origin()}: the query's
 * {@link io.ember.connectors.source.Source}, equal as it defines, by default the same instance) and took the same
 * columns and filters, whatever the pushed sources' own equality.
 *
 * <p>Immutable once built; identity lookups only, so planning stays linear after the one pass that compares nodes.
 */
final class SharedSubplans {
  /** No sub-plan shared (a planner handed single nodes, not a whole query). */
  static final SharedSubplans NONE = new SharedSubplans(new IdentityHashMap<>());

  /** Per occurrence of a shared sub-plan, the occurrence the planner plans (the first one met). */
  private final Map<ResolvedPlan, ResolvedPlan> representative;

  private SharedSubplans(Map<ResolvedPlan, ResolvedPlan> representative) {
    this.representative = representative;
  }

  /**
   * The shared sub-plans of the query {@code root}. Only the occurrences the planner will reach count: below a
   * shared sub-plan, which is planned once, a node is requested once for all occurrences of that sub-plan, so
   * only maximal repeated sub-plans are shared (a shared aggregation does not also cut its input into a vertex
   * of its own). Besides, the scans of one merged source ({@link SharedScans#merged}) are one scan, planned once.
   */
  static SharedSubplans of(SharedScans scans) {
    ResolvedPlan root = scans.plan();
    List<ResolvedPlan> occurrences = new ArrayList<>();
    collect(root, occurrences);
    // Equal nodes form one class, represented by its first occurrence; a parent is larger than its children.
    Map<ResolvedPlan, ResolvedPlan> canonical = new IdentityHashMap<>();
    Map<ResolvedPlan, ResolvedPlan> classOfCanonical = new HashMap<>();
    Map<ResolvedPlan, ResolvedPlan> first = new IdentityHashMap<>();
    Map<ResolvedPlan, Integer> size = new IdentityHashMap<>();
    for (ResolvedPlan p : occurrences) {
      int n = 1;
      List<ResolvedPlan> children = new ArrayList<>();
      for (ResolvedPlan c : p.children()) {
        n += size.get(c);
        children.add(canonical.get(c));
      }
      size.put(p, n);
      ResolvedPlan key = canonical.computeIfAbsent(p, k -> canonical(k, children));
      first.put(p, classOfCanonical.computeIfAbsent(key, k -> p));
    }
    Set<ResolvedPlan> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    distinct.addAll(first.values());
    List<ResolvedPlan> classes = new ArrayList<>(distinct);
    classes.sort((a, b) -> Integer.compare(size.get(b), size.get(a)));
    Map<ResolvedPlan, Integer> requests = new IdentityHashMap<>();
    requests.put(first.get(root), 1);
    Map<ResolvedPlan, Boolean> shared = new IdentityHashMap<>();
    for (ResolvedPlan cls : classes) {
      int r = requests.getOrDefault(cls, 0);
      boolean share = r > 1 && shareable(cls);
      shared.put(cls, share);
      for (ResolvedPlan c : cls.children()) {
        requests.merge(first.get(c), share ? 1 : r, Integer::sum);
      }
    }
    Map<ResolvedPlan, ResolvedPlan> representative = new IdentityHashMap<>();
    Map<Source, ResolvedPlan> firstScanOf = new IdentityHashMap<>();
    for (ResolvedPlan p : occurrences) {
      ResolvedPlan cls = first.get(p);
      if (shared.get(cls)) {
        representative.put(p, cls);
      } else if (p instanceof ResolvedPlan.Scan s && scans.merged(s)) {
        representative.put(p, firstScanOf.computeIfAbsent(s.source(), k -> s));
      }
    }
    return new SharedSubplans(representative);
  }

  /**
   * The occurrence to plan in place of {@code p} (the same node for every occurrence of one shared sub-plan), or
   * null when {@code p} is not shared.
   */
  ResolvedPlan representative(ResolvedPlan p) {
    return representative.get(p);
  }

  /** Whether any sub-plan is shared. */
  boolean isEmpty() {
    return representative.isEmpty();
  }

  /**
   * {@code p} over {@code children} (canonical already) with its output columns reduced to name, type and
   * nullability; {@code p} itself for a node kind not listed here (equal then only with equal column ids).
   */
  private static ResolvedPlan canonical(ResolvedPlan p, List<ResolvedPlan> children) {
    List<Attr> out = new ArrayList<>();
    for (Attr a : p.output()) {
      out.add(new Attr(a.name(), a.type(), a.nullable(), null, Set.of()));
    }
    ResolvedPlan child = children.isEmpty() ? null : children.get(0);
    if (p instanceof ResolvedPlan.Scan s) {
      // What the scan was before pushdown and what was pushed into it: pushed sources are new instances, equal only
      // where the source defines equality.
      ResolvedPlan.Scan.Origin o = s.origin();
      List<Attr> originOut = new ArrayList<>();
      for (Attr a : o.output()) {
        originOut.add(new Attr(a.name(), a.type(), a.nullable(), null, Set.of()));
      }
      return new ResolvedPlan.Scan(o.source(), out, s.pushedFilters(),
          new ResolvedPlan.Scan.Origin(o.source(), originOut, o.columns()));
    } else if (p instanceof ResolvedPlan.LocalData l) {
      return new ResolvedPlan.LocalData(out, l.batches());
    } else if (p instanceof ResolvedPlan.RangeScan r) {
      return new ResolvedPlan.RangeScan(r.start(), r.end(), r.step(), r.numPartitions(), out);
    } else if (p instanceof ResolvedPlan.Project pr) {
      return new ResolvedPlan.Project(pr.exprs(), out, child);
    } else if (p instanceof ResolvedPlan.Filter f) {
      return new ResolvedPlan.Filter(f.conjuncts(), out, child);
    } else if (p instanceof ResolvedPlan.Aggregate a) {
      return new ResolvedPlan.Aggregate(a.keys(), a.aggs(), out, child);
    } else if (p instanceof ResolvedPlan.Expand x) {
      return new ResolvedPlan.Expand(x.projections(), out, child);
    } else if (p instanceof ResolvedPlan.Sort s) {
      return new ResolvedPlan.Sort(s.keys(), out, child);
    } else if (p instanceof ResolvedPlan.Limit l) {
      return new ResolvedPlan.Limit(l.limit(), l.offset(), out, child);
    } else if (p instanceof ResolvedPlan.Distinct d) {
      return new ResolvedPlan.Distinct(d.keys(), out, child, d.aggregation());
    } else if (p instanceof ResolvedPlan.Join j) {
      return new ResolvedPlan.Join(j.type(), j.leftKeys(), j.rightKeys(), j.condition(), out, child,
          children.get(1));
    } else if (p instanceof ResolvedPlan.Union) {
      return new ResolvedPlan.Union(out, children);
    } else if (p instanceof ResolvedPlan.Generate g) {
      return new ResolvedPlan.Generate(g.array(), g.outer(), out, child);
    } else if (p instanceof ResolvedPlan.EventTimeWatermark w) {
      return new ResolvedPlan.EventTimeWatermark(w.eventTime(), w.delayMicros(), w.delayThreshold(), out, child);
    } else if (p instanceof ResolvedPlan.Repartition r) {
      return new ResolvedPlan.Repartition(r.numPartitions(), r.keys(), r.shuffle(), out, child);
    } else if (p instanceof ResolvedPlan.DeduplicateWithinWatermark d) {
      return new ResolvedPlan.DeduplicateWithinWatermark(d.keys(), out, child);
    } else if (p instanceof ResolvedPlan.Window w) {
      return new ResolvedPlan.Window(w.partitionKeys(), w.orderKeys(), w.functions(), out, child);
    }
    return p;
  }

  /** Every node of {@code p}, once per occurrence, children before parents. */
  private static void collect(ResolvedPlan p, List<ResolvedPlan> out) {
    for (ResolvedPlan c : p.children()) {
      collect(c, out);
    }
    out.add(p);
  }

  private static boolean shareable(ResolvedPlan p) {
    boolean leaf = p instanceof ResolvedPlan.Scan || p instanceof ResolvedPlan.LocalData
        || p instanceof ResolvedPlan.RangeScan;
    return !leaf && deterministic(p) && (StreamingPlans.isStreaming(p) || aggregates(p));
  }

  private static boolean aggregates(ResolvedPlan p) {
    if (p instanceof ResolvedPlan.Aggregate || p instanceof ResolvedPlan.Distinct) {
      return true;
    }
    for (ResolvedPlan c : p.children()) {
      if (aggregates(c)) {
        return true;
      }
    }
    return false;
  }

  /** Whether every expression of {@code p} and of its descendants is deterministic. */
  static boolean deterministic(ResolvedPlan p) {
    for (Expression e : expressions(p)) {
      if (!e.deterministic()) {
        return false;
      }
    }
    for (ResolvedPlan c : p.children()) {
      if (!deterministic(c)) {
        return false;
      }
    }
    return true;
  }

  /** The expressions node {@code p} evaluates (not its children's). */
  private static List<Expression> expressions(ResolvedPlan p) {
    List<Expression> out = new ArrayList<>();
    if (p instanceof ResolvedPlan.Scan s) {
      out.addAll(s.pushedFilters());
    } else if (p instanceof ResolvedPlan.Project pr) {
      out.addAll(pr.exprs());
    } else if (p instanceof ResolvedPlan.Filter f) {
      out.addAll(f.conjuncts());
    } else if (p instanceof ResolvedPlan.Aggregate a) {
      out.addAll(a.keys());
      for (AggCall c : a.aggs()) {
        out.addAll(c.args());
        out.addAll(c.function().inputs());
      }
    } else if (p instanceof ResolvedPlan.Expand x) {
      x.projections().forEach(out::addAll);
    } else if (p instanceof ResolvedPlan.Sort s) {
      s.keys().forEach(k -> out.add(k.expr()));
    } else if (p instanceof ResolvedPlan.Join j) {
      out.addAll(j.leftKeys());
      out.addAll(j.rightKeys());
      out.addAll(j.condition());
    } else if (p instanceof ResolvedPlan.Generate g) {
      out.add(g.array());
    } else if (p instanceof ResolvedPlan.Repartition r) {
      out.addAll(r.keys());
    } else if (p instanceof ResolvedPlan.Window w) {
      out.addAll(w.partitionKeys());
      for (SortKey k : w.orderKeys()) {
        out.add(k.expr());
      }
      for (WindowFunction f : w.functions()) {
        if (f instanceof WindowFunction.Offset o) {
          out.add(o.input());
          if (o.defaultValue() != null) {
            out.add(o.defaultValue());
          }
        } else if (f instanceof WindowFunction.NthValue n) {
          out.add(n.input());
        } else if (f instanceof WindowFunction.Aggregate a) {
          out.addAll(a.function().inputs());
        }
      }
    }
    return out;
  }
}
