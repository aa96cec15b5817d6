package io.ember.core.serde;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import io.ember.core.data.ArrayVector;
import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.NullVector;
import io.ember.core.data.Row;
import io.ember.core.data.StringVector;
import io.ember.core.data.StructVector;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.ArrayType;
import io.ember.core.types.BooleanType;
import io.ember.core.types.DateType;
import io.ember.core.types.DayTimeIntervalType;
import io.ember.core.types.DecimalType;
import io.ember.core.types.DoubleType;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import io.ember.core.types.NullType;
import io.ember.core.types.StringType;
import io.ember.core.types.StructType;
import io.ember.core.types.TimestampType;
import io.ember.core.types.YearMonthIntervalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;

/**
 * Makes the Kryo instances that put Ember's values on the wire: {@link Batch}es (columnar, each vector's
 * arrays and null mask written in bulk), {@link Row}s and their values, column vectors and data types.
 * Every instance has {@code registrationRequired} on, so an unregistered class fails fast instead of
 * writing its class name, and registration ids are fixed here, so two JVMs of one Ember version agree.
 *
 * <p>Byte arrays made by {@link #toBytes} start with a header: {@link #MAGIC} and {@link #FORMAT_VERSION}.
 * {@link #fromBytes} rejects data of another version with a clear error instead of misreading it.
 *
 * <p>A {@link Kryo} is not thread-safe: use one instance per thread ({@link #newKryo()}), or the shared
 * {@link #toBytes}/{@link #fromBytes}, which borrow from a pool. Modules that put their own classes on the
 * wire register them on top with ids from {@link #FIRST_FREE_ID} on.
 */
public final class EmberKryo {
  /** The first bytes of every serialized value: "EMBR". */
  public static final int MAGIC = 0x454D4252;
  /** The version of the wire format of batches, vectors, types and rows; bump on any change. */
  public static final int FORMAT_VERSION = 1;
  /** Registration ids below this are Ember core's; other modules start here. */
  public static final int FIRST_FREE_ID = 200;

  private static final int FIRST_ID = 100;
  private static final Pool<Kryo> POOL = new Pool<>(true, false, 16) {
    @Override
    protected Kryo create() {
      return newKryo();
    }
  };

  private EmberKryo() {}

  /** A new Kryo with every core class registered and registration required. */
  public static Kryo newKryo() {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    register(kryo);
    return kryo;
  }

  /** Registers core's classes on {@code kryo} with their fixed ids. */
  public static void register(Kryo kryo) {
    int id = FIRST_ID;
    DataTypeSerializer types = new DataTypeSerializer();
    for (Class<?> type : List.of(NullType.class, BooleanType.class, IntegerType.class, LongType.class,
        DoubleType.class, StringType.class, DateType.class, TimestampType.class, DecimalType.class,
        ArrayType.class, StructType.class)) {
      kryo.register(type, types, id++);
    }
    VectorSerializer vectors = new VectorSerializer();
    for (Class<?> vector : List.of(NullVector.class, BooleanVector.class, IntVector.class, LongVector.class,
        DoubleVector.class, StringVector.class, DecimalVector.class, ArrayVector.class, StructVector.class)) {
      kryo.register(vector, vectors, id++);
    }
    kryo.register(Batch.class, new BatchSerializer(), id++);
    kryo.register(Row.class, new RowSerializer(), id++);
    kryo.register(BigDecimal.class, id++);
    kryo.register(BigInteger.class, id++);
    kryo.register(LocalDate.class, id++);
    kryo.register(Instant.class, id++);
    ListValueSerializer lists = new ListValueSerializer();
    for (Class<?> list : listClasses()) {
      kryo.register(list, lists, id++);
    }
    kryo.register(Object[].class, id++);
    kryo.register(byte[].class, id++);
    kryo.register(DayTimeIntervalType.class, types, id++);
    kryo.register(YearMonthIntervalType.class, types, id++);
    kryo.register(Duration.class, id++);
    kryo.register(Period.class, id++);
    kryo.register(io.ember.core.types.MapType.class, types, id++);
    kryo.register(io.ember.core.data.MapVector.class, vectors, id++);
    MapValueSerializer maps = new MapValueSerializer();
    for (Class<?> map : MapValueSerializer.mapClasses()) {
      kryo.register(map, maps, id++);
    }
    kryo.register(io.ember.core.types.BinaryType.class, types, id++);
    kryo.register(io.ember.core.data.BinaryVector.class, vectors, id++);
  }

  /** The list classes a row value may be: what arrays come back as, and what users build rows from. */
  private static Set<Class<?>> listClasses() {
    Set<Class<?>> classes = new LinkedHashSet<>();
    classes.add(ArrayList.class);
    classes.add(LinkedList.class);
    classes.add(Collections.unmodifiableList(new ArrayList<>()).getClass());
    classes.add(Collections.unmodifiableList(new LinkedList<>()).getClass());
    classes.add(Collections.emptyList().getClass());
    classes.add(List.of().getClass());
    classes.add(List.of(1).getClass());
    classes.add(List.of(1, 2, 3).getClass());
    classes.add(java.util.Arrays.asList(1).getClass());
    return classes;
  }

  /** Writes the format header. */
  public static void writeHeader(Output out) {
    out.writeInt(MAGIC);
    out.writeVarInt(FORMAT_VERSION, true);
  }

  /**
   * Reads and checks the format header.
   *
   * @throws EmberRuntimeException {@code INCOMPATIBLE_FORMAT} when the data is not Ember's or of another version
   */
  public static void readHeader(Input in) {
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new EmberRuntimeException("INCOMPATIBLE_FORMAT",
          "The data does not start with Ember's serialization header (found 0x" + Integer.toHexString(magic)
              + "); it was not written by EmberKryo.toBytes.");
    }
    int version = in.readVarInt(true);
    if (version != FORMAT_VERSION) {
      throw new EmberRuntimeException("INCOMPATIBLE_FORMAT",
          "The data has serialization format version " + version + " but this Ember reads version "
              + FORMAT_VERSION + ". Run the same Ember version on every node.");
    }
  }

  /** Serializes {@code value} (of a registered class, or null) with the header. Thread-safe. */
  public static byte[] toBytes(Object value) {
    Kryo kryo = POOL.obtain();
    try (Output out = new Output(1024, -1)) {
      writeHeader(out);
      kryo.writeClassAndObject(out, value);
      return out.toBytes();
    } finally {
      POOL.free(kryo);
    }
  }

  /**
   * Reads a value written by {@link #toBytes}. Thread-safe.
   *
   * @throws EmberRuntimeException {@code INCOMPATIBLE_FORMAT} on a foreign or other-version header, or
   *     when the value is not a {@code type}
   */
  public static <T> T fromBytes(byte[] bytes, Class<T> type) {
    Kryo kryo = POOL.obtain();
    try (Input in = new Input(bytes)) {
      readHeader(in);
      Object value = kryo.readClassAndObject(in);
      if (value != null && !type.isInstance(value)) {
        throw new EmberRuntimeException("INCOMPATIBLE_FORMAT",
            "Expected a serialized " + type.getSimpleName() + " but found a " + value.getClass().getSimpleName());
      }
      return type.cast(value);
    } catch (KryoException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new EmberRuntimeException("INCOMPATIBLE_FORMAT",
          "Cannot read serialized " + type.getSimpleName() + ": " + e.getMessage(), e);
    } finally {
      POOL.free(kryo);
    }
  }
}
