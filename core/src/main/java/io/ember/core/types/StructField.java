package io.ember.core.types;

import java.util.Objects;

/** A named, typed field of a {@link StructType}; {@code nullable} says whether it may hold null. */
public record StructField(String name, DataType dataType, boolean nullable) {
  public StructField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dataType, "dataType");
  }

  public StructField(String name, DataType dataType) {
    this(name, dataType, true);
  }

  public StructField withName(String newName) {
    return new StructField(newName, dataType, nullable);
  }

  public StructField withNullable(boolean newNullable) {
    return new StructField(name, dataType, newNullable);
  }

  @Override
  public String toString() {
    return "StructField(" + name + "," + dataType + "," + nullable + ")";
  }
}
