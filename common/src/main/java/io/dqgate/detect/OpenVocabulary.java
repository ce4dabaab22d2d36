package io.dqgate.detect;

import io.dqgate.drift.CategoricalDistribution;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * Whether a categorical column's clean days keep listing values none before them listed (travel agents,
 * clinics, breeds: a vocabulary that grows), and which of a day's never-seen values still stand out in such a
 * column. A value written like the vocabulary's own (the same kinds of characters) is its next entry and
 * counts only where it brings more rows than one value took on a clean day; a placeholder ("UNKNOWN", "n/a")
 * or a value of characters none of its values had is no entry of it and counts as in a closed column.
 */
final class OpenVocabulary {
  /**
   * A column is open when at least this share of its clean days, from the {@link SignatureJudge#MIN_DAYS}th on
   * (the days before list a closed vocabulary's rarer values for the first time), listed a value no clean day
   * before them listed.
   */
  static final double OPEN_DAYS = 0.2;
  /** Texts that stand for a missing value rather than a value, compared in {@link CategorySignatures#form}. */
  static final Set<String> PLACEHOLDERS = Set.of("unknown", "unk", "n/a", "na", "#n/a", "null", "none", "nil",
      "nan", "missing", "undefined", "not available", "not applicable", "tbd", "?", "-", "--", "<na>");

  private OpenVocabulary() {}

  /**
   * Whether the column's {@code clean} days (oldest first) list new values on at least {@link #OPEN_DAYS} of
   * the days from the {@link SignatureJudge#MIN_DAYS}th on, with at least that many days counted.
   */
  static boolean opens(List<CategoricalDistribution> clean) {
    Set<String> seen = new LinkedHashSet<>();
    int counted = 0;
    int listing = 0;
    for (int i = 0; i < clean.size(); i++) {
      Set<String> listed = clean.get(i).counts().keySet();
      if (i >= SignatureJudge.MIN_DAYS) {
        counted++;
        if (listed.stream().anyMatch(v -> !seen.contains(v))) {
          listing++;
        }
      }
      seen.addAll(listed);
    }
    return counted >= SignatureJudge.MIN_DAYS && listing >= OPEN_DAYS * counted;
  }

  /**
   * The kinds of characters a value is written with: digits, upper-case and lower-case letters, other
   * letters, spaces, and each other character as itself ("tanisa_morgan" and "qutb_al_arshad" alike,
   * "UNKNOWN" of another kind).
   */
  static String shape(String value) {
    Set<Character> kinds = new TreeSet<>();
    value.codePoints().forEach(c -> kinds.add(Character.isDigit(c) ? '9' : Character.isUpperCase(c) ? 'A'
        : Character.isLowerCase(c) ? 'a' : Character.isLetter(c) ? 'L' : Character.isWhitespace(c) ? ' '
        : c < Character.MIN_SUPPLEMENTARY_CODE_POINT ? (char) c : '*'));
    StringBuilder out = new StringBuilder(kinds.size());
    kinds.forEach(out::append);
    return out.toString();
  }

  /** The shapes of the known values. */
  static Set<String> shapes(Set<String> known) {
    Set<String> out = new LinkedHashSet<>();
    known.forEach(v -> out.add(shape(v)));
    return out;
  }

  /**
   * Which never-seen values are written by another hand than every {@code known} value: a placeholder where none
   * of them was one, a number far outside a vocabulary of numbers ({@link #sentinel}) or one of its numbers written
   * as no number ({@link #numberWrittenOtherwise}), or letters of a case none
   * of them used ("UNKNOWN" among room types "a" to "i"). A vocabulary
   * written without letters (counts in ranges, "2-10", "11-100") shows no hand of its own for words, whose first
   * entry ("Over 100") is judged as any never-seen value. A value the
   * clean days missed by chance is one of the vocabulary's own, written as they are, so in a closed column such a
   * value is new from its first row. An open one keeps listing values people typed ("s117401" among licence
   * numbers "S…"): there such a value is no entry of the vocabulary ({@link #entry}) and needs the rows a
   * never-seen value needs in a closed column.
   */
  static Predicate<String> alien(Set<String> known) {
    boolean placeholder = known.stream().anyMatch(OpenVocabulary::placeholder);
    boolean upper = known.stream().anyMatch(v -> has(v, Character::isUpperCase));
    boolean lower = known.stream().anyMatch(v -> has(v, Character::isLowerCase));
    Predicate<String> sentinel = sentinel(known);
    Predicate<String> otherwise = numberWrittenOtherwise(known);
    return v -> placeholder(v) ? !placeholder : sentinel.test(v) || otherwise.test(v)
        || (upper || lower) && (!upper && has(v, Character::isUpperCase) || !lower && has(v, Character::isLowerCase));
  }

  /** How many times the largest known number a never-seen number must be to stand for something else. */
  static final double SENTINEL_FACTOR = 100;

  /**
   * Which never-seen values stand outside a vocabulary of numbers (plots 1 to 24, codes of five digits): a number
   * at least {@link #SENTINEL_FACTOR} times the largest known one (9999999), or negative where none was (-1).
   * Nothing, where a known value is not a number.
   */
  static Predicate<String> sentinel(Set<String> known) {
    if (known.isEmpty() || !known.stream().allMatch(v -> Double.isFinite(number(v)))) {
      return v -> false;
    }
    double largest = known.stream().mapToDouble(v -> Math.abs(number(v))).max().orElse(0);
    boolean negative = known.stream().anyMatch(v -> number(v) < 0);
    return v -> {
      double x = number(v);
      return Double.isFinite(x) && (x < 0 && !negative || Math.abs(x) >= SENTINEL_FACTOR * Math.max(1, largest));
    };
  }

  /**
   * Which never-seen values write a number of a vocabulary of numbers as no number ("$12", "12 kg", "1,5"): digits
   * among other signs. Nothing, where a known value is not a number.
   */
  static Predicate<String> numberWrittenOtherwise(Set<String> known) {
    if (known.isEmpty() || !known.stream().allMatch(v -> Double.isFinite(number(v)))) {
      return v -> false;
    }
    return v -> !Double.isFinite(number(v)) && has(v, Character::isDigit);
  }

  /** The value read as a plain decimal number, NaN when it is not one. */
  static double number(String value) {
    String v = value.trim();
    if (v.isEmpty() || !v.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '-' || c == '+')) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static boolean has(String value, IntPredicate kind) {
    return value.codePoints().anyMatch(kind);
  }

  /** Whether a value is a placeholder, read as a person reads it and with underscores as spaces ("NOT_APPLICABLE"). */
  static boolean placeholder(String value) {
    return PLACEHOLDERS.contains(CategorySignatures.form(value.replace('_', ' ')));
  }

  /** Whether a never-seen value reads as the vocabulary's next entry: not a placeholder, in a known shape. */
  static boolean entry(String value, Set<String> shapes) {
    return !placeholder(value) && shapes.contains(shape(value));
  }
}
