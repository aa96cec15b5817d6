package io.ember.runtime.remote;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * The Pekko configuration that puts Ember's messages on the wire with {@link KryoSerializer} and nothing on the
 * wire with Java serialization. Every actor system that talks to other nodes must include it (the cluster's
 * node configuration does): without the bindings, Pekko would refuse to send Ember's messages at all, since
 * Java serialization is off.
 *
 * <p>Bound: the task protocol ({@code TaskActor.Command}: data, barriers and end of input inside
 * {@code Deliver}, credits, barrier injection, idle requests, this package's shell start and stop), the
 * coordinators' protocol ({@code JobCoordinator.Command}: task finished or failed, epoch acknowledgements,
 * source reports), the exchange relay's messages ({@code ExchangeRelay.Wire}: one batch for several tasks of a
 * node) and this package's messages ({@link WireMessage}: the task host protocol). Messages of those
 * protocols that are only ever sent within one actor system (timers, futures) are bound too, and would fail to
 * serialize with {@code NOT_SHIPPABLE} if they were ever sent elsewhere.
 */
public final class RemoteSerialization {
  /** The name of the serializer in Pekko's configuration. */
  public static final String SERIALIZER = "ember-kryo";
  /**
   * The largest message Artery sends, in bytes; Pekko drops a larger message and only logs it, so tasks cut batches
   * and collected results for other nodes to fit it ({@link io.ember.runtime.local.FrameSplitter}, which reads the
   * configured value).
   */
  public static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

  private RemoteSerialization() {}

  /** The serializer and its bindings, Java serialization off, and Artery's frame size. */
  public static Config config() {
    String text = String.join("\n",
        "pekko.actor.allow-java-serialization = off",
        "pekko.actor.warn-about-java-serializer-usage = off",
        "pekko.actor.serializers." + SERIALIZER + " = \"" + KryoSerializer.class.getName() + "\"",
        "pekko.actor.serialization-bindings {",
        "  \"io.ember.runtime.local.TaskActor$Command\" = " + SERIALIZER,
        "  \"io.ember.runtime.local.JobCoordinator$Command\" = " + SERIALIZER,
        "  \"io.ember.runtime.local.ExchangeRelay$Wire\" = " + SERIALIZER,
        "  \"" + WireMessage.class.getName() + "\" = " + SERIALIZER,
        "}",
        "pekko.remote.artery.advanced.maximum-frame-size = " + MAX_FRAME_BYTES,
        "pekko.remote.artery.advanced.buffer-pool-size = 32");
    return ConfigFactory.parseString(text);
  }
}
