package io.ember.operators.internal;

/** A stable sort of an {@code int[]} with a primitive comparator: no boxing, for sorting row permutations. */
public final class IntSort {
  private static final int INSERTION_THRESHOLD = 24;

  /** Compares two ints (row numbers). */
  @FunctionalInterface
  public interface IntComparator {
    int compare(int a, int b);
  }

  private IntSort() {}

  /** Sorts {@code a[0, length)} stably (equal elements keep their order). */
  public static void sort(int[] a, int length, IntComparator cmp) {
    if (length < 2) {
      return;
    }
    int[] tmp = new int[length];
    mergeSort(a, tmp, 0, length, cmp);
  }

  private static void mergeSort(int[] a, int[] tmp, int from, int to, IntComparator cmp) {
    if (to - from <= INSERTION_THRESHOLD) {
      insertionSort(a, from, to, cmp);
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, tmp, from, mid, cmp);
    mergeSort(a, tmp, mid, to, cmp);
    if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, from, tmp, from, to - from);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && cmp.compare(tmp[i], tmp[j]) <= 0)) {
        a[k] = tmp[i++];
      } else {
        a[k] = tmp[j++];
      }
    }
  }

  private static void insertionSort(int[] a, int from, int to, IntComparator cmp) {
    for (int i = from + 1; i < to; i++) {
      int v = a[i];
      int j = i - 1;
      while (j >= from && cmp.compare(a[j], v) > 0) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
  }
}
