package io.dqgate.jobs;

import io.dqgate.pipeline.Repositories;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.suggest.ConfigSuggester;
import io.dqgate.suggest.SuggestedConfig;
import io.dqgate.suggest.Suggestion;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate suggest --from D1 --to D2 [--out FILE]}: a dataset config proposed from the clean days' stored
 * metrics, printed or written to FILE. Needs no Spark: it reads the metrics repository only.
 */
final class SuggestJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = DatasetSelection.options(DatasetSelection.SOURCE_OPTIONS,
      Set.of("from", "to", "out"));

  private SuggestJob() {}

  static int run(Args args, PrintStream out) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate from = args.date("from");
    LocalDate to = args.date("to");
    MetricsRepository repository = Repositories.open(selection.config(), Optional.empty(), selection.provenance());
    Suggestion suggestion = new ConfigSuggester(repository, selection.dataset().profile().distinctRelativeError())
        .suggest(selection.dataset().name(), from, to);
    String text = SuggestedConfig.render(suggestion, selection.dataset(), selection.config().repository().path());
    Optional<String> file = args.get("out");
    if (file.isPresent()) {
      JobOutput.writeAtomically(Path.of(file.get()), text, "--out");
    } else {
      out.print(text);
      out.flush();
    }
    LOG.info("suggest {}: {} column(s) from {} clean day(s) of {} .. {}{}{}", suggestion.dataset(),
        suggestion.columns().size(), suggestion.days().size(), from, to,
        suggestion.days().leftOut().isEmpty() ? "" : " (" + suggestion.days().leftOut().size() + " left out)",
        file.map(f -> "; written to " + f).orElse(""));
    return Main.OK;
  }
}
