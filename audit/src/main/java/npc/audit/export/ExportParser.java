package npc.audit.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import npc.audit.record.AuditEntry;
import npc.audit.record.AuditRecord;
import npc.audit.record.Bytes32;
import npc.audit.record.ChainHead;
import npc.audit.record.Checkpoint;
import npc.audit.record.ExportEnd;
import npc.audit.record.HeadsCheckpoint;
import npc.audit.record.Signature64;

/**
 * Reads one line of an export into an {@link ExportLine}, strictly: one JSON object, a known {@code type}, every
 * required field of its type with the right form, no unknown and no repeated field. Anything else is an
 * {@link AuditFormatException} naming the line and the field, never a guess: a field the hash does not cover must
 * not slip into an export unnoticed.
 */
final class ExportParser {
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Set<String> ENTRY_FIELDS = Set.of("type", "chain", "position", "previous", "hash", "step",
      "at", "actor", "kind", "subject", "msisdn", "stateBefore", "stateAfter", "reason", "evidence", "deadline",
      "subscriber");

  /** How the export's own writer starts an entry line: such lines take the streaming path, the others the general one. */
  private static final String ENTRY_START = "{\"type\":\"entry\",";

  private ExportParser() {}

  /**
   * An entry line read field by field into the entry, with no map in between: a verifier reads one per entry. Same
   * rules and errors as the general path.
   */
  private static ExportLine.Entry entry(long line, String text) {
    String chain = null;
    String previous = null;
    String hash = null;
    String step = null;
    String at = null;
    String kind = null;
    String actor = null;
    String subject = null;
    String msisdn = null;
    String stateBefore = null;
    String stateAfter = null;
    String reason = null;
    String deadline = null;
    String subscriber = null;
    long position = -1;
    TreeMap<String, String> evidence = null;
    try (JsonParser p = JSON.createParser(text)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "type" -> string(p, value, line, name);
          case "chain" -> chain = string(p, value, line, name);
          case "position" -> {
            if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                || p.getLongValue() < 0) {
              throw new AuditFormatException(line, "field position must be a whole number, 0 or more");
            }
            position = p.getLongValue();
          }
          case "previous" -> previous = string(p, value, line, name);
          case "hash" -> hash = string(p, value, line, name);
          case "step" -> step = string(p, value, line, name);
          case "at" -> at = string(p, value, line, name);
          case "actor" -> actor = string(p, value, line, name);
          case "kind" -> kind = string(p, value, line, name);
          case "subject" -> subject = string(p, value, line, name);
          case "msisdn" -> msisdn = string(p, value, line, name);
          case "stateBefore" -> stateBefore = string(p, value, line, name);
          case "stateAfter" -> stateAfter = string(p, value, line, name);
          case "reason" -> reason = string(p, value, line, name);
          case "deadline" -> deadline = string(p, value, line, name);
          case "subscriber" -> subscriber = string(p, value, line, name);
          case "evidence" -> {
            if (value != JsonToken.START_OBJECT) {
              throw new AuditFormatException(line, "field evidence must be an object of strings");
            }
            evidence = new TreeMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String key = p.currentName();
              if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw new AuditFormatException(line, "field evidence." + key + " must be a string");
              }
              evidence.put(key, p.getText());
            }
          }
          default -> throw new AuditFormatException(line, "unknown field \"" + name + "\"");
        }
      }
      if (p.nextToken() != null) {
        throw new AuditFormatException(line, "more than one JSON value on the line");
      }
    } catch (JsonProcessingException e) {
      throw new AuditFormatException(line, "not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new AuditFormatException(line, "not JSON: " + e.getMessage(), e);
    }
    Fields f = new Fields(line, Map.of());
    try {
      AuditRecord record = new AuditRecord(f.uuid("step", required(step, line, "step")),
          ExportTime.parse(required(at, line, "at")), Optional.ofNullable(actor), required(kind, line, "kind"),
          Optional.ofNullable(subject), Optional.ofNullable(msisdn), Optional.ofNullable(stateBefore),
          Optional.ofNullable(stateAfter), Optional.ofNullable(reason),
          required(evidence, line, "evidence"), Optional.ofNullable(deadline).map(ExportTime::parse),
          Optional.ofNullable(subscriber).map(Bytes32::ofHex));
      if (position < 0) {
        throw new AuditFormatException(line, "missing field position");
      }
      AuditEntry entry = new AuditEntry(required(chain, line, "chain"), position,
          Bytes32.ofHex(required(previous, line, "previous")), record);
      return new ExportLine.Entry(line, entry, Bytes32.ofHex(required(hash, line, "hash")));
    } catch (IllegalArgumentException e) {
      throw new AuditFormatException(line, e.getMessage(), e);
    }
  }

  private static String string(JsonParser p, JsonToken value, long line, String name) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.VALUE_STRING) {
      throw new AuditFormatException(line, "field " + name + " must be a string");
    }
    return p.getText();
  }

  private static <T> T required(T value, long line, String name) {
    if (value == null) {
      throw new AuditFormatException(line, "missing field " + name);
    }
    return value;
  }

  static ExportLine parse(long line, String text) {
    if (text.startsWith(ENTRY_START)) {
      return entry(line, text);
    }
    Map<String, Object> fields;
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new AuditFormatException(line, "not a JSON object");
      }
      fields = object(p, line);
      if (p.nextToken() != null) {
        throw new AuditFormatException(line, "more than one JSON value on the line");
      }
    } catch (JsonProcessingException e) {
      throw new AuditFormatException(line, "not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new AuditFormatException(line, "not JSON: " + e.getMessage(), e);
    }
    Fields f = new Fields(line, fields);
    try {
      return switch (f.text("type")) {
        case "header" -> header(f);
        case "entry" -> entry(f);
        case "checkpoint" -> checkpoint(f);
        case "heads" -> heads(f);
        case "end" -> end(f);
        default -> throw new AuditFormatException(line, "unknown line type \"" + f.text("type") + "\"");
      };
    } catch (IllegalArgumentException e) {
      throw new AuditFormatException(line, e.getMessage(), e);
    }
  }

  private static ExportLine.Header header(Fields f) {
    f.only(Set.of("type", "format", "from", "to", "keyId"));
    if (!f.text("format").equals("npc-audit-export/1")) {
      throw new AuditFormatException(f.line, "not an npc audit export of format 1: \"" + f.text("format") + "\"");
    }
    return new ExportLine.Header(f.line, f.time("from"), f.time("to"), f.bytes32("keyId"));
  }

  private static ExportLine.Entry entry(Fields f) {
    f.only(ENTRY_FIELDS);
    Map<String, String> evidence = f.stringMap("evidence");
    AuditRecord record = new AuditRecord(f.uuid("step"), f.time("at"), f.optionalText("actor"), f.text("kind"),
        f.optionalText("subject"), f.optionalText("msisdn"), f.optionalText("stateBefore"),
        f.optionalText("stateAfter"), f.optionalText("reason"), new TreeMap<>(evidence),
        f.optionalText("deadline").map(ExportTime::parse), f.optionalText("subscriber").map(Bytes32::ofHex));
    AuditEntry entry = new AuditEntry(f.text("chain"), f.position("position"), f.bytes32("previous"), record);
    return new ExportLine.Entry(f.line, entry, f.bytes32("hash"));
  }

  private static ExportLine.ChainCheckpoint checkpoint(Fields f) {
    f.only(Set.of("type", "chain", "position", "hash", "at", "keyId", "signature"));
    return new ExportLine.ChainCheckpoint(f.line, new Checkpoint(
        new ChainHead(f.text("chain"), f.position("position"), f.bytes32("hash")), f.time("at"), f.bytes32("keyId"),
        Signature64.ofHex(f.text("signature"))));
  }

  private static ExportLine.Heads heads(Fields f) {
    f.only(Set.of("type", "at", "madeBy", "keyId", "heads", "signature"));
    List<ChainHead> heads = new ArrayList<>();
    for (Fields h : f.objects("heads")) {
      h.only(Set.of("chain", "position", "hash"));
      heads.add(new ChainHead(h.text("chain"), h.position("position"), h.bytes32("hash")));
    }
    return new ExportLine.Heads(f.line, new HeadsCheckpoint(f.time("at"), f.text("madeBy"), heads,
        f.bytes32("keyId"), Signature64.ofHex(f.text("signature"))));
  }

  private static ExportLine.End end(Fields f) {
    f.only(Set.of("type", "from", "to", "exportedAt", "keyId", "chains", "signature"));
    List<ExportEnd.Extent> chains = new ArrayList<>();
    for (Fields c : f.objects("chains")) {
      c.only(Set.of("chain", "firstPosition", "firstPrevious", "lastPosition", "lastHash"));
      chains.add(new ExportEnd.Extent(c.text("chain"), c.position("firstPosition"), c.bytes32("firstPrevious"),
          c.position("lastPosition"), c.bytes32("lastHash")));
    }
    return new ExportLine.End(f.line, new ExportEnd(f.time("from"), f.time("to"), f.time("exportedAt"), chains,
        f.bytes32("keyId"), Signature64.ofHex(f.text("signature"))));
  }

  /** A JSON object as strings, longs, nested maps and lists; {@code null} values are kept as absent. */
  private static Map<String, Object> object(JsonParser p, long line) throws IOException {
    Map<String, Object> fields = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      Object value = value(p, p.nextToken(), line, name);
      if (value != null) {
        fields.put(name, value);
      }
    }
    return fields;
  }

  private static Object value(JsonParser p, JsonToken token, long line, String name) throws IOException {
    return switch (token) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> {
        if (p.getNumberType() != JsonParser.NumberType.INT && p.getNumberType() != JsonParser.NumberType.LONG) {
          throw new AuditFormatException(line, "field " + name + " is out of range");
        }
        yield p.getLongValue();
      }
      case VALUE_NULL -> null;
      case START_OBJECT -> object(p, line);
      case START_ARRAY -> {
        List<Object> items = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          items.add(value(p, t, line, name));
        }
        yield items;
      }
      default -> throw new AuditFormatException(line, "field " + name + " holds " + token.asString()
          + ", which no field of an export holds");
    };
  }

  /** Typed access to one object's fields, each error naming the line and the field. */
  private static final class Fields {
    final long line;
    final Map<String, Object> values;

    Fields(long line, Map<String, Object> values) {
      this.line = line;
      this.values = values;
    }

    void only(Set<String> allowed) {
      for (String name : values.keySet()) {
        if (!allowed.contains(name)) {
          throw new AuditFormatException(line, "unknown field \"" + name + "\"");
        }
      }
    }

    String text(String name) {
      Object v = values.get(name);
      if (v == null) {
        throw new AuditFormatException(line, "missing field " + name);
      }
      if (!(v instanceof String s)) {
        throw new AuditFormatException(line, "field " + name + " must be a string");
      }
      return s;
    }

    Optional<String> optionalText(String name) {
      return values.containsKey(name) ? Optional.of(text(name)) : Optional.empty();
    }

    long position(String name) {
      Object v = values.get(name);
      if (!(v instanceof Long n) || n < 0) {
        throw new AuditFormatException(line, "field " + name + " must be a whole number, 0 or more");
      }
      return n;
    }

    Instant time(String name) {
      return ExportTime.parse(text(name));
    }

    Bytes32 bytes32(String name) {
      try {
        return Bytes32.ofHex(text(name));
      } catch (IllegalArgumentException e) {
        throw new AuditFormatException(line, "field " + name + ": " + e.getMessage(), e);
      }
    }

    UUID uuid(String name) {
      return uuid(name, text(name));
    }

    UUID uuid(String name, String text) {
      UUID id;
      try {
        id = UUID.fromString(text);
      } catch (IllegalArgumentException e) {
        throw new AuditFormatException(line, "field " + name + " is not a UUID", e);
      }
      if (!id.toString().equals(text)) {
        throw new AuditFormatException(line, "field " + name + " must be a UUID in lowercase canonical form");
      }
      return id;
    }

    Map<String, String> stringMap(String name) {
      Object v = values.get(name);
      if (!(v instanceof Map<?, ?> map)) {
        throw new AuditFormatException(line, "field " + name + " must be an object of strings");
      }
      Map<String, String> out = new HashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getValue() instanceof String s)) {
          throw new AuditFormatException(line, "field " + name + "." + e.getKey() + " must be a string");
        }
        out.put((String) e.getKey(), s);
      }
      return out;
    }

    @SuppressWarnings("unchecked")
    List<Fields> objects(String name) {
      Object v = values.get(name);
      if (!(v instanceof List<?> list)) {
        throw new AuditFormatException(line, "field " + name + " must be an array of objects");
      }
      List<Fields> out = new ArrayList<>();
      for (Object item : list) {
        if (!(item instanceof Map<?, ?> m)) {
          throw new AuditFormatException(line, "field " + name + " must be an array of objects");
        }
        out.add(new Fields(line, (Map<String, Object>) m));
      }
      return out;
    }
  }
}
