package io.ember.checkpointing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.operators.state.ChunkedBytes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CodecsTest {
  static Stream<Long> seeds() {
    return Seeds.of("checkpoint-codecs", 100);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void taskSnapshotsAndEpochMetadataRoundTrip(long seed) {
    Seeds.check(seed, random -> {
      long epoch = Gen.betweenWithEdges(random, 0, 1 << 30) * (random.nextBoolean() ? 1L : 1L << 20);
      List<TaskSnapshot> snapshots = Fixtures.epoch(random, epoch, Gen.between(random, 0, 3),
          Gen.between(random, 1, 3), 300);
      for (TaskSnapshot s : snapshots) {
        byte[] encoded = s.encode();
        TaskSnapshot back = TaskSnapshot.decode(encoded);
        assertEquals(s, back);
        assertArrayEquals(encoded, back.encode());
      }
      long watermark = random.nextBoolean() ? Long.MIN_VALUE : Gen.anyLong(random);
      EpochMetadata meta = Fixtures.metadata(Gen.string(random, 10) + "q", epoch, watermark, snapshots);
      if (!snapshots.isEmpty() && random.nextBoolean()) {
        meta = new EpochMetadata(meta.queryId(), epoch, watermark, meta.tasks(), meta.sourceOffsets(),
            new TreeMap<>(Map.of(snapshots.get(0).key(), Fixtures.bytes(random, 40))), meta.completedAtMillis());
      }
      EpochMetadata back = EpochMetadata.decode(meta.encode());
      assertEquals(meta, back);
      assertEquals(meta.snapshotBytes(), back.snapshotBytes());
      for (TaskSnapshot s : snapshots) {
        assertTrue(back.task(s.key()).matches(s.encode()));
      }
    });
  }

  @Test
  void nullOperatorStatesAndOffsetsSurvive() {
    TaskSnapshot s = new TaskSnapshot(new TaskStateKey(3, 1), 7,
        Arrays.asList(null, ChunkedBytes.wrap(new byte[0]), ChunkedBytes.wrap(new byte[] {1, 2})), null);
    TaskSnapshot back = TaskSnapshot.decode(s.encode());
    assertEquals(null, back.operatorStates().get(0));
    assertArrayEquals(new byte[0], back.operatorStates().get(1).toByteArray());
    assertEquals(null, back.sourceOffsets());
    assertEquals(2, back.stateBytes());
  }

  @Test
  void anotherFormatVersionIsRejectedNamingBothVersions() {
    byte[] snapshot = new TaskSnapshot(new TaskStateKey(0, 0), 1, List.of(ChunkedBytes.wrap(new byte[] {9})), null).encode();
    snapshot[1] = (byte) (TaskSnapshot.FORMAT_VERSION + 1);
    CheckpointVersionException e = assertThrows(CheckpointVersionException.class,
        () -> TaskSnapshot.decode(snapshot));
    assertEquals("INCOMPATIBLE_STATE", e.errorClass());
    assertEquals(TaskSnapshot.FORMAT_VERSION + 1, e.foundVersion());
    assertTrue(e.getMessage().contains("task snapshot has format version " + (TaskSnapshot.FORMAT_VERSION + 1)
        + " but this Ember reads version " + TaskSnapshot.FORMAT_VERSION), e.getMessage());
    snapshot[1] = 1; // the format before deltas
    CheckpointVersionException old = assertThrows(CheckpointVersionException.class,
        () -> TaskSnapshot.decode(snapshot));
    assertTrue(old.getMessage().contains("format version 1 but this Ember reads version 2"), old.getMessage());

    byte[] meta = Fixtures.metadata("q", 0, 0, List.of()).encode();
    meta[1] = 0;
    CheckpointVersionException m = assertThrows(CheckpointVersionException.class, () -> EpochMetadata.decode(meta));
    assertTrue(m.getMessage().contains("epoch metadata has format version 0"), m.getMessage());
  }

  @Test
  void bytesOfAnotherKindTruncatedOrWithTrailingBytesAreRejected() {
    byte[] meta = Fixtures.metadata("q", 4, 0, List.of()).encode();
    CheckpointCorruptException kind = assertThrows(CheckpointCorruptException.class,
        () -> TaskSnapshot.decode(meta));
    assertTrue(kind.getMessage().contains("not one"), kind.getMessage());

    byte[] snapshot = new TaskSnapshot(new TaskStateKey(1, 2), 3, List.of(ChunkedBytes.wrap(new byte[100])), new byte[8]).encode();
    for (int cut : new int[] {0, 1, 2, 5, snapshot.length / 2, snapshot.length - 1}) {
      byte[] torn = Arrays.copyOf(snapshot, cut);
      CheckpointCorruptException e = assertThrows(CheckpointCorruptException.class, () -> TaskSnapshot.decode(torn));
      assertEquals(CheckpointCorruptException.ERROR_CLASS, e.errorClass());
    }
    byte[] longer = Arrays.copyOf(snapshot, snapshot.length + 3);
    assertThrows(CheckpointCorruptException.class, () -> TaskSnapshot.decode(longer));
  }

  @Test
  void valuesRejectWhatTheyCannotMean() {
    assertThrows(IllegalArgumentException.class, () -> new TaskStateKey(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> new TaskSnapshot(new TaskStateKey(0, 0), -1, List.of(), null));
    EpochMetadata.TaskEntry e = new EpochMetadata.TaskEntry(new TaskStateKey(0, 0), 1, 2);
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> new EpochMetadata("q", 0, 0, List.of(e, e), new TreeMap<>(), new TreeMap<>(), 0));
    assertTrue(twice.getMessage().contains("twice"));
  }
}
