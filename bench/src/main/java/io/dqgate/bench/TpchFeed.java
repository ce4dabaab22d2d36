package io.dqgate.bench;

import io.trino.tpch.LineItem;
import io.trino.tpch.LineItemGenerator;
import io.trino.tpch.Order;
import io.trino.tpch.OrderGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Daily feeds cut from TPC-H (io.trino.tpch, generated in this JVM): {@code lineitem} by its ship date and
 * {@code orders} by its order date, the rows of {@code days} days from {@code start} as one CSV a day. The
 * cut keeps every column, the date the day was cut by included.
 */
public final class TpchFeed {
  private TpchFeed() {}

  public static void lineitem(Path root, double scaleFactor, LocalDate start, int days) throws IOException {
    Map<LocalDate, List<String[]>> byDay = new TreeMap<>();
    LocalDate end = start.plusDays(days);
    for (LineItem l : new LineItemGenerator(scaleFactor, 1, 1)) {
      LocalDate ship = date(l.getShipDate());
      if (!ship.isBefore(start) && ship.isBefore(end)) {
        byDay.computeIfAbsent(ship, d -> new ArrayList<>()).add(new String[] {String.valueOf(l.getOrderKey()),
            String.valueOf(l.getPartKey()), String.valueOf(l.getSupplierKey()), String.valueOf(l.getLineNumber()),
            String.valueOf(l.getQuantity()), money(l.getExtendedPrice()), money(l.getDiscount()), money(l.getTax()),
            l.getReturnFlag(), l.getStatus(), ship.toString(), date(l.getCommitDate()).toString(),
            date(l.getReceiptDate()).toString(), l.getShipInstructions(), l.getShipMode(), l.getComment()});
      }
    }
    write(root, byDay, List.of("l_orderkey", "l_partkey", "l_suppkey", "l_linenumber", "l_quantity",
        "l_extendedprice", "l_discount", "l_tax", "l_returnflag", "l_linestatus", "l_shipdate", "l_commitdate",
        "l_receiptdate", "l_shipinstruct", "l_shipmode", "l_comment"));
  }

  public static void orders(Path root, double scaleFactor, LocalDate start, int days) throws IOException {
    Map<LocalDate, List<String[]>> byDay = new TreeMap<>();
    LocalDate end = start.plusDays(days);
    for (Order o : new OrderGenerator(scaleFactor, 1, 1)) {
      LocalDate ordered = date(o.getOrderDate());
      if (!ordered.isBefore(start) && ordered.isBefore(end)) {
        byDay.computeIfAbsent(ordered, d -> new ArrayList<>()).add(new String[] {String.valueOf(o.getOrderKey()),
            String.valueOf(o.getCustomerKey()), String.valueOf(o.getOrderStatus()), money(o.getTotalPrice()),
            ordered.toString(), o.getOrderPriority(), o.getClerk(), String.valueOf(o.getShipPriority()),
            o.getComment()});
      }
    }
    write(root, byDay, List.of("o_orderkey", "o_custkey", "o_orderstatus", "o_totalprice", "o_orderdate",
        "o_orderpriority", "o_clerk", "o_shippriority", "o_comment"));
  }

  private static void write(Path root, Map<LocalDate, List<String[]>> byDay, List<String> header)
      throws IOException {
    for (Map.Entry<LocalDate, List<String[]>> day : byDay.entrySet()) {
      Feeds.writeDay(root.resolve("dt=" + day.getKey()), new CsvTable(header, day.getValue()));
    }
  }

  /** io.trino.tpch gives dates as days since 1970-01-01. */
  private static LocalDate date(int generated) {
    return LocalDate.ofEpochDay(generated);
  }

  private static String money(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
