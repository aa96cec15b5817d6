package io.ember.connectors.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.connectors.ReadAll;
import io.ember.connectors.source.Source;
import io.ember.core.data.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextReadTest {
  @TempDir Path dir;

  @Test
  void oneRowPerLineWithAnyLineEnding() throws IOException {
    Files.writeString(dir.resolve("a.txt"), "one\r\ntwo\n\nthree\rfour");
    Source s = FileSources.create("text", List.of(dir.toString()), Map.of(), null);
    assertEquals("struct<value:string>", s.schema().simpleString());
    assertEquals(List.of(Row.of("one"), Row.of("two"), Row.of(""), Row.of("three"), Row.of("four")), ReadAll.rows(s));
  }

  @Test
  void wholeTextAndCustomLineSeparator() throws IOException {
    Files.writeString(dir.resolve("a.txt"), "a||b||c");
    Path p = dir.resolve("a.txt");
    assertEquals(List.of(Row.of("a||b||c")),
        ReadAll.rows(FileSources.create("text", List.of(p.toString()), Map.of("wholetext", "true"), null)));
    assertEquals(List.of(Row.of("a"), Row.of("b"), Row.of("c")),
        ReadAll.rows(FileSources.create("text", List.of(p.toString()), Map.of("lineSep", "||"), null)));
  }
}
