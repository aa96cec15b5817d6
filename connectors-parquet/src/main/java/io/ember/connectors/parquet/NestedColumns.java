package io.ember.connectors.parquet;

import io.ember.core.data.Row;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DecimalType;
import io.ember.core.types.MapType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads the nested columns (structs, arrays, maps) a split requests: Parquet's record assembly turns their
 * repetition and definition levels into one record per row, whose values are the Java objects
 * {@link io.ember.core.data.VectorBuilder#append} takes ({@link Row} for a struct, {@link List} for an array,
 * {@link Map} for a map, in the file's entry order). Flat columns do not come here: {@link ColumnDecoder} decodes
 * them straight into vectors. Used by the one thread reading the split.
 */
final class NestedColumns {
  private final MessageType schema;
  private final MessageType fileSchema;
  private final String createdBy;
  private final Materializer materializer;
  private RecordReader<Object[]> records;

  /**
   * @param fields the file's top-level fields to read, each a group or a repeated field
   * @param types the Ember type of each, as {@link ParquetSchemas#toEmber(Type, String, boolean)} gives it
   */
  NestedColumns(MessageType fileSchema, List<Type> fields, List<DataType> types, String createdBy) {
    this.fileSchema = fileSchema;
    this.schema = new MessageType(fileSchema.getName(), fields);
    this.createdBy = createdBy;
    this.materializer = new Materializer(fields, types);
  }

  /** The requested part of the file's schema. */
  MessageType schema() {
    return schema;
  }

  /** Starts reading the records of a row group whose pages hold (at least) these columns. */
  void startRowGroup(PageReadStore pages) {
    records = new ColumnIOFactory(createdBy).getColumnIO(schema, fileSchema).getRecordReader(pages, materializer);
  }

  /** The next row's values, one per field in construction order (null for a null value); reused by the next call. */
  Object[] next() {
    return records.read();
  }

  private static final class Materializer extends RecordMaterializer<Object[]> {
    private final Fields root;

    Materializer(List<Type> fields, List<DataType> types) {
      this.root = new Fields(fields, types, null);
    }

    @Override
    public Object[] getCurrentRecord() {
      return root.values;
    }

    @Override
    public GroupConverter getRootConverter() {
      return root;
    }
  }

  /** The converter of a Parquet field of Ember type {@code type}, handing each value it assembles to {@code out}. */
  private static Converter converter(Type field, DataType type, Consumer<Object> out) {
    if (field.isPrimitive()) {
      return new Value(field.asPrimitiveType(), type, out);
    }
    GroupType g = field.asGroupType();
    LogicalTypeAnnotation a = g.getLogicalTypeAnnotation();
    if (type instanceof ArrayType at && a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
      return new ListOf(g, at.elementType(), out);
    } else if (type instanceof MapType mt) {
      return new MapOf(g, mt, out);
    }
    StructType st = (StructType) type;
    List<DataType> types = new ArrayList<>(st.size());
    for (int i = 0; i < st.size(); i++) {
      types.add(st.field(i).dataType());
    }
    return new Fields(g.getFields(), types, out);
  }

  /**
   * A group of fields: the record's root (no {@code out}; values read through {@link #values}) or a struct, which
   * hands a {@link Row} to {@code out}. A repeated field among them collects into a list, empty when absent.
   */
  private static final class Fields extends GroupConverter {
    private final Converter[] converters;
    private final boolean[] repeated;
    private final StructType rowType;
    private final Consumer<Object> out;
    Object[] values;

    Fields(List<Type> fields, List<DataType> types, Consumer<Object> out) {
      this.out = out;
      this.converters = new Converter[fields.size()];
      this.repeated = new boolean[fields.size()];
      this.values = new Object[fields.size()];
      List<StructField> row = new ArrayList<>();
      for (int i = 0; i < converters.length; i++) {
        Type f = fields.get(i);
        int index = i;
        repeated[i] = f.getRepetition() == Type.Repetition.REPEATED;
        DataType t = types.get(i);
        row.add(new StructField(f.getName(), t, true));
        converters[i] = repeated[i]
            ? converter(f, ((ArrayType) t).elementType(), v -> appendTo(index, v))
            : converter(f, t, v -> values[index] = v);
      }
      this.rowType = new StructType(row);
    }

    @SuppressWarnings("unchecked")
    private void appendTo(int field, Object v) {
      ((List<Object>) values[field]).add(v);
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return converters[fieldIndex];
    }

    @Override
    public void start() {
      values = out == null ? values : new Object[converters.length];
      Arrays.fill(values, null);
      for (int i = 0; i < repeated.length; i++) {
        if (repeated[i]) {
          values[i] = new ArrayList<>();
        }
      }
    }

    @Override
    public void end() {
      if (out != null) {
        out.accept(new Row(rowType, values));
      }
    }
  }

  /** A LIST group: a list of its elements, a null element where the element is absent. */
  private static final class ListOf extends GroupConverter {
    private final Converter repeated;
    private final Consumer<Object> out;
    private List<Object> list;

    ListOf(GroupType g, DataType elementType, Consumer<Object> out) {
      this.out = out;
      Type repeatedField = g.getType(0);
      if (ParquetSchemas.isElementItself(g)) {
        this.repeated = converter(repeatedField, elementType, v -> list.add(v));
      } else {
        this.repeated = new Entry(repeatedField.asGroupType(), new DataType[] {elementType}, v -> list.add(v[0]));
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return repeated;
    }

    @Override
    public void start() {
      list = new ArrayList<>();
    }

    @Override
    public void end() {
      out.accept(list);
    }
  }

  /** A MAP group: its {@code key_value} entries in file order. */
  private static final class MapOf extends GroupConverter {
    private final Converter entries;
    private final Consumer<Object> out;
    private Map<Object, Object> map;

    MapOf(GroupType g, MapType type, Consumer<Object> out) {
      this.out = out;
      this.entries = new Entry(g.getType(0).asGroupType(), new DataType[] {type.keyType(), type.valueType()},
          v -> map.put(v[0], v[1]));
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return entries;
    }

    @Override
    public void start() {
      map = new LinkedHashMap<>();
    }

    @Override
    public void end() {
      out.accept(map);
    }
  }

  /** One repetition of a list's or map's repeated group: its fields' values, null where absent. */
  private static final class Entry extends GroupConverter {
    private final Converter[] converters;
    private final Consumer<Object[]> out;
    private final Object[] values;

    Entry(GroupType g, DataType[] types, Consumer<Object[]> out) {
      this.out = out;
      this.values = new Object[types.length];
      this.converters = new Converter[types.length];
      for (int i = 0; i < types.length; i++) {
        int index = i;
        converters[i] = converter(g.getType(i), types[i], v -> values[index] = v);
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return converters[fieldIndex];
    }

    @Override
    public void start() {
      Arrays.fill(values, null);
    }

    @Override
    public void end() {
      out.accept(values);
    }
  }

  /** A primitive value as Ember holds it, converted as {@link ColumnDecoder} converts a flat column's. */
  private static final class Value extends PrimitiveConverter {
    private final Consumer<Object> out;
    private final int scale;
    private final TimeUnit unit;
    private final boolean unsigned;
    private final boolean asLong;
    private final boolean int96;
    private final boolean binary;

    Value(PrimitiveType p, DataType type, Consumer<Object> out) {
      this.int96 = p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT96;
      this.out = out;
      this.scale = type instanceof DecimalType d ? d.scale() : -1;
      this.unit = ParquetSchemas.timestampUnit(p);
      this.unsigned = p.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
          && !i.isSigned();
      this.asLong = type.equals(DataTypes.LONG);
      this.binary = type.equals(DataTypes.BINARY);
    }

    @Override
    public void addBoolean(boolean value) {
      out.accept(value);
    }

    @Override
    public void addInt(int value) {
      if (scale >= 0) {
        out.accept(BigDecimal.valueOf(value, scale));
      } else if (asLong) {
        out.accept(unsigned ? Integer.toUnsignedLong(value) : (long) value);
      } else {
        out.accept(value);
      }
    }

    @Override
    public void addLong(long value) {
      if (scale >= 0) {
        out.accept(BigDecimal.valueOf(value, scale));
      } else if (unit == TimeUnit.MILLIS) {
        out.accept(Math.multiplyExact(value, 1000L));
      } else if (unit == TimeUnit.NANOS) {
        out.accept(Math.floorDiv(value, 1000L));
      } else {
        out.accept(value);
      }
    }

    @Override
    public void addFloat(float value) {
      out.accept((double) value);
    }

    @Override
    public void addDouble(double value) {
      out.accept(value);
    }

    @Override
    public void addBinary(Binary value) {
      if (scale >= 0) {
        out.accept(new BigDecimal(new BigInteger(value.getBytes()), scale));
      } else if (int96) {
        out.accept(ColumnDecoder.int96Micros(value));
      } else if (binary) {
        out.accept(value.getBytes());
      } else {
        out.accept(value.toStringUsingUTF8());
      }
    }
  }
}
