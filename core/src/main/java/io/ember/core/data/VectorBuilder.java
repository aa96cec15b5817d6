package io.ember.core.data;

import io.ember.core.types.ArrayType;
import io.ember.core.types.BooleanType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DecimalType;
import io.ember.core.types.DoubleType;
import io.ember.core.types.NullType;
import io.ember.core.types.StringType;
import io.ember.core.types.StructType;
import java.util.List;

/**
 * Appends values one row at a time and {@link #build()}s an immutable {@link ColumnVector}. Grows as
 * needed, doubling its arrays (so appending {@code n} rows copies O(n) values in all); size a builder ahead where
 * the rows are known ({@link #forType}'s capacity, {@link #strings(int, int)} for the bytes of strings,
 * {@link #reserve}). Use the typed subclass methods on hot paths ({@link Ints#appendInt}, {@link Strings#appendUtf8},
 * ...); {@link #append(Object)} accepts the Java objects of {@link ColumnVector#get(int)}; {@link #appendAll} copies a
 * whole vector of the builder's kind in bulk.
 *
 * <p>Not thread-safe. After {@code build()} the builder must not be used again.
 */
public abstract class VectorBuilder {
  protected boolean[] nulls;
  protected int size;
  protected boolean anyNull;

  protected VectorBuilder(int capacity) {
    this.nulls = new boolean[Math.max(capacity, 4)];
  }

  /** A builder for vectors of {@code type}, sized for {@code capacity} rows. */
  public static VectorBuilder forType(DataType type, int capacity) {
    if (type instanceof BooleanType) {
      return new Booleans(capacity);
    } else if (DataTypes.storedAsInt(type)) {
      return new Ints(type, capacity);
    } else if (DataTypes.storedAsLong(type)) {
      return new Longs(type, capacity);
    } else if (type instanceof DoubleType) {
      return new Doubles(capacity);
    } else if (type instanceof StringType) {
      return new Strings(capacity);
    } else if (type instanceof io.ember.core.types.BinaryType) {
      return new Binaries(capacity);
    } else if (type instanceof DecimalType dt) {
      return new Decimals(dt, capacity);
    } else if (type instanceof ArrayType at) {
      return new Arrays(at, capacity);
    } else if (type instanceof io.ember.core.types.MapType mt) {
      return new Maps(mt, capacity);
    } else if (type instanceof StructType st) {
      return new Structs(st, capacity);
    } else if (type instanceof NullType) {
      return new Nulls(capacity);
    }
    throw new IllegalArgumentException("No vector for type " + type);
  }

  /**
   * A string builder sized for {@code capacity} rows holding {@code byteCapacity} UTF-8 bytes in all: appending that
   * much copies no array. Both are hints; the builder grows past them.
   */
  public static Strings strings(int capacity, int byteCapacity) {
    return new Strings(capacity, byteCapacity);
  }

  public final int size() {
    return size;
  }

  /** Appends a null row. */
  public final void appendNull() {
    ensureCapacity(size + 1);
    nulls[size] = true;
    anyNull = true;
    appendDefault();
    size++;
  }

  /** Appends {@code value}, a Java object as {@link ColumnVector#get(int)} returns, or null. */
  public final void append(Object value) {
    if (value == null) {
      appendNull();
      return;
    }
    ensureCapacity(size + 1);
    appendValue(value);
    size++;
  }

  /** Appends row {@code row} of {@code source}, which has this builder's type. */
  public final void appendFrom(ColumnVector source, int row) {
    if (source.isNull(row)) {
      appendNull();
      return;
    }
    ensureCapacity(size + 1);
    appendFromVector(source, row);
    size++;
  }

  /**
   * Appends every row of {@code source}, which has this builder's type: in bulk (array copies, nulls included) when
   * it is a vector of the kind this builder builds, else row by row as {@link #appendFrom}.
   */
  public void appendAll(ColumnVector source) {
    int n = source.size();
    if (n == 0) {
      return;
    }
    ensureCapacity(size + n);
    if (appendBulk(source)) {
      boolean[] srcNulls = source.nullMask();
      if (srcNulls != null) {
        System.arraycopy(srcNulls, 0, nulls, size, n);
        anyNull = true;
      }
      size += n;
      return;
    }
    for (int i = 0; i < n; i++) {
      appendFrom(source, i);
    }
  }

  /**
   * Makes room for {@code rows} more rows (and, for strings, no more bytes), so that many appends copy no array.
   */
  public void reserve(int rows) {
    ensureCapacity(size + rows);
  }

  /** Builds the vector; the builder must not be used afterwards. */
  public abstract ColumnVector build();

  protected abstract void appendDefault();

  protected abstract void appendValue(Object value);

  protected abstract void appendFromVector(ColumnVector source, int row);

  protected abstract void growValues(int capacity);

  /**
   * Copies the values of all of {@code source}'s rows to rows {@code [size, size + source.size())}, capacity already
   * ensured, and returns true; or returns false, copying nothing, when {@code source} is not of this builder's kind
   * (the caller then appends row by row). The caller copies the null mask and advances the size. Null rows' values
   * are copied as they are, whatever they hold.
   */
  protected boolean appendBulk(ColumnVector source) {
    return false;
  }

  protected final void ensureCapacity(int needed) {
    if (needed > nulls.length) {
      int cap = Math.max(needed, nulls.length * 2);
      nulls = java.util.Arrays.copyOf(nulls, cap);
      growValues(cap);
    }
  }

  protected final boolean[] finalNulls() {
    return anyNull ? nulls : null;
  }

  /** Builds booleans. */
  public static final class Booleans extends VectorBuilder {
    private boolean[] values;

    Booleans(int capacity) {
      super(capacity);
      values = new boolean[nulls.length];
    }

    public void appendBoolean(boolean v) {
      ensureCapacity(size + 1);
      values[size++] = v;
    }

    @Override
    protected void appendDefault() {}

    @Override
    protected void appendValue(Object value) {
      values[size] = (Boolean) value;
    }

    @Override
    protected void appendFromVector(ColumnVector source, int row) {
      values[size] = ((BooleanVector) source).getBoolean(row);
    }

    @Override
    protected boolean appendBulk(ColumnVector source) {
      if (!(source instanceof BooleanVector b)) {
        return false;
      }
      for (int i = 0, n = b.size(); i < n; i++) {
        values[size + i] = b.getBoolean(i);
      }
      return true;
    }

    @Override
    protected void growValues(int capacity) {
      values = java.util.Arrays.copyOf(values, capacity);
    }

    @Override
    public ColumnVector build() {
      return new BooleanVector(values, finalNulls(), size);
    }
  }

  /** Builds ints and dates (days since epoch). */
  public static final class Ints extends VectorBuilder {
    private final DataType type;
    private int[] values;

    Ints(DataType type, int capacity) {
      super(capacity);
      this.type = type;
      values = new int[nulls.length];
    }

    public void appendInt(int v) {
      ensureCapacity(size + 1);
      values[size++] = v;
    }

    @Override
    protected void appendDefault() {}

    @Override
    protected void appendValue(Object value) {
      if (value instanceof java.time.LocalDate d) {
        values[size] = (int) d.toEpochDay();
      } else if (value instanceof java.sql.Date d) {
        values[size] = (int) d.toLocalDate().toEpochDay();
      } else if (value instanceof java.time.Period p) {
        values[size] = Math.toIntExact(p.toTotalMonths());
      } else {
        values[size] = ((Number) value).intValue();
      }
    }

    @Override
    protected void appendFromVector(ColumnVector source, int row) {
      values[size] = ((IntVector) source).getInt(row);
    }

    @Override
    protected boolean appendBulk(ColumnVector source) {
      if (!(source instanceof IntVector v)) {
        return false;
      }
      System.arraycopy(v.values(), 0, values, size, v.size());
      return true;
    }

    @Override
    protected void growValues(int capacity) {
      values = java.util.Arrays.copyOf(values, capacity);
    }

    @Override
    public ColumnVector build() {
      return new IntVector(type, values, finalNulls(), size);
    }
  }

  /** Builds longs and timestamps (microseconds since epoch). */
  public static final class Longs extends VectorBuilder {
    private final DataType type;
    private long[] values;

    Longs(DataType type, int capacity) {
      super(capacity);
      this.type = type;
      values = new long[nulls.length];
    }

    public void appendLong(long v) {
      ensureCapacity(size + 1);
      values[size++] = v;
    }

    @Override
    protected void appendDefault() {}

    @Override
    protected void appendValue(Object value) {
      if (value instanceof java.time.Instant t) {
        values[size] = Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
      } else if (value instanceof java.sql.Timestamp t) {
        java.time.Instant i = t.toInstant();
        values[size] = i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
      } else if (value instanceof java.time.Duration d) {
        values[size] = IntervalFormat.micros(d);
      } else {
        values[size] = ((Number) value).longValue();
      }
    }

    @Override
    protected void appendFromVector(ColumnVector source, int row) {
      values[size] = ((LongVector) source).getLong(row);
    }

    @Override
    protected boolean appendBulk(ColumnVector source) {
      if (!(source instanceof LongVector v)) {
        return false;
      }
      System.arraycopy(v.values(), 0, values, size, v.size());
      return true;
    }

    @Override
    protected void growValues(int capacity) {
      values = java.util.Arrays.copyOf(values, capacity);
    }

    @Override
    public ColumnVector build() {
      return new LongVector(type, values, finalNulls(), size);
    }
  }

  /** Builds doubles. */
  public static final class Doubles extends VectorBuilder {
    private double[] values;

    Doubles(int capacity) {
      super(capacity);
      values = new double[nulls.length];
    }

    public void appendDouble(double v) {
      ensureCapacity(size + 1);
      values[size++] = v;
    }

    @Override
    protected void appendDefault() {}

    @Override
    protected void appendValue(Object value) {
      values[size] = ((Number) value).doubleValue();
    }

    @Override
    protected void appendFromVector(ColumnVector source, int row) {
      values[size] = ((DoubleVector) source).getDouble(row);
    }

    @Override
    protected boolean appendBulk(ColumnVector source) {
      if (!(source instanceof DoubleVector v)) {
        return false;
      }
      System.arraycopy(v.values(), 0, values, size, v.size());
      return true;
    }

    @Override
    protected void growValues(int capacity) {
      values = java.util.Arrays.copyOf(values, capacity);
    }

    @Override
    public ColumnVector build() {
      return new DoubleVector(values, finalNulls(), size);
    }
  }

  /**
   * Builds the vectors of {@link BytesVector}'s layout (strings, binaries) into one byte array, which grows by
   * doubling from the bytes it was sized for (8 a row unless {@link VectorBuilder#strings(int, int)} says otherwise).
   */
  public abstract static sealed class Bytes extends VectorBuilder permits Strings, Binaries {
    private final DataType type;
    private byte[] bytes;
    private int[] offsets;
    private int pos;

    Bytes(DataType type, int capacity, int byteCapacity) {
      super(capacity);
      this.type = type;
      bytes = new byte[Math.max(16, byteCapacity)];
      offsets = new int[nulls.length + 1];
    }

    /** The bytes appended so far. */
    public int byteSize() {
      return pos;
    }

    /** Makes room for {@code rows} more rows holding {@code moreBytes} more bytes in all. */
    public void reserve(int rows, int moreBytes) {
      ensureCapacity(size + rows);
      ensureBytes(moreBytes);
    }

    /** Appends the bytes {@code src[from, from+len)} as one value (for strings, UTF-8). */
    public void appendBytes(byte[] src, int from, int len) {
      ensureCapacity(size + 1);
      ensureBytes(len);
      System.arraycopy(src, from, bytes, pos, len);
      pos += len;
      offsets[++size] = pos;
    }

    private void ensureBytes(int len) {
      if (pos + len > bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8,
            Math.max((long) pos + len, bytes.length * 2L)));
      }
    }

    /** Writes {@code b} as the value of the row being appended (the caller advances the size). */
    protected final void putValue(byte[] b) {
      ensureBytes(b.length);
      System.arraycopy(b, 0, bytes, pos, b.length);
      pos += b.length;
      offsets[size + 1] = pos;
    }

    @Override
    protected void appendDefault() {
      offsets[size + 1] = pos;
    }

    @Override
    protected void appendFromVector(ColumnVector source, int row) {
      BytesVector s = (BytesVector) source;
      int len = s.byteLength(row);
      ensureBytes(len);
      System.arraycopy(s.bytes(), s.start(row), bytes, pos, len);
      pos += len;
      offsets[size + 1] = pos;
    }

    /** The rows' bytes in one copy ({@code [start(0), start(n))}), their offsets shifted to this builder's. */
    @Override
    protected boolean appendBulk(ColumnVector source) {
      if (!(source instanceof BytesVector s) || !s.type().equals(type)) {
        return false;
      }
      int n = s.size();
      int[] src = s.offsets();
      int from = src[0];
      int len = src[n] - from;
      ensureBytes(len);
      System.arraycopy(s.bytes(), from, bytes, pos, len);
      int shift = pos - from;
      for (int i = 1; i <= n; i++) {
        offsets[size + i] = src[i] + shift;
      }
      pos += len;
      return true;
    }

    @Override
    protected void growValues(int capacity) {
      offsets = java.util.Arrays.copyOf(offsets, capacity + 1);
    }

    @Override
    public ColumnVector build() {
      return BytesVector.wrap(type, bytes, offsets, finalNulls(), size);
    }
  }

  /** Builds strings as UTF-8 bytes. */
  public static final class Strings extends Bytes {
    Strings(int capacity) {
      this(capacity, capacity * 8);
    }

    Strings(int capacity, int byteCapacity) {
      super(DataTypes.STRING, capacity, byteCapacity);
    }

    /** Appends the UTF-8 bytes {@code src[from, from+len)} as one string. */
    public void appendUtf8(byte[] src, int from, int len) {
      appendBytes(src, from, len);
    }

    public void appendString(String s) {
      if (s == null) {
        appendNull();
      } else {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        appendUtf8(b, 0, b.length);
      }
    }

    @Override
    protected void appendValue(Object value) {
      putValue(value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** Builds binaries: append a {@code byte[]} (or a {@link java.nio.ByteBuffer}'s remaining bytes) per row. */
  public static final class Binaries extends Bytes {
    Binaries(int capacity) {
      super(DataTypes.BINARY, capacity, capacity * 8);
    }

    @Override
    protected void appendValue(Object value) {
      if (value instanceof byte[] b) {
        putValue(b);
      } else if (value instanceof java.nio.ByteBuffer buf) {
        byte[] b = new byte[buf.remaining()];
        buf.duplicate().get(b);
        putValue(b);
      } else {
        throw new IllegalArgumentException(
            "A binary value must be a byte[], not " + value.getClass().getSimpleName() + ": " + value);
      }
    }
  }

  /** Builds decimals, rescaled to the type's scale. */
  public static final class Decimals extends VectorBuilder {
    private final DecimalType type;
    private java.math.BigDecimal[] values;

    Decimals(DecimalType type, int capacity) {
      super(capacity);
      this.type = type;
      values = new java.math.BigDecimal[nulls.length];
    }

    @Override
    protected void appendDefault() {}

    @Override
    protected void appendValue(Object value) {
      java.math.BigDecimal d = value instanceof java.math.BigDecimal bd ? bd : new java.math.BigDecimal(value.toString());
      values[size] = d.setScale(type.scale(), java.math.RoundingMode.HALF_UP);
    }

    @Override
    protected void appendFromVector(ColumnVector source, int row) {
      values[size] = ((DecimalVector) source).getDecimal(row).setScale(type.scale(), java.math.RoundingMode.HALF_UP);
    }

    @Override
    protected void growValues(int capacity) {
      values = java.util.Arrays.copyOf(values, capacity);
    }

    @Override
    public ColumnVector build() {
      return new DecimalVector(type, values, finalNulls(), size);
    }
  }

  /** Builds arrays: append a {@link List} per row. */
  public static final class Arrays extends VectorBuilder {
    private final ArrayType type;
    private final VectorBuilder elements;
    private int[] offsets;

    Arrays(ArrayType type, int capacity) {
      super(capacity);
      this.type = type;
      this.elements = forType(type.elementType(), capacity * 4);
      this.offsets = new int[nulls.length + 1];
    }

    /** The element builder; after appending a row's elements to it, call {@link #endArray()}. */
    public VectorBuilder elements() {
      return elements;
    }

    /** Closes an array whose elements were appended to {@link #elements()} since the last row. */
    public void endArray() {
      ensureCapacity(size + 1);
      offsets[++size] = elements.size();
    }

    @Override
    protected void appendDefault() {
      offsets[size + 1] = elements.size();
    }

    @Override
    protected void appendValue(Object value) {
      for (Object e : (List<?>) value) {
        elements.append(e);
      }
      offsets[size + 1] = elements.size();
    }

    @Override
    protected void appendFromVector(ColumnVector source, int row) {
      ArrayVector a = (ArrayVector) source;
      for (int i = a.start(row), end = i + a.length(row); i < end; i++) {
        elements.appendFrom(a.elements(), i);
      }
      offsets[size + 1] = elements.size();
    }

    @Override
    protected void growValues(int capacity) {
      offsets = java.util.Arrays.copyOf(offsets, capacity + 1);
    }

    @Override
    public ColumnVector build() {
      return new ArrayVector(type, offsets, elements.build(), finalNulls(), size);
    }
  }

  /**
   * Builds maps: append a {@link java.util.Map} per row (entries in its iteration order), or append a row's keys and
   * values to {@link #keys()} and {@link #values()} and call {@link #endMap()}. Keys are not checked here: the
   * expressions that build maps reject null and duplicate keys.
   */
  public static final class Maps extends VectorBuilder {
    private final io.ember.core.types.MapType type;
    private final VectorBuilder keys;
    private final VectorBuilder values;
    private int[] offsets;

    Maps(io.ember.core.types.MapType type, int capacity) {
      super(capacity);
      this.type = type;
      this.keys = forType(type.keyType(), capacity * 2);
      this.values = forType(type.valueType(), capacity * 2);
      this.offsets = new int[nulls.length + 1];
    }

    public VectorBuilder keys() {
      return keys;
    }

    public VectorBuilder values() {
      return values;
    }

    /** Closes a map whose entries were appended to {@link #keys()} and {@link #values()} since the last row. */
    public void endMap() {
      ensureCapacity(size + 1);
      offsets[++size] = keys.size();
    }

    @Override
    protected void appendDefault() {
      offsets[size + 1] = keys.size();
    }

    @Override
    protected void appendValue(Object value) {
      for (java.util.Map.Entry<?, ?> e : ((java.util.Map<?, ?>) value).entrySet()) {
        keys.append(e.getKey());
        values.append(e.getValue());
      }
      offsets[size + 1] = keys.size();
    }

    @Override
    protected void appendFromVector(ColumnVector source, int row) {
      MapVector m = (MapVector) source;
      for (int i = m.start(row), end = i + m.length(row); i < end; i++) {
        keys.appendFrom(m.keys(), i);
        values.appendFrom(m.values(), i);
      }
      offsets[size + 1] = keys.size();
    }

    @Override
    protected void growValues(int capacity) {
      offsets = java.util.Arrays.copyOf(offsets, capacity + 1);
    }

    @Override
    public ColumnVector build() {
      return new MapVector(type, offsets, keys.build(), values.build(), finalNulls(), size);
    }
  }

  /** Builds structs: append a {@link Row} per row. */
  public static final class Structs extends VectorBuilder {
    private final StructType type;
    private final VectorBuilder[] children;

    Structs(StructType type, int capacity) {
      super(capacity);
      this.type = type;
      this.children = new VectorBuilder[type.size()];
      for (int f = 0; f < children.length; f++) {
        children[f] = forType(type.field(f).dataType(), capacity);
      }
    }

    @Override
    protected void appendDefault() {
      for (VectorBuilder c : children) {
        c.appendNull();
      }
    }

    @Override
    protected void appendValue(Object value) {
      Row r = (Row) value;
      for (int f = 0; f < children.length; f++) {
        children[f].append(r.get(f));
      }
    }

    @Override
    protected void appendFromVector(ColumnVector source, int row) {
      StructVector s = (StructVector) source;
      for (int f = 0; f < children.length; f++) {
        children[f].appendFrom(s.child(f), row);
      }
    }

    @Override
    protected void growValues(int capacity) {}

    @Override
    public ColumnVector build() {
      ColumnVector[] built = new ColumnVector[children.length];
      for (int f = 0; f < children.length; f++) {
        built[f] = children[f].build();
      }
      return new StructVector(type, built, finalNulls(), size);
    }
  }

  /** Builds the all-null vector of the null type. */
  static final class Nulls extends VectorBuilder {
    Nulls(int capacity) {
      super(capacity);
    }

    @Override
    protected void appendDefault() {}

    @Override
    protected void appendValue(Object value) {
      throw new IllegalArgumentException("The null type holds only nulls, not " + value);
    }

    @Override
    protected void appendFromVector(ColumnVector source, int row) {}

    @Override
    protected void growValues(int capacity) {}

    @Override
    public ColumnVector build() {
      return new NullVector(size);
    }
  }
}
