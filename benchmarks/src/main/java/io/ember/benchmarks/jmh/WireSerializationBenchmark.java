package io.ember.benchmarks.jmh;

import io.ember.benchmarks.remote.WireMessages;
import io.ember.core.data.Batch;
import io.ember.runtime.local.TaskActor;
import io.ember.runtime.local.TaskMessage;
import io.ember.runtime.remote.KryoSerializer;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializationExtension;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The wire format's cost, on one thread: a data message ({@code Deliver} of a batch of the events shape, with its
 * sender's ref) written by the runtime's Pekko serializer ({@link KryoSerializer}, as Artery calls it), and read
 * back. Scores are messages per second; MB/s is that times the message size printed at setup (in bytes; per row
 * it is that divided by {@code rows}).
 *
 * <p>Sweeps the rows per batch: the engine's default batch size and a small one, where per-message costs (the
 * header, the class ids, the sender's ref) weigh more.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class WireSerializationBenchmark {
  @Param({"8192", "512"})
  public int rows;

  private ActorSystem<Void> system;
  private KryoSerializer serializer;
  private TaskActor.Deliver message;
  private byte[] bytes;

  @Setup
  public void setUp() throws Exception {
    system = WireMessages.localSystem();
    serializer = (KryoSerializer) SerializationExtension.get(Adapter.toClassic(system)).serializerFor(
        TaskActor.Deliver.class);
    Batch batch = WireMessages.batches(1, rows).get(0);
    message = new TaskActor.Deliver(0, 0, 1, new TaskMessage.Data(batch), WireMessages.someTask(system));
    bytes = serializer.toBinary(message);
    System.out.printf("%nmessage of %d rows: %d bytes (%.1f bytes/row)%n", rows, bytes.length,
        bytes.length / (double) rows);
  }

  @TearDown
  public void tearDown() {
    system.terminate();
  }

  @Benchmark
  public byte[] write() {
    return serializer.toBinary(message);
  }

  @Benchmark
  public Object read() throws Exception {
    return serializer.fromBinary(bytes, "");
  }
}
