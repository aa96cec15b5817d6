package io.ember.bridge.udf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ember.bridge.BatchCodec;
import io.ember.bridge.Frame;
import io.ember.bridge.TypeCodec;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.errors.EmberException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Python worker process ({@code python3 -m ember.worker}) and the frames exchanged with it over its
 * stdin/stdout ({@code PROTOCOL.md}, "Python workers"). Used by one thread at a time (the pool lends it out).
 * Its stderr is passed on to this JVM's stderr, its last lines kept for error messages.
 *
 * <p>A worker that ends (end of file on its stdout, a broken stdin pipe) or answers out of protocol is
 * {@linkplain #broken() broken}: {@link #eval} then throws an {@link EmberRuntimeException}
 * ({@link #CRASHED}) with its exit code and stderr tail, and the pool replaces it. A Python exception leaves it
 * usable.
 */
final class PythonWorker implements AutoCloseable {
  /** Error class of a worker that exited or broke the protocol while running a UDF. */
  static final String CRASHED = "PYTHON_WORKER_CRASHED";
  /** The protocol version the worker must announce in its first frame. */
  static final int WORKER_PROTOCOL = 1;
  private static final int STDERR_LINES = 30;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Process process;
  private final String command;
  private final DataInputStream in;
  private final OutputStream out;
  private final ArrayDeque<String> stderrTail = new ArrayDeque<>();
  private final Thread stderrDrain;
  private final Set<Long> sentFunctions = new HashSet<>();
  private boolean broken;

  private PythonWorker(Process process, String command) {
    this.process = process;
    this.command = command;
    this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
    this.out = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
    this.stderrDrain = new Thread(this::drainStderr, "ember-python-worker-stderr-" + process.pid());
    stderrDrain.setDaemon(true);
    stderrDrain.start();
  }

  /**
   * Starts a worker and reads its hello frame, killing it when that takes longer than {@code timeout}.
   *
   * @throws EmberRuntimeException {@link #CRASHED} when it cannot be started, exits or times out before saying
   *     hello
   */
  static PythonWorker start(ProcessBuilder command, Duration timeout) {
    Process p;
    try {
      p = command.start();
    } catch (IOException e) {
      throw new EmberRuntimeException(CRASHED, "Cannot start the Python worker " + command.command()
          + ": " + e.getMessage() + ". Set PYSPARK_PYTHON to a Python 3 with numpy and cloudpickle.", e);
    }
    PythonWorker w = new PythonWorker(p, String.join(" ", command.command()) + " with PYTHONPATH="
        + command.environment().get("PYTHONPATH"));
    AtomicBoolean timedOut = new AtomicBoolean();
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(timeout.toMillis());
        timedOut.set(true);
        p.destroyForcibly();
      } catch (InterruptedException e) {
        // Hello arrived (or start failed) in time.
      }
    }, "ember-python-worker-start-" + p.pid());
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      Frame hello;
      try {
        hello = w.readFrame("starting");
      } catch (EmberRuntimeException e) {
        throw timedOut.get() ? w.crashed("starting", "sent no hello within " + timeout.toMillis() + " ms and was killed") : e;
      }
      JsonNode h = hello.isJson() ? MAPPER.readTree(hello.payload()) : null;
      if (h == null || h.path("protocol").asInt(-1) != WORKER_PROTOCOL) {
        throw w.crashed("starting", protocol("its first frame is not the hello of worker protocol " + WORKER_PROTOCOL));
      }
      return w;
    } catch (IOException | RuntimeException e) {
      w.close();
      throw e instanceof EmberException ee ? ee : w.crashed("starting", protocol(e.toString()));
    } finally {
      watchdog.interrupt();
    }
  }

  boolean broken() {
    return broken;
  }

  long pid() {
    return process.pid();
  }

  /**
   * Runs {@code f} over {@code args} (one column per argument) and returns its result column.
   *
   * @throws PythonException when the function raised or returned a wrong type (the worker stays usable)
   * @throws EmberRuntimeException {@link #CRASHED} when the worker died or broke the protocol (it is broken)
   */
  ColumnVector eval(PythonFunction f, byte[] pickled, Batch args) {
    try {
      send(f, pickled, args);
      JsonNode header = MAPPER.readTree(readFrame(f.name()).payload());
      if (!header.path("ok").asBoolean(false)) {
        throw pythonError(f, header.path("error"));
      }
      Frame result = readFrame(f.name());
      if (!result.isBatch()) {
        throw crashed(f.name(), protocol("it answered with a 'J' frame where the result batch belongs"));
      }
      StructType schema = new StructType(List.of(new StructField("result", f.returnType(), true)));
      Batch out = BatchCodec.decode(result.payload(), schema);
      if (out.numRows() != args.numRows()) {
        throw crashed(f.name(), protocol("it returned " + out.numRows() + " rows for " + args.numRows()));
      }
      return out.column(0);
    } catch (PythonException e) {
      throw e;
    } catch (EmberException e) {
      broken = true;
      throw e instanceof EmberRuntimeException && CRASHED.equals(e.errorClass()) ? e : crashed(f.name(), protocol(e.getMessage()));
    } catch (IOException | RuntimeException e) {
      throw crashed(f.name(), exitedWithin(1) ? null : protocol(e.toString()));
    }
  }

  /** True when the process has ended or ends within {@code seconds} (a broken pipe means it is dying). */
  private boolean exitedWithin(int seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  private void send(PythonFunction f, byte[] pickled, Batch args) throws IOException {
    ObjectNode req = MAPPER.createObjectNode();
    req.put("op", "eval");
    req.put("function", f.id());
    req.put("name", f.name());
    req.put("evalType", f.evalType().wireName());
    req.set("returnType", TypeCodec.toJson(f.returnType()));
    ArrayNode types = req.putArray("argTypes");
    for (StructField field : args.schema().fields()) {
      types.add(TypeCodec.toJson(field.dataType()));
    }
    boolean first = !sentFunctions.contains(f.id());
    if (first) {
      req.put("pickled", Base64.getEncoder().encodeToString(pickled));
    }
    Frame.json(MAPPER.writeValueAsBytes(req)).write(out);
    Frame.batch(BatchCodec.encode(args)).write(out);
    out.flush();
    if (first) {
      sentFunctions.add(f.id());
    }
  }

  private Frame readFrame(String udf) throws IOException {
    Frame frame = Frame.read(in);
    if (frame == null) {
      throw crashed(udf, null);
    }
    return frame;
  }

  private static PythonException pythonError(PythonFunction f, JsonNode error) {
    String type = error.path("type").asText("Exception");
    String message = error.path("message").asText("");
    String traceback = error.path("traceback").asText("");
    String errorClass = error.path("errorClass").asText(PythonException.UDF_FAILED);
    String text = "An exception was thrown from the Python worker running the UDF `" + f.name() + "`: " + type
        + (message.isEmpty() ? "" : ": " + message) + (traceback.isEmpty() ? "" : "\n" + traceback.stripTrailing());
    return new PythonException(errorClass, text, type, traceback);
  }

  private static String protocol(String problem) {
    return "broke the worker protocol (" + problem + ")";
  }

  /**
   * Marks this worker broken, kills it unless it ended by itself, and describes how it ended: {@code why} is
   * what it did, null when it closed its stdout (exited).
   */
  private EmberRuntimeException crashed(String udf, String why) {
    broken = true;
    if (why != null) {
      process.destroyForcibly();
    }
    try {
      out.close();
    } catch (IOException ignored) {
      // Its stdin is already gone.
    }
    String exit = exitedWithin(2) ? "exit code " + process.exitValue() : "did not exit";
    try {
      stderrDrain.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String tail = stderrTail();
    return new EmberRuntimeException(CRASHED, "Python worker (pid " + process.pid() + ") "
        + (why == null ? "exited unexpectedly (crashed)" : why)
        + " while " + (udf.equals("starting") ? "starting (" + command + ")" : "running the UDF `" + udf + "`")
        + "; " + exit + "."
        + (tail.isEmpty() ? "" : " Its last stderr lines:\n" + tail)
        + "\nThe worker is replaced; the session stays usable.");
  }

  private void drainStderr() {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (stderrTail) {
          if (stderrTail.size() == STDERR_LINES) {
            stderrTail.removeFirst();
          }
          stderrTail.addLast(line);
        }
        System.err.println(line);
      }
    } catch (IOException e) {
      // The worker is gone; what it wrote is kept.
    }
  }

  String stderrTail() {
    synchronized (stderrTail) {
      return String.join("\n", stderrTail);
    }
  }

  /** Kills the process (its stdin closes first, so a healthy worker also ends on its own). */
  @Override
  public void close() {
    broken = true;
    try {
      out.close();
    } catch (IOException ignored) {
      // Already closed by the process ending.
    }
    process.destroyForcibly();
  }
}
