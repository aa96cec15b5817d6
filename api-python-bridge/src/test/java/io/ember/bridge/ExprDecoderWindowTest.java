package io.ember.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ember.api.logical.LogicalExpr;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.operators.analytic.WindowFrame;
import org.junit.jupiter.api.Test;

/** The {@code window} expression of the protocol decodes to the same window expression as {@code Column.over}. */
class ExprDecoderWindowTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ExprDecoder decoder = new ExprDecoder(id -> id, null);

  private LogicalExpr decode(String json) throws Exception {
    return decoder.decode(JSON.readTree(json.replace('\'', '"')));
  }

  @Test
  void decodesPartitionOrderAndFrame() throws Exception {
    LogicalExpr e = decode("{'expr': 'window', 'function': {'expr': 'call', 'name': 'sum', 'args': [{'expr': 'col',"
        + " 'name': 'x', 'planId': null}], 'distinct': false}, 'partitionBy': [{'expr': 'col', 'name': 'p',"
        + " 'planId': null}], 'orderBy': [{'expr': 'col', 'name': 'o', 'planId': null}], 'frame': {'type': 'rows',"
        + " 'start': -9223372036854775808, 'end': 1}}");
    LogicalExpr.WindowExpression w = (LogicalExpr.WindowExpression) e;
    assertEquals(new WindowFrame(true, WindowFrame.UNBOUNDED_PRECEDING, 1), w.window().frame());
    assertEquals(new LogicalExpr.SortOrder(new LogicalExpr.UnresolvedColumn("o", null), true, true),
        w.window().orderBy().get(0));
    assertEquals("sum(x) OVER (PARTITION BY p ORDER BY o ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND 1"
        + " FOLLOWING)", w.prettyName());
  }

  @Test
  void aMissingFrameIsSparksDefaultAndABadTypeIsRejected() throws Exception {
    LogicalExpr.WindowExpression w = (LogicalExpr.WindowExpression) decode("{'expr': 'window', 'function':"
        + " {'expr': 'call', 'name': 'row_number', 'args': [], 'distinct': false}, 'partitionBy': [], 'orderBy': []}");
    assertNull(w.window().frame());
    assertThrows(EmberIllegalArgumentException.class, () -> decode("{'expr': 'window', 'function': {'expr': 'call',"
        + " 'name': 'row_number', 'args': [], 'distinct': false}, 'partitionBy': [], 'orderBy': [], 'frame':"
        + " {'type': 'groups', 'start': 0, 'end': 0}}"));
  }
}
