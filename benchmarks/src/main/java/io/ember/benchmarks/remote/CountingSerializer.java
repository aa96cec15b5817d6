package io.ember.benchmarks.remote;

import io.ember.runtime.local.TaskActor;
import io.ember.runtime.local.TaskMessage;
import io.ember.runtime.remote.KryoSerializer;
import java.io.NotSerializableException;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * The runtime's {@link KryoSerializer} with a count of what it writes for rows: data messages to a task
 * ({@code Deliver} of a batch) and messages to a node's exchange relay (one batch, or the partitions of one, for
 * several tasks of the node; their few barriers and end-of-input markers are counted too). Bound in place of the
 * runtime's serializer by {@link LoopbackShuffle}; the counts are for the whole JVM.
 */
public final class CountingSerializer extends SerializerWithStringManifest {
  /** The relay's message class, by name: the benchmark also runs against builds without it. */
  private static final String RELAY_FORWARD = "io.ember.runtime.local.ExchangeRelay$Forward";
  static final LongAdder DATA_BYTES = new LongAdder();
  static final LongAdder DATA_MESSAGES = new LongAdder();

  private final KryoSerializer inner;

  /** Made by Pekko's serialization extension, once per actor system. */
  public CountingSerializer(ExtendedActorSystem system) {
    this.inner = new KryoSerializer(system);
  }

  @Override
  public int identifier() {
    return inner.identifier();
  }

  @Override
  public String manifest(Object o) {
    return inner.manifest(o);
  }

  @Override
  public byte[] toBinary(Object o) {
    byte[] bytes = inner.toBinary(o);
    if ((o instanceof TaskActor.Deliver d && d.message() instanceof TaskMessage.Data)
        || o.getClass().getName().equals(RELAY_FORWARD)) {
      DATA_BYTES.add(bytes.length);
      DATA_MESSAGES.increment();
    }
    return bytes;
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    return inner.fromBinary(bytes, manifest);
  }
}
