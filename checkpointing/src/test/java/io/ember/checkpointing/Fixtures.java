package io.ember.checkpointing;

import io.ember.core.testing.Gen;
import io.ember.operators.state.ChunkedBytes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/** Random snapshots and the epoch metadata that lists them. */
final class Fixtures {
  private Fixtures() {}

  static byte[] bytes(Random random, int maxLength) {
    byte[] b = new byte[Gen.betweenWithEdges(random, 0, maxLength)];
    random.nextBytes(b);
    return b;
  }

  static TaskSnapshot snapshot(Random random, TaskStateKey key, long epoch, int maxStateBytes) {
    List<ChunkedBytes> states = new ArrayList<>();
    int operators = Gen.between(random, 0, 4);
    for (int i = 0; i < operators; i++) {
      states.add(random.nextInt(4) == 0 ? null : ChunkedBytes.wrap(bytes(random, maxStateBytes)));
    }
    byte[] offsets = random.nextBoolean() ? null : bytes(random, 64);
    return new TaskSnapshot(key, epoch, states, offsets);
  }

  /** One snapshot for each of {@code vertices} × {@code tasks}. */
  static List<TaskSnapshot> epoch(Random random, long epoch, int vertices, int tasks, int maxStateBytes) {
    List<TaskSnapshot> out = new ArrayList<>();
    for (int v = 0; v < vertices; v++) {
      for (int t = 0; t < tasks; t++) {
        out.add(snapshot(random, new TaskStateKey(v, t), epoch, maxStateBytes));
      }
    }
    return out;
  }

  /** The metadata listing {@code snapshots}, with the source offsets they carry. */
  static EpochMetadata metadata(String queryId, long epoch, long watermark, Collection<TaskSnapshot> snapshots) {
    List<EpochMetadata.TaskEntry> entries = new ArrayList<>();
    SortedMap<TaskStateKey, byte[]> offsets = new TreeMap<>();
    for (TaskSnapshot s : snapshots) {
      entries.add(EpochMetadata.TaskEntry.of(s.key(), s.encode()));
      if (s.sourceOffsets() != null) {
        offsets.put(s.key(), s.sourceOffsets());
      }
    }
    return new EpochMetadata(queryId, epoch, watermark, entries, offsets, new TreeMap<>(), 1_700_000_000_000L + epoch);
  }
}
