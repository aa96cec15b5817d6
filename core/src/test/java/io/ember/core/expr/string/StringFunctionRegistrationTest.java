package io.ember.core.expr.string;

import static io.ember.core.expr.string.FunctionHarness.call;
import static io.ember.core.expr.string.FunctionHarness.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.Expression;
import io.ember.core.expr.FunctionRegistry;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StringFunctionRegistrationTest {
  private static final String[] FIXED_ARITY = {
      "upper", "ucase", "lower", "lcase", "length", "char_length", "character_length", "len", "ascii", "initcap",
      "reverse", "trim", "ltrim", "rtrim", "btrim", "substring", "substr", "split", "regexp_replace",
      "regexp_extract", "rlike", "regexp", "regexp_like", "like", "lpad", "rpad", "instr", "locate", "position",
      "contains", "startswith", "endswith", "repeat", "translate", "replace", "left", "right"};

  @Test
  void everySparkNameIsRegistered() {
    FunctionRegistry r = FunctionRegistry.standard();
    for (String name : FIXED_ARITY) {
      assertTrue(r.contains(name), name);
    }
    assertTrue(r.contains("concat"));
    assertTrue(r.contains("CONCAT_WS"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "upper", "lower", "length", "ascii", "initcap", "reverse", "trim", "ltrim", "rtrim", "btrim", "substring",
      "split", "regexp_replace", "regexp_extract", "rlike", "like", "lpad", "rpad", "instr", "locate", "contains",
      "startswith", "endswith", "repeat", "translate"})
  void tooManyOrTooFewArgumentsFailWithWrongNumArgs(String name) {
    Expression[] five = Collections.nCopies(5, (Expression) str("a")).toArray(new Expression[0]);
    AnalysisException many = assertThrows(AnalysisException.class, () -> call(name, five));
    assertEquals("WRONG_NUM_ARGS", many.errorClass());
    assertTrue(many.getMessage().startsWith("[WRONG_NUM_ARGS] The `" + name + "` requires "), many.getMessage());
    assertTrue(many.getMessage().endsWith("parameters but the actual number is 5."), many.getMessage());
    AnalysisException none = assertThrows(AnalysisException.class, () -> call(name));
    assertEquals("WRONG_NUM_ARGS", none.errorClass());
  }
}
