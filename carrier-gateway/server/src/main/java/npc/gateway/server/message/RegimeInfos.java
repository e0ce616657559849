package npc.gateway.server.message;

import java.time.format.DateTimeFormatter;
import npc.core.regime.ActivationPolicy;
import npc.core.regime.CodeRules;
import npc.core.regime.EvidenceType;
import npc.core.regime.Regime;
import npc.gateway.protocol.v1.ActivationKind;
import npc.gateway.protocol.v1.EvidenceField;
import npc.gateway.protocol.v1.EvidenceFormat;
import npc.gateway.protocol.v1.RegimeInfo;
import npc.gateway.protocol.v1.RejectionReason;

/** The protocol's view of the core's regime: every rule a carrier would otherwise hard-code. */
public final class RegimeInfos {
  private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss");

  private RegimeInfos() {}

  /** The regime as RegimeInfo: id, name, zone, timers, code rules, activation and the closed list, in its order. */
  public static RegimeInfo of(Regime regime) {
    RegimeInfo.Builder info = RegimeInfo.newBuilder()
        .setRegimeId(regime.id())
        .setName(regime.name())
        .setZone(regime.zone().getId())
        .setEligibilityAnswerDeadline(Messages.duration(regime.eligibilityAnswer()))
        .setDonorAnswerDeadline(Messages.duration(regime.donorAnswer()))
        .setRoutingAckDeadline(Messages.duration(regime.routingAck()))
        .setLockPeriod(Messages.duration(regime.lockPeriod()))
        .setCode(code(regime.code()))
        .setActivation(activation(regime.activation()));
    regime.reasons().forEach(reason -> info.addReasons(reason(reason)));
    return info.build();
  }

  private static npc.gateway.protocol.v1.CodeRules code(CodeRules code) {
    return npc.gateway.protocol.v1.CodeRules.newBuilder()
        .setAlphabet(code.alphabet())
        .setLength(code.length())
        .setLifetime(Messages.duration(code.lifetime()))
        .setOnlyWhenEligible(code.onlyWhenEligible())
        .setMaxMismatches(code.maxMismatches())
        .build();
  }

  private static npc.gateway.protocol.v1.ActivationPolicy activation(ActivationPolicy policy) {
    npc.gateway.protocol.v1.ActivationPolicy.Builder activation =
        npc.gateway.protocol.v1.ActivationPolicy.newBuilder();
    if (policy instanceof ActivationPolicy.Immediate) {
      activation.setKind(ActivationKind.ACTIVATION_KIND_IMMEDIATE);
    } else if (policy instanceof ActivationPolicy.NextBoundary boundary) {
      activation.setKind(ActivationKind.ACTIVATION_KIND_NEXT_BOUNDARY).setPeriod(Messages.duration(boundary.period()));
    } else if (policy instanceof ActivationPolicy.NextWorkingDay workingDay) {
      activation.setKind(ActivationKind.ACTIVATION_KIND_NEXT_WORKING_DAY)
          .setTimeOfDay(TIME_OF_DAY.format(workingDay.at()));
    } else {
      throw new IllegalArgumentException("an activation policy the protocol has no kind for: " + policy);
    }
    return activation.build();
  }

  private static RejectionReason reason(npc.core.regime.RejectionReason reason) {
    RejectionReason.Builder message = RejectionReason.newBuilder()
        .setCode(reason.code())
        .setDescription(reason.description())
        .setIndividuals(reason.individuals())
        .setClearinghouseVerifies(reason.clearinghouseVerifies())
        .putAllRefutedOnPort(reason.refutedOnPort());
    for (npc.core.regime.EvidenceField field : reason.evidence()) {
      message.addEvidence(EvidenceField.newBuilder()
          .setName(field.name())
          .setFormat(format(field.type()))
          .addAllAllowedValues(field.allowed())
          .setShareable(field.shareable()));
    }
    return message.build();
  }

  private static EvidenceFormat format(EvidenceType type) {
    return switch (type) {
      case TEXT -> EvidenceFormat.EVIDENCE_FORMAT_TEXT;
      case POSITIVE_AMOUNT -> EvidenceFormat.EVIDENCE_FORMAT_POSITIVE_AMOUNT;
      case PAST_DATE -> EvidenceFormat.EVIDENCE_FORMAT_PAST_DATE;
      case FUTURE_DATE -> EvidenceFormat.EVIDENCE_FORMAT_FUTURE_DATE;
      case PAST_MONTH -> EvidenceFormat.EVIDENCE_FORMAT_PAST_MONTH;
      case ONE_OF -> EvidenceFormat.EVIDENCE_FORMAT_ONE_OF;
    };
  }
}
