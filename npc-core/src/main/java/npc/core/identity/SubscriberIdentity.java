package npc.core.identity;

/**
 * A subscriber's identity as a carrier relays it (CN: the name and ID number of {@code SQXZ#name#id}). Lives only
 * as long as a request: never stored, never logged ({@link #toString()} hides it).
 */
public record SubscriberIdentity(String name, String idNumber) {
  public SubscriberIdentity {
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new IllegalArgumentException("a subscriber's name is 1-100 characters");
    }
    if (idNumber == null || !idNumber.matches("[0-9A-Za-z]{4,32}")) {
      throw new IllegalArgumentException("an ID number is 4-32 letters or digits");
    }
  }

  @Override
  public String toString() {
    return "SubscriberIdentity[hidden]";
  }
}
