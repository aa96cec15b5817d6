package io.ember.benchmarks.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserTotalsTest {

  @Test
  void totalsPerUserAcceptTheRightAnswerInAnyOrderAndReportWrongDuplicateAndMissingUsers(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("events.csv");
    Files.writeString(file, "ts_ms,user_id,item_id,category,price\n"
        + "1,7,1,books,10.50\n"
        + "2,3,1,toys,0.05\n"
        + "3,7,2,books,1.25\n");
    UserTotals t = UserTotals.of(file);
    assertEquals(2, t.groups());
    assertEquals(List.of(), t.check(List.of("user_id,count,sum", "3,1,0.05", "7,2,11.75")));
    assertEquals(List.of("user 7: expected count=2 sum=11.75 but got 7,2,11.7", "1 users missing from the output"),
        t.check(List.of("7,2,11.7")));
    assertEquals(List.of("user 3: expected count=1 sum=0.05 but got 3,1,0.05"),
        t.check(List.of("3,1,0.05", "7,2,11.75", "3,1,0.05")));
  }
}
