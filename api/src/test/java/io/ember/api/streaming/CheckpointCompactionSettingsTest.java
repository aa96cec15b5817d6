package io.ember.api.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.checkpointing.CompactionPolicy;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session's {@code spark.sql.streaming.stateStore.minDeltasForSnapshot} and Ember's
 * {@code ember.checkpoint.snapshotDeltaFraction} / {@code maxDeltasForSnapshot} choose when a query's checkpoint
 * location compacts its state chains ({@link CompactionPolicy}).
 */
@Timeout(300)
class CheckpointCompactionSettingsTest extends StreamingSessionTest {
  @TempDir
  Path tmp;

  /** The state files of every task in {@code checkpoint}, as "vertex/task/name". */
  private static List<String> stateFiles(Path checkpoint) throws IOException {
    Path state = checkpoint.resolve("state");
    if (!Files.isDirectory(state)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(state)) {
      return files.filter(Files::isRegularFile).map(p -> state.relativize(p).toString()).sorted().toList();
    }
  }

  /** Whether some task has a compacted {@code <epoch>.snapshot} beside its {@code <epoch>.delta}. */
  private static boolean compacted(List<String> files) {
    return files.stream().anyMatch(f -> f.endsWith(".delta")
        && files.contains(f.substring(0, f.length() - ".delta".length()) + ".snapshot"));
  }

  @Test
  void sparksMinDeltasForSnapshotWithNoSizeFractionCompactsEveryFewDeltas() throws Exception {
    session.conf().set(CompactionPolicy.MIN_DELTAS_KEY, "2");
    session.conf().set(CompactionPolicy.DELTA_FRACTION_KEY, "0");
    try {
      Path in = Files.createDirectories(tmp.resolve("in"));
      Path cp = tmp.resolve("checkpoint");
      List<Path> files = CheckpointLocationTest.writeFiles(tmp.resolve("staging"));
      StreamingQuery q = CheckpointLocationTest.start(in, tmp.resolve("out"), cp);
      CheckpointLocationTest.feed(q, files.subList(0, 6), in); // an epoch per file at least: deltas after the first
      q.stop();
      assertFalse(q.exception().isPresent());
      long deadline = System.nanoTime() + 60_000_000_000L; // compactions run in the background: bound a hang only
      while (!compacted(stateFiles(cp)) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(compacted(stateFiles(cp)), "a .snapshot beside a .delta: " + stateFiles(cp));
    } finally {
      session.conf().unset(CompactionPolicy.MIN_DELTAS_KEY);
      session.conf().unset(CompactionPolicy.DELTA_FRACTION_KEY);
    }
  }

  @Test
  void aBadCompactionSettingIsRefusedWhenTheQueryStarts() throws Exception {
    session.conf().set(CompactionPolicy.DELTA_FRACTION_KEY, "half");
    try {
      Path in = Files.createDirectories(tmp.resolve("in"));
      EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
          () -> CheckpointLocationTest.start(in, tmp.resolve("out"), tmp.resolve("checkpoint")));
      assertEquals("INVALID_CONF_VALUE", e.errorClass());
      assertTrue(e.getMessage().contains("'half' of ember.checkpoint.snapshotDeltaFraction"), e.getMessage());
    } finally {
      session.conf().unset(CompactionPolicy.DELTA_FRACTION_KEY);
    }
  }
}
