package io.ember.runtime.remote;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.serde.DriverLocal;
import io.ember.core.serde.EmberKryo;

/**
 * Puts plans on the wire: a {@link io.ember.runtime.graph.JobGraph} (vertices with their operator specs and
 * expressions, sources with their splits, sinks, schemas), a {@link io.ember.runtime.local.TaskLaunch}, or any
 * other value made of Ember classes and plain JDK values. The format is {@link WireKryo}'s, the one
 * {@link KryoSerializer} sends between actor systems, behind {@link EmberKryo}'s header.
 *
 * <p>What can travel and what cannot:
 * <ul>
 *   <li>Classes are written by name and read only from {@link WireClasses}' allow-list: Ember's classes and the
 *       JDK's values and collections. A peer cannot make this JVM load or instantiate any other class.</li>
 *   <li>Lambdas and other generated classes cannot travel (they have no name another JVM can load), nor
 *       {@link DriverLocal} objects (a foreachBatch function, a memory table), nor replica stores. Encoding one
 *       fails with {@code NOT_SHIPPABLE} and Kryo's path to the offending field. A vertex holding a
 *       {@code DriverLocal} object runs on the driver node ({@link io.ember.runtime.graph.Vertex#runsOnDriver()}),
 *       so only the graphs and tasks that can run elsewhere are ever encoded.</li>
 *   <li>Actor refs cannot be encoded here (they need an actor system; they travel in messages).</li>
 *   <li>Transient fields are not written: they come back as their type's default and must be caches.</li>
 * </ul>
 *
 * <p>Thread-safe; Kryo instances are pooled.
 */
public final class PlanCodec {
  private static final Pool<Kryo> POOL = new Pool<>(true, false, 8) {
    @Override
    protected Kryo create() {
      return WireKryo.newKryo(null);
    }
  };

  private PlanCodec() {}

  /**
   * {@code value} as bytes.
   *
   * @throws EmberRuntimeException {@code NOT_SHIPPABLE} when it holds something that cannot travel
   */
  public static byte[] encode(Object value) {
    Kryo kryo = POOL.obtain();
    try (Output out = new Output(4096, -1)) {
      EmberKryo.writeHeader(out);
      kryo.writeClassAndObject(out, value);
      return out.toBytes();
    } catch (KryoException e) {
      throw writeError(value, e);
    } finally {
      POOL.free(kryo);
    }
  }

  /**
   * The value {@link #encode} wrote.
   *
   * @throws EmberRuntimeException {@code INCOMPATIBLE_FORMAT} when the bytes are not such a value of {@code type}
   *     (another Ember version, damaged bytes); {@code NOT_SHIPPABLE} when they name a class outside the allow-list
   */
  public static <T> T decode(byte[] bytes, Class<T> type) {
    Kryo kryo = POOL.obtain();
    try (Input in = new Input(bytes)) {
      EmberKryo.readHeader(in);
      Object value = kryo.readClassAndObject(in);
      if (!type.isInstance(value)) {
        throw new EmberRuntimeException("INCOMPATIBLE_FORMAT", "Expected an encoded " + type.getSimpleName()
            + " but found " + (value == null ? "null" : "a " + value.getClass().getName()));
      }
      return type.cast(value);
    } catch (KryoException | IllegalArgumentException | IndexOutOfBoundsException e) {
      EmberRuntimeException cause = causeOf(e);
      if (cause != null) {
        throw cause;
      }
      throw new EmberRuntimeException("INCOMPATIBLE_FORMAT", "Cannot read an encoded " + type.getSimpleName() + ": "
          + e.getMessage(), e);
    } finally {
      POOL.free(kryo);
    }
  }

  /** The error of a failed write: {@code NOT_SHIPPABLE} with Kryo's trace of where in {@code value} it failed. */
  static EmberRuntimeException writeError(Object value, KryoException e) {
    EmberRuntimeException cause = causeOf(e);
    String why = cause == null ? e.getMessage()
        : cause.getMessage().substring(cause.errorClass() == null ? 0 : cause.errorClass().length() + 3);
    return new EmberRuntimeException("NOT_SHIPPABLE", "Cannot encode " + value.getClass().getName() + " to send it"
        + " to another node: " + why + (cause != null ? " (at " + trace(e) + ")" : ""), e);
  }

  /** The Ember error Kryo wrapped (the allow-list's refusal), or null. */
  private static EmberRuntimeException causeOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EmberRuntimeException ember) {
        return ember;
      }
    }
    return null;
  }

  /** Kryo's serialization trace (the field path), from the outermost exception's message. */
  private static String trace(KryoException e) {
    String message = e.getMessage();
    int at = message == null ? -1 : message.indexOf("Serialization trace:");
    return at < 0 ? "the top" : message.substring(at + "Serialization trace:".length()).strip().replace('\n', ' ');
  }
}
