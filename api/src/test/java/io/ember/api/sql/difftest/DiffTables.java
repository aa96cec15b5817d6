package io.ember.api.sql.difftest;

import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The seeded tables of the differential SQL suite, registered as temporary views. They mirror
 * {@code sql-tests/tables.py}, which loads the same rows into the SQLite oracle: both draw from one SplitMix64
 * sequence in the same order (row by row, column by column: first "is it NULL?" for a nullable column, then
 * the value). Every input file starts with a fingerprint query over its tables, so drift between the two
 * fails the suite.
 */
final class DiffTables {
  private static final List<String> POOL_S =
      List.of("alpha", "Beta", "gamma", "", " padded ", "a_b%c", "ALPHA", "delta42", "Hello World", "x");
  private static final List<String> POOL_W = List.of("red", "green", "blue", "", "Red");
  private static final List<String> POOL_G = List.of("x", "y", "z");
  private static final LocalDate DAY0 = LocalDate.of(2023, 1, 1);
  private static final Instant TS0 = Instant.parse("2023-01-01T00:00:00Z");

  /** How a column's values are drawn; {@code nullEvery} 0 means never NULL, else NULL when below(n) == 0. */
  private record Column(String name, DataType type, Kind kind, long lo, long hi, List<String> pool, int nullEvery) {}

  private enum Kind { SEQ, INT, LONG, PICK, DOUBLE, DECIMAL, DATE, TS, BOOL }

  private record Table(String name, long seed, int rows, List<Column> columns) {}

  private static Column seq(String name) {
    return new Column(name, DataTypes.INTEGER, Kind.SEQ, 0, 0, null, 0);
  }

  private static Column of(String name, DataType type, Kind kind, long lo, long hi, int nullEvery) {
    return new Column(name, type, kind, lo, hi, null, nullEvery);
  }

  private static Column pick(String name, List<String> pool, int nullEvery) {
    return new Column(name, DataTypes.STRING, Kind.PICK, 0, 0, pool, nullEvery);
  }

  private static List<Column> uColumns() {
    return List.of(seq("id"), of("k", DataTypes.INTEGER, Kind.INT, 0, 6, 6), pick("w", POOL_W, 6),
        of("amt", DataTypes.INTEGER, Kind.INT, 0, 50, 6));
  }

  static final List<Table> TABLES = List.of(
      new Table("t", 1001, 48, List.of(
          seq("id"),
          of("k", DataTypes.INTEGER, Kind.INT, 0, 4, 8),
          of("v", DataTypes.INTEGER, Kind.INT, -100, 100, 8),
          pick("s", POOL_S, 8),
          of("d", DataTypes.DOUBLE, Kind.DOUBLE, -100000, 100000, 8),
          of("dec", DataTypes.decimal(8, 2), Kind.DECIMAL, -99999, 99999, 8),
          of("dt", DataTypes.DATE, Kind.DATE, 0, 730, 8),
          of("ts", DataTypes.TIMESTAMP, Kind.TS, 0, 730L * 86400 - 1, 8),
          of("b", DataTypes.BOOLEAN, Kind.BOOL, 0, 1, 8),
          of("big", DataTypes.LONG, Kind.LONG, -5_000_000_000L, 5_000_000_000L, 8))),
      new Table("u", 2002, 30, uColumns()),
      new Table("dup", 3003, 24, List.of(pick("g", POOL_G, 6), of("n", DataTypes.INTEGER, Kind.INT, 1, 4, 6))),
      new Table("e0", 4004, 0, uColumns()));

  private DiffTables() {}

  /**
   * Registers every table as a temporary view of {@code session}, and {@code dup} also as the global temporary
   * view {@code global_temp.gdup}.
   */
  static void register(Session session) {
    for (Table t : TABLES) {
      List<StructField> fields = new ArrayList<>();
      for (Column c : t.columns()) {
        fields.add(DataTypes.field(c.name(), c.type(), c.nullEvery() != 0));
      }
      session.createDataFrame(rows(t), new StructType(fields)).createOrReplaceTempView(t.name());
    }
    session.table("dup").createOrReplaceGlobalTempView("gdup");
  }

  private static List<Row> rows(Table t) {
    SplitMix64 rng = new SplitMix64(t.seed());
    List<Row> out = new ArrayList<>();
    for (int r = 0; r < t.rows(); r++) {
      Object[] values = new Object[t.columns().size()];
      for (int i = 0; i < values.length; i++) {
        Column c = t.columns().get(i);
        values[i] = c.nullEvery() != 0 && rng.below(c.nullEvery()) == 0 ? null : value(rng, c, r);
      }
      out.add(Row.of(values));
    }
    return out;
  }

  private static Object value(SplitMix64 rng, Column c, int row) {
    return switch (c.kind()) {
      case SEQ -> row + 1;
      case INT -> (int) rng.between(c.lo(), c.hi());
      case LONG -> rng.between(c.lo(), c.hi());
      case PICK -> c.pool().get((int) rng.below(c.pool().size()));
      case DOUBLE -> rng.between(c.lo(), c.hi()) / 100.0;
      case DECIMAL -> BigDecimal.valueOf(rng.between(c.lo(), c.hi()), 2);
      case DATE -> DAY0.plusDays(rng.between(c.lo(), c.hi()));
      case TS -> TS0.plusSeconds(rng.between(c.lo(), c.hi()));
      case BOOL -> rng.below(2) == 1;
    };
  }

  /** SplitMix64, as {@code tables.py} has it. */
  static final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
      this.state = seed;
    }

    long nextLong() {
      state += 0x9E3779B97F4A7C15L;
      long z = state;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }

    long below(long n) {
      return (nextLong() >>> 1) % n;
    }

    long between(long lo, long hi) {
      return lo + below(hi - lo + 1);
    }
  }
}
