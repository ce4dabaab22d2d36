package io.dqgate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.bench.CsvTable;
import io.dqgate.bench.FeedInjector;
import io.dqgate.bench.PlantedIncident;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each incident kind goes on the first free incident day whose data it fits. */
class IncidentScheduleTest {
  @Test
  void aKindADayCannotTakeGoesOnTheNextFreeDayAndLeavesThatDayToTheKindsAfterIt(@TempDir Path dir)
      throws IOException {
    LocalDate start = LocalDate.of(2014, 6, 1);
    Path feedRoot = dir.resolve("elec");
    for (int i = 0; i < 12; i++) {
      LocalDate day = start.plusDays(i);
      List<String[]> rows = new ArrayList<>();
      for (int slot = 0; slot < 48; slot++) {
        rows.add(new String[] {day + String.format(Locale.ROOT, " %02d:%02d:00", slot / 2, 30 * (slot % 2)),
            Integer.toString(3000 + 7 * slot)});
      }
      Path partition = Files.createDirectories(feedRoot.resolve("dt=" + day));
      new CsvTable(List.of("half_hour", "demand"), rows).write(partition.resolve("part-00000.csv"));
    }
    // the first incident day is the sixth of June, where swapping day and month changes nothing
    Map<LocalDate, FeedInjector.Planted> planted = DetectionBenchmarkJob.plant(feedRoot,
        new DetectionBenchmarkJob.Feed("elec", start, "table"), 12, 5,
        List.of(PlantedIncident.DAY_MONTH_SWAP, PlantedIncident.DUPLICATE_ROWS, PlantedIncident.NEW_VALUES));

    assertThat(planted).containsOnlyKeys(LocalDate.of(2014, 6, 6), LocalDate.of(2014, 6, 8));
    assertThat(planted.get(LocalDate.of(2014, 6, 6)).incident()).isEqualTo(PlantedIncident.DUPLICATE_ROWS);
    assertThat(planted.get(LocalDate.of(2014, 6, 8)).incident()).isEqualTo(PlantedIncident.DAY_MONTH_SWAP);
    assertThat(Files.readString(feedRoot.resolve("dt=2014-06-08/part-00000.csv"))).contains("2014-08-06 00:30:00");
    assertThat(Files.readString(feedRoot.resolve("dt=2014-06-10/part-00000.csv")))
        .as("no categorical column: no new values anywhere").isEqualTo(Files.readString(
            dir.resolve("elec-clean/dt=2014-06-10/part-00000.csv")));
  }
}
