package io.ember.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.runtime.CheckpointRestoreTest.ReplayableSource;
import io.ember.runtime.FaultInjection.Plan;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Recovery of a streaming job from task failures: a running sum per key over a replayable two-partition
 * stream, hash-exchanged to two tasks that fail as {@link FaultInjection} says, gives exactly the committed output of a
 * failure-free run; every epoch is committed once, in order; a job that keeps failing stops with the error.
 */
@Timeout(180)
class TaskFailureRecoveryTest {
  private static final String FAULT = "recovery-test";
  private static final int TOTAL = 4000;
  private static LocalRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = LocalRuntime.start(4);
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  @AfterEach
  void disarm() {
    FaultInjection.disarm(FAULT);
  }

  /** Source (2 partitions) -> hash by key -> running sum and the fault (2 tasks) -> sink (2 tasks). */
  private static JobGraph graph(ReplayableSource in, EpochSink out) {
    return new JobGraph(
        List.of(new Vertex.SourceVertex(1, 2, in),
            new Vertex.OperatorVertex(2, 2, List.of(CheckpointRestoreTest.runningSum(), new FaultInjection.Spec(FAULT, QueueSource.KVE))),
            new Vertex.SinkVertex(3, 2, out, QueueSource.KVE)),
        List.of(new Edge(1, 2, 0, new Exchange.Hash(new int[] {0})), new Edge(2, 3, 0, new Exchange.Forward())));
  }

  private static StreamingSettings settings(boolean cutOnClock, int maxTaskFailures) {
    return new StreamingSettings(cutOnClock ? Duration.ofMillis(1) : Duration.ZERO, cutOnClock, 0,
        new StreamingCheckpoint("recovery-test-query", null, null), maxTaskFailures);
  }

  private static StreamingJob start(ReplayableSource in, EpochSink out, StreamingSettings settings) {
    return runtime.startStreaming(graph(in, out), Set.of(1), StreamingRuntimeTest.config(64, 2), settings,
        report -> {});
  }

  /** {@code (k, running sum, v)} rows as strings, sorted. */
  private static List<String> rows(EpochSink out) {
    return out.allRows().stream().map(r -> r.getInt(0) + "," + r.getLong(1) + "," + r.getLong(2)).sorted()
        .collect(Collectors.toList());
  }

  private static List<String> failureFree() throws Exception {
    ReplayableSource in = new ReplayableSource();
    EpochSink out = new EpochSink();
    in.available.set(TOTAL);
    in.ended = true;
    start(in, out, new StreamingSettings(Duration.ofMillis(1), true, 0)).termination().get(60, TimeUnit.SECONDS);
    List<String> rows = rows(out);
    assertEquals(TOTAL, rows.size());
    return rows;
  }

  /**
   * Waits until the newest readers of {@code in}, at least {@code readersEach} per partition, passed a barrier
   * after emitting every value below {@code upTo}; fails after 60 s.
   */
  private static void awaitBarrierAfter(ReplayableSource in, long upTo, int readersEach) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!in.barrierAfter(upTo, readersEach)) {
      assertTrue(System.nanoTime() < deadline,
          "no barrier in 60 s after the values below " + upTo + " from the readers of recovery " + (readersEach - 1));
      Thread.sleep(1);
    }
  }

  /** Epochs were committed once each, in order, from 0. */
  private static void assertEpochsCommittedOnceInOrder(EpochSink out) {
    List<Long> order = List.copyOf(out.commitOrder);
    assertEquals(LongStream.range(0, order.size()).boxed().collect(Collectors.toList()), order);
  }

  @Test
  void failuresAtChosenEpochsGiveTheOutputOfAFailureFreeRun() throws Exception {
    List<String> expected = failureFree();
    ReplayableSource in = new ReplayableSource();
    EpochSink out = new EpochSink();
    StreamingJob job = start(in, out, settings(true, 4));
    List<Plan> plans = new ArrayList<>();
    for (long available : new long[] {1200, 2100, 3000}) {
      // the next epoch cut fails at its barrier in one of the two sum tasks, after part of its rows went through
      plans.add(FaultInjection.arm(FAULT, Plan.atEpoch(job.lastCommittedEpoch() + 1, 1)));
      in.available.set(available);
      job.awaitAllAvailable().get(60, TimeUnit.SECONDS);
      assertEquals(1, plans.get(plans.size() - 1).fired().get(), "the fault fired");
    }
    FaultInjection.disarm(FAULT);
    in.available.set(TOTAL);
    in.ended = true;
    job.termination().get(60, TimeUnit.SECONDS);

    List<String> actual = rows(out);
    assertEquals(expected.size(), actual.size(), "no row lost or repeated");
    assertTrue(expected.equals(actual), "the sums go on from the last complete epoch");
    assertEpochsCommittedOnceInOrder(out);
    assertTrue(out.aborted.size() >= 3, "each failed epoch is aborted in the sink: " + out.aborted);
    assertEquals(0, runtime.liveTasks());
  }

  @Test
  void failuresAtRandomRowsGiveTheOutputOfAFailureFreeRun() throws Exception {
    List<String> expected = failureFree();
    for (long seed = 1; seed <= 5; seed++) {
      java.util.Random random = new java.util.Random(seed);
      long value = random.nextInt(TOTAL);
      int times = 1 + random.nextInt(3);
      Plan plan = FaultInjection.arm(FAULT, Plan.atValue(2, value, times));
      ReplayableSource in = new ReplayableSource();
      EpochSink out = new EpochSink();
      StreamingJob job = start(in, out, settings(true, 4));
      long available = 0;
      while (available < TOTAL) {
        available = Math.min(TOTAL, available + 1 + random.nextInt(TOTAL / 3));
        in.available.set(available);
        job.awaitAllAvailable().get(60, TimeUnit.SECONDS);
      }
      in.ended = true;
      job.termination().get(60, TimeUnit.SECONDS);
      String where = "seed " + seed + ": " + times + " failure(s) at value " + value;
      assertEquals(times, plan.fired().get(), where);
      assertTrue(expected.equals(rows(out)), where);
      assertEpochsCommittedOnceInOrder(out);
    }
    assertEquals(0, runtime.liveTasks());
  }

  @Test
  void withACheckpointIntervalEpochsBetweenCheckpointsAreReplayedAndCommittedOnce() throws Exception {
    List<String> expected = failureFree();
    for (long seed = 1; seed <= 3; seed++) {
      java.util.Random random = new java.util.Random(seed);
      Plan plan = FaultInjection.arm(FAULT, Plan.atValue(2, random.nextInt(TOTAL), 2));
      ReplayableSource in = new ReplayableSource();
      EpochSink out = new EpochSink();
      List<EpochReport> reports = java.util.Collections.synchronizedList(new ArrayList<>());
      StreamingJob job = runtime.startStreaming(graph(in, out), Set.of(1), StreamingRuntimeTest.config(64, 2),
          // an interval no run reaches: only the first and the final epoch are checkpointed, whatever the timing
          new StreamingSettings(Duration.ofMillis(1), true, 0, null, 4, Duration.ofHours(1)), reports::add);
      for (long available = 0; available < TOTAL; ) {
        available = Math.min(TOTAL, available + 1 + random.nextInt(TOTAL / 10));
        in.available.set(available);
        awaitBarrierAfter(in, available, 1); // epochs are cut while rows arrive, between the two checkpoints
      }
      // Both recoveries happened (three readers per partition) and the last one's readers passed a barrier after
      // every row: however fast the replay went, epochs between the checkpoints follow it before the final one.
      awaitBarrierAfter(in, TOTAL, 3);
      in.ended = true;
      job.termination().get(60, TimeUnit.SECONDS);
      String where = "seed " + seed;
      assertEquals(2, plan.fired().get(), where);
      assertTrue(expected.equals(rows(out)), where + ": replayed from the last checkpointed epoch, exactly once");
      assertEpochsCommittedOnceInOrder(out);
      assertTrue(reports.stream().anyMatch(r -> r.checkpoint() == null), where + ": epochs between checkpoints");
      assertTrue(reports.get(reports.size() - 1).checkpoint() != null, where + ": the final epoch is checkpointed");
      assertEquals(2, reports.stream().mapToInt(r -> r.recoveries().size()).sum(), where + ": both recoveries reported");
    }
    assertEquals(0, runtime.liveTasks());
  }

  @Test
  void aTaskActorThatStopsIsStartedAnewAndTheOthersRollBack() throws Exception {
    List<String> expected = failureFree();
    ReplayableSource in = new ReplayableSource();
    EpochSink out = new EpochSink();
    List<EpochReport> reports = java.util.Collections.synchronizedList(new ArrayList<>());
    StreamingJob job = runtime.startStreaming(graph(in, out), Set.of(1), StreamingRuntimeTest.config(64, 2),
        settings(true, 4), reports::add);
    in.available.set(TOTAL / 2);
    job.awaitAllAvailable().get(60, TimeUnit.SECONDS);
    FaultInjection.stopTaskActor(runtime, "task-v2-v3-1");
    in.available.set(TOTAL * 3 / 4);
    job.awaitAllAvailable().get(60, TimeUnit.SECONDS);
    in.available.set(TOTAL);
    in.ended = true;
    job.termination().get(60, TimeUnit.SECONDS);

    assertTrue(expected.equals(rows(out)), "no row lost or repeated");
    assertEpochsCommittedOnceInOrder(out);
    List<EpochReport.Recovery> recoveries = reports.stream().flatMap(r -> r.recoveries().stream()).toList();
    assertEquals(1, recoveries.size(), "one recovery: " + recoveries);
    assertEquals(List.of("v2+v3[1]"), recoveries.get(0).failedTasks(), "only the stopped task started anew");
    assertTrue(recoveries.get(0).error().contains("TASK_LOST"), recoveries.get(0).error());
    assertEquals(0, runtime.liveTasks());
  }

  @Test
  void theOffHeapReplicaStoreIsSharedByTheRuntimesJobsAndAccountsItsMemory() throws Exception {
    List<String> expected = failureFree();
    Plan plan = FaultInjection.arm(FAULT, Plan.atValue(2, 1500, 1));
    JobConfig offHeap = new JobConfig(io.ember.core.expr.EvalContext.defaults(), 64,
        io.ember.operators.memory.MemoryBudget.DEFAULT_BYTES, 2, io.ember.operators.state.HeapStateBackend.INSTANCE,
        ReplicaStoreKind.OFFHEAP);
    ReplayableSource in = new ReplayableSource();
    EpochSink out = new EpochSink();
    List<EpochReport> reports = java.util.Collections.synchronizedList(new ArrayList<>());
    StreamingJob job = runtime.startStreaming(graph(in, out), Set.of(1), offHeap,
        new StreamingSettings(Duration.ofMillis(1), true, 0), reports::add);
    for (long available : new long[] {1000, 2000, TOTAL}) {
      in.available.set(available);
      job.awaitAllAvailable().get(60, TimeUnit.SECONDS);
    }
    io.ember.checkpointing.ReplicaStore store = runtime.replicaStore(ReplicaStoreKind.OFFHEAP);
    assertTrue(store.snapshotBytes() > 0, "the job's latest complete epoch is held");
    in.ended = true;
    job.termination().get(60, TimeUnit.SECONDS);

    assertEquals(1, plan.fired().get());
    assertTrue(expected.equals(rows(out)), "recovered from the off-heap copies");
    EpochReport.Checkpoint last = reports.get(reports.size() - 1).checkpoint();
    assertTrue(last.sizeBytes() > 0 && last.replicaMemoryBytes() >= last.sizeBytes(), last.toString());
    assertEquals(0, store.snapshotBytes(), "a job that ended leaves nothing in the runtime's store");
    assertTrue(runtime.replicaMemoryBytes() > 0, "the off-heap map stays allocated for the next job");
    assertEquals(0, runtime.liveTasks());
  }

  @Test
  void aFailureBeforeAnyEpochCompletedRestartsFromTheStart() throws Exception {
    List<String> expected = failureFree();
    Plan plan = FaultInjection.arm(FAULT, Plan.atValue(2, 1234, 1));
    ReplayableSource in = new ReplayableSource();
    EpochSink out = new EpochSink();
    in.available.set(TOTAL);
    in.ended = true;
    // only the final epoch is cut, so the fault fires before any epoch completed
    StreamingJob job = start(in, out, settings(false, 4));
    job.termination().get(60, TimeUnit.SECONDS);

    assertEquals(1, plan.fired().get());
    assertEquals(List.of(0L), List.copyOf(out.commitOrder), "the job's one epoch, cut after the recovery");
    assertTrue(expected.equals(rows(out)), "the sources were read again from their start");
    assertEquals(0, runtime.liveTasks());
  }

  @Test
  void aJobThatKeepsFailingStopsAfterItsMaximumOfFailuresWithTheError() {
    Plan plan = FaultInjection.arm(FAULT, Plan.atValue(2, 777, Integer.MAX_VALUE));
    ReplayableSource in = new ReplayableSource();
    EpochSink out = new EpochSink();
    in.available.set(TOTAL);
    StreamingJob job = start(in, out, settings(true, 2));
    ExecutionException e = assertThrows(ExecutionException.class, () -> job.termination().get(60, TimeUnit.SECONDS));

    assertEquals(3, plan.fired().get(), "the first run and two recoveries failed");
    assertTrue(String.valueOf(rootCause(e).getMessage()).contains("Injected fault " + FAULT + " at value 777"),
        "the job fails with the task's error: " + e);
    assertInstanceOf(FaultInjection.InjectedFault.class, rootCause(e));
    assertEquals(0, runtime.liveTasks());
  }

  @Test
  void withoutRecoveryTheFirstFailureFailsTheJob() {
    Plan plan = FaultInjection.arm(FAULT, Plan.atValue(2, 777, Integer.MAX_VALUE));
    ReplayableSource in = new ReplayableSource();
    in.available.set(TOTAL);
    StreamingJob disabled = start(in, new EpochSink(), settings(true, 0));
    assertThrows(ExecutionException.class, () -> disabled.termination().get(60, TimeUnit.SECONDS));
    assertEquals(1, plan.fired().get(), "maxTaskFailures 0 does not recover");

    assertEquals(0, runtime.liveTasks());
  }

  @Test
  void aJobWithoutACheckpointLocationRecoversFromItsInMemoryCheckpoints() throws Exception {
    List<String> expected = failureFree();
    Plan plan = FaultInjection.arm(FAULT, Plan.atValue(2, 2500, 2));
    ReplayableSource in = new ReplayableSource();
    EpochSink out = new EpochSink();
    StreamingJob job = start(in, out, new StreamingSettings(Duration.ofMillis(1), true, 0));
    for (long available : new long[] {1000, 2000, 3000, TOTAL}) {
      in.available.set(available);
      job.awaitAllAvailable().get(60, TimeUnit.SECONDS);
    }
    in.ended = true;
    job.termination().get(60, TimeUnit.SECONDS);

    assertEquals(2, plan.fired().get());
    assertTrue(expected.equals(rows(out)), "no checkpoint location, still exactly once");
    assertEpochsCommittedOnceInOrder(out);
    assertEquals(0, runtime.liveTasks());
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
