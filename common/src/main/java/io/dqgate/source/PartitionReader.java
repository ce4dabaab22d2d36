package io.dqgate.source;

import io.dqgate.BadConfigException;
import io.dqgate.DqgateException;
import io.dqgate.MissingPartitionException;
import io.dqgate.UnreadableInputException;
import io.dqgate.config.SourceFormat;
import io.dqgate.config.SourceSpec;
import io.dqgate.files.PartitionFiles;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Reads one day's partition of a source on any Hadoop file system. Text formats are read with every
 * column as a string, so date and number formats can be checked on the raw values. Fails with a
 * one-line {@link DqgateException} for a missing folder or partition, before Spark scans anything.
 */
public final class PartitionReader {
  /** Column Spark adds for lines it cannot parse; file checks count those, profiling ignores them. */
  public static final String CORRUPT_RECORD = "_corrupt_record";

  private final SparkSession spark;

  public PartitionReader(SparkSession spark) {
    this.spark = spark;
  }

  public SourcePartition read(SourceSpec source, LocalDate date) {
    Path root = new Path(source.path());
    FileSystem fs = fileSystem(root);
    requireExists(fs, root, BadConfigException::new, "source.path: folder not found: " + source.path());
    if (source.partitionColumn().isPresent()) {
      return readTablePartition(source, date, source.partitionColumn().get());
    }
    String location = source.partitionPath(date);
    Path partition = new Path(location);
    requireExists(fs, partition, MissingPartitionException::new,
        "no partition for " + date + ": " + location + " not found");
    Dataset<Row> rows = reader(source).load(dataFiles(fs, partition, date));
    requireTextHeader(source, rows, location);
    return new SourcePartition(dropCorruptRecordColumn(rows), location);
  }

  /** At most this many days share one scan; more would make the per-row day lookup a long CASE. */
  static final int MAX_DAYS_PER_SCAN = 400;

  /**
   * Many days' partition folders as one scan (one file listing, one plan, one task binary), each row tagged
   * with its day (yyyy-MM-dd) in {@code dayColumn}, taken from the folder of the file it came from. Empty
   * when the days cannot share a scan: table partitions (partition-column), days whose schemas differ (a
   * CSV header that changed, say), or more than {@link #MAX_DAYS_PER_SCAN} days; the caller then unions
   * the days. Rows whose file matches no day's folder are tagged {@code "?"} for the caller to reject.
   */
  public java.util.Optional<Dataset<Row>> readDaysInOneScan(SourceSpec source,
      Map<LocalDate, SourcePartition> partitions, String dayColumn) {
    if (source.partitionColumn().isPresent() || partitions.size() < 2 || partitions.size() > MAX_DAYS_PER_SCAN) {
      return java.util.Optional.empty();
    }
    org.apache.spark.sql.types.StructType schema = null;
    for (SourcePartition p : partitions.values()) {
      if (schema == null) {
        schema = p.rows().schema();
      } else if (!schema.equals(p.rows().schema())) {
        return java.util.Optional.empty();
      }
    }
    Map<String, LocalDate> prefixes = new LinkedHashMap<>();
    for (Map.Entry<LocalDate, SourcePartition> e : partitions.entrySet()) {
      Path location = new Path(e.getValue().location());
      prefixes.put(asSparkFilePath(fileSystem(location).makeQualified(location)), e.getKey());
    }
    List<String> files = new java.util.ArrayList<>();
    for (Map.Entry<LocalDate, SourcePartition> e : partitions.entrySet()) {
      Path location = new Path(e.getValue().location());
      files.addAll(Arrays.asList(dataFiles(fileSystem(location), location, e.getKey())));
    }
    Dataset<Row> all = dropCorruptRecordColumn(reader(source).load(files.toArray(String[]::new)));
    if (!schema.equals(all.schema())) {
      return java.util.Optional.empty();
    }
    Column file = functions.col("_metadata.file_path");
    Column day = null;
    for (Map.Entry<String, LocalDate> e : prefixes.entrySet()) {
      String prefix = e.getKey().endsWith("/") ? e.getKey() : e.getKey() + "/";
      Column match = file.startsWith(prefix);
      Column value = functions.lit(e.getValue().toString());
      day = day == null ? functions.when(match, value) : day.when(match, value);
    }
    return java.util.Optional.of(all.withColumn(dayColumn, day.otherwise(functions.lit("?"))));
  }

  /** A path as {@code _metadata.file_path} spells it: URL-encoded, no empty authority (file:/tmp, not file:///tmp). */
  static String asSparkFilePath(Path qualified) {
    java.net.URI uri = qualified.toUri();
    if (uri.getAuthority() != null && !uri.getAuthority().isEmpty()) {
      return uri.toString();
    }
    try {
      return new java.net.URI(uri.getScheme(), null, uri.getPath(), null).toString();
    } catch (java.net.URISyntaxException e) {
      return uri.toString();
    }
  }

  /** Reads one folder (a training snapshot, say) in the source's format, as if it were a partition. */
  public SourcePartition readFolder(SourceSpec source, String folder) {
    Path path = new Path(folder);
    FileSystem fs = fileSystem(path);
    requireExists(fs, path, BadConfigException::new, "--reference: folder not found: " + folder);
    Dataset<Row> rows = reader(source).load(dataFiles(fs, path, null));
    requireTextHeader(source, rows, folder);
    return new SourcePartition(dropCorruptRecordColumn(rows), folder);
  }

  private SourcePartition readTablePartition(SourceSpec source, LocalDate date, String column) {
    Dataset<Row> table = reader(source).load(source.path());
    StructField field = Arrays.stream(table.schema().fields())
        .filter(f -> f.name().equals(column))
        .findFirst()
        .orElseThrow(() -> new BadConfigException("source.partition-column: column \"" + column + "\" not found in "
            + source.path() + " (columns: " + String.join(", ", table.columns()) + ")"));
    Column matches = matchesDate(functions.col(column), field.dataType(), date);
    Dataset<Row> rows = table.where(matches).drop(column);
    return new SourcePartition(dropCorruptRecordColumn(rows), source.path() + " where " + column + " = " + date);
  }

  private static Column matchesDate(Column column, DataType type, LocalDate date) {
    if (type.equals(DataTypes.DateType)) {
      return column.equalTo(functions.lit(java.sql.Date.valueOf(date)));
    }
    if (type.equals(DataTypes.TimestampType)) {
      return functions.to_date(column).equalTo(functions.lit(java.sql.Date.valueOf(date)));
    }
    if (type.equals(DataTypes.IntegerType) || type.equals(DataTypes.LongType)) {
      return column.equalTo(functions.lit(Long.parseLong(date.toString().replace("-", ""))));
    }
    return column.cast(DataTypes.StringType).equalTo(functions.lit(date.toString()));
  }

  private DataFrameReader reader(SourceSpec source) {
    Map<String, String> options = new LinkedHashMap<>();
    SourceFormat format = source.format();
    switch (format) {
      case CSV, TSV -> {
        options.put("header", "true");
        options.put("inferSchema", "false");
        options.put("mode", "PERMISSIVE");
        if (format == SourceFormat.TSV) {
          options.put("sep", "\t");
        }
      }
      case JSON -> options.put("mode", "PERMISSIVE");
      default -> { }
    }
    options.putAll(source.options());
    String sparkFormat = format == SourceFormat.TSV ? "csv" : format.label();
    return spark.read().format(sparkFormat).options(options);
  }

  private static Dataset<Row> dropCorruptRecordColumn(Dataset<Row> rows) {
    return Arrays.asList(rows.columns()).contains(CORRUPT_RECORD) ? rows.drop(CORRUPT_RECORD) : rows;
  }

  private FileSystem fileSystem(Path path) {
    try {
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UnreadableInputException("source.path: cannot open file system of " + path + ": " + e.getMessage(),
          e);
    }
  }

  private static void requireExists(FileSystem fs, Path path,
      java.util.function.Function<String, ? extends DqgateException> missing, String message) {
    try {
      if (!fs.exists(path)) {
        throw missing.apply(message);
      }
    } catch (IOException e) {
      throw new UnreadableInputException(message + " (" + e.getMessage() + ")", e);
    }
  }

  /**
   * The partition's data files as check-files counts them ({@link PartitionFiles}: subfolders included,
   * hidden files and checksum sidecars left out), so profile reads exactly the files that were checked.
   * A folder with none, or with only empty files, has no data to profile.
   */
  private static String[] dataFiles(FileSystem fs, Path partition, LocalDate date) {
    String what = date == null ? "folder" : "partition for " + date;
    try {
      if (fs.getFileStatus(partition).isFile()) {
        return new String[] {partition.toString()};
      }
      List<Path> files = PartitionFiles.list(fs, partition, null, null);
      if (files.isEmpty()) {
        String message = what + " is empty: no data files in " + partition;
        throw date == null ? new BadConfigException(message) : new MissingPartitionException(message);
      }
      List<String> empty = new java.util.ArrayList<>();
      for (Path f : files) {
        if (fs.getFileStatus(f).getLen() == 0) {
          empty.add(f.getName());
        }
      }
      if (empty.size() == files.size()) {
        throw new MissingPartitionException(what + " has no data: every file in " + partition + " is empty (0 bytes): "
            + String.join(", ", empty.subList(0, Math.min(5, empty.size()))) + (empty.size() > 5 ? ", ..." : ""));
      }
      return files.stream().map(Path::toString).toArray(String[]::new);
    } catch (IOException e) {
      throw new UnreadableInputException("cannot list partition " + partition + ": " + e.getMessage(), e);
    }
  }

  /** A binary file read as CSV gives "column names" of raw bytes; say so instead of printing them. */
  private static void requireTextHeader(SourceSpec source, Dataset<Row> rows, String location) {
    if (source.format() != SourceFormat.CSV && source.format() != SourceFormat.TSV) {
      return;
    }
    String[] columns = rows.columns();
    for (int i = 0; i < columns.length; i++) {
      if (columns[i].codePoints().anyMatch(cp -> cp == 0xFFFD || Character.isISOControl(cp) && cp != '\t')) {
        throw new UnreadableInputException(location + ": the header is not text (column " + (i + 1) + " holds control "
            + "characters or bytes that are not UTF-8): a binary file, or another encoding?");
      }
    }
  }
}
