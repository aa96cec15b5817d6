package io.ember.benchmarks.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a run spent its CPU: reads JFR recordings ({@code E2eRunner --profile DIR}) and prints the methods
 * that the most {@code jdk.ExecutionSample} events were in, two ways: by the sampled (top) frame, which is
 * the self cost, and by the first frame in a package of interest (default {@code io.ember.}), which charges
 * library and JDK code to the engine code that called it.
 *
 * <p>Usage: {@code JfrTopFrames [--top N] [--package PREFIX] FILE.jfr...}
 */
public final class JfrTopFrames {
  private JfrTopFrames() {}

  /** Sample counts per method, by self frame and by first frame in {@code packagePrefix}. */
  record Profile(Map<String, Integer> self, Map<String, Integer> inPackage, int samples) {}

  public static void main(String[] args) throws IOException {
    int top = 15;
    String prefix = "io.ember.";
    int i = 0;
    for (; i < args.length && args[i].startsWith("--"); i += 2) {
      switch (args[i]) {
        case "--top" -> top = Integer.parseInt(args[i + 1]);
        case "--package" -> prefix = args[i + 1];
        default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; usage: JfrTopFrames"
            + " [--top N] [--package PREFIX] FILE.jfr...");
      }
    }
    for (; i < args.length; i++) {
      Profile p = read(Path.of(args[i]), prefix);
      System.out.println("== " + args[i] + ": " + p.samples() + " execution samples");
      print("self (top frame)", p.self(), p.samples(), top);
      print("first " + prefix + "* frame", p.inPackage(), p.samples(), top);
    }
  }

  /** Counts the execution samples of {@code file}. */
  static Profile read(Path file, String prefix) throws IOException {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> inPackage = new HashMap<>();
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      RecordedStackTrace st = e.getStackTrace();
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || st == null || st.getFrames().isEmpty()) {
        continue;
      }
      samples++;
      List<RecordedFrame> frames = st.getFrames();
      self.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
      String owner = "(no " + prefix + "* frame)";
      for (RecordedFrame f : frames) {
        String n = name(f.getMethod());
        if (n.startsWith(prefix)) {
          owner = n;
          break;
        }
      }
      inPackage.merge(owner, 1, Integer::sum);
    }
    return new Profile(self, inPackage, samples);
  }

  private static String name(RecordedMethod m) {
    return m.getType().getName() + "." + m.getName();
  }

  private static void print(String title, Map<String, Integer> counts, int total, int top) {
    System.out.println("-- by " + title);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(en -> System.out.printf("%6.1f%%  %s%n", 100.0 * en.getValue() / Math.max(1, total), en.getKey()));
  }
}
