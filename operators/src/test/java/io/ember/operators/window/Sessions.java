package io.ember.operators.window;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Literal;
import io.ember.core.expr.datetime.SessionWindow;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.aggregate.AggregateFunction;
import io.ember.operators.aggregate.AggregateFunctions;
import io.ember.operators.stream.OutputMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Fixtures: rows {@code (user, ts, v)} grouped by user and a session window over ts, counting and summing v. */
final class Sessions {
  static final StructType INPUT = DataTypes.struct(DataTypes.field("user", DataTypes.STRING),
      DataTypes.field("ts", DataTypes.TIMESTAMP), DataTypes.field("v", DataTypes.LONG));
  static final long SECOND = 1_000_000L;

  private Sessions() {}

  static SessionWindowAggregateSpec spec(long gapSeconds, OutputMode mode) {
    Expression window = new SessionWindow(new ColumnRef(1, "ts", DataTypes.TIMESTAMP, true),
        new Literal(gapSeconds * SECOND, DataTypes.LONG));
    List<Expression> keys = List.of(new ColumnRef(0, "user", DataTypes.STRING, true), window);
    List<AggregateFunction> fns = List.of(AggregateFunctions.countStar(),
        AggregateFunctions.build("sum", List.of(new ColumnRef(2, "v", DataTypes.LONG, true)), false));
    List<String> keyNames = List.of("user", "session_window");
    List<String> fnNames = List.of("n", "total");
    return mode == null ? SessionWindowAggregateSpec.batch(INPUT, keys, keyNames, 1, fns, fnNames)
        : SessionWindowAggregateSpec.streaming(INPUT, keys, keyNames, 1, fns, fnNames, mode);
  }

  static Instant at(long seconds) {
    return Instant.ofEpochSecond(seconds);
  }

  static Row row(String user, Long seconds, long v) {
    return Row.of(user, seconds == null ? null : at(seconds), v);
  }

  static Batch batch(Row... rows) {
    return Batch.fromRows(INPUT, List.of(rows));
  }

  /** A session as the tests compare them: user, start and end seconds, count, sum. */
  record S(String user, long start, long end, long n, long total) {}

  static List<S> sessions(List<Row> out) {
    List<S> list = new ArrayList<>();
    for (Row r : out) {
      Row w = (Row) r.get(1);
      list.add(new S((String) r.get(0), ((Instant) w.get(0)).getEpochSecond(), ((Instant) w.get(1)).getEpochSecond(),
          (Long) r.get(2), (Long) r.get(3)));
    }
    list.sort(Comparator.comparing((S s) -> String.valueOf(s.user())).thenComparingLong(S::start));
    return list;
  }

  /**
   * Spark's batch semantics, computed the way Spark's MergingSessionsIterator does: rows sorted by key and start,
   * a row extends the current session when it starts at or before its end.
   */
  static List<S> reference(List<Row> rows, long gapSeconds) {
    List<Row> sorted = new ArrayList<>();
    for (Row r : rows) {
      if (r.get(1) != null) {
        sorted.add(r);
      }
    }
    sorted.sort(Comparator.comparing((Row r) -> String.valueOf(r.get(0)))
        .thenComparing(r -> ((Instant) r.get(1))));
    List<S> out = new ArrayList<>();
    S cur = null;
    for (Row r : sorted) {
      String user = (String) r.get(0);
      long t = ((Instant) r.get(1)).getEpochSecond();
      long v = (Long) r.get(2);
      if (cur != null && java.util.Objects.equals(cur.user(), user) && t <= cur.end()) {
        cur = new S(user, cur.start(), Math.max(cur.end(), t + gapSeconds), cur.n() + 1, cur.total() + v);
      } else {
        if (cur != null) {
          out.add(cur);
        }
        cur = new S(user, t, t + gapSeconds, 1, v);
      }
    }
    if (cur != null) {
      out.add(cur);
    }
    out.sort(Comparator.comparing((S s) -> String.valueOf(s.user())).thenComparingLong(S::start));
    return out;
  }
}
