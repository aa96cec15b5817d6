package io.ember.runtime.local;

import io.ember.core.data.Batch;
import java.util.Objects;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The node-local receiver of an exchange's messages for several tasks of one node: a sender serializes a batch once
 * per destination node ({@link Forward}) instead of once per receiving task, and the relay on that node hands the
 * deserialized batch, or each task's slice of it, to the tasks as ordinary {@link TaskActor.Deliver}s. A batch is
 * immutable, so one deserialized copy is shared by every task of the node that receives it whole (a broadcast).
 *
 * <p>Each node runs one relay named {@link #NAME} next to its task host ({@link #HOST_NAME}, whose children are the
 * tasks it runs for coordinators elsewhere); {@link #of} finds the relay of a task's node from the task's ref. The relay keeps no
 * state: flow control stays between sender and task (every task returns its own credit to the sender for every data
 * message it got, see {@link OutputGates}), and order per channel holds because everything a sender sends to a
 * relayed task (data, barriers, end of input) goes through the same relay, and Pekko keeps the order of messages
 * between two actors. A relay hands messages only to its siblings, the tasks of its own host.
 */
public final class ExchangeRelay {
  /** The relay's actor name, a sibling of its node's task host. */
  public static final String NAME = "ember-exchange";
  /** The name of the task host actor (its node's {@code TaskHost}) whose children are the tasks a relay serves. */
  public static final String HOST_NAME = "ember-task-host";

  private ExchangeRelay() {}

  /** Everything of the relay's protocol, which crosses nodes (bound to the wire serializer). */
  public interface Wire {}

  /** What a relay receives. */
  public interface Command extends Wire {}

  /**
   * One receiving task of a {@link Forward}: task actor {@code target} knows the sender as its input channel
   * {@code channel}, and returns credits for gate {@code gate}'s target {@code targetIndex}.
   */
  public record Route(ActorRef<TaskActor.Command> target, int channel, int gate, int targetIndex) {}

  /**
   * A message of {@code sender}, in its recovery attempt {@code attempt}, for several tasks of this relay's node.
   * Either {@code message} goes to every route (a broadcast batch, a barrier or end of input), or
   * {@code slices[i]} goes to route {@code i} as a data message where it is not null (hash partitions of one
   * emitted batch); exactly one of the two is set.
   */
  public record Forward(Route[] routes, TaskMessage message, Batch[] slices, ActorRef<TaskActor.Command> sender,
      int attempt) implements Command {
    public Forward {
      Objects.requireNonNull(routes, "routes");
      if ((message == null) == (slices == null)) {
        throw new IllegalArgumentException("a forward carries a message or slices, not both or neither");
      }
      if (slices != null && slices.length != routes.length) {
        throw new IllegalArgumentException(slices.length + " slices for " + routes.length + " routes");
      }
    }

    /** What route {@code i} gets from this forward, as its task would get it directly; null when nothing. */
    public TaskActor.Deliver deliveryTo(int i) {
      TaskMessage m = message != null ? message : slices[i] == null ? null : new TaskMessage.Data(slices[i]);
      if (m == null) {
        return null;
      }
      Route r = routes[i];
      return new TaskActor.Deliver(r.channel(), r.gate(), r.targetIndex(), m, sender, attempt);
    }

    @Override
    public String toString() {
      return "Forward(" + routes.length + " routes, " + (message != null ? message.getClass().getSimpleName()
          : "slices") + ", attempt " + attempt + ")";
    }
  }

  /** Answer {@link Forwarded}: what this relay handed on since it started. */
  public record Stats(ActorRef<Forwarded> replyTo) implements Command {}

  /** The answer to {@link Stats}: forwards received, and the deliveries to tasks made of them. */
  public record Forwarded(long messages, long deliveries) implements Wire {}

  /**
   * A relay: hands every {@link Forward} to its routes that are tasks of the task host next to it; drops (logged) any
   * other route.
   */
  public static Behavior<Command> create() {
    return Behaviors.setup(ctx -> {
      ActorPath host = ctx.getSelf().path().parent().child(HOST_NAME);
      long[] counts = new long[2];
      return Behaviors.receive(Command.class)
          .onMessage(Forward.class, forward -> {
            counts[0]++;
            for (int i = 0; i < forward.routes().length; i++) {
              TaskActor.Deliver delivery = forward.deliveryTo(i);
              ActorRef<TaskActor.Command> target = forward.routes()[i].target();
              if (delivery == null) {
                continue;
              }
              if (isChild(host, target)) {
                target.tell(delivery);
                counts[1]++;
              } else {
                ctx.getLog().warn("Exchange relay dropped a message for {}: not a task of this node's host", target);
              }
            }
            return Behaviors.same();
          })
          .onMessage(Stats.class, stats -> {
            stats.replyTo().tell(new Forwarded(counts[0], counts[1]));
            return Behaviors.same();
          })
          .build();
    });
  }

  private static boolean isChild(ActorPath host, ActorRef<?> target) {
    ActorPath path = target.path();
    return path.address().hasLocalScope() && path.parent().toStringWithoutAddress()
        .equals(host.toStringWithoutAddress());
  }

  /**
   * The relay of {@code target}'s node as {@code system} addresses it, or null when {@code target} is not a task of
   * a node's task host (a task its coordinator spawned itself has no relay).
   */
  public static ActorRef<Command> of(ActorSystem<?> system, ActorRef<?> target) {
    ActorPath parent = target.path().parent();
    if (!HOST_NAME.equals(parent.name())) {
      return null;
    }
    return ActorRefResolver.get(system).resolveActorRef(parent.parent().child(NAME).toSerializationFormat());
  }
}
