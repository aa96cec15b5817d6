package io.ember.operators.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntSortTest {
  @Test
  void sortsStablyLikeTheJdkStableSort() {
    Random random = new Random(11);
    for (int n : new int[] {0, 1, 2, 23, 24, 25, 100, 1000}) {
      int[] keys = new int[n];
      for (int i = 0; i < n; i++) {
        keys[i] = random.nextInt(10);
      }
      int[] order = new int[n];
      Integer[] boxed = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
        boxed[i] = i;
      }
      IntSort.sort(order, n, (a, b) -> Integer.compare(keys[a], keys[b]));
      Arrays.sort(boxed, Comparator.comparingInt(i -> keys[i])); // stable merge sort
      assertArrayEquals(Arrays.stream(boxed).mapToInt(Integer::intValue).toArray(), order);
    }
  }
}
