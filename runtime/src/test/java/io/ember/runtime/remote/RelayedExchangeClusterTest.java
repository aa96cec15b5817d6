package io.ember.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.ember.connectors.memory.CollectSink;
import io.ember.core.data.Row;
import io.ember.core.expr.EvalContext;
import io.ember.operators.memory.MemoryBudget;
import io.ember.runtime.JobConfig;
import io.ember.runtime.LocalRuntime;
import io.ember.runtime.StreamingJob;
import io.ember.runtime.StreamingSettings;
import io.ember.runtime.cluster.ClusterRuntime;
import io.ember.runtime.cluster.HostPort;
import io.ember.runtime.cluster.JobPlacement;
import io.ember.runtime.cluster.testkit.ClusterExtension;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import io.ember.runtime.local.ExchangeRelay;
import io.ember.runtime.local.PekkoSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exchanges between three node JVMs go once per destination node through each node's {@link ExchangeRelay}: a
 * broadcast join and a hash aggregate give local mode's rows, a checkpointed stream whose barriers cross the relays
 * commits local mode's rows with every epoch once, and each node's relay handed every message it got to all of its
 * tasks of the edge (asked through a plain remote actor system next to the driver).
 */
@Timeout(240)
class RelayedExchangeClusterTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.builder().nodes(3).cores(2)
      .stableAfter(Duration.ofSeconds(20)).startTimeout(Duration.ofSeconds(180)).build();

  private static ClusterRuntime cluster;
  private static LocalRuntime local;
  /** Asks the nodes' relays; not a cluster member. */
  private static ActorSystem<Void> probe;

  @BeforeAll
  static void connect() {
    cluster = ClusterRuntime.connect(HostPort.parseMasterUrl(CLUSTER.masterUrl()), CLUSTER.secret(), WAIT,
        ConfigFactory.empty());
    local = LocalRuntime.start(2);
    probe = ActorSystem.create(Behaviors.empty(), "relay-probe", RemoteSerialization.config()
        .withFallback(ConfigFactory.parseString(String.join("\n",
            "pekko.actor.provider = remote",
            "pekko.remote.artery.canonical.hostname = \"127.0.0.1\"",
            "pekko.remote.artery.canonical.port = 0")))
        .withFallback(PekkoSettings.local(1)));
  }

  @AfterAll
  static void close() {
    if (probe != null) {
      probe.terminate();
      probe.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }
    if (local != null) {
      local.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Each node's relay counts, by the node's address. */
  private static Map<String, ExchangeRelay.Forwarded> relayCounts() {
    Map<String, ExchangeRelay.Forwarded> out = new HashMap<>();
    for (int i = 1; i <= 3; i++) {
      String node = CLUSTER.member(i).address().pekkoAddress();
      ActorRef<ExchangeRelay.Command> relay = ActorRefResolver.get(probe)
          .resolveActorRef(node + "/user/" + ExchangeRelay.NAME);
      out.put(node, AskPattern.<ExchangeRelay.Command, ExchangeRelay.Forwarded>ask(relay, ExchangeRelay.Stats::new,
          WAIT, probe.scheduler()).toCompletableFuture().join());
    }
    return out;
  }

  /** The nodes that run two or more tasks of vertex {@code vertex} (tasks named v{@code vertex}...[i]), with how many. */
  private static Map<String, Integer> nodesWithSeveral(JobPlacement placement, int vertex) {
    Map<String, Integer> count = new HashMap<>();
    for (JobPlacement.Task t : placement.tasks()) {
      if (t.name().startsWith("v" + vertex + "[") || t.name().startsWith("v" + vertex + "+")) {
        if (!t.inDriver()) {
          count.merge(t.node(), 1, Integer::sum);
        }
      }
    }
    count.values().removeIf(n -> n < 2);
    return count;
  }

  /**
   * Every node running several receiving tasks of the edge got messages through its relay ({@code broadcast}: each
   * handed to all of them), unless every sender runs on that node itself.
   */
  private static void assertRelayed(Map<String, ExchangeRelay.Forwarded> before,
      Map<String, ExchangeRelay.Forwarded> after, JobPlacement placement, int receiver, int sender,
      boolean broadcast) {
    Set<String> senderNodes = new HashSet<>();
    placement.tasks().stream().filter(t -> t.name().startsWith("v" + sender + "[")
        || t.name().startsWith("v" + sender + "+")).forEach(t -> senderNodes.add(String.valueOf(t.node())));
    Map<String, Integer> several = nodesWithSeveral(placement, receiver);
    int checked = 0;
    for (Map.Entry<String, Integer> e : several.entrySet()) {
      if (senderNodes.equals(Set.of(e.getKey()))) {
        continue;
      }
      long messages = after.get(e.getKey()).messages() - before.get(e.getKey()).messages();
      long deliveries = after.get(e.getKey()).deliveries() - before.get(e.getKey()).deliveries();
      assertTrue(messages > 0, "node " + e.getKey() + " runs " + e.getValue() + " receivers; its relay got nothing");
      if (broadcast) {
        assertEquals(e.getValue() * messages, deliveries, "every forward reached all receivers of " + e.getKey());
      } else {
        assertTrue(deliveries > messages, "forwards carry partitions of several tasks on " + e.getKey());
      }
      checked++;
    }
    System.out.printf("relayed exchange: %d of %d nodes with several receivers checked; placement %s%n", checked,
        several.size(), placement.tasks().stream().map(t -> t.name() + "@" + t.node()).toList());
  }

  private static JobConfig config(int batchSize) {
    return new JobConfig(EvalContext.defaults(), batchSize, MemoryBudget.DEFAULT_BYTES, 2);
  }

  @Test
  void aBroadcastJoinAcrossThreeNodesEqualsLocalMode() {
    CollectSink expected = new CollectSink();
    local.run(Plans.join(6, expected), config(64));
    Map<String, ExchangeRelay.Forwarded> before = relayCounts();
    CollectSink actual = new CollectSink();
    cluster.run(Plans.join(6, actual), config(64));
    Map<String, ExchangeRelay.Forwarded> after = relayCounts();

    assertFalse(PlanCodecTest.sortedRows(expected).isEmpty());
    assertEquals(PlanCodecTest.sortedRows(expected), PlanCodecTest.sortedRows(actual));
    assertRelayed(before, after, cluster.lastPlacement(), 3, 2, true);
  }

  @Test
  void aHashAggregateAcrossThreeNodesEqualsLocalMode() {
    CollectSink expected = new CollectSink();
    local.run(Plans.aggregate(120_000, 1009, 6, 6, expected), config(1000));
    Map<String, ExchangeRelay.Forwarded> before = relayCounts();
    CollectSink actual = new CollectSink();
    cluster.run(Plans.aggregate(120_000, 1009, 6, 6, actual), config(1000));
    Map<String, ExchangeRelay.Forwarded> after = relayCounts();

    assertEquals(1009, PlanCodecTest.sortedRows(actual).size());
    assertEquals(PlanCodecTest.sortedRows(expected), PlanCodecTest.sortedRows(actual));
    assertRelayed(before, after, cluster.lastPlacement(), 3, 1, false);
  }

  /** The (k, v) input rows behind running-sum rows (k, sum, v), sorted, duplicates kept. */
  private static List<List<Long>> inputRows(List<Row> sums) {
    List<List<Long>> out = new java.util.ArrayList<>();
    for (Row r : sums) {
      out.add(List.of(r.getLong(0), r.getLong(2)));
    }
    out.sort(java.util.Comparator.<List<Long>, Long>comparing(l -> l.get(0)).thenComparing(l -> l.get(1)));
    return out;
  }

  /** Per key, the largest running sum (values are not negative, so the last one). */
  private static Map<Long, Long> finalSums(List<Row> sums) {
    Map<Long, Long> out = new java.util.TreeMap<>();
    for (Row r : sums) {
      out.merge(r.getLong(0), r.getLong(1), Math::max);
    }
    return out;
  }

  /** ChunkSource (3 partitions) → hash on k → keyed running sums on 6 tasks → gather → sink. */
  private static JobGraph stream(ChunkSource source, CollectSink sink) {
    RunningSum sums = new RunningSum(7);
    return new JobGraph(
        List.of(new Vertex.SourceVertex(1, 3, source), new Vertex.OperatorVertex(2, 6, List.of(sums)),
            new Vertex.SinkVertex(3, 1, sink, sums.outputSchema())),
        List.of(new Edge(1, 2, 0, new Exchange.Hash(new int[] {0})), new Edge(2, 3, 0, new Exchange.Gather())));
  }

  @Test
  void aCheckpointedStreamAcrossThreeNodesCommitsEveryEpochOnceWithLocalModesRows() throws Exception {
    ChunkSource source = new ChunkSource(3, 8, 100);
    JobConfig config = new JobConfig(EvalContext.defaults(), 64, MemoryBudget.DEFAULT_BYTES, 2);
    StreamingSettings settings = new StreamingSettings(Duration.ZERO, true, 0);
    CollectSink expected = new CollectSink();
    local.startStreaming(stream(source, expected), Set.of(1), config, settings, r -> {})
        .termination().get(120, TimeUnit.SECONDS);
    List<Row> localRows = PlanCodecTest.sortedRows(expected);
    assertEquals(source.allRows().size(), localRows.size());
    assertEquals(source.allRows().size(), inputRows(localRows).size());

    Map<String, ExchangeRelay.Forwarded> before = relayCounts();
    CollectSink actual = new CollectSink();
    StreamingJob job = cluster.startStreaming(stream(source, actual), Set.of(1), config, settings, r -> {});
    job.termination().get(120, TimeUnit.SECONDS);
    Map<String, ExchangeRelay.Forwarded> after = relayCounts();

    // the three readers' rows meet at each sum task in any order: each input row comes out once, and each key's
    // final sum is local mode's
    List<Row> clusterRows = PlanCodecTest.sortedRows(actual);
    assertEquals(inputRows(localRows), inputRows(clusterRows), "every input row once, as in local mode");
    assertEquals(finalSums(localRows), finalSums(clusterRows), "every key's final sum");
    List<Long> epochs = actual.committedEpochs();
    assertEquals(epochs.size(), new HashSet<>(epochs).size(), "no epoch committed twice: " + epochs);
    assertRelayed(before, after, cluster.lastPlacement(), 2, 1, false);
  }
}
