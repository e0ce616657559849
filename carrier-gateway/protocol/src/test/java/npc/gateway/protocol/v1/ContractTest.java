package npc.gateway.protocol.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Rules of the contract that a carrier in any language relies on. */
class ContractTest {
  private static final List<FileDescriptor> FILES = List.of(EnvelopeProto.getDescriptor(),
      PortingProto.getDescriptor(), RoutingProto.getDescriptor(), ErrorsProto.getDescriptor(),
      RegimeProto.getDescriptor());

  @Test
  void everyFileOfThePackageTheEnvelopeUsesIsChecked() {
    Set<String> used = new TreeSet<>();
    collectDependencies(EnvelopeProto.getDescriptor(), used);
    assertThat(FILES).extracting(FileDescriptor::getName).containsExactlyInAnyOrderElementsOf(used);
  }

  @Test
  void theOnlyOtherFilesImportedAreTheWellKnownTypesProtocDocuments() {
    Set<String> imported = new TreeSet<>();
    for (FileDescriptor file : FILES) {
      file.getDependencies().stream().map(FileDescriptor::getName).filter(name -> !name.startsWith("npc/"))
          .forEach(imported::add);
    }
    assertThat(imported).as("protocol.md tells integrators to have these on protoc's include path")
        .containsExactlyInAnyOrder("google/protobuf/timestamp.proto", "google/protobuf/duration.proto");
  }

  @Test
  void theEnvelopesBodiesKeepTheirFieldNumbers() {
    Map<String, Integer> numbers = new LinkedHashMap<>();
    Envelope.getDescriptor().getOneofs().get(0).getFields().forEach(f -> numbers.put(f.getName(), f.getNumber()));
    assertThat(numbers).containsExactlyEntriesOf(BODY_NUMBERS);
  }

  /** Every body of the envelope with the number it was given; a number, once given, is never given again. */
  private static final Map<String, Integer> BODY_NUMBERS = bodyNumbers("hello", 10, "welcome", 11, "ping", 12,
      "pong", 13, "error", 20, "eligibility_query", 30, "eligibility_query_accepted", 31,
      "eligibility_query_notice", 32, "eligibility_answer", 33, "eligibility_answer_accepted", 34,
      "eligibility_result", 35, "code_request", 40, "code_issued", 41, "port_request", 50, "port_request_ack", 51,
      "port_notice", 52, "donor_answer", 53, "donor_answer_ack", 54, "cancel", 55, "port_status", 56,
      "deactivation", 57, "port_status_ack", 58, "timer", 59, "number_return", 60, "number_return_ack", 61,
      "notification_ack", 62, "routing_subscribe", 70, "routing_updates", 71, "routing_snapshot", 72,
      "routing_ack", 73, "routing_lookup", 74, "routing_lookup_response", 75, "regime_request", 80,
      "regime_info", 81);

  private static Map<String, Integer> bodyNumbers(Object... namesAndNumbers) {
    Map<String, Integer> numbers = new LinkedHashMap<>();
    for (int i = 0; i < namesAndNumbers.length; i += 2) {
      numbers.put((String) namesAndNumbers[i], (Integer) namesAndNumbers[i + 1]);
    }
    return numbers;
  }

  private static void collectDependencies(FileDescriptor file, Set<String> into) {
    if (file.getPackage().equals("npc.carrier.v1") && into.add(file.getName())) {
      file.getDependencies().forEach(d -> collectDependencies(d, into));
    }
  }

  @Test
  void everyEnumStartsWithUnspecifiedAtZero() {
    List<EnumDescriptor> enums = new ArrayList<>();
    for (FileDescriptor file : FILES) {
      enums.addAll(file.getEnumTypes());
      file.getMessageTypes().forEach(m -> collect(m, enums));
    }
    assertThat(enums).isNotEmpty().allSatisfy(e -> {
      assertThat(e.findValueByNumber(0)).as(e.getFullName()).isNotNull();
      assertThat(e.findValueByNumber(0).getName()).as(e.getFullName()).endsWith("_UNSPECIFIED");
    });
  }

  @Test
  void everyFileIsInThePackageOfVersionOne() {
    assertThat(FILES).allSatisfy(f -> assertThat(f.getPackage()).isEqualTo("npc.carrier.v1"));
  }

  @Test
  void anEnvelopeSurvivesTheWire() throws InvalidProtocolBufferException {
    Envelope sent = Envelope.newBuilder()
        .setHeader(Header.newBuilder().setProtocolVersion(1).setCorrelationId("c-1")
            .setSentAt(Timestamp.newBuilder().setSeconds(1_795_900_000L)))
        .setPortRequest(PortRequest.newBuilder().setIdempotencyKey("k-1").setMsisdn("+8613800138000")
            .setOrderId("o-1").setChannel("outlet:BJ-0001").setSubscriberType(SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL)
            .setSubscriber(SubscriberIdentity.newBuilder().setName("Zhang Wei").setIdNumber("110101199003071234"))
            .setAuthorisationCode("123456"))
        .build();
    Envelope received = Envelope.parseFrom(sent.toByteArray());
    assertThat(received).isEqualTo(sent);
    assertThat(received.getBodyCase()).isEqualTo(Envelope.BodyCase.PORT_REQUEST);
  }

  @Test
  void aBodyFromANewerVersionArrivesAsNoBodyNotAsAnError() throws InvalidProtocolBufferException {
    // Field 999 is unknown to v1: a v1 reader sees no body and answers UNKNOWN_BODY.
    byte[] header = Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(1)).build().toByteArray();
    byte[] unknown = {(byte) 0xBA, 0x3E, 0x00}; // field 999, length-delimited, empty
    byte[] frame = new byte[header.length + unknown.length];
    System.arraycopy(header, 0, frame, 0, header.length);
    System.arraycopy(unknown, 0, frame, header.length, unknown.length);
    assertThat(Envelope.parseFrom(frame).getBodyCase()).isEqualTo(Envelope.BodyCase.BODY_NOT_SET);
  }

  private static void collect(Descriptor message, List<EnumDescriptor> enums) {
    enums.addAll(message.getEnumTypes());
    message.getNestedTypes().forEach(n -> collect(n, enums));
  }
}
