package io.ember.api.sql;

import io.ember.api.sql.StatementTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code INSERT INTO|OVERWRITE [TABLE] t [PARTITION (..)] [(c, ...)] query|VALUES (..), ..}; the rows of
 * {@code VALUES} become a query ({@code SELECT .. AS col1, .. UNION ALL SELECT ..}), so every insert carries one.
 */
final class InsertStatementWords {
  private InsertStatementWords() {}

  /**
   * The insert starting with {@code INSERT} at word 0.
   *
   * @throws ParseException when it does not follow the syntax
   * @throws io.ember.core.errors.AnalysisException {@code UNSUPPORTED_FEATURE.SQL} for {@code INSERT .. BY NAME},
   *     {@code REPLACE} and a partition clause with {@code IF NOT EXISTS}
   */
  static SqlTableStatement read(StatementTokens t) {
    t.seek(1);
    boolean overwrite;
    if (t.accept("INTO")) {
      overwrite = false;
    } else if (t.accept("OVERWRITE")) {
      overwrite = true;
    } else {
      throw t.error();
    }
    t.accept("TABLE");
    String name = t.name();
    Map<String, String> partition = t.peek("PARTITION") ? t.partitionSpec(true) : Map.of();
    if (t.peek("IF") && !partition.isEmpty()) {
      throw SqlUnsupported.of("INSERT ... PARTITION (..) IF NOT EXISTS");
    }
    if (t.peek("BY") || t.peek("REPLACE")) {
      throw SqlUnsupported.of("INSERT " + t.current().text().toUpperCase(Locale.ROOT));
    }
    List<String> columns = null;
    Token afterParen = t.at(t.pos() + 1);
    if (t.peekSymbol("(") && afterParen != null && !(afterParen.is("SELECT") || afterParen.is("WITH")
        || afterParen.is("VALUES") || afterParen.text().equals("("))) {
      columns = new ArrayList<>();
      t.seek(t.pos() + 1);
      do {
        columns.add(t.name());
      } while (t.acceptSymbol(","));
      t.expectSymbol(")");
    }
    if (t.atEnd()) {
      throw t.error();
    }
    if (t.accept("VALUES")) {
      return new SqlTableStatement.Insert(name, overwrite, valuesAsSelect(t), columns, partition);
    }
    return new SqlTableStatement.Insert(name, overwrite, t.restAsQuery(), columns, partition);
  }

  /** {@code VALUES (a, b), (c, d)} as {@code SELECT a AS col1, b AS col2 UNION ALL SELECT c, d}. */
  private static String valuesAsSelect(StatementTokens t) {
    StringBuilder out = new StringBuilder();
    int row = 0;
    while (!t.atEnd() && !t.peekSymbol(";")) {
      if (row > 0) {
        t.expectSymbol(",");
        out.append(" UNION ALL ");
      }
      List<String> values = new ArrayList<>();
      if (t.peekSymbol("(")) {
        int close = t.closing(t.pos());
        int depth = 0;
        int from = t.current().end();
        for (int i = t.pos() + 1; i < close; i++) {
          Token w = t.at(i);
          if (w.isSymbol("(") || w.isSymbol("[")) {
            depth++;
          } else if (w.isSymbol(")") || w.isSymbol("]")) {
            depth--;
          } else if (depth == 0 && w.isSymbol(",")) {
            values.add(t.sql().substring(from, w.start()));
            from = w.end();
          }
        }
        values.add(t.sql().substring(from, t.at(close).start()));
        t.seek(close + 1);
      } else {
        Token w = t.next("a value");
        values.add(t.sql().substring(w.start(), w.end()));
      }
      out.append("SELECT ");
      for (int i = 0; i < values.size(); i++) {
        out.append(i > 0 ? ", " : "").append(values.get(i).strip());
        if (row == 0) {
          out.append(" AS col").append(i + 1);
        }
      }
      row++;
    }
    if (row == 0) {
      throw t.error();
    }
    return out.toString();
  }
}
