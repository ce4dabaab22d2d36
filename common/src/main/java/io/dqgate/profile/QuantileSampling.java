package io.dqgate.profile;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;

/**
 * The share of each numeric column's values its quantile sketch takes, per partition day of a scan, from
 * the non-null counts in the Parquet footers of the scan's files: a column with far more values than its
 * rank error needs is sampled ({@link NumberQuantiles}) at the rate that leaves about {@link
 * NumberQuantiles#sampleSize} of them, half the stated error, on every task alike. Where a count is not
 * known up front (another format, a filtered scan, a footer without null counts, a column read as text)
 * every value is taken.
 */
final class QuantileSampling {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(QuantileSampling.class);
  /** A column is sampled only where it has this many times the sample it needs. */
  static final int MIN_VALUES_PER_SAMPLED = 4;
  /**
   * The expected sample a little over the size needed: the sample's size varies (by about its square root),
   * and the stated bound is that of the size drawn.
   */
  private static final double SAMPLE_MARGIN = 1.01;

  private QuantileSampling() {}

  /**
   * By day, each column's rate (1 where it is not sampled); null when no column of any day is sampled.
   * {@code onlyDay}: the day of every file, else each file's day comes from {@link KernelLayout#dayOfFile}.
   */
  static Map<String, double[]> rates(SparkPlan scan, List<ResolvedColumn> columns, KernelLayout layout,
      VectorColumns.Stored[] stored, Optional<String> onlyDay, double rankError, Configuration conf) {
    SparkPlan node = scan;
    while (node instanceof InputAdapter adapter) {
      node = adapter.child();
    }
    if (!(node instanceof FileSourceScanExec files) || !(files.relation().fileFormat() instanceof ParquetFileFormat)
        || !files.partitionFilters().isEmpty() || !files.dataFilters().isEmpty()) {
      LOG.debug("quantiles of every value: the scan's row counts are not known up front: {}", node.nodeName());
      return null;
    }
    Map<String, Integer> sampled = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      if (layout.columns[i].numeric && stored[i] != VectorColumns.Stored.STRING) {
        sampled.put(columns.get(i).name(), i);
      }
    }
    if (sampled.isEmpty()) {
      return null;
    }
    long t0 = System.nanoTime();
    String[] paths = files.relation().location().inputFiles();
    // per day and column: the non-null values, or -1 once a file does not say
    Map<String, long[]> values = new HashMap<>();
    for (String file : paths) {
      String day = onlyDay.orElseGet(() -> layout.dayOfFile(file));
      long[] counts = values.computeIfAbsent(day, d -> new long[columns.size()]);
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
        boolean[] seen = new boolean[columns.size()];
        for (BlockMetaData block : reader.getFooter().getBlocks()) {
          for (ColumnChunkMetaData chunk : block.getColumns()) {
            Integer i = sampled.get(chunk.getPath().toDotString());
            if (i == null || counts[i] < 0) {
              continue;
            }
            Statistics<?> stats = chunk.getStatistics();
            counts[i] = stats == null || !stats.isNumNullsSet() ? -1 : counts[i] + chunk.getValueCount()
                - stats.getNumNulls();
            seen[i] = true;
          }
        }
        for (int i : sampled.values()) {
          if (!seen[i] && !reader.getFooter().getBlocks().isEmpty()) {
            counts[i] = -1;
          }
        }
      } catch (IOException | RuntimeException e) {
        LOG.debug("quantiles of every value: footer of {} unread: {}", file, e.toString());
        return null; // the scan itself names what is wrong with the file
      }
    }
    long need = NumberQuantiles.sampleSize(rankError / 2);
    Map<String, double[]> rates = new HashMap<>();
    values.forEach((day, counts) -> {
      double[] rate = new double[columns.size()];
      boolean any = false;
      for (int i = 0; i < rate.length; i++) {
        rate[i] = 1.0;
        if (sampled.containsValue(i) && counts[i] >= MIN_VALUES_PER_SAMPLED * need) {
          rate[i] = SAMPLE_MARGIN * need / counts[i];
          any = true;
        }
      }
      if (any) {
        rates.put(day, rate);
      }
    });
    LOG.debug("quantile sample rates (of {} values needed) by day, from {} footers in {} ms: {}", need,
        paths.length, (System.nanoTime() - t0) / 1_000_000,
        rates.entrySet().stream().map(e -> e.getKey() + "=" + java.util.Arrays.toString(e.getValue())).toList());
    return rates.isEmpty() ? null : rates;
  }
}
