package io.ember.api;

/** {@link DataFrameEndToEndTest} with four tasks per stage, so that exchanges and partial aggregates are used. */
class DataFrameEndToEndLocal4Test extends DataFrameEndToEndTest {
  @Override
  String master() {
    return "local[4]";
  }
}
