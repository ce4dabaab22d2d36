package io.dqgate.report;

import io.dqgate.repository.RecordOwner;
import static io.dqgate.report.ReportFixtures.BAD_DAY;
import static io.dqgate.report.ReportFixtures.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.DqgateException;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Status;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overview's page model: one entry per calendar day with what was stored for it. */
class OverviewBuilderTest {
  @TempDir
  Path dir;

  @Test
  void everyCalendarDayWithItsVerdictLabelAndRows() {
    ReportFixtures fixtures = new ReportFixtures(dir);
    fixtures.writeAndJudgeAll();
    // a day profiled but never judged, and a person's word on the bad day
    fixtures.writeDay(BAD_DAY.plusDays(1), false);
    fixtures.repository.replaceOwned(RecordOwner.LABEL, "orders", BAD_DAY, List.of(new MetricRecord("orders",
        BAD_DAY, "label", Instant.EPOCH, Entity.DATASET, MetricKey.WHOLE_DATASET, MetricNames.LABEL,
        MetricNames.LABEL_REJECTED, null)));

    Overview overview = new OverviewBuilder(fixtures.repository).build("orders", BAD_DAY.minusDays(3),
        BAD_DAY.plusDays(2));
    assertThat(overview.days()).extracting(Overview.Day::date).containsExactly(BAD_DAY.minusDays(3),
        BAD_DAY.minusDays(2), BAD_DAY.minusDays(1), BAD_DAY, BAD_DAY.plusDays(1), BAD_DAY.plusDays(2));
    Overview.Day bad = overview.days().get(3);
    assertThat(bad.status()).contains(Status.BLOCK);
    assertThat(bad.label()).isEqualTo("rejected");
    assertThat(bad.findings()).isPositive();
    assertThat(bad.topFinding()).isNotBlank();
    assertThat(bad.profiled()).isTrue();
    Overview.Day unjudged = overview.days().get(4);
    assertThat(unjudged.status()).isEmpty();
    assertThat(unjudged.profiled()).isTrue();
    assertThat(unjudged.rowCount()).isPositive();
    Overview.Day nothing = overview.days().get(5);
    assertThat(nothing.status()).isEmpty();
    assertThat(nothing.profiled()).isFalse();
    assertThat(nothing.rowCount()).isNaN();
    assertThat(overview.counts()).containsEntry(Status.BLOCK, 1L)
        .containsEntry(Status.PASS, 3L - overview.counts().get(Status.WARN));
    assertThat(overview.notJudged()).isEqualTo(2);
  }

  @Test
  void rangeErrorsNameTheBadValue() {
    OverviewBuilder builder = new OverviewBuilder(new ReportFixtures(dir).repository);
    assertThatThrownBy(() -> builder.build("orders", START, START.minusDays(1)))
        .isInstanceOf(DqgateException.class)
        .hasMessage("--to: must not be before --from (2026-06-01), was 2026-05-31");
    assertThatThrownBy(() -> builder.build("orders", START, START.plusDays(5000)))
        .isInstanceOf(DqgateException.class)
        .hasMessage("--from/--to: an overview covers at most 3700 days, was 5001 (2026-06-01 .. "
            + START.plusDays(5000) + ")");
  }
}
