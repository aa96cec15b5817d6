package io.ember.runtime.remote;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.core.errors.EmberRuntimeException;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;

/**
 * Writes a typed {@link ActorRef} as Pekko's serialization format of it (its full address and path, with the
 * actor's uid) and resolves it on reading, through the {@link ActorRefResolver} of the receiving actor system,
 * so that a ref read on another node points back across the network.
 */
final class ActorRefSerializer extends Serializer<ActorRef<?>> {
  private final Supplier<ActorRefResolver> resolver;

  /** @param resolver the actor system's resolver, or null where no actor system serializes (the plan codec) */
  ActorRefSerializer(Supplier<ActorRefResolver> resolver) {
    super(false, true);
    this.resolver = resolver;
  }

  @Override
  public void write(Kryo kryo, Output out, ActorRef<?> ref) {
    out.writeString(resolver().toSerializationFormat(ref));
  }

  @Override
  public ActorRef<?> read(Kryo kryo, Input in, Class<? extends ActorRef<?>> type) {
    return resolver().resolveActorRef(in.readString());
  }

  private ActorRefResolver resolver() {
    if (resolver == null) {
      throw new EmberRuntimeException("NOT_SHIPPABLE", "An actor ref travels only inside a message between actor"
          + " systems (through KryoSerializer), not inside a plan encoded by PlanCodec.");
    }
    return resolver.get();
  }
}
