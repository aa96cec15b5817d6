package io.ember.api.planner;

import io.ember.api.analysis.Attr;
import io.ember.api.analysis.Exprs;
import io.ember.api.analysis.ResolvedPlan;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SupportsPushdown;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reads of one source that a query serves from one scan: the same DataFrame read twice (a self-join, a union of
 * two filters of one stream, the bids of Nexmark q5 and q7). Pushdown gives each read a source of its own with the
 * columns and filters that read needs, so that two reads are the same is decided here on what each scan was before
 * pushdown ({@link ResolvedPlan.Scan#origin()}: the query's source, equal as that source's {@code equals} says, by
 * default the same instance) and not on the pushed sources. The reads of one origin that are merged get one source
 * that reads the union of their columns and the filters every one of them pushed; above it, each read applies the
 * filters only it pushed (a Filter) and keeps its own columns (a Project), so that it gives the rows it gave before.
 *
 * <p>Which reads are merged:
 * <ul>
 *   <li>every read of a stream, always: the streaming planner reads each stream's source once, as Spark reads a
 *       source once per micro-batch (two readers could put the same rows in different epochs of two branches);
 *   <li>in batch, when sub-plan reuse is on, the reads whose rows are aggregated before they meet another input:
 *       above the scan only projections, filters, explodes and expansions, then an aggregation or a distinct. Each
 *       such consumer reads the shared scan to its end as rows arrive. A read feeding a join, a union, a sort or a
 *       limit keeps its own scan: a multi-input task reads its inputs in order, so rows of the shared scan bound
 *       for a later input would be buffered in full until the earlier input ended.
 * </ul>
 * A source vertex then serves each merged source ({@link #merged}); the physical planner plans the merged scans of
 * one source once.
 *
 * <p>Immutable once built.
 */
public final class SharedScans {
  private final ResolvedPlan plan;
  /** The scans (by identity) that read a merged source. */
  private final Set<ResolvedPlan> merged;

  private SharedScans(ResolvedPlan plan, Set<ResolvedPlan> merged) {
    this.plan = plan;
    this.merged = merged;
  }

  /**
   * The shared scans of the query {@code root}.
   *
   * @param mergeBatchReads whether reads of a bounded source may be merged ({@link PlannerSettings#reuseSubplans()})
   */
  public static SharedScans of(ResolvedPlan root, boolean mergeBatchReads) {
    Map<Source, List<ResolvedPlan.Scan>> reads = new LinkedHashMap<>();
    collect(root, false, mergeBatchReads, reads);
    Map<ResolvedPlan.Scan, ResolvedPlan> replacements = new IdentityHashMap<>();
    Set<ResolvedPlan> merged = Collections.newSetFromMap(new IdentityHashMap<>());
    for (List<ResolvedPlan.Scan> scans : reads.values()) {
      if (scans.size() > 1) {
        merge(scans, replacements, merged);
      }
    }
    ResolvedPlan plan = replacements.isEmpty() ? root : rebuild(root, false, mergeBatchReads, replacements);
    return new SharedScans(plan, merged);
  }

  /** The query with the merged reads rewritten: {@code root} itself when nothing is merged. */
  public ResolvedPlan plan() {
    return plan;
  }

  /** Whether {@code p}, a node of {@link #plan()}, is a scan of a merged source. */
  boolean merged(ResolvedPlan p) {
    return merged.contains(p);
  }

  /** Whether the read {@code scan}, reached with {@code reduced} (see {@link #childReduced}), is merged. */
  private static boolean mergeable(ResolvedPlan.Scan scan, boolean reduced, boolean mergeBatchReads) {
    return !scan.origin().source().isBounded() || mergeBatchReads && reduced;
  }

  /**
   * Whether the rows of {@code p}'s children reach an aggregation through row-wise steps only, given whether
   * {@code p}'s rows do ({@code reduced}).
   */
  private static boolean childReduced(ResolvedPlan p, boolean reduced) {
    if (p instanceof ResolvedPlan.Aggregate || p instanceof ResolvedPlan.Distinct) {
      return true;
    }
    boolean rowWise = p instanceof ResolvedPlan.Project || p instanceof ResolvedPlan.Filter
        || p instanceof ResolvedPlan.Generate || p instanceof ResolvedPlan.Expand
        || p instanceof ResolvedPlan.EventTimeWatermark;
    return reduced && rowWise;
  }

  private static void collect(ResolvedPlan p, boolean reduced, boolean mergeBatchReads,
      Map<Source, List<ResolvedPlan.Scan>> reads) {
    if (p instanceof ResolvedPlan.Scan s) {
      if (mergeable(s, reduced, mergeBatchReads)) {
        reads.computeIfAbsent(s.origin().source(), k -> new ArrayList<>()).add(s);
      }
      return;
    }
    boolean below = childReduced(p, reduced);
    for (ResolvedPlan c : p.children()) {
      collect(c, below, mergeBatchReads, reads);
    }
  }

  private static ResolvedPlan rebuild(ResolvedPlan p, boolean reduced, boolean mergeBatchReads,
      Map<ResolvedPlan.Scan, ResolvedPlan> replacements) {
    if (p instanceof ResolvedPlan.Scan s) {
      ResolvedPlan r = mergeable(s, reduced, mergeBatchReads) ? replacements.get(s) : null;
      return r == null ? p : r;
    }
    List<ResolvedPlan> children = p.children();
    if (children.isEmpty()) {
      return p;
    }
    boolean below = childReduced(p, reduced);
    List<ResolvedPlan> out = new ArrayList<>(children.size());
    boolean changed = false;
    for (ResolvedPlan c : children) {
      ResolvedPlan n = rebuild(c, below, mergeBatchReads, replacements);
      changed |= n != c;
      out.add(n);
    }
    return changed ? p.withChildren(out) : p;
  }

  /**
   * Replaces each read of {@code scans} (one origin, two or more reads) by a scan of one source reading the union of
   * their columns with the filters all of them pushed, under the Filter and Project that give each read's rows.
   */
  private static void merge(List<ResolvedPlan.Scan> scans, Map<ResolvedPlan.Scan, ResolvedPlan> replacements,
      Set<ResolvedPlan> merged) {
    ResolvedPlan.Scan first = scans.get(0);
    List<Expression> common = new ArrayList<>();
    for (Expression f : first.pushedFilters()) {
      if (!common.contains(f) && scans.stream().allMatch(s -> s.pushedFilters().contains(f))) {
        common.add(f);
      }
    }
    Set<Integer> union = new TreeSet<>();
    for (ResolvedPlan.Scan s : scans) {
      union.addAll(s.origin().columns());
      for (Expression f : residual(s, common)) {
        Exprs.references(f).stream().forEach(union::add);
      }
    }
    List<Integer> columns = List.copyOf(union);
    Source shared = sharedSource(first, scans, common, columns);
    for (ResolvedPlan.Scan s : scans) {
      if (!replacements.containsKey(s)) {
        replacements.put(s, read(s, shared, common, columns, merged));
      }
    }
  }

  /** The pushed filters of {@code s} that not every read pushed. */
  private static List<Expression> residual(ResolvedPlan.Scan s, List<Expression> common) {
    return s.pushedFilters().stream().filter(f -> !common.contains(f)).toList();
  }

  /**
   * The one source of the merged reads: the pushed source they all read when they read one already, else the origin's
   * source with {@code common} and {@code columns} pushed.
   */
  private static Source sharedSource(ResolvedPlan.Scan first, List<ResolvedPlan.Scan> scans, List<Expression> common,
      List<Integer> columns) {
    if (scans.stream().allMatch(s -> s.source() == first.source() && s.origin().columns().equals(columns)
        && s.pushedFilters().equals(common))) {
      return first.source();
    }
    Source source = first.origin().source();
    if (!common.isEmpty()) {
      source = ((SupportsPushdown) source).withFilters(common);
    }
    int width = first.origin().output().size();
    if (columns.size() < width) {
      source = ((SupportsPushdown) source).withColumns(columns.stream().mapToInt(Integer::intValue).toArray());
    }
    return source;
  }

  /** The read {@code s} served from {@code shared}: the shared scan, its own filters, its own columns. */
  private static ResolvedPlan read(ResolvedPlan.Scan s, Source shared, List<Expression> common, List<Integer> columns,
      Set<ResolvedPlan> merged) {
    ResolvedPlan.Scan.Origin origin = s.origin();
    List<Attr> attrs = new ArrayList<>(columns.size());
    int[] toShared = new int[origin.output().size()];
    Arrays.fill(toShared, -1);
    for (int i = 0; i < columns.size(); i++) {
      attrs.add(origin.output().get(columns.get(i)));
      toShared[columns.get(i)] = i;
    }
    ResolvedPlan.Scan scan = new ResolvedPlan.Scan(shared, attrs, common,
        new ResolvedPlan.Scan.Origin(origin.source(), origin.output(), columns));
    merged.add(scan);
    ResolvedPlan out = scan;
    List<Expression> own = residual(s, common);
    if (!own.isEmpty()) {
      out = new ResolvedPlan.Filter(own.stream().map(f -> Exprs.remap(f, toShared)).toList(), attrs, out);
    }
    if (!origin.columns().equals(columns)) {
      List<Expression> refs = new ArrayList<>(origin.columns().size());
      for (int c : origin.columns()) {
        Attr a = origin.output().get(c);
        refs.add(new ColumnRef(toShared[c], a.name(), a.type(), a.nullable()));
      }
      out = new ResolvedPlan.Project(refs, s.output(), out);
    }
    return out;
  }
}
