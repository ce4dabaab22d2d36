package io.dqgate.audit;

import io.dqgate.profile.Sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Draws an audit sample from a day's rows. Every row gets a 64-bit hash of its values and the seed; a row
 * is drawn for a stratum when it carries the stratum's defect and a hash of (stratum, row hash) is among
 * the stratum's quota smallest ({@link Allocation}). The draw depends only on the rows' values, the strata
 * and the seed: not on the order of the rows, their partitioning or the run, so the same day and seed give
 * the same sample. Identical rows (copies) are drawn together.
 */
public final class AuditSampler {
  /** Why the row was drawn: the strata it was drawn for, or {@link #ORDINARY}. */
  public static final String REASON = "_dq_reason";
  /** Every stratum's defect the row carries, drawn for it or not. */
  public static final String FLAGS = "_dq_flags";
  public static final String ORDINARY = "ordinary row, drawn at random";
  private static final String HASH = "__dq_hash";
  private static final String ORDER = "__dq_order";
  private static final String UNIT_COLUMN = "__dq_unit";
  private static final double UNIT = 0x1p53;

  private AuditSampler() {}

  /** The day's counts per stratum, the allocation and the sample (columns of the day, then reason and flags). */
  public record Drawn(long rows, long[] strataRows, long ordinaryRows, Allocation allocation, Dataset<Row> sample) {}

  public static Drawn draw(Dataset<Row> day, List<Stratum> strata, double fraction, long seed) {
    String[] names = day.columns();
    Column[] hashed = new Column[names.length + 1];
    hashed[0] = functions.lit(seed);
    for (int i = 0; i < names.length; i++) {
      hashed[i + 1] = Sql.column(names[i]);
    }
    Dataset<Row> flagged = day.withColumn(HASH, functions.xxhash64(hashed));
    List<Column> flags = new ArrayList<>();
    for (int i = 0; i < strata.size(); i++) {
      flagged = flagged.withColumn(flag(i), functions.coalesce(strata.get(i).carries(), functions.lit(false)));
      flags.add(functions.col(flag(i)));
    }
    Column anyFlag = flags.stream().reduce(functions.lit(false), Column::or);

    List<Column> counts = new ArrayList<>();
    counts.add(functions.count(functions.lit(1)));
    counts.add(functions.sum(functions.when(functions.not(anyFlag), 1L).otherwise(0L)));
    flags.forEach(f -> counts.add(functions.sum(functions.when(f, 1L).otherwise(0L))));
    Row totals = flagged.agg(counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new)).first();
    long rows = totals.getLong(0);
    long ordinaryRows = totals.isNullAt(1) ? 0 : totals.getLong(1);
    long[] strataRows = new long[strata.size()];
    for (int i = 0; i < strata.size(); i++) {
      strataRows[i] = totals.isNullAt(i + 2) ? 0 : totals.getLong(i + 2);
    }
    Allocation allocation = Allocation.of(rows, strataRows, ordinaryRows, fraction);

    List<Column> drawnFor = new ArrayList<>();
    for (int i = 0; i < strata.size(); i++) {
      drawnFor.add(flags.get(i).and(unit(i + 1).leq(threshold(flagged, flags.get(i), unit(i + 1),
          allocation.strata()[i], strataRows[i]))));
    }
    Column ordinary = functions.not(anyFlag).and(unit(0).leq(threshold(flagged, functions.not(anyFlag), unit(0),
        allocation.ordinary(), ordinaryRows)));
    Column drawn = drawnFor.stream().reduce(ordinary, Column::or);
    Column[] reasons = new Column[strata.size() + 1];
    Column[] carried = new Column[strata.size()];
    Column order = functions.lit(strata.size());
    for (int i = strata.size() - 1; i >= 0; i--) {
      reasons[i] = functions.when(drawnFor.get(i), functions.lit(strata.get(i).reason()));
      carried[i] = functions.when(flags.get(i), functions.lit(strata.get(i).reason()));
      order = functions.when(drawnFor.get(i), functions.lit(i)).otherwise(order);
    }
    reasons[strata.size()] = functions.when(ordinary, functions.lit(ORDINARY));
    List<Column> out = new ArrayList<>(Arrays.stream(names).map(Sql::column).toList());
    out.add(functions.concat_ws("; ", reasons).as(REASON));
    out.add(functions.concat_ws("; ", carried).as(FLAGS));
    Dataset<Row> sample = flagged.filter(drawn)
        .select(concat(out, order.as(ORDER), functions.col(HASH)))
        .orderBy(functions.col(ORDER), functions.col(HASH))
        .drop(ORDER, HASH);
    return new Drawn(rows, strataRows, ordinaryRows, allocation, sample);
  }

  /**
   * The unit at or under which exactly {@code quota} of the rows {@code where} holds lie (more only when
   * copies share the last unit): the quota-th smallest, found by one top-k pass; 1 when all are wanted.
   */
  private static double threshold(Dataset<Row> rows, Column where, Column unit, long quota, long available) {
    if (quota >= available) {
      return 1;
    }
    if (quota <= 0) {
      return -1;
    }
    List<Row> smallest = rows.filter(where).select(unit.as(UNIT_COLUMN)).orderBy(functions.col(UNIT_COLUMN))
        .limit((int) quota).collectAsList();
    return smallest.get(smallest.size() - 1).getDouble(0);
  }

  private static String flag(int stratum) {
    return "__dq_flag_" + stratum;
  }

  /** A uniform number in [0, 1) from the row's hash, independent for each stratum. */
  private static Column unit(int stratum) {
    return functions.pmod(functions.xxhash64(functions.lit(stratum), functions.col(HASH)), functions.lit(1L << 53))
        .cast("double").divide(UNIT);
  }

  private static Column[] concat(List<Column> columns, Column... more) {
    List<Column> all = new ArrayList<>(columns);
    all.addAll(Arrays.asList(more));
    return all.toArray(Column[]::new);
  }
}
