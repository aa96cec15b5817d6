package io.ember.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.errors.EmberIllegalArgumentException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Spark's join type spellings and its error for unknown ones. */
class JoinTypesTest {
  @ParameterizedTest
  @CsvSource({
      "inner,inner", "INNER,inner", "cross,cross",
      "outer,full_outer", "full,full_outer", "fullouter,full_outer", "full_outer,full_outer", "FULL_OUTER,full_outer",
      "left,left_outer", "leftouter,left_outer", "left_outer,left_outer",
      "right,right_outer", "rightouter,right_outer", "right_outer,right_outer",
      "semi,left_semi", "leftsemi,left_semi", "left_semi,left_semi",
      "anti,left_anti", "leftanti,left_anti", "left_anti,left_anti"})
  void everySparkSpellingNormalizes(String how, String expected) {
    assertEquals(expected, JoinTypes.normalize(how));
  }

  @Test
  void unknownJoinTypeListsTheSupportedOnes() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class, () -> JoinTypes.normalize("sideways"));
    assertEquals("UNSUPPORTED_JOIN_TYPE", e.errorClass());
    assertEquals("[UNSUPPORTED_JOIN_TYPE] Unsupported join type 'sideways'. Supported join types include: 'inner', 'outer',"
        + " 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer',"
        + " 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'.", e.getMessage());
  }
}
