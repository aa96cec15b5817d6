package io.ember.benchmarks.remote;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.ember.core.data.Batch;
import io.ember.runtime.local.PekkoSettings;
import io.ember.runtime.local.TaskActor;
import io.ember.runtime.remote.RemoteSerialization;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Actor systems and messages for the wire benchmarks. */
public final class WireMessages {
  private WireMessages() {}

  /** A local actor system with Ember's wire serialization bound, as a node has it. */
  public static ActorSystem<Void> localSystem() {
    return ActorSystem.create(Behaviors.empty(), "ember", RemoteSerialization.config()
        .withFallback(PekkoSettings.local(Runtime.getRuntime().availableProcessors())));
  }

  /** The configuration of a node on a free loopback port, in a cluster. */
  static Config nodeConfig(int cores) {
    return RemoteSerialization.config()
        .withFallback(ConfigFactory.parseString(String.join("\n",
            "pekko.actor.provider = cluster",
            "pekko.remote.artery.canonical.hostname = \"127.0.0.1\"",
            "pekko.remote.artery.canonical.port = 0",
            "pekko.cluster.jmx.enabled = off",
            "pekko.cluster.log-info = off")))
        .withFallback(PekkoSettings.local(cores));
  }

  /** {@code count} seeded batches of the events shape with {@code rows} rows each. */
  public static List<Batch> batches(int count, int rows) {
    return WireBatches.events(count, rows, 42);
  }

  /** A task-like actor of {@code system} that ignores what it gets: a sender's ref for data messages. */
  public static ActorRef<TaskActor.Command> someTask(ActorSystem<?> system) {
    return system.systemActorOf(Behaviors.<TaskActor.Command>ignore(), "task-" + System.nanoTime(), Props.empty());
  }
}
