package io.dqgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the injector plants changes the day's data. */
class FeedInjectorTest {
  private static final String[] PHASES = {"Take-off run", "Approach", "Climb"};

  /** A day of strikes: a take-off run's height is always 0, the other phases' heights are not. */
  private static Path day(Path dir) throws IOException {
    return day(dir, 60);
  }

  /** As {@link #day(Path)}, of {@code count} rows. */
  private static Path day(Path dir, int count) throws IOException {
    Random random = new Random(5);
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String phase = PHASES[i % PHASES.length];
      double height = phase.equals("Take-off run") ? 0 : 100 + 3000 * random.nextDouble();
      rows.add(new String[] {phase, String.format(Locale.ROOT, "%.1f", height)});
    }
    Path partition = Files.createDirectories(dir.resolve("dt=2021-02-07"));
    new CsvTable(List.of("phase", "height"), rows).write(partition.resolve("part-00000.csv"));
    return partition;
  }

  @Test
  void aSegmentInAnotherUnitIsOneWhoseValuesTheUnitMoves(@TempDir Path dir) throws IOException {
    for (long seed = 0; seed < 12; seed++) {
      Path partition = day(dir.resolve("s" + seed));
      String before = Files.readString(partition.resolve("part-00000.csv"));
      FeedInjector.Planted planted = FeedInjector.plant(partition, null, PlantedIncident.SEGMENT_UNIT_CHANGE, seed)
          .orElseThrow();
      assertThat(planted.column()).isEqualTo("height");
      assertThat(planted.description()).startsWith("height ×100 where phase = ").doesNotContain("Take-off run");
      assertThat(Files.readString(partition.resolve("part-00000.csv"))).isNotEqualTo(before);
    }
  }

  @Test
  void aShareOfASmallDayChangesAtLeastOneRow(@TempDir Path dir) throws IOException {
    // a fifth of 5 rows draws none about every third day
    for (long seed = 0; seed < 12; seed++) {
      Path partition = day(dir.resolve("s" + seed), 5);
      byte[] before = Files.readAllBytes(partition.resolve("part-00000.csv"));
      FeedInjector.Planted planted = FeedInjector.plant(partition, null, PlantedIncident.ENCODING, seed)
          .orElseThrow();
      assertThat(planted.description()).startsWith("20% of phase");
      String after = Files.readString(partition.resolve("part-00000.csv"), StandardCharsets.ISO_8859_1);
      assertThat(Files.readAllBytes(partition.resolve("part-00000.csv"))).isNotEqualTo(before);
      assertThat(after).contains("\u00e9");
    }
  }

  @Test
  void mostlyNonZeroCountsFilledValuesOnly() {
    CsvTable table = new CsvTable(List.of("phase", "height"), List.of(
        new String[] {"Taxi", "0"}, new String[] {"Taxi", ""}, new String[] {"Taxi", "5"},
        new String[] {"Taxi", "7.5"}, new String[] {"Climb", "0.0"}, new String[] {"Climb", "3"}));
    assertThat(FeedInjector.mostlyNonZero(table, 0, "Taxi", 1)).isTrue();
    assertThat(FeedInjector.mostlyNonZero(table, 0, "Climb", 1)).as("one of two is not most").isFalse();
  }

  @Test
  void aSwapOfDayAndMonthIsPlantedOnlyWhereItChangesAValue(@TempDir Path dir) throws IOException {
    List<String[]> sixthOfJune = new ArrayList<>();
    List<String[]> seventhOfJune = new ArrayList<>();
    for (int slot = 0; slot < 48; slot++) {
      String time = String.format(Locale.ROOT, " %02d:%02d:00", slot / 2, 30 * (slot % 2));
      sixthOfJune.add(new String[] {"2014-06-06" + time, Integer.toString(3000 + slot)});
      seventhOfJune.add(new String[] {"2014-06-07" + time, Integer.toString(3000 + slot)});
    }
    Path same = Files.createDirectories(dir.resolve("dt=2014-06-06"));
    new CsvTable(List.of("half_hour", "demand"), sixthOfJune).write(same.resolve("part-00000.csv"));
    Path swapped = Files.createDirectories(dir.resolve("dt=2014-06-07"));
    new CsvTable(List.of("half_hour", "demand"), seventhOfJune).write(swapped.resolve("part-00000.csv"));

    assertThat(FeedInjector.plant(same, null, PlantedIncident.DAY_MONTH_SWAP, 1)).isEmpty();
    FeedInjector.Planted planted = FeedInjector.plant(swapped, null, PlantedIncident.DAY_MONTH_SWAP, 1)
        .orElseThrow();
    assertThat(planted.column()).isEqualTo("half_hour");
    assertThat(Files.readString(swapped.resolve("part-00000.csv"))).contains("2014-07-06 00:30:00")
        .doesNotContain("2014-06-07");
  }
}
