package io.ember.connectors.stream;

import io.ember.connectors.file.FileOptions;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.serde.DriverLocal;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Spark's {@code socket} source: connects to {@code host:port} as a TCP client and emits each line it
 * receives (UTF-8, without its terminator) as a row {@code value string}, followed by
 * {@code timestamp timestamp} (when the line arrived) with {@code includeTimestamp}. The stream never ends;
 * when the server closes the connection no more rows come. For tests and demos, as in Spark.
 *
 * <p><b>Not replayable</b> ({@link #isReplayable()} is false): lines are not kept once emitted, and the
 * server cannot be asked to send them again. After a failure the query resumes from its last committed
 * epoch on a new connection: lines emitted in the epochs that were not committed, and lines the server sent
 * while no connection was open, are lost. Delivery is therefore at-most-once across recoveries, whatever
 * the sink guarantees. The reader's offset only counts lines, for progress reports.
 *
 * <p>One reader task ({@link #fixedParallelism()} 1). The connection is opened on the first poll, by a
 * background daemon thread that also reads the lines into a bounded queue (see {@link SocketReader}); polls
 * never block. A connection that cannot be made fails the next poll with {@code SOCKET_CONNECT_FAILED}
 * naming {@code host:port}.
 *
 * <p>{@link DriverLocal}: on a cluster its reader runs in the driver, as Spark's socket source does, so
 * {@code host} is resolved and reached from the driver's machine ({@code localhost} is the driver); the
 * operators after it run on the nodes.
 */
public final class SocketSource implements Source, DriverLocal {
  /** The schema without {@code includeTimestamp}. */
  public static final StructType SCHEMA = DataTypes.struct(DataTypes.field("value", DataTypes.STRING));
  /** The schema with {@code includeTimestamp}. */
  public static final StructType SCHEMA_WITH_TIMESTAMP = DataTypes.struct(
      DataTypes.field("value", DataTypes.STRING), DataTypes.field("timestamp", DataTypes.TIMESTAMP));

  private final String host;
  private final int port;
  private final boolean includeTimestamp;
  private final Clock clock;

  public SocketSource(String host, int port, boolean includeTimestamp, Clock clock) {
    this.host = host;
    this.port = port;
    this.includeTimestamp = includeTimestamp;
    this.clock = clock;
  }

  /**
   * {@code spark.readStream.format("socket").options(options)}: {@code host} and {@code port} (required),
   * {@code includeTimestamp} (default false). Keys are case-insensitive. Does not connect.
   *
   * @throws AnalysisException with Spark's message when {@code host} or {@code port} is missing or
   *     {@code includeTimestamp} is not a boolean
   */
  public static SocketSource create(Map<String, String> options) {
    return create(options, SystemUtcClock.INSTANCE);
  }

  /** As {@link #create(Map)}, stamping lines with {@code clock}. */
  public static SocketSource create(Map<String, String> options, Clock clock) {
    FileOptions o = new FileOptions(options);
    if (!o.contains("host")) {
      throw new AnalysisException(null, "Set a host to read from with option(\"host\", ...).");
    }
    if (!o.contains("port")) {
      throw new AnalysisException(null, "Set a port to read from with option(\"port\", ...).");
    }
    String ts = o.get("includeTimestamp", "false").trim();
    if (!ts.equalsIgnoreCase("true") && !ts.equalsIgnoreCase("false")) {
      throw new AnalysisException(null, "includeTimestamp must be set to either \"true\" or \"false\".");
    }
    String p = o.get("port", "");
    int port;
    try {
      port = Integer.parseInt(p.trim());
    } catch (NumberFormatException e) {
      throw FileOptions.invalid("port", p, "a port number between 0 and 65535");
    }
    if (port < 0 || port > 65535) {
      throw FileOptions.invalid("port", p, "a port number between 0 and 65535");
    }
    return new SocketSource(o.get("host", ""), port, Boolean.parseBoolean(ts.toLowerCase(java.util.Locale.ROOT)), clock);
  }

  /** The whole stream. */
  public record Split(String host, int port) implements SourceSplit {
    @Override
    public String splitId() {
      return "socket-" + host + ":" + port;
    }
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  @Override
  public StructType schema() {
    return includeTimestamp ? SCHEMA_WITH_TIMESTAMP : SCHEMA;
  }

  @Override
  public boolean isBounded() {
    return false;
  }

  @Override
  public boolean isReplayable() {
    return false;
  }

  @Override
  public int fixedParallelism() {
    return 1;
  }

  @Override
  public List<SourceSplit> planSplits(int parallelismHint) {
    return List.of(new Split(host, port));
  }

  @Override
  public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
    return new Reader(splits.isEmpty() ? null : new SocketReader(host, port, clock), Math.max(1, context.batchSize()));
  }

  @Override
  public String explain() {
    return "SocketStream " + host + ":" + port + " schema=" + schema().simpleString();
  }

  private final class Reader implements SourceReader {
    private static final byte VERSION = 1;
    private final SocketReader lines;
    private final int batchSize;
    private long emitted;

    Reader(SocketReader lines, int batchSize) {
      this.lines = lines;
      this.batchSize = batchSize;
    }

    @Override
    public Status pollNext(Consumer<Batch> out) {
      if (lines == null) {
        return Status.NOTHING_AVAILABLE;
      }
      List<SocketReader.Line> taken = lines.poll(batchSize);
      if (taken.isEmpty()) {
        return Status.NOTHING_AVAILABLE;
      }
      int n = taken.size();
      VectorBuilder.Strings values = (VectorBuilder.Strings) VectorBuilder.forType(DataTypes.STRING, n);
      long[] stamps = new long[n];
      for (int i = 0; i < n; i++) {
        values.appendString(taken.get(i).text());
        stamps[i] = taken.get(i).receivedMillis() * 1000;
      }
      ColumnVector[] cols = includeTimestamp
          ? new ColumnVector[] {values.build(), new LongVector(DataTypes.TIMESTAMP, stamps, null, n)}
          : new ColumnVector[] {values.build()};
      emitted += n;
      out.accept(new Batch(schema(), cols, n));
      return Status.MORE_AVAILABLE;
    }

    /** The number of lines emitted; informative only, a socket cannot be replayed. */
    @Override
    public byte[] snapshotOffsets(long epoch) {
      return java.nio.ByteBuffer.allocate(9).put(VERSION).putLong(emitted).array();
    }

    /** Continues counting from the restored line count; the lines themselves are not replayed. */
    @Override
    public void restoreOffsets(byte[] offsets) {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(offsets);
      byte version = buf.get();
      if (version != VERSION) {
        throw new EmberRuntimeException("INVALID_OFFSET", "Unknown socket source offset version " + version + ".");
      }
      emitted = buf.getLong();
    }

    /** Spark's socket offset: the index of the last line emitted, or null before the first one. */
    @Override
    public String describeOffsets() {
      return emitted == 0 ? null : Long.toString(emitted - 1);
    }

    @Override
    public void close() {
      if (lines != null) {
        lines.close();
      }
    }
  }
}
