package io.ember.api.execution;

class EndToEndLocal4Test extends EndToEndScenarios {
  @Override
  int parallelism() {
    return 4;
  }
}
