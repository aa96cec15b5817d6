package io.ember.api.optimizer;

import io.ember.api.analysis.AggCall;
import io.ember.api.analysis.Attr;
import io.ember.api.analysis.Exprs;
import io.ember.api.analysis.ResolvedPlan;
import io.ember.api.analysis.SortKey;
import io.ember.api.analysis.StreamingPlans;
import io.ember.connectors.source.SupportsPushdown;
import io.ember.core.expr.Expression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Projection pruning: walks the plan top-down with the set of columns each node's parent needs, drops
 * projected expressions nobody reads, and lets scans that support pushdown read only the needed columns
 * ({@link SupportsPushdown#withColumns}). Nodes above are rebound to the narrower inputs. The root keeps all
 * its columns; a watermark keeps its event-time column, and a deduplication or stream-stream join the event
 * time it judges lateness by.
 */
final class PruneColumns implements Rule {
  /** A pruned subtree: {@code mapping[old column] = new column}, or -1 for a dropped one. */
  private record Pruned(ResolvedPlan plan, int[] mapping) {
    static Pruned unchanged(ResolvedPlan p) {
      int[] m = new int[p.output().size()];
      Arrays.setAll(m, i -> i);
      return new Pruned(p, m);
    }
  }

  @Override
  public ResolvedPlan apply(ResolvedPlan plan) {
    BitSet all = new BitSet();
    all.set(0, plan.output().size());
    return prune(plan, all).plan();
  }

  private Pruned prune(ResolvedPlan p, BitSet required) {
    if (p instanceof ResolvedPlan.Scan s) {
      return scan(s, required);
    } else if (p instanceof ResolvedPlan.Project pr) {
      return project(pr, required);
    } else if (p instanceof ResolvedPlan.Filter f) {
      Pruned c = prune(f.child(), union(required, Exprs.references(f.conjuncts())));
      return passThrough(new ResolvedPlan.Filter(remap(f.conjuncts(), c.mapping()), sub(f.output(), c.mapping()),
          c.plan()), c.mapping());
    } else if (p instanceof ResolvedPlan.Sort s) {
      BitSet need = (BitSet) required.clone();
      s.keys().forEach(k -> need.or(Exprs.references(k.expr())));
      Pruned c = prune(s.child(), need);
      List<SortKey> keys = new ArrayList<>();
      for (SortKey k : s.keys()) {
        keys.add(new SortKey(Exprs.remap(k.expr(), c.mapping()), k.ascending(), k.nullsFirst()));
      }
      return passThrough(new ResolvedPlan.Sort(keys, sub(s.output(), c.mapping()), c.plan()), c.mapping());
    } else if (p instanceof ResolvedPlan.Limit l) {
      Pruned c = prune(l.child(), required);
      return passThrough(new ResolvedPlan.Limit(l.limit(), l.offset(), sub(l.output(), c.mapping()), c.plan()),
          c.mapping());
    } else if (p instanceof ResolvedPlan.Distinct d && !d.keys().isEmpty()) {
      BitSet need = (BitSet) required.clone();
      d.keys().forEach(need::set);
      // A streaming deduplication drops late rows and evicts keys by the input's event time: keep it.
      StreamingPlans.eventTimeColumns(d.child()).keySet().forEach(need::set);
      Pruned c = prune(d.child(), need);
      List<Integer> keys = d.keys().stream().map(k -> c.mapping()[k]).toList();
      return passThrough(new ResolvedPlan.Distinct(keys, sub(d.output(), c.mapping()), c.plan(), d.aggregation()),
          c.mapping());
    } else if (p instanceof ResolvedPlan.EventTimeWatermark w) {
      BitSet need = (BitSet) required.clone();
      need.set(w.eventTime());
      Pruned c = prune(w.child(), need);
      return passThrough(new ResolvedPlan.EventTimeWatermark(c.mapping()[w.eventTime()], w.delayMicros(),
          w.delayThreshold(), sub(w.output(), c.mapping()), c.plan()), c.mapping());
    } else if (p instanceof ResolvedPlan.Aggregate a) {
      return aggregate(a);
    } else if (p instanceof ResolvedPlan.Join j) {
      return join(j, required);
    } else if (p instanceof ResolvedPlan.Generate g) {
      return generate(g, required);
    } else if (p instanceof ResolvedPlan.Expand x) {
      return expand(x, required);
    }
    return Pruned.unchanged(p.withChildren(p.children().stream().map(c -> prune(c, allOf(c)).plan()).toList()));
  }

  private static BitSet allOf(ResolvedPlan p) {
    BitSet b = new BitSet();
    b.set(0, p.output().size());
    return b;
  }

  private static BitSet union(BitSet a, BitSet b) {
    BitSet out = (BitSet) a.clone();
    out.or(b);
    return out;
  }

  private static Pruned passThrough(ResolvedPlan p, int[] mapping) {
    return new Pruned(p, mapping);
  }

  private Pruned scan(ResolvedPlan.Scan s, BitSet required) {
    int width = s.output().size();
    if (!(s.source() instanceof SupportsPushdown) || required.cardinality() == width || width == 0) {
      return Pruned.unchanged(s);
    }
    BitSet keep = required.isEmpty() ? bit(0) : required;
    return new Pruned(s.withPushedColumns(keep.stream().toArray()), mappingFor(keep, width));
  }

  private static BitSet bit(int i) {
    BitSet b = new BitSet();
    b.set(i);
    return b;
  }

  private Pruned project(ResolvedPlan.Project pr, BitSet required) {
    List<Expression> kept = new ArrayList<>();
    List<Attr> out = new ArrayList<>();
    int[] mapping = new int[pr.exprs().size()];
    Arrays.fill(mapping, -1);
    for (int i = 0; i < pr.exprs().size(); i++) {
      if (required.get(i)) {
        mapping[i] = kept.size();
        kept.add(pr.exprs().get(i));
        out.add(pr.output().get(i));
      }
    }
    Pruned c = prune(pr.child(), Exprs.references(kept));
    return new Pruned(new ResolvedPlan.Project(remap(kept, c.mapping()), out, c.plan()), mapping);
  }

  private Pruned aggregate(ResolvedPlan.Aggregate a) {
    BitSet need = Exprs.references(a.keys());
    for (AggCall c : a.aggs()) {
      need.or(Exprs.references(c.args()));
    }
    Pruned c = prune(a.child(), need);
    List<AggCall> aggs = new ArrayList<>();
    for (AggCall call : a.aggs()) {
      aggs.add(call.mapArgs(e -> Exprs.remap(e, c.mapping())));
    }
    return Pruned.unchanged(new ResolvedPlan.Aggregate(remap(a.keys(), c.mapping()), aggs, a.output(), c.plan()));
  }

  private Pruned join(ResolvedPlan.Join j, BitSet required) {
    int lw = j.left().output().size();
    BitSet need = union(required, Exprs.references(j.condition()));
    BitSet leftNeed = need.get(0, lw);
    leftNeed.or(Exprs.references(j.leftKeys()));
    BitSet rightNeed = need.get(lw, Math.max(lw, need.length()));
    rightNeed.or(Exprs.references(j.rightKeys()));
    if (StreamingPlans.isStreaming(j.left()) && StreamingPlans.isStreaming(j.right())) {
      // A stream-stream join drops late rows and evicts state by each side's event time: keep it.
      StreamingPlans.eventTimeColumns(j.left()).keySet().forEach(leftNeed::set);
      StreamingPlans.eventTimeColumns(j.right()).keySet().forEach(rightNeed::set);
    }
    Pruned l = prune(j.left(), leftNeed);
    Pruned r = prune(j.right(), rightNeed);
    int newLw = l.plan().output().size();
    int[] joint = new int[lw + j.right().output().size()];
    for (int i = 0; i < joint.length; i++) {
      int m = i < lw ? l.mapping()[i] : r.mapping()[i - lw];
      joint[i] = m < 0 ? -1 : i < lw ? m : newLw + m;
    }
    int[] outMapping = j.type().leftColumnsOnly() ? Arrays.copyOf(joint, lw) : joint;
    ResolvedPlan join = new ResolvedPlan.Join(j.type(), remap(j.leftKeys(), l.mapping()),
        remap(j.rightKeys(), r.mapping()), remap(j.condition(), joint), sub(j.output(), outMapping), l.plan(), r.plan());
    return new Pruned(join, outMapping);
  }

  /**
   * Prunes below a Generate, and drops the child columns neither the generator nor the parents read with a Project
   * under it when the child kept them (a scan without pushdown, a watermark over a stream), as Spark's Generate drops
   * its unrequired child columns: each output row copies the columns it carries once per element (a sliding
   * window's expansion copies every row once per window).
   */
  private Pruned generate(ResolvedPlan.Generate g, BitSet required) {
    int cw = g.child().output().size();
    BitSet need = required.get(0, cw);
    need.or(Exprs.references(g.array()));
    Pruned c = keepOnly(prune(g.child(), need), need);
    int newCw = c.plan().output().size();
    int[] mapping = Arrays.copyOf(c.mapping(), cw + 1);
    mapping[cw] = newCw;
    return new Pruned(new ResolvedPlan.Generate(Exprs.remap(g.array(), c.mapping()), g.outer(), sub(g.output(), mapping),
        c.plan()), mapping);
  }

  /**
   * {@code c} (a pruned subtree) with only the columns {@code need} names (original column numbers) under a Project,
   * or {@code c} itself when it has no other columns or none are needed.
   */
  private static Pruned keepOnly(Pruned c, BitSet need) {
    List<Attr> childOut = c.plan().output();
    BitSet keep = new BitSet();
    for (int i = need.nextSetBit(0); i >= 0; i = need.nextSetBit(i + 1)) {
      if (i < c.mapping().length && c.mapping()[i] >= 0) {
        keep.set(c.mapping()[i]);
      }
    }
    if (keep.isEmpty() || keep.cardinality() == childOut.size()) {
      return c;
    }
    int[] inner = mappingFor(keep, childOut.size());
    List<Expression> refs = Exprs.refs(childOut);
    List<Expression> exprs = new ArrayList<>();
    List<Attr> out = new ArrayList<>();
    for (int j = keep.nextSetBit(0); j >= 0; j = keep.nextSetBit(j + 1)) {
      exprs.add(refs.get(j));
      out.add(childOut.get(j));
    }
    int[] mapping = new int[c.mapping().length];
    for (int i = 0; i < mapping.length; i++) {
      mapping[i] = c.mapping()[i] < 0 ? -1 : inner[c.mapping()[i]];
    }
    return new Pruned(new ResolvedPlan.Project(exprs, out, c.plan()), mapping);
  }

  /** Keeps the Expand's required columns (at least one, so that its rows remain), in every projection list. */
  private Pruned expand(ResolvedPlan.Expand x, BitSet required) {
    int width = x.output().size();
    BitSet keep = required.isEmpty() ? bit(width - 1) : required;
    int[] mapping = mappingFor(keep, width);
    BitSet need = new BitSet();
    for (List<Expression> p : x.projections()) {
      for (int i = keep.nextSetBit(0); i >= 0; i = keep.nextSetBit(i + 1)) {
        need.or(Exprs.references(p.get(i)));
      }
    }
    Pruned c = prune(x.child(), need);
    List<List<Expression>> projections = new ArrayList<>();
    for (List<Expression> p : x.projections()) {
      List<Expression> kept = new ArrayList<>();
      for (int i = keep.nextSetBit(0); i >= 0; i = keep.nextSetBit(i + 1)) {
        kept.add(Exprs.remap(p.get(i), c.mapping()));
      }
      projections.add(kept);
    }
    return new Pruned(new ResolvedPlan.Expand(projections, sub(x.output(), mapping), c.plan()), mapping);
  }

  private static int[] mappingFor(BitSet keep, int width) {
    int[] m = new int[width];
    int next = 0;
    for (int i = 0; i < width; i++) {
      m[i] = keep.get(i) ? next++ : -1;
    }
    return m;
  }

  private static List<Expression> remap(List<Expression> es, int[] mapping) {
    List<Expression> out = new ArrayList<>(es.size());
    for (Expression e : es) {
      out.add(Exprs.remap(e, mapping));
    }
    return out;
  }

  /** The columns of {@code attrs} that {@code mapping} keeps, at their new positions. */
  private static List<Attr> sub(List<Attr> attrs, int[] mapping) {
    int n = 0;
    for (int m : mapping) {
      n = Math.max(n, m + 1);
    }
    Attr[] out = new Attr[n];
    for (int i = 0; i < mapping.length; i++) {
      if (mapping[i] >= 0) {
        out[mapping[i]] = attrs.get(i);
      }
    }
    return Arrays.asList(out);
  }
}
