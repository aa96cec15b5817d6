package io.ember.api.streaming;

import io.ember.api.DataFrame;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Helpers of the streaming end-to-end tests: a {@code foreachBatch} recorder of each epoch's rows, and the
 * rows a query emitted during one step of a test (data added, then {@code processAllAvailable}).
 */
final class StreamingTestKit {
  private StreamingTestKit() {}

  /** Spark's ad impressions of the stream-stream join examples. */
  static final StructType IMPRESSIONS = DataTypes.struct(DataTypes.field("adId", DataTypes.INTEGER),
      DataTypes.field("impressionTime", DataTypes.TIMESTAMP));
  /** Spark's ad clicks of the stream-stream join examples. */
  static final StructType CLICKS = DataTypes.struct(DataTypes.field("clickAdId", DataTypes.INTEGER),
      DataTypes.field("clickTime", DataTypes.TIMESTAMP));

  /** An impression or click of ad {@code id} at {@link #second}{@code (at)}. */
  static Row ad(int id, long at) {
    return Row.of(id, second(at));
  }

  /** One expected row's values. */
  static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  /** {@code 2024-01-01 hh:mm} UTC. */
  static Instant at(int hour, int minute) {
    return LocalDateTime.of(2024, 1, 1, hour, minute).toInstant(ZoneOffset.UTC);
  }

  /** {@code 2024-01-01 00:00:ss} UTC plus {@code seconds}. */
  static Instant second(long seconds) {
    return at(0, 0).plusSeconds(seconds);
  }

  /** Records the rows of every epoch a {@code foreachBatch} query writes. Thread-safe. */
  static final class EpochRecorder implements ForeachBatchFunction {
    private final Map<Long, List<List<Object>>> epochs = new TreeMap<>();
    private long consumedUpTo = -1;

    @Override
    public synchronized void call(DataFrame batchDf, long batchId) {
      epochs.put(batchId, values(batchDf.collectAsList()));
    }

    /** Every epoch seen so far with its rows (as value lists, sorted by their text). */
    synchronized Map<Long, List<List<Object>>> epochs() {
      return new TreeMap<>(epochs);
    }

    /** The rows of the epochs recorded since the last call (as value lists, sorted by their text). */
    synchronized List<List<Object>> newRows() {
      List<List<Object>> out = new ArrayList<>();
      for (Map.Entry<Long, List<List<Object>>> e : epochs.entrySet()) {
        if (e.getKey() > consumedUpTo) {
          out.addAll(e.getValue());
          consumedUpTo = e.getKey();
        }
      }
      out.sort(Comparator.comparing(Object::toString));
      return out;
    }
  }

  /** Each row's values as a list, the rows sorted by their text. */
  static List<List<Object>> values(List<Row> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(Arrays.asList(r.toArray()));
    }
    out.sort(Comparator.comparing(Object::toString));
    return out;
  }

  /** The given rows (each a list of values), sorted by their text as {@link EpochRecorder} sorts them. */
  @SafeVarargs
  static List<List<Object>> sorted(List<Object>... rows) {
    List<List<Object>> out = new ArrayList<>(List.of(rows));
    out.sort(Comparator.comparing(Object::toString));
    return out;
  }
}
