package io.ember.api.streaming.sinks;

import io.ember.api.internal.ShowFormatter;
import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.serde.DriverLocal;
import io.ember.core.types.StructType;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sink of {@code writeStream().format("console")}, as Spark's console sink: at each epoch's commit it
 * prints, in one piece,
 * <pre>
 * -------------------------------------------
 * Batch: 3
 * -------------------------------------------
 * +---+---+
 * ...the epoch's rows as {@code show(numRows, truncate)} prints them, then an empty line
 * </pre>
 * Options (keys in any case): {@code numRows} (default 20) and {@code truncate} (default true: cells cut
 * to 20 characters). Nothing is printed before commit, and an aborted epoch prints nothing; an epoch at or
 * below the latest printed one is not printed again. Writers keep only the first {@code numRows + 1} rows
 * of their task, all that {@code show} needs.
 */
public final class ConsoleSink implements Sink, DriverLocal {
  private static final String DASHES = "-------------------------------------------";

  private final StructType schema;
  private final int numRows;
  private final boolean truncate;
  private final ZoneId zone;
  private final PrintStream out;
  private long latestEpoch = -1;

  /**
   * @param schema the query's output schema
   * @param options the writer's options ({@code numRows}, {@code truncate})
   * @param zone the session time zone timestamps are shown in
   * @param out where the tables go
   * @throws EmberIllegalArgumentException for a {@code numRows} that is not an int or a {@code truncate}
   *     that is not a boolean
   */
  public ConsoleSink(StructType schema, Map<String, String> options, ZoneId zone, PrintStream out) {
    this.schema = schema;
    this.numRows = Math.max(0, intOption(options, "numRows", 20));
    this.truncate = booleanOption(options, "truncate", true);
    this.zone = zone;
    this.out = out;
  }

  /** A console sink printing to {@code System.out}. */
  public ConsoleSink(StructType schema, Map<String, String> options, ZoneId zone) {
    this(schema, options, zone, System.out);
  }

  public int numRows() {
    return numRows;
  }

  public boolean truncate() {
    return truncate;
  }

  @Override
  public SinkWriter createWriter(int taskIndex, int parallelism, StructType schema) {
    return new EpochBatches.Writer(taskIndex, numRows + 1L);
  }

  @Override
  public void commit(long epoch, List<CommitMessage> messages) {
    synchronized (this) {
      if (epoch <= latestEpoch) {
        return;
      }
      latestEpoch = epoch;
    }
    List<Row> rows = new ArrayList<>();
    for (Batch b : EpochBatches.ordered(messages, schema)) {
      for (int r = 0; r < b.numRows() && rows.size() <= numRows; r++) {
        rows.add(b.row(r));
      }
    }
    String table = ShowFormatter.showString(schema, rows, numRows, truncate ? 20 : 0, false, zone);
    StringBuilder sb = new StringBuilder();
    sb.append(DASHES).append('\n').append("Batch: ").append(epoch).append('\n').append(DASHES).append('\n')
        .append(table).append('\n');
    synchronized (out) {
      out.print(sb);
      out.flush();
    }
  }

  @Override
  public String explain() {
    return "ConsoleSink numRows=" + numRows + " truncate=" + truncate;
  }

  private static String option(Map<String, String> options, String key) {
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static int intOption(Map<String, String> options, String key, int dflt) {
    String v = option(options, key);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new EmberIllegalArgumentException("INVALID_OPTION",
          "The value of option '" + key + "' must be an integer, but got '" + v + "'.");
    }
  }

  private static boolean booleanOption(Map<String, String> options, String key, boolean dflt) {
    String v = option(options, key);
    if (v == null) {
      return dflt;
    }
    String s = v.trim().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    throw new EmberIllegalArgumentException("INVALID_OPTION",
        "The value of option '" + key + "' must be true or false, but got '" + v + "'.");
  }
}
