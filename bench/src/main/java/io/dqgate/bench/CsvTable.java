package io.dqgate.bench;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One CSV file of a partition as a header and rows of text fields (RFC 4180 quoting; an empty field is a
 * null), read and written whole: the benchmark's feeds are a few thousand rows a day.
 */
public final class CsvTable {
  public final List<String> header;
  public final List<String[]> rows;

  public CsvTable(List<String> header, List<String[]> rows) {
    this.header = new ArrayList<>(header);
    this.rows = rows;
  }

  public int column(String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + header);
    }
    return i;
  }

  public CsvTable copy() {
    List<String[]> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(r.clone()));
    return new CsvTable(header, out);
  }

  public static CsvTable read(Path file) throws IOException {
    List<List<String>> records = parse(Files.readString(file, StandardCharsets.UTF_8));
    List<String[]> rows = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      rows.add(records.get(i).toArray(String[]::new));
    }
    return new CsvTable(records.get(0), rows);
  }

  public void write(Path file) throws IOException {
    write(file, StandardCharsets.UTF_8);
  }

  public void write(Path file, Charset charset) throws IOException {
    Files.write(file, text().getBytes(charset));
  }

  public String text() {
    StringBuilder out = new StringBuilder();
    line(out, header.toArray(String[]::new));
    rows.forEach(r -> line(out, r));
    return out.toString();
  }

  private static void line(StringBuilder out, String[] fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      String f = fields[i] == null ? "" : fields[i];
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
        out.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        out.append(f);
      }
    }
    out.append('\n');
  }

  static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        fields.add(field.toString());
        field.setLength(0);
        records.add(fields);
        fields = new ArrayList<>();
      } else {
        field.append(c);
      }
      i++;
    }
    if (field.length() > 0 || !fields.isEmpty()) {
      fields.add(field.toString());
      records.add(fields);
    }
    return records;
  }
}
