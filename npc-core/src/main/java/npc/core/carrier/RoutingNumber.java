package npc.core.carrier;

/**
 * The prefix that switches put before a ported number to reach the network serving it now, assigned to each
 * carrier by the regulator. Digits and the hex letters A-F that some networks use, 2-10 characters.
 */
public record RoutingNumber(String value) {
  public RoutingNumber {
    if (value == null || !value.matches("[0-9A-F]{2,10}")) {
      throw new IllegalArgumentException("a routing number is 2-10 characters 0-9 or A-F: " + value);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
