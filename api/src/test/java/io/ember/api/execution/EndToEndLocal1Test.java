package io.ember.api.execution;

class EndToEndLocal1Test extends EndToEndScenarios {
  @Override
  int parallelism() {
    return 1;
  }
}
