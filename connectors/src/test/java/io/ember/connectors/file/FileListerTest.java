package io.ember.connectors.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.errors.AnalysisException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileListerTest {
  @TempDir Path dir;

  private void touch(String rel) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "x\n");
  }

  private List<String> names(List<FileEntry> entries) {
    return entries.stream().map(e -> dir.relativize(Path.of(e.path())).toString()).toList();
  }

  @Test
  void directoryIsListedRecursivelySortedAndWithoutHiddenFiles() throws IOException {
    touch("b.csv");
    touch("a.csv");
    touch("sub/c.csv");
    touch("_SUCCESS");
    touch(".a.csv.crc");
    touch("_temporary/0/part-0.csv");
    touch(".hidden/d.csv");
    assertEquals(List.of("a.csv", "b.csv", "sub/c.csv"), names(FileLister.list(List.of(dir.toString()))));
  }

  @Test
  void globsMatchFilesAndDoubleStarCrossesDirectories() throws IOException {
    touch("x/1.csv");
    touch("x/2.json");
    touch("y/z/3.csv");
    assertEquals(List.of("x/1.csv"), names(FileLister.list(List.of(dir + "/*/*.csv"))));
    assertEquals(List.of("x/1.csv", "y/z/3.csv"), names(FileLister.list(List.of(dir + "/**.csv"))));
    assertEquals(List.of("x/1.csv", "x/2.json"), names(FileLister.list(List.of(dir + "/x"))));
  }

  @Test
  void partitionDirectoriesBecomeValues() throws IOException {
    touch("year=2024/region=EU/p.csv");
    touch("year=2025/region=__HIVE_DEFAULT_PARTITION__/p.csv");
    List<FileEntry> files = FileLister.list(List.of(dir.toString()));
    assertEquals(List.of(new FileEntry.PartitionValue("year", "2024"), new FileEntry.PartitionValue("region", "EU")),
        files.get(0).partitionValues());
    assertEquals(null, files.get(1).partitionValues().get(1).value());
  }

  @Test
  void missingPathIsNamedInPathNotFound() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> FileLister.list(List.of(dir.resolve("nope.csv").toString())));
    assertEquals("PATH_NOT_FOUND", e.errorClass());
    assertEquals("[PATH_NOT_FOUND] Path does not exist: file:" + dir.resolve("nope.csv") + ".", e.getMessage());
  }

  @Test
  void globMatchingNothingIsPathNotFound() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> FileLister.list(List.of(dir + "/*.parquet")));
    assertEquals("[PATH_NOT_FOUND] Path does not exist: file:" + dir + "/*.parquet.", e.getMessage());
  }
}
