package io.dqgate.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A synthetic feed of scheduled flights out of three airports, one row a flight, whose shape the seed draws:
 * a timetable of routes (carrier, destination, distance, departures a day) that gains and loses routes at
 * schedule changes; business routes (short, early and evening departures) that fly less on Saturdays,
 * Sundays and holidays, so those days have fewer flights and another mix; and weather that moves every day.
 * A day's weather is heavy-tailed (Student-t with 3 degrees of freedom): it sets how late flights leave and,
 * on a storm day, how many are cancelled. A cancelled flight keeps its row and leaves its departure, arrival,
 * delays and air time empty together (and often its aircraft); a diverted one leaves its arrival empty. Each
 * day is drawn from its own stream (seed and date), so a day does not depend on the days before it.
 */
public final class AirlineFeed {
  static final List<String> ORIGINS = List.of("HUB", "NRT", "SAT");
  static final List<String> CARRIERS = List.of("AA", "B6", "DL", "EV", "UA", "WN", "MQ", "9E", "US", "VX", "OO",
      "F9");

  /** One route of the timetable: where and how far it flies, who flies it, when it runs and how often. */
  private record Route(String carrier, int number, String origin, String dest, int distance, int departures,
      int firstDay, int lastDay, int hour, boolean business) {}

  private final long seed;
  private final int days;
  private final double saturday;
  private final double holiday;
  private final double cancelBase;
  private final double stormEvery;
  private final double delayScale;
  private final List<Route> routes = new ArrayList<>();

  public AirlineFeed(long seed, int days) {
    this.seed = seed;
    this.days = days;
    Random shape = new Random(seed * 104_729L);
    this.saturday = 0.15 + 0.45 * shape.nextDouble();
    this.holiday = 0.2 + 0.4 * shape.nextDouble();
    this.cancelBase = 0.008 + 0.02 * shape.nextDouble();
    this.stormEvery = 25 + 40 * shape.nextDouble();
    this.delayScale = 8 + 10 * shape.nextDouble();
    int destinations = 40 + shape.nextInt(50);
    int[] distance = new int[destinations];
    for (int d = 0; d < destinations; d++) {
      distance[d] = (int) Math.round(Math.exp(Math.log(150) + shape.nextDouble() * Math.log(2600 / 150.0)));
    }
    int count = 150 + shape.nextInt(250);
    for (int k = 0; k < count; k++) {
      int dest = shape.nextInt(destinations);
      boolean business = distance[dest] < 900 && shape.nextDouble() < 0.6;
      // most routes fly all along; some start or stop at a schedule change
      int first = shape.nextDouble() < 0.12 ? shape.nextInt(days) : 0;
      int last = shape.nextDouble() < 0.1 ? first + shape.nextInt(days) : days;
      routes.add(new Route(CARRIERS.get(Math.min(CARRIERS.size() - 1, (int) (-Math.log(1 - shape.nextDouble())
          * 3.5))), 1 + shape.nextInt(4999), ORIGINS.get(shape.nextInt(ORIGINS.size())), String.format(Locale.ROOT,
          "D%02d", dest), distance[dest], 1 + (shape.nextDouble() < 0.3 ? shape.nextInt(4) : 0), first, last,
          business ? (shape.nextBoolean() ? 6 + shape.nextInt(3) : 16 + shape.nextInt(3)) : 5 + shape.nextInt(18),
          business));
    }
  }

  public String describe() {
    int weekday = 0;
    for (Route r : routes) {
      weekday += r.departures();
    }
    return String.format(Locale.ROOT, "flights: %d routes, about %d departures a weekday, business routes ×%.2f on "
        + "Saturdays and ×%.2f on holidays, %.1f%% cancelled on a calm day, a storm about every %.0f days, delays "
        + "scale %.0f min", routes.size(), weekday, saturday, holiday, 100 * cancelBase, stormEvery, delayScale);
  }

  public void write(Path root, LocalDate start) throws IOException {
    for (int i = 0; i < days; i++) {
      LocalDate day = start.plusDays(i);
      Feeds.writeDay(root.resolve("dt=" + day), day(day, i));
    }
  }

  CsvTable day(LocalDate day, int index) {
    Random r = new Random(seed * 1_000_033L + day.toEpochDay());
    boolean isHoliday = isHoliday(day);
    double businessKeep = isHoliday ? holiday : day.getDayOfWeek() == DayOfWeek.SATURDAY ? saturday
        : day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0.8 : 1.0;
    double leisureKeep = isHoliday ? 0.85 : day.getDayOfWeek() == DayOfWeek.SATURDAY ? 0.92 : 1.0;
    // the day's weather: a heavy-tailed severity; a storm on top now and then
    double weather = ShapedFeed.studentT(r);
    boolean storm = r.nextDouble() < 1 / stormEvery;
    double severity = Math.exp(0.45 * weather) * (storm ? 3 + 4 * r.nextDouble() : 1);
    double cancelled = Math.min(0.7, cancelBase * Math.exp(0.7 * weather)
        * (storm ? 8 + 30 * r.nextDouble() : 1));
    double wind = 0.04 * r.nextGaussian();
    List<String[]> rows = new ArrayList<>();
    for (Route route : routes) {
      if (index < route.firstDay() || index >= route.lastDay()) {
        continue;
      }
      for (int k = 0; k < route.departures(); k++) {
        if (r.nextDouble() > (route.business() ? businessKeep : leisureKeep)) {
          continue;
        }
        int hour = Math.min(23, route.hour() + 3 * k);
        int schedDep = hour * 100 + 5 * r.nextInt(12);
        int schedMinutes = hour * 60 + schedDep % 100;
        double airMinutes = (20 + route.distance() / 7.6) * (1 + wind) * Math.exp(0.04 * r.nextGaussian());
        int blockMinutes = (int) Math.round(airMinutes + 25);
        int schedArr = clock(schedMinutes + blockMinutes);
        String depTime = "";
        String depDelay = "";
        String arrTime = "";
        String arrDelay = "";
        String airTime = "";
        String tail = String.format(Locale.ROOT, "N%03d%s", r.nextInt(900) + 100, route.carrier());
        boolean cancel = r.nextDouble() < cancelled;
        if (cancel) {
          if (r.nextDouble() < 0.4) {
            tail = "";
          }
        } else {
          // late in the day and on bad days, flights leave later
          double lateShare = Math.min(0.9, 0.25 * severity * (0.6 + hour / 20.0));
          int dep = r.nextDouble() < lateShare
              ? (int) Math.round(-Math.log(1 - r.nextDouble()) * delayScale * severity * (0.5 + hour / 16.0))
              : -(int) Math.round(8 * r.nextDouble());
          int arr = dep + (int) Math.round(-4 + 10 * r.nextGaussian());
          depTime = String.valueOf(clock(schedMinutes + dep));
          depDelay = String.valueOf(dep);
          if (r.nextDouble() >= 0.003) {
            arrTime = String.valueOf(clock(schedMinutes + blockMinutes + arr));
            arrDelay = String.valueOf(arr);
            airTime = String.valueOf((int) Math.round(airMinutes));
          }
        }
        rows.add(new String[] {String.valueOf(day.getYear()), String.valueOf(day.getMonthValue()),
            String.valueOf(day.getDayOfMonth()), depTime, String.valueOf(schedDep), depDelay, arrTime,
            String.valueOf(schedArr), arrDelay, route.carrier(), String.valueOf(route.number()), tail,
            route.origin(), route.dest(), airTime, String.valueOf(route.distance()), String.valueOf(hour),
            String.format(Locale.ROOT, "%s %02d:00:00", day, hour)});
      }
    }
    return new CsvTable(List.of("year", "month", "day", "dep_time", "sched_dep_time", "dep_delay", "arr_time",
        "sched_arr_time", "arr_delay", "carrier", "flight", "tailnum", "origin", "dest", "air_time", "distance",
        "hour", "time_hour"), rows);
  }

  /** A clock time hhmm of minutes since midnight (past midnight wraps). */
  private static int clock(int minutes) {
    int m = Math.floorMod(minutes, 24 * 60);
    return m / 60 * 100 + m % 60;
  }

  /**
   * New Year, the third Monday of January and of February, Memorial Day, 4 July, Labor Day, Thanksgiving,
   * Christmas.
   */
  static boolean isHoliday(LocalDate d) {
    int month = d.getMonthValue();
    int dom = d.getDayOfMonth();
    DayOfWeek w = d.getDayOfWeek();
    int nth = (dom - 1) / 7 + 1;
    return month == 1 && dom == 1 || month == 7 && dom == 4 || month == 12 && dom == 25
        || (month == 1 || month == 2) && w == DayOfWeek.MONDAY && nth == 3
        || month == 5 && w == DayOfWeek.MONDAY && dom > 24
        || month == 9 && w == DayOfWeek.MONDAY && nth == 1
        || month == 11 && w == DayOfWeek.THURSDAY && nth == 4;
  }
}
