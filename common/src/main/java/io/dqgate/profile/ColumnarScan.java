package io.dqgate.profile;

import io.dqgate.config.ColumnKind;
import io.dqgate.config.DatasetSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.ProjectExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The scan kernel on the scan's column batches, where Spark's scan of the source is columnar (Parquet
 * and ORC through their vectorized readers): no projection into rows, each column read where the reader
 * put it ({@link VectorColumns}). {@link #of} says whether a scan qualifies; a text source, a column of a
 * type read only through Spark's casts, or a plan with more than the scan above it goes the row way.
 *
 * <p>Spark reads Parquet columnar only while a scan has at most {@code spark.sql.codegen.maxFields}
 * columns (past it, whole-stage codegen is off and the reader hands out rows); a wider scan is planned
 * with that limit raised to its width for the moment of planning, so that the reader hands out batches.
 */
final class ColumnarScan {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ColumnarScan.class);
  private static final String MAX_FIELDS = "spark.sql.codegen.maxFields";

  private final JavaRDD<ColumnarBatch> batches;
  private final VectorColumns vectors;
  private final String onlyDay;

  private ColumnarScan(JavaRDD<ColumnarBatch> batches, VectorColumns vectors, String onlyDay) {
    this.batches = batches;
    this.vectors = vectors;
    this.onlyDay = onlyDay;
  }

  /**
   * The columnar scan of {@code rows}' columns, when Spark scans them columnar and every column is read
   * here; {@code onlyDay} is the day of every row, or empty when a scan of many days' folders has it in
   * the layout.
   */
  static Optional<ColumnarScan> of(Dataset<Row> rows, List<ResolvedColumn> columns, DatasetSpec dataset,
      KernelLayout layout, Optional<String> onlyDay) {
    layout.sampleRates = null;
    if (onlyDay.isEmpty() && layout.folderPrefixes == null) {
      return Optional.empty();
    }
    SparkSession session = rows.sparkSession();
    String zone = session.sessionState().conf().sessionLocalTimeZone();
    int n = columns.size();
    VectorColumns.Stored[] stored = new VectorColumns.Stored[n];
    int[] precision = new int[n];
    int[] scale = new int[n];
    boolean[] inKey = new boolean[n];
    TextValues[] text = new TextValues[n];
    for (int i = 0; i < n; i++) {
      ResolvedColumn c = columns.get(i);
      KernelLayout.Column k = layout.columns[i];
      stored[i] = StoredValues.of(c.sourceType());
      String unread = unread(c, k, stored[i]);
      if (unread != null) {
        LOG.debug("row scan: column {} ({}) {}", c.name(), c.sourceType().simpleString(), unread);
        return Optional.empty();
      }
      if (c.sourceType() instanceof DecimalType d) {
        precision[i] = d.precision();
        scale[i] = d.scale();
      }
      inKey[i] = dataset.primaryKey().contains(c.name());
      if (stored[i] == VectorColumns.Stored.STRING) {
        text[i] = new TextValues(zone, c.isTemporalText() ? c.format() : Optional.empty(),
            c.isTemporalText() ? Profiler.swappedFormat(c) : Optional.empty());
      }
    }
    if (dataset.primaryKey().stream().anyMatch(key -> columns.stream().noneMatch(c -> c.name().equals(key)))) {
      return Optional.empty();
    }
    Dataset<Row> selected = rows.select(columns.stream().map(c -> Sql.column(c.name())).toArray(Column[]::new));
    // The scan decides whether it reads batches from its relation's session when it is planned (and its
    // reader built): a scan wider than maxFields is planned with the limit raised to its width, then put back.
    scala.Option<String> setMaxFields = session.conf().getOption(MAX_FIELDS);
    boolean widen = n > session.sessionState().conf().wholeStageMaxNumFields();
    if (widen) {
      session.conf().set(MAX_FIELDS, Integer.toString(n));
    }
    SparkPlan plan;
    SparkPlan scan;
    JavaRDD<ColumnarBatch> batches;
    try {
      plan = selected.queryExecution().executedPlan();
      scan = columnarChild(plan);
      batches = scan == null ? null : scan.executeColumnar().toJavaRDD();
    } finally {
      if (widen && setMaxFields.isDefined()) {
        session.conf().set(MAX_FIELDS, setMaxFields.get());
      } else if (widen) {
        session.conf().unset(MAX_FIELDS);
      }
    }
    if (scan == null) {
      LOG.debug("row scan: the plan has no columnar scan: {}", plan.nodeName());
      return Optional.empty();
    }
    // the projections above the scan keep its rows; the columns must be the scan's own, unchanged
    List<Long> scanned = exprIds(scan.output());
    List<Long> selectedIds = exprIds(plan.output());
    int[] vector = new int[n];
    for (int i = 0; i < n; i++) {
      vector[i] = scanned.indexOf(selectedIds.get(i));
      if (vector[i] < 0) {
        LOG.debug("row scan: column {} is computed above the scan", columns.get(i).name());
        return Optional.empty();
      }
    }
    layout.sampleRates = QuantileSampling.rates(scan, columns, layout, stored, onlyDay,
        dataset.profile().quantileRankError(), session.sparkContext().hadoopConfiguration());
    return Optional.of(new ColumnarScan(batches,
        new VectorColumns(vector, stored, precision, scale, inKey, text, zone), onlyDay.orElse(null)));
  }

  /** Why the columnar path does not read this column, or null when it does. */
  private static String unread(ResolvedColumn c, KernelLayout.Column k, VectorColumns.Stored stored) {
    if (stored == null) {
      return "has a type the columnar path does not read";
    }
    if (stored == VectorColumns.Stored.STRING) {
      return null;
    }
    if (k.numberIndex >= 0 && (stored == VectorColumns.Stored.DATE || stored == VectorColumns.Stored.TIMESTAMP)) {
      return "is read as a number";
    }
    if (c.kind() == ColumnKind.CATEGORICAL && !StoredValues.categoricalType(stored)) {
      return "is categorical, its text is Spark's cast";
    }
    if (c.kind().isTemporal() && stored != VectorColumns.Stored.DATE && stored != VectorColumns.Stored.TIMESTAMP) {
      return "is temporal, its day is Spark's cast";
    }
    return null;
  }

  /** The columnar scan under a plan that is that scan turned into rows and projected (row for row). */
  private static SparkPlan columnarChild(SparkPlan plan) {
    SparkPlan node = plan;
    while (true) {
      if (node instanceof WholeStageCodegenExec w) {
        node = w.child();
      } else if (node instanceof InputAdapter a) {
        node = a.child();
      } else if (node instanceof ProjectExec p) {
        node = p.child();
      } else if (node instanceof ColumnarToRowExec c) {
        return c.child().supportsColumnar() ? c.child() : null;
      } else {
        return null;
      }
    }
  }

  private static List<Long> exprIds(scala.collection.Seq<Attribute> attributes) {
    List<Long> out = new ArrayList<>();
    scala.collection.Iterator<Attribute> it = attributes.iterator();
    while (it.hasNext()) {
      out.add(it.next().exprId().id());
    }
    return out;
  }

  /** Each task's accumulators by day (yyyy-MM-dd). */
  List<Map<String, DayAccumulator>> run(KernelLayout layout) {
    VectorColumns shipped = vectors;
    String day = onlyDay;
    return batches.mapPartitions(it -> scan(layout, shipped, day, it)).collect();
  }

  private static Iterator<Map<String, DayAccumulator>> scan(KernelLayout layout, VectorColumns vectors,
      String onlyDay, Iterator<ColumnarBatch> batches) {
    Map<String, DayAccumulator> byDay = new HashMap<>();
    UTF8String lastFile = null;
    DayAccumulator acc = null;
    while (batches.hasNext()) {
      ColumnarBatch batch = batches.next();
      if (acc == null && onlyDay != null) {
        acc = new DayAccumulator(layout, onlyDay);
        byDay.put(onlyDay, acc);
      } else if (onlyDay == null) {
        // the holder keeps one string per file: a new reference means the next file
        UTF8String file = org.apache.spark.rdd.InputFileBlockHolder.getInputFilePath();
        if (acc == null || file != lastFile) {
          lastFile = file;
          acc = byDay.computeIfAbsent(layout.dayOfFile(file.toString()),
              d -> new DayAccumulator(layout, d));
        }
      }
      vectors.add(acc, layout, batch);
    }
    byDay.values().forEach(DayAccumulator::finish);
    return List.of(byDay).iterator();
  }
}
