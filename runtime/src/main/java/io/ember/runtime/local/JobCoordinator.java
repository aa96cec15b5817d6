package io.ember.runtime.local;

import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.errors.EmberException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.runtime.JobConfig;
import io.ember.runtime.JobResult;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Runs one job: plans it ({@link ExecutionPlan}), sets up its sinks, assigns source splits round-robin,
 * spawns one {@link TaskActor} per task (downstream tasks first, so every task knows its targets), and
 * waits. When every task finished it commits each sink's epoch 0 with the commit messages of its tasks;
 * when any task fails (or a commit fails) it stops, which stops and closes every task, and then aborts
 * the sinks. It completes the job's result only after all of its tasks have stopped, so nothing of the
 * job runs once {@code run} returns.
 */
public final class JobCoordinator extends AbstractBehavior<JobCoordinator.Command> {
  /** What the coordinator receives. */
  public interface Command {}

  /** Task {@code taskId} processed all its input and sent all its output. */
  public record TaskFinished(int taskId, Map<Integer, Long> rowsByVertex, CommitMessage commit) implements Command {}

  /**
   * A part of task {@code taskId}'s commit message, sent before its {@link TaskFinished} (which carries the last
   * part) when the whole would not fit one message between nodes (see {@link FrameSplitter}); the sink's commit
   * gets every part, in the order sent.
   */
  public record TaskOutputPart(int taskId, CommitMessage part) implements Command {}

  /** Task {@code taskId} failed with {@code error}. */
  public record TaskFailed(int taskId, String taskName, Throwable error) implements Command {}

  /** Task {@code taskId} stopped (the coordinator watches every task). */
  record TaskStopped(int taskId) implements Command {}

  private final JobGraph graph;
  private final ExecutionPlan plan;
  private final CompletableFuture<JobResult> result;
  private final long startNanos;
  private final Map<Integer, Long> rows = new LinkedHashMap<>();
  private final Map<Integer, List<CommitMessage>> commits = new HashMap<>();
  private int finished;
  private JobResult success;
  private RuntimeException failure;

  /**
   * The coordinator of one job; completes {@code result} when the job and all its tasks are done. Setup
   * errors (a sink's save mode, split planning) complete it exceptionally before any task starts.
   */
  static Behavior<Command> create(JobGraph graph, JobConfig config, CompletableFuture<JobResult> result,
      AtomicInteger liveTasks) {
    return create(graph, config, result, TaskPlacement.local(liveTasks));
  }

  /**
   * The coordinator of one job whose tasks {@code placement} starts (it may run them on other nodes); completes
   * {@code result} as {@link #create(JobGraph, JobConfig, CompletableFuture, AtomicInteger)} does. Tasks a
   * placement runs elsewhere are not children of the coordinator: they stop when it stops because they watch it.
   */
  public static Behavior<Command> create(JobGraph graph, JobConfig config, CompletableFuture<JobResult> result,
      TaskPlacement placement) {
    return Behaviors.setup(ctx -> {
      long start = System.nanoTime();
      ExecutionPlan plan;
      try {
        plan = prepare(graph);
      } catch (Throwable t) {
        result.completeExceptionally(userFacing(t, "job setup"));
        return Behaviors.stopped();
      }
      if (plan.tasks().isEmpty()) {
        result.complete(new JobResult(System.nanoTime() - start, Map.of()));
        return Behaviors.stopped();
      }
      return new JobCoordinator(ctx, graph, plan, config, result, placement, start);
    });
  }

  private JobCoordinator(ActorContext<Command> ctx, JobGraph graph, ExecutionPlan plan, JobConfig config,
      CompletableFuture<JobResult> result, TaskPlacement placement, long startNanos) {
    super(ctx);
    this.graph = graph;
    this.plan = plan;
    this.result = result;
    this.startNanos = startNanos;
    for (Vertex v : graph.vertices()) {
      rows.put(v.id(), 0L);
    }
    spawnTasks(ctx, plan, config, placement, id -> null, "");
  }

  /**
   * Plans {@code graph}, assigns source splits round-robin over each source's tasks and sets up the sinks.
   * Shared by batch and streaming jobs.
   */
  static ExecutionPlan prepare(JobGraph graph) {
    ExecutionPlan plan = ExecutionPlan.of(graph);
    List<TaskSpec> tasks = new ArrayList<>();
    Map<Integer, List<SourceSplit>> splitsByChain = new HashMap<>();
    for (TaskChain chain : plan.chains()) {
      if (chain.head() instanceof Vertex.SourceVertex sv) {
        splitsByChain.put(chain.index(), sv.source().planSplits(chain.parallelism()));
      }
    }
    for (TaskSpec task : plan.tasks()) {
      List<SourceSplit> all = splitsByChain.get(task.chain().index());
      if (all == null) {
        tasks.add(task);
        continue;
      }
      List<SourceSplit> mine = new ArrayList<>();
      for (int s = task.index(); s < all.size(); s += task.chain().parallelism()) {
        mine.add(all.get(s));
      }
      tasks.add(task.withSplits(mine));
    }
    for (Vertex v : graph.vertices()) {
      if (v instanceof Vertex.SinkVertex sink) {
        sink.sink().setup(sink.inputSchema());
      }
    }
    return new ExecutionPlan(plan.chains(), List.copyOf(tasks));
  }

  /**
   * Spawns one task actor per task of {@code plan}, downstream first so that every task knows its targets,
   * and watches each ({@link TaskStopped}). {@code roles} gives a task's streaming role (null: batch).
   *
   * @return the task actors by task id
   */
  static Map<Integer, ActorRef<TaskActor.Command>> spawnTasks(ActorContext<Command> ctx, ExecutionPlan plan,
      JobConfig config, AtomicInteger liveTasks, java.util.function.IntFunction<StreamingRole> roles) {
    return spawnTasks(ctx, plan, config, liveTasks, roles, "");
  }

  /**
   * As {@link #spawnTasks(ActorContext, ExecutionPlan, JobConfig, AtomicInteger, java.util.function.IntFunction)},
   * with {@code nameSuffix} appended to every task actor's name (a job redeploying its tasks names each
   * deployment apart).
   */
  static Map<Integer, ActorRef<TaskActor.Command>> spawnTasks(ActorContext<Command> ctx, ExecutionPlan plan,
      JobConfig config, AtomicInteger liveTasks, java.util.function.IntFunction<StreamingRole> roles,
      String nameSuffix) {
    return spawnTasks(ctx, plan, config, TaskPlacement.local(liveTasks), roles, nameSuffix);
  }

  /**
   * As {@link #spawnTasks(ActorContext, ExecutionPlan, JobConfig, AtomicInteger, java.util.function.IntFunction,
   * String)}, each task started by {@code placement}.
   */
  static Map<Integer, ActorRef<TaskActor.Command>> spawnTasks(ActorContext<Command> ctx, ExecutionPlan plan,
      JobConfig config, TaskPlacement placement, java.util.function.IntFunction<StreamingRole> roles,
      String nameSuffix) {
    Map<Integer, ActorRef<TaskActor.Command>> refs = new HashMap<>();
    List<TaskChain> chains = plan.chains();
    for (int c = chains.size() - 1; c >= 0; c--) {
      for (int id : plan.taskIdsOf(c)) {
        TaskSpec task = plan.tasks().get(id);
        ActorRef<TaskActor.Command> ref = placement.start(ctx, new TaskLaunch(task, config, roles.apply(id)),
            Map.copyOf(refs), "task-" + task.chain().name().replace('+', '-') + "-" + task.index() + nameSuffix);
        ctx.watchWith(ref, new TaskStopped(id));
        refs.put(id, ref);
      }
    }
    return refs;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(TaskFinished.class, this::onTaskFinished)
        .onMessage(TaskOutputPart.class, this::onTaskOutputPart)
        .onMessage(TaskFailed.class, this::onTaskFailed)
        .onMessage(TaskStopped.class, this::onTaskStopped)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<Command> onTaskOutputPart(TaskOutputPart msg) {
    addCommit(msg.taskId(), msg.part());
    return this;
  }

  private void addCommit(int taskId, CommitMessage commit) {
    int sinkVertex = plan.tasks().get(taskId).chain().tail().id();
    commits.computeIfAbsent(sinkVertex, k -> new ArrayList<>()).add(commit);
  }

  private Behavior<Command> onTaskFinished(TaskFinished msg) {
    msg.rowsByVertex().forEach((vertex, n) -> rows.merge(vertex, n, Long::sum));
    if (msg.commit() != null) {
      addCommit(msg.taskId(), msg.commit());
    }
    if (++finished < plan.tasks().size()) {
      return this;
    }
    try {
      for (Vertex v : graph.vertices()) {
        if (v instanceof Vertex.SinkVertex sink) {
          sink.sink().commit(0, commits.getOrDefault(v.id(), List.of()));
        }
      }
    } catch (Throwable t) {
      return fail(userFacing(t, "commit"));
    }
    success = new JobResult(System.nanoTime() - startNanos, Map.copyOf(rows));
    return Behaviors.stopped();
  }

  private Behavior<Command> onTaskFailed(TaskFailed msg) {
    return fail(userFacing(msg.error(), msg.taskName()));
  }

  private Behavior<Command> onTaskStopped(TaskStopped msg) {
    TaskSpec task = plan.tasks().get(msg.taskId());
    return fail(new EmberRuntimeException("TASK_LOST",
        "Task " + task.name() + " stopped before the job finished."));
  }

  /** Stops the job; the sinks are aborted once every task has stopped and closed its writer. */
  private Behavior<Command> fail(RuntimeException error) {
    failure = error;
    return Behaviors.stopped();
  }

  private void abortSinks() {
    for (Vertex v : graph.vertices()) {
      if (v instanceof Vertex.SinkVertex sink) {
        try {
          sink.sink().abort(0, commits.getOrDefault(v.id(), List.of()));
        } catch (Throwable t) {
          if (failure != null && failure != t) {
            failure.addSuppressed(t);
          }
        }
      }
    }
  }

  private Behavior<Command> onPostStop() {
    if (success != null) {
      result.complete(success);
      return this;
    }
    if (failure == null) {
      failure = new EmberRuntimeException("RUNTIME_CLOSED", "The job was cancelled because its runtime was closed.");
    }
    abortSinks();
    result.completeExceptionally(failure);
    return this;
  }

  /**
   * The error the user sees: an Ember exception as it is (its type says what to do), anything else wrapped
   * in {@code TASK_FAILED} naming where it happened.
   */
  static RuntimeException userFacing(Throwable t, String where) {
    if (t instanceof EmberException e) {
      return e;
    }
    return new EmberRuntimeException("TASK_FAILED", "Task " + where + " failed: " + t, t);
  }
}
