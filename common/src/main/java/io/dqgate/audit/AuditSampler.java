package io.dqgate.audit;

import io.dqgate.profile.Sql;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Draws an audit sample from a day's rows. Each row's profile is the set of strata it carries; the
 * {@link Allocation} says how many rows to draw from each profile, and a profile gives the rows with the
 * smallest 64-bit hashes of (seed, the row's values). The draw depends only on the rows' values, the strata
 * and the seed: not on the order of the rows, their partitioning or the run, so the same day and seed give the
 * same sample.
 */
public final class AuditSampler {
  /** Why the row was drawn: every stratum it carries ("; " between them), or {@link #ORDINARY}. */
  public static final String REASON = "_dq_reason";
  public static final String ORDINARY = "ordinary row, drawn at random";
  private static final String HASH = "__dq_hash";
  private static final String PROFILE = "__dq_profile";
  private static final String QUOTA = "__dq_quota";
  private static final String RANK = "__dq_rank";
  private static final String CARRIED = "__dq_carried";

  private AuditSampler() {}

  /** The day's counts per stratum, the allocation over its profiles and the sample (the day's columns, the reason). */
  public record Drawn(long rows, long[] strataRows, long ordinaryRows, Allocation allocation, Dataset<Row> sample) {}

  public static Drawn draw(Dataset<Row> day, List<Stratum> strata, double fraction, long seed) {
    String[] names = day.columns();
    Column[] hashed = new Column[names.length + 1];
    hashed[0] = functions.lit(seed);
    for (int i = 0; i < names.length; i++) {
      hashed[i + 1] = Sql.column(names[i]);
    }
    Dataset<Row> flagged = day.withColumn(HASH, functions.xxhash64(hashed));
    Column[] profileBits = new Column[strata.size()];
    Column[] reasons = new Column[strata.size()];
    Column carried = functions.lit(0);
    for (int i = 0; i < strata.size(); i++) {
      flagged = flagged.withColumn(flag(i), functions.coalesce(strata.get(i).carries(), functions.lit(false)));
      Column f = functions.col(flag(i));
      profileBits[i] = functions.when(f, "1").otherwise("0");
      reasons[i] = functions.when(f, functions.lit(strata.get(i).reason()));
      carried = carried.plus(functions.when(f, 1).otherwise(0));
    }
    String ordinaryProfile = "0".repeat(strata.size());
    flagged = flagged.withColumn(PROFILE, strata.isEmpty() ? functions.lit("") : functions.concat(profileBits));

    List<Allocation.Profile> profiles = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    long rows = 0;
    long ordinaryRows = 0;
    long[] strataRows = new long[strata.size()];
    for (Row r : flagged.groupBy(PROFILE).count().orderBy(functions.col(PROFILE).desc()).collectAsList()) {
      String key = r.getString(0);
      long count = r.getLong(1);
      rows += count;
      if (key.equals(ordinaryProfile)) {
        ordinaryRows = count;
        continue;
      }
      BitSet carries = new BitSet(strata.size());
      for (int i = 0; i < key.length(); i++) {
        if (key.charAt(i) == '1') {
          carries.set(i);
          strataRows[i] += count;
        }
      }
      profiles.add(new Allocation.Profile(carries, count));
      keys.add(key);
    }
    Allocation allocation = Allocation.of(rows, strata.size(), profiles, ordinaryRows, fraction);

    List<Column> quotas = new ArrayList<>();
    for (int p = 0; p < profiles.size(); p++) {
      if (allocation.profiles()[p] > 0) {
        quotas.add(functions.lit(keys.get(p)));
        quotas.add(functions.lit(allocation.profiles()[p]));
      }
    }
    if (allocation.ordinary() > 0) {
      quotas.add(functions.lit(ordinaryProfile));
      quotas.add(functions.lit(allocation.ordinary()));
    }
    Column quota = quotas.isEmpty() ? functions.lit(0L)
        : functions.coalesce(functions.element_at(functions.map(quotas.toArray(Column[]::new)),
            functions.col(PROFILE)), functions.lit(0L));
    Column reason = strata.isEmpty() ? functions.lit(ORDINARY)
        : functions.when(functions.col(PROFILE).equalTo(ordinaryProfile), functions.lit(ORDINARY))
            .otherwise(functions.concat_ws("; ", reasons));
    List<Column> out = new ArrayList<>(Arrays.stream(names).map(Sql::column).toList());
    out.add(reason.as(REASON));
    // copies of a row share its hash: whichever is ranked first, the same values are drawn
    Dataset<Row> sample = flagged.withColumn(QUOTA, quota).filter(functions.col(QUOTA).gt(0))
        .withColumn(RANK, functions.row_number().over(Window.partitionBy(PROFILE).orderBy(HASH)))
        .filter(functions.col(RANK).leq(functions.col(QUOTA)))
        .select(concat(out, carried.as(CARRIED), functions.col(PROFILE), functions.col(HASH)))
        .orderBy(functions.col(CARRIED).desc(), functions.col(PROFILE).desc(), functions.col(HASH))
        .drop(CARRIED, PROFILE, HASH);
    return new Drawn(rows, strataRows, ordinaryRows, allocation, sample);
  }

  private static String flag(int stratum) {
    return "__dq_flag_" + stratum;
  }

  private static Column[] concat(List<Column> columns, Column... more) {
    List<Column> all = new ArrayList<>(columns);
    all.addAll(Arrays.asList(more));
    return all.toArray(Column[]::new);
  }
}
