package io.ember.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.checkpointing.EpochMetadata;
import io.ember.checkpointing.TaskSnapshot;
import io.ember.checkpointing.TaskStateKey;
import io.ember.connectors.memory.CollectSink;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberArithmeticException;
import io.ember.operators.EventTimeTracker.EventTimeStats;
import io.ember.operators.StateMetrics;
import io.ember.operators.state.ChunkedBytes;
import io.ember.runtime.JobResult;
import io.ember.runtime.local.JobCoordinator;
import io.ember.runtime.local.StreamingCoordinator;
import io.ember.runtime.local.ExchangeRelay;
import io.ember.runtime.local.TaskActor;
import io.ember.runtime.local.TaskLaunch;
import io.ember.runtime.local.TaskMessage;
import io.ember.runtime.local.TaskPlacement;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every message type of the runtime's wire protocols goes through {@link KryoSerializer} and comes back equal, with
 * actor refs resolved by the receiving system; Java serialization is off, on the wire too.
 */
@Timeout(60)
class KryoSerializerTest {
  private static TwoNodes nodes;
  private static Serialization driverSerialization;
  private static Serialization workerSerialization;

  @BeforeAll
  static void start() {
    nodes = new TwoNodes();
    driverSerialization = SerializationExtension.get(Adapter.toClassic(nodes.driver));
    workerSerialization = SerializationExtension.get(Adapter.toClassic(nodes.worker));
  }

  @AfterAll
  static void stop() {
    nodes.close();
  }

  /** {@code message} written by the driver's serializer and read by the worker's. */
  private static Object trip(Object message) {
    Serializer serializer = driverSerialization.findSerializerFor(message);
    assertInstanceOf(KryoSerializer.class, serializer, message.getClass().getName());
    byte[] bytes = driverSerialization.serialize(message).get();
    String manifest = Serializers.manifestFor(serializer, message);
    return workerSerialization.deserialize(bytes, serializer.identifier(), manifest).get();
  }

  private static ActorRef<TaskActor.Command> someTask() {
    return nodes.driver.systemActorOf(Behaviors.<TaskActor.Command>ignore(), "task-" + System.nanoTime(),
        Props.empty());
  }

  private static String address(ActorRef<?> ref) {
    return ActorRefResolver.get(nodes.driver).toSerializationFormat(ref);
  }

  private static String seenByWorker(ActorRef<?> ref) {
    return ActorRefResolver.get(nodes.worker).toSerializationFormat(ref);
  }

  private static Batch batch() {
    return Batch.fromRows(Plans.KV, List.of(Row.of(1L, 10L), Row.of(null, -3L), Row.of(7L, null)));
  }

  private static List<Row> rows(Batch b) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < b.numRows(); i++) {
      rows.add(b.row(i));
    }
    return rows;
  }

  @Test
  void dataBarriersAndEndOfInputTravelInsideDeliverWithTheSendersRef() {
    ActorRef<TaskActor.Command> sender = someTask();
    TaskActor.Deliver data = new TaskActor.Deliver(3, 1, 2, new TaskMessage.Data(batch()), sender, 4);
    TaskActor.Deliver back = (TaskActor.Deliver) trip(data);
    assertEquals(List.of(3, 1, 2, 4), List.of(back.channel(), back.gate(), back.target(), back.attempt()));
    assertEquals(rows(batch()), rows(((TaskMessage.Data) back.message()).batch()));
    assertEquals(address(sender), seenByWorker(back.sender()));
    assertTrue(!back.sender().path().address().hasLocalScope(), "the worker sees the driver's task as remote");

    TaskMessage.Barrier barrier = new TaskMessage.Barrier(42, Map.of(1, -5L, 7, Long.MAX_VALUE));
    assertEquals(barrier, ((TaskActor.Deliver) trip(new TaskActor.Deliver(0, 0, 0, barrier, sender))).message());
    assertSame(TaskMessage.EndOfInput.INSTANCE,
        ((TaskActor.Deliver) trip(new TaskActor.Deliver(0, 0, 0, TaskMessage.EndOfInput.INSTANCE, sender))).message());
  }

  @Test
  void aRelayForwardTravelsOnceWithItsRoutesAndEachTasksSlice() {
    ActorRef<TaskActor.Command> sender = someTask();
    ActorRef<TaskActor.Command> a = someTask();
    ActorRef<TaskActor.Command> b = someTask();
    ExchangeRelay.Route[] routes = {new ExchangeRelay.Route(a, 1, 0, 3), new ExchangeRelay.Route(b, 2, 0, 5)};
    ExchangeRelay.Forward slices = new ExchangeRelay.Forward(routes, null, new Batch[] {null, batch()}, sender, 2);
    ExchangeRelay.Forward back = (ExchangeRelay.Forward) trip(slices);
    assertEquals(null, back.deliveryTo(0), "no rows for the first task");
    TaskActor.Deliver toB = back.deliveryTo(1);
    assertEquals(List.of(2, 0, 5, 2), List.of(toB.channel(), toB.gate(), toB.target(), toB.attempt()));
    assertEquals(rows(batch()), rows(((TaskMessage.Data) toB.message()).batch()));
    assertEquals(address(sender), seenByWorker(toB.sender()));
    assertEquals(address(b), seenByWorker(back.routes()[1].target()));

    TaskMessage.Barrier barrier = new TaskMessage.Barrier(9, Map.of(1, 5L));
    ExchangeRelay.Forward all = (ExchangeRelay.Forward) trip(new ExchangeRelay.Forward(routes, barrier, null, sender,
        0));
    assertEquals(barrier, all.deliveryTo(0).message());
    assertEquals(barrier, all.deliveryTo(1).message());
    ExchangeRelay.Forwarded stats = (ExchangeRelay.Forwarded) trip(new ExchangeRelay.Forwarded(3, 7));
    assertEquals(new ExchangeRelay.Forwarded(3, 7), stats);
  }

  @Test
  void taskCommandsComeBackEqual() {
    for (Object message : List.of(new TaskActor.Credit(2, 5, 3), new TaskActor.InjectBarrier(9, true),
        new TaskActor.ReportIdle(4), new TaskShell.StopTask())) {
      assertEquals(message, trip(message));
    }
    ActorRef<TaskActor.Command> target = someTask();
    TaskActor.Rollback rollback = (TaskActor.Rollback) trip(new TaskActor.Rollback(2, Map.of(7, target), null, 55, 9));
    assertEquals(List.of(2, 55L, 9L), List.of(rollback.attempt(), rollback.watermarkUs(), rollback.firstEpoch()));
    assertEquals(address(target), seenByWorker(rollback.targets().get(7)));
  }

  @Test
  void coordinatorReportsComeBackEqual() {
    Map<Integer, Long> rowsByVertex = new LinkedHashMap<>(Map.of(1, 10L, 2, 7L));
    CollectSink.Collected commit = new CollectSink.Collected(1, List.of(batch()));
    JobCoordinator.TaskFinished finished = (JobCoordinator.TaskFinished) trip(
        new JobCoordinator.TaskFinished(3, rowsByVertex, commit));
    assertEquals(rowsByVertex, finished.rowsByVertex());
    assertEquals(rows(batch()), rows(((CollectSink.Collected) finished.commit()).batches().get(0)));

    EpochMetadata.TaskEntry entry = new EpochMetadata.TaskEntry(new TaskStateKey(4, 1), 99, 12345L);
    StreamingCoordinator.EpochAck ack = new StreamingCoordinator.EpochAck(3, 8, rowsByVertex, null,
        new HashMap<>(Map.of(1, new EventTimeStats(3, 10, 20, 45.0))), new HashMap<>(Map.of(1, 5L)),
        new HashMap<>(Map.of(2, new StateMetrics("agg", 4, 2, 1, 0, 1024))), new byte[] {1, 2, 3},
        "{\"offset\":3}", entry);
    StreamingCoordinator.EpochAck ackBack = (StreamingCoordinator.EpochAck) trip(ack);
    assertEquals(Arrays.toString(ack.offsets()), Arrays.toString(ackBack.offsets()));
    assertEquals(ack.eventTime(), ackBack.eventTime());
    assertEquals(ack.stateMetrics(), ackBack.stateMetrics());
    assertEquals(ack.snapshot(), ackBack.snapshot());
    assertEquals(ack.offsetsJson(), ackBack.offsetsJson());
    assertEquals(List.of(ack.taskId(), ack.epoch()), List.of(ackBack.taskId(), ackBack.epoch()));

    for (Object message : List.of(new StreamingCoordinator.SourceRows(1, 2), new StreamingCoordinator.SourceWaiting(1, 3),
        new StreamingCoordinator.SourceEnded(4), new StreamingCoordinator.SourceIdle(1, 6),
        new StreamingCoordinator.TaskRestored(3, 4),
        new StreamingCoordinator.FromTask(2, new StreamingCoordinator.SourceEnded(5)))) {
      assertEquals(message, trip(message));
    }
  }

  @Test
  void aTaskFailureKeepsEmberTypesAndPrintsOthersAsTheyWere() {
    EmberArithmeticException divide = new EmberArithmeticException("DIVIDE_BY_ZERO", "Division by zero.");
    JobCoordinator.TaskFailed back = (JobCoordinator.TaskFailed) trip(new JobCoordinator.TaskFailed(2, "v2[0]",
        new IllegalStateException("outer", divide)));
    assertEquals("v2[0]", back.taskName());
    assertEquals("java.lang.IllegalStateException: outer", back.error().toString());
    EmberArithmeticException cause = assertInstanceOf(EmberArithmeticException.class, back.error().getCause());
    assertEquals("DIVIDE_BY_ZERO", cause.errorClass());
    assertEquals(divide.getMessage(), cause.getMessage());
    assertEquals(divide.getStackTrace()[0].toString(), cause.getStackTrace()[0].toString());
  }

  @Test
  void hostMessagesAndATaskStartComeBackWithTheirRefs() throws Exception {
    ActorRef<TaskActor.Command> target = someTask();
    TaskHost.Reserved reserved = (TaskHost.Reserved) trip(new TaskHost.Reserved(Map.of(5, target)));
    assertEquals(address(target), seenByWorker(reserved.shells().get(5)));
    assertEquals(new TaskHost.TaskCount(3), trip(new TaskHost.TaskCount(3)));
    EpochMetadata.TaskEntry entry = new EpochMetadata.TaskEntry(new TaskStateKey(2, 0), 10, 77L);
    assertEquals(new TaskHost.SnapshotStored(entry, null), trip(new TaskHost.SnapshotStored(entry, null)));
    assertEquals(new TaskHost.Pruned(4, null), trip(new TaskHost.Pruned(4, null)));
    assertEquals(new TaskHost.EpochCompleted(1, 2, "refused"), trip(new TaskHost.EpochCompleted(1, 2, "refused")));
    TaskHost.FetchReplica fetch = (TaskHost.FetchReplica) trip(
        new TaskHost.FetchReplica("job", 3, new TaskStateKey(1, 2), true, nodes.driverHost.<TaskHost.SnapshotFetched>unsafeUpcast()));
    assertEquals(new TaskStateKey(1, 2), fetch.key());
    assertEquals(3, fetch.epoch());
    TaskHost.SnapshotFetched fetched = (TaskHost.SnapshotFetched) trip(new TaskHost.SnapshotFetched(new byte[] {1, 2},
        null));
    assertArrayEquals(new byte[] {1, 2}, fetched.encoded());
    TaskHost.RecordHolders record = (TaskHost.RecordHolders) trip(new TaskHost.RecordHolders("job",
        new TaskStateKey(3, 1), "pekko://ember@127.0.0.1:2", List.of("pekko://ember@127.0.0.1:1", "pekko://ember@127.0.0.1:2"),
        nodes.driverHost.<TaskHost.HoldersRecorded>unsafeUpcast()));
    assertEquals(List.of("pekko://ember@127.0.0.1:1", "pekko://ember@127.0.0.1:2"), record.holders());
    assertEquals(new TaskStateKey(3, 1), record.key());
    assertEquals(new TaskHost.HoldersRecorded("refused"), trip(new TaskHost.HoldersRecorded("refused")));
    TaskSnapshot snapshot = new TaskSnapshot(new TaskStateKey(4, 2), 6, TaskSnapshot.FULL,
        List.of(ChunkedBytes.wrap(new byte[] {7})), null);
    TaskHost.StoreSnapshot store = (TaskHost.StoreSnapshot) trip(new TaskHost.StoreSnapshot("job", "pekko://ember@127.0.0.1:9", snapshot, 3,
        nodes.driverHost.<TaskHost.SnapshotStored>unsafeUpcast()));
    assertEquals(snapshot, store.snapshot());
    assertEquals(3, store.attempt(), "the copy carries its task's attempt");
    assertEquals("pekko://ember@127.0.0.1:9", store.owner(), "the copy names its job's driver");

    List<TaskLaunch> launches = launchesOf();
    assertTrue(launches.size() >= 5);
    for (TaskLaunch launch : launches) {
      TaskShell.Start start = (TaskShell.Start) trip(new TaskShell.Start(launch, new HashMap<>(Map.of(1, target)),
          nodes.driver.systemActorOf(Behaviors.<JobCoordinator.Command>ignore(), "c-" + System.nanoTime(),
              Props.empty()), List.of(nodes.driverHost), 2));
      assertEquals(launch.planned(), start.launch().planned());
      assertEquals(address(target), seenByWorker(start.targets().get(1)));
      assertEquals(address(nodes.driverHost), seenByWorker(start.replicaHolders().get(0)));
      assertEquals(2, start.replicas(), "the driver's replica count travels");
    }
  }

  /** The launches a real job's coordinator makes, captured by a placement that then runs them locally. */
  private static List<TaskLaunch> launchesOf() throws Exception {
    List<TaskLaunch> launches = new ArrayList<>();
    TaskPlacement local = TaskPlacement.local(new AtomicInteger());
    TaskPlacement capturing = (ctx, task, targets, name) -> {
      launches.add(task);
      return local.start(ctx, task, targets, name);
    };
    CompletableFuture<JobResult> result = new CompletableFuture<>();
    nodes.driver.systemActorOf(JobCoordinator.create(Plans.aggregate(100, 3, 2, 2, new CollectSink()),
        RemoteBatchJobTest.config(16), result, capturing), "capture", Props.empty());
    result.get(30, TimeUnit.SECONDS);
    return launches;
  }

  /** A message no serializer is bound to: only Java serialization could write it. */
  record Unbound(String text) implements Serializable {}

  @Test
  void javaSerializationIsOff() {
    assertThrows(Exception.class, () -> driverSerialization.serialize(new Unbound("x")).get());
  }

  @Test
  void anUnboundMessageNeverReachesAnotherNode() {
    org.apache.pekko.actor.testkit.typed.javadsl.TestProbe<Object> probe =
        org.apache.pekko.actor.testkit.typed.javadsl.TestProbe.create(nodes.worker);
    ActorRef<Object> remote = nodes.seenFromDriver(probe.getRef());
    remote.tell(new Unbound("dropped"));
    remote.tell(new TaskHost.TaskCount(1));
    // Messages between two actors arrive in order: had the first one traveled, it would come first.
    assertEquals(new TaskHost.TaskCount(1), probe.receiveMessage(java.time.Duration.ofSeconds(20)));
  }
}
