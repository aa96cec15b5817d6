package io.ember.runtime;

import static io.ember.runtime.StreamingRuntimeTest.assertRowsInTheirEpoch;
import static io.ember.runtime.StreamingRuntimeTest.await;
import static io.ember.runtime.StreamingRuntimeTest.config;
import static io.ember.runtime.StreamingRuntimeTest.edge;
import static io.ember.runtime.StreamingRuntimeTest.op;
import static io.ember.runtime.StreamingRuntimeTest.range;
import static io.ember.runtime.StreamingRuntimeTest.sink;
import static io.ember.runtime.StreamingRuntimeTest.source;
import static io.ember.runtime.StreamingRuntimeTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Row;
import io.ember.runtime.StreamOperators.ProbeSpec;
import io.ember.runtime.StreamOperators.WatermarkSpec;
import io.ember.runtime.StreamingRuntimeTest.Reports;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When every source of a job with a stateful operator ended (a bounded input, as under {@code AvailableNow}), the
 * job cuts ordinary epochs until the input's last rows had an epoch and the watermark they give had its step, and
 * only then its final epoch: the watermark step the last rows call for is heard and its output committed, however
 * the input's end falls between the epochs.
 */
@Timeout(60)
class EndOfInputEpochsTest {
  private static LocalRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = LocalRuntime.start(2);
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  /** Cuts as soon as the epoch before committed, at most {@code maxRows} rows per source task and epoch. */
  private static StreamingSettings limited(long maxRows) {
    return new StreamingSettings(Duration.ZERO, true, 0, null, StreamingSettings.DEFAULT_MAX_TASK_FAILURES,
        Duration.ZERO, true, maxRows);
  }

  private static JobGraph probed(QueueSource in, boolean stateful, List<Long> heard, EpochSink out) {
    return new JobGraph(
        List.of(source(1, 1, in), op(2, 1, new WatermarkSpec(1, 0)), op(3, 1, new ProbeSpec(stateful, heard)),
            sink(4, 1, out)),
        List.of(edge(1, 2, new Exchange.Forward()), edge(2, 3, new Exchange.Forward()),
            edge(3, 4, new Exchange.Forward())));
  }

  @Test
  void theLastRowsWatermarkStepComesBeforeTheFinalEpochWhateverEpochTheInputEndsIn() throws Exception {
    for (int rows : new int[] {95, 100, 101, 7}) {
      QueueSource in = new QueueSource(1, 5, 0);
      in.add(0, 0, rows);
      in.end();
      List<Long> heard = Collections.synchronizedList(new ArrayList<>());
      EpochSink out = new EpochSink();
      Reports reports = new Reports();

      StreamingJob job = runtime.startStreaming(probed(in, true, heard, out), Set.of(1), config(10, 4), limited(30),
          reports);
      await(job.termination());

      long last = rows - 1; // the largest event time, and with no delay the watermark it gives
      List<Row> all = out.allRows();
      List<Row> data = all.stream().filter(r -> r.getInt(0) >= 0).toList();
      assertEquals(range(0, rows), values(data), rows + " rows, every row once");
      assertEquals(last, heard.get(heard.size() - 1), rows + " rows: the last watermark heard " + heard);
      assertTrue(all.contains(Row.of(-1, last, -1L)), rows + " rows: the last watermark step's output is committed");
      assertRowsInTheirEpoch(out);
      assertEquals(0, runtime.liveTasks());
    }
  }

  @Test
  void aStatelessJobEndsWithTheEpochOfItsLastRows() throws Exception {
    QueueSource in = new QueueSource(1, 5, 0);
    in.add(0, 0, 100);
    in.end();
    List<Long> heard = Collections.synchronizedList(new ArrayList<>());
    EpochSink out = new EpochSink();
    Reports reports = new Reports();

    StreamingJob job = runtime.startStreaming(probed(in, false, heard, out), Set.of(1), config(10, 4), limited(30),
        reports);
    await(job.termination());

    assertEquals(range(0, 100), values(out.allRows().stream().filter(r -> r.getInt(0) >= 0).toList()));
    List<Long> inputRows = reports.snapshot().stream().map(EpochReport::numInputRows).toList();
    assertTrue(inputRows.subList(0, inputRows.size() - 1).stream().allMatch(n -> n > 0),
        "a job without state adds no epoch without data before its final one: " + inputRows);
  }
}
