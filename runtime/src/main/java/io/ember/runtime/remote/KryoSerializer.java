package io.ember.runtime.remote;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.serde.EmberKryo;
import java.io.NotSerializableException;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Pekko's serializer for every Ember message that crosses nodes, bound in {@link RemoteSerialization#config()}:
 * task data and credits, barriers, task commands, coordinator reports and acknowledgements, and this package's
 * host protocol. Messages are Kryo ({@link WireKryo}): a batch is written once per message by core's columnar
 * batch serializer, actor refs through the typed {@link ActorRefResolver}, and everything else by the allow-listed
 * class resolver. The bytes start with {@link EmberKryo}'s header, so a node of another Ember version is refused
 * with {@code INCOMPATIBLE_FORMAT} instead of misread.
 *
 * <p>Thread-safe: Pekko calls it from many threads; each call borrows a Kryo from a pool (at most one Kryo per
 * concurrent caller is created). A message that cannot be written (a class outside the allow-list) fails with
 * {@code NOT_SHIPPABLE}; Pekko then drops it and logs the error.
 */
public final class KryoSerializer extends SerializerWithStringManifest {
  /** This serializer's id in Pekko's serialization ("EMB"); ids up to 40 are Pekko's own. */
  public static final int IDENTIFIER = 0x454D42;
  private static final int POOL_SIZE = 64;

  private final Pool<Kryo> pool;

  /** Made by Pekko's serialization extension, once per actor system. */
  public KryoSerializer(ExtendedActorSystem system) {
    Lazy<ActorRefResolver> resolver = new Lazy<>(() -> ActorRefResolver.get(Adapter.toTyped(system)));
    this.pool = new Pool<>(true, false, POOL_SIZE) {
      @Override
      protected Kryo create() {
        return WireKryo.newKryo(resolver::get);
      }
    };
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  /** Empty: the class travels inside the bytes, as Kryo writes it. */
  @Override
  public String manifest(Object o) {
    return "";
  }

  @Override
  public byte[] toBinary(Object o) {
    Kryo kryo = pool.obtain();
    try (Output out = new Output(4096, -1)) {
      EmberKryo.writeHeader(out);
      kryo.writeClassAndObject(out, o);
      return out.toBytes();
    } catch (KryoException e) {
      throw PlanCodec.writeError(o, e);
    } finally {
      pool.free(kryo);
    }
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    Kryo kryo = pool.obtain();
    try (Input in = new Input(bytes)) {
      EmberKryo.readHeader(in);
      return kryo.readClassAndObject(in);
    } catch (KryoException | EmberRuntimeException | IllegalArgumentException | IndexOutOfBoundsException e) {
      NotSerializableException error = new NotSerializableException("Cannot read an Ember message: " + e.getMessage());
      error.initCause(e);
      throw error;
    } finally {
      pool.free(kryo);
    }
  }

  /** A value computed at first use, once; thread-safe. */
  private static final class Lazy<T> {
    private final java.util.function.Supplier<T> compute;
    private volatile T value;

    Lazy(java.util.function.Supplier<T> compute) {
      this.compute = compute;
    }

    T get() {
      T v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) {
            v = compute.get();
            value = v;
          }
        }
      }
      return v;
    }
  }
}
