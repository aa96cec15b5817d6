package io.ember.runtime.remote;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.ember.checkpointing.HeapReplicaStore;
import io.ember.runtime.local.PekkoSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * Two actor systems in this JVM, each on a free loopback port with Artery, joined into one Pekko cluster, each
 * with a {@link TaskHost}: the driver ({@link #driver}) and a worker ({@link #worker}). Both hosts' refs are the
 * driver's view of them: what the driver sends to the worker crosses the network.
 */
final class TwoNodes implements AutoCloseable {
  static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);

  final ActorSystem<Void> driver;
  final ActorSystem<Void> worker;
  final ActorRef<TaskHost.Command> driverHost;
  /** The driver's replica store: its host keeps remote tasks' snapshots there, its coordinators read them there. */
  final HeapReplicaStore driverReplicas = new HeapReplicaStore();
  final ActorRef<TaskHost.Command> workerHost;

  TwoNodes() {
    driver = ActorSystem.create(Behaviors.empty(), "ember", config());
    worker = ActorSystem.create(Behaviors.empty(), "ember", config());
    Cluster.get(driver).manager().tell(Join.create(Cluster.get(driver).selfMember().address()));
    Cluster.get(worker).manager().tell(Join.create(Cluster.get(driver).selfMember().address()));
    awaitUp(driver);
    awaitUp(worker);
    driverHost = RemoteJobs.startHost(driver, driverReplicas);
    workerHost = seenFromDriver(RemoteJobs.startHost(worker, new HeapReplicaStore()));
  }

  /**
   * {@code ref}, an actor of the worker, as the driver knows it: resolved from its serialized form, so that
   * messages to it go over the network (a worker's own ref object would be a shortcut within this JVM).
   */
  <T> ActorRef<T> seenFromDriver(ActorRef<T> ref) {
    String path = ActorRefResolver.get(worker).toSerializationFormat(ref);
    ActorRef<T> remote = ActorRefResolver.get(driver).resolveActorRef(path);
    if (remote.path().address().hasLocalScope()) {
      throw new AssertionError("the worker's " + path + " resolved to a local ref in the driver");
    }
    return remote;
  }

  /** A node's configuration: cluster provider, Artery on a free loopback port, Ember's serialization. */
  static Config config() {
    return RemoteSerialization.config()
        .withFallback(ConfigFactory.parseString(String.join("\n",
            "pekko.actor.provider = cluster",
            "pekko.remote.artery.canonical.hostname = \"127.0.0.1\"",
            "pekko.remote.artery.canonical.port = 0",
            "pekko.cluster.jmx.enabled = off",
            "pekko.cluster.log-info = off")))
        .withFallback(PekkoSettings.local(2));
  }

  private static void awaitUp(ActorSystem<?> system) {
    long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
    while (upMembers(system) < 2) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("The two nodes did not form a cluster within " + JOIN_TIMEOUT);
      }
      pause();
    }
  }

  private static long upMembers(ActorSystem<?> system) {
    return StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false)
        .filter(m -> m.status() == MemberStatus.up()).count();
  }

  List<ActorRef<TaskHost.Command>> hosts() {
    return List.of(driverHost, workerHost);
  }

  /** Waits until {@code host} runs no task: a job's remote tasks stop with its coordinator. */
  void awaitNoTasks(ActorRef<TaskHost.Command> host) {
    long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
    int running;
    while ((running = AskPattern.<TaskHost.Command, TaskHost.TaskCount>ask(host, TaskHost.RunningTasks::new,
        JOIN_TIMEOUT, driver.scheduler()).toCompletableFuture().join().running()) > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(running + " tasks still run on the host after the job");
      }
      pause();
    }
  }

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    worker.terminate();
    driver.terminate();
    worker.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    driver.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
  }
}
