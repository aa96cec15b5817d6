package io.ember.benchmarks.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;

/**
 * Writes the seeded items table the join workload reads: {@code item_id,department,list_price} for every item
 * id 1 to {@link EventsSpec#ITEMS} (each id once, so every event finds exactly one item), departments uniform
 * over {@link #DEPARTMENTS} names {@code dept_00}..., list prices from 1.00 to 500.00.
 */
public final class ItemsGenerator {
  /** The header line. */
  public static final String HEADER = "item_id,department,list_price";
  /** Spark DDL of the table's schema. */
  public static final String SCHEMA_DDL = "item_id BIGINT, department STRING, list_price DOUBLE";
  /** The number of departments. */
  public static final int DEPARTMENTS = 50;

  private ItemsGenerator() {}

  /** The department name of index {@code d}. */
  public static String department(int d) {
    return String.format("dept_%02d", d);
  }

  /** The department index of every item id ({@code [0]} unused), as the file written for {@code seed} has them. */
  public static int[] departments(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] out = new int[EventsSpec.ITEMS + 1];
    for (int item = 1; item <= EventsSpec.ITEMS; item++) {
      out[item] = random.nextInt(DEPARTMENTS);
      random.nextInt(50_000);
    }
    return out;
  }

  /** Writes the table for {@code seed} to {@code file} unless it is already there (same size); returns the file. */
  public static Path ensure(Path file, long seed) throws IOException {
    if (Files.isRegularFile(file) && Files.size(file) > 0) {
      return file;
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".writing");
    SplittableRandom random = new SplittableRandom(seed);
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      w.write('\n');
      for (int item = 1; item <= EventsSpec.ITEMS; item++) {
        int dept = random.nextInt(DEPARTMENTS);
        int cents = 100 + random.nextInt(50_000);
        w.write(item + "," + department(dept) + "," + cents / 100 + "." + cents / 10 % 10 + cents % 10 + "\n");
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    return file;
  }
}
