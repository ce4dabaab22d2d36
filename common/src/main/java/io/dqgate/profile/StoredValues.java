package io.dqgate.profile;

import io.dqgate.profile.VectorColumns.Stored;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.unsafe.types.UTF8String;

/** A value in a column vector as the kernel reads it for each type it is stored as: hash, number, text. */
final class StoredValues {
  private StoredValues() {}

  /** How a column of this type is stored in a vector, or null when the columnar path does not read it. */
  static Stored of(DataType type) {
    if (type instanceof StringType) {
      return Stored.STRING;
    } else if (type instanceof BooleanType) {
      return Stored.BOOLEAN;
    } else if (type instanceof ByteType) {
      return Stored.BYTE;
    } else if (type instanceof ShortType) {
      return Stored.SHORT;
    } else if (type instanceof IntegerType) {
      return Stored.INT;
    } else if (type instanceof LongType) {
      return Stored.LONG;
    } else if (type instanceof FloatType) {
      return Stored.FLOAT;
    } else if (type instanceof DoubleType) {
      return Stored.DOUBLE;
    } else if (type instanceof DecimalType) {
      return Stored.DECIMAL;
    } else if (type instanceof DateType) {
      return Stored.DATE;
    } else if (type instanceof TimestampType) {
      return Stored.TIMESTAMP;
    }
    return null;
  }

  /** The value's xxhash64 as Spark's {@code xxhash64} takes it for its type. */
  static long typedHash(ColumnVector v, int r, Stored type, int precision, int scale) {
    long seed = DayAccumulator.SEED;
    return switch (type) {
      case BOOLEAN -> XXH64.hashInt(v.getBoolean(r) ? 1 : 0, seed);
      case BYTE -> XXH64.hashInt(v.getByte(r), seed);
      case SHORT -> XXH64.hashInt(v.getShort(r), seed);
      case INT, DATE -> XXH64.hashInt(v.getInt(r), seed);
      case LONG, TIMESTAMP -> XXH64.hashLong(v.getLong(r), seed);
      case FLOAT -> {
        float f = v.getFloat(r);
        yield XXH64.hashInt(Float.floatToIntBits(f == -0.0f ? 0.0f : f), seed);
      }
      case DOUBLE -> DayAccumulator.doubleHash(v.getDouble(r));
      case DECIMAL -> {
        org.apache.spark.sql.types.Decimal d = v.getDecimal(r, precision, scale);
        if (precision <= org.apache.spark.sql.types.Decimal.MAX_LONG_DIGITS()) {
          yield XXH64.hashLong(d.toUnscaledLong(), seed);
        }
        byte[] bytes = d.toJavaBigDecimal().unscaledValue().toByteArray();
        yield XXH64.hashUnsafeBytes(bytes, org.apache.spark.unsafe.Platform.BYTE_ARRAY_OFFSET, bytes.length, seed);
      }
      case STRING -> throw new IllegalStateException("a string column is read by addStrings");
    };
  }

  /** Whether {@code cast(value as double)} tells the value apart from every other value of its type. */
  static boolean exactAsDouble(ColumnVector v, int r, Stored type) {
    return switch (type) {
      case BOOLEAN, BYTE, SHORT, INT, FLOAT, DOUBLE -> true;
      case LONG -> {
        long x = v.getLong(r);
        yield x >= -(1L << 53) && x <= 1L << 53;
      }
      default -> false;
    };
  }

  /** {@code cast(value as double)}. */
  static double asDouble(ColumnVector v, int r, Stored type, int precision, int scale) {
    return switch (type) {
      case BOOLEAN -> v.getBoolean(r) ? 1.0 : 0.0;
      case BYTE -> v.getByte(r);
      case SHORT -> v.getShort(r);
      case INT -> v.getInt(r);
      case LONG -> v.getLong(r);
      case FLOAT -> v.getFloat(r);
      case DOUBLE -> v.getDouble(r);
      case DECIMAL -> v.getDecimal(r, precision, scale).toDouble();
      case DATE, TIMESTAMP, STRING -> throw new IllegalStateException("not read as a number: " + type);
    };
  }

  /** {@code cast(value as string)} for the types a categorical column is read from ({@link #categoricalType}). */
  static UTF8String asText(ColumnVector v, int r, Stored type) {
    return switch (type) {
      case BOOLEAN -> UTF8String.fromString(Boolean.toString(v.getBoolean(r)));
      case BYTE -> UTF8String.fromString(Byte.toString(v.getByte(r)));
      case SHORT -> UTF8String.fromString(Short.toString(v.getShort(r)));
      case INT -> UTF8String.fromString(Integer.toString(v.getInt(r)));
      case LONG -> UTF8String.fromString(Long.toString(v.getLong(r)));
      default -> throw new IllegalStateException("not read as a category: " + type);
    };
  }

  /** Whether a non-text categorical column of this storage is read here (its text is plain Java's). */
  static boolean categoricalType(Stored type) {
    return type == Stored.BOOLEAN || type == Stored.BYTE || type == Stored.SHORT || type == Stored.INT
        || type == Stored.LONG;
  }
}
