package io.ember.runtime.remote;

import io.ember.checkpointing.ChunkAssembler;
import io.ember.checkpointing.SnapshotChunks;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.operators.state.ChunkedBytes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A {@link TaskHost}'s snapshot transfers in chunks (see {@link SnapshotChunks}), for snapshots larger than one
 * message between nodes: the ones coming in ({@link TaskHost.StoreChunk}), assembled until complete and only then
 * handed to the replica store, and the ones going out ({@link TaskHost.FetchChunk}), whose bytes are kept until every
 * chunk was asked for. A transfer that no chunk touched for {@link #IDLE} (its sender or fetcher was lost, or gave
 * up) is dropped with its bytes, as are a job's transfers when the job is removed: a partial snapshot is never
 * stored. Not thread-safe: the host's actor owns it.
 */
final class ReplicaTransfers {
  /** How long a transfer waits for its next chunk before it is dropped. */
  static final Duration IDLE = ClusterReplicas.TIMEOUT.multipliedBy(2);

  private record Incoming(String jobId, ChunkAssembler assembler, long touchedNanos) {}

  private record Outgoing(String jobId, ChunkedBytes bytes, SnapshotChunks.Header header, boolean[] asked, int left,
      long touchedNanos) {}

  private final Map<String, Incoming> incoming = new HashMap<>();
  private final Map<String, Outgoing> outgoing = new HashMap<>();

  /**
   * Takes chunk {@code seq} of incoming transfer {@code transfer}: the whole snapshot's bytes once it was the last one
   * missing (checked against the header's checksum), else null.
   *
   * @throws EmberRuntimeException when the chunk does not fit the transfer or the whole is damaged; the transfer is
   *     dropped
   */
  ChunkedBytes receive(String transfer, String jobId, SnapshotChunks.Header header, int seq, byte[] chunk,
      long nowNanos) {
    expire(nowNanos);
    Incoming in = incoming.get(transfer);
    if (in == null) {
      in = new Incoming(jobId, new ChunkAssembler(header), nowNanos);
    } else if (!in.assembler().header().equals(header)) {
      incoming.remove(transfer);
      throw new EmberRuntimeException("REPLICA_REFUSED", "Chunk " + seq + " of snapshot transfer " + transfer
          + " names another transfer (" + header + ") than its first chunk (" + in.assembler().header() + ")");
    }
    try {
      if (in.assembler().accept(seq, chunk)) {
        incoming.remove(transfer);
        return in.assembler().bytes();
      }
    } catch (RuntimeException e) {
      incoming.remove(transfer);
      throw e;
    }
    incoming.put(transfer, new Incoming(jobId, in.assembler(), nowNanos));
    return null;
  }

  /** Keeps {@code bytes} of job {@code jobId} for a fetch in chunks of {@code chunkBytes}; returns the transfer's id. */
  String offer(String jobId, ChunkedBytes bytes, int chunkBytes, long nowNanos) {
    expire(nowNanos);
    String transfer = UUID.randomUUID().toString();
    SnapshotChunks.Header header = SnapshotChunks.Header.of(bytes, chunkBytes);
    outgoing.put(transfer, new Outgoing(jobId, bytes, header, new boolean[header.count()], header.count(), nowNanos));
    return transfer;
  }

  /** The header of outgoing transfer {@code transfer}. */
  SnapshotChunks.Header headerOf(String transfer) {
    return outgoing.get(transfer).header();
  }

  /**
   * Chunk {@code seq} of outgoing transfer {@code transfer}; the transfer ends once every chunk was asked for.
   *
   * @throws EmberRuntimeException when the transfer is unknown (ended, expired or its job removed) or has no such chunk
   */
  byte[] chunk(String transfer, int seq, long nowNanos) {
    expire(nowNanos);
    Outgoing out = outgoing.get(transfer);
    if (out == null) {
      throw new EmberRuntimeException("REPLICA_UNAVAILABLE", "Snapshot transfer " + transfer + " is not kept here"
          + " (it ended, waited longer than " + IDLE.toSeconds() + " s for its next chunk, or its job was removed)");
    }
    if (seq < 0 || seq >= out.header().count()) {
      throw new EmberRuntimeException("REPLICA_REFUSED", "Snapshot transfer " + transfer + " has no chunk " + seq);
    }
    int left = out.left() - (out.asked()[seq] ? 0 : 1);
    out.asked()[seq] = true;
    if (left == 0) {
      outgoing.remove(transfer);
    } else {
      outgoing.put(transfer, new Outgoing(out.jobId(), out.bytes(), out.header(), out.asked(), left, nowNanos));
    }
    return SnapshotChunks.chunk(out.bytes(), out.header(), seq);
  }

  /** Drops the job's transfers in both directions. */
  void dropJob(String jobId) {
    incoming.values().removeIf(t -> t.jobId().equals(jobId));
    outgoing.values().removeIf(t -> t.jobId().equals(jobId));
  }

  /** How many transfers are kept (both directions). */
  int size() {
    return incoming.size() + outgoing.size();
  }

  private void expire(long nowNanos) {
    long idle = IDLE.toNanos();
    incoming.values().removeIf(t -> nowNanos - t.touchedNanos() > idle);
    outgoing.values().removeIf(t -> nowNanos - t.touchedNanos() > idle);
  }
}
