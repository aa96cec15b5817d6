package io.ember.benchmarks.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemsGeneratorTest {

  @Test
  void theWrittenTableHasEveryItemOnceWithTheDepartmentTheOracleUses(@TempDir Path dir) throws IOException {
    Path file = ItemsGenerator.ensure(dir.resolve("items.csv"), 3L);
    List<String> lines = Files.readAllLines(file);
    assertEquals(EventsSpec.ITEMS + 1, lines.size());
    assertEquals(ItemsGenerator.HEADER, lines.get(0));
    int[] departments = ItemsGenerator.departments(3L);
    for (int item = 1; item <= EventsSpec.ITEMS; item++) {
      String[] f = lines.get(item).split(",");
      assertEquals(item, Integer.parseInt(f[0]));
      assertEquals(ItemsGenerator.department(departments[item]), f[1], lines.get(item));
    }
  }

  @Test
  void departmentTotalsCountEveryEventOnceUnderItsItemsDepartment(@TempDir Path dir) throws IOException {
    Path events = dir.resolve("events.csv");
    Files.writeString(events,
        "ts_ms,user_id,item_id,category,price\n1,1,5,books,2.50\n2,1,5,toys,1.00\n3,2,9,toys,0.25\n");
    int[] d = ItemsGenerator.departments(1L);
    DepartmentTotals t = DepartmentTotals.of(events, 1L);
    String five = ItemsGenerator.department(d[5]);
    String nine = ItemsGenerator.department(d[9]);
    List<String> right = five.equals(nine) ? List.of(five + ",3,3.75") : List.of(five + ",2,3.5", nine + ",1,0.25");
    assertEquals(List.of(), t.check(right));
    List<String> none = t.check(List.of());
    assertEquals(right.size(), none.size());
    assertTrue(none.contains("department " + five + " is missing"), none.toString());
  }
}
