package io.ember.runtime;

import io.ember.checkpointing.ReplicaStore;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.local.JobCoordinator;
import io.ember.runtime.local.LocalJobs;
import io.ember.runtime.local.PekkoSettings;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Runs jobs in this JVM on one Pekko actor system ({@code local[N]}). Each job gets a
 * {@link JobCoordinator} actor (a streaming job a {@code StreamingCoordinator}) that deploys one task actor
 * per vertex instance (fusing forward chains); batches pass between tasks by reference under credit-based
 * flow control.
 *
 * <p>The actor system starts on a thread of its own as soon as the runtime is created, so that a caller can
 * go on (bind a socket, plan its first query) while it starts; {@link #run} waits for it, and a failed start
 * fails every run with {@code RUNTIME_START_FAILED}.
 *
 * <p>Thread-safe: several threads may run jobs at once. {@link #close()} fails running jobs and stops
 * every actor and thread of the runtime; all its threads are daemons, so even an unclosed runtime does not
 * keep the JVM alive.
 */
public final class LocalRuntime implements JobRunner {
  /** How long {@link #close()} waits for the actor system to stop. */
  private static final long CLOSE_TIMEOUT_SECONDS = 30;

  private final int parallelism;
  private final CompletableFuture<ActorSystem<LocalJobs.Command>> system = new CompletableFuture<>();
  private final AtomicInteger liveTasks = new AtomicInteger();
  private final Set<CompletableFuture<JobResult>> running = ConcurrentHashMap.newKeySet();
  /** The replica stores jobs asked for, made at the first job of each kind; closed with the runtime. */
  private final Map<ReplicaStoreKind, ReplicaStore> replicaStores = new EnumMap<>(ReplicaStoreKind.class);
  private volatile boolean closed;

  private LocalRuntime(int parallelism) {
    this.parallelism = parallelism;
    Thread starter = new Thread(this::startSystem, "ember-runtime-start");
    starter.setDaemon(true);
    starter.start();
  }

  private void startSystem() {
    try {
      int cores = Runtime.getRuntime().availableProcessors();
      // Bind the logging backend before the actor system's threads log concurrently, so SLF4J does not
      // report replayed start-up calls on stderr.
      org.slf4j.LoggerFactory.getILoggerFactory();
      system.complete(PekkoSettings.startLocalSystem(LocalJobs.create(liveTasks), "ember", cores));
    } catch (RuntimeException | Error e) {
      system.completeExceptionally(e);
    }
  }

  /** The actor system, once started. */
  private ActorSystem<LocalJobs.Command> system() {
    try {
      return system.join();
    } catch (CompletionException e) {
      throw new EmberRuntimeException("RUNTIME_START_FAILED", "The local runtime could not start its actor system: "
          + e.getCause(), e.getCause());
    }
  }

  /** The runtime's actor system, for the runtime's own tests that act on actors (stopping a task to test recovery). */
  ActorSystem<?> actorSystem() {
    return system();
  }

  /**
   * Starts a runtime whose default parallelism is {@code parallelism}.
   *
   * @throws IllegalArgumentException if {@code parallelism} is not positive
   */
  public static LocalRuntime start(int parallelism) {
    if (parallelism <= 0) {
      throw new IllegalArgumentException("parallelism must be positive, got " + parallelism);
    }
    return new LocalRuntime(parallelism);
  }

  @Override
  public JobResult run(JobGraph graph, JobConfig config) {
    if (closed) {
      throw closedError();
    }
    CompletableFuture<JobResult> result = new CompletableFuture<>();
    running.add(result);
    try {
      system().tell(new LocalJobs.RunJob(graph, config, result));
      if (closed) {
        result.completeExceptionally(closedError());
      }
      return result.join();
    } catch (CompletionException e) {
      throw rethrow(e.getCause());
    } finally {
      running.remove(result);
    }
  }

  @Override
  public StreamingJob startStreaming(JobGraph graph, Set<Integer> streamingSources, JobConfig config,
      StreamingSettings settings, EpochListener listener) {
    if (closed) {
      throw closedError();
    }
    CompletableFuture<StreamingJob> started = new CompletableFuture<>();
    system().tell(new LocalJobs.StartStreaming(graph, streamingSources, config, settings, listener,
        replicaStore(config.replicaStore()), started));
    StreamingJob job;
    try {
      job = started.join();
    } catch (CompletionException e) {
      throw rethrow(e.getCause());
    }
    if (closed) {
      job.stop();
    }
    return job;
  }

  private static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof RuntimeException re) {
      return re;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    return new EmberRuntimeException("TASK_FAILED", "The job failed: " + cause, cause);
  }

  @Override
  public int defaultParallelism() {
    return parallelism;
  }

  /**
   * The runtime's replica store of {@code kind}, made on first use; every streaming job keeps its task snapshots
   * in the store its {@link JobConfig#replicaStore()} names, under its own job id, and removes them when it ends.
   *
   * @throws EmberRuntimeException {@code RUNTIME_CLOSED} once the runtime is closed
   */
  public ReplicaStore replicaStore(ReplicaStoreKind kind) {
    synchronized (replicaStores) {
      if (closed) {
        throw closedError();
      }
      return replicaStores.computeIfAbsent(kind, k -> k.create("ember-replicas-" + k.configName()));
    }
  }

  /** Bytes of memory the runtime's replica stores occupy now, over all stores and jobs. */
  public long replicaMemoryBytes() {
    synchronized (replicaStores) {
      return replicaStores.values().stream().mapToLong(ReplicaStore::memoryBytes).sum();
    }
  }

  /** Task actors alive now, over all jobs; zero whenever no job runs. */
  public int liveTasks() {
    return liveTasks.get();
  }

  @Override
  public void close() {
    synchronized (replicaStores) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      ActorSystem<LocalJobs.Command> actors;
      try {
        actors = system();
      } catch (EmberRuntimeException e) {
        return;
      }
      actors.terminate();
      actors.getWhenTerminated().toCompletableFuture().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new EmberRuntimeException("RUNTIME_CLOSE_FAILED", "The local runtime did not stop: " + e, e);
    } finally {
      for (CompletableFuture<JobResult> job : running) {
        job.completeExceptionally(closedError());
      }
      synchronized (replicaStores) {
        replicaStores.values().forEach(ReplicaStore::close);
        replicaStores.clear();
      }
    }
  }

  private static EmberRuntimeException closedError() {
    return new EmberRuntimeException("RUNTIME_CLOSED", "The local runtime is closed; start a new one to run jobs.");
  }
}
