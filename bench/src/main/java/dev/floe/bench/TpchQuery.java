package dev.floe.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One of the 22 TPC-H queries, read from {@code tpch/qNN.sql} on the classpath.
 *
 * @param name {@code q01} ... {@code q22}
 * @param sql the query text without its trailing semicolon
 * @param orderColumns the 1-based result columns of its ORDER BY, in order (from the file's {@code
 *     -- order: 1,2} line); empty when the query has no ORDER BY and its rows may come in any order
 */
record TpchQuery(String name, String sql, List<Integer> orderColumns) {
  static final int COUNT = 22;
  private static final String ORDER = "-- order:";

  /** All 22 queries, in number order. */
  static List<TpchQuery> all() {
    List<TpchQuery> out = new ArrayList<>();
    for (int i = 1; i <= COUNT; i++) {
      out.add(load(String.format(Locale.ROOT, "q%02d", i)));
    }
    return out;
  }

  static TpchQuery load(String name) {
    String text = resource("tpch/" + name + ".sql");
    List<Integer> order = List.of();
    for (String line : text.split("\n")) {
      if (line.startsWith(ORDER)) {
        order = Arrays.stream(line.substring(ORDER.length()).split(",")).map(String::trim).map(Integer::valueOf).toList();
      }
    }
    String sql = text.strip();
    if (sql.endsWith(";")) {
      sql = sql.substring(0, sql.length() - 1);
    }
    return new TpchQuery(name, sql, order);
  }

  /** The UTF-8 text of a classpath resource; a missing one is a packaging bug. */
  static String resource(String path) {
    try (InputStream in = TpchQuery.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("resource " + path + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
