package io.ember.benchmarks.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Prints a JMH JSON result file ({@code -rf json}) as a Markdown table: benchmark, parameters, rows/s per core
 * with JMH's error, and ns/row. Every benchmark here is a throughput benchmark in rows per second
 * ({@code @OperationsPerInvocation} = rows), so ns/row is the inverse of the score.
 *
 * <p>Usage: {@code JmhTable <jmh-result.json>}.
 */
public final class JmhTable {
  private JmhTable() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("Usage: JmhTable <jmh-result.json>");
    }
    System.out.print(render(new ObjectMapper().readTree(Path.of(args[0]).toFile())));
  }

  /** The table for the parsed result array. */
  static String render(JsonNode results) {
    StringBuilder sb = new StringBuilder("| benchmark | parameters | rows/s per core | ns/row |\n|---|---|---|---|\n");
    for (JsonNode r : results) {
      String name = r.get("benchmark").asText();
      String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      StringBuilder params = new StringBuilder();
      JsonNode p = r.get("params");
      if (p != null) {
        for (Map.Entry<String, JsonNode> e : p.properties()) {
          params.append(params.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue().asText());
        }
      }
      JsonNode m = r.get("primaryMetric");
      double score = m.get("score").asDouble();
      double error = m.get("scoreError").asDouble();
      sb.append(String.format("| %s | %s | %,.0f ± %,.0f | %.1f |%n", shortName, params, score,
          Double.isNaN(error) ? 0 : error, 1e9 / score));
    }
    return sb.toString();
  }
}
