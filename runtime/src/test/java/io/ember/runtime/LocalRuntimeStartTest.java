package io.ember.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
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
}
