package io.ember.core.serde;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.core.types.ArrayType;
import io.ember.core.types.BinaryType;
import io.ember.core.types.BooleanType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DateType;
import io.ember.core.types.DayTimeIntervalType;
import io.ember.core.types.DecimalType;
import io.ember.core.types.DoubleType;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import io.ember.core.types.NullType;
import io.ember.core.types.StringType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.core.types.TimestampType;
import io.ember.core.types.YearMonthIntervalType;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes any {@link DataType} as a one-byte tag followed by its parameters; nested types recurse. One
 * instance is registered for every concrete type class, so a type can be written on its own or inside a
 * schema. Stateless and shareable.
 */
final class DataTypeSerializer extends Serializer<DataType> {
  private static final byte NULL = 0;
  private static final byte BOOLEAN = 1;
  private static final byte INT = 2;
  private static final byte LONG = 3;
  private static final byte DOUBLE = 4;
  private static final byte STRING = 5;
  private static final byte DATE = 6;
  private static final byte TIMESTAMP = 7;
  private static final byte DECIMAL = 8;
  private static final byte ARRAY = 9;
  private static final byte STRUCT = 10;
  private static final byte DAY_TIME_INTERVAL = 11;
  private static final byte YEAR_MONTH_INTERVAL = 12;
  private static final byte MAP = 13;
  private static final byte BINARY = 14;

  DataTypeSerializer() {
    setImmutable(true);
  }

  @Override
  public void write(Kryo kryo, Output out, DataType type) {
    writeType(out, type);
  }

  @Override
  public DataType read(Kryo kryo, Input in, Class<? extends DataType> cls) {
    return readType(in);
  }

  static void writeType(Output out, DataType type) {
    if (type instanceof NullType) {
      out.writeByte(NULL);
    } else if (type instanceof BooleanType) {
      out.writeByte(BOOLEAN);
    } else if (type instanceof IntegerType) {
      out.writeByte(INT);
    } else if (type instanceof LongType) {
      out.writeByte(LONG);
    } else if (type instanceof DoubleType) {
      out.writeByte(DOUBLE);
    } else if (type instanceof StringType) {
      out.writeByte(STRING);
    } else if (type instanceof BinaryType) {
      out.writeByte(BINARY);
    } else if (type instanceof DateType) {
      out.writeByte(DATE);
    } else if (type instanceof TimestampType) {
      out.writeByte(TIMESTAMP);
    } else if (type instanceof DecimalType d) {
      out.writeByte(DECIMAL);
      out.writeVarInt(d.precision(), true);
      out.writeVarInt(d.scale(), true);
    } else if (type instanceof ArrayType a) {
      out.writeByte(ARRAY);
      out.writeBoolean(a.containsNull());
      writeType(out, a.elementType());
    } else if (type instanceof io.ember.core.types.MapType m) {
      out.writeByte(MAP);
      out.writeBoolean(m.valueContainsNull());
      writeType(out, m.keyType());
      writeType(out, m.valueType());
    } else if (type instanceof StructType s) {
      out.writeByte(STRUCT);
      writeStruct(out, s);
    } else if (type instanceof DayTimeIntervalType d) {
      out.writeByte(DAY_TIME_INTERVAL);
      out.writeByte(d.startField());
      out.writeByte(d.endField());
    } else if (type instanceof YearMonthIntervalType y) {
      out.writeByte(YEAR_MONTH_INTERVAL);
      out.writeByte(y.startField());
      out.writeByte(y.endField());
    } else {
      throw new IllegalArgumentException("Cannot serialize data type " + type);
    }
  }

  static void writeStruct(Output out, StructType s) {
    out.writeVarInt(s.size(), true);
    for (StructField f : s.fields()) {
      out.writeString(f.name());
      out.writeBoolean(f.nullable());
      writeType(out, f.dataType());
    }
  }

  static StructType readStruct(Input in) {
    int n = in.readVarInt(true);
    List<StructField> fields = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String name = in.readString();
      boolean nullable = in.readBoolean();
      fields.add(new StructField(name, readType(in), nullable));
    }
    return new StructType(fields);
  }

  static DataType readType(Input in) {
    byte tag = in.readByte();
    return switch (tag) {
      case NULL -> DataTypes.NULL;
      case BOOLEAN -> DataTypes.BOOLEAN;
      case INT -> DataTypes.INTEGER;
      case LONG -> DataTypes.LONG;
      case DOUBLE -> DataTypes.DOUBLE;
      case STRING -> DataTypes.STRING;
      case BINARY -> DataTypes.BINARY;
      case DATE -> DataTypes.DATE;
      case TIMESTAMP -> DataTypes.TIMESTAMP;
      case DECIMAL -> new DecimalType(in.readVarInt(true), in.readVarInt(true));
      case ARRAY -> {
        boolean containsNull = in.readBoolean();
        yield new ArrayType(readType(in), containsNull);
      }
      case STRUCT -> readStruct(in);
      case MAP -> {
        boolean valueContainsNull = in.readBoolean();
        DataType key = readType(in);
        yield new io.ember.core.types.MapType(key, readType(in), valueContainsNull);
      }
      case DAY_TIME_INTERVAL -> new DayTimeIntervalType(in.readByte(), in.readByte());
      case YEAR_MONTH_INTERVAL -> new YearMonthIntervalType(in.readByte(), in.readByte());
      default -> throw new IllegalArgumentException("Unknown data type tag " + tag + " in serialized data");
    };
  }
}
