package io.ember.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.checkpointing.CheckpointCorruptException;
import io.ember.checkpointing.SnapshotChunks;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.operators.state.ChunkedBytes;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A task host's chunked transfers without actors: assembly, refusal, and dropping what will not complete. */
class ReplicaTransfersTest {
  private static final long IDLE = ReplicaTransfers.IDLE.toNanos();

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  @Test
  void anIncomingTransferGivesItsBytesOnlyWithItsLastChunk() {
    ReplicaTransfers transfers = new ReplicaTransfers();
    ChunkedBytes whole = ChunkedBytes.wrap(bytes(300));
    SnapshotChunks.Header h = SnapshotChunks.Header.of(whole, 100);
    assertNull(transfers.receive("t", "job", h, 2, SnapshotChunks.chunk(whole, h, 2), 0));
    assertNull(transfers.receive("t", "job", h, 0, SnapshotChunks.chunk(whole, h, 0), 1));
    assertEquals(1, transfers.size());
    assertEquals(whole, transfers.receive("t", "job", h, 1, SnapshotChunks.chunk(whole, h, 1), 2));
    assertEquals(0, transfers.size(), "a completed transfer is forgotten");
  }

  @Test
  void aDamagedOrMismatchedTransferIsRefusedAndDropped() {
    ReplicaTransfers transfers = new ReplicaTransfers();
    ChunkedBytes whole = ChunkedBytes.wrap(bytes(150));
    SnapshotChunks.Header h = SnapshotChunks.Header.of(whole, 100);
    transfers.receive("t", "job", h, 0, SnapshotChunks.chunk(whole, h, 0), 0);
    byte[] damaged = SnapshotChunks.chunk(whole, h, 1);
    damaged[0] ^= 1;
    assertThrows(CheckpointCorruptException.class, () -> transfers.receive("t", "job", h, 1, damaged, 1));
    assertEquals(0, transfers.size());
    transfers.receive("u", "job", h, 0, SnapshotChunks.chunk(whole, h, 0), 2);
    SnapshotChunks.Header other = new SnapshotChunks.Header(150, 100, h.crc() + 1);
    assertThrows(EmberRuntimeException.class,
        () -> transfers.receive("u", "job", other, 1, SnapshotChunks.chunk(whole, h, 1), 3));
    assertEquals(0, transfers.size());
  }

  @Test
  void aTransferWhoseSenderWentQuietOrWhoseJobEndedIsDropped() {
    ReplicaTransfers transfers = new ReplicaTransfers();
    ChunkedBytes whole = ChunkedBytes.wrap(bytes(250));
    SnapshotChunks.Header h = SnapshotChunks.Header.of(whole, 100);
    transfers.receive("lost-sender", "job", h, 0, SnapshotChunks.chunk(whole, h, 0), 0);
    transfers.receive("kept", "job", h, 0, SnapshotChunks.chunk(whole, h, 0), IDLE);
    transfers.receive("other-job", "job2", h, 0, SnapshotChunks.chunk(whole, h, 0), IDLE);
    assertNull(transfers.receive("kept", "job", h, 1, SnapshotChunks.chunk(whole, h, 1), IDLE + 1));
    assertEquals(2, transfers.size(), "the quiet one expired");
    transfers.dropJob("job2");
    assertEquals(1, transfers.size());
    // the quiet sender's chunks are gone: its last chunk alone does not complete anything
    assertNull(transfers.receive("lost-sender", "job", h, 2, SnapshotChunks.chunk(whole, h, 2), IDLE + 2));
  }

  @Test
  void anOutgoingTransferServesEachChunkAndEndsWhenAllWereAsked() {
    ReplicaTransfers transfers = new ReplicaTransfers();
    ChunkedBytes whole = ChunkedBytes.wrap(bytes(201));
    String t = transfers.offer("job", whole, 100, 0);
    SnapshotChunks.Header h = transfers.headerOf(t);
    assertEquals(3, h.count());
    assertArrayEquals(SnapshotChunks.chunk(whole, h, 2), transfers.chunk(t, 2, 1));
    assertArrayEquals(SnapshotChunks.chunk(whole, h, 0), transfers.chunk(t, 0, 1));
    assertThrows(EmberRuntimeException.class, () -> transfers.chunk(t, 3, 1));
    assertArrayEquals(SnapshotChunks.chunk(whole, h, 1), transfers.chunk(t, 1, 1));
    assertThrows(EmberRuntimeException.class, () -> transfers.chunk(t, 0, 2), "ended");
    String quiet = transfers.offer("job", whole, 100, 10);
    assertThrows(EmberRuntimeException.class, () -> transfers.chunk(quiet, 0, 11 + IDLE), "expired");
    String dropped = transfers.offer("job", whole, 100, 20);
    transfers.dropJob("job");
    assertThrows(EmberRuntimeException.class, () -> transfers.chunk(dropped, 0, 21));
  }
}
