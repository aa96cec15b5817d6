package io.ember.runtime.remote;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.core.data.Batch;
import io.ember.runtime.local.TaskMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Hand-written Kryo serializers: the batch of a data message (written once, by core's columnar serializer), the
 * shared end-of-input marker, and the JDK's unmodifiable collection views, which Kryo would otherwise read through
 * their private fields. The other messages are records, written component by component by Kryo's record
 * serializer, so that a component added to a message travels without a change here.
 */
final class WireSerializers {
  private WireSerializers() {}

  /** {@link TaskMessage.Data}: the batch, written once through core's batch serializer. */
  static final class DataSerializer extends Serializer<TaskMessage.Data> {
    DataSerializer() {
      super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output out, TaskMessage.Data data) {
      kryo.writeObject(out, data.batch());
    }

    @Override
    public TaskMessage.Data read(Kryo kryo, Input in, Class<? extends TaskMessage.Data> type) {
      return new TaskMessage.Data(kryo.readObject(in, Batch.class));
    }
  }

  /** {@link TaskMessage.EndOfInput}: nothing but its class; reads as the shared instance. */
  static final class EndOfInputSerializer extends Serializer<TaskMessage.EndOfInput> {
    EndOfInputSerializer() {
      super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output out, TaskMessage.EndOfInput end) {}

    @Override
    public TaskMessage.EndOfInput read(Kryo kryo, Input in, Class<? extends TaskMessage.EndOfInput> type) {
      return TaskMessage.EndOfInput.INSTANCE;
    }
  }
  /** A {@link Path}, as its string; read back with {@link Path#of}. */
  static final class PathSerializer extends Serializer<Path> {
    PathSerializer() {
      super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output out, Path path) {
      out.writeString(path.toString());
    }

    @Override
    public Path read(Kryo kryo, Input in, Class<? extends Path> type) {
      return Path.of(in.readString());
    }
  }

  /**
   * The JDK's unmodifiable views ({@code Collections.unmodifiableSet/Map/...}): written as their elements, read
   * back as an unmodifiable view of a fresh collection of the same kind (sorted ones in natural order).
   */
  static final class UnmodifiableSerializer extends Serializer<Object> {
    private final Kind kind;

    enum Kind { COLLECTION, SET, SORTED_SET, MAP, SORTED_MAP }

    UnmodifiableSerializer(Kind kind) {
      super(true, true);
      this.kind = kind;
    }

    @Override
    public void write(Kryo kryo, Output out, Object value) {
      if (value instanceof Map<?, ?> map) {
        out.writeVarInt(map.size(), true);
        for (Map.Entry<?, ?> e : map.entrySet()) {
          kryo.writeClassAndObject(out, e.getKey());
          kryo.writeClassAndObject(out, e.getValue());
        }
      } else {
        Collection<?> items = (Collection<?>) value;
        out.writeVarInt(items.size(), true);
        for (Object item : items) {
          kryo.writeClassAndObject(out, item);
        }
      }
    }

    @Override
    public Object read(Kryo kryo, Input in, Class<?> type) {
      int n = in.readVarInt(true);
      switch (kind) {
        case MAP, SORTED_MAP -> {
          Map<Object, Object> map = kind == Kind.MAP ? new LinkedHashMap<>() : new TreeMap<>();
          for (int i = 0; i < n; i++) {
            map.put(kryo.readClassAndObject(in), kryo.readClassAndObject(in));
          }
          return kind == Kind.MAP ? Collections.unmodifiableMap(map)
              : Collections.unmodifiableSortedMap((TreeMap<Object, Object>) map);
        }
        default -> {
          Collection<Object> items = kind == Kind.SET ? new LinkedHashSet<>()
              : kind == Kind.SORTED_SET ? new TreeSet<>() : new ArrayList<>();
          for (int i = 0; i < n; i++) {
            items.add(kryo.readClassAndObject(in));
          }
          return switch (kind) {
            case SET -> Collections.unmodifiableSet((Set<Object>) items);
            case SORTED_SET -> Collections.unmodifiableSortedSet((TreeSet<Object>) items);
            default -> Collections.unmodifiableCollection(items);
          };
        }
      }
    }

    /** Adds this serializer for every unmodifiable view class Core does not register already. */
    static void addDefaults(Kryo kryo) {
      kryo.addDefaultSerializer(Collections.unmodifiableSortedSet(new TreeSet<>()).getClass(),
          new UnmodifiableSerializer(Kind.SORTED_SET));
      kryo.addDefaultSerializer(Collections.unmodifiableSet(new LinkedHashSet<>()).getClass(),
          new UnmodifiableSerializer(Kind.SET));
      kryo.addDefaultSerializer(Collections.unmodifiableSortedMap(new TreeMap<>()).getClass(),
          new UnmodifiableSerializer(Kind.SORTED_MAP));
      kryo.addDefaultSerializer(Collections.unmodifiableMap(new LinkedHashMap<>()).getClass(),
          new UnmodifiableSerializer(Kind.MAP));
      kryo.addDefaultSerializer(Collections.unmodifiableCollection(List.of()).getClass(),
          new UnmodifiableSerializer(Kind.COLLECTION));
    }
  }
}
