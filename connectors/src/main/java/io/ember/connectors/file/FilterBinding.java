package io.ember.connectors.file;

import io.ember.core.expr.ColumnRefs;
import io.ember.core.expr.Expression;
import java.util.ArrayList;
import java.util.List;

/** Which pushed-down filters a file format can apply while it reads (rebinding them is {@link ColumnRefs}'). */
final class FilterBinding {
  private FilterBinding() {}

  /** The filters of {@code filters} that read only columns below {@code dataColumns} (no partition column). */
  static List<Expression> dataOnly(List<Expression> filters, int dataColumns) {
    List<Expression> out = new ArrayList<>();
    for (Expression f : filters) {
      if (ColumnRefs.references(f).nextSetBit(dataColumns) < 0) {
        out.add(f);
      }
    }
    return out;
  }
}
