package io.ember.connectors.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.ReadAll;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SupportsPushdown;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.MalformedRecordException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReadTest {
  @TempDir Path dir;

  private String file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p.toString();
  }

  private Source csv(String path, Map<String, String> options, StructType schema) {
    return FileSources.create("csv", List.of(path), options, schema);
  }

  @Test
  void withoutHeaderColumnsAreStringsNamedByPosition() throws IOException {
    Source s = csv(file("a.csv", "1,x\n2,y\n"), Map.of(), null);
    assertEquals("struct<_c0:string,_c1:string>", s.schema().simpleString());
    assertEquals(List.of(Row.of("1", "x"), Row.of("2", "y")), ReadAll.rows(s));
  }

  @Test
  void headerAndInferSchemaFollowSparksTypeOrder() throws IOException {
    String p = file("a.csv", "i,l,d,b,dt,ts,s,dec,n\n"
        + "1,3000000000,1.5,true,2024-01-02,2024-01-02 03:04:05,x,12345678901234567890,\n"
        + "2,4,2,false,2024-02-03,2024-02-03T00:00:00Z,7,1,\n");
    Source s = csv(p, Map.of("HEADER", "true", "inferSchema", "true"), null);
    assertEquals("struct<i:int,l:bigint,d:double,b:boolean,dt:date,ts:timestamp,s:string,dec:decimal(20,0),n:string>",
        s.schema().simpleString());
    List<Row> rows = ReadAll.rows(s);
    assertEquals(Row.of(1, 3000000000L, 1.5, true, LocalDate.of(2024, 1, 2), Instant.parse("2024-01-02T03:04:05Z"),
        "x", new BigDecimal("12345678901234567890"), null), rows.get(0));
    assertEquals(Row.of(2, 4L, 2.0, false, LocalDate.of(2024, 2, 3), Instant.parse("2024-02-03T00:00:00Z"),
        "7", new BigDecimal("1"), null), rows.get(1));
  }

  @Test
  void mixedValuesWidenOrBecomeStrings() throws IOException {
    String p = file("a.csv", "1,1,true,2024-01-01\n2.5,x,1,2024-01-01 10:00:00\n");
    Source s = csv(p, Map.of("inferSchema", "true"), null);
    assertEquals("struct<_c0:double,_c1:string,_c2:string,_c3:timestamp>", s.schema().simpleString());
  }

  @Test
  void emptyAndNullValuesReadAsNullByDefault() throws IOException {
    String p = file("a.csv", "a,\"\",NA\n");
    assertEquals(List.of(Row.of("a", null, "NA")), ReadAll.rows(csv(p, Map.of(), null)));
    assertEquals(List.of(Row.of("a", "", null)), ReadAll.rows(csv(p, Map.of("nullValue", "NA"), null)));
    assertEquals(List.of(Row.of("a", "E", null)),
        ReadAll.rows(csv(p, Map.of("nullValue", "NA", "emptyValue", "E"), null)));
  }

  @Test
  void separatorQuoteCommentAndWhitespaceOptions() throws IOException {
    String p = file("a.csv", "# comment\n 'a;b' ;  c  \n\n x;y\n");
    Map<String, String> o = Map.of("sep", ";", "quote", "'", "comment", "#",
        "ignoreLeadingWhiteSpace", "true", "ignoreTrailingWhiteSpace", "true");
    assertEquals(List.of(Row.of("a;b", "c"), Row.of("x", "y")), ReadAll.rows(csv(p, o, null)));
    assertEquals(List.of(Row.of("1", "2")), ReadAll.rows(csv(file("t.csv", "1\t2\n"), Map.of("delimiter", "\\t"), null)));
  }

  @Test
  void quotedValuesWithDoubledQuotesAndNewlines() throws IOException {
    String p = file("a.csv", "\"he said \"\"hi\"\"\",\"two\nlines\"\n");
    assertEquals(List.of(Row.of("he said \"hi\"", "two\nlines")), ReadAll.rows(csv(p, Map.of("multiLine", "true"), null)));
  }

  @Test
  void backslashEscapesQuotesInsideQuotedValuesByDefault() throws IOException {
    String p = file("e.csv", "\"a\\\"b\",\"x\\\\\",\"d\"\"q\",un\\\"q\n");
    assertEquals(List.of(Row.of("a\"b", "x\\", "d\"q", "un\\\"q")), ReadAll.rows(csv(p, Map.of(), null)));
  }

  @Test
  void escapeOptionEqualToQuoteMeansDoubledQuotesOnly() throws IOException {
    String p = file("e.csv", "\"a\\\",b\n");
    assertEquals(List.of(Row.of("a\\", "b")), ReadAll.rows(csv(p, Map.of("escape", "\""), null)));
  }

  @Test
  void userSchemaAsDdlWithDateAndTimestampFormats() throws IOException {
    String p = file("a.csv", "02/01/2024,2024.01.02 10:30,1.25\n");
    Source s = csv(p, Map.of("dateFormat", "dd/MM/yyyy", "timestampFormat", "yyyy.MM.dd HH:mm", "timeZone", "+01:00"),
        DdlSchema.parse("d DATE, t TIMESTAMP, x DECIMAL(5,2)"));
    assertEquals(List.of(Row.of(LocalDate.of(2024, 1, 2), Instant.parse("2024-01-02T09:30:00Z"), new BigDecimal("1.25"))),
        ReadAll.rows(s));
  }

  @Test
  void nanAndInfinityValues() throws IOException {
    String p = file("a.csv", "NaN\nInf\n-Inf\n1e3\n");
    Source s = csv(p, Map.of(), DdlSchema.parse("x double"));
    assertEquals(List.of(Row.of(Double.NaN), Row.of(Double.POSITIVE_INFINITY), Row.of(Double.NEGATIVE_INFINITY), Row.of(1000.0)),
        ReadAll.rows(s));
  }

  private static final String MALFORMED = "1,a\nx,b\n3\n4,d,extra\n5,e\n";
  private static final StructType WITH_CORRUPT = DdlSchema.parse("id INT, name STRING, _corrupt_record STRING");

  @Test
  void permissiveNullsBadFieldsAndKeepsTheRawRecord() throws IOException {
    List<Row> rows = ReadAll.rows(csv(file("m.csv", MALFORMED), Map.of(), WITH_CORRUPT));
    assertEquals(List.of(
        Row.of(1, "a", null),
        Row.of(null, "b", "x,b"),
        Row.of(3, null, "3"),
        Row.of(4, "d", "4,d,extra"),
        Row.of(5, "e", null)), rows);
  }

  @Test
  void permissiveWithoutCorruptColumnKeepsPartialRows() throws IOException {
    List<Row> rows = ReadAll.rows(csv(file("m.csv", MALFORMED), Map.of("mode", "permissive"), DdlSchema.parse("id INT, name STRING")));
    assertEquals(List.of(Row.of(1, "a"), Row.of(null, "b"), Row.of(3, null), Row.of(4, "d"), Row.of(5, "e")), rows);
  }

  @Test
  void dropMalformedSkipsBadRecords() throws IOException {
    List<Row> rows = ReadAll.rows(csv(file("m.csv", MALFORMED), Map.of("mode", "DROPMALFORMED"), WITH_CORRUPT));
    assertEquals(List.of(Row.of(1, "a", null), Row.of(5, "e", null)), rows);
  }

  @Test
  void failFastThrowsNamingFileAndRecord() throws IOException {
    String p = file("m.csv", MALFORMED);
    MalformedRecordException e = assertThrows(MalformedRecordException.class,
        () -> ReadAll.rows(csv(p, Map.of("mode", "FAILFAST"), DdlSchema.parse("id INT, name STRING"))));
    assertEquals("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", e.errorClass());
    assertEquals("[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected in record parsing:"
        + " x,b (file " + p + ", line 2: cannot convert 'x' for column 1). Parse Mode: FAILFAST. To process malformed"
        + " records as null result, try setting the option 'mode' as 'PERMISSIVE'.", e.getMessage());
  }

  @Test
  void failFastOnWrongFieldCount() throws IOException {
    String p = file("m.csv", "1,a\n2\n");
    MalformedRecordException e = assertThrows(MalformedRecordException.class,
        () -> ReadAll.rows(csv(p, Map.of("mode", "failfast"), DdlSchema.parse("id INT, name STRING"))));
    assertTrue(e.getMessage().contains("record parsing: 2 (file " + p + ", line 2: expected 2 fields but found 1)"),
        e.getMessage());
  }

  @Test
  void corruptRecordColumnMustBeAString() throws IOException {
    String p = file("m.csv", "1\n");
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> csv(p, Map.of(), DdlSchema.parse("id INT, _corrupt_record INT")));
    assertEquals("INVALID_CORRUPT_RECORD_TYPE", e.errorClass());
  }

  @Test
  void headerIsSkippedInEveryFileAndOnlyAtOffsetZero() throws IOException {
    file("1.csv", "k,v\na,1\nb,2\n");
    file("2.csv", "k,v\nc,3\n");
    Source s = FileSources.create("csv", List.of(dir.toString()),
        Map.of("header", "true", "inferSchema", "true", "maxPartitionBytes", "4"), null);
    assertEquals("struct<k:string,v:int>", s.schema().simpleString());
    assertEquals(List.of(Row.of("a", 1), Row.of("b", 2), Row.of("c", 3)), ReadAll.rows(s, 8, 2));
  }

  @Test
  void columnPushdownConvertsOnlyRequestedColumnsInTheirOrder() throws IOException {
    String p = file("a.csv", "1,x,bad\n2,y,bad\n");
    SupportsPushdown s = (SupportsPushdown) csv(p, Map.of("mode", "FAILFAST"), DdlSchema.parse("a INT, b STRING, c INT"));
    Source narrowed = s.withColumns(new int[] {1, 0});
    assertEquals("struct<b:string,a:int>", narrowed.schema().simpleString());
    assertEquals(List.of(Row.of("x", 1), Row.of("y", 2)), ReadAll.rows(narrowed));
  }

  @Test
  void partitionedDirectoriesAddTypedColumns() throws IOException {
    Files.createDirectories(dir.resolve("year=2024/region=EU"));
    Files.createDirectories(dir.resolve("year=2025/region=US"));
    Files.writeString(dir.resolve("year=2024/region=EU/p.csv"), "1\n");
    Files.writeString(dir.resolve("year=2025/region=US/p.csv"), "2\n");
    Source s = FileSources.create("csv", List.of(dir.toString()), Map.of("inferSchema", "true"), null);
    assertEquals("struct<_c0:int,year:int,region:string>", s.schema().simpleString());
    assertEquals(List.of(Row.of(1, 2024, "EU"), Row.of(2, 2025, "US")), ReadAll.rows(s));
    assertEquals(DataTypes.INTEGER, s.schema().field(1).dataType());
  }

  @Test
  void unknownFormatAndBadOptionsAreRejected() throws IOException {
    String p = file("a.csv", "1\n");
    assertThrows(io.ember.core.errors.EmberIllegalArgumentException.class,
        () -> FileSources.create("parquet", List.of(p), Map.of(), null));
    io.ember.core.errors.EmberIllegalArgumentException e = assertThrows(io.ember.core.errors.EmberIllegalArgumentException.class,
        () -> csv(p, Map.of("header", "yes"), null));
    assertEquals("[INVALID_OPTION_VALUE] Invalid value 'yes' for option 'header': expected true or false.", e.getMessage());
  }
}
