package io.ember.operators.aggregate;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.testkit.OperatorHarness;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Builds aggregate specs over named columns and runs them through the operator harness. */
final class AggTestSupport {
  static final EvalContext LEGACY = new EvalContext(false, ZoneOffset.UTC, 0L);

  private AggTestSupport() {}

  static ColumnRef col(StructType schema, String name) {
    int i = schema.requireIndex(name);
    StructField f = schema.field(i);
    return new ColumnRef(i, f.name(), f.dataType(), f.nullable());
  }

  static List<Expression> cols(StructType schema, String... names) {
    List<Expression> out = new ArrayList<>();
    for (String n : names) {
      out.add(col(schema, n));
    }
    return out;
  }

  static AggregateFunction fn(StructType schema, String name, String... args) {
    return AggregateFunctions.build(name, cols(schema, args), false);
  }

  static HashAggregateSpec complete(StructType schema, List<String> keys, List<AggregateFunction> fns) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < fns.size(); i++) {
      names.add("a" + i);
    }
    return HashAggregateSpec.complete(schema, cols(schema, keys.toArray(new String[0])), keys, fns, names);
  }

  static List<Row> run(HashAggregateSpec spec, List<Row> rows, int rowsPerBatch) {
    return OperatorHarness.of(spec).feedRows(0, spec.inputSchema(), rows, rowsPerBatch).endAllInputs().outputRows();
  }

  /** A global aggregate of {@code fns} over {@code rows}: its single output row. */
  static Row global(StructType schema, List<Row> rows, AggregateFunction... fns) {
    List<Row> out = run(complete(schema, List.of(), List.of(fns)), rows, 3);
    if (out.size() != 1) {
      throw new AssertionError("expected one row, got " + out);
    }
    return out.get(0);
  }

  static Row globalLegacy(StructType schema, List<Row> rows, AggregateFunction... fns) {
    List<Row> out = OperatorHarness.of(complete(schema, List.of(), List.of(fns))).withEvalContext(LEGACY)
        .feedRows(0, schema, rows, 2).endAllInputs().outputRows();
    return out.get(0);
  }

  static List<Row> sorted(List<Row> rows) {
    List<Row> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Row::toString));
    return copy;
  }

  static Batch batch(StructType schema, Row... rows) {
    return Batch.fromRows(schema, List.of(rows));
  }
}
