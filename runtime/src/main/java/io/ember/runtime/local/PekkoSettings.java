package io.ember.runtime.local;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.BootstrapSetup;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;

/**
 * The actor system's configuration, built in code so that no {@code application.conf} on a user's class
 * path changes how Ember runs: Java serialization off, only warnings logged (nothing on stdout at start),
 * daemon threads only and no JVM shutdown hook (closing the runtime stops everything), a default
 * dispatcher with one thread per core for the tasks, and a {@linkplain #COORDINATOR_DISPATCHER dispatcher of its own}
 * for the jobs' coordinators.
 */
public final class PekkoSettings {
  /**
   * The dispatcher job coordinators run on: one thread beside the default dispatcher's, so that cutting epochs,
   * collecting their acknowledgements and answering failures never waits behind task actors that keep the default
   * dispatcher's threads busy with batches (each runs up to {@code throughput} messages before it yields). The thread
   * is idle between coordinator messages, so it takes next to no CPU from the tasks.
   */
  public static final String COORDINATOR_DISPATCHER = "ember.coordinator-dispatcher";

  private PekkoSettings() {}

  /** Where a job coordinator is spawned: on {@link #COORDINATOR_DISPATCHER}. */
  public static Props coordinatorProps() {
    return DispatcherSelector.fromConfig(COORDINATOR_DISPATCHER);
  }

  /**
   * The configuration for a local runtime on a machine with {@code cores} cores, over the reference configuration
   * of every Pekko module on the class path (cluster mode builds its configuration on this one).
   */
  public static Config local(int cores) {
    return overrides(cores).withFallback(ConfigFactory.defaultReference(PekkoSettings.class.getClassLoader()));
  }

  /**
   * Starts a {@link io.ember.runtime.LocalRuntime}'s actor system: {@link #local}'s settings over the reference
   * configuration of Pekko's actor modules only, read through a class loader that shows the starting actor system
   * no other module's {@code reference.conf} or manifest (see {@link ActorModulesClassLoader}), so that no
   * remoting, cluster or streams extension or serializer starts in a JVM that runs jobs locally. System properties
   * still override the reference configuration ({@code -Dpekko.scheduler.tick-duration=1ms}).
   */
  public static <T> ActorSystem<T> startLocalSystem(Behavior<T> guardian, String name, int cores) {
    ActorModulesClassLoader loader = ActorModulesLoader.INSTANCE;
    try {
      return loader.filtering(() -> ActorSystem.create(guardian, name, BootstrapSetup.create()
          .withClassloader(loader)
          .withConfig(overrides(cores).withFallback(ConfigFactory.defaultReference(loader)))));
    } finally {
      // The filtered reference configuration is cached for the loader, which Pekko's threads have as their
      // context class loader: drop it, so that code on those threads reads every reference.conf.
      ConfigFactory.invalidateCaches();
    }
  }

  /** One loader for every local runtime of the JVM. */
  private static final class ActorModulesLoader {
    static final ActorModulesClassLoader INSTANCE = new ActorModulesClassLoader(PekkoSettings.class.getClassLoader(),
        org.apache.pekko.actor.ActorSystem.class, ActorSystem.class);
  }

  private static Config overrides(int cores) {
    int threads = Math.max(1, cores);
    String text = String.join("\n",
        "pekko.loglevel = \"WARNING\"",
        "pekko.stdout-loglevel = \"WARNING\"",
        "pekko.log-dead-letters = off",
        "pekko.log-dead-letters-during-shutdown = off",
        "pekko.daemonic = on",
        "pekko.jvm-shutdown-hooks = off",
        "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off",
        "pekko.actor.allow-java-serialization = off",
        "pekko.actor.warn-about-java-serializer-usage = off",
        "pekko.actor.default-dispatcher.throughput = 16",
        "pekko.actor.default-dispatcher.fork-join-executor.parallelism-min = " + threads,
        "pekko.actor.default-dispatcher.fork-join-executor.parallelism-max = " + threads,
        "pekko.actor.default-dispatcher.fork-join-executor.parallelism-factor = 1.0",
        COORDINATOR_DISPATCHER + ".type = Dispatcher",
        COORDINATOR_DISPATCHER + ".executor = thread-pool-executor",
        COORDINATOR_DISPATCHER + ".thread-pool-executor.fixed-pool-size = 1",
        COORDINATOR_DISPATCHER + ".throughput = 1");
    return ConfigFactory.parseString(text);
  }
}
