package io.ember.runtime.local;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * The actor system's configuration, built in code so that no {@code application.conf} on a user's class
 * path changes how Ember runs: Java serialization off, only warnings logged (nothing on stdout at start),
 * daemon threads only and no JVM shutdown hook (closing the runtime stops everything), and a default
 * dispatcher with one thread per core.
 */
public final class PekkoSettings {
  private PekkoSettings() {}

  /** The configuration for a local runtime on a machine with {@code cores} cores. */
  public static Config local(int cores) {
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
    return ConfigFactory.parseString(text).withFallback(ConfigFactory.defaultReference(PekkoSettings.class.getClassLoader()));
  }
}
