package io.ember.connectors.file.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.file.FileOptions;
import io.ember.connectors.file.FileSplit;
import io.ember.connectors.file.SplitReader;
import io.ember.core.text.Temporal;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link UnquotedCsvSplitReader} gives exactly what {@link CsvSplitReader} (FastCSV over the decoded text) gives
 * for the same split: the same rows, the same records consumed, the same failure message in FAILFAST mode, after
 * the same skip. Files mix plain lines with lines that hand the rest of the split over to FastCSV (quoted values
 * with separators, doubled and escaped quotes, CRLF endings), empty lines, short and long rows, values that do
 * not convert, multi-byte UTF-8, a missing final line feed; options vary the separator, header, mode, corrupt
 * record column, null value and whitespace trimming; files are read in random byte-range splits.
 */
class UnquotedCsvSplitReaderTest {
  static Stream<Long> seeds() {
    return Seeds.of("unquoted-csv-split-reader", 150);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void readsWhatFastCsvReads(long seed) {
    Seeds.check(seed, random -> {
      char sep = Gen.oneOf(random, ',', ';', '\t', '|');
      Map<String, String> opts = new HashMap<>();
      opts.put("sep", String.valueOf(sep));
      boolean header = random.nextBoolean();
      opts.put("header", String.valueOf(header));
      String mode = Gen.oneOf(random, "PERMISSIVE", "DROPMALFORMED", "FAILFAST");
      opts.put("mode", mode);
      if (random.nextBoolean()) {
        opts.put("nullValue", "NA");
      }
      if (random.nextInt(4) == 0) {
        opts.put("ignoreLeadingWhiteSpace", "true");
        opts.put("ignoreTrailingWhiteSpace", "true");
      }
      CsvOptions o = CsvOptions.forRead(new FileOptions(opts));
      assertTrue(UnquotedCsvSplitReader.supports(o));
      List<StructField> fields = new ArrayList<>(List.of(
          new StructField("n", DataTypes.INTEGER, true),
          new StructField("s", DataTypes.STRING, true),
          new StructField("d", DataTypes.DOUBLE, true),
          new StructField("t", DataTypes.STRING, true)));
      if (mode.equals("PERMISSIVE") && random.nextBoolean()) {
        fields.add(new StructField("_corrupt_record", DataTypes.STRING, true));
      }
      StructType schema = new StructType(fields);
      int[] columns = random.nextBoolean() ? new int[] {2, 0} : allColumns(schema.size());
      Path file = write(content(random, sep, header));
      long size = size(file);
      List<long[]> ranges = ranges(random, size);
      for (long[] range : ranges) {
        FileSplit split = new FileSplit(0, file.toString(), range[0], range[1] - range[0]);
        int maxRows = Gen.between(random, 1, 9);
        long skip = random.nextInt(3) == 0 ? Gen.between(random, 0, 6) : 0;
        Result slow = read(o, schema, columns, split, false, maxRows, skip);
        Result fast = read(o, schema, columns, split, true, maxRows, skip);
        assertEquals(slow.rows, fast.rows, "rows of " + split);
        assertEquals(slow.consumed, fast.consumed, "records consumed of " + split);
        assertEquals(slow.failure, fast.failure, "failure of " + split);
      }
    });
  }

  private record Result(List<List<Object>> rows, long consumed, String failure) {}

  private static Result read(CsvOptions o, StructType schema, int[] columns, FileSplit split, boolean fast,
      int maxRows, long skip) {
    Temporal temporal = new Temporal(o.dateFormat(), o.timestampFormat(), ZoneOffset.UTC);
    CsvRowHandler handler = new CsvRowHandler(o, schema, CsvFormat.corruptIndex(schema, o), columns, temporal,
        split.path(), split.start());
    List<List<Object>> rows = new ArrayList<>();
    String failure = null;
    long consumed;
    try (SplitReader r = fast ? new UnquotedCsvSplitReader(o, split, true, handler)
        : new CsvSplitReader(o, split, true, handler)) {
      try {
        r.skip(skip);
        while (true) {
          VectorBuilder[] builders = new VectorBuilder[columns.length];
          for (int j = 0; j < columns.length; j++) {
            builders[j] = VectorBuilder.forType(schema.field(columns[j]).dataType(), maxRows);
          }
          int n = r.read(builders, maxRows);
          ColumnVector[] cols = new ColumnVector[columns.length];
          for (int j = 0; j < columns.length; j++) {
            cols[j] = builders[j].build();
          }
          for (int i = 0; i < n; i++) {
            List<Object> row = new ArrayList<>();
            for (ColumnVector c : cols) {
              row.add(c.get(i));
            }
            rows.add(row);
          }
          if (n < maxRows) {
            break;
          }
        }
      } catch (RuntimeException e) {
        failure = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      consumed = r.consumed();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Result(rows, consumed, failure);
  }

  private static String content(Random random, char sep, boolean header) {
    StringBuilder sb = new StringBuilder();
    if (header) {
      sb.append(random.nextInt(5) == 0 ? "\"n\"" : "n").append(sep).append("s").append(sep).append("d").append(sep)
          .append("t").append('\n');
    }
    int lines = Gen.betweenWithEdges(random, 0, 40);
    for (int l = 0; l < lines; l++) {
      int kind = random.nextInt(20);
      if (kind == 0) {
        sb.append(""); // an empty line
      } else if (kind == 1) {
        sb.append(value(random, sep)); // too few fields
      } else if (kind == 2) {
        sb.append(row(random, sep)).append(sep).append("extra");
      } else if (kind == 3) {
        sb.append(random.nextInt(100)).append(sep).append(quoted(random, sep)).append(sep).append("1.5").append(sep)
            .append(quoted(random, sep));
      } else {
        sb.append(row(random, sep));
      }
      boolean last = l == lines - 1;
      if (!last || random.nextBoolean()) {
        sb.append(random.nextInt(25) == 0 ? "\r\n" : "\n");
      }
    }
    return sb.toString();
  }

  private static String row(Random random, char sep) {
    String n = switch (random.nextInt(8)) {
      case 0 -> "x" + random.nextInt(9);
      case 1 -> "";
      case 2 -> "NA";
      case 3 -> " " + random.nextInt(50) + " ";
      default -> Integer.toString(random.nextInt(2_000_000) - 1_000_000);
    };
    String d = random.nextInt(10) == 0 ? "nan?" : Double.toString(random.nextInt(1_000_000) / 100.0);
    return n + sep + value(random, sep) + sep + d + sep + value(random, sep);
  }

  /** An unquoted value: any text without the separator, quotes or line breaks (multi-byte UTF-8 included). */
  private static String value(Random random, char sep) {
    String s = random.nextInt(4) == 0 ? "word" + random.nextInt(100) : Gen.string(random, 8);
    StringBuilder out = new StringBuilder();
    s.codePoints().filter(c -> c != sep && c != '"' && c != '\n' && c != '\r' && c != '\u0001')
        .forEach(out::appendCodePoint);
    return out.toString();
  }

  /** A quoted value holding the separator, a doubled quote or a backslash-escaped quote. */
  private static String quoted(Random random, char sep) {
    return switch (random.nextInt(3)) {
      case 0 -> "\"a" + sep + "b\"";
      case 1 -> "\"say \"\"hi\"\"\"";
      default -> "\"x\\\"y\"";
    };
  }

  private static int[] allColumns(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }

  /** One to four consecutive byte ranges covering {@code [0, size)}. */
  private static List<long[]> ranges(Random random, long size) {
    int count = Gen.between(random, 1, 4);
    List<Long> cuts = new ArrayList<>();
    for (int i = 1; i < count && size > 1; i++) {
      cuts.add(1 + (long) random.nextInt((int) size - 1));
    }
    cuts.sort(null);
    List<long[]> out = new ArrayList<>();
    long start = 0;
    for (long cut : cuts) {
      if (cut > start) {
        out.add(new long[] {start, cut});
        start = cut;
      }
    }
    out.add(new long[] {start, Math.max(size, start)});
    return out;
  }

  private static Path write(String content) {
    try {
      Path p = Files.createTempFile("ember-unquoted", ".csv");
      p.toFile().deleteOnExit();
      Files.write(p, content.getBytes(StandardCharsets.UTF_8));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
