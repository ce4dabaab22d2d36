package io.dqgate.jobs;

import io.dqgate.BadConfigException;
import io.dqgate.sample.SampleFeedGenerator;

/** The sample feed's command-line options ({@code --days}, {@code --start}, {@code --seed} …) and number parsing. */
final class SampleFeedOptions {
  private SampleFeedOptions() {}

  static SampleFeedGenerator generator(Args args) {
    SampleFeedGenerator.Builder builder = SampleFeedGenerator.builder();
    args.get("seed").ifPresent(s -> builder.seed(parseLong("seed", s)));
    if (args.get("start").isPresent()) {
      builder.start(args.date("start"));
    }
    if (args.get("days").isPresent()) {
      int days = (int) parseLong("days", args.get("days").get());
      builder.days(days);
      // The default contaminated day is the 21st; shorter feeds get theirs two thirds in.
      builder.contaminatedDay(Math.min(SampleFeedGenerator.DEFAULT_CONTAMINATED_DAY_INDEX, days * 2 / 3));
    }
    if (args.get("contaminated-day").isPresent()) {
      String value = args.get("contaminated-day").get();
      if (value.equals("none")) {
        builder.noContamination();
      } else {
        builder.contaminatedDay(args.date("contaminated-day"));
      }
    }
    args.get("rows-per-weekday").ifPresent(r -> builder.rowsPerWeekday((int) parseLong("rows-per-weekday", r)));
    return builder.build();
  }

  static long parseLong(String option, String value) {
    try {
      long v = Long.parseLong(value);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new BadConfigException("--" + option + ": must be a non-negative integer, was \"" + value + "\"");
    }
  }
}
