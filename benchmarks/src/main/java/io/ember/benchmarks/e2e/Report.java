package io.ember.benchmarks.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Renders the measured runs of one workload as a Markdown table: per engine wall time, the job's own query
 * time, throughput and peak RSS; then, for every peer, the ratios Ember/peer of the medians and the median
 * of the run-by-run ratios (runs of a round ran back to back, so their ratio holds when the machine drifts).
 */
public final class Report {
  private static final double MB = 1e6;
  private static final double MIB_PER_KIB = 1024.0;

  private Report() {}

  /**
   * The report.
   *
   * @param title the workload's one-line description
   * @param input the workload's input (rows and bytes)
   * @param engines the engines in run order; the first is Ember
   * @param measured the measured runs (warm-up runs excluded)
   */
  public static String render(String title, Workload.Input input, List<Engine> engines, List<Measurement> measured) {
    return render(title, input, engines, measured, List.of());
  }

  /** The report with the workload's own {@code figures} as further columns, and their median ratios. */
  public static String render(String title, Workload.Input input, List<Engine> engines, List<Measurement> measured,
      List<Workload.Figure> figures) {
    StringBuilder sb = new StringBuilder();
    sb.append(title).append('\n').append('\n');
    sb.append("| engine | wall s (min / median / max) | query s (min / median / max) | CPU s (median)"
        + " | rows/s (wall median) | MB/s (wall median) | peak RSS MiB (min / median / max) |");
    for (Workload.Figure f : figures) {
      sb.append(' ').append(f.label()).append(" (min / median / max) |");
    }
    sb.append("\n|---|---|---|---|---|---|---|").append("---|".repeat(figures.size())).append('\n');
    for (Engine e : engines) {
      List<Measurement> runs = of(measured, e.name());
      Stats wall = stats(runs, Measurement::wallSeconds);
      Stats query = stats(runs, m -> m.queryMillis() / 1000.0);
      Stats rss = stats(runs, m -> m.peakRssKb() < 0 ? Double.NaN : m.peakRssKb() / MIB_PER_KIB);
      Stats cpu = stats(runs, Measurement::cpuSeconds);
      boolean scan = input.bytes() > 0;
      String rowsPerSec = scan ? String.format("%,.0f", input.rows() / wall.median()) : "-";
      String mbPerSec = scan ? String.format("%.1f", input.bytes() / MB / wall.median()) : "-";
      sb.append(String.format("| %s %s | %s | %s | %.2f | %s | %s | %s |", e.name(), e.version(), wall.format(2),
          query.format(2), cpu.median(), rowsPerSec, mbPerSec, rss.format(0)));
      for (Workload.Figure f : figures) {
        sb.append(' ').append(figureStats(runs, f).format(f.decimals()).replace("NaN / NaN / NaN", "-")).append(" |");
      }
      sb.append('\n');
    }
    Engine ember = engines.get(0);
    for (Engine peer : engines.subList(1, engines.size())) {
      sb.append('\n').append(ratios(ember, peer, measured));
      if (!figures.isEmpty()) {
        List<String> parts = new ArrayList<>();
        for (Workload.Figure f : figures) {
          double r = figureStats(of(measured, ember.name()), f).median() / figureStats(of(measured, peer.name()), f).median();
          parts.add(f.label() + " " + (Double.isFinite(r) ? String.format("%.3f", r) : "n/a"));
        }
        sb.append(String.format("Median ratios %s/%s of the jobs' own figures: %s.%n", ember.name(), peer.name(),
            String.join(", ", parts)));
      }
    }
    return sb.toString();
  }

  private static Stats figureStats(List<Measurement> runs, Workload.Figure f) {
    return stats(runs, m -> m.figure(f.key()) < 0 ? Double.NaN : m.figure(f.key()) / f.divisor());
  }

  private static String ratios(Engine a, Engine b, List<Measurement> measured) {
    List<Measurement> ra = of(measured, a.name());
    List<Measurement> rb = of(measured, b.name());
    List<Double> pairWall = new ArrayList<>();
    for (int i = 0; i < Math.min(ra.size(), rb.size()); i++) {
      pairWall.add(ra.get(i).wallSeconds() / rb.get(i).wallSeconds());
    }
    double wall = stats(ra, Measurement::wallSeconds).median() / stats(rb, Measurement::wallSeconds).median();
    double query = stats(ra, m -> m.queryMillis()).median() / stats(rb, m -> m.queryMillis()).median();
    double rss = stats(ra, m -> m.peakRssKb()).median() / stats(rb, m -> m.peakRssKb()).median();
    double cpu = stats(ra, Measurement::cpuSeconds).median() / stats(rb, Measurement::cpuSeconds).median();
    Stats pairs = Stats.of(pairWall);
    return String.format("Ratio %s/%s (below 1: %s faster or smaller): wall median %.3f (run by run: %s),"
        + " query median %.3f, CPU seconds median %.3f, peak RSS median %.3f; i.e. %s is %.1fx faster end to end,"
        + " %.1fx on query time.%n",
        a.name(), b.name(), a.name(), wall, pairs.format(3), query, cpu, rss, a.name(), 1 / wall, 1 / query);
  }

  private static List<Measurement> of(List<Measurement> measured, String engine) {
    return measured.stream().filter(m -> m.engine().equals(engine)).toList();
  }

  private static Stats stats(List<Measurement> runs, ToDoubleFunction<Measurement> f) {
    List<Double> v = new ArrayList<>();
    for (Measurement m : runs) {
      double x = f.applyAsDouble(m);
      if (!Double.isNaN(x) && x >= 0) {
        v.add(x);
      }
    }
    return Stats.of(v);
  }
}
