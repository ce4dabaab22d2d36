package io.dqgate.sample;

/**
 * One incident as it ended up in a written partition.
 *
 * @param rows the data rows of the file that carry the incident (copies made by the duplicate incident carry
 *     whatever their source row carried)
 */
public record InjectedIncident(Incident kind, String column, long rows) {

  public InjectedIncident {
    if (!kind.column().equals(column)) {
      throw new IllegalArgumentException(
          "incident " + kind + " is on column " + kind.column() + ", cannot be: " + column);
    }
    if (rows < 0) {
      throw new IllegalArgumentException("incident rows must be >= 0, cannot be: " + rows);
    }
  }
}
