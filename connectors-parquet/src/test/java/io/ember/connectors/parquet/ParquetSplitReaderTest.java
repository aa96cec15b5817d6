package io.ember.connectors.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.file.FileOptions;
import io.ember.connectors.file.FileSplit;
import io.ember.connectors.file.ReadRequest;
import io.ember.connectors.file.sink.RecordWriter;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.errors.EmberException;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The split reader without a session: row groups, splits, skipping, pruning, and corrupt column chunks. */
class ParquetSplitReaderTest {
  static final StructType SCHEMA = DataTypes.struct(DataTypes.field("id", DataTypes.LONG),
      DataTypes.field("name", DataTypes.STRING), DataTypes.field("score", DataTypes.DOUBLE));
  static final int ROWS = 5000;

  @TempDir
  Path dir;

  /** Writes {@link #ROWS} rows in row groups of about {@code rowGroupBytes}; returns the rows' values. */
  static List<List<Object>> write(Path file, long rowGroupBytes, Random random) throws IOException {
    List<List<Object>> rows = new ArrayList<>();
    VectorBuilder[] b = {VectorBuilder.forType(DataTypes.LONG, ROWS), VectorBuilder.forType(DataTypes.STRING, ROWS),
        VectorBuilder.forType(DataTypes.DOUBLE, ROWS)};
    for (int i = 0; i < ROWS; i++) {
      Object name = Gen.orNull(random, 0.1, Gen.string(random, 12));
      Object score = Gen.orNull(random, 0.1, Gen.anyDouble(random));
      rows.add(Arrays.asList((long) i, name, score));
      b[0].append((long) i);
      b[1].append(name);
      b[2].append(score);
    }
    Batch batch = new Batch(SCHEMA, new ColumnVector[] {b[0].build(), b[1].build(), b[2].build()}, ROWS);
    FileOptions options = new FileOptions(Map.of("parquet.block.size", Long.toString(rowGroupBytes),
        "compression", "snappy"));
    try (OutputStream out = Files.newOutputStream(file);
        RecordWriter w = ParquetFormat.INSTANCE.openWriter(out, SCHEMA, new int[] {0, 1, 2}, options)) {
      for (int r = 0; r < ROWS; r++) {
        w.write(batch, r, new int[] {0, 1, 2});
      }
    }
    return rows;
  }

  /** Reads columns {@code columns} of {@code split} after skipping {@code skip} rows, in reads of {@code chunk} rows. */
  static List<List<Object>> read(FileSplit split, int[] columns, long skip, int chunk) throws IOException {
    List<List<Object>> rows = new ArrayList<>();
    try (ParquetSplitReader r = new ParquetSplitReader(split, new ReadRequest(SCHEMA, columns, ZoneOffset.UTC), true, false)) {
      r.skip(skip);
      while (true) {
        VectorBuilder[] b = new VectorBuilder[columns.length];
        for (int c = 0; c < columns.length; c++) {
          b[c] = VectorBuilder.forType(SCHEMA.field(columns[c]).dataType(), chunk);
        }
        int n = r.read(b, chunk);
        ColumnVector[] v = Arrays.stream(b).map(VectorBuilder::build).toArray(ColumnVector[]::new);
        for (int i = 0; i < n; i++) {
          List<Object> row = new ArrayList<>();
          for (ColumnVector x : v) {
            row.add(x.get(i));
          }
          rows.add(row);
        }
        if (n < chunk) {
          assertEquals(skip + rows.size(), r.consumed());
          return rows;
        }
      }
    }
  }

  static java.util.stream.Stream<Long> seeds() {
    return Seeds.of("parquet-split-reader", 3);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void splitsAtAnyBoundaryReadEveryRowOnceAndSkipResumesExactly(long seed) {
    Seeds.check(seed, random -> {
      try {
        Path file = dir.resolve("rows-" + seed + ".parquet");
        List<List<Object>> rows = write(file, Gen.oneOf(random, 2048L, 8192L, 1L << 20), random);
        long size = Files.size(file);
        long splitSize = Gen.between(random, 500, (int) size + 1);
        List<List<Object>> all = new ArrayList<>();
        for (long start = 0; start < size; start += splitSize) {
          all.addAll(read(new FileSplit(0, file.toString(), start, Math.min(splitSize, size - start)),
              new int[] {0, 1, 2}, 0, Gen.between(random, 1, 700)));
        }
        assertEquals(rows, all);
        int skip = Gen.between(random, 0, ROWS);
        assertEquals(rows.subList(skip, ROWS), read(new FileSplit(0, file.toString(), 0, size), new int[] {0, 1, 2},
            skip, Gen.between(random, 1, 700)));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  @Test
  void onlyTheRequestedColumnsAreReadFromTheFile() throws IOException {
    Path file = dir.resolve("pruned.parquet");
    List<List<Object>> rows = write(file, 1L << 20, new Random(7));
    // Overwrite every chunk of the name column with garbage: a reader of id and score never touches those bytes.
    try (ParquetFileReaderFooter f = new ParquetFileReaderFooter(file)) {
      for (BlockMetaData block : f.blocks()) {
        ColumnChunkMetaData name = block.getColumns().get(1);
        f.garble(name.getStartingPos(), name.getTotalSize());
      }
    }
    FileSplit whole = new FileSplit(0, file.toString(), 0, Files.size(file));
    List<List<Object>> idAndScore = read(whole, new int[] {2, 0}, 0, 1000);
    assertEquals(rows.stream().map(r -> Arrays.asList(r.get(2), r.get(0))).toList(), idAndScore);
    EmberException e = assertThrows(EmberException.class, () -> read(whole, new int[] {1}, 0, 1000));
    assertTrue(e.getMessage().contains("FAILED_READ_FILE") && e.getMessage().contains(file.toString()),
        e.getMessage());
  }

  /** Random access to a written file, to damage chosen byte ranges; reads the footer's row groups first. */
  private static final class ParquetFileReaderFooter implements AutoCloseable {
    private final List<BlockMetaData> blocks;
    private final RandomAccessFile raf;

    ParquetFileReaderFooter(Path file) throws IOException {
      try (var reader = ParquetFiles.open(file.toString(), 0, Files.size(file))) {
        blocks = reader.getRowGroups();
      }
      raf = new RandomAccessFile(file.toFile(), "rw");
    }

    List<BlockMetaData> blocks() {
      return blocks;
    }

    void garble(long start, long length) throws IOException {
      raf.seek(start);
      byte[] junk = new byte[(int) length];
      Arrays.fill(junk, (byte) 0xFF);
      raf.write(junk);
    }

    @Override
    public void close() throws IOException {
      raf.close();
    }
  }
}
