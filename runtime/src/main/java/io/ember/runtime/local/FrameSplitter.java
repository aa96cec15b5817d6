package io.ember.runtime.local;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.NullVector;
import io.ember.core.data.StringVector;
import io.ember.core.data.StructVector;
import io.ember.core.errors.EmberRuntimeException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Cuts what a task sends to another node into messages that fit one Artery frame
 * ({@value #FRAME_SIZE_KEY}): Pekko drops a larger message (it only logs it), so without this a large batch would
 * leave its receiver waiting forever. A batch is cut by rows into consecutive pieces whose estimated serialized size
 * ({@link #estimateBytes}) is at most {@link #payloadLimit()}, the frame less an eighth for the message around the
 * batch and the estimate's slack. A single row larger than that cannot travel: it fails with
 * {@code MESSAGE_TOO_LARGE}, naming its size, the limit and the setting to raise.
 *
 * <p>The estimate follows core's columnar batch format (fixed-width values, 4-byte string and array offsets, the
 * string bytes, a null flag per row) and is an upper bound for all types but decimals, which it bounds by their
 * largest precision. It costs one pass over the columns while the batch fits, and one pass over the rows only for a
 * batch that needs cutting. Immutable and thread-safe.
 */
public final class FrameSplitter {
  /** Pekko's setting of the largest message Artery sends. */
  public static final String FRAME_SIZE_KEY = "pekko.remote.artery.advanced.maximum-frame-size";
  /** Ember's frame size on a cluster, which a node's or session's {@code pekko.*} settings may change. */
  public static final long DEFAULT_FRAME_BYTES = 16L * 1024 * 1024;
  /** A decimal's largest encoding: scale and length varints and 17 bytes for 38 digits. */
  private static final int DECIMAL_BYTES = 28;

  private final long frameBytes;
  private final long payloadLimit;

  /** A splitter for frames of {@code frameBytes}. */
  public FrameSplitter(long frameBytes) {
    if (frameBytes < 1024) {
      throw new IllegalArgumentException("frame of " + frameBytes + " bytes");
    }
    this.frameBytes = frameBytes;
    this.payloadLimit = frameBytes - frameBytes / 8;
  }

  /** The splitter for the frames of {@code system}'s Artery ({@value #FRAME_SIZE_KEY}, else the default). */
  public static FrameSplitter of(ActorSystem<?> system) {
    var config = system.settings().config();
    return new FrameSplitter(config.hasPath(FRAME_SIZE_KEY) ? config.getBytes(FRAME_SIZE_KEY) : DEFAULT_FRAME_BYTES);
  }

  /** True when messages to {@code ref} leave this actor system (and must fit a frame). */
  public static boolean isRemote(ActorRef<?> ref) {
    return ref != null && ref.path().address().hasGlobalScope();
  }

  /** The frame size, in bytes. */
  public long frameBytes() {
    return frameBytes;
  }

  /** The largest estimated batch that travels in one message, in bytes. */
  public long payloadLimit() {
    return payloadLimit;
  }

  /**
   * {@code batch} as consecutive row ranges that each fit one message, in order; the batch itself when it fits.
   *
   * @param destination what the batch goes to, for the error ("task 3")
   * @throws EmberRuntimeException {@code MESSAGE_TOO_LARGE} when a single row does not fit
   */
  public List<Batch> split(Batch batch, String destination) {
    if (estimateBytes(batch) <= payloadLimit) {
      return List.of(batch);
    }
    long[] rowBytes = rowBytes(batch);
    List<Batch> pieces = new ArrayList<>();
    long fixed = fixedBytes(batch);
    int from = 0;
    long size = fixed;
    for (int r = 0; r < rowBytes.length; r++) {
      if (fixed + rowBytes[r] > payloadLimit) {
        throw tooLarge(fixed + rowBytes[r], destination);
      }
      if (size + rowBytes[r] > payloadLimit) {
        pieces.add(batch.slice(from, r - from));
        from = r;
        size = fixed;
      }
      size += rowBytes[r];
    }
    pieces.add(batch.slice(from, rowBytes.length - from));
    return pieces;
  }

  /**
   * {@code batches} packed, in order, into groups that each fit one message (a batch too large on its own is cut
   * first, see {@link #split}); one group when all fit together.
   *
   * @throws EmberRuntimeException {@code MESSAGE_TOO_LARGE} when a single row does not fit
   */
  public List<List<Batch>> pack(List<Batch> batches, String destination) {
    List<List<Batch>> groups = new ArrayList<>();
    List<Batch> group = new ArrayList<>();
    long size = 0;
    for (Batch batch : batches) {
      for (Batch piece : split(batch, destination)) {
        long bytes = estimateBytes(piece);
        if (!group.isEmpty() && size + bytes > payloadLimit) {
          groups.add(group);
          group = new ArrayList<>();
          size = 0;
        }
        group.add(piece);
        size += bytes;
      }
    }
    groups.add(group);
    return groups;
  }

  /**
   * The partitions of one batch for several tasks of one node ({@code slices[i]} for task {@code i}, null: no rows),
   * packed into messages that each fit one frame: each message holds at most one piece per task, a slice too large on
   * its own is cut first ({@link #split}), and a task's pieces come in row order over the messages. One message when
   * all fit together.
   *
   * @throws EmberRuntimeException {@code MESSAGE_TOO_LARGE} when a single row does not fit
   */
  public List<Batch[]> packSlices(Batch[] slices, String destination) {
    List<Batch[]> messages = new ArrayList<>();
    Batch[] message = new Batch[slices.length];
    boolean empty = true;
    long size = 0;
    for (int i = 0; i < slices.length; i++) {
      if (slices[i] == null) {
        continue;
      }
      for (Batch piece : split(slices[i], destination)) {
        long bytes = estimateBytes(piece);
        if (!empty && (size + bytes > payloadLimit || message[i] != null)) {
          messages.add(message);
          message = new Batch[slices.length];
          empty = true;
          size = 0;
        }
        message[i] = piece;
        empty = false;
        size += bytes;
      }
    }
    if (!empty) {
      messages.add(message);
    }
    return messages;
  }

  /** The error of a message of about {@code bytes} to {@code destination} that no cut makes fit. */
  public EmberRuntimeException tooLarge(long bytes, String destination) {
    return new EmberRuntimeException("MESSAGE_TOO_LARGE", "A single row of about " + bytes + " bytes cannot be sent to "
        + destination + " on another node: a message between nodes is at most " + frameBytes + " bytes, of which "
        + payloadLimit + " for rows. Raise " + FRAME_SIZE_KEY + " (in the pekko settings of every node and of the"
        + " driver) or make the row smaller.");
  }

  /** An estimate of {@code batch}'s serialized size in bytes (see the class comment), in one pass over its columns. */
  public static long estimateBytes(Batch batch) {
    long total = schemaBytes(batch);
    for (ColumnVector column : batch.columns()) {
      total += vectorBytes(column, 0, batch.numRows());
    }
    return total;
  }

  /** The estimated size of each row of {@code batch}, without the batch's fixed part ({@link #fixedBytes}). */
  static long[] rowBytes(Batch batch) {
    long[] rows = new long[batch.numRows()];
    for (ColumnVector column : batch.columns()) {
      addRowBytes(column, rows);
    }
    return rows;
  }

  /**
   * The batch's size without its rows: its schema, its row count and each vector's header; {@link #estimateBytes}
   * is this plus the sum of {@link #rowBytes}.
   */
  static long fixedBytes(Batch batch) {
    long total = schemaBytes(batch);
    for (ColumnVector column : batch.columns()) {
      total += vectorBytes(column, 0, 0);
    }
    return total;
  }

  private static long schemaBytes(Batch batch) {
    return 256 + 4L * batch.schema().toString().length();
  }

  private static long vectorBytes(ColumnVector v, int from, int to) {
    int n = to - from;
    if (v instanceof NullVector) {
      return 8;
    }
    long nulls = 8 + n;
    if (v instanceof BooleanVector) {
      return nulls + n;
    } else if (v instanceof IntVector) {
      return nulls + 4L * n;
    } else if (v instanceof StringVector s) {
      return nulls + 4L * (n + 1) + (s.offsets()[to] - s.offsets()[from]);
    } else if (v instanceof DecimalVector) {
      return nulls + (long) DECIMAL_BYTES * n;
    } else if (v instanceof ArrayVector a) {
      return nulls + 4L * (n + 1) + vectorBytes(a.elements(), a.offsets()[from], a.offsets()[to]);
    } else if (v instanceof StructVector s) {
      long total = nulls;
      for (int f = 0; f < s.structType().size(); f++) {
        total += vectorBytes(s.child(f), from, to);
      }
      return total;
    }
    return nulls + 8L * n;
  }

  private static void addRowBytes(ColumnVector v, long[] rows) {
    int n = rows.length;
    if (v instanceof NullVector) {
      return;
    }
    if (v instanceof StringVector s) {
      int[] offsets = s.offsets();
      for (int r = 0; r < n; r++) {
        rows[r] += 5 + offsets[r + 1] - offsets[r];
      }
    } else if (v instanceof ArrayVector a) {
      long[] elements = new long[a.elements().size()];
      addRowBytes(a.elements(), elements);
      int[] offsets = a.offsets();
      for (int r = 0; r < n; r++) {
        long sum = 5;
        for (int e = offsets[r]; e < offsets[r + 1]; e++) {
          sum += elements[e];
        }
        rows[r] += sum;
      }
    } else if (v instanceof StructVector s) {
      for (int r = 0; r < n; r++) {
        rows[r] += 1;
      }
      for (int f = 0; f < s.structType().size(); f++) {
        addRowBytes(s.child(f), rows);
      }
    } else {
      long width = 1 + (v instanceof BooleanVector ? 1 : v instanceof IntVector ? 4
          : v instanceof DecimalVector ? DECIMAL_BYTES : 8);
      for (int r = 0; r < n; r++) {
        rows[r] += width;
      }
    }
  }
}
