package io.ember.benchmarks.remote;

import io.ember.benchmarks.Args;
import io.ember.checkpointing.HeapReplicaStore;
import io.ember.connectors.memory.RangeSource;
import io.ember.core.data.Batch;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import io.ember.operators.calc.CalcSpec;
import io.ember.operators.memory.MemoryBudget;
import io.ember.runtime.JobConfig;
import io.ember.runtime.JobResult;
import io.ember.runtime.LocalRuntime;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import io.ember.runtime.local.PlannedTask;
import io.ember.runtime.local.TaskActor;
import io.ember.runtime.local.TaskMessage;
import io.ember.runtime.local.TaskPlacement;
import io.ember.runtime.remote.KryoSerializer;
import io.ember.runtime.remote.RemoteJobs;
import io.ember.runtime.remote.ShellPlacement;
import io.ember.runtime.remote.TaskHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.serialization.SerializationExtension;

/**
 * Shuffle throughput between two nodes on loopback: a job generates rows of the events shape on the driver's node
 * ({@code range} → project, {@code --parallelism} tasks), hash-partitions them on {@code user_id} (or, with
 * {@code --exchange broadcast}, sends every batch to every receiver) to {@code --receivers} tasks (default: the
 * parallelism) on a second node (its own actor system in this JVM, Artery TCP on 127.0.0.1), which drop them. The
 * rows cross the network serialized by the runtime's Kryo serializer, counted ({@link CountingSerializer}): bytes
 * and messages of data per emitted batch, and MB/s of those bytes. CPU seconds are the JVM's (both nodes). For
 * scale it prints the same job in one actor system (batches handed over by reference) and a plain TCP copy over
 * loopback with one connection.
 *
 * <pre>benchmarks/bin/run-shuffle [--rows 20000000] [--batch 8192] [--parallelism 2] [--receivers 2]
 *     [--exchange hash|broadcast] [--rounds 3] [--no-local] [--no-tcp]</pre>
 */
public final class LoopbackShuffle {
  private LoopbackShuffle() {}

  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv);
    long rows = args.getLong("rows", 20_000_000L);
    int batch = args.getInt("batch", 8192);
    int parallelism = args.getInt("parallelism", 2);
    int rounds = args.getInt("rounds", 3);
    int receivers = args.getInt("receivers", parallelism);
    boolean broadcast = args.get("exchange", "hash").equals("broadcast");
    boolean runLocal = !args.has("no-local");
    long sinkRows = broadcast ? rows * receivers : rows;
    long emittedBatches = (rows + batch - 1) / batch;
    JobConfig config = new JobConfig(EvalContext.defaults(), batch, MemoryBudget.DEFAULT_BYTES, JobConfig.DEFAULT_CREDITS);
    double bytesPerRow = bytesPerRow(batch);
    System.out.printf("rows %,d, batch %d rows, parallelism %d, %s to %d receivers, one full batch's data message"
        + " %.1f bytes/row%n", rows, batch, parallelism, broadcast ? "broadcast" : "hash", receivers, bytesPerRow);

    com.typesafe.config.Config counting = com.typesafe.config.ConfigFactory.parseString(
        "pekko.actor.serializers." + io.ember.runtime.remote.RemoteSerialization.SERIALIZER + " = \""
            + CountingSerializer.class.getName() + "\"");
    ActorSystem<Void> driver = ActorSystem.create(Behaviors.empty(), "ember",
        counting.withFallback(WireMessages.nodeConfig(parallelism)));
    ActorSystem<Void> worker = ActorSystem.create(Behaviors.empty(), "ember",
        counting.withFallback(WireMessages.nodeConfig(parallelism)));
    try (LocalRuntime local = LocalRuntime.start(parallelism)) {
      Cluster.get(driver).manager().tell(Join.create(Cluster.get(driver).selfMember().address()));
      Cluster.get(worker).manager().tell(Join.create(Cluster.get(driver).selfMember().address()));
      awaitUp(driver, 2);
      ActorRef<TaskHost.Command> driverHost = RemoteJobs.startHost(driver, new HeapReplicaStore());
      ActorRef<TaskHost.Command> workerHost = ActorRefResolver.get(driver).resolveActorRef(
          ActorRefResolver.get(worker).toSerializationFormat(RemoteJobs.startHost(worker, new HeapReplicaStore())));
      for (int round = 0; round <= rounds; round++) {
        String label = round == 0 ? "warm-up" : "round " + round;
        long bytesBefore = CountingSerializer.DATA_BYTES.sum();
        long messagesBefore = CountingSerializer.DATA_MESSAGES.sum();
        long cpuBefore = cpuNanos();
        long start = System.nanoTime();
        JobResult remote = runRemote(driver, driverHost, workerHost, graph(rows, parallelism, receivers, broadcast),
            config, "shuffle-" + round);
        double remoteSeconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (cpuNanos() - cpuBefore) / 1e9;
        long bytes = CountingSerializer.DATA_BYTES.sum() - bytesBefore;
        long messages = CountingSerializer.DATA_MESSAGES.sum() - messagesBefore;
        check(remote, sinkRows);
        System.out.printf("%s: two nodes %.2f s, CPU %.2f s; %,.0f bytes and %.2f messages serialized per emitted batch"
                + " = %.1f MB/s on the wire; %,.0f rows/s emitted, %,.0f rows/s received%n", label, remoteSeconds,
            cpuSeconds, bytes / (double) emittedBatches, messages / (double) emittedBatches,
            bytes / 1e6 / remoteSeconds, rows / remoteSeconds, sinkRows / remoteSeconds);
        if (runLocal) {
          start = System.nanoTime();
          check(local.run(graph(rows, parallelism, receivers, broadcast), config), sinkRows);
          double localSeconds = (System.nanoTime() - start) / 1e9;
          System.out.printf("%s: one actor system %.2f s (%,.0f rows/s)%n", label, localSeconds, rows / localSeconds);
        }
      }
      if (!args.has("no-tcp")) {
        System.out.printf("plain TCP over loopback, one connection: %.0f MB/s%n", loopbackMegabytesPerSecond(2L << 30));
      }
    } finally {
      worker.terminate();
      driver.terminate();
      worker.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      driver.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** The CPU time of this JVM so far, all threads. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /**
   * range → events-shaped projection (driver, {@code parallelism} tasks) → hash on user_id, or broadcast → pass-through
   * + discard (worker, {@code receivers} tasks).
   */
  static JobGraph graph(long rows, int parallelism, int receivers, boolean broadcast) {
    ColumnRef id = new ColumnRef(0, "id", DataTypes.LONG, false);
    List<Expression> events = List.of(
        Expressions.multiply(id, lit(3)),
        Expressions.remainder(id, lit(1_000_003)),
        Expressions.remainder(id, lit(50_021)),
        io.ember.core.expr.FunctionRegistry.standard().build("concat", List.of(
            new Literal("category-", DataTypes.STRING),
            new io.ember.core.expr.Cast(Expressions.remainder(id, lit(20)), DataTypes.STRING))),
        Expressions.divide(Expressions.remainder(id, lit(100_000)), lit(100)));
    CalcSpec generate = CalcSpec.project(RangeSource.SCHEMA, events,
        List.of("ts_ms", "user_id", "item_id", "category", "price"));
    CalcSpec pass = CalcSpec.filter(generate.outputSchema(), new Literal(true, DataTypes.BOOLEAN));
    return new JobGraph(
        List.of(new Vertex.SourceVertex(1, parallelism, new RangeSource(0, rows, 1, parallelism)),
            new Vertex.OperatorVertex(2, parallelism, List.of(generate)),
            new Vertex.OperatorVertex(3, receivers, List.of(pass)),
            new Vertex.SinkVertex(4, receivers, new DiscardSink(), pass.outputSchema())),
        List.of(new Edge(1, 2, 0, new Exchange.Forward()),
            new Edge(2, 3, 0, broadcast ? new Exchange.Broadcast() : new Exchange.Hash(new int[] {1})),
            new Edge(3, 4, 0, new Exchange.Forward())));
  }

  private static Literal lit(long v) {
    return new Literal(v, DataTypes.LONG);
  }

  /** Runs {@code graph} with the generating tasks on the driver and the receiving tasks on the worker. */
  static JobResult runRemote(ActorSystem<Void> driver, ActorRef<TaskHost.Command> driverHost,
      ActorRef<TaskHost.Command> workerHost, JobGraph graph, JobConfig config, String job) {
    ShellPlacement placement = RemoteJobs.reserve(driver, job, graph,
        (PlannedTask task) -> task.vertexIds().contains(3) ? workerHost : null,
        TaskPlacement.local(new AtomicInteger()), driverHost, Duration.ofSeconds(30)).toCompletableFuture().join();
    return RemoteJobs.run(driver, job, graph, config, placement).orTimeout(30, TimeUnit.MINUTES).join();
  }

  private static void check(JobResult result, long rows) {
    if (result.rowsOutByVertex().get(4) != rows) {
      throw new IllegalStateException("the sink got " + result.rowsOutByVertex().get(4) + " rows, not " + rows);
    }
  }

  /** The size of a full data message of the events shape, per row, as the wire serializer writes it. */
  static double bytesPerRow(int batch) throws Exception {
    ActorSystem<Void> system = WireMessages.localSystem();
    try {
      KryoSerializer serializer = (KryoSerializer) SerializationExtension.get(Adapter.toClassic(system))
          .serializerFor(TaskActor.Deliver.class);
      Batch sample = WireMessages.batches(1, batch).get(0);
      byte[] bytes = serializer.toBinary(new TaskActor.Deliver(0, 0, 0, new TaskMessage.Data(sample),
          WireMessages.someTask(system)));
      return bytes.length / (double) sample.numRows();
    } finally {
      system.terminate();
    }
  }

  private static void awaitUp(ActorSystem<?> system, int members) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false)
        .filter(m -> m.status() == MemberStatus.up()).count() < members) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the nodes did not form a cluster");
      }
      Thread.sleep(20);
    }
  }

  /** Copies {@code bytes} through one loopback TCP connection; MB/s. */
  static double loopbackMegabytesPerSecond(long bytes) throws IOException, InterruptedException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread reader = new Thread(() -> {
        try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
          byte[] buf = new byte[1 << 16];
          while (in.read(buf) >= 0) {
            // drain
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      reader.start();
      long start = System.nanoTime();
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
          OutputStream out = s.getOutputStream()) {
        byte[] buf = new byte[1 << 16];
        for (long sent = 0; sent < bytes; sent += buf.length) {
          out.write(buf);
        }
      }
      reader.join();
      return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
    }
  }
}
