package io.ember.benchmarks.data;

import io.ember.benchmarks.Args;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes a seeded {@code events.csv}: {@code ts_ms,user_id,item_id,category,price} with a header line, the
 * same bytes for the same {@link EventsSpec}. Timestamps rise from 2024-01-01T00:00Z by 1–20 ms, users
 * and items are uniform over {@link EventsSpec#USERS} and {@link EventsSpec#ITEMS}, categories uniform over
 * {@link #categoryName names}, prices uniform from 0.01 to 999.99 with two decimals.
 *
 * <p>While writing it counts the exact answer of the group-by-category query ({@link CategoryTotals}), so a
 * benchmark can check every engine's result without trusting any of them.
 *
 * <p>Command line: {@code EventsGenerator --out FILE (--rows N | --bytes SIZE) [--categories K] [--seed S]},
 * SIZE like {@code 2g} or {@code 500m}.
 */
public final class EventsGenerator {
  /** The header line, without its line break. */
  public static final String HEADER = "ts_ms,user_id,item_id,category,price";
  /** Spark DDL of the file's schema, as every engine reads it. */
  public static final String SCHEMA_DDL = "ts_ms BIGINT, user_id BIGINT, item_id BIGINT, category STRING, price DOUBLE";

  private static final long START_MS = 1_704_067_200_000L;
  private static final int MAX_PRICE_CENTS = 99_999;
  private static final String[] WORDS = {"books", "electronics", "garden", "toys", "grocery", "clothing", "shoes",
      "sports", "beauty", "health", "automotive", "music", "movies", "games", "office", "pets", "baby", "jewelry",
      "tools", "kitchen"};
  private static final int BUFFER = 1 << 20;

  private EventsGenerator() {}

  /** The name of category {@code index}: a word, with a numeric suffix beyond the word list. */
  public static String categoryName(int index) {
    String w = WORDS[index % WORDS.length];
    return index < WORDS.length ? w : w + "_" + index / WORDS.length;
  }

  /**
   * Writes {@code spec}'s rows to {@code out} (not closed) and returns their exact totals.
   */
  public static CategoryTotals write(EventsSpec spec, OutputStream out) throws IOException {
    byte[][] names = new byte[spec.categories()][];
    for (int i = 0; i < names.length; i++) {
      names[i] = categoryName(i).getBytes(StandardCharsets.UTF_8);
    }
    long[] counts = new long[names.length];
    long[] cents = new long[names.length];
    SplittableRandom random = new SplittableRandom(spec.seed());
    LineBuffer buf = new LineBuffer(BUFFER, out);
    buf.bytes(HEADER.getBytes(StandardCharsets.UTF_8));
    buf.newline();
    long ts = START_MS;
    long rows = 0;
    while (spec.wantsMore(rows, buf.written())) {
      ts += 1 + random.nextInt(20);
      int user = 1 + random.nextInt(EventsSpec.USERS);
      int item = 1 + random.nextInt(EventsSpec.ITEMS);
      int category = random.nextInt(names.length);
      int price = 1 + random.nextInt(MAX_PRICE_CENTS);
      buf.number(ts).comma().number(user).comma().number(item).comma().bytes(names[category]).comma();
      buf.number(price / 100).dot().digit(price / 10 % 10).digit(price % 10).newline();
      counts[category]++;
      cents[category] += price;
      rows++;
    }
    buf.flush();
    Map<String, CategoryTotals.Group> groups = new TreeMap<>();
    for (int i = 0; i < names.length; i++) {
      if (counts[i] > 0) {
        groups.put(categoryName(i), new CategoryTotals.Group(counts[i], cents[i]));
      }
    }
    return new CategoryTotals(spec, rows, buf.written(), groups);
  }

  /**
   * Returns the data file for {@code spec} under {@code dir}, writing it only when it is missing or was
   * written for another spec. Its totals are kept beside it ({@code <file>.totals}). The data file is
   * written under a temporary name and renamed, so an interrupted run never leaves a half file behind.
   */
  public static CategoryTotals ensure(EventsSpec spec, Path file) throws IOException {
    Path totalsFile = file.resolveSibling(file.getFileName() + ".totals");
    CategoryTotals known = CategoryTotals.read(totalsFile, spec);
    if (known != null && Files.isRegularFile(file) && Files.size(file) == known.bytes()) {
      return known;
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".writing");
    CategoryTotals totals;
    try (OutputStream out = Files.newOutputStream(tmp)) {
      totals = write(spec, out);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    totals.write(totalsFile);
    return totals;
  }

  /** Parses {@code 2g}, {@code 500m}, {@code 64k} or a plain byte count. */
  public static long parseSize(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    long unit = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
      case 'k' -> 1L << 10;
      case 'm' -> 1L << 20;
      case 'g' -> 1L << 30;
      default -> 1L;
    };
    String digits = unit == 1L ? t : t.substring(0, t.length() - 1);
    try {
      return Long.parseLong(digits) * unit;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Not a size: '" + text + "' (expected e.g. 2g, 500m, 1048576)", e);
    }
  }

  public static void main(String[] args) throws IOException {
    Args a = Args.parse(args);
    int categories = a.getInt("categories", 20);
    long seed = a.getLong("seed", EventsSpec.DEFAULT_SEED);
    EventsSpec spec = a.has("bytes")
        ? EventsSpec.ofBytes(parseSize(a.get("bytes")), categories, seed)
        : EventsSpec.ofRows(a.getLong("rows", 10_000_000L), categories, seed);
    long start = System.nanoTime();
    CategoryTotals t = ensure(spec, Path.of(a.require("out")));
    System.out.printf("%s: %d rows, %d bytes, %d categories (%.1f s)%n",
        a.get("out"), t.rows(), t.bytes(), t.groups().size(), (System.nanoTime() - start) / 1e9);
  }

  /** A byte buffer that formats CSV fields without creating strings. */
  private static final class LineBuffer {
    private final byte[] buf;
    private final OutputStream out;
    private final byte[] digits = new byte[20];
    private int pos;
    private long flushed;

    LineBuffer(int size, OutputStream out) {
      this.buf = new byte[size];
      this.out = out;
    }

    long written() {
      return flushed + pos;
    }

    LineBuffer number(long v) throws IOException {
      int n = 0;
      do {
        digits[n++] = (byte) ('0' + v % 10);
        v /= 10;
      } while (v > 0);
      room(n);
      while (n > 0) {
        buf[pos++] = digits[--n];
      }
      return this;
    }

    LineBuffer digit(int d) throws IOException {
      return single((byte) ('0' + d));
    }

    LineBuffer comma() throws IOException {
      return single((byte) ',');
    }

    LineBuffer dot() throws IOException {
      return single((byte) '.');
    }

    LineBuffer newline() throws IOException {
      return single((byte) '\n');
    }

    LineBuffer bytes(byte[] b) throws IOException {
      room(b.length);
      System.arraycopy(b, 0, buf, pos, b.length);
      pos += b.length;
      return this;
    }

    private LineBuffer single(byte b) throws IOException {
      room(1);
      buf[pos++] = b;
      return this;
    }

    private void room(int n) throws IOException {
      if (pos + n > buf.length) {
        flush();
      }
    }

    void flush() throws IOException {
      out.write(buf, 0, pos);
      flushed += pos;
      pos = 0;
    }
  }
}
