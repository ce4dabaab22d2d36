package io.dqgate.suggest;

import com.typesafe.config.ConfigUtil;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.config.SourceSpec;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A {@link Suggestion} written as a HOCON config that dqgate loads as it is ({@code --conf FILE --dataset
 * NAME}): the repository and the dataset's source as they were given, the suggested key and columns, and the
 * evidence for every rule as a comment above it.
 */
public final class SuggestedConfig {
  private static final String INDENT = "  ";

  private SuggestedConfig() {}

  /**
   * The config text, checked by loading it the way {@code --conf} does.
   *
   * @param dataset the dataset as configured now: its source, target and manifest are kept
   */
  public static String render(Suggestion suggestion, DatasetSpec dataset, String repositoryPath) {
    StringBuilder out = new StringBuilder();
    CleanDays days = suggestion.days();
    List<LocalDate> clean = days.days();
    out.append("# Suggested by dqgate from the metrics of ").append(days.size()).append(" clean day")
        .append(days.size() == 1 ? "" : "s").append(" of ").append(suggestion.dataset()).append(" between ")
        .append(suggestion.from()).append(" and ").append(suggestion.to()).append(" (").append(clean.get(0))
        .append(" .. ").append(clean.get(clean.size() - 1)).append(").\n");
    if (!days.leftOut().isEmpty()) {
      out.append("# Left out: ").append(ConfigSuggester.describe(days.leftOut())).append(".\n");
    }
    out.append("# Every rule held on every clean day; the comment above it says what it rests on. Review before\n")
        .append("# use: a rule learnt from a few days may be too tight.\n\n");
    out.append("repository {\n").append(INDENT).append("path = ").append(ConfigUtil.quoteString(repositoryPath))
        .append("\n}\n\n");
    out.append("datasets {\n");
    String in = INDENT + INDENT;
    out.append(INDENT).append(ConfigUtil.joinPath(suggestion.dataset())).append(" {\n");
    source(out, dataset.source(), in);
    suggestion.key().ifPresent(key -> {
      comment(out, in, "primary key: " + key.evidence());
      if (!key.alsoUnique().isEmpty()) {
        comment(out, in, "also looked unique: " + String.join(", ", key.alsoUnique()));
      }
      out.append(in).append("primary-key = ").append(list(key.columns())).append('\n');
    });
    dataset.target().ifPresent(t -> out.append(in).append("target = ").append(ConfigUtil.quoteString(t))
        .append('\n'));
    dataset.manifest().ifPresent(m -> out.append(in).append("manifest = ").append(ConfigUtil.quoteString(m))
        .append('\n'));
    out.append(in).append("columns {\n");
    String col = in + INDENT;
    for (ColumnSuggestion c : suggestion.columns()) {
      out.append(col).append(ConfigUtil.joinPath(c.column())).append(" {\n");
      for (Setting s : c.settings()) {
        comment(out, col + INDENT, s.evidence());
        s.assignments().forEach(a -> out.append(col).append(INDENT).append(a).append('\n'));
      }
      out.append(col).append("}\n");
    }
    out.append(in).append("}\n");
    out.append(INDENT).append("}\n}\n");
    String text = out.toString();
    DqgateConfig.parse(text, "suggested config").dataset(suggestion.dataset());
    return text;
  }

  private static void source(StringBuilder out, SourceSpec source, String in) {
    String inner = in + INDENT;
    out.append(in).append("source {\n");
    out.append(inner).append("path = ").append(ConfigUtil.quoteString(source.path())).append('\n');
    out.append(inner).append("format = ").append(source.format().label()).append('\n');
    source.partitioning().ifPresent(p -> out.append(inner).append("partitioning = ")
        .append(ConfigUtil.quoteString(p.toString())).append('\n'));
    source.partitionColumn().ifPresent(p -> out.append(inner).append("partition-column = ")
        .append(ConfigUtil.quoteString(p)).append('\n'));
    if (!source.options().isEmpty()) {
      out.append(inner).append("options {\n");
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(source.options()).entrySet()) {
        out.append(inner).append(INDENT).append(ConfigUtil.quoteString(e.getKey())).append(" = ")
            .append(ConfigUtil.quoteString(e.getValue())).append('\n');
      }
      out.append(inner).append("}\n");
    }
    out.append(in).append("}\n");
  }

  private static void comment(StringBuilder out, String indent, String text) {
    out.append(indent).append("# ").append(text.replaceAll("\\R", " ")).append('\n');
  }

  private static String list(List<String> values) {
    return "[" + String.join(", ", values.stream().map(ConfigUtil::quoteString).toList()) + "]";
  }
}
