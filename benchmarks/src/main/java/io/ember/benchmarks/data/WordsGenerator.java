package io.ember.benchmarks.data;

import io.ember.benchmarks.Args;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes B3's seeded text: lines of 8 to 16 words separated by single spaces, each word drawn from a vocabulary of
 * {@value #VOCABULARY} distinct lower-case words (3 to 10 letters) with Zipf's law (exponent 1: the word of rank
 * {@code k} is drawn with probability proportional to {@code 1/k}), until the file holds at least the asked number
 * of bytes; the same bytes for the same seed and size. While writing it counts every word, so the top 20 are known
 * exactly ({@link Totals}, kept beside the file as {@code <file>.totals}) and no engine's answer is trusted.
 *
 * <p>Command line: {@code WordsGenerator --out FILE [--bytes SIZE] [--seed S]}.
 */
public final class WordsGenerator {
  /** Distinct words. */
  public static final int VOCABULARY = 50_000;
  /** The words of the answer. */
  public static final int TOP = 20;
  public static final long DEFAULT_SEED = 20_240_101;

  private WordsGenerator() {}

  /**
   * The exact answer of a written file.
   *
   * @param seed the seed it was written with
   * @param minBytes the size asked for
   * @param bytes the size written
   * @param words the words written
   * @param top the {@value #TOP} most frequent words as {@code word,count}, by count descending, then word
   */
  public record Totals(long seed, long minBytes, long bytes, long words, List<String> top) {
    /** The differences between {@code rows} (an engine's {@code word,count} rows, in its order) and the answer. */
    public List<String> check(List<String> rows) {
      if (rows.equals(top)) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      out.add("expected " + top.size() + " rows, got " + rows.size());
      for (int i = 0; i < Math.max(rows.size(), top.size()); i++) {
        String want = i < top.size() ? top.get(i) : "(none)";
        String got = i < rows.size() ? rows.get(i) : "(none)";
        if (!want.equals(got)) {
          out.add("row " + i + ": expected " + want + ", got " + got);
        }
      }
      return out;
    }

    void write(Path file) throws IOException {
      List<String> lines = new ArrayList<>(List.of("seed=" + seed, "minBytes=" + minBytes, "bytes=" + bytes,
          "words=" + words));
      top.forEach(t -> lines.add("top=" + t));
      Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** The totals in {@code file} if it was written for this seed and size, else null. */
    static Totals read(Path file, long seed, long minBytes) throws IOException {
      if (!Files.isRegularFile(file)) {
        return null;
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.size() < 4 || !lines.get(0).equals("seed=" + seed) || !lines.get(1).equals("minBytes=" + minBytes)) {
        return null;
      }
      List<String> top = lines.stream().filter(l -> l.startsWith("top=")).map(l -> l.substring(4)).toList();
      return new Totals(seed, minBytes, Long.parseLong(lines.get(2).substring(6)),
          Long.parseLong(lines.get(3).substring(6)), top);
    }
  }

  /** The vocabulary of {@code seed}: distinct words, rank 0 (the most frequent) first. */
  static String[] vocabulary(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Set<String> seen = new HashSet<>();
    String[] words = new String[VOCABULARY];
    int n = 0;
    while (n < VOCABULARY) {
      char[] c = new char[3 + random.nextInt(8)];
      for (int i = 0; i < c.length; i++) {
        c[i] = (char) ('a' + random.nextInt(26));
      }
      String w = new String(c);
      if (seen.add(w)) {
        words[n++] = w;
      }
    }
    return words;
  }

  /** Writes at least {@code minBytes} bytes of text for {@code seed} to {@code out} (not closed); its totals. */
  public static Totals write(long seed, long minBytes, OutputStream out) throws IOException {
    String[] words = vocabulary(seed);
    byte[][] bytes = new byte[words.length][];
    double[] cdf = new double[words.length];
    double sum = 0;
    for (int k = 0; k < words.length; k++) {
      bytes[k] = words[k].getBytes(StandardCharsets.US_ASCII);
      sum += 1.0 / (k + 1);
      cdf[k] = sum;
    }
    long[] counts = new long[words.length];
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    byte[] buf = new byte[1 << 20];
    int pos = 0;
    long written = 0;
    long total = 0;
    while (written + pos < minBytes) {
      int n = 8 + random.nextInt(9);
      for (int i = 0; i < n; i++) {
        int k = Arrays.binarySearch(cdf, random.nextDouble() * sum);
        k = k < 0 ? Math.min(-k - 1, words.length - 1) : k;
        counts[k]++;
        if (pos + 12 > buf.length) {
          out.write(buf, 0, pos);
          written += pos;
          pos = 0;
        }
        if (i > 0) {
          buf[pos++] = ' ';
        }
        System.arraycopy(bytes[k], 0, buf, pos, bytes[k].length);
        pos += bytes[k].length;
      }
      buf[pos++] = '\n';
      total += n;
    }
    out.write(buf, 0, pos);
    written += pos;
    Integer[] ranks = new Integer[words.length];
    for (int k = 0; k < ranks.length; k++) {
      ranks[k] = k;
    }
    Arrays.sort(ranks, Comparator.<Integer>comparingLong(k -> -counts[k]).thenComparing(k -> words[k]));
    List<String> top = new ArrayList<>();
    for (int i = 0; i < TOP; i++) {
      top.add(words[ranks[i]] + "," + counts[ranks[i]]);
    }
    return new Totals(seed, minBytes, written, total, top);
  }

  /**
   * The text file {@code file} for {@code seed} and {@code minBytes}, written only when it is missing or was written
   * for another seed or size (under a temporary name, then renamed); its totals.
   */
  public static Totals ensure(long seed, long minBytes, Path file) throws IOException {
    Path totalsFile = file.resolveSibling(file.getFileName() + ".totals");
    Totals known = Totals.read(totalsFile, seed, minBytes);
    if (known != null && Files.isRegularFile(file) && Files.size(file) == known.bytes()) {
      return known;
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".writing");
    Totals totals;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
      totals = write(seed, minBytes, out);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    totals.write(totalsFile);
    return totals;
  }

  public static void main(String[] args) throws IOException {
    Args a = Args.parse(args);
    long start = System.nanoTime();
    Totals t = ensure(a.getLong("seed", DEFAULT_SEED), EventsGenerator.parseSize(a.get("bytes", "100m")),
        Path.of(a.require("out")));
    System.out.printf("%s: %,d words, %,d bytes (%.1f s); top: %s%n", a.get("out"), t.words(), t.bytes(),
        (System.nanoTime() - start) / 1e9, t.top());
  }
}
