package io.ember.bridge.udf;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.DataType;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Python worker processes that evaluate UDFs, and the pickled functions they run. Workers start lazily, on
 * the first evaluation that finds none idle; at most {@code maxWorkers} exist at once (one per concurrently
 * running task), further evaluations wait for one to be returned. A worker that crashed is dropped and the
 * next evaluation starts a fresh one. {@link #close()} (also run at JVM exit once a worker started) kills them
 * all. Thread-safe.
 */
public final class PythonWorkerPool implements AutoCloseable {
  private final WorkerLauncher launcher;
  private final int maxWorkers;
  private final Semaphore permits;
  private final ArrayDeque<PythonWorker> idle = new ArrayDeque<>();
  private final List<PythonWorker> all = new ArrayList<>();
  private final Map<ByteBuffer, Long> idsByBytes = new ConcurrentHashMap<>();
  private final Map<Long, byte[]> bytesById = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong(1);
  private boolean hookInstalled;
  private boolean closed;

  public PythonWorkerPool(WorkerLauncher launcher, int maxWorkers) {
    if (maxWorkers < 1) {
      throw new IllegalArgumentException("maxWorkers must be at least 1, got " + maxWorkers);
    }
    this.launcher = launcher;
    this.maxWorkers = maxWorkers;
    this.permits = new Semaphore(maxWorkers, true);
  }

  public int maxWorkers() {
    return maxWorkers;
  }

  /**
   * Registers a pickled function and returns its description; the same bytes always get the same id, so
   * workers keep it cached across queries.
   */
  public PythonFunction register(String name, byte[] pickled, DataType returnType, PythonEvalType evalType,
      boolean deterministic) {
    long id = idsByBytes.computeIfAbsent(ByteBuffer.wrap(pickled.clone()), b -> {
      long next = nextId.getAndIncrement();
      bytesById.put(next, b.array());
      return next;
    });
    return new PythonFunction(id, name, returnType, evalType, deterministic);
  }

  /**
   * Evaluates {@code f} over {@code args} on a worker of this pool, waiting for one when all are busy.
   *
   * @throws PythonException when the function raised or returned a wrong type
   * @throws EmberRuntimeException {@code PYTHON_WORKER_CRASHED} when the worker died (it is replaced)
   */
  public ColumnVector eval(PythonFunction f, Batch args) {
    byte[] pickled = bytesById.get(f.id());
    if (pickled == null) {
      throw new IllegalStateException("Function " + f + " was not registered with this pool");
    }
    PythonWorker w = borrow();
    try {
      return w.eval(f, pickled, args);
    } finally {
      giveBack(w);
    }
  }

  private PythonWorker borrow() {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmberRuntimeException("TASK_INTERRUPTED", "Interrupted while waiting for a Python worker.");
    }
    try {
      synchronized (this) {
        if (closed) {
          throw new EmberRuntimeException("PYTHON_WORKER_POOL_CLOSED", "The Python worker pool is closed.");
        }
        PythonWorker w = idle.pollFirst();
        if (w != null) {
          return w;
        }
        installShutdownHook();
      }
      PythonWorker started = PythonWorker.start(launcher.processBuilder(), launcher.startTimeout());
      synchronized (this) {
        if (closed) {
          started.close();
          throw new EmberRuntimeException("PYTHON_WORKER_POOL_CLOSED", "The Python worker pool is closed.");
        }
        all.add(started);
      }
      return started;
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private void giveBack(PythonWorker w) {
    synchronized (this) {
      if (w.broken() || closed) {
        all.remove(w);
        w.close();
      } else {
        idle.addFirst(w);
      }
    }
    permits.release();
  }

  /** How many worker processes are alive (idle or busy). */
  public synchronized int liveWorkers() {
    return all.size();
  }

  private void installShutdownHook() {
    if (!hookInstalled) {
      hookInstalled = true;
      Runtime.getRuntime().addShutdownHook(new Thread(this::close, "ember-python-workers-shutdown"));
    }
  }

  /** Kills every worker; later evaluations fail. */
  @Override
  public void close() {
    List<PythonWorker> toKill;
    synchronized (this) {
      closed = true;
      toKill = new ArrayList<>(all);
      all.clear();
      idle.clear();
    }
    for (PythonWorker w : toKill) {
      w.close();
    }
  }
}
