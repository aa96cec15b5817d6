package io.ember.operators.aggregate;

/**
 * Per-group linked lists of entry numbers in insertion order, in primitive arrays: {@code head}/{@code tail}
 * per group, {@code next} per entry. Lets collect_list and the distinct sets enumerate a group's values
 * without an object per group.
 */
final class GroupChains {
  private int[] head = new int[0];
  private int[] tail = new int[0];
  private int[] length = new int[0];
  private int[] next = new int[0];

  void ensureGroups(int groupCount) {
    head = States.grow(head, groupCount, -1);
    tail = States.grow(tail, groupCount, -1);
    length = States.grow(length, groupCount);
  }

  /** Appends {@code entry} (the next entry number, in increasing order) to {@code group}'s list. */
  void append(int group, int entry) {
    next = States.grow(next, entry + 1);
    next[entry] = -1;
    if (head[group] < 0) {
      head[group] = entry;
    } else {
      next[tail[group]] = entry;
    }
    tail[group] = entry;
    length[group]++;
  }

  int length(int group) {
    return length[group];
  }

  /**
   * The entries of groups {@code [from, from + count)}, group after group in insertion order; fills
   * {@code offsets} ({@code count + 1} entries) with each group's range in the returned array.
   */
  int[] entries(int from, int count, int[] offsets) {
    int total = 0;
    for (int k = 0; k < count; k++) {
      offsets[k] = total;
      total += length[from + k];
    }
    offsets[count] = total;
    int[] out = new int[total];
    int pos = 0;
    for (int k = 0; k < count; k++) {
      for (int e = head[from + k]; e >= 0; e = next[e]) {
        out[pos++] = e;
      }
    }
    return out;
  }

  long estimatedBytes() {
    return 12L * head.length + 4L * next.length;
  }
}
