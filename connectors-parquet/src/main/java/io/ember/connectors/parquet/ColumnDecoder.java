package io.ember.connectors.parquet;

import io.ember.core.data.VectorBuilder;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DecimalType;
import io.ember.core.types.DoubleType;
import io.ember.core.types.LongType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Decodes the values of one flat Parquet column, row after row, straight into an Ember {@link VectorBuilder}: a value
 * where the definition level is the column's maximum, a null elsewhere. One loop per (physical type, target type)
 * pair, chosen once per file. Besides the exact mapping of {@link ParquetSchemas}, a file column may be read as a
 * wider type (int as long or double, long as double, a decimal of smaller precision), as Spark's type widening.
 */
final class ColumnDecoder {
  /** Julian day number of 1970-01-01, for INT96 timestamps. */
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private enum Kind { BOOLEAN, INT, INT_AS_LONG, UINT_AS_LONG, INT_AS_DOUBLE, LONG, LONG_AS_DOUBLE, MILLIS, NANOS,
    INT96, FLOAT, DOUBLE, BYTES, DECIMAL_INT, DECIMAL_LONG, DECIMAL_BINARY }

  private final Kind kind;
  private final int maxDefinition;
  /** The scale of a decimal column's unscaled values in the file (the builder rescales to the target's). */
  private final int fileScale;

  private ColumnDecoder(Kind kind, int maxDefinition, int fileScale) {
    this.kind = kind;
    this.maxDefinition = maxDefinition;
    this.fileScale = fileScale;
  }

  /**
   * The decoder reading {@code column} of a file as {@code target}.
   *
   * @throws EmberRuntimeException {@code FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH} naming the file and column
   *     when the column cannot be read as {@code target}
   */
  static ColumnDecoder of(PrimitiveType column, int maxDefinition, DataType target, String file) {
    // plain BINARY reads as either string or binary (Kind.BYTES), so binaryAsString does not matter here
    DataType found = ParquetSchemas.toEmber(column, file, false);
    Kind kind = kind(column, found, target);
    if (kind == null) {
      throw new EmberRuntimeException("FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH", "Encountered error while"
          + " reading file " + file + ". Data type mismatches when reading Parquet column [" + column.getName()
          + "]. Expected Spark type " + target.simpleString().toUpperCase(Locale.ROOT) + ", actual Parquet type "
          + column.getPrimitiveTypeName() + (column.getLogicalTypeAnnotation() == null ? ""
          : " (" + column.getLogicalTypeAnnotation() + ")") + ". Read the files with a schema whose type for this"
          + " column matches the files', or set option(\"mergeSchema\", \"true\") to see where they differ.");
    }
    return new ColumnDecoder(kind, maxDefinition, found instanceof DecimalType d ? d.scale() : 0);
  }

  private static Kind kind(PrimitiveType column, DataType found, DataType target) {
    boolean isLongTarget = target instanceof LongType;
    boolean isDoubleTarget = target instanceof DoubleType;
    switch (column.getPrimitiveTypeName()) {
      case BOOLEAN:
        return target.equals(DataTypes.BOOLEAN) ? Kind.BOOLEAN : null;
      case INT32:
        if (found instanceof DecimalType fd) {
          return decimalFits(fd, target) ? Kind.DECIMAL_INT : null;
        } else if (found.equals(DataTypes.LONG)) {
          return isLongTarget ? Kind.UINT_AS_LONG : null;
        } else if (found.equals(target)) {
          return Kind.INT;
        } else if (found.equals(DataTypes.INTEGER)) {
          return isLongTarget ? Kind.INT_AS_LONG : isDoubleTarget ? Kind.INT_AS_DOUBLE : null;
        }
        return null;
      case INT64:
        if (found instanceof DecimalType fd) {
          return decimalFits(fd, target) ? Kind.DECIMAL_LONG : null;
        } else if (found.equals(DataTypes.TIMESTAMP)) {
          if (!target.equals(DataTypes.TIMESTAMP)) {
            return null;
          }
          TimeUnit unit = ParquetSchemas.timestampUnit(column);
          return unit == TimeUnit.MILLIS ? Kind.MILLIS : unit == TimeUnit.NANOS ? Kind.NANOS : Kind.LONG;
        }
        return isLongTarget ? Kind.LONG : isDoubleTarget ? Kind.LONG_AS_DOUBLE : null;
      case INT96:
        return target.equals(DataTypes.TIMESTAMP) ? Kind.INT96 : null;
      case FLOAT:
        return isDoubleTarget ? Kind.FLOAT : null;
      case DOUBLE:
        return isDoubleTarget ? Kind.DOUBLE : null;
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        if (found instanceof DecimalType fd) {
          return decimalFits(fd, target) ? Kind.DECIMAL_BINARY : null;
        }
        return target.equals(DataTypes.STRING) || target.equals(DataTypes.BINARY) ? Kind.BYTES : null;
      default:
        return null;
    }
  }

  /** A decimal column may be read as a decimal with as many integer digits and at least its scale. */
  private static boolean decimalFits(DecimalType found, DataType target) {
    return target instanceof DecimalType t && t.scale() >= found.scale()
        && t.precision() - t.scale() >= found.precision() - found.scale();
  }

  /** Appends the next {@code rows} rows of {@code r} to {@code out}, which is a builder of the target type. */
  void decode(ColumnReader r, VectorBuilder out, int rows) {
    switch (kind) {
      case BOOLEAN -> {
        VectorBuilder.Booleans b = (VectorBuilder.Booleans) out;
        for (int i = 0; i < rows; i++, r.consume()) {
          if (r.getCurrentDefinitionLevel() == maxDefinition) {
            b.appendBoolean(r.getBoolean());
          } else {
            b.appendNull();
          }
        }
      }
      case INT -> {
        VectorBuilder.Ints b = (VectorBuilder.Ints) out;
        for (int i = 0; i < rows; i++, r.consume()) {
          if (r.getCurrentDefinitionLevel() == maxDefinition) {
            b.appendInt(r.getInteger());
          } else {
            b.appendNull();
          }
        }
      }
      case INT_AS_LONG, UINT_AS_LONG, LONG, MILLIS, NANOS, INT96 -> decodeLongs(r, (VectorBuilder.Longs) out, rows);
      case INT_AS_DOUBLE, LONG_AS_DOUBLE, FLOAT, DOUBLE -> decodeDoubles(r, (VectorBuilder.Doubles) out, rows);
      case BYTES -> {
        VectorBuilder.Bytes b = (VectorBuilder.Bytes) out;
        for (int i = 0; i < rows; i++, r.consume()) {
          if (r.getCurrentDefinitionLevel() == maxDefinition) {
            ByteBuffer bytes = r.getBinary().toByteBuffer();
            if (bytes.hasArray()) {
              b.appendBytes(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            } else {
              byte[] copy = new byte[bytes.remaining()];
              bytes.get(copy);
              b.appendBytes(copy, 0, copy.length);
            }
          } else {
            b.appendNull();
          }
        }
      }
      case DECIMAL_INT, DECIMAL_LONG, DECIMAL_BINARY -> decodeDecimals(r, out, rows);
      default -> throw new IllegalStateException("unreachable: " + kind);
    }
  }

  private void decodeLongs(ColumnReader r, VectorBuilder.Longs b, int rows) {
    for (int i = 0; i < rows; i++, r.consume()) {
      if (r.getCurrentDefinitionLevel() != maxDefinition) {
        b.appendNull();
        continue;
      }
      switch (kind) {
        case INT_AS_LONG -> b.appendLong(r.getInteger());
        case UINT_AS_LONG -> b.appendLong(Integer.toUnsignedLong(r.getInteger()));
        case MILLIS -> b.appendLong(Math.multiplyExact(r.getLong(), 1000L));
        case NANOS -> b.appendLong(Math.floorDiv(r.getLong(), 1000L));
        case INT96 -> b.appendLong(int96Micros(r.getBinary()));
        default -> b.appendLong(r.getLong());
      }
    }
  }

  private void decodeDoubles(ColumnReader r, VectorBuilder.Doubles b, int rows) {
    for (int i = 0; i < rows; i++, r.consume()) {
      if (r.getCurrentDefinitionLevel() != maxDefinition) {
        b.appendNull();
        continue;
      }
      switch (kind) {
        case INT_AS_DOUBLE -> b.appendDouble(r.getInteger());
        case LONG_AS_DOUBLE -> b.appendDouble(r.getLong());
        case FLOAT -> b.appendDouble(r.getFloat());
        default -> b.appendDouble(r.getDouble());
      }
    }
  }

  private void decodeDecimals(ColumnReader r, VectorBuilder b, int rows) {
    for (int i = 0; i < rows; i++, r.consume()) {
      if (r.getCurrentDefinitionLevel() != maxDefinition) {
        b.appendNull();
        continue;
      }
      BigInteger unscaled = switch (kind) {
        case DECIMAL_INT -> BigInteger.valueOf(r.getInteger());
        case DECIMAL_LONG -> BigInteger.valueOf(r.getLong());
        default -> new BigInteger(r.getBinary().getBytes());
      };
      b.append(new BigDecimal(unscaled, fileScale));
    }
  }

  /** An INT96 timestamp: nanoseconds of the day then the Julian day, both little-endian. */
  static long int96Micros(Binary value) {
    ByteBuffer buf = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = buf.getLong();
    long julianDay = Integer.toUnsignedLong(buf.getInt());
    return (julianDay - JULIAN_EPOCH_DAY) * MICROS_PER_DAY + nanosOfDay / 1000L;
  }
}
