package io.ember.benchmarks.stream;

/** The harness's master string ({@code local[N]}) read by every engine's job. */
public final class Masters {
  private Masters() {}

  /** {@code N} of {@code local[N]}; 2 for anything else. */
  public static int cores(String master) {
    if (master.startsWith("local[") && master.endsWith("]")) {
      String n = master.substring(6, master.length() - 1);
      if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
        return Integer.parseInt(n);
      }
    }
    return 2;
  }
}
