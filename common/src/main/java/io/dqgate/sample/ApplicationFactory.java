package io.dqgate.sample;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Clean loan applications for one day. Columns are drawn from one latent applicant (age, log income, credit
 * behaviour) so that the correlations a detector or a model would look for are really there: income grows
 * with age, loan amounts follow income, and default risk falls with credit score and rises with the loan
 * to income ratio.
 *
 * <p>Only {@link Random} and {@link StrictMath} are used: both are specified bit for bit, so the same seed gives
 * the same file on every JVM and platform.
 */
final class ApplicationFactory {
  static final List<String> GENDERS = List.of("Male", "Female", "Undeclared");
  static final List<String> REGIONS =
      List.of("North", "South", "East", "West", "Central", "Capital", "Coast", "Highlands");
  static final List<String> CHANNELS = List.of("web", "branch", "partner", "mobile");

  private static final double[] GENDER_SHARES = {0.48, 0.48, 0.04};
  private static final double[] REGION_SHARES = {0.24, 0.18, 0.15, 0.13, 0.11, 0.09, 0.06, 0.04};
  // Richer regions borrow more; this keeps region informative rather than decorative.
  private static final double[] REGION_LOG_INCOME = {0.00, -0.05, 0.02, 0.03, 0.08, 0.25, -0.02, -0.12};
  private static final double[] WEEKDAY_CHANNEL_SHARES = {0.46, 0.22, 0.14, 0.18};
  // Branches are mostly closed at weekends and people apply from their phones instead.
  private static final double[] WEEKEND_CHANNEL_SHARES = {0.40, 0.06, 0.10, 0.44};
  private static final double[] HOUR_WEIGHTS = {
      0.4, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.5, 4.0, 5.0, 5.2,
      5.5, 5.2, 4.8, 4.5, 4.2, 4.0, 4.2, 4.6, 4.4, 3.2, 2.0, 1.0};

  private static final double MEDIAN_INCOME = 38_000;
  private static final double MEDIAN_LOAN_TO_INCOME = 0.32;
  // Fridays bring the larger purchases (cars, holidays): a day-of-week effect on the mean a detector may learn.
  private static final double FRIDAY_LOAN_FACTOR = 1.2;
  // Chosen so that about 8 % of applicants default.
  private static final double DEFAULT_INTERCEPT = -2.72;
  static final double INCOME_NULL_RATE = 0.03;
  static final double EMPLOYMENT_NULL_RATE = 0.02;

  private final Random random;

  ApplicationFactory(Random random) {
    this.random = random;
  }

  /**
   * The day's applications in the order they arrived.
   *
   * @param firstIdNumber the number in the first row's application_id; the rest follow one by one
   */
  List<ApplicationRow> day(LocalDate date, int count, long firstIdNumber) {
    int[] secondsOfDay = new int[count];
    for (int i = 0; i < count; i++) {
      secondsOfDay[i] = pick(HOUR_WEIGHTS) * 3600 + random.nextInt(3600);
    }
    Arrays.sort(secondsOfDay);
    boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    boolean friday = date.getDayOfWeek() == DayOfWeek.FRIDAY;
    List<ApplicationRow> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ApplicationRow row = applicant(date, weekend, friday);
      row.applicationId = applicationId(firstIdNumber + i);
      row.appliedAt = date.atStartOfDay().plusSeconds(secondsOfDay[i]);
      rows.add(row);
    }
    return rows;
  }

  static String applicationId(long number) {
    return String.format(Locale.ROOT, "A%09d", number);
  }

  private ApplicationRow applicant(LocalDate date, boolean weekend, boolean friday) {
    ApplicationRow row = new ApplicationRow();
    int targetAge;
    do {
      targetAge = (int) StrictMath.round(41 + 13 * random.nextGaussian());
    } while (targetAge < 18 || targetAge > 90);
    // Any birth date in the year before the last birthday gives exactly targetAge on the application day.
    LocalDate latest = date.minusYears(targetAge);
    LocalDate earliest = date.minusYears(targetAge + 1L).plusDays(1);
    row.birthDate = earliest.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(earliest, latest) + 1));
    row.age = Period.between(row.birthDate, date).getYears();

    row.gender = GENDERS.get(pick(GENDER_SHARES));
    int region = pick(REGION_SHARES);
    row.region = REGIONS.get(region);
    row.channel = CHANNELS.get(pick(weekend ? WEEKEND_CHANNEL_SHARES : WEEKDAY_CHANNEL_SHARES));

    double careerCurve = 1 - StrictMath.pow((row.age - 50) / 30.0, 2);
    double logIncome = StrictMath.log(MEDIAN_INCOME) + 0.45 * careerCurve + REGION_LOG_INCOME[region]
        + 0.55 * random.nextGaussian();
    long incomeCents = StrictMath.round(StrictMath.exp(logIncome) * 100);
    row.incomeCents = random.nextDouble() < INCOME_NULL_RATE ? null : incomeCents;

    double stretch = 0.45 * random.nextGaussian();
    double logLoanToIncome = StrictMath.log(MEDIAN_LOAN_TO_INCOME) + stretch
        + (friday ? StrictMath.log(FRIDAY_LOAN_FACTOR) : 0.0);
    double loan = StrictMath.exp(logIncome + logLoanToIncome);
    // People ask for round amounts.
    row.loanCents = StrictMath.max(500L, StrictMath.round(loan / 50) * 50) * 100;

    int maxYears = StrictMath.min(45, row.age - 17);
    int years = (int) StrictMath.round((row.age - 21) * (0.25 + 0.6 * random.nextDouble()));
    row.employmentYears = random.nextDouble() < EMPLOYMENT_NULL_RATE
        ? null : StrictMath.max(0, StrictMath.min(maxYears, years));

    double score = 655 + 40 * (logIncome - StrictMath.log(MEDIAN_INCOME)) + 1.1 * (row.age - 40)
        + 55 * random.nextGaussian();
    row.creditScore = (int) StrictMath.max(300, StrictMath.min(850, StrictMath.round(score)));

    // The Friday uplift is left out of the risk so that the default rate does not follow the weekday.
    double logit = DEFAULT_INTERCEPT - 0.02 * (row.creditScore - 655) + stretch;
    row.defaulted = random.nextDouble() < 1 / (1 + StrictMath.exp(-logit)) ? 1 : 0;

    row.email = FakeEmails.next(random, row.gender, row.birthDate.getYear());
    return row;
  }

  /** An index drawn with the given weights, which need not sum to one. */
  private int pick(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = random.nextDouble() * total;
    for (int i = 0; i < weights.length - 1; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
