package io.ember.runtime.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.EmberRuntimeException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A client that asks a cluster's nodes questions without joining the cluster: it runs a small Pekko system
 * with Artery on a free port (never a member, so it has no cores and counts in no vote) and talks to a node's
 * {@link NodeAgent} by its path, proving it holds the cluster secret with the secret's digest.
 *
 * <p>Not thread-safe for {@link #close()} against running requests; requests themselves may run concurrently.
 */
public final class AdminClient implements AutoCloseable {
  private final ActorSystem<Void> system;
  private final ClusterSecret secret;

  private AdminClient(ActorSystem<Void> system, ClusterSecret secret) {
    this.system = system;
    this.secret = secret;
  }

  /**
   * Starts a client that will talk to nodes at {@code towards} (it listens on this machine's address that routes
   * there, so that the nodes' answers reach it).
   */
  public static AdminClient connect(HostPort towards, ClusterSecret secret) {
    return connect(towards, secret, ConfigFactory.empty());
  }

  /** {@link #connect(HostPort, ClusterSecret)} with {@code pekko.*} settings over the client's (Artery TLS). */
  public static AdminClient connect(HostPort towards, ClusterSecret secret, Config pekkoOverrides) {
    String host = localAddressTowards(towards.host());
    return new AdminClient(ActorSystem.create(Behaviors.empty(), "ember-client",
        ClusterPekkoConfig.client(host, pekkoOverrides)), secret);
  }

  /**
   * The cluster's status as the node at {@code node} sees it.
   *
   * @throws EmberRuntimeException {@code CLUSTER_UNREACHABLE} when no node answers there within {@code timeout}
   * @throws EmberIllegalArgumentException {@code CLUSTER_SECRET_MISMATCH} when the node refuses this client's secret
   */
  public StatusReply.ClusterStatus status(HostPort node, Duration timeout) {
    StatusReply reply = ask(node, timeout,
        replyTo -> new NodeAgent.GetClusterStatus(secret.digest(), replyTo));
    if (reply instanceof StatusReply.Refused refused) {
      throw new EmberIllegalArgumentException("CLUSTER_SECRET_MISMATCH", refused.reason());
    }
    return (StatusReply.ClusterStatus) reply;
  }

  /**
   * The settings a driver must share with the cluster's nodes ({@link ClusterPekkoConfig#DOWN_SETTINGS}), as the node
   * at {@code node} runs with them.
   *
   * @throws EmberRuntimeException {@code CLUSTER_UNREACHABLE} when no node answers there within {@code timeout}
   * @throws EmberIllegalArgumentException {@code CLUSTER_SECRET_MISMATCH} when the node refuses this client's secret
   */
  public Config downSettings(HostPort node, Duration timeout) {
    NodeAgent.DownSettings reply = ask(node, timeout,
        replyTo -> new NodeAgent.GetDownSettings(secret.digest(), replyTo));
    if (reply.refusal() != null) {
      throw new EmberIllegalArgumentException("CLUSTER_SECRET_MISMATCH", reply.refusal());
    }
    return ConfigFactory.parseString(reply.config());
  }

  /**
   * Finds the {@link NodeAgent} at {@code node} by its path and asks it one question, waiting at most about
   * {@code timeout} for each of the two steps.
   *
   * @throws EmberRuntimeException {@code CLUSTER_UNREACHABLE} when no node answers there in time
   */
  private <R> R ask(HostPort node, Duration timeout,
      java.util.function.Function<ActorRef<R>, NodeAgent.Command> question) {
    try {
      org.apache.pekko.actor.ActorRef classic = Adapter.toClassic(system)
          .actorSelection(node.pekkoAddress() + "/user/" + NodeAgent.NAME)
          .resolveOne(timeout).toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
      ActorRef<NodeAgent.Command> agent = Adapter.toTyped(classic);
      return AskPattern.<NodeAgent.Command, R>ask(agent, question::apply, timeout, system.scheduler())
          .toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmberRuntimeException("CLUSTER_UNREACHABLE", "Interrupted while asking " + node, e);
    } catch (Exception e) {
      Throwable cause = e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException
          ? e.getCause() : e;
      throw new EmberRuntimeException("CLUSTER_UNREACHABLE", "No Ember node answered at " + node + " within "
          + timeout.toSeconds() + "s (" + cause + "). Check that a node runs there (bin/ember cluster status "
          + "with the right --master) and that this machine can reach it.", e);
    }
  }

  /** Stops the client's actor system. */
  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the system's threads are daemons: a slow stop does not keep the JVM alive
    }
  }

  /** The local address that routes to {@code host} (a UDP "connect" sends nothing); loopback for loopback. */
  static String localAddressTowards(String host) {
    try (DatagramSocket s = new DatagramSocket()) {
      InetAddress target = InetAddress.getByName(host);
      if (target.isLoopbackAddress()) {
        return target.getHostAddress();
      }
      s.connect(new InetSocketAddress(target, 9));
      InetAddress local = s.getLocalAddress();
      return local == null || local.isAnyLocalAddress() ? InetAddress.getLocalHost().getHostAddress()
          : local.getHostAddress();
    } catch (IOException e) {
      throw new EmberRuntimeException("CLUSTER_UNREACHABLE", "Cannot find a route to " + host + ": " + e, e);
    }
  }
}
