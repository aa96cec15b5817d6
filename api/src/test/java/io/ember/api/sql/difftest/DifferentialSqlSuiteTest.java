package io.ember.api.sql.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The differential SQL suite: every query of {@code sql-tests/inputs/*.sql} runs through {@code spark.sql} on a
 * {@code local[2]} session (one per file, with the seeded tables of {@link DiffTables}) and its schema and rows
 * (or its error) must equal those of {@code sql-tests/results/*.sql.out}, which {@code gen_golden.py} derives
 * without Ember (SQLite plus hand-derived Spark semantics). One dynamic test per query; a mismatch names the
 * file, the query and the differing rows. Queries marked {@code -- !known-gap} still run, and are reported as
 * skipped with their reason (and whether they pass by now).
 */
class DifferentialSqlSuiteTest {
  private static final String ROOT = "sql-tests";

  @TestFactory
  Stream<DynamicNode> goldenFiles() throws IOException, URISyntaxException {
    URL url = getClass().getClassLoader().getResource(ROOT + "/results");
    if (url == null) {
      throw new IllegalStateException("no " + ROOT + "/results on the test class path");
    }
    Path results = Path.of(url.toURI());
    Path inputs = results.resolveSibling("inputs");
    List<Path> files;
    try (Stream<Path> s = Files.list(inputs)) {
      files = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    List<DynamicNode> containers = new ArrayList<>();
    for (Path input : files) {
      String name = input.getFileName().toString();
      String topic = name.substring(0, name.length() - 4);
      containers.add(container(topic, input, results.resolve(name + ".out")));
    }
    return containers.stream();
  }

  private static DynamicContainer container(String topic, Path input, Path output) throws IOException {
    List<String> queries = GoldenFile.inputQueries(Files.readString(input, StandardCharsets.UTF_8));
    List<GoldenFile.Case> cases = Files.exists(output)
        ? GoldenFile.parseResults(topic, Files.readString(output, StandardCharsets.UTF_8)) : List.of();
    List<DynamicNode> tests = new ArrayList<>();
    tests.add(DynamicTest.dynamicTest(topic + ": results file is up to date with the input", () -> assertEquals(
        queries, cases.stream().map(GoldenFile.Case::sql).toList(),
        "sql-tests/results/" + topic + ".sql.out is stale: run python3 gen_golden.py " + topic)));
    FileSession session = new FileSession(cases.size());
    for (GoldenFile.Case c : cases) {
      tests.add(DynamicTest.dynamicTest(c.title(), () -> session.run(c)));
    }
    return DynamicContainer.dynamicContainer(topic, tests);
  }

  /** The session of one file: started by its first query, stopped after its last. */
  private static final class FileSession {
    private final int total;
    private int done;
    private Session session;

    FileSession(int total) {
      this.total = total;
    }

    void run(GoldenFile.Case c) {
      try {
        if (session == null) {
          session = Session.builder().master("local[2]").appName("differential-" + c.topic()).getOrCreate();
          DiffTables.register(session);
        }
        check(session, c);
      } finally {
        if (++done == total && session != null) {
          session.stop();
          session = null;
        }
      }
    }
  }

  private static void check(Session session, GoldenFile.Case c) {
    String problem = problem(session, c);
    if (c.knownGap() != null) {
      Assumptions.abort("known gap (" + c.knownGap() + "): "
          + (problem == null ? "PASSES NOW, remove the directive" : "still differs: " + problem));
    }
    if (problem != null) {
      fail(c.topic() + ".sql query #" + c.index() + "\n" + c.sql() + "\n" + problem);
    }
  }

  /** What is wrong with Ember's answer to {@code c}, or null when it is Spark's. */
  static String problem(Session session, GoldenFile.Case c) {
    List<String> actual = new ArrayList<>();
    String schema;
    try {
      DataFrame df = session.sql(c.sql());
      schema = df.schema().simpleString();
      List<String> types = ResultText.columnTypes(c.schema() != null ? c.schema() : schema);
      for (Row r : df.collectAsList()) {
        actual.add(ResultText.row(r, types));
      }
    } catch (RuntimeException | StackOverflowError e) {
      if (c.errorClass() != null) {
        return errorProblem(c, e);
      }
      return "expected " + c.rows().size() + " rows, got the error " + e;
    }
    if (c.errorClass() != null) {
      return "expected the error " + c.errorClass() + " (" + c.errorFragment() + "), got " + actual.size()
          + " rows " + schema + ": " + actual.subList(0, Math.min(5, actual.size()));
    }
    StringBuilder out = new StringBuilder();
    if (!schema.equals(c.schema())) {
      out.append("schema: expected ").append(c.schema()).append(" got ").append(schema).append('\n');
    }
    List<String> diff = ResultText.diff(c.rows(), actual, ResultText.columnTypes(c.schema()), c.ordered());
    diff.stream().limit(20).forEach(d -> out.append(d).append('\n'));
    if (diff.size() > 20) {
      out.append("... ").append(diff.size() - 20).append(" more\n");
    }
    return out.isEmpty() ? null : out.toString();
  }

  /** Null when {@code e} (or a cause) has the expected error class or type and message fragment. */
  private static String errorProblem(GoldenFile.Case c, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      boolean classMatches = t.getClass().getSimpleName().equals(c.errorClass())
          || (t instanceof EmberException ee && ee.errorClass() != null
              && (ee.errorClass().equals(c.errorClass()) || ee.errorClass().startsWith(c.errorClass() + ".")));
      if (classMatches && String.valueOf(t.getMessage()).contains(c.errorFragment())) {
        return null;
      }
    }
    return "expected the error " + c.errorClass() + " containing '" + c.errorFragment() + "', got " + e;
  }
}
