package io.dqgate.profile;

import java.io.Serializable;

/**
 * Where the scan kernel finds each column's values in the projected row, and which metrics it keeps
 * for it. Built on the driver by {@link ScanKernel}, shipped with the task. A slot of -1 is absent.
 */
final class KernelLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One profiled column. */
  static final class Column implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The text value (string columns), for nulls, empty strings, categories and distinct counts. */
    int text = -1;
    /** A 64-bit hash of a non-text value, null where the value is null. */
    int hash = -1;
    /** The value as a double (numeric columns). */
    int number = -1;
    /** The value's day (epoch day) where it parses (date and timestamp columns). */
    int day = -1;
    /** Whether the text parses only with day and month swapped. */
    int swapped = -1;
    /** The value cast to text (categorical columns that are not text). */
    int category = -1;
    /** Position of {@link #number} in the row's numeric value array, for correlations. */
    int numberIndex = -1;
    /** Whether {@link #day} is a date column's own value, whose distinct count hashes it as an int. */
    boolean hashDay;
    boolean countEmpty;
    boolean numeric;
    boolean distinct;
    boolean categorical;
    boolean temporal;
    boolean countFormat;
    boolean countSwapped;
    boolean countNotNumeric;
    Double min;
    Double max;
    String[] domain;
    int floorEpochDay;
  }

  Column[] columns;
  /** The partition day (yyyy-MM-dd) of the row; -1 when it comes from the file's folder instead. */
  int daySlot = -1;
  /** Folder prefixes (with a trailing slash) of the files of each day, and the days. */
  String[] folderPrefixes;
  String[] folderDays;
  /** The key's 64-bit hash and whether a key component is null; -1 without a key. */
  int keyHash = -1;
  int keyNull = -1;
  /** Two independent 64-bit hashes of the whole row. */
  int rowHash1 = -1;
  int rowHash2 = -1;
  /** How many columns have a numeric value (the length of the per-row value array). */
  int numericValues;
  /** The target's value as a double when the target is not a numeric column, and its position. */
  int extraNumber = -1;
  int extraNumberIndex = -1;
  /** Correlation pairs, as positions in the numeric value array. */
  int[] pairFirst = new int[0];
  int[] pairSecond = new int[0];
  int hllLgK;
  int kllK;
  /** The KLL size of a quantile sketch that samples: the sketch has half the stated rank error, the sample half. */
  int sampledKllK;
  /**
   * By partition day (yyyy-MM-dd), each column's share of values its quantile sketch takes; a day or
   * layout without one has every value taken.
   */
  java.util.Map<String, double[]> sampleRates;
  /** A categorical column with more distinct values than this in one task is counted by a shuffle instead. */
  int categoryLimit;
  /** The exact quantile tables' budget of the task that holds this copy of the layout (each task its own). */
  private transient NumberQuantiles.Budget exactBudget;

  /** The day's sample rates by column, or null when every value of every column is taken. */
  double[] sampleRates(String day) {
    return sampleRates == null ? null : sampleRates.get(day);
  }

  NumberQuantiles.Budget exactBudget() {
    if (exactBudget == null) {
      exactBudget = new NumberQuantiles.Budget(NumberQuantiles.TASK_EXACT_VALUES);
    }
    return exactBudget;
  }

  /**
   * Takes the folders of each day's files from the day column's metadata (a scan of many days' folders);
   * false when the column has none.
   */
  boolean readFolderDays(org.apache.spark.sql.types.Metadata dayMetadata) {
    if (!dayMetadata.contains(io.dqgate.source.PartitionReader.FOLDER_DAYS)) {
      return false;
    }
    try {
      var folders = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(dayMetadata.getString(io.dqgate.source.PartitionReader.FOLDER_DAYS));
      java.util.List<String> prefixes = new java.util.ArrayList<>();
      java.util.List<String> days = new java.util.ArrayList<>();
      folders.fields().forEachRemaining(e -> {
        prefixes.add(e.getKey());
        days.add(e.getValue().asText());
      });
      folderPrefixes = prefixes.toArray(String[]::new);
      folderDays = days.toArray(String[]::new);
      return true;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("unreadable folder days of the scan: " + e.getMessage(), e);
    }
  }

  /** The day of the folder a file is in; "?" for a file outside every day's folder. */
  String dayOfFile(String path) {
    String file = normalized(path);
    for (int k = 0; k < folderPrefixes.length; k++) {
      if (file.startsWith(normalized(folderPrefixes[k]))) {
        return folderDays[k];
      }
    }
    return "?";
  }

  /** A URL-encoded path without an empty authority ({@code file:/tmp}, never {@code file:///tmp}). */
  static String normalized(String path) {
    try {
      java.net.URI uri = new java.net.URI(path);
      String authority = uri.getRawAuthority();
      return (uri.getScheme() == null ? "" : uri.getScheme() + ":")
          + (authority == null || authority.isEmpty() ? "" : "//" + authority) + uri.getRawPath();
    } catch (java.net.URISyntaxException e) {
      return path;
    }
  }
}
