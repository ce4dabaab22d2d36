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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
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
    String[] files = dataFiles(fs, partition, date);
    return new SourcePartition(() -> {
      Dataset<Row> rows = reader(source, partition).load(files);
      requireTextHeader(source, rows, location);
      return dropCorruptRecordColumn(rows);
    }, location);
  }

  /**
   * The reader, given the Spark schema Spark wrote into the footers of a Parquet folder's files when they
   * all agree on it: Spark would otherwise run a job to read one footer for it.
   */
  private DataFrameReader reader(SourceSpec source, Path folder) {
    DataFrameReader reader = reader(source);
    if (source.format() != SourceFormat.PARQUET) {
      return reader;
    }
    java.util.Set<String> declared = new java.util.HashSet<>();
    org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
    for (FileStatus f : dataFileStatuses(folder)) {
      try (org.apache.parquet.hadoop.ParquetFileReader footer = org.apache.parquet.hadoop.ParquetFileReader.open(
          org.apache.parquet.hadoop.util.HadoopInputFile.fromStatus(f, conf))) {
        declared.add(footer.getFooter().getFileMetaData().getKeyValueMetaData().get(SPARK_PARQUET_SCHEMA));
      } catch (IOException | RuntimeException e) {
        return reader; // Spark's own read will name the file
      }
    }
    if (declared.size() != 1 || declared.contains(null)) {
      return reader;
    }
    return reader.schema((org.apache.spark.sql.types.StructType)
        org.apache.spark.sql.types.DataType.fromJson(declared.iterator().next()));
  }

  /** Where Spark's Parquet writer keeps the row schema in a file's footer. */
  static final String SPARK_PARQUET_SCHEMA = "org.apache.spark.sql.parquet.row.metadata";

  /** At most this many days share one scan. */
  static final int MAX_DAYS_PER_SCAN = 400;
  /**
   * Metadata key of the day column of a scan of many days: a JSON object from each day's folder (as
   * {@link #asSparkFilePath} spells it, with a trailing slash) to the day, so that a reader of the rows
   * can take the day from the file being read instead of evaluating the column row by row.
   */
  public static final String FOLDER_DAYS = "dqgate.folder_days";

  /**
   * Many days' partition folders as one scan (one file listing, one plan, one task binary), each row tagged
   * with its day (yyyy-MM-dd) in {@code dayColumn}, taken from the folder of the file it came from. Empty
   * when the days cannot share a scan: table partitions (partition-column), days whose schemas differ (see
   * {@link #readDaysGroupedBySchema}), or more than {@link #MAX_DAYS_PER_SCAN} days. Rows whose file
   * matches no day's folder are tagged {@code "?"} for the caller to reject.
   */
  public java.util.Optional<Dataset<Row>> readDaysInOneScan(SourceSpec source,
      Map<LocalDate, SourcePartition> partitions, String dayColumn) {
    if (source.partitionColumn().isPresent() || partitions.size() < 2) {
      return java.util.Optional.empty();
    }
    if (partitions.size() > MAX_DAYS_PER_SCAN || bySchema(source, partitions).size() > 1) {
      return java.util.Optional.empty(); // the caller's profiler then reads one scan per schema
    }
    return java.util.Optional.of(readDaysGroupedBySchema(source, partitions, dayColumn).get(0).rows());
  }

  /** The days grouped by what decides their schema ({@link #schemaKey}), in day order within a group. */
  private Map<Object, java.util.TreeMap<LocalDate, SourcePartition>> bySchema(SourceSpec source,
      Map<LocalDate, SourcePartition> partitions) {
    Map<Object, java.util.TreeMap<LocalDate, SourcePartition>> out = new LinkedHashMap<>();
    new java.util.TreeMap<>(partitions).forEach((day, p) ->
        out.computeIfAbsent(schemaKey(source, p), k -> new java.util.TreeMap<>()).put(day, p));
    return out;
  }

  /** Days that share a schema, read in one scan with their day in the day column. */
  public record DayScan(java.util.SortedMap<LocalDate, SourcePartition> days, Dataset<Row> rows) {}

  /**
   * The days grouped by schema, each group one scan (at most {@link #MAX_DAYS_PER_SCAN} days), in order
   * of their first day. A CSV schema is its header line, read from each data file (days whose files all
   * start with the same header share a scan: a year of a feed whose header changed twice is three scans);
   * JSON days share one scan (their schema is inferred over all of them); Parquet and ORC days are grouped
   * by the schema of their files. Table partitions (partition-column) are one union of the days' scans.
   */
  public List<DayScan> readDaysGroupedBySchema(SourceSpec source, Map<LocalDate, SourcePartition> partitions,
      String dayColumn) {
    java.util.TreeMap<LocalDate, SourcePartition> ordered = new java.util.TreeMap<>(partitions);
    List<DayScan> out = new ArrayList<>();
    if (source.partitionColumn().isPresent()) {
      // one table, one schema: the days' filtered scans as one union
      Dataset<Row> union = null;
      for (Map.Entry<LocalDate, SourcePartition> e : ordered.entrySet()) {
        Dataset<Row> day = e.getValue().rows().withColumn(dayColumn, functions.lit(e.getKey().toString()));
        union = union == null ? day : union.unionByName(day);
      }
      out.add(new DayScan(ordered, union));
      return out;
    }
    for (java.util.TreeMap<LocalDate, SourcePartition> group : bySchema(source, ordered).values()) {
      java.util.TreeMap<LocalDate, SourcePartition> chunk = new java.util.TreeMap<>();
      for (Map.Entry<LocalDate, SourcePartition> e : group.entrySet()) {
        if (chunk.size() == MAX_DAYS_PER_SCAN) {
          out.add(scanOf(source, chunk, dayColumn));
          chunk = new java.util.TreeMap<>();
        }
        chunk.put(e.getKey(), e.getValue());
      }
      out.add(scanOf(source, chunk, dayColumn));
    }
    out.sort(java.util.Comparator.comparing(g -> g.days().firstKey()));
    return out;
  }

  private DayScan scanOf(SourceSpec source, java.util.TreeMap<LocalDate, SourcePartition> days, String dayColumn) {
    java.util.TreeMap<LocalDate, SourcePartition> copy = new java.util.TreeMap<>(days);
    if (copy.size() == 1) {
      Map.Entry<LocalDate, SourcePartition> only = copy.firstEntry();
      return new DayScan(copy, only.getValue().rows().withColumn(dayColumn, functions.lit(only.getKey().toString())));
    }
    Map<String, LocalDate> prefixes = new LinkedHashMap<>();
    for (Map.Entry<LocalDate, SourcePartition> e : copy.entrySet()) {
      Path location = new Path(e.getValue().location());
      String prefix = asSparkFilePath(fileSystem(location).makeQualified(location));
      prefixes.put(prefix.endsWith("/") ? prefix : prefix + "/", e.getKey());
    }
    Dataset<Row> all = dropCorruptRecordColumn(reader(source, new Path(copy.firstEntry().getValue().location()))
        .load(copy.values().stream().map(SourcePartition::location).toArray(String[]::new)));
    Column file = functions.col("_metadata.file_path");
    Column day = null;
    com.fasterxml.jackson.databind.node.ObjectNode folderDays =
        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    for (Map.Entry<String, LocalDate> e : prefixes.entrySet()) {
      Column match = file.startsWith(e.getKey());
      Column value = functions.lit(e.getValue().toString());
      day = day == null ? functions.when(match, value) : day.when(match, value);
      folderDays.put(e.getKey(), e.getValue().toString());
    }
    org.apache.spark.sql.types.Metadata metadata = new org.apache.spark.sql.types.MetadataBuilder()
        .putString(FOLDER_DAYS, folderDays.toString()).build();
    return new DayScan(copy, all.withColumn(dayColumn, day.otherwise(functions.lit("?")), metadata));
  }

  /**
   * What decides a day's schema, cheaply: the header lines of a CSV day's files (read from the file
   * system, no Spark job), the files' schema for typed formats, nothing for JSON (inferred over all days).
   */
  private Object schemaKey(SourceSpec source, SourcePartition partition) {
    SourceFormat format = source.format();
    if (format == SourceFormat.JSON) {
      return format;
    }
    if (format == SourceFormat.CSV || format == SourceFormat.TSV) {
      if ("false".equalsIgnoreCase(source.options().getOrDefault("header", "true"))) {
        return format;
      }
      return headerLines(new Path(partition.location()));
    }
    if (format == SourceFormat.PARQUET) {
      return parquetSchemas(new Path(partition.location()));
    }
    return partition.rows().schema();
  }

  /** The distinct schemas in the footers of a folder's Parquet files (Spark would read them with a job). */
  private java.util.SortedSet<String> parquetSchemas(Path folder) {
    java.util.SortedSet<String> out = new java.util.TreeSet<>();
    org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
    for (FileStatus f : dataFileStatuses(folder)) {
      try (org.apache.parquet.hadoop.ParquetFileReader footer = org.apache.parquet.hadoop.ParquetFileReader.open(
          org.apache.parquet.hadoop.util.HadoopInputFile.fromStatus(f, conf))) {
        out.add(footer.getFooter().getFileMetaData().getSchema().toString());
      } catch (IOException | RuntimeException e) {
        // an unreadable file gets a day of its own, whose scan then reports it
        out.add("unreadable " + f.getPath());
      }
    }
    return out;
  }

  /** The data files of a partition folder (or the file itself): not hidden, not markers. */
  private List<FileStatus> dataFileStatuses(Path folder) {
    FileSystem fs = fileSystem(folder);
    try {
      FileStatus status = fs.getFileStatus(folder);
      FileStatus[] files = status.isFile() ? new FileStatus[] {status} : fs.listStatus(folder);
      List<FileStatus> out = new ArrayList<>();
      for (FileStatus f : files) {
        String name = f.getPath().getName();
        if (f.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
          out.add(f);
        }
      }
      return out;
    } catch (IOException e) {
      throw new DqgateException("cannot list partition " + folder + ": " + e.getMessage(), e);
    }
  }

  /** The distinct first lines of the data files of a folder (decompressed), sorted. */
  private java.util.SortedSet<String> headerLines(Path folder) {
    FileSystem fs = fileSystem(folder);
    java.util.SortedSet<String> out = new java.util.TreeSet<>();
    org.apache.hadoop.io.compress.CompressionCodecFactory codecs =
        new org.apache.hadoop.io.compress.CompressionCodecFactory(spark.sparkContext().hadoopConfiguration());
    try {
      for (FileStatus f : dataFileStatuses(folder)) {
        org.apache.hadoop.io.compress.CompressionCodec codec = codecs.getCodec(f.getPath());
        try (java.io.InputStream raw = new java.io.BufferedInputStream(fs.open(f.getPath()));
             java.io.InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
          java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
          int b;
          while ((b = in.read()) >= 0 && b != '\n' && line.size() < 1 << 20) {
            line.write(b);
          }
          out.add(line.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
      }
    } catch (IOException e) {
      throw new DqgateException("cannot read the header of " + folder + ": " + e.getMessage(), e);
    }
    return out;
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
        // a quoted field may hold line breaks (RFC 4180: free text, addresses); each file is then read whole
        // by one task, which a source of large files without them can undo with multiLine = false
        options.put("multiLine", "true");
        if (format == SourceFormat.TSV) {
          options.put("sep", "\t");
        }
        if (!source.setsOption("quote", "escape")) {
          // a quote inside a quoted field, doubled as RFC 4180 writes it (databases, pandas, R, spreadsheets)
          // or after a backslash as Spark writes it: Spark's own default reads only the second, and shifts a
          // doubled quote's field, and every field after it, into the next columns
          options.put("escape", "\"");
          options.put("charToEscapeQuoteEscaping", "\\");
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
