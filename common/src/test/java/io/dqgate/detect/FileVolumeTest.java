package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileVolumeTest {
  private static final Finding FILES = new Finding("files", "volume", null, null, 25163, 8307, 24921, Double.NaN,
      Severity.WARN, "total_bytes 25163 vs Saturday median 16614 (+51%)");

  private static Scored rows(double score, Severity severity) {
    Finding f = new Finding("series", "row_count", null, null, 361, 200, 300, score, severity, "row_count = 361");
    return new Scored("series:row_count", "series-quality", score, f, severity != Severity.INFO, "series",
        "series-severe");
  }

  @Test
  void aFileVolumeWarningTheRowCountSeriesJudgedNormalIsInfo() {
    List<Finding> out = FileVolume.deferToSeries(List.of(FILES), List.of(rows(2.13, Severity.INFO)));

    assertThat(out).hasSize(1);
    assertThat(out.get(0).severity()).isEqualTo(Severity.INFO);
    assertThat(out.get(0).message()).isEqualTo("total_bytes 25163 vs Saturday median 16614 (+51%); within the "
        + "feed's own variation by the row_count series (score 2.1)");
  }

  @Test
  void aWarningStaysWhenAVolumeSeriesAlarmedOrNoneWasJudged() {
    Scored alarmed = rows(9.4, Severity.WARN);
    List<Finding> withAlarm = List.of(FILES, alarmed.finding());

    assertThat(FileVolume.deferToSeries(withAlarm, List.of(alarmed))).isEqualTo(withAlarm);
    assertThat(FileVolume.deferToSeries(List.of(FILES), List.of())).containsExactly(FILES);
    Scored files = new Scored("series:file_count", "series-quality", 0, FILES, false, "series", "series-severe");
    assertThat(FileVolume.deferToSeries(List.of(FILES), List.of(files))).containsExactly(FILES);
  }

  @Test
  void aFileVolumeBlockIsNotSoftened() {
    Finding block = FILES.withSeverity(Severity.BLOCK, FILES.message());

    assertThat(FileVolume.deferToSeries(List.of(block), List.of(rows(1.0, Severity.INFO)))).containsExactly(block);
  }
}
