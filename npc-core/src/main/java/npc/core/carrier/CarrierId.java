package npc.core.carrier;

/** A carrier's short, stable id, e.g. {@code CM}, {@code CU}, {@code CT}, {@code CBN}. */
public record CarrierId(String value) implements Comparable<CarrierId> {
  public CarrierId {
    if (value == null || !value.matches("[A-Z][A-Z0-9]{1,7}")) {
      throw new IllegalArgumentException("a carrier id is 2-8 upper-case letters or digits starting with a letter: "
          + value);
    }
  }

  @Override
  public int compareTo(CarrierId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
