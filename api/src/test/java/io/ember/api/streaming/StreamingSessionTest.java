package io.ember.api.streaming;

import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class whose streaming queries share one local session: started before the class's first test and stopped
 * after its last; the queries a test leaves running are stopped after it, and the terminated ones forgotten.
 */
abstract class StreamingSessionTest {
  /** Rows of a string key {@code k} and a long value {@code v}. */
  static final StructType KEY_VALUE = DataTypes.struct(
      DataTypes.field("k", DataTypes.STRING), DataTypes.field("v", DataTypes.LONG));
  static Session session;

  @BeforeAll
  static void startSession() {
    session = Session.builder().master("local[2]").getOrCreate();
  }

  @AfterAll
  static void stopSession() {
    session.stop();
  }

  @AfterEach
  void stopQueries() {
    for (StreamingQuery q : session.streams().active()) {
      q.stop();
    }
    session.streams().resetTerminated();
  }

  /** Each row's text, sorted. */
  static List<String> sorted(List<Row> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.toString()));
    out.sort(null);
    return out;
  }
}
