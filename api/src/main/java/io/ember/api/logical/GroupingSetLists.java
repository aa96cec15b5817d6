package io.ember.api.logical;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the grouping sets of a {@link LogicalPlan.GroupingSets} as Spark expands {@code ROLLUP}, {@code CUBE}
 * and {@code GROUPING SETS}: a set is the list of indices of its columns in the distinct grouping expressions.
 * Several elements in one {@code GROUP BY} ({@code GROUP BY a, ROLLUP(b, c)}) combine as the cross product of
 * their sets, a plain expression being the single set of itself.
 */
public final class GroupingSetLists {
  private final List<LogicalExpr> grouping = new ArrayList<>();
  private List<List<Integer>> sets = List.of(List.of());

  /** The distinct grouping expressions so far, in the order first written. */
  public List<LogicalExpr> grouping() {
    return List.copyOf(grouping);
  }

  /** The grouping sets so far: the cross product of the elements added. */
  public List<List<Integer>> sets() {
    return sets;
  }

  /** The index of {@code e} among the grouping expressions, adding it when it is new. */
  public int index(LogicalExpr e) {
    LogicalExpr bare = e instanceof LogicalExpr.Alias a ? a.child() : e;
    for (int i = 0; i < grouping.size(); i++) {
      LogicalExpr g = grouping.get(i);
      if ((g instanceof LogicalExpr.Alias a ? a.child() : g).equals(bare)) {
        return i;
      }
    }
    grouping.add(e);
    return grouping.size() - 1;
  }

  /** Adds a plain grouping expression (every set holds it). */
  public GroupingSetLists plain(LogicalExpr e) {
    return combine(List.of(List.of(index(e))));
  }

  /** Adds {@code ROLLUP(exprs)}: the sets {@code (e1..en), (e1..en-1), ..., ()}. */
  public GroupingSetLists rollup(List<LogicalExpr> exprs) {
    return rollupOf(singletons(exprs));
  }

  /** Adds {@code ROLLUP} over units, each a column or a composite {@code (a, b)} that is kept or left out whole. */
  public GroupingSetLists rollupOf(List<List<LogicalExpr>> units) {
    List<List<Integer>> cols = unitIndices(units);
    List<List<Integer>> out = new ArrayList<>();
    for (int n = cols.size(); n >= 0; n--) {
      out.add(flatten(cols.subList(0, n)));
    }
    return combine(out);
  }

  /** Adds {@code CUBE(exprs)}: every subset, in Spark's order ({@code (a, b), (a), (b), ()}). */
  public GroupingSetLists cube(List<LogicalExpr> exprs) {
    return cubeOf(singletons(exprs));
  }

  /** Adds {@code CUBE} over units (see {@link #rollupOf}). */
  public GroupingSetLists cubeOf(List<List<LogicalExpr>> units) {
    List<List<Integer>> out = new ArrayList<>();
    for (List<List<Integer>> subset : subsets(unitIndices(units))) {
      out.add(flatten(subset));
    }
    return combine(out);
  }

  /** Adds {@code GROUPING SETS(sets)}, each set a list of expressions (an empty one is the grand total). */
  public GroupingSetLists groupingSets(List<List<LogicalExpr>> exprSets) {
    List<List<Integer>> out = new ArrayList<>();
    for (List<LogicalExpr> s : exprSets) {
      out.add(indices(s));
    }
    return combine(out);
  }

  private List<Integer> indices(List<LogicalExpr> exprs) {
    List<Integer> out = new ArrayList<>();
    for (LogicalExpr e : exprs) {
      out.add(index(e));
    }
    return out;
  }

  private List<List<Integer>> unitIndices(List<List<LogicalExpr>> units) {
    List<List<Integer>> out = new ArrayList<>();
    for (List<LogicalExpr> u : units) {
      out.add(indices(u));
    }
    return out;
  }

  private static List<List<LogicalExpr>> singletons(List<LogicalExpr> exprs) {
    return exprs.stream().map(List::of).toList();
  }

  private static List<Integer> flatten(List<List<Integer>> units) {
    List<Integer> out = new ArrayList<>();
    for (List<Integer> u : units) {
      out.addAll(u);
    }
    return out;
  }

  private static List<List<List<Integer>>> subsets(List<List<Integer>> units) {
    if (units.isEmpty()) {
      return List.of(List.of());
    }
    List<List<List<Integer>>> rest = subsets(units.subList(1, units.size()));
    List<List<List<Integer>>> out = new ArrayList<>();
    for (List<List<Integer>> r : rest) {
      List<List<Integer>> with = new ArrayList<>();
      with.add(units.get(0));
      with.addAll(r);
      out.add(with);
    }
    out.addAll(rest);
    return out;
  }

  private GroupingSetLists combine(List<List<Integer>> element) {
    List<List<Integer>> out = new ArrayList<>();
    for (List<Integer> s : sets) {
      for (List<Integer> e : element) {
        List<Integer> joined = new ArrayList<>(s);
        for (int i : e) {
          if (!joined.contains(i)) {
            joined.add(i);
          }
        }
        out.add(List.copyOf(joined));
      }
    }
    sets = List.copyOf(out);
    return this;
  }
}
