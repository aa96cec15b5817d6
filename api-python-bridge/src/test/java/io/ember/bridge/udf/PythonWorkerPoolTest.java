package io.ember.bridge.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Python workers ({@code python3 -m ember.worker} from this module's {@code python} directory). */
class PythonWorkerPoolTest {
  private static final StructType ONE_INT = new StructType(List.of(new StructField("_0", DataTypes.INTEGER, true)));
  private final List<PythonWorkerPool> pools = new ArrayList<>();

  @AfterEach
  void closePools() {
    pools.forEach(PythonWorkerPool::close);
  }

  private PythonWorkerPool pool(int max) {
    PythonWorkerPool p = new PythonWorkerPool(WorkerLauncher.fromEnvironment(), max);
    pools.add(p);
    return p;
  }

  /** The cloudpickle bytes of the Python expression {@code source} (a function), pickled by python3. */
  private static byte[] pickle(String source) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("python3", "-c",
        "import base64, cloudpickle, sys\nf = " + source + "\nsys.stdout.write(base64.b64encode(cloudpickle.dumps(f)).decode())")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertEquals(0, p.waitFor());
    return Base64.getDecoder().decode(out);
  }

  private static Batch ints(Integer... values) {
    List<Row> rows = Arrays.stream(values).map(v -> Row.of(v)).toList();
    return Batch.fromRows(ONE_INT, rows);
  }

  private static List<Object> list(ColumnVector v) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      out.add(v.get(i));
    }
    return out;
  }

  @Test
  void rowFunctionRunsOnAWorkerWithNullsAsNone() throws Exception {
    PythonWorkerPool pool = pool(2);
    PythonFunction f = pool.register("inc", pickle("lambda v: None if v is None else v + 1"), DataTypes.LONG,
        PythonEvalType.ROW, true);
    assertEquals(0, pool.liveWorkers());
    assertEquals(Arrays.asList(2L, null, 4L), list(pool.eval(f, ints(1, null, 3))));
    assertEquals(Arrays.asList(11L), list(pool.eval(f, ints(10))));
    assertEquals(1, pool.liveWorkers());
  }

  @Test
  void sameBytesGetTheSameIdAndOtherBytesAnother() throws Exception {
    PythonWorkerPool pool = pool(1);
    byte[] inc = pickle("lambda v: v + 1");
    PythonFunction a = pool.register("a", inc, DataTypes.INTEGER, PythonEvalType.ROW, true);
    PythonFunction b = pool.register("b", inc.clone(), DataTypes.INTEGER, PythonEvalType.ROW, true);
    PythonFunction c = pool.register("c", pickle("lambda v: v + 2"), DataTypes.INTEGER, PythonEvalType.ROW, true);
    assertEquals(a.id(), b.id());
    assertNotEquals(a.id(), c.id());
    assertEquals(List.of(2), list(pool.eval(a, ints(1))));
    assertEquals(List.of(3), list(pool.eval(c, ints(1))));
  }

  @Test
  void vectorFunctionGetsWholeColumns() throws Exception {
    PythonWorkerPool pool = pool(1);
    PythonFunction f = pool.register("sum", pickle("lambda a: a * 0 + int(a.sum())"), DataTypes.INTEGER,
        PythonEvalType.VECTOR, true);
    assertEquals(List.of(6, 6, 6), list(pool.eval(f, ints(1, 2, 3))));
  }

  @Test
  void raisingFunctionIsAPythonExceptionAndTheWorkerStays() throws Exception {
    PythonWorkerPool pool = pool(1);
    PythonFunction f = pool.register("div", pickle("lambda v: 10 // v"), DataTypes.INTEGER, PythonEvalType.ROW, true);
    PythonException e = assertThrows(PythonException.class, () -> pool.eval(f, ints(0)));
    assertEquals("PYTHON_UDF_FAILED", e.errorClass());
    assertEquals("ZeroDivisionError", e.pythonType());
    assertTrue(e.traceback().startsWith("Traceback (most recent call last):"), e.traceback());
    assertTrue(e.getMessage().startsWith("[PYTHON_UDF_FAILED] An exception was thrown from the Python worker running"
        + " the UDF `div`: ZeroDivisionError: integer division or modulo by zero\nTraceback"), e.getMessage());
    assertEquals(List.of(5), list(pool.eval(f, ints(2))));
    assertEquals(1, pool.liveWorkers());
  }

  @Test
  void wrongReturnTypeNamesTheValueAndTheType() throws Exception {
    PythonWorkerPool pool = pool(1);
    PythonFunction f = pool.register("name", pickle("lambda v: 'x%s' % v"), DataTypes.INTEGER, PythonEvalType.ROW,
        true);
    PythonException e = assertThrows(PythonException.class, () -> pool.eval(f, ints(7)));
    assertEquals("UDF_RETURN_TYPE", e.errorClass());
    assertTrue(e.getMessage().contains("The UDF `name` returned 'x7' of type str, which its declared return type int"
        + " cannot hold."), e.getMessage());
  }

  @Test
  void crashedWorkerIsReportedWithExitCodeAndStderrAndReplaced() throws Exception {
    PythonWorkerPool pool = pool(1);
    PythonFunction die = pool.register("die",
        pickle("lambda v: (__import__('sys').stderr.write('dying now\\n'), __import__('os')._exit(5))"),
        DataTypes.INTEGER, PythonEvalType.ROW, true);
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> pool.eval(die, ints(1)));
    assertEquals(PythonWorker.CRASHED, e.errorClass());
    assertTrue(e.getMessage().contains("exited unexpectedly (crashed) while running the UDF `die`; exit code 5."),
        e.getMessage());
    assertTrue(e.getMessage().contains("dying now"), e.getMessage());
    assertEquals(0, pool.liveWorkers());
    PythonFunction inc = pool.register("inc", pickle("lambda v: v + 1"), DataTypes.INTEGER, PythonEvalType.ROW, true);
    assertEquals(List.of(2), list(pool.eval(inc, ints(1))));
  }

  @Test
  void concurrentCallsNeverStartMoreWorkersThanTheLimit() throws Exception {
    PythonWorkerPool pool = pool(2);
    PythonFunction slow = pool.register("slow", pickle("lambda v: (__import__('time').sleep(0.05), v)[1]"),
        DataTypes.INTEGER, PythonEvalType.ROW, true);
    ExecutorService threads = Executors.newFixedThreadPool(5);
    try {
      List<Future<ColumnVector>> results = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        int v = i;
        results.add(threads.submit(() -> pool.eval(slow, ints(v))));
      }
      for (int i = 0; i < 10; i++) {
        assertEquals(List.of(i), list(results.get(i).get()));
      }
    } finally {
      threads.shutdownNow();
    }
    assertTrue(pool.liveWorkers() >= 1 && pool.liveWorkers() <= 2, "live workers: " + pool.liveWorkers());
  }

  @Test
  void closeKillsTheWorkersAndLaterCallsFail() throws Exception {
    PythonWorkerPool pool = pool(1);
    PythonFunction pid = pool.register("pid", pickle("lambda v: __import__('os').getpid()"), DataTypes.INTEGER,
        PythonEvalType.ROW, true);
    long workerPid = ((Number) pool.eval(pid, ints(0)).get(0)).longValue();
    ProcessHandle worker = ProcessHandle.of(workerPid).orElseThrow();
    pool.close();
    worker.onExit().get();
    assertFalse(worker.isAlive());
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> pool.eval(pid, ints(0)));
    assertEquals("PYTHON_WORKER_POOL_CLOSED", e.errorClass());
  }

  @Test
  void workerThatCannotStartSaysWhy() {
    PythonWorkerPool noPython = new PythonWorkerPool(new WorkerLauncher("/nonexistent/python3", Path.of(".")), 1);
    pools.add(noPython);
    PythonFunction f = noPython.register("f", new byte[] {1}, DataTypes.INTEGER, PythonEvalType.ROW, true);
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> noPython.eval(f, ints(1)));
    assertTrue(e.getMessage().contains("Cannot start the Python worker [/nonexistent/python3, -m, ember.worker]"),
        e.getMessage());

    PythonWorkerPool noPackage = new PythonWorkerPool(new WorkerLauncher("python3", Path.of("/nonexistent")), 1);
    pools.add(noPackage);
    PythonFunction g = noPackage.register("g", new byte[] {1}, DataTypes.INTEGER, PythonEvalType.ROW, true);
    EmberRuntimeException e2 = assertThrows(EmberRuntimeException.class, () -> noPackage.eval(g, ints(1)));
    assertTrue(e2.getMessage().contains("exited unexpectedly (crashed) while starting (python3 -m ember.worker with"
        + " PYTHONPATH=/nonexistent"), e2.getMessage());
    assertTrue(e2.getMessage().contains("; exit code 1."), e2.getMessage());
    assertTrue(e2.getMessage().contains("No module named 'ember'"), e2.getMessage());
    assertEquals(0, noPackage.liveWorkers());
  }

  @Test
  void workerThatNeverSaysHelloIsKilledAfterTheStartTimeout(@TempDir Path dir) throws Exception {
    Path silent = dir.resolve("silent-python");
    Files.writeString(silent, "#!/bin/sh\necho 'silent worker here' >&2\nexec sleep 600\n");
    assertTrue(silent.toFile().setExecutable(true));
    // long enough for the shell to start and write its line on a loaded machine: the message must hold that line
    PythonWorkerPool pool = new PythonWorkerPool(new WorkerLauncher(silent.toString(), dir, Duration.ofSeconds(2)), 1);
    pools.add(pool);
    PythonFunction f = pool.register("f", new byte[] {1}, DataTypes.INTEGER, PythonEvalType.ROW, true);
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> pool.eval(f, ints(1)));
    assertEquals(PythonWorker.CRASHED, e.errorClass());
    assertTrue(e.getMessage().contains("sent no hello within 2000 ms and was killed while starting"), e.getMessage());
    assertTrue(e.getMessage().contains("silent worker here"), e.getMessage());
    assertEquals(0, pool.liveWorkers());
  }

  @Test
  void expressionEvaluatesItsArgumentsAndNamesTheCall() throws Exception {
    PythonWorkerPool pool = pool(1);
    PythonFunction f = pool.register("add", pickle("lambda a, b: None if a is None else a + b"), DataTypes.INTEGER, PythonEvalType.ROW, true);
    var ref = new io.ember.core.expr.ColumnRef(0, "x", DataTypes.INTEGER, true);
    PythonUdfExpression e = new PythonUdfExpression(f, List.of(ref, ref), pool);
    assertEquals("add(x, x)", e.sql());
    assertEquals(DataTypes.INTEGER, e.dataType());
    assertTrue(e.deterministic());
    ColumnVector out = e.evaluate(ints(1, null, 4), io.ember.core.expr.EvalContext.defaults());
    assertEquals(Arrays.asList(2, null, 8), list(out));
    assertFalse(new PythonUdfExpression(new PythonFunction(f.id(), "r", DataTypes.INTEGER, PythonEvalType.ROW, false),
        List.of(ref), pool).deterministic());
  }
}
