package io.dqgate.detect;

import io.dqgate.anomaly.AlarmBudget;
import io.dqgate.config.DetectSpec;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.RecordOwner;
import io.dqgate.vocabulary.Cause;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Detection's calibration: every judged day keeps its detectors' scores as its own records (owner
 * calibration), and the clean days' scores set the day's thresholds through an {@link AlarmBudget}. A
 * scored thing is reported when its rarity on this dataset reaches the day's WARN or BLOCK threshold.
 */
final class Calibration {
  /**
   * The detector of a drift finding reported as INFO while the budget learns; its metric is the original
   * "detector:metric", and the day stays out of the column's baselines as a warned day would.
   */
  static final String LEARNING = "learning";
  /** One record per scored thing: instance = the score's key, value = the score. */
  static final String SCORE = RecordOwner.CALIBRATION_PREFIX + "score";
  /** One record per calibrated day (value: how many scores), so a day with no scores is not replayed. */
  static final String SCORED = RecordOwner.CALIBRATION_PREFIX + "scored";
  /** A series score below this (robust sd) is never reported, however quiet the metric was. */
  static final double MIN_SERIES_SCORE = 2.0;
  /** A score this many times the largest clean-day score of its key is beyond the history's tail. */
  static final double BEYOND_HISTORY = 2.0;

  /**
   * An extreme (a value outside the clean range) this many times past what it needs, and this many times
   * past the most any column's extreme reached on a clean day, is a sentinel or a unit slip, not a heavy
   * tail: it blocks whatever the tail model extrapolates.
   */
  static final double EXTREME_BEYOND_HISTORY = 10.0;

  /**
   * Margins past the clean days' envelope a defect counter's signature needs to block before its key is
   * calibrated: the highest of a few clean days says little about a heavy tail, so a smaller crossing warns.
   */
  static final double UNCALIBRATED_SIGNATURE_BLOCK = 3.0;

  private Calibration() {}

  private static Finding atMostWarn(Finding f) {
    if (f.severity().compareTo(Severity.WARN) <= 0) {
      return f;
    }
    return new Finding(f.detector(), f.metric(), f.column(), f.file(), f.observed(), f.expectedLow(),
        f.expectedHigh(), f.score(), Severity.WARN, f.message(), f.cause(), f.rarity());
  }

  /** The least tail scale of a family's scores: the unit below which a difference means nothing. */
  static double minScale(String key) {
    if (key.startsWith("series:")) {
      return 0.5;
    }
    if (key.startsWith("correlation:")) {
      return 0.01;
    }
    if (key.startsWith(FractionSignatures.FAMILY + ":")) {
      return 0.5; // margins past the clean days' envelope
    }
    return 0.1; // pca and drift: multiples of their fixed limits
  }

  static List<MetricRecord> records(String dataset, LocalDate date, String runId, List<Scored> scores) {
    Instant now = Instant.now();
    List<MetricRecord> out = new ArrayList<>();
    int count = 0;
    for (Scored s : scores) {
      if (s.key() != null && !Double.isNaN(s.score())) {
        out.add(new MetricRecord(dataset, date, runId, now, Entity.DATASET, s.key(), SCORE, s.score(), null));
        count++;
      }
    }
    out.add(new MetricRecord(dataset, date, runId, now, Entity.DATASET, MetricKey.WHOLE_DATASET, SCORED, count,
        null));
    return out;
  }

  static boolean calibrated(Map<MetricKey, MetricRecord> day) {
    return day.containsKey(MetricKey.dataset(SCORED));
  }

  /** The stored scores of a day by key. */
  static Map<String, Double> scores(Map<MetricKey, MetricRecord> day) {
    Map<String, Double> out = new HashMap<>(day.size());
    for (MetricRecord m : day.values()) {
      if (m.metric().equals(SCORE)) {
        out.put(m.instance(), m.value());
      }
    }
    return out;
  }

  /** A key's scores on the clean days so far: how many days scored it, and the highest score. */
  record Envelope(int days, double max) {}

  /**
   * Days a key needs in its envelope before a score inside it silences the key's fixed rule: the chance
   * that a clean day's score is the highest of this many is one in six.
   */
  static final int ENVELOPE_MIN_DAYS = 5;

  /** Each key's envelope over the history's calibration days, as {@link #counted} counts their scores. */
  static Map<String, Envelope> envelopes(MetricHistory history) {
    Map<String, Envelope> out = new HashMap<>();
    for (Map<String, Double> day : counted(history).values()) {
      day.forEach((key, score) -> out.merge(key, new Envelope(1, score),
          (a, b) -> new Envelope(a.days() + b.days(), Math.max(a.max(), b.max()))));
    }
    return out;
  }

  /**
   * The calibrated days' stored scores by day, as calibration counts them. A warned day not yet confirmed is
   * a clean day for the budget, but what it warned on is not known to be clean: its score of a key about
   * what it warned on (a column, the metric vector) counts no higher than {@link #EXTREME_BEYOND_HISTORY}
   * times the baseline days' highest of that key. A storm's delays, a few times their clean record, teach
   * the next storm's; a column ×1000 that the metric vector only warned on, a billion times past it, would
   * teach every later day that the same column's sentinels are ordinary.
   */
  static Map<LocalDate, Map<String, Double>> counted(MetricHistory history) {
    Map<LocalDate, Map<String, Double>> out = new LinkedHashMap<>();
    Map<String, Double> baselineHighest = new HashMap<>();
    for (LocalDate d : history.calibrationDays()) {
      Map<MetricKey, MetricRecord> day = history.stored(d);
      if (calibrated(day)) {
        Map<String, Double> scores = scores(day);
        out.put(d, scores);
        if (!history.pendingDays().contains(d)) {
          scores.forEach((key, score) -> baselineHighest.merge(key, score, Math::max));
        }
      }
    }
    for (LocalDate d : history.pendingDays()) {
      Map<String, Double> scores = out.get(d);
      if (scores == null) {
        continue;
      }
      Set<String> warned = new HashSet<>(history.policy().warned(d));
      for (Finding f : BaselinePolicy.warnedFindings(history.stored(d).values())) {
        if (BaselinePolicy.madeBy(f).equals(PCA_KEY)) {
          warned.add(PCA_KEY);
        }
      }
      scores.replaceAll((key, score) -> concerns(key, warned) && baselineHighest.containsKey(key)
          ? Math.min(score, EXTREME_BEYOND_HISTORY * baselineHighest.get(key)) : score);
    }
    return out;
  }

  /** The metric vector's score key. */
  static final String PCA_KEY = "pca";

  /**
   * Whether a score key ("series:amount.null_fraction", "drift:city", "signature:amount.range", "series:row_count",
   * "pca") is about one of {@code warned} (columns, "(dataset):detector" and the metric vector's key).
   */
  static boolean concerns(String key, Set<String> warned) {
    if (key.equals(PCA_KEY)) {
      return warned.contains(PCA_KEY);
    }
    int colon = key.indexOf(':');
    String family = key.substring(0, Math.max(0, colon));
    String rest = key.substring(colon + 1);
    if (!family.equals("drift") && !family.equals("correlation")) {
      int dot = rest.lastIndexOf('.');
      if (dot < 0) {
        String detector = family.startsWith("series") ? "series" : family;
        return warned.contains(BaselinePolicy.DATASET_WIDE + ":" + detector)
            || detector.equals("series") && warned.contains(BaselinePolicy.DATASET_WIDE + ":files");
      }
      rest = rest.substring(0, dot);
    }
    for (String column : rest.split(",")) {
      if (warned.contains(column)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the key is the metric vector's and has fewer than {@link #ENVELOPE_MIN_DAYS} clean-day scores of
   * its own: its first days are its calibration. Fitted on the two to three weeks it starts from, a model of
   * a hundred metrics has control limits that clean days cross more often than their confidence says, and
   * until its own scores on clean days show how far this dataset's days reach it reports nothing; every
   * column's series and signatures judge those days.
   */
  private static boolean learning(Scored s, Map<String, Envelope> envelopes) {
    if (s.key() == null || !s.family().equals("pca")) {
      return false;
    }
    Envelope e = envelopes.get(s.key());
    return e == null || e.days() < ENVELOPE_MIN_DAYS;
  }

  /**
   * Whether a fixed rule's alarm scores no higher than the same key did on a clean day before (a value the
   * score has already taken on this dataset is not an anomaly by itself). Signatures keep their own rule:
   * they are measured against the clean days' envelope of the metric already. The metric vector's score is
   * within its envelope up to {@link #BEYOND_HISTORY} times its highest clean score: one score a day of a
   * hundred metrics has a long tail, and the highest of its first few weeks is a record that a clean day
   * breaks about once in as many days as the record holds, where a broken vector leaves that record far
   * behind.
   */
  private static boolean withinEnvelope(Scored s, Map<String, Envelope> envelopes) {
    if (s.key() == null || s.family().equals(FractionSignatures.FAMILY)) {
      return false;
    }
    Envelope e = envelopes.get(s.key());
    double reach = s.family().equals("pca") ? BEYOND_HISTORY : 1;
    return e != null && e.days() >= ENVELOPE_MIN_DAYS && s.score() <= reach * e.max();
  }

  /**
   * The columns whose series crossed their fixed band today at a score the same key reached on a clean day
   * before, while too little history calibrates it: the column moved, as it has on clean days.
   */
  static Set<String> movedAsBefore(List<Scored> scores, AlarmBudget budget, Map<String, Envelope> envelopes) {
    Set<String> out = new TreeSet<>();
    for (Scored s : scores) {
      boolean uncalibrated = s.key() != null && (budget == null || !budget.knows(s.key()));
      if (uncalibrated && s.family().startsWith("series") && s.fixedAlarm() && withinEnvelope(s, envelopes)
          && s.finding().column() != null) {
        out.add(s.finding().column());
      }
    }
    return out;
  }

  /** The budget learnt from the history's calibration days; null while there are too few of them. */
  static AlarmBudget learn(MetricHistory history, DetectSpec spec) {
    List<AlarmBudget.Day> days = new ArrayList<>();
    for (Map<String, Double> day : counted(history).values()) {
      days.add(new AlarmBudget.Day(day));
    }
    if (days.size() < spec.budgetMinDays()) {
      return null;
    }
    return AlarmBudget.learn(days, Calibration::minScale, spec.budgetMinDays(), spec.warnEveryDays(),
        spec.blockEveryDays());
  }

  /**
   * The findings of the day's scores: by the budget where it knows the key, by the detectors' fixed rules
   * otherwise (too little history) unless the key's earlier scores or the baseline's own spread reach as
   * high, and every uncalibrated finding as it is.
   */
  static List<Finding> decide(List<Scored> scores, AlarmBudget budget, Map<String, Envelope> envelopes,
      DetectSpec spec) {
    List<Finding> out = new ArrayList<>();
    for (Scored s : scores) {
      if (s.key() == null || budget == null || !budget.knows(s.key())) {
        if (s.fixedAlarm() && !withinEnvelope(s, envelopes) && !s.withinOwnSpread().getAsBoolean()
            && !learning(s, envelopes)) {
          out.add(s.family().equals(FractionSignatures.FAMILY) && s.score() < UNCALIBRATED_SIGNATURE_BLOCK
              || signaturesRise(s) ? atMostWarn(s.finding()) : s.finding());
        }
        continue;
      }
      boolean signature = s.family().equals(FractionSignatures.FAMILY);
      if (signature && !s.fixedAlarm()) {
        continue; // inside the clean days' envelope: no signature, whatever its rarity
      }
      double surprise = budget.surprise(s.key(), s.score());
      boolean beyondHistory = beyondHistory(s, budget);
      if (!beyondHistory && (surprise < budget.warnThreshold()
          || s.family().startsWith("series") && s.score() < MIN_SERIES_SCORE)) {
        continue;
      }
      // the series of a counter whose rise its signature judges warns at most, after calibration as before it;
      // an extreme's own WARN (one row alone past the range, a young range's straggler) is its ceiling
      boolean block = !signaturesRise(s) && !RangeSignature.warnsAtMost(s)
          && (beyondHistory || surprise >= budget.blockThreshold());
      Severity severity = spec.severity(block ? s.blockSeverity() : s.warnSeverity());
      if (signature && !block && severity == Severity.BLOCK) {
        severity = Severity.WARN; // a crossing the clean days have made before warns
      }
      int[] asHigh = budget.asHigh(s.key(), s.score());
      Finding.Rarity rarity = new Finding.Rarity(asHigh[0], asHigh[1]);
      String note = String.format(Locale.ROOT, " [%s; about once in %s clean days on this dataset, %s at once in %s]",
          rarity.describe(), days(budget.onceInDays(surprise)), block ? "block" : "warn",
          days(block ? spec.blockEveryDays() : spec.warnEveryDays()));
      Finding f = s.finding();
      out.add(new Finding(f.detector(), f.metric(), f.column(), f.file(), f.observed(), f.expectedLow(),
          f.expectedHigh(), f.score(), severity, f.message() + note, f.cause(), rarity));
    }
    return out;
  }

  /**
   * The identities ({@link #identity}) of the day's scored findings whose rarity the budget knows and finds
   * below the day's block threshold: where such a finding blocks, it is for a score past the largest the
   * clean days gave, not for its rarity. Empty while the budget is learning.
   */
  static Set<String> rarityWouldNotBlock(List<Scored> scores, AlarmBudget budget) {
    Set<String> out = new java.util.HashSet<>();
    if (budget == null) {
      return out;
    }
    for (Scored s : scores) {
      if (s.key() != null && budget.knows(s.key()) && budget.surprise(s.key(), s.score()) < budget.blockThreshold()) {
        out.add(identity(s.finding()));
      }
    }
    return out;
  }

  /** The families of natural variation: every day moves them a little, and only the dataset's history says how far. */
  private static final Set<String> NATURAL = Set.of("series", "series-quality", "pca", "drift");

  /**
   * While the budget is still learning the dataset (fewer than its calibrated days), a fixed rule of natural
   * variation warns only where it reaches its severe level, and a distribution statistic's or the volume's
   * blocks nowhere: its levels are set for no dataset in particular, and the dataset's own days do not yet say
   * how often its clean days cross them (a holiday's volume and a lost file's look alike to a month-old
   * history). A crossing of the plain level becomes INFO, a severe one WARN, each saying why. A column's drift
   * is INFO at any level ({@link #LEARNING}): it compares the day with a few days of its weekday, its
   * block level is barely past its plain one, and a storm moves a feed's delays as far as a broken column would
   * move them (a column that is broken rather than moved has its signature). Such a day stays out of that
   * column's baselines as the warned day it would have been, so a storm's delays do not widen the range a later
   * unit change is measured against; a bad-data
   * counter's block, signatures, rules, schema and file checks keep their own. A rise of a counter whose
   * signature scored the column today is the signature's to judge ({@link #signaturesRise}): its series crossing
   * is plain, so a storm's cancellations that the signature finds in line with their partner columns do not
   * warn by a band drawn on a few weeks. One row alone past a column's clean range ({@code lone}, asked of its
   * column: {@link RangeSignature#loneColumn}) warns once calibrated where its column's clean days rarely bring
   * one; while learning, its range, moments, extremes and the vector it leads are INFO ({@link #LEARNING}, the
   * day out of that column's baselines): a column with a heavy tail (the exclamation marks of an e-mail) sets
   * a record far past a few weeks' range with one row, and one row never blocks. The findings are matched to
   * the day's scores by detector, metric and column.
   */
  static List<Finding> whileLearning(List<Finding> findings, List<Scored> scores, AlarmBudget budget,
      DetectSpec spec, Predicate<String> lone) {
    if (budget != null) {
      return findings;
    }
    Set<String> plain = new java.util.HashSet<>();
    Set<String> severe = new java.util.HashSet<>();
    Set<String> bySignature = new java.util.HashSet<>();
    Set<String> distribution = new java.util.HashSet<>();
    Set<String> signed = scores.stream().filter(s -> s.family().equals(FractionSignatures.FAMILY))
        .map(s -> counter(s.finding())).collect(java.util.stream.Collectors.toSet());
    for (Scored s : scores) {
      if (s.key() == null || !NATURAL.contains(s.family()) || !s.fixedAlarm()) {
        continue;
      }
      if (signaturesRise(s) && signed.contains(counter(s.finding()))) {
        bySignature.add(identity(s.finding()));
      } else if (s.family().equals("drift")) {
        distribution.add(identity(s.finding()));
      } else if (!s.severeAlarm()) {
        plain.add(identity(s.finding()));
      } else if (!s.family().equals("series-quality") || BroadShift.volume(s.finding())) {
        severe.add(identity(s.finding())); // a bad-data counter's block stands: nulls, duplicates, malformed rows
      }
    }
    String learning = " [learning this dataset: fewer than " + spec.budgetMinDays() + " calibrated clean days, and"
        + " until then ";
    return findings.stream().map(f -> f.severity() == Severity.WARN && TailOnly.oneRowMoves(f) && lone.test(f.column())
        ? new Finding(LEARNING, f.detector() + ":" + f.metric(), f.column(), f.file(), f.observed(), f.expectedLow(),
            f.expectedHigh(), f.score(), Severity.INFO, f.message() + learning + "one row alone past a column's "
                + "clean range is reported, not warned: how often this column's clean days bring such a row is "
                + "what calibration learns]", Cause.ensure(f).cause(), f.rarity())
        : f.severity() == Severity.WARN && plain.contains(identity(f))
        ? f.withSeverity(Severity.INFO, f.message() + learning + "only a severe crossing of this rule warns]")
        : f.severity() == Severity.WARN && bySignature.contains(identity(f))
            ? f.withSeverity(Severity.INFO, f.message() + learning + "this counter's rise warns by its signature]")
        : f.severity().compareTo(Severity.WARN) >= 0 && distribution.contains(identity(f))
            ? new Finding(LEARNING, f.detector() + ":" + f.metric(), f.column(), f.file(), f.observed(),
                f.expectedLow(), f.expectedHigh(), f.score(), Severity.INFO, f.message() + learning
                    + "a column's drift is reported, not warned: how far this dataset's distributions move from"
                    + " week to week is not yet known]", Cause.ensure(f).cause(), f.rarity())
        : f.severity() == Severity.BLOCK && severe.contains(identity(f))
            ? f.withSeverity(Severity.WARN, f.message() + learning + "this rule warns instead of blocking]")
            : f).toList();
  }

  /** A finding's detector, metric and column: how a decided finding is matched to its score. */
  static String identity(Finding f) {
    return f.detector() + "|" + counter(f);
  }

  /** The counter or statistic a finding is about, whichever detector reports it: its metric and column. */
  private static String counter(Finding f) {
    return f.metric() + "|" + f.column();
  }

  /**
   * Far past anything the clean days scored, where the detector's own rule blocks a bad-data counter, a
   * correlation jump or a defect counter's signature: not natural variation, however heavy the tail the clean
   * days suggest (a 70 % volume loss on a feed with holidays, a leaked label). Distribution statistics are left
   * to the tail, and so are extremes unless they are an order of magnitude past every column's clean extremes.
   * A counter is measured against the same counter on every column (its peers): with many columns, one of them
   * passing its own clean record is an ordinary day.
   *
   * <p>A signature's score is a distance past the clean envelope in margins, near zero on clean days, so
   * twice its clean maximum can be a small step: it also needs the margins that block a key not yet
   * calibrated. A rise of a counter that has a signature is the signature's to block: the robust z of a
   * heavy-tailed share (nulls on a holiday) runs far past its clean days where the share itself is not.
   */
  static boolean beyondHistory(Scored s, AlarmBudget budget) {
    Finding f = s.finding();
    if (f.severity() != Severity.BLOCK) {
      return false;
    }
    boolean signature = s.family().equals(FractionSignatures.FAMILY);
    if (signature && s.key().endsWith(RangeSignature.KEY_SUFFIX)) {
      return s.score() >= EXTREME_BEYOND_HISTORY && s.score() > EXTREME_BEYOND_HISTORY * budget.maxPeerScore(s.key());
    }
    boolean correlation = s.family().equals("correlation");
    boolean counter = s.family().equals("series-quality") && !signaturesRise(s);
    return (counter || correlation || signature && s.score() >= UNCALIBRATED_SIGNATURE_BLOCK)
        && s.score() > BEYOND_HISTORY * budget.maxScore(s.key())
        && (correlation || s.score() > BEYOND_HISTORY * budget.maxPeerScore(s.key()));
  }

  /**
   * A series score of a counter's rise that the counter's signature judges (nulls, duplicates …, and the
   * count of new values, whose share of the rows the column's category signature weighs against the new
   * values its clean days brought): the signature blocks it, on the share's own scale, before calibration and
   * after; the series only warns. A count of new values far above its median is how a new season's cast or a
   * new product line looks once one such turnover is in the baselines.
   */
  static boolean signaturesRise(Scored s) {
    Finding f = s.finding();
    return s.family().equals("series-quality") && (FractionSignatures.judgesRise(f.metric())
        || f.metric().equals(MetricNames.NEW_VALUE_COUNT)) && f.observed() > f.expectedHigh();
  }

  private static String days(double n) {
    if (Double.isInfinite(n) || n > 1e6) {
      return "more than a million";
    }
    return n >= 100 ? String.format(Locale.ROOT, "%.0f", n) : String.format(Locale.ROOT, "%.3g", n);
  }
}
