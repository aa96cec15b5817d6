package io.ember.benchmarks.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HarnessFiguresTest {

  @Test
  void medianOfAnOddCountIsTheMiddleAndOfAnEvenCountTheMeanOfTheMiddleTwo() {
    assertEquals(new Stats(1, 3, 9, 3), Stats.of(List.of(9.0, 1.0, 3.0)));
    assertEquals(new Stats(1, 2.5, 4, 4), Stats.of(List.of(4.0, 1.0, 3.0, 2.0)));
    assertTrue(Double.isNaN(Stats.of(List.of()).median()));
  }

  @Test
  void jobOutputRowsAndTimesAreReadBackIgnoringOtherLines() {
    List<String> stdout = List.of("some log line", "ROW books,2,3.0,1.5", "ROW toys,1,1.0,1.0",
        "TIMES startup_ms=120 query_ms=3400", "Wrote /tmp/x");
    assertEquals(List.of("books,2,3.0,1.5", "toys,1,1.0,1.0"), JobOutput.parseRows(stdout));
    assertEquals(120, JobOutput.parseTime(stdout, "startup_ms"));
    assertEquals(3400, JobOutput.parseTime(stdout, "query_ms"));
    assertEquals(-1, JobOutput.parseTime(List.of("ROW 1"), "query_ms"));
  }

  @Test
  void reportGivesMediansPerEngineAndTheRatiosEmberOverPeer() {
    Engine ember = new Engine("ember", "0.1", "-Da=b", "cp");
    Engine spark = new Engine("spark", "4.0.1", "-Da=b", "cp");
    List<Measurement> runs = List.of(
        new Measurement("ember", 1, 2_000_000_000L, 100, 1_000, 100 * 1024, 3.0),
        new Measurement("spark", 1, 10_000_000_000L, 4_000, 5_000, 400 * 1024, 20.0),
        new Measurement("ember", 2, 4_000_000_000L, 100, 3_000, 300 * 1024, 5.0),
        new Measurement("spark", 2, 10_000_000_000L, 4_000, 6_000, 600 * 1024, 20.0));
    String report = Report.render("T", new Workload.Input("in", List.of(), 6_000_000, 300_000_000, r -> List.of()),
        List.of(ember, spark), runs);
    assertTrue(report.contains(
        "| ember 0.1 | 2.00 / 3.00 / 4.00 | 1.00 / 2.00 / 3.00 | 4.00 | 2,000,000 | 100.0 | 100 / 200 / 300 |"),
        report);
    assertTrue(report.contains(
        "| spark 4.0.1 | 10.00 / 10.00 / 10.00 | 5.00 / 5.50 / 6.00 | 20.00 | 600,000 | 30.0 | 400 / 500 / 600 |"),
        report);
    assertTrue(report.contains("wall median 0.300 (run by run: 0.200 / 0.300 / 0.400), query median 0.364,"
        + " CPU seconds median 0.200, peak RSS median 0.400"), report);
  }

  @Test
  void jobFiguresArePrintedOnTheTimesLineAndReportedWithTheirRatios() {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    java.io.PrintStream old = System.out;
    System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      new JobOutput().row("7").figure("p99_us", 2500).print(1_000_000, 2_000_000);
    } finally {
      System.setOut(old);
    }
    List<String> lines = buf.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    assertEquals(List.of("ROW 7", "TIMES startup_ms=1 query_ms=2 p99_us=2500"), lines);
    assertEquals(2500, JobOutput.parseTime(lines, "p99_us"));

    Workload.Figure p99 = new Workload.Figure("p99_us", "p99 ms", 1000, 1);
    List<Measurement> runs = List.of(
        new Measurement("ember", 1, 1_000_000_000L, 1, 1, 1, 1.0, java.util.Map.of("p99_us", 20_000L)),
        new Measurement("flink", 1, 1_000_000_000L, 1, 1, 1, 1.0, java.util.Map.of("p99_us", 80_000L)),
        new Measurement("spark", 1, 1_000_000_000L, 1, 1, 1, 1.0, java.util.Map.of("p99_us", 0L)));
    String report = Report.render("T", new Workload.Input("in", List.of(), 10, 0, r -> List.of()),
        List.of(new Engine("ember", "0.1", "", "cp"), new Engine("flink", "2.3.0", "", "cp"),
            new Engine("spark", "4.0.1", "", "cp")), runs, List.of(p99));
    assertTrue(report.contains("| p99 ms (min / median / max) |"), report);
    assertTrue(report.contains("| 20.0 / 20.0 / 20.0 |"), report);
    assertTrue(report.contains("Median ratios ember/flink of the jobs' own figures: p99 ms 0.250."), report);
    assertTrue(report.contains("Median ratios ember/spark of the jobs' own figures: p99 ms n/a."), report);
  }
}
