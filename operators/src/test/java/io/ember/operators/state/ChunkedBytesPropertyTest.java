package io.ember.operators.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Chunked bytes hold what a Kryo output wrote, in order, in chunks of at most {@link ChunkedBytes#CHUNK_BYTES}
 * (whatever the sizes of the writes), read back through a Kryo input as written, and slice, join, overwrite and
 * compare like the one array they stand for.
 */
class ChunkedBytesPropertyTest {
  static Stream<Long> seeds() {
    return Seeds.of("chunked-bytes", 40);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void whatIsWrittenReadsBackAsOneArrayWould(long seed) {
    Seeds.check(seed, random -> {
      Written written = Written.of(random);
      ChunkedBytes bytes = written.bytes();
      byte[] expected = written.expected();
      assertEquals(expected.length, bytes.length());
      assertArrayEquals(expected, bytes.toByteArray());
      assertTrue(bytes.largestChunk() <= ChunkedBytes.CHUNK_BYTES, "chunk of " + bytes.largestChunk());
      ChunkedBytes.Reader in = bytes.input();
      for (Object w : written.writes()) {
        if (w instanceof Integer i) {
          assertEquals(i, in.readVarInt(true));
        } else if (random.nextBoolean()) {
          byte[] b = (byte[]) w;
          assertArrayEquals(b, in.readBytes(b.length));
        } else {
          in.skip(((byte[]) w).length);
        }
      }
      assertEquals(0, in.remaining());
      assertThrows(KryoException.class, () -> in.skip(1));
      CRC32C a = new CRC32C();
      bytes.updateChecksum(a);
      CRC32C b = new CRC32C();
      b.update(expected);
      assertEquals(b.getValue(), a.getValue());
    });
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void slicesAndJoinsShareTheBytes(long seed) {
    Seeds.check(seed, random -> {
      Written written = Written.of(random);
      ChunkedBytes bytes = written.bytes();
      byte[] expected = written.expected();
      int from = random.nextInt(expected.length + 1);
      int count = random.nextInt(expected.length - from + 1);
      ChunkedBytes slice = bytes.slice(from, count);
      assertArrayEquals(Arrays.copyOfRange(expected, from, from + count), slice.toByteArray());
      ChunkedBytes joined = ChunkedBytes.concat(List.of(bytes.slice(0, from), slice,
          bytes.slice(from + count, expected.length - from - count)));
      assertEquals(bytes, joined);
      assertEquals(bytes.hashCode(), joined.hashCode());
      assertEquals(ChunkedBytes.wrap(expected), bytes);
      ByteArrayOutputStream copied = new ByteArrayOutputStream();
      ChunkedBytes.Reader in = bytes.input();
      in.skip(from);
      Output through = new Output(copied, 1024);
      in.copyTo(through, count);
      through.flush();
      assertArrayEquals(Arrays.copyOfRange(expected, from, from + count), copied.toByteArray());
      if (expected.length > 0) {
        byte[] changed = expected.clone();
        changed[random.nextInt(changed.length)] ^= 1;
        assertNotEquals(bytes, ChunkedBytes.wrap(changed));
      }
      assertThrows(IndexOutOfBoundsException.class, () -> bytes.slice(from, expected.length - from + 1));
    });
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void overwritingChangesBytesAlreadyWritten(long seed) {
    Seeds.check(seed, random -> {
      ChunkedBytes.Writer out = ChunkedBytes.writer();
      Output reference = new Output(64, -1);
      List<long[]> patches = new ArrayList<>();
      int rounds = Gen.between(random, 1, 20);
      for (int r = 0; r < rounds; r++) {
        patches.add(new long[] {out.total(), reference.position()});
        out.writeBytes(new byte[3]);
        reference.writeBytes(new byte[3]);
        writeRandomly(random, out, reference);
      }
      for (long[] p : patches) {
        byte[] patch = new byte[3];
        random.nextBytes(patch);
        out.overwrite(p[0], patch);
        System.arraycopy(patch, 0, reference.getBuffer(), (int) p[1], 3);
      }
      assertThrows(IndexOutOfBoundsException.class, () -> out.overwrite(out.total() - 1, new byte[2]));
      assertArrayEquals(reference.toBytes(), out.finish().toByteArray());
    });
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void kryoWritesTheBytesOfASliceNotTheArraysItShares(long seed) {
    Seeds.check(seed, random -> {
      Written written = Written.of(random);
      ChunkedBytes bytes = written.bytes();
      int from = random.nextInt(written.expected().length + 1);
      ChunkedBytes slice = bytes.slice(from, random.nextInt(written.expected().length - from + 1));
      Kryo kryo = new Kryo();
      kryo.setRegistrationRequired(false);
      Output out = new Output(64, -1);
      kryo.writeObject(out, slice);
      assertTrue(out.position() <= slice.length() + 10, out.position() + " bytes for " + slice.length());
      ChunkedBytes back = kryo.readObject(new Input(out.toBytes()), ChunkedBytes.class);
      assertEquals(slice, back);
      assertTrue(back.largestChunk() <= ChunkedBytes.CHUNK_BYTES);
    });
  }

  /** Random writes to chunked bytes: what they hold, the same writes to one array, and the writes in order. */
  private record Written(ChunkedBytes bytes, byte[] expected, List<Object> writes) {
    static Written of(Random random) {
      ChunkedBytes.Writer out = ChunkedBytes.writer();
      Output reference = new Output(64, -1);
      List<Object> writes = writeRandomly(random, out, reference);
      return new Written(out.finish(), reference.toBytes(), writes);
    }
  }

  /** Random var-ints and byte runs (some larger than a chunk) to both outputs; returns them in order. */
  private static List<Object> writeRandomly(Random random, Output out, Output reference) {
    List<Object> writes = new ArrayList<>();
    int n = Gen.between(random, 0, 60);
    for (int i = 0; i < n; i++) {
      if (random.nextBoolean()) {
        int v = Gen.anyInt(random) >>> random.nextInt(32);
        out.writeVarInt(v, true);
        reference.writeVarInt(v, true);
        writes.add(v);
      } else {
        byte[] b = new byte[Gen.oneOf(random, 0, 1, 7, 1000, 70_000, ChunkedBytes.CHUNK_BYTES + 5)];
        random.nextBytes(b);
        out.writeBytes(b);
        reference.writeBytes(b);
        writes.add(b);
      }
    }
    return writes;
  }
}
