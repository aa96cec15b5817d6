package io.ember.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A writer killed at a random file operation (possibly mid-write), restarted, killed again and so on: after every
 * restart the latest complete epoch is the last one whose commit was written, every kept epoch reads back whole
 * and equal to what was written, and retention converges to the newest {@code minBatchesToRetain} epochs.
 */
class CheckpointCrashPropertyTest {
  static final QueryFingerprint SHAPE = QueryFingerprint.of(Map.of("stateful operator 1", "Aggregate"));

  @TempDir
  Path root;

  static Stream<Long> seeds() {
    return Seeds.of("checkpoint-crash", 40);
  }

  /** Snapshots of {@code epoch}: the task count varies by epoch, as after a rescale. */
  static List<TaskSnapshot> snapshots(long seed, long epoch) {
    Random r = new Random(seed * 31 + epoch);
    return Fixtures.epoch(r, epoch, Gen.between(r, 1, 2), Gen.between(r, 1, 3), 300);
  }

  static int writes(long seed, long epoch) {
    return snapshots(seed, epoch).size() + 2;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void restartsAfterRandomCrashesResumeFromTheLastCommittedEpoch(long seed) {
    Seeds.check(seed, random -> {
      Path location = root.resolve("q" + Long.toHexString(seed));
      int retain = Gen.between(random, 1, 4);
      long latest = -1;
      for (int run = 0; run < Gen.between(random, 1, 4); run++) {
        CrashingFiles files = new CrashingFiles(Gen.between(random, 0, 30), random.nextBoolean());
        CheckpointDirectory d;
        try {
          d = CheckpointDirectory.open(location, SHAPE, retain, files);
        } catch (CrashingFiles.Crash crashedWhileCleaningUp) {
          continue;
        }
        try {
          while (true) {
            long epoch = latest + 1;
            int before = files.operations();
            try {
              List<TaskSnapshot> s = snapshots(seed, epoch);
              d.write(Fixtures.metadata(d.queryId(), epoch, epoch, s), s);
              latest = epoch;
            } catch (CrashingFiles.Crash crash) {
              if (files.operations() - before > writes(seed, epoch)) {
                latest = epoch; // killed while retention deleted older epochs: the commit was written
              }
              throw crash;
            }
          }
        } catch (CrashingFiles.Crash crash) {
          check(location, seed, retain, latest, false);
        }
      }
      CheckpointDirectory d = CheckpointDirectory.open(location, SHAPE, retain, new CrashingFiles(-1, false));
      for (int i = 0; i < 2; i++) {
        long epoch = latest + 1;
        List<TaskSnapshot> s = snapshots(seed, epoch);
        d.write(Fixtures.metadata(d.queryId(), epoch, epoch, s), s);
        latest = epoch;
      }
      check(location, seed, retain, latest, true);
    });
  }

  private static void check(Path location, long seed, int retain, long latest, boolean settled) {
    CheckpointDirectory d = CheckpointDirectory.open(location, SHAPE, retain, new CrashingFiles(-1, false));
    assertEquals(latest < 0 ? OptionalLong.empty() : OptionalLong.of(latest), d.latestCompleteEpoch());
    List<Long> kept = d.completeEpochs();
    for (long epoch : kept) {
      List<TaskSnapshot> expected = snapshots(seed, epoch);
      CheckpointedEpoch read = d.read(epoch);
      assertEquals(Fixtures.metadata(d.queryId(), epoch, epoch, expected), read.metadata());
      assertEquals(expected, new ArrayList<>(read.snapshots().values()));
    }
    if (settled) {
      assertEquals(LongStream.rangeClosed(Math.max(0, latest - retain + 1), latest).boxed().toList(), kept);
    } else {
      assertTrue(kept.isEmpty() || kept.get(kept.size() - 1) == latest);
    }
    try (Stream<Path> all = Files.walk(location)) {
      assertEquals(List.of(), all.filter(CheckpointFiles::isTemporary).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
