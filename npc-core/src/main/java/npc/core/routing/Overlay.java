package npc.core.routing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The updates made since the last merge: an open-addressing map from number to carrier, with a tombstone for a
 * number returned to its range holder. Keys are never deleted, so a probe sequence never breaks.
 *
 * <p>One writer adds and changes slots while readers probe them without a lock: a new slot's value is written
 * before its key is released, and a reader acquires the key before it reads the value, so a reader that finds a
 * key sees a value that was written for it. An overlay that would be too full is copied into a larger one, and
 * the copy is published with a new snapshot; from then on the old one is read but never written.
 */
final class Overlay {
  /** What {@link #get} returns for a number the overlay knows nothing about. */
  static final int ABSENT = -2;
  /** The stored value of a removed number; carriers end at 254 so that this fits the same byte. */
  static final int REMOVED = 0xFF;

  private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(byte[].class);
  private static final long FIBONACCI = 0x9E3779B97F4A7C15L;
  private static final int MIN_CAPACITY = 16;

  /** The numbers; 0, never a valid number, marks a free slot. */
  private final long[] keys;
  private final byte[] values;
  private final int shift;
  private final int mask;
  /** Written by the writer only, and read by it only. */
  private int count;

  private Overlay(int capacity) {
    keys = new long[capacity];
    values = new byte[capacity];
    shift = 64 - Integer.numberOfTrailingZeros(capacity);
    mask = capacity - 1;
  }

  static Overlay empty() {
    return new Overlay(MIN_CAPACITY);
  }

  /**
   * The carrier stored for the number, {@link RoutingTable#NOT_PORTED} if it was removed, or {@link #ABSENT} if
   * it was not updated since the last merge.
   */
  int get(long number) {
    long[] keys = this.keys;
    int mask = this.mask;
    for (int slot = slot(number); ; slot = (slot + 1) & mask) {
      long key = (long) KEYS.getAcquire(keys, slot);
      if (key == number) {
        int value = (byte) VALUES.getAcquire(values, slot) & 0xFF;
        return value == REMOVED ? RoutingTable.NOT_PORTED : value;
      }
      if (key == 0) {
        return ABSENT;
      }
    }
  }

  /** Whether one more number fits while probes stay short: the load stays at or under one half. */
  boolean hasRoom() {
    return count < (keys.length >> 1);
  }

  /** Stores a carrier or {@link #REMOVED}; writer only, and only while {@link #hasRoom}. */
  void put(long number, int value) {
    for (int slot = slot(number); ; slot = (slot + 1) & mask) {
      long key = keys[slot];
      if (key == number) {
        VALUES.setRelease(values, slot, (byte) value);
        return;
      }
      if (key == 0) {
        values[slot] = (byte) value;
        KEYS.setRelease(keys, slot, number);
        count++;
        return;
      }
    }
  }

  /** The numbers stored, tombstones included. */
  int count() {
    return count;
  }

  /** A copy with twice the slots, not yet seen by any reader. */
  Overlay grown() {
    Overlay bigger = new Overlay(keys.length << 1);
    for (int slot = 0; slot < keys.length; slot++) {
      if (keys[slot] != 0) {
        bigger.put(keys[slot], values[slot] & 0xFF);
      }
    }
    return bigger;
  }

  /** Every stored number as {@code number << 8 | value}, ascending, for a merge into a new base. */
  long[] sortedUpdates() {
    long[] updates = new long[count];
    int n = 0;
    for (int slot = 0; slot < keys.length; slot++) {
      if (keys[slot] != 0) {
        updates[n++] = keys[slot] << 8 | (values[slot] & 0xFF);
      }
    }
    Arrays.sort(updates);
    return updates;
  }

  long memoryBytes() {
    return RoutingTable.arrayBytes(keys.length, Long.BYTES) + RoutingTable.arrayBytes(values.length, Byte.BYTES);
  }

  private int slot(long number) {
    return (int) ((number * FIBONACCI) >>> shift);
  }
}
