package io.dqgate.files;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.TypeDescription;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Row count and top-level schema from a Parquet or ORC footer, with Spark's simple type names ("int",
 * "bigint", "string", "decimal(10,2)", "array&lt;string&gt;", "struct&lt;a:int&gt;" ...). Reads only the
 * footer; the file's bytes are hashed by a separate sequential read.
 */
final class ColumnarFooterReader {
  private ColumnarFooterReader() {}

  /** A readable footer: rows and the top-level fields in schema order. */
  record Footer(long rows, List<String> columns, Map<String, String> types) {}

  static Footer parquet(FileSystem fs, Path path) throws IOException {
    HadoopInputFile file = HadoopInputFile.fromPath(fs.makeQualified(path), fs.getConf());
    try (ParquetFileReader reader = ParquetFileReader.open(file)) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      Map<String, String> types = new LinkedHashMap<>();
      for (Type field : schema.getFields()) {
        types.put(field.getName(), parquetType(field));
      }
      return new Footer(reader.getRecordCount(), new ArrayList<>(types.keySet()), types);
    }
  }

  static Footer orc(FileSystem fs, Path path) throws IOException {
    try (Reader reader = OrcFile.createReader(path, OrcFile.readerOptions(fs.getConf()).filesystem(fs))) {
      TypeDescription schema = reader.getSchema();
      Map<String, String> types = new LinkedHashMap<>();
      if (schema.getCategory() == TypeDescription.Category.STRUCT) {
        List<String> names = schema.getFieldNames();
        for (int i = 0; i < names.size(); i++) {
          types.put(names.get(i), schema.getChildren().get(i).toString());
        }
      } else {
        types.put("value", schema.toString()); // a non-struct root: Spark names the single column "value"
      }
      return new Footer(reader.getNumberOfRows(), new ArrayList<>(types.keySet()), types);
    }
  }

  static String parquetType(Type type) {
    String name = type.isPrimitive() ? primitive(type.asPrimitiveType()) : group(type.asGroupType());
    // A repeated field outside a LIST/MAP annotation is Spark's legacy array.
    return type.isRepetition(Type.Repetition.REPEATED) ? "array<" + name + ">" : name;
  }

  private static String primitive(PrimitiveType type) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
      return "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
    }
    return switch (type.getPrimitiveTypeName()) {
      case BOOLEAN -> "boolean";
      case INT32 -> int32(logical);
      case INT64 -> int64(logical);
      case INT96 -> "timestamp";
      case FLOAT -> "float";
      case DOUBLE -> "double";
      case BINARY -> logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
          || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
          || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation ? "string" : "binary";
      case FIXED_LEN_BYTE_ARRAY -> "binary";
    };
  }

  private static String int32(LogicalTypeAnnotation logical) {
    if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
      return "date";
    }
    if (logical instanceof IntLogicalTypeAnnotation integer) {
      int bits = integer.getBitWidth();
      if (!integer.isSigned()) {
        return bits == 8 ? "smallint" : bits == 16 ? "int" : "bigint";
      }
      return bits == 8 ? "tinyint" : bits == 16 ? "smallint" : "int";
    }
    return "int";
  }

  private static String int64(LogicalTypeAnnotation logical) {
    if (logical instanceof TimestampLogicalTypeAnnotation timestamp) {
      return timestamp.isAdjustedToUTC() ? "timestamp" : "timestamp_ntz";
    }
    if (logical instanceof IntLogicalTypeAnnotation integer && !integer.isSigned()) {
      return "decimal(20,0)";
    }
    return "bigint";
  }

  private static String group(GroupType group) {
    LogicalTypeAnnotation logical = group.getLogicalTypeAnnotation();
    if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && group.getFieldCount() == 1) {
      Type repeated = group.getType(0);
      // Three-level list: repeated group list { element }; older two-level forms repeat the element itself.
      Type element = !repeated.isPrimitive() && repeated.asGroupType().getFieldCount() == 1
          && !repeated.getName().equals("array") && !repeated.getName().endsWith("_tuple")
          ? repeated.asGroupType().getType(0) : repeated;
      return "array<" + (element == repeated ? elementOf(repeated) : parquetType(element)) + ">";
    }
    if ((logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
        && group.getFieldCount() == 1 && !group.getType(0).isPrimitive()
        && group.getType(0).asGroupType().getFieldCount() == 2) {
      GroupType keyValue = group.getType(0).asGroupType();
      return "map<" + parquetType(keyValue.getType(0)) + "," + parquetType(keyValue.getType(1)) + ">";
    }
    StringJoiner struct = new StringJoiner(",", "struct<", ">");
    for (Type field : group.getFields()) {
      struct.add(field.getName() + ":" + parquetType(field));
    }
    return struct.toString();
  }

  /** The type of a repeated field standing for the list's element (not wrapped in array&lt;&gt; again). */
  private static String elementOf(Type repeated) {
    return repeated.isPrimitive() ? primitive(repeated.asPrimitiveType()) : group(repeated.asGroupType());
  }
}
