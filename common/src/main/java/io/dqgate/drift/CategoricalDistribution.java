package io.dqgate.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.DqgateException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A categorical column's distribution as the profiler stores it ({@code value_proportions} metric): counts of
 * the most frequent values plus one "other" bucket for the rest, detail
 * {@code {"total": N, "distinct": D, "values": [{"value": v, "count": c, "proportion": p}, …],
 * "other": {"count": c, "proportion": p}}}. Counts are the truth; stored proportions are ignored.
 *
 * <p>Because only the top values are kept, a value missing from one side's list is not necessarily absent on
 * that side: it may hide in that side's other bucket. {@link #align} resolves this so distances never see a
 * difference the truncation made up.
 */
public final class CategoricalDistribution {
  /** The label of the other bucket in aligned cells and explanations. */
  public static final String OTHER = "(other)";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CategoricalDistribution EMPTY = new CategoricalDistribution(Map.of(), 0L, 0L);

  private final Map<String, Long> counts;
  private final long otherCount;
  private final long distinct;
  private final long total;

  private CategoricalDistribution(Map<String, Long> counts, long otherCount, long distinct) {
    this.counts = Collections.unmodifiableMap(counts);
    this.otherCount = otherCount;
    long sum = otherCount;
    for (long c : counts.values()) {
      sum += c;
    }
    this.total = sum;
    this.distinct = Math.max(distinct, counts.size() + (otherCount > 0 ? 1 : 0));
  }

  public static CategoricalDistribution empty() {
    return EMPTY;
  }

  /**
   * A distribution from value counts (iteration order kept) and the count of all other values. The distinct
   * count is taken as the listed values plus one for a non-empty other bucket, a lower bound.
   *
   * @throws DqgateException on a negative count or a value named like the other bucket
   */
  public static CategoricalDistribution of(Map<String, Long> counts, long otherCount) {
    return of(counts, otherCount, 0L);
  }

  static CategoricalDistribution of(Map<String, Long> counts, long otherCount, long distinct) {
    if (otherCount < 0) {
      throw DqgateException.of("value counts: other count must be at least 0, was %d", otherCount);
    }
    Map<String, Long> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getKey() == null || e.getValue() == null || e.getValue() < 0) {
        throw DqgateException.of("value counts: need a value and a count of at least 0, was %s=%s",
            e.getKey(), e.getValue());
      }
      if (e.getKey().equals(OTHER)) {
        throw DqgateException.of("value counts: value \"%s\" is reserved for the other bucket", OTHER);
      }
      copy.merge(e.getKey(), e.getValue(), Long::sum);
    }
    return new CategoricalDistribution(copy, otherCount, distinct);
  }

  /**
   * Parses the {@code value_proportions} detail; null or blank is the empty distribution. When "other" is
   * missing it is total minus the listed counts.
   *
   * @throws DqgateException when the JSON is unreadable or its total disagrees with its counts
   */
  public static CategoricalDistribution fromJson(String detail) {
    if (detail == null || detail.isBlank()) {
      return EMPTY;
    }
    JsonNode root;
    try {
      root = JSON.readTree(detail);
    } catch (JsonProcessingException e) {
      throw new DqgateException("unreadable value_proportions detail: " + detail, e);
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    long listed = 0;
    for (JsonNode v : root.path("values")) {
      JsonNode count = v.path("count");
      if (!count.isNumber() || v.path("value").isMissingNode()) {
        throw new DqgateException("value_proportions detail: each value needs \"value\" and \"count\": " + v);
      }
      counts.merge(v.path("value").asText(), count.asLong(), Long::sum);
      listed += count.asLong();
    }
    JsonNode totalNode = root.path("total");
    long other;
    if (root.path("other").has("count")) {
      other = root.path("other").path("count").asLong();
      if (totalNode.isNumber() && totalNode.asLong() != listed + other) {
        throw DqgateException.of("value_proportions detail: total %d is not listed %d + other %d",
            totalNode.asLong(), listed, other);
      }
    } else {
      other = totalNode.isNumber() ? totalNode.asLong() - listed : 0L;
      if (other < 0) {
        throw DqgateException.of("value_proportions detail: total %d is below the listed counts %d",
            totalNode.asLong(), listed);
      }
    }
    return of(counts, other, root.path("distinct").asLong(0));
  }

  public boolean isEmpty() {
    return total == 0;
  }

  public long total() {
    return total;
  }

  /** Listed values and their counts, most frequent first as stored. */
  public Map<String, Long> counts() {
    return counts;
  }

  public long count(String value) {
    return counts.getOrDefault(value, 0L);
  }

  public long otherCount() {
    return otherCount;
  }

  /** The stored distinct count (a lower bound when built from counts alone). */
  public long distinct() {
    return distinct;
  }

  /** The share of {@code value} (or of {@link #OTHER}); NaN when empty. */
  public double proportion(String value) {
    if (total == 0) {
      return Double.NaN;
    }
    return (double) (value.equals(OTHER) ? otherCount : count(value)) / total;
  }

  /**
   * Puts two distributions on common cells: every value listed on either side, then {@link #OTHER}. A value
   * listed on one side only counts 0 on the other side when that side's other bucket is empty (then its list is
   * complete and the 0 is exact); otherwise the value may hide in that bucket, so it is folded into other on
   * both sides. Coarsening both sides alike never raises PSI, JS or the χ² statistic (data-processing
   * inequality), so truncated lists cannot fake those; L∞ can grow up to the total variation, and a value that
   * moved shows only as a move of other.
   */
  public static AlignedCells align(CategoricalDistribution baseline, CategoricalDistribution current) {
    List<String> labels = new ArrayList<>();
    List<double[]> cells = new ArrayList<>();
    double baselineOther = baseline.otherCount;
    double currentOther = current.otherCount;
    int folded = 0;
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (String v : baseline.counts.keySet()) {
      seen.put(v, Boolean.TRUE);
    }
    for (String v : current.counts.keySet()) {
      seen.putIfAbsent(v, Boolean.TRUE);
    }
    for (String v : seen.keySet()) {
      boolean inBaseline = baseline.counts.containsKey(v);
      boolean inCurrent = current.counts.containsKey(v);
      long b = baseline.count(v);
      long c = current.count(v);
      if ((!inBaseline && baseline.otherCount > 0) || (!inCurrent && current.otherCount > 0)) {
        baselineOther += b;
        currentOther += c;
        folded++;
      } else {
        labels.add(v);
        cells.add(new double[] {b, c});
      }
    }
    int n = labels.size();
    double[] b = new double[n + 1];
    double[] c = new double[n + 1];
    for (int i = 0; i < n; i++) {
      b[i] = cells.get(i)[0];
      c[i] = cells.get(i)[1];
    }
    labels.add(OTHER);
    b[n] = baselineOther;
    c[n] = currentOther;
    return new AlignedCells(labels, b, c, n, folded);
  }

  @Override
  public String toString() {
    return "CategoricalDistribution{total=" + total + ", counts=" + counts + ", other=" + otherCount + "}";
  }
}
