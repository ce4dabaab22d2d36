package io.dqgate.profile;

import java.io.Serializable;
import java.util.Optional;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.EvalMode$;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.GetTimestamp;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.StringTrim;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Text values read as the row kernel's projection reads them, for the columnar scan, which sees the raw
 * text: a number as {@code try_cast(trim(text) as double)}, a day as {@code to_date(try_to_timestamp(text,
 * format))}, both Spark's own expressions evaluated on the one value. A day in a format made only of
 * {@code yyyy}, {@code MM}, {@code dd} and separators is read directly when the text is a valid date in
 * exactly that shape (Spark's parser gives the same day for it); any other text goes to Spark's parser.
 */
final class TextValues implements Serializable {
  private static final long serialVersionUID = 1L;
  /** What {@link #day} returns for a text without a day. */
  static final int NO_DAY = Integer.MIN_VALUE;

  private final String zone;
  private final String format;
  private final String swappedFormat;
  /** Per character of the format: 'y', 'M', 'd' for a digit of that field, 0 for a literal; null: no fast path. */
  private final char[] shape;
  private transient Expression number;
  private transient Expression timestamp;
  private transient Expression swappedTimestamp;
  private transient GenericInternalRow row;
  private transient java.time.ZoneId zoneId;

  TextValues(String zone, Optional<String> format, Optional<String> swappedFormat) {
    this.zone = zone;
    this.format = format.orElse(null);
    this.swappedFormat = swappedFormat.orElse(null);
    this.shape = this.format == null ? null : shapeOf(this.format);
  }

  /** The digit positions of a format of yyyy, MM and dd (each once) and non-letter separators; else null. */
  static char[] shapeOf(String format) {
    char[] out = new char[format.length()];
    int fields = 0;
    for (int k = 0; k < format.length(); ) {
      char ch = format.charAt(k);
      int width = ch == 'y' ? 4 : ch == 'M' || ch == 'd' ? 2 : 0;
      if (width > 0) {
        if (k + width > format.length() || !format.substring(k, k + width).equals(String.valueOf(ch).repeat(width))
            || k + width < format.length() && format.charAt(k + width) == ch) {
          return null;
        }
        for (int j = 0; j < width; j++) {
          out[k + j] = ch;
        }
        fields++;
        k += width;
      } else if (Character.isLetter(ch) || ch == '\'' || ch == '[' || ch == ']' || ch == '#' || ch == '{') {
        return null;
      } else {
        out[k++] = 0;
      }
    }
    return fields == 3 && new String(out).indexOf('y') >= 0 && new String(out).indexOf('M') >= 0
        && new String(out).indexOf('d') >= 0 ? out : null;
  }

  /** {@code try_cast(trim(text) as double)}; null when the text is not a number. */
  Double number(UTF8String text) {
    if (number == null) {
      number = new Cast(new StringTrim(new BoundReference(0, DataTypes.StringType, true), scala.Option.empty()),
          DataTypes.DoubleType, scala.Option.apply(zone), EvalMode$.MODULE$.TRY());
    }
    return (Double) number.eval(rowOf(text));
  }

  /** The text's day (epoch day) in the format, or {@link #NO_DAY}. */
  int day(UTF8String text) {
    int direct = shape == null ? NO_DAY : direct(text);
    if (direct != NO_DAY) {
      return direct;
    }
    if (timestamp == null) {
      timestamp = timestampOf(format);
    }
    Object micros = timestamp.eval(rowOf(text));
    return micros == null ? NO_DAY : DateTimeUtils.microsToDays((Long) micros, zoneId());
  }

  /** Whether a text without a day in the format has one with day and month swapped. */
  boolean swapped(UTF8String text) {
    if (swappedTimestamp == null) {
      swappedTimestamp = timestampOf(swappedFormat);
    }
    return swappedTimestamp.eval(rowOf(text)) != null;
  }

  private int direct(UTF8String text) {
    if (text.numBytes() != shape.length) {
      return NO_DAY;
    }
    Object base = text.getBaseObject();
    long offset = text.getBaseOffset();
    int year = 0;
    int month = 0;
    int day = 0;
    for (int k = 0; k < shape.length; k++) {
      int b = org.apache.spark.unsafe.Platform.getByte(base, offset + k);
      char field = shape[k];
      if (field == 0) {
        if (b != format.charAt(k)) {
          return NO_DAY;
        }
        continue;
      }
      if (b < '0' || b > '9') {
        return NO_DAY;
      }
      int digit = b - '0';
      if (field == 'y') {
        year = year * 10 + digit;
      } else if (field == 'M') {
        month = month * 10 + digit;
      } else {
        day = day * 10 + digit;
      }
    }
    if (year < 1000 || month < 1 || month > 12 || day < 1
        || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return NO_DAY;
    }
    return (int) java.time.LocalDate.of(year, month, day).toEpochDay();
  }

  private Expression timestampOf(String pattern) {
    return new GetTimestamp(new BoundReference(0, DataTypes.StringType, true), Literal.create(pattern,
        DataTypes.StringType), DataTypes.TimestampType, scala.Option.apply(zone), false);
  }

  private java.time.ZoneId zoneId() {
    if (zoneId == null) {
      zoneId = DateTimeUtils.getZoneId(zone);
    }
    return zoneId;
  }

  private GenericInternalRow rowOf(UTF8String text) {
    if (row == null) {
      row = new GenericInternalRow(1);
    }
    row.update(0, text);
    return row;
  }
}
