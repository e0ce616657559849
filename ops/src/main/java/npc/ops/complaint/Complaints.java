package npc.ops.complaint;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.core.carrier.CarrierId;
import npc.core.porting.Port;
import npc.core.porting.PortingService;

/**
 * Records complaints and decisions: the row, then its audit entry (awaited). The entry's step id is derived from the
 * complaint (and, for a decision, from the fact of deciding it), so a request retried after a failure between the
 * two records the same step again rather than a second one; a decision already made is refused, its entry recorded
 * again under the same id so that no decided complaint lacks its entry.
 */
public final class Complaints {
  private final ComplaintStore store;
  private final PortingService service;
  private final Clock clock;

  public Complaints(ComplaintStore store, PortingService service, Clock clock) {
    this.store = store;
    this.service = service;
    this.clock = clock;
  }

  /** What went wrong with a request: the port or complaint does not exist, or the request conflicts. */
  public static final class Refused extends RuntimeException {
    public final boolean notFound;
    public final String field;

    Refused(boolean notFound, String field, String detail) {
      super(detail, null, false, false);
      this.notFound = notFound;
      this.field = field;
    }
  }

  /**
   * Records a complaint against {@code against} about port {@code portId}.
   *
   * @throws Refused the port does not exist (not found), or {@code against} is neither its donor nor its recipient
   */
  public Complaint record(UUID portId, CarrierId against, String about, Optional<String> reason, String note,
      String by) {
    Port port = service.port(portId).orElseThrow(() -> new Refused(true, "port", "port " + portId));
    if (!port.donor().equals(against) && !port.recipient().equals(against)) {
      throw new Refused(false, "against", against + " is neither the donor (" + port.donor()
          + ") nor the recipient (" + port.recipient() + ") of port " + portId);
    }
    Complaint complaint = new Complaint(UUID.randomUUID(), portId, port.msisdn().toString(), against.value(), about,
        reason, note, clock.instant(), by, Optional.empty());
    store.insert(complaint);
    service.record(recorded(complaint));
    return complaint;
  }

  /**
   * Records the regulator's decision on a complaint, once.
   *
   * @throws Refused the complaint does not exist (not found), or it was decided already (conflict)
   */
  public Complaint decide(UUID complaintId, Complaint.Outcome outcome, String note, String by) {
    Complaint complaint = store.find(complaintId)
        .orElseThrow(() -> new Refused(true, "id", "complaint " + complaintId));
    Complaint.Decision decision = new Complaint.Decision(outcome, note, clock.instant(), by);
    Optional<Complaint.Decision> earlier = store.decide(complaintId, decision);
    if (earlier.isPresent()) {
      service.record(decided(complaint, earlier.get()));
      throw new Refused(false, null, "complaint " + complaintId + " was decided already: "
          + earlier.get().outcome() + " at " + earlier.get().at());
    }
    service.record(decided(complaint, decision));
    return new Complaint(complaint.id(), complaint.port(), complaint.msisdn(), complaint.against(), complaint.about(),
        complaint.reason(), complaint.note(), complaint.recordedAt(), complaint.recordedBy(), Optional.of(decision));
  }

  public Optional<Complaint> find(UUID complaintId) {
    return store.find(complaintId);
  }

  public List<Complaint> ofPort(UUID portId) {
    return store.ofPort(portId);
  }

  private static AuditStep recorded(Complaint c) {
    AuditStep step = AuditStep.of(stepId("recorded", c.id()), AuditKind.COMPLAINT_RECORDED, c.recordedAt())
        .about(c.id().toString(), c.msisdn()).with("against", c.against()).with("port", c.port().toString())
        .with("about", c.about());
    return c.reason().map(r -> step.with("disputedReason", r)).orElse(step);
  }

  private static AuditStep decided(Complaint c, Complaint.Decision d) {
    return AuditStep.of(stepId("decided", c.id()), AuditKind.COMPLAINT_DECIDED, d.at())
        .about(c.id().toString(), c.msisdn()).with("against", c.against()).with("port", c.port().toString())
        .with("outcome", d.outcome().name());
  }

  private static UUID stepId(String what, UUID complaint) {
    return UUID.nameUUIDFromBytes(("complaint-" + what + ":" + complaint).getBytes(StandardCharsets.UTF_8));
  }
}
