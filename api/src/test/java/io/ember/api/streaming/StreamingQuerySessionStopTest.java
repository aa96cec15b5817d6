package io.ember.api.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stopping a session stops its queries and delivers their terminated events. */
@Timeout(60)
class StreamingQuerySessionStopTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("v", DataTypes.LONG));

  @Test
  void closingTheSessionStopsItsQueries() throws Exception {
    CountDownLatch terminated = new CountDownLatch(2);
    StreamingQuery a;
    StreamingQuery b;
    try (Session session = Session.builder().master("local[2]").getOrCreate()) {
      session.streams().addListener(new StreamingQueryListener() {
        @Override
        public void onQueryStarted(QueryStartedEvent event) {}

        @Override
        public void onQueryProgress(QueryProgressEvent event) {}

        @Override
        public void onQueryTerminated(QueryTerminatedEvent event) {
          terminated.countDown();
        }
      });
      MemoryStream input = MemoryStream.of(session, SCHEMA);
      a = input.toDF().writeStream().format("noop").start();
      b = input.toDF().writeStream().format("memory").queryName("t").start();
      input.addData(Row.of(1L));
      b.processAllAvailable();
      assertEquals(2, session.streams().active().length);
    }
    assertFalse(a.isActive());
    assertFalse(b.isActive());
    assertTrue(a.exception().isEmpty());
    assertTrue(terminated.await(10, TimeUnit.SECONDS), "terminated events are delivered before the session ends");
  }
}
