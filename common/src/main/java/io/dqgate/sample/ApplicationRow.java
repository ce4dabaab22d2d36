package io.dqgate.sample;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One loan application while a day is being generated. Mutable on purpose: contamination edits a few fields
 * of chosen rows in place, and the row is only ever seen by this package.
 */
final class ApplicationRow {
  static final List<String> COLUMNS = List.of("application_id", "applied_at", "birth_date", "age", "gender",
      "region", "channel", "income", "loan_amount", "employment_years", "credit_score", "email", "defaulted");

  // Strict, so that the same formatters can tell whether a written value really has the format.
  static final DateTimeFormatter APPLIED_AT = strict("uuuu-MM-dd HH:mm:ss");
  static final DateTimeFormatter BIRTH_DATE = strict("dd-MM-uuuu");
  static final DateTimeFormatter BIRTH_DATE_MONTH_FIRST = strict("MM-dd-uuuu");

  String applicationId;
  LocalDateTime appliedAt;
  LocalDate birthDate;
  boolean birthDateMonthFirst;
  int age;
  String gender;
  String region;
  String channel;
  // Money is kept in cents so that writing it never depends on how a double is printed.
  Long incomeCents;
  long loanCents;
  Integer employmentYears;
  int creditScore;
  String email;
  int defaulted;
  final Set<Incident> incidents = EnumSet.noneOf(Incident.class);

  ApplicationRow copy() {
    ApplicationRow c = new ApplicationRow();
    c.applicationId = applicationId;
    c.appliedAt = appliedAt;
    c.birthDate = birthDate;
    c.birthDateMonthFirst = birthDateMonthFirst;
    c.age = age;
    c.gender = gender;
    c.region = region;
    c.channel = channel;
    c.incomeCents = incomeCents;
    c.loanCents = loanCents;
    c.employmentYears = employmentYears;
    c.creditScore = creditScore;
    c.email = email;
    c.defaulted = defaulted;
    c.incidents.addAll(incidents);
    return c;
  }

  /** The row as written, in {@link #COLUMNS} order; null where the field is empty. */
  List<String> fields() {
    return new ArrayList<>(Arrays.asList(
        applicationId,
        APPLIED_AT.format(appliedAt),
        (birthDateMonthFirst ? BIRTH_DATE_MONTH_FIRST : BIRTH_DATE).format(birthDate),
        Integer.toString(age),
        gender,
        region,
        channel,
        incomeCents == null ? null : money(incomeCents),
        money(loanCents),
        employmentYears == null ? null : employmentYears.toString(),
        Integer.toString(creditScore),
        email,
        Integer.toString(defaulted)));
  }

  private static DateTimeFormatter strict(String pattern) {
    return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
  }

  static String money(long cents) {
    String sign = cents < 0 ? "-" : "";
    long abs = Math.abs(cents);
    long fraction = abs % 100;
    return sign + (abs / 100) + (fraction < 10 ? ".0" : ".") + fraction;
  }
}
