package io.ember.runtime.local;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.BootstrapSetup;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The actor system's configuration, built in code so that no {@code application.conf} on a user's class
 * path changes how Ember runs: Java serialization off, only warnings logged (nothing on stdout at start),
 * daemon threads only and no JVM shutdown hook (closing the runtime stops everything), and a default
 * dispatcher with one thread per core.
 */
public final class PekkoSettings {
  private PekkoSettings() {}

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
        "pekko.actor.default-dispatcher.fork-join-executor.parallelism-factor = 1.0");
    return ConfigFactory.parseString(text);
  }
}
