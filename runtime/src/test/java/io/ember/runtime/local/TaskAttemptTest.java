package io.ember.runtime.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.typesafe.config.ConfigFactory;
import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.expr.EvalContext;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;
import io.ember.runtime.JobConfig;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A task actor's recovery attempts: after a {@link TaskActor.Rollback} it drops deliveries and credits sent in an
 * earlier attempt (in flight before the rollback), keeps those of a later attempt until its rollback to it, and
 * tags what it sends and reports with its attempt.
 */
@Timeout(60)
class TaskAttemptTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("x", DataTypes.LONG));
  /** A probe waits up to 20 s for an expected message (the kit's default of 3 s is short on a loaded machine). */
  private static final ActorTestKit KIT = ActorTestKit.create(
      ConfigFactory.parseString("pekko.actor.testkit.typed.single-expect-default = 20s"));
  /** Rows every writer of the test sink wrote, in order. */
  private static final List<Long> WRITTEN = new CopyOnWriteArrayList<>();

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  private static final Source SOURCE = new Source() {
    @Override
    public StructType schema() {
      return SCHEMA;
    }

    @Override
    public boolean isBounded() {
      return false;
    }

    @Override
    public List<SourceSplit> planSplits(int parallelismHint) {
      return List.of();
    }

    @Override
    public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
      throw new UnsupportedOperationException("only the downstream task runs");
    }

    @Override
    public String explain() {
      return "S";
    }
  };

  private static final Sink SINK = new Sink() {
    @Override
    public SinkWriter createWriter(int taskIndex, int parallelism, StructType schema) {
      return new SinkWriter() {
        @Override
        public void write(Batch batch) {
          for (Row row : batch.toRows()) {
            WRITTEN.add(row.getLong(0));
          }
        }

        @Override
        public CommitMessage prepareCommit(long epoch) {
          return null;
        }

        @Override
        public void abort() {}
      };
    }

    @Override
    public void commit(long epoch, List<CommitMessage> messages) {}

    @Override
    public String explain() {
      return "K";
    }
  };

  private record Identity() implements OperatorSpec {
    @Override
    public Operator create() {
      return (input, batch, out) -> out.emit(batch);
    }

    @Override
    public StructType outputSchema() {
      return SCHEMA;
    }

    @Override
    public String explain() {
      return "Id";
    }
  }

  private static TaskActor.Deliver data(long x, ActorRef<TaskActor.Command> sender, int attempt) {
    return new TaskActor.Deliver(0, 0, 0, new TaskMessage.Data(Batch.fromRows(SCHEMA, List.of(Row.of(x)))), sender,
        attempt);
  }

  @Test
  void inputOfAnEarlierAttemptIsDroppedAndOfALaterOneKeptUntilItsRollback() {
    WRITTEN.clear();
    JobGraph graph = new JobGraph(
        List.of(new Vertex.SourceVertex(1, 1, SOURCE), new Vertex.OperatorVertex(2, 1, List.of(new Identity())),
            new Vertex.SinkVertex(3, 1, SINK, SCHEMA)),
        List.of(new Edge(1, 2, 0, new Exchange.Hash(new int[] {0})), new Edge(2, 3, 0, new Exchange.Forward())));
    TaskSpec spec = ExecutionPlan.of(graph).tasks().stream().filter(t -> t.chain().head().id() == 2).findFirst()
        .orElseThrow();
    TestProbe<JobCoordinator.Command> coordinator = KIT.createTestProbe();
    TestProbe<TaskActor.Command> upstream = KIT.createTestProbe();
    JobConfig config = new JobConfig(EvalContext.defaults(), 64, 1 << 20, 2);
    ActorRef<TaskActor.Command> task = KIT.spawn(TaskActor.create(spec, config, Map.of(), coordinator.getRef(),
        new AtomicInteger(), null, 0));

    task.tell(data(1, upstream.getRef(), 0));
    assertEquals(new TaskActor.Credit(0, 0, 0), upstream.receiveMessage());

    task.tell(new TaskActor.Rollback(1, Map.of(), null, Long.MIN_VALUE, 0));
    StreamingCoordinator.FromTask restored = (StreamingCoordinator.FromTask) coordinator.receiveMessage();
    assertEquals(1, restored.attempt());
    assertInstanceOf(StreamingCoordinator.TaskRestored.class, restored.report());

    task.tell(data(2, upstream.getRef(), 0)); // sent before the rollback: dropped, never credited
    task.tell(data(3, upstream.getRef(), 2)); // sent after a rollback this task has not seen yet: kept
    task.tell(new TaskActor.Credit(0, 0, 0)); // a stale credit: ignored (the task has no gates to count it on)
    task.tell(data(4, upstream.getRef(), 1));
    assertEquals(new TaskActor.Credit(0, 0, 1), upstream.receiveMessage());
    upstream.expectNoMessage(Duration.ofMillis(100));
    coordinator.expectNoMessage(Duration.ofMillis(10)); // the stale credit did not fail the task
    assertEquals(List.of(1L, 4L), List.copyOf(WRITTEN));

    task.tell(new TaskActor.Rollback(2, Map.of(), null, Long.MIN_VALUE, 0));
    assertEquals(new TaskActor.Credit(0, 0, 2), upstream.receiveMessage());
    assertEquals(List.of(1L, 4L, 3L), List.copyOf(WRITTEN));
    task.tell(new TaskActor.Rollback(1, Map.of(), null, Long.MIN_VALUE, 0)); // an older rollback: ignored
    task.tell(data(5, upstream.getRef(), 2));
    assertEquals(new TaskActor.Credit(0, 0, 2), upstream.receiveMessage());
    assertEquals(List.of(1L, 4L, 3L, 5L), List.copyOf(WRITTEN));
    KIT.stop(task);
  }
}
