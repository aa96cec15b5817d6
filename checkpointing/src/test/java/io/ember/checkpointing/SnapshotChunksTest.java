package io.ember.checkpointing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.operators.state.ChunkedBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Chunked snapshot transfers without actors: answers come back in a random order the test drives, so the window,
 * the assembly in any order and the checksum are checked on every interleaving a seed gives.
 */
class SnapshotChunksTest {
  static Stream<Long> seeds() {
    return Seeds.of("snapshot-chunks", 60);
  }

  /** Sizes that matter: empty, one byte, exact multiples of the chunk and one off them, and random ones. */
  private static int size(Random random, int chunk) {
    return switch (random.nextInt(6)) {
      case 0 -> 0;
      case 1 -> Gen.between(random, 1, 3) * chunk;
      case 2 -> Gen.between(random, 1, 3) * chunk + 1;
      case 3 -> Gen.between(random, 1, 3) * chunk - 1;
      case 4 -> 1;
      default -> random.nextInt(40 * chunk);
    };
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** Answers not given yet, each completed when the test picks it. */
  private static final class Pending {
    final List<Runnable> answers = new ArrayList<>();
    int inFlight;
    int maxInFlight;

    void add(Runnable answer) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      answers.add(answer);
    }

    void drain(Random random) {
      while (!answers.isEmpty()) {
        Runnable next = answers.remove(random.nextInt(answers.size()));
        inFlight--;
        next.run();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aSentTransferIsAssembledWholeInAnyOrderWithAtMostTheWindowInFlight(long seed) {
    Seeds.check(seed, random -> {
      int chunkBytes = Gen.between(random, 1, 64);
      byte[] whole = bytes(random, size(random, chunkBytes));
      int window = Gen.between(random, 1, 6);
      Pending pending = new Pending();
      ChunkAssembler[] receiver = new ChunkAssembler[1];
      List<Integer> completing = new ArrayList<>();
      CompletableFuture<byte[]> result = SnapshotChunks.<byte[]>send(ChunkedBytes.wrap(whole), chunkBytes, window,
          (header, seq, chunk) -> {
            CompletableFuture<Optional<byte[]>> answer = new CompletableFuture<>();
            pending.add(() -> {
              if (receiver[0] == null) {
                receiver[0] = new ChunkAssembler(header);
              }
              if (receiver[0].accept(seq, chunk)) {
                completing.add(seq);
                answer.complete(Optional.of(receiver[0].bytes().toByteArray()));
              } else {
                assertThrows(IllegalStateException.class, receiver[0]::bytes, "a partial transfer gives nothing");
                answer.complete(Optional.empty());
              }
            });
            return answer;
          }).toCompletableFuture();
      pending.drain(random);
      assertArrayEquals(whole, result.join());
      assertEquals(1, completing.size(), "one chunk completes the transfer");
      assertTrue(pending.maxInFlight <= window, pending.maxInFlight + " chunks in flight, window " + window);
      int count = Math.max(1, (whole.length + chunkBytes - 1) / chunkBytes);
      assertEquals(count, receiver[0].header().count());
      assertEquals(Math.min(window, count), pending.maxInFlight, "the window is used");
    });
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aFetchedTransferIsAssembledWholeInAnyOrderWithAtMostTheWindowInFlight(long seed) {
    Seeds.check(seed, random -> {
      int chunkBytes = Gen.between(random, 1, 64);
      byte[] whole = bytes(random, size(random, chunkBytes));
      int window = Gen.between(random, 1, 6);
      SnapshotChunks.Header header = SnapshotChunks.Header.of(ChunkedBytes.wrap(whole), chunkBytes);
      Pending pending = new Pending();
      List<Integer> asked = new ArrayList<>();
      CompletableFuture<ChunkedBytes> result = SnapshotChunks.fetch(header, window, seq -> {
        asked.add(seq);
        CompletableFuture<byte[]> chunk = new CompletableFuture<>();
        pending.add(() -> chunk.complete(SnapshotChunks.chunk(ChunkedBytes.wrap(whole), header, seq)));
        return chunk;
      }).toCompletableFuture();
      pending.drain(random);
      assertArrayEquals(whole, result.join().toByteArray());
      assertEquals(header.count(), asked.size(), "every chunk asked once");
      assertTrue(pending.maxInFlight <= window);
    });
  }

  @Test
  void anEncodedSnapshotLargerThanAChunkComesBackEqual() {
    Random random = new Random(11);
    TaskSnapshot snapshot = new TaskSnapshot(new TaskStateKey(3, 1), 7, 5,
        List.of(ChunkedBytes.wrap(bytes(random, 10_000)), ChunkedBytes.wrap(bytes(random, 333))), bytes(random, 17));
    ChunkedBytes encoded = snapshot.encodeChunked();
    ChunkedBytes received = SnapshotChunks.fetch(SnapshotChunks.Header.of(encoded, 1_000), 3,
        seq -> CompletableFuture.completedFuture(
            SnapshotChunks.chunk(encoded, SnapshotChunks.Header.of(encoded, 1_000), seq)))
        .toCompletableFuture().join();
    assertEquals(snapshot, TaskSnapshot.decode(received));
  }

  @Test
  void aDamagedChunkFailsTheChecksumAndAWrongOrRepeatedChunkIsRefused() {
    byte[] whole = bytes(new Random(3), 250);
    SnapshotChunks.Header header = SnapshotChunks.Header.of(ChunkedBytes.wrap(whole), 100);
    assertEquals(3, header.count());
    ChunkAssembler assembler = new ChunkAssembler(header);
    assertFalse(assembler.accept(0, SnapshotChunks.chunk(ChunkedBytes.wrap(whole), header, 0)));
    assertThrows(CheckpointCorruptException.class, () -> assembler.accept(0, SnapshotChunks.chunk(ChunkedBytes.wrap(whole), header, 0)));
    assertThrows(CheckpointCorruptException.class, () -> assembler.accept(2, new byte[49]), "the last holds 50");
    assertThrows(CheckpointCorruptException.class, () -> assembler.accept(3, new byte[0]));
    assertThrows(IllegalStateException.class, assembler::bytes);
    byte[] damaged = SnapshotChunks.chunk(ChunkedBytes.wrap(whole), header, 1);
    damaged[17] ^= 1;
    assertFalse(assembler.accept(1, damaged));
    assertTrue(assembler.accept(2, SnapshotChunks.chunk(ChunkedBytes.wrap(whole), header, 2)));
    assertThrows(CheckpointCorruptException.class, assembler::bytes);
  }

  @Test
  void aFailedChunkFailsTheTransferAndNoChunkLeavesAfterIt() {
    byte[] whole = bytes(new Random(4), 1_000);
    List<Integer> sent = new ArrayList<>();
    List<CompletableFuture<Optional<String>>> answers = new ArrayList<>();
    CompletableFuture<String> result = SnapshotChunks.<String>send(ChunkedBytes.wrap(whole), 100, 2, (header, seq, chunk) -> {
      sent.add(seq);
      CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
      answers.add(answer);
      return answer;
    }).toCompletableFuture();
    assertEquals(List.of(0, 1), sent, "two in flight");
    answers.get(0).complete(Optional.empty());
    assertEquals(List.of(0, 1, 2), sent, "one more once one was answered");
    answers.get(1).completeExceptionally(new IllegalStateException("holder lost"));
    answers.get(2).complete(Optional.empty());
    assertEquals(List.of(0, 1, 2), sent, "nothing after the failure");
    CompletionException e = assertThrows(CompletionException.class, result::join);
    assertEquals("holder lost", e.getCause().getMessage());
  }

  @Test
  void aReceiverThatNeverCompletesTheTransferFailsIt() {
    CompletableFuture<String> result = SnapshotChunks.<String>send(ChunkedBytes.wrap(new byte[10]), 4, 2,
        (header, seq, chunk) -> CompletableFuture.completedFuture(Optional.empty())).toCompletableFuture();
    assertThrows(CompletionException.class, result::join);
  }
}
