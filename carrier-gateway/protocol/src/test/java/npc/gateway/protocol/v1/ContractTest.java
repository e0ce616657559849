package npc.gateway.protocol.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules of the contract that a carrier in any language relies on. */
class ContractTest {
  private static final List<FileDescriptor> FILES = List.of(EnvelopeProto.getDescriptor(),
      PortingProto.getDescriptor(), RoutingProto.getDescriptor(), ErrorsProto.getDescriptor());

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
