package io.ember.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.EmberIllegalArgumentException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FrameTest {
  private static DataInputStream input(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return new DataInputStream(new ByteArrayInputStream(bytes));
  }

  @Test
  void aJsonFrameIsABigEndianLengthCountingTheTagThenTheTag() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Frame.json("{}".getBytes(StandardCharsets.UTF_8)).write(out);

    assertArrayEquals(new byte[] {0, 0, 0, 3, 'J', '{', '}'}, out.toByteArray());
  }

  @Test
  void framesReadBackInOrderThenNullAtTheEnd() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Frame.json("{\"a\":1}".getBytes(StandardCharsets.UTF_8)).write(out);
    Frame.batch(new byte[300]).write(out);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(out.toByteArray()));

    Frame first = Frame.read(in);
    Frame second = Frame.read(in);

    assertEquals("{\"a\":1}", first.text());
    assertTrue(second.isBatch());
    assertEquals(300, second.payload().length);
    assertNull(Frame.read(in));
  }

  @Test
  void anUnknownTagIsMalformed() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> Frame.read(input(0, 0, 0, 1, 'X')));

    assertEquals("BRIDGE_MALFORMED_FRAME", e.errorClass());
    assertTrue(e.getMessage().contains("Unknown frame tag 0x58"), e.getMessage());
  }

  @Test
  void anEmptyFrameIsMalformedAndACutFrameIsAnEndOfFile() {
    assertThrows(EmberIllegalArgumentException.class, () -> Frame.read(input(0, 0, 0, 0)));
    assertThrows(EOFException.class, () -> Frame.read(input(0, 0, 0, 5, 'J', '{')));
  }

  @Test
  void theStdinWatcherRunsItsActionAtEndOfFile() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);

    BridgeServer.watchStdin(new ByteArrayInputStream(new byte[] {1, 2, 3}), ran::countDown);

    assertTrue(ran.await(30, TimeUnit.SECONDS));
  }
}
