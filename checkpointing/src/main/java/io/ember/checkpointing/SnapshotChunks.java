package io.ember.checkpointing;

import io.ember.operators.state.ChunkedBytes;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;

/**
 * Moves an encoded snapshot ({@link TaskSnapshot#encodeChunked()}) that is larger than one message between nodes may be
 * (an Artery frame) as a sequence of chunks, with flow control: at most {@code window} chunks are in flight, and
 * the next one leaves only when an earlier one was answered, so a snapshot of hundreds of megabytes never floods a
 * mailbox or the transport's buffers. Both directions are here, independent of how messages travel:
 * {@link #send} pushes chunks to a holder, which assembles them ({@link ChunkAssembler}) and stores the snapshot
 * only once it is complete and matches its checksum; {@link #fetch} pulls them from a holder that keeps the bytes
 * for the transfer. A transfer fails as a whole when any chunk fails (a lost holder: its answers time out).
 */
public final class SnapshotChunks {
  /** Chunks in flight per transfer unless the caller says otherwise (chunks of a few hundred kilobytes each). */
  public static final int DEFAULT_WINDOW = 16;

  private SnapshotChunks() {}

  /**
   * What a receiver needs to know of a transfer before its chunks: its size, the size of every chunk but the last,
   * and the CRC-32C of the whole. A transfer has at least one chunk (an empty one for 0 bytes).
   */
  public record Header(long totalBytes, int chunkBytes, int crc) {
    /** The header of sending {@code bytes} in chunks of {@code chunkBytes}. */
    public static Header of(ChunkedBytes bytes, int chunkBytes) {
      if (chunkBytes < 1) {
        throw new IllegalArgumentException("A chunk holds at least one byte, got " + chunkBytes);
      }
      return new Header(bytes.length(), chunkBytes, SnapshotChunks.crc(bytes));
    }

    /** The number of chunks. */
    public int count() {
      return (int) Math.max(1, (totalBytes + chunkBytes - 1) / chunkBytes);
    }

    /** Where chunk {@code seq} starts in the whole. */
    public long offsetOf(int seq) {
      return (long) seq * chunkBytes;
    }

    /** The length of chunk {@code seq}: {@code chunkBytes}, less for the last one. */
    public int lengthOf(int seq) {
      return (int) Math.min(chunkBytes, totalBytes - offsetOf(seq));
    }
  }

  /** Sends one chunk of a transfer and completes with the receiver's answer to it. */
  @FunctionalInterface
  public interface ChunkSender<R> {
    /**
     * Sends chunk {@code seq} of the transfer {@code header} describes; the answer is the receiver's result when
     * this chunk completed the transfer, else empty.
     */
    CompletionStage<Optional<R>> send(Header header, int seq, byte[] chunk);
  }

  /** Asks for one chunk of a transfer and completes with its bytes. */
  @FunctionalInterface
  public interface ChunkSource {
    CompletionStage<byte[]> chunk(int seq);
  }

  /** The CRC-32C of {@code bytes}, as headers carry it. */
  public static int crc(ChunkedBytes bytes) {
    CRC32C crc = new CRC32C();
    bytes.updateChecksum(crc);
    return (int) crc.getValue();
  }

  /** Chunk {@code seq} of {@code whole} as {@code header} cuts it (a copy of that chunk only). */
  public static byte[] chunk(ChunkedBytes whole, Header header, int seq) {
    return whole.slice(header.offsetOf(seq), header.lengthOf(seq)).toByteArray();
  }

  /**
   * Sends {@code whole} in chunks of {@code chunkBytes}, at most {@code window} unanswered at any time; completes
   * with the one result a chunk's answer carried (the receiver's, once it had them all), or exceptionally with the
   * first failure. No chunk leaves after a failure.
   *
   * @throws IllegalArgumentException when {@code chunkBytes} or {@code window} is below 1
   */
  public static <R> CompletionStage<R> send(ChunkedBytes whole, int chunkBytes, int window,
      ChunkSender<R> sender) {
    checkWindow(window);
    Header header = Header.of(whole, chunkBytes);
    CompletableFuture<R> result = new CompletableFuture<>();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger answered = new AtomicInteger();
    AtomicReference<R> answer = new AtomicReference<>();
    Runnable[] pump = new Runnable[1];
    pump[0] = () -> {
      int seq = next.getAndIncrement();
      if (seq >= header.count() || result.isDone()) {
        return;
      }
      CompletionStage<Optional<R>> sent;
      try {
        sent = sender.send(header, seq, chunk(whole, header, seq));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
        return;
      }
      sent.whenComplete((r, failure) -> {
        if (failure != null) {
          result.completeExceptionally(failure);
          return;
        }
        r.ifPresent(answer::set);
        if (answered.incrementAndGet() == header.count()) {
          if (answer.get() != null) {
            result.complete(answer.get());
          } else {
            result.completeExceptionally(new CheckpointCorruptException("The receiver of a snapshot transfer of "
                + header.count() + " chunks answered every chunk but never completed it."));
          }
        } else {
          pump[0].run();
        }
      });
    };
    for (int i = 0; i < Math.min(window, header.count()); i++) {
      pump[0].run();
    }
    return result;
  }

  /**
   * Pulls the transfer {@code header} describes from {@code source}, at most {@code window} chunks asked and not yet
   * received at any time; completes with the whole (the chunks as they came, not copied into one array), checked
   * against the header's checksum, or exceptionally with the first failure (a chunk that did not come, a wrong
   * length, a damaged whole).
   */
  public static CompletionStage<ChunkedBytes> fetch(Header header, int window, ChunkSource source) {
    checkWindow(window);
    ChunkAssembler assembler = new ChunkAssembler(header);
    CompletableFuture<ChunkedBytes> result = new CompletableFuture<>();
    AtomicInteger next = new AtomicInteger();
    Runnable[] pump = new Runnable[1];
    pump[0] = () -> {
      int seq = next.getAndIncrement();
      if (seq >= header.count() || result.isDone()) {
        return;
      }
      CompletionStage<byte[]> asked;
      try {
        asked = source.chunk(seq);
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
        return;
      }
      asked.whenComplete((bytes, failure) -> {
        if (failure != null) {
          result.completeExceptionally(failure);
          return;
        }
        boolean complete;
        try {
          synchronized (assembler) {
            complete = assembler.accept(seq, bytes);
          }
          if (complete) {
            result.complete(assembler.bytes());
            return;
          }
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
          return;
        }
        pump[0].run();
      });
    };
    for (int i = 0; i < Math.min(window, header.count()); i++) {
      pump[0].run();
    }
    return result;
  }

  private static void checkWindow(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("At least one chunk must be in flight, got a window of " + window);
    }
  }
}
