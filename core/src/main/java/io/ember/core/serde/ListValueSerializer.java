package io.ember.core.serde;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Writes an array value of a {@link io.ember.core.data.Row} (any {@link List}) as its size and elements;
 * reads it back as an unmodifiable list, which is what {@code ArrayVector.get} returns. Registered for
 * the list classes rows carry ({@code ArrayList}, unmodifiable and {@code List.of} lists).
 */
final class ListValueSerializer extends Serializer<List<?>> {
  ListValueSerializer() {
    setImmutable(true);
  }

  @Override
  public void write(Kryo kryo, Output out, List<?> list) {
    out.writeVarInt(list.size(), true);
    for (Object element : list) {
      kryo.writeClassAndObject(out, element);
    }
  }

  @Override
  public List<?> read(Kryo kryo, Input in, Class<? extends List<?>> cls) {
    int n = in.readVarInt(true);
    List<Object> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(kryo.readClassAndObject(in));
    }
    return Collections.unmodifiableList(out);
  }
}
