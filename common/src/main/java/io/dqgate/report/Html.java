package io.dqgate.report;

import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Status;
import java.util.Locale;

/**
 * What both report pages share: escaping, number formats and the page frame with its inline style sheet
 * (no fonts, scripts or images from anywhere: the file opens offline and in a CI artifact viewer).
 */
final class Html {
  private Html() {}

  static final String CSS = """
      :root { --pass: #2e7d32; --warn: #e08a00; --block: #c62828; --none: #bdbdbd; --ink: #1d2733;
              --muted: #5f6b7a; --rule: #e3e7ec; }
      * { box-sizing: border-box; }
      body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
             color: var(--ink); background: #f4f6f8; }
      main { max-width: 1240px; margin: 0 auto; padding: 0 20px 40px; }
      .verdict { color: #fff; padding: 18px 24px; border-radius: 0 0 10px 10px; margin-bottom: 14px; }
      .verdict.PASS { background: var(--pass); } .verdict.WARN { background: var(--warn); }
      .verdict.BLOCK { background: var(--block); } .verdict.NONE { background: #607080; }
      .verdict .status { font-size: 34px; font-weight: 800; letter-spacing: 1px; margin-right: 16px; }
      .verdict .what { font-size: 20px; font-weight: 600; }
      .verdict .facts { margin-top: 6px; opacity: .95; }
      nav { margin: 0 0 14px; } nav a { margin-right: 14px; color: #1f5f99; text-decoration: none; font-weight: 600; }
      section { background: #fff; border: 1px solid var(--rule); border-radius: 8px; padding: 14px 18px;
                margin-bottom: 16px; }
      h2 { font-size: 18px; margin: 2px 0 10px; } h3 { font-size: 15px; margin: 14px 0 6px; }
      p.note { color: var(--muted); margin: 4px 0 10px; }
      table { border-collapse: collapse; width: 100%; font-size: 13px; }
      th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--rule); vertical-align: top; }
      th { background: #f0f3f6; font-weight: 600; white-space: nowrap; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      td.msg { color: #34404d; min-width: 420px; overflow-wrap: anywhere; }
      td.name { overflow-wrap: anywhere; min-width: 90px; }
      td.date { white-space: nowrap; }
      tr:target, figure:target { outline: 3px solid #1f5f99; outline-offset: 2px; }
      .sev { display: inline-block; padding: 1px 7px; border-radius: 4px; color: #fff; font-weight: 700;
             font-size: 12px; }
      .sev.BLOCK { background: var(--block); } .sev.WARN { background: var(--warn); }
      .sev.INFO, .sev.PASS { background: var(--pass); } .sev.NONE { background: var(--none); color: #333; }
      figure { margin: 10px 0 18px; } figure svg { width: 100%; height: auto; display: block; }
      figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
      figcaption .outside { color: var(--block); font-weight: 700; }
      .grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
      @media (max-width: 900px) { .grid2 { grid-template-columns: 1fr; } }
      .strip { display: grid; grid-template-rows: repeat(7, 22px); grid-auto-flow: column; grid-auto-columns: 22px;
               gap: 3px; margin: 8px 0; }
      .strip .cell { border-radius: 3px; }
      .strip .cell.PASS { background: var(--pass); } .strip .cell.WARN { background: var(--warn); }
      .strip .cell.BLOCK { background: var(--block); } .strip .cell.NONE { background: var(--none); }
      .strip .cell.EMPTY { background: transparent; }
      .legend span { margin-right: 14px; } .legend i { display: inline-block; width: 12px; height: 12px;
               border-radius: 2px; vertical-align: -1px; margin-right: 4px; }
      .wide { overflow-x: auto; } table.rows td { white-space: nowrap; } td.null { color: var(--muted); }
      footer { color: var(--muted); font-size: 12px; text-align: center; }
      """;

  static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + escape(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n" + body
        + "</body>\n</html>\n";
  }

  /** Text and attribute values: the five characters that could end a tag, an attribute or an entity. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Four significant digits, whole numbers as they are, "–" for none. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "−∞";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return String.valueOf((long) v);
    }
    String text = String.format(Locale.ROOT, "%.4g", v);
    int exponent = text.indexOf('e');
    String mantissa = exponent < 0 ? text : text.substring(0, exponent);
    if (mantissa.contains(".")) {
      // 0.008000 reads as 0.008: the zeros are padding, not precision
      mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return exponent < 0 ? mantissa : mantissa + text.substring(exponent);
  }

  static String band(double low, double high) {
    if (Double.isNaN(low) && Double.isNaN(high)) {
      return "–";
    }
    return number(low) + " .. " + number(high);
  }

  static String badge(Severity severity) {
    return "<span class=\"sev " + severity.name() + "\">" + severity.name() + "</span>";
  }

  static String badge(Status status) {
    return "<span class=\"sev " + status.name() + "\">" + status.name() + "</span>";
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }
}
