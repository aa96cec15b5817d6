package io.ember.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.ember.runtime.TestSources.ListSource;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.local.PekkoSettings;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a local runtime's actor system starts with: Pekko's actor modules only, none of cluster mode's. */
class LocalRuntimeStartTest {
  @Test
  void theActorSystemStartsWithoutRemotingClusterOrStreams() throws Exception {
    try (LocalRuntime runtime = LocalRuntime.start(2)) {
      Config config = runtime.actorSystem().settings().config();
      assertFalse(config.hasPath("pekko.remote"), "remoting's reference configuration was read");
      assertFalse(config.hasPath("pekko.cluster"), "cluster's reference configuration was read");
      assertFalse(config.getStringList("pekko.library-extensions").stream().anyMatch(e -> e.contains("stream")),
          "a streams extension would start: " + config.getStringList("pekko.library-extensions"));
      assertTrue(config.hasPath("pekko.actor.typed.restart-stash-capacity"), "the typed actor reference is read");
      assertTrue(config.getBoolean("pekko.daemonic"), "Ember's own settings apply");

      // Code on the actor system's threads (their context class loader is the system's) sees every module.
      CompletableFuture<Boolean> seesRemote = new CompletableFuture<>();
      runtime.actorSystem().executionContext().execute(() -> seesRemote.complete(
          ConfigFactory.defaultReference(Thread.currentThread().getContextClassLoader()).hasPath("pekko.remote")));
      assertTrue(seesRemote.get(60, TimeUnit.SECONDS), "a dispatcher thread misses a library's reference.conf");
    }
  }

  @Test
  void jobCoordinatorsRunOnADispatcherOfTheirOwn() {
    try (LocalRuntime runtime = LocalRuntime.start(2)) {
      Config config = runtime.actorSystem().settings().config();
      assertEquals(1, config.getInt(PekkoSettings.COORDINATOR_DISPATCHER + ".thread-pool-executor.fixed-pool-size"));

      ListSource src = new ListSource(4, 3, 5, 7, 0);
      TestSink out = new TestSink();
      JobGraph graph = new JobGraph(
          List.of(LocalRuntimeTest.source(1, 2, src), LocalRuntimeTest.sink(2, 2, out, TestSources.KV)),
          List.of(LocalRuntimeTest.edge(1, 2, new Exchange.Forward())));
      runtime.run(graph, LocalRuntimeTest.config(2));

      assertEquals(LocalRuntimeTest.sorted(src.allRows()), LocalRuntimeTest.sorted(out.committed));
      assertTrue(Thread.getAllStackTraces().keySet().stream()
              .anyMatch(t -> t.getName().contains(PekkoSettings.COORDINATOR_DISPATCHER)),
          "no thread of the coordinators' dispatcher ran the job's coordinator");
    }
  }
}
