package io.ember.core.serde;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a map value of a {@link io.ember.core.data.Row} (any {@link Map}) as its size and entries in iteration
 * order. Reads a {@code HashMap} or {@code LinkedHashMap} back as a map of that same class (a field of that type may
 * hold it), any other registered map as an unmodifiable map in that order, which is what {@code MapVector.get}
 * returns. Sorted maps are not registered: they keep Kryo's own serializer, which keeps their comparator.
 */
final class MapValueSerializer extends Serializer<Map<?, ?>> {
  MapValueSerializer() {
    setImmutable(true);
  }

  /** The map classes a row value may be: what maps come back as, and what users build rows from. */
  static Set<Class<?>> mapClasses() {
    return new LinkedHashSet<>(List.of(LinkedHashMap.class, HashMap.class,
        Collections.unmodifiableMap(new LinkedHashMap<>()).getClass(), Collections.emptyMap().getClass(),
        Map.of().getClass(), Map.of(1, 1).getClass(), Map.of(1, 1, 2, 2).getClass()));
  }

  @Override
  public void write(Kryo kryo, Output out, Map<?, ?> map) {
    out.writeVarInt(map.size(), true);
    for (Map.Entry<?, ?> e : map.entrySet()) {
      kryo.writeClassAndObject(out, e.getKey());
      kryo.writeClassAndObject(out, e.getValue());
    }
  }

  @Override
  public Map<?, ?> read(Kryo kryo, Input in, Class<? extends Map<?, ?>> cls) {
    int n = in.readVarInt(true);
    Class<?> type = cls;
    Map<Object, Object> out = type == HashMap.class ? new HashMap<>() : new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      Object key = kryo.readClassAndObject(in);
      out.put(key, kryo.readClassAndObject(in));
    }
    return type == HashMap.class || type == LinkedHashMap.class ? out : Collections.unmodifiableMap(out);
  }
}
