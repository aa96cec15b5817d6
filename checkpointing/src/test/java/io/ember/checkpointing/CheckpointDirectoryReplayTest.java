package io.ember.checkpointing;

import static io.ember.checkpointing.CheckpointDirectoryTest.SHAPE;
import static io.ember.checkpointing.CheckpointDirectoryTest.assertEpoch;
import static io.ember.checkpointing.CheckpointDirectoryTest.snapshots;
import static io.ember.checkpointing.CheckpointDirectoryTest.writeEpoch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink commit log and the replay of an epoch the sinks did not commit ({@link CheckpointDirectory}). */
class CheckpointDirectoryReplayTest {
  @TempDir
  Path dir;

  @Test
  void theSinkCommitLogRecordsCommittedEpochsAndRetentionPrunesIt() {
    CheckpointDirectory d = CheckpointDirectory.open(dir, SHAPE, 2);
    writeEpoch(d, 0, 2);
    assertFalse(d.sinksCommitted(0));
    assertThrows(IllegalStateException.class, () -> d.markSinksCommitted(1), "epoch 1 is not complete");
    d.markSinksCommitted(0);
    assertTrue(d.sinksCommitted(0));
    assertTrue(Files.isRegularFile(dir.resolve("sinks/0")));
    writeEpoch(d, 1, 2);
    d.markSinksCommitted(1);
    writeEpoch(d, 2, 2);
    assertFalse(d.sinksCommitted(0), "retention keeps the newest 2 epochs");
    assertTrue(d.sinksCommitted(1));
    assertFalse(d.sinksCommitted(2));
    assertTrue(CheckpointDirectory.open(dir, SHAPE, 2).sinksCommitted(1), "the log survives a restart");
  }

  @Test
  void aReplayResumesFromTheEpochBeforeAndKeepsTheReplayedOffsetsUntilTheEpochIsWrittenAgain() {
    CheckpointDirectory d = CheckpointDirectory.open(dir, SHAPE, 100);
    for (long e = 0; e < 3; e++) {
      writeEpoch(d, e, 2);
    }
    List<TaskSnapshot> two = snapshots(2, 2);
    EpochMetadata replayed = d.beginReplay(2);
    assertEquals(Fixtures.metadata(d.queryId(), 2, 20, two), replayed);
    assertEquals(OptionalLong.of(1), d.latestCompleteEpoch());
    assertFalse(Files.exists(dir.resolve("offsets/2")));
    assertFalse(Files.exists(dir.resolve("state/1/0/2.snapshot")));
    assertEquals(Optional.of(replayed), d.pendingReplay());

    CheckpointDirectory restarted = CheckpointDirectory.open(dir, SHAPE, 100);
    assertEquals(Optional.of(replayed), restarted.pendingReplay(), "a killed replay is found at the next start");
    assertEpoch(restarted, 1, 2);
    writeEpoch(restarted, 2, 2);
    assertEquals(Optional.empty(), restarted.pendingReplay());
    assertFalse(Files.exists(dir.resolve("replay/2")));
    assertEpoch(restarted, 2, 2);
  }

  @Test
  void aReplayOfEpochZeroStartsFromNothing() {
    CheckpointDirectory d = CheckpointDirectory.open(dir, SHAPE, 100);
    writeEpoch(d, 0, 1);
    d.beginReplay(0);
    assertEquals(OptionalLong.empty(), d.latestCompleteEpoch());
    assertEquals(0, d.pendingReplay().orElseThrow().epoch());
    assertEquals(0, CheckpointDirectory.open(dir, SHAPE, 100).pendingReplay().orElseThrow().epoch());
  }

  @Test
  void onlyTheLatestEpochWithItsPredecessorKeptCanBeReplayed() {
    CheckpointDirectory d = CheckpointDirectory.open(dir, SHAPE, 1);
    writeEpoch(d, 0, 1);
    writeEpoch(d, 1, 1);
    assertThrows(IllegalStateException.class, () -> d.beginReplay(0), "not the latest");
    assertThrows(IllegalStateException.class, () -> d.beginReplay(1), "epoch 0 was removed by retention");
    assertEquals(OptionalLong.of(1), d.latestCompleteEpoch());
    assertThrows(IllegalStateException.class,
        () -> CheckpointDirectory.openForReading(dir).beginReplay(1));
  }

  @Test
  void aCrashAnywhereInBeginReplayLeavesTheEpochWholeOrTheReplayPending() {
    for (int crashAt = 0; ; crashAt++) {
      Path location = dir.resolve("crash-" + crashAt);
      CheckpointDirectory first = CheckpointDirectory.open(location, SHAPE, 100, new CrashingFiles(-1, false));
      writeEpoch(first, 0, 2);
      writeEpoch(first, 1, 2);
      CrashingFiles files = new CrashingFiles(crashAt, false);
      CheckpointDirectory crashing = CheckpointDirectory.open(location, SHAPE, 100, files);
      boolean crashed;
      try {
        crashing.beginReplay(1);
        crashed = false;
      } catch (CrashingFiles.Crash expected) {
        crashed = true;
      }
      CheckpointDirectory restarted = CheckpointDirectory.open(location, SHAPE, 100, new CrashingFiles(-1, false));
      long latest = restarted.latestCompleteEpoch().orElseThrow();
      if (latest == 1) {
        assertTrue(crashed);
        assertEpoch(restarted, 1, 2); // the replay never started: the next start decides again
      } else {
        assertEquals(0, latest, "crash at " + crashAt);
        assertEquals(1, restarted.pendingReplay().orElseThrow().epoch(), "crash at " + crashAt);
        assertEpoch(restarted, 0, 2);
        writeEpoch(restarted, 1, 2);
        assertEpoch(restarted, 1, 2);
      }
      if (!crashed) {
        return;
      }
    }
  }
}
