package io.dqgate.drift;

import java.util.List;

/**
 * Two distributions on common cells: {@code baseline[i]} and {@code current[i]} are the weights (counts for
 * categoricals, probability masses for numeric bins) of {@code labels.get(i)}. {@code otherIndex} is the other
 * bucket's cell (-1 when there is none) and {@code folded} how many listed values were folded into it because
 * one side's list was truncated.
 */
public record AlignedCells(List<String> labels, double[] baseline, double[] current, int otherIndex,
    int folded) {
  public AlignedCells {
    if (labels.size() != baseline.length || baseline.length != current.length) {
      throw new IllegalArgumentException("aligned cells: " + labels.size() + " labels, " + baseline.length
          + " baseline and " + current.length + " current cells");
    }
    labels = List.copyOf(labels);
  }

  public int size() {
    return labels.size();
  }
}
