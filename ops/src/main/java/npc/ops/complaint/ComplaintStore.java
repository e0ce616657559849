package npc.ops.complaint;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where complaints are kept. */
public interface ComplaintStore {
  void insert(Complaint complaint);

  Optional<Complaint> find(UUID complaintId);

  List<Complaint> ofPort(UUID portId);

  /** Sets the decision if none was made; returns the earlier decision when there was one (nothing changed). */
  Optional<Complaint.Decision> decide(UUID complaintId, Complaint.Decision decision);
}
