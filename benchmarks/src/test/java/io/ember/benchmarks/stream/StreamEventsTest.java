package io.ember.benchmarks.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamEventsTest {
  /** 5M events: 25 s of event time, windows [0,10), [10,20), [20,30) s. */
  private static final long EVENTS = 5_000_000;
  private static final long WINDOW = StreamEvents.WINDOW_MICROS;

  @Test
  void eventsFollowTheirFormulas() {
    assertEquals(StreamEvents.EPOCH_MICROS, StreamEvents.ts(0));
    assertEquals(StreamEvents.EPOCH_MICROS + 1_000_000, StreamEvents.ts(200_000));
    assertEquals(919, StreamEvents.auction(1) + StreamEvents.auction(0));
    assertEquals(104_729 % 100_003, StreamEvents.price(1));
  }

  @Test
  void theWindowAnswerCountsEveryEventOnceWithEveryAuctionInEveryWindow() {
    List<String> answer = StreamEvents.windowAnswer(EVENTS);
    assertEquals(3 * StreamEvents.AUCTIONS, answer.size());
    long total = answer.stream().mapToLong(r -> Long.parseLong(r.split(",")[2])).sum();
    assertEquals(EVENTS, total);
    assertEquals(3, StreamEvents.windowCount(answer));
    long maxOfFirst = 0;
    for (long i = 0; i < EVENTS; i++) {
      if (StreamEvents.auction(i) == 0 && StreamEvents.ts(i) < StreamEvents.EPOCH_MICROS + WINDOW) {
        maxOfFirst = Math.max(maxOfFirst, StreamEvents.price(i));
      }
    }
    assertEquals(StreamEvents.windowRow(StreamEvents.EPOCH_MICROS, 0, 2000, maxOfFirst), answer.get(0));
  }

  @Test
  void theCheckAcceptsEveryRequiredWindowAndOptionalLaterOnesButNothingWrongOrMissing() {
    List<String> answer = StreamEvents.windowAnswer(EVENTS);
    int perWindow = StreamEvents.AUCTIONS;
    // last event at 25 s, delay 2 s, slack 5 s: windows ending by 18 s are required, i.e. the first only
    long slack = 5_000_000;
    assertTrue(StreamEvents.checkWindows(answer, EVENTS, slack).isEmpty());
    assertTrue(StreamEvents.checkWindows(answer, answer, EVENTS, slack).isEmpty());
    assertTrue(StreamEvents.checkWindows(answer.subList(0, perWindow), answer, EVENTS, slack).isEmpty());
    assertTrue(StreamEvents.checkWindows(answer.subList(0, 2 * perWindow), answer, EVENTS, slack).isEmpty());
    assertFalse(StreamEvents.checkWindows(List.of(), answer, EVENTS, slack).isEmpty(), "the first window is required");
    assertFalse(StreamEvents.checkWindows(answer.subList(0, perWindow - 1), answer, EVENTS, slack).isEmpty(),
        "an auction missing");
    List<String> partialSecond = new ArrayList<>(answer.subList(0, perWindow + 10));
    assertFalse(StreamEvents.checkWindows(partialSecond, answer, EVENTS, slack).isEmpty(),
        "an optional window but partial");
    List<String> wrong = new ArrayList<>(answer);
    String[] f = wrong.get(5).split(",");
    wrong.set(5, StreamEvents.windowRow(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]) + 1,
        Long.parseLong(f[3])));
    assertFalse(StreamEvents.checkWindows(wrong, answer, EVENTS, slack).isEmpty(), "a wrong count");
    List<String> extra = new ArrayList<>(answer);
    extra.add(StreamEvents.windowRow(StreamEvents.EPOCH_MICROS + 3 * WINDOW, 0, 1, 1));
    assertFalse(StreamEvents.checkWindows(extra, answer, EVENTS, slack).isEmpty(), "a window with no events");
  }
}
