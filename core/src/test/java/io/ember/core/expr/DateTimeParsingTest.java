package io.ember.core.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.EmberDateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DateTimeParsingTest {
  private static final ZoneId UTC = ZoneOffset.UTC;

  private static int days(String iso) {
    return (int) LocalDate.parse(iso).toEpochDay();
  }

  private static long micros(String instant) {
    Instant i = Instant.parse(instant);
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
  }

  @Test
  void datesInEverySparkForm() {
    assertEquals(days("2020-01-01"), DateTimeParsing.parseDate("2020"));
    assertEquals(days("2020-03-01"), DateTimeParsing.parseDate("2020-3"));
    assertEquals(days("2020-03-07"), DateTimeParsing.parseDate(" 2020-03-7 "));
    assertEquals(days("2020-03-07"), DateTimeParsing.parseDate("2020-03-07 12:34:56"));
    assertEquals(days("2020-03-07"), DateTimeParsing.parseDate("2020-03-07T12:34"));
  }

  @Test
  void malformedDateIsCastInvalidInput() {
    EmberDateTimeException e = assertThrows(EmberDateTimeException.class, () -> DateTimeParsing.parseDate("abc"));
    assertEquals("CAST_INVALID_INPUT", e.errorClass());
    assertTrue(e.getMessage().startsWith(
        "[CAST_INVALID_INPUT] The value 'abc' of the type \"STRING\" cannot be cast to \"DATE\" because it is malformed."),
        e.getMessage());
    assertNull(DateTimeParsing.tryParseDate("2020-02-30"));
    assertNull(DateTimeParsing.tryParseDate("20-01-01"));
    assertNull(DateTimeParsing.tryParseDate("2020/01/01"));
    assertNull(DateTimeParsing.tryParseDate(null));
  }

  @Test
  void timestampsWithFractionSeparatorAndZone() {
    assertEquals(micros("2020-01-02T03:04:05Z"), DateTimeParsing.parseTimestamp("2020-01-02 03:04:05", UTC));
    assertEquals(micros("2020-01-02T03:04:05.123456Z"),
        DateTimeParsing.parseTimestamp("2020-01-02T03:04:05.123456789", UTC));
    assertEquals(micros("2020-01-02T03:04:00Z"), DateTimeParsing.parseTimestamp("2020-01-02 3:4", UTC));
    assertEquals(micros("2020-01-01T00:00:00Z"), DateTimeParsing.parseTimestamp("2020", UTC));
    assertEquals(micros("2020-01-02T01:04:05Z"), DateTimeParsing.parseTimestamp("2020-01-02 03:04:05+02:00", UTC));
    assertEquals(micros("2020-01-02T03:04:05Z"), DateTimeParsing.parseTimestamp("2020-01-02T03:04:05Z", ZoneId.of("Asia/Tokyo")));
    assertEquals(micros("2020-01-02T02:04:05Z"),
        DateTimeParsing.parseTimestamp("2020-01-02 03:04:05 Europe/Paris", UTC));
    assertEquals(micros("2020-01-02T05:04:05Z"), DateTimeParsing.parseTimestamp("2020-01-02 03:04:05 UTC-2", UTC));
  }

  @Test
  void zonelessTimestampIsReadInTheSessionZone() {
    assertEquals(micros("2020-06-30T22:00:00Z"),
        DateTimeParsing.parseTimestamp("2020-07-01 00:00:00", ZoneId.of("Europe/Paris")));
  }

  @Test
  void malformedTimestampIsCastInvalidInput() {
    EmberDateTimeException e = assertThrows(EmberDateTimeException.class,
        () -> DateTimeParsing.parseTimestamp("2020-01-01 25:00:00", UTC));
    assertTrue(e.getMessage().contains("cannot be cast to \"TIMESTAMP\""), e.getMessage());
    assertNull(DateTimeParsing.tryParseTimestamp("2020-01-01 12:00:00 Nowhere/Land", UTC));
    assertNull(DateTimeParsing.tryParseTimestamp("yesterday", UTC));
  }

  @Test
  void formatsAsSparkPrints() {
    assertEquals("2020-03-07", DateTimeParsing.formatDate(days("2020-03-07")));
    assertEquals("2020-01-02 03:04:05", DateTimeParsing.formatTimestamp(micros("2020-01-02T03:04:05Z"), UTC));
    assertEquals("2020-01-02 03:04:05.12", DateTimeParsing.formatTimestamp(micros("2020-01-02T03:04:05.120Z"), UTC));
    assertEquals("1969-12-31 23:59:59.999999", DateTimeParsing.formatTimestamp(-1, UTC));
    assertEquals("2020-01-02 04:04:05",
        DateTimeParsing.formatTimestamp(micros("2020-01-02T03:04:05Z"), ZoneId.of("Europe/Paris")));
  }
}
