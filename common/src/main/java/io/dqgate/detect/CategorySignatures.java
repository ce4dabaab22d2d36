package io.dqgate.detect;

import io.dqgate.drift.CategoricalDistribution;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Cause;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.special.Gamma;

/**
 * Categorical columns against the values their clean days listed ({@code value_proportions}): a known
 * value in another spelling (case, spaces, accents), a known value garbled by a wrong encoding, more rows
 * of never-seen values than any clean day brought; where none of these is found, a segment gone
 * ({@link LostSegments}).
 */
final class CategorySignatures {
  /** Least share of rows new values must reach, whatever the clean days did. */
  static final double MIN_NEW_SHARE = 0.02;
  /**
   * Times the least share of new values a day must bring to block while the column's own count of new values
   * is not learnt (fewer than twice {@link SignatureJudge#MIN_DAYS} clean days) and its clean days brought new
   * values: a vocabulary still being listed (clinics, stations) warns below it, an UNKNOWN in an eighth of the
   * rows blocks.
   */
  static final double LEARNING_BLOCK = 3.0;
  /**
   * A value no clean day listed counts as new only when a value hidden in the clean days' other bucket, at the
   * largest share such a value could have had there (or among the values they never listed, {@link
   * #unseenShare}), would bring as many rows today with at most this chance (Poisson): near the top-values cut,
   * two rows yesterday and three today is one value's sampling noise.
   */
  static final double MAX_HIDDEN_CHANCE = 1e-3;

  private CategorySignatures() {}

  static List<Finding> judge(Map<MetricKey, MetricRecord> today, MetricHistory history, int baselineDays,
      Signal.Factory make) {
    List<Finding> out = new ArrayList<>();
    for (MetricRecord m : today.values()) {
      if (m.metric().equals(MetricNames.VALUE_PROPORTIONS) && m.detail() != null) {
        List<CategoricalDistribution> all = new ArrayList<>();
        List<CategoricalDistribution> weekday = new ArrayList<>();
        Set<CategoricalDistribution> lasting = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (MetricRecord r : history.recent(m.key(), Integer.MAX_VALUE)) {
          CategoricalDistribution d = CategoricalDistribution.fromJson(r.detail());
          if (!d.isEmpty()) {
            all.add(d);
            if (history.adopted(r.partitionDate())) {
              lasting.add(d);
            }
            if (r.partitionDate().getDayOfWeek() == m.partitionDate().getDayOfWeek()) {
              weekday.add(d);
            }
          }
        }
        List<CategoricalDistribution> days = all.subList(Math.max(0, all.size() - baselineDays), all.size());
        CategoricalDistribution day = CategoricalDistribution.fromJson(m.detail());
        if (days.size() >= SignatureJudge.MIN_DAYS && !day.isEmpty()) {
          Optional<Finding> found = judgeColumn(m.instance(), day, days, all, lasting, make);
          (found.isPresent() ? found : LostSegments.onWeekday(m.instance(), day, days, weekday,
              m.partitionDate().getDayOfWeek(), make)).ifPresent(out::add);
        } else if (!day.isEmpty()) {
          MetricRecord rows = today.get(MetricKey.dataset(MetricNames.ROW_COUNT));
          int daysOfColumn = history.series(MetricKey.column(m.instance(), MetricNames.NULL_FRACTION), false).size();
          placeholdersInEmptyColumn(m.instance(), day, all, daysOfColumn, rows == null ? 0 : rows.value(), make)
              .ifPresent(out::add);
        }
      }
    }
    return out;
  }

  /**
   * A column left empty on most of its {@code daysOfColumn} clean days (too few days listed values to judge a
   * value new: {@code listed}), whose day holds a placeholder none of them listed ("UNKNOWN", "n/a") on at
   * least {@link #MIN_NEW_SHARE} of its {@code rows} and on three rows or more: missing values written as
   * text. A column coming to be filled brings values of its own; a placeholder is none.
   */
  static Optional<Finding> placeholdersInEmptyColumn(String column, CategoricalDistribution today,
      List<CategoricalDistribution> listed, int daysOfColumn, double rows, Signal.Factory make) {
    if (daysOfColumn < SignatureJudge.MIN_DAYS || !(rows > 0)) {
      return Optional.empty();
    }
    Set<String> known = new LinkedHashSet<>();
    listed.forEach(d -> known.addAll(d.counts().keySet()));
    if (known.stream().anyMatch(OpenVocabulary::placeholder)) {
      return Optional.empty();
    }
    List<String> placeholders = new ArrayList<>();
    long count = 0;
    for (Map.Entry<String, Long> e : today.counts().entrySet()) {
      if (!known.contains(e.getKey()) && OpenVocabulary.placeholder(e.getKey())) {
        placeholders.add(e.getKey());
        count += e.getValue();
      }
    }
    double share = count / rows;
    if (count < 3 || share < MIN_NEW_SHARE) {
      return Optional.empty();
    }
    return Optional.of(make.of(MetricNames.VALUE_PROPORTIONS, column, share, 0, MIN_NEW_SHARE,
        share / MIN_NEW_SHARE, Cause.NEW_VALUES, String.format(Locale.ROOT, "%s: %s of rows hold %s, a placeholder "
            + "for a missing value, where the column was empty on %d of its %d clean days: missing values written "
            + "as text", column, Signal.percent(share), quoted(placeholders), daysOfColumn - listed.size(),
            daysOfColumn)));
  }

  static Optional<Finding> judgeColumn(String column, CategoricalDistribution today,
      List<CategoricalDistribution> clean, Signal.Factory make) {
    return judgeColumn(column, today, clean, clean, make);
  }

  /**
   * The column judged against its {@code clean} baseline days, a value being new only when none of the
   * {@code vocabulary} days (every clean day of the history, the baseline's among them) listed it: a travel
   * agent or a room type the dataset carried last season is not new when it comes back.
   */
  static Optional<Finding> judgeColumn(String column, CategoricalDistribution today,
      List<CategoricalDistribution> clean, List<CategoricalDistribution> vocabulary, Signal.Factory make) {
    return judgeColumn(column, today, clean, vocabulary, Set.of(), make);
  }

  /**
   * The same, where the {@code lasting} days (of {@code vocabulary}, by identity) are blocked days adopted as a
   * lasting change ({@link BaselinePolicy.Standing#ADOPTED}): their values are known from them on, but the share
   * of new values one of them brought (every disease added to a survey in one year) is the change itself, not
   * how many new values a clean day brings, and sets the share a new value may take only once such changes
   * recur ({@link #cleanNewShare}).
   */
  static Optional<Finding> judgeColumn(String column, CategoricalDistribution today,
      List<CategoricalDistribution> clean, List<CategoricalDistribution> vocabulary,
      Set<CategoricalDistribution> lasting, Signal.Factory make) {
    Set<String> known = new LinkedHashSet<>();
    vocabulary.forEach(d -> known.addAll(d.counts().keySet()));
    Map<String, String> knownByForm = new LinkedHashMap<>();
    known.forEach(v -> knownByForm.putIfAbsent(form(v), v));
    // judged on the baseline's rows: the mix of the recent days is the one a value could have hidden in
    double unseen = unseenShare(clean);
    // a value that hid from the clean days in lumps of rows could hide a lump's share
    double cluster = rowsPerOccurrence(vocabulary);
    double closed = Math.max(hiddenShare(vocabulary), unseen * cluster);
    boolean open = turnsOver(clean) || OpenVocabulary.opens(vocabulary);
    double largest = Math.max(largestShare(vocabulary), unseen * cluster);
    Set<String> shapes = open ? OpenVocabulary.shapes(known) : Set.of();
    // in a closed vocabulary a value written by another hand is new from its first row; an open one (licence
    // numbers, names typed by people) has hands of its own
    Predicate<String> alien = open ? v -> false : OpenVocabulary.alien(known);
    ToDoubleFunction<String> hidden = v -> alien.test(v) ? 0
        : open && OpenVocabulary.entry(v, shapes) ? largest : closed;

    Map<String, String> respelled = new LinkedHashMap<>();
    Map<String, String> garbled = new LinkedHashMap<>();
    List<String> fresh = new ArrayList<>();
    long respelledRows = 0;
    long garbledRows = 0;
    long freshRows = 0;
    for (Map.Entry<String, Long> e : today.counts().entrySet()) {
      String value = e.getKey();
      if (known.contains(value) || e.getValue() == 0) {
        continue;
      }
      String repaired = repairEncoding(value);
      if (repaired != null && (known.contains(repaired) || knownByForm.containsKey(form(repaired)))) {
        garbled.put(value, known.contains(repaired) ? repaired : knownByForm.get(form(repaired)));
        garbledRows += e.getValue();
      } else if (value.indexOf('\uFFFD') >= 0) {
        garbled.put(value, "?");
        garbledRows += e.getValue();
      } else if (knownByForm.containsKey(form(value))) {
        // in an open vocabulary a never-seen value may spell a known one by chance (pets' names typed by people):
        // a row or two; a closed one's values are written by one hand, and a known value written anew is another
        // hand's from its first row. Either way it is counted in rows however the column's values come
        if (!open || unlisted(e.getValue(), today.total(), unseen, 1)) {
          respelled.put(value, knownByForm.get(form(value)));
          respelledRows += e.getValue();
        }
      } else if (unlisted(e.getValue(), today.total(), hidden.applyAsDouble(value), cluster)) {
        fresh.add(value);
        freshRows += e.getValue();
      }
    }
    double total = today.total();
    if (garbledRows >= 3 || garbledRows > 0 && garbledRows / total >= 0.002) {
      return Optional.of(make.of(MetricNames.VALUE_PROPORTIONS, column, garbledRows / total, 0, 0,
          10, Cause.ENCODING, String.format(Locale.ROOT, "%s: %s of rows hold known values garbled by a wrong "
              + "encoding: %s", column, Signal.percent(garbledRows / total), pairs(garbled))));
    }
    if (respelledRows >= 3 || respelledRows > 0 && respelledRows / total >= 0.002) {
      return Optional.of(make.of(MetricNames.VALUE_PROPORTIONS, column, respelledRows / total, 0, 0, 10,
          Cause.NEW_VALUES, String.format(Locale.ROOT, "%s: %s of rows spell known values anew: %s", column,
              Signal.percent(respelledRows / total), pairs(respelled))));
    }
    // numbers far outside a vocabulary of numbers are a sentinel's, not a new entry's: they are measured against the
    // sentinels the clean days brought, not against the plots a growing survey added
    Predicate<String> sentinel = open ? v -> false : OpenVocabulary.sentinel(known);
    boolean sentinels = !fresh.isEmpty() && fresh.stream().allMatch(sentinel);
    Predicate<String> otherwise = open ? v -> false : OpenVocabulary.numberWrittenOtherwise(known);
    boolean retyped = !fresh.isEmpty() && fresh.stream().allMatch(otherwise);
    // the baseline days' own new values, each day against every clean day before it
    double cleanFresh = cleanNewShare(vocabulary,
        sentinels ? v -> sentinel.test(v) ? hidden.applyAsDouble(v) : Double.POSITIVE_INFINITY : hidden, cluster,
        Math.max(SignatureJudge.MIN_DAYS, vocabulary.size() - clean.size()), lasting);
    double need = Math.max(MIN_NEW_SHARE, 3 * cleanFresh);
    if (freshRows / total >= need) {
      Finding found = make.of(MetricNames.VALUE_PROPORTIONS, column, freshRows / total, 0, need,
          freshRows / total / need, sentinels ? Cause.OUT_OF_RANGE : retyped ? Cause.TYPE_CHANGE : Cause.NEW_VALUES,
          String.format(Locale.ROOT,
          "%s: %s of rows hold values no "
              + "clean day of the last %d listed (%s); new values took at most %s of a clean day's rows%s", column,
              Signal.percent(freshRows / total), vocabulary.size(), quoted(fresh), Signal.percent(cleanFresh),
              open ? String.format(Locale.ROOT, " (its clean days keep listing new values: a value written like "
                  + "theirs counts past %s of the rows, the most one value took)", Signal.percent(largest)) : "")
              + (cluster > 1 ? String.format(Locale.ROOT, "; a value's rows come about %.1f at a time", cluster)
                  : "")
              + (sentinels ? "; numbers far outside every number it listed: a sentinel" : "")
              + (retyped ? "; numbers written as no number where it listed only numbers: a type change" : ""));
      boolean unlearnt = clean.size() < 2 * SignatureJudge.MIN_DAYS && found.score() < LEARNING_BLOCK
          && found.severity() == Severity.BLOCK && cleanNewShare(clean, hidden, cluster, 1, lasting) > 0;
      return Optional.of(unlearnt ? found.withSeverity(Severity.WARN, found.message() + String.format(Locale.ROOT,
          " [learning this column: its %d clean days brought new values too, and the share a clean day brings "
              + "counts from the %dth of them; until then a day blocks from %.0f times the least share]",
          clean.size(), SignatureJudge.MIN_DAYS + 1, LEARNING_BLOCK)) : found);
    }
    return LostSegments.onTrailingDays(column, today, clean, make);
  }

  /** The median share of a clean day's listed values that no earlier clean day listed, at which a column turns over. */
  static final double TURNOVER = 0.5;

  /**
   * Whether the column's listed values turn over from day to day: on the median clean day, at least
   * {@link #TURNOVER} of the values it listed were listed by none of the clean days before it (order numbers
   * repeated over an order's lines, session ids). Such a column has no vocabulary for a value to be new
   * against: it is open ({@link OpenVocabulary}) from its first days.
   */
  static boolean turnsOver(List<CategoricalDistribution> clean) {
    List<Double> shares = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (CategoricalDistribution d : clean) {
      Set<String> listed = d.counts().keySet();
      if (!seen.isEmpty() && !listed.isEmpty()) {
        shares.add((double) listed.stream().filter(v -> !seen.contains(v)).count() / listed.size());
      }
      seen.addAll(listed);
    }
    return !shares.isEmpty() && Signal.median(shares.stream().mapToDouble(Double::doubleValue).toArray()) >= TURNOVER;
  }

  /**
   * The largest share of rows a value none of the clean days listed is taken to have had: the share at which
   * all their rows would have missed it with {@link #MAX_HIDDEN_CHANCE}, ln(1 / chance) / rows (7 in 1,000 rows
   * of a month of 35-row days). A small feed's rarer values (a room type booked a few times a season, a
   * country whose guests come in summer) turn up for the first time with a row or two; an UNKNOWN in a tenth
   * of the rows is new.
   */
  static double unseenShare(List<CategoricalDistribution> clean) {
    long rows = clean.stream().mapToLong(CategoricalDistribution::total).sum();
    return rows > 0 ? -Math.log(MAX_HIDDEN_CHANCE) / rows : 0;
  }

  /** The largest share of a clean day's rows that one value took. */
  private static double largestShare(List<CategoricalDistribution> clean) {
    double most = 0;
    for (CategoricalDistribution d : clean) {
      long top = d.counts().values().stream().mapToLong(Long::longValue).max().orElse(0);
      most = Math.max(most, (double) top / d.total());
    }
    return most;
  }

  /**
   * The largest share a value could have had on a clean day and still not be listed (hidden in the other
   * bucket): the smallest listed share of a day whose other bucket is not empty.
   */
  private static double hiddenShare(List<CategoricalDistribution> clean) {
    double hidden = 0;
    for (CategoricalDistribution d : clean) {
      if (d.otherCount() > 0) {
        long smallest = d.counts().values().stream().mapToLong(Long::longValue).min().orElse(d.otherCount());
        hidden = Math.max(hidden, (double) smallest / d.total());
      }
    }
    return hidden;
  }

  /**
   * Whether {@code count} of a day's {@code rows} is more than a value hidden in the other bucket could bring:
   * above the {@code hidden} share, and past it by more than sampling noise ({@link #MAX_HIDDEN_CHANCE}), the
   * value's occurrences bringing {@code cluster} rows each ({@link #rowsPerOccurrence}).
   */
  static boolean unlisted(long count, double rows, double hidden, double cluster) {
    return count / rows > hidden
        && (hidden <= 0 || Gamma.regularizedGammaP(count / cluster, hidden * rows / cluster) < MAX_HIDDEN_CHANCE);
  }

  /** Values with fewer rows than this on an average day are the rare ones whose counts show how their rows come. */
  static final double RARE_ROWS = 2;
  /** The most rows one occurrence of a value is taken to bring, however lumped a few rare values' counts are. */
  static final double MAX_ROWS_PER_OCCURRENCE = 5;

  /**
   * How many rows one occurrence of a value brings on this column's clean days: 1 where each row is an event of
   * its own (a bird strike), more where one event is recorded as several rows that share the value (a use of force
   * written once per officer and subject, a group's booking of several rooms). Then a value never listed arrives
   * as a lump of rows, and the chance that it hid from the clean days is counted in occurrences, not rows.
   *
   * <p>Read from the rare values (fewer than {@link #RARE_ROWS} rows on an average day) that the clean days listed
   * on more than one day, over the days that listed every value (no other bucket): the spread of their counts
   * against sampling alone (Pearson's dispersion, Σ(x − np)² / Σnp(1 − p) over days and values, scaled by
   * days / (days − 1)), which occurrences of c rows each multiply by c. At least 1 and at most
   * {@link #MAX_ROWS_PER_OCCURRENCE}. A value listed on one day only says nothing of how a recurring value's rows
   * come (a ward's opening day).
   */
  static double rowsPerOccurrence(List<CategoricalDistribution> clean) {
    Map<String, double[]> values = new LinkedHashMap<>(); // Σx, Σx², Σnx, days listed
    double rows = 0;
    double squares = 0; // Σn²
    int days = 0;
    for (CategoricalDistribution d : clean) {
      if (d.otherCount() > 0 || d.total() == 0) {
        continue;
      }
      days++;
      double n = d.total();
      rows += n;
      squares += n * n;
      d.counts().forEach((v, x) -> {
        if (x > 0) {
          double[] seen = values.computeIfAbsent(v, k -> new double[4]);
          seen[0] += x;
          seen[1] += (double) x * x;
          seen[2] += n * x;
          seen[3]++;
        }
      });
    }
    double spread = 0;
    double sampling = 0;
    for (double[] seen : values.values()) {
      if (seen[0] < RARE_ROWS * days && seen[3] >= 2) {
        double p = seen[0] / rows;
        spread += seen[1] - 2 * p * seen[2] + p * p * squares;
        sampling += rows * p * (1 - p);
      }
    }
    return sampling > 0 && days > 1
        ? Math.min(MAX_ROWS_PER_OCCURRENCE, Math.max(1, spread / sampling * days / (days - 1))) : 1;
  }

  /**
   * The largest share of a clean day's rows that values no clean day before it listed took, from the clean
   * day {@code first} on: the days before it list a vocabulary's rarer values for the first time. The
   * {@code lasting} days' values count as listed; their own share counts only once two or more of them brought
   * new values: one lasting change is an event, while changes that keep coming (a season's new cast every few
   * weeks) are the column's nature.
   */
  private static double cleanNewShare(List<CategoricalDistribution> clean, ToDoubleFunction<String> hidden,
      double cluster, int first, Set<CategoricalDistribution> lasting) {
    double most = 0;
    double mostLasting = 0;
    int lastingWithNew = 0;
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < clean.size(); i++) {
      CategoricalDistribution d = clean.get(i);
      if (i >= first) {
        long fresh = 0;
        for (Map.Entry<String, Long> e : d.counts().entrySet()) {
          if (!seen.contains(e.getKey())
              && unlisted(e.getValue(), d.total(), hidden.applyAsDouble(e.getKey()), cluster)) {
            fresh += e.getValue();
          }
        }
        double share = (double) fresh / d.total();
        if (!lasting.contains(d)) {
          most = Math.max(most, share);
        } else if (share > 0) {
          lastingWithNew++;
          mostLasting = Math.max(mostLasting, share);
        }
      }
      seen.addAll(d.counts().keySet());
    }
    return lastingWithNew >= 2 ? Math.max(most, mostLasting) : most;
  }

  /** A value as a person reads it: no accents, one case, single spaces, no surrounding space. */
  static String form(String value) {
    String stripped = Normalizer.normalize(value, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return stripped.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
  }

  /**
   * UTF-8 text that was decoded as Latin-1 (or Windows-1252) and encoded again ("MÃ¼nchen" for
   * "München"), decoded back; null when the value is not of that shape.
   */
  static String repairEncoding(String value) {
    if (value.chars().noneMatch(c -> c == 'Ã' || c == 'Â' || c == 'â')) {
      return null;
    }
    byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
    String repaired = new String(bytes, StandardCharsets.UTF_8);
    return repaired.equals(value) || repaired.indexOf('\uFFFD') >= 0 ? null : repaired;
  }

  private static String pairs(Map<String, String> values) {
    List<String> out = new ArrayList<>();
    values.entrySet().stream().limit(5).forEach(e -> out.add("\"" + e.getKey() + "\" for \"" + e.getValue() + "\""));
    return String.join(", ", out) + (values.size() > 5 ? ", +" + (values.size() - 5) + " more" : "");
  }

  private static String quoted(List<String> values) {
    List<String> out = values.stream().limit(5).map(v -> "\"" + v + "\"").toList();
    return String.join(", ", out) + (values.size() > 5 ? ", +" + (values.size() - 5) + " more" : "");
  }
}
