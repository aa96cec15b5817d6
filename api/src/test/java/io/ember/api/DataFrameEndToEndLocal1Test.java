package io.ember.api;

/** {@link DataFrameEndToEndTest} with one task per stage. */
class DataFrameEndToEndLocal1Test extends DataFrameEndToEndTest {
  @Override
  String master() {
    return "local[1]";
  }
}
