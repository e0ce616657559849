package npc.gateway.server.handler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import npc.core.identity.SubscriberIdentity;
import npc.gateway.protocol.v1.Reason;
import npc.gateway.server.dispatch.RequestError;

/** Reading request fields the core takes in other types; a field that does not convert is INVALID_REQUEST. */
final class Fields {
  private Fields() {}

  static UUID uuid(String field, String text) {
    try {
      if (text.length() == 36) {
        return UUID.fromString(text);
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw RequestError.invalid(field + " must be a UUID as the server gave it: '" + abbreviated(text) + "'");
  }

  static SubscriberIdentity subscriber(npc.gateway.protocol.v1.SubscriberIdentity subscriber) {
    try {
      return new SubscriberIdentity(subscriber.getName(), subscriber.getIdNumber());
    } catch (IllegalArgumentException e) {
      throw RequestError.invalid("subscriber: " + e.getMessage());
    }
  }

  /** Reasons by code; a code given twice is refused rather than merged. */
  static Map<String, Map<String, String>> reasons(List<Reason> reasons) {
    Map<String, Map<String, String>> byCode = new LinkedHashMap<>();
    for (Reason reason : reasons) {
      if (byCode.put(reason.getCode(), reason.getEvidenceMap()) != null) {
        throw RequestError.invalid("reason " + abbreviated(reason.getCode()) + " is given twice");
      }
    }
    return byCode;
  }

  private static String abbreviated(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }
}
