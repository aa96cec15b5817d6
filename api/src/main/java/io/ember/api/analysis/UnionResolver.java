package io.ember.api.analysis;

import io.ember.api.logical.LogicalPlan;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resolves {@code union} (columns matched by position, named after the first input) and {@code unionByName}
 * (matched by name; with {@code allowMissingColumns} a column absent from an input is null there). Each
 * column takes the wider type of its inputs; inputs are cast to it by a projection.
 */
final class UnionResolver {
  private final Analyzer analyzer;

  UnionResolver(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  ResolvedPlan resolve(LogicalPlan.Union u, List<ResolvedPlan> inputs) {
    List<List<Expression>> columns = u.byName() ? byName(inputs, u.allowMissingColumns()) : byPosition(inputs);
    List<Attr> first = u.byName() ? namesOf(inputs, u.allowMissingColumns()) : inputs.get(0).output();
    int width = columns.get(0).size();
    List<DataType> types = new ArrayList<>();
    List<Boolean> nullable = new ArrayList<>();
    for (int c = 0; c < width; c++) {
      DataType t = columns.get(0).get(c).dataType();
      boolean n = false;
      for (int i = 0; i < inputs.size(); i++) {
        Expression e = columns.get(i).get(c);
        DataType w = TypeWidening.wider(t, e.dataType());
        if (w == null) {
          throw incompatible(c, t, e.dataType(), i);
        }
        t = w;
        n |= e.nullable();
      }
      types.add(t);
      nullable.add(n);
    }
    List<ResolvedPlan> projected = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      projected.add(project(inputs.get(i), columns.get(i), types, first));
    }
    List<Attr> out = new ArrayList<>();
    for (int c = 0; c < width; c++) {
      Attr f = first.get(c);
      out.add(new Attr(f.name(), types.get(c), nullable.get(c), f.qualifier(), f.planIds()).through(u.planId()));
    }
    return new ResolvedPlan.Union(out, projected);
  }

  private static ResolvedPlan project(ResolvedPlan input, List<Expression> cols, List<DataType> types,
      List<Attr> names) {
    List<Expression> exprs = new ArrayList<>();
    List<Attr> out = new ArrayList<>();
    boolean identity = cols.size() == input.output().size();
    for (int c = 0; c < cols.size(); c++) {
      Expression e = cols.get(c);
      if (!e.dataType().equals(types.get(c))) {
        e = Expressions.cast(e, types.get(c));
      }
      identity &= e instanceof io.ember.core.expr.ColumnRef r && r.index() == c;
      exprs.add(e);
      Attr a = names.get(c);
      out.add(new Attr(a.name(), e.dataType(), e.nullable(), a.qualifier(), a.planIds()));
    }
    return identity ? input : new ResolvedPlan.Project(exprs, out, input);
  }

  private static List<List<Expression>> byPosition(List<ResolvedPlan> inputs) {
    int width = inputs.get(0).output().size();
    List<List<Expression>> out = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      int w = inputs.get(i).output().size();
      if (w != width) {
        throw new AnalysisException("NUM_COLUMNS_MISMATCH", "UNION can only be performed on inputs with the same"
            + " number of columns, but the first input has " + width + " columns and the " + ordinal(i)
            + " input has " + w + " columns.");
      }
      out.add(Exprs.refs(inputs.get(i).output()));
    }
    return out;
  }

  /** The output columns of a by-name union: the first input's, then (when allowed) others' new names. */
  private List<Attr> namesOf(List<ResolvedPlan> inputs, boolean allowMissing) {
    List<Attr> out = new ArrayList<>(inputs.get(0).output());
    if (allowMissing) {
      for (ResolvedPlan in : inputs.subList(1, inputs.size())) {
        for (Attr a : in.output()) {
          if (out.stream().noneMatch(o -> analyzer.scope(List.of()).same(o.name(), a.name()))) {
            out.add(a);
          }
        }
      }
    }
    return out;
  }

  private List<List<Expression>> byName(List<ResolvedPlan> inputs, boolean allowMissing) {
    List<Attr> names = namesOf(inputs, allowMissing);
    List<List<Expression>> out = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      ResolvedPlan in = inputs.get(i);
      Scope scope = analyzer.scope(in.output());
      if (!allowMissing && in.output().size() != names.size()) {
        throw new AnalysisException("NUM_COLUMNS_MISMATCH", "UNION can only be performed on inputs with the same"
            + " number of columns, but the first input has " + names.size() + " columns and the " + ordinal(i)
            + " input has " + in.output().size() + " columns.");
      }
      List<Expression> cols = new ArrayList<>();
      for (Attr a : names) {
        List<Integer> hits = new ArrayList<>();
        for (int k = 0; k < in.output().size(); k++) {
          if (scope.same(in.output().get(k).name(), a.name())) {
            hits.add(k);
          }
        }
        if (!hits.isEmpty()) {
          cols.add(Exprs.ref(in.output(), hits.get(0)));
        } else if (allowMissing) {
          cols.add(new Literal(null, DataTypes.NULL));
        } else {
          throw AnalysisException.unresolvedColumn(a.name(), scope.names());
        }
      }
      out.add(cols);
    }
    return out;
  }

  private static AnalysisException incompatible(int column, DataType a, DataType b, int input) {
    return new AnalysisException("INCOMPATIBLE_COLUMN_TYPE", "UNION can only be performed on inputs with"
        + " compatible column types. The " + ordinal(column) + " column of the " + ordinal(input) + " table is \""
        + b.simpleString().toUpperCase(Locale.ROOT) + "\" type which is not compatible with \""
        + a.simpleString().toUpperCase(Locale.ROOT) + "\" at the same column of the first table.");
  }

  private static String ordinal(int zeroBased) {
    int n = zeroBased + 1;
    String suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th"
        : switch (n % 10) {
          case 1 -> "st";
          case 2 -> "nd";
          case 3 -> "rd";
          default -> "th";
        };
    return n + suffix;
  }
}
