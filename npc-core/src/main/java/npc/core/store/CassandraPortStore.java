package npc.core.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import npc.core.audit.WriteSteps;
import npc.core.carrier.CarrierId;
import npc.core.numbering.Msisdn;
import npc.core.numbering.NumberPlan;
import npc.core.port.PortState;
import npc.core.porting.EligibilityQuery;
import npc.core.porting.NumberState;
import npc.core.porting.Port;
import npc.core.porting.PortOutcome;
import npc.core.porting.PortStore;
import npc.core.porting.RejectionCode;
import npc.core.porting.SubscriberType;
import npc.core.storage.Consistency;
import npc.core.storage.PresentValues;

/**
 * Ports, numbers, codes, requests and eligibility queries in the tables of migration V002, code mismatches in those
 * of V005, the columns V005 added to queries (the subscriber's type, digest and sealed identity), and each port's
 * entries under its two carriers in {@code ports_by_carrier_day} (V010, read by {@link CassandraPortQueries}).
 */
public final class CassandraPortStore implements PortStore {
  /** How long an idempotency key is remembered: longer than any retry a carrier makes. */
  static final Duration REQUEST_MEMORY = Duration.ofDays(7);
  private static final int LOCATIONS_REMEMBERED = 100_000;
  private static final String PORT_COLUMNS = "msisdn, port_id, state, order_id, channel, recipient, donor, "
      + "subscriber_type, submitted_at, donor_deadline, answered_at, deemed, reason, evidence, warnings, "
      + "activation_at, activated_at, ack_expected, ended_at, laggards, laggard_facts, end_reason, reversal_reference";
  private static final String MUTABLE_PORT_FIELDS = "state = :state, answered_at = :answered_at, deemed = :deemed, "
      + "reason = :reason, evidence = :evidence, warnings = :warnings, activation_at = :activation_at, "
      + "activated_at = :activated_at, ack_expected = :ack_expected, ended_at = :ended_at, laggards = :laggards, "
      + "laggard_facts = :laggard_facts, end_reason = :end_reason, reversal_reference = :reversal_reference, "
      + "audit_steps = audit_steps + :audit_steps";
  private static final GenericType<Map<String, Set<String>>> LAGGARD_FACTS =
      GenericType.mapOf(GenericType.STRING, GenericType.setOf(String.class));

  private static final GenericType<Map<String, Map<String, String>>> REASONS =
      GenericType.mapOf(GenericType.STRING, GenericType.mapOf(String.class, String.class));

  private final CqlSession session;
  private final NumberPlan plan;
  /** Where ports live never changes once written, so every instance may remember it. */
  private final PortLocations locations = new PortLocations(LOCATIONS_REMEMBERED);
  private final PreparedStatement selectNumber;
  private final PreparedStatement selectPort;
  private final PreparedStatement selectPortsOfNumber;
  private final PreparedStatement selectPortLocation;
  private final PreparedStatement insertPortLocation;
  private final PreparedStatement insertCarrierDay;
  private final PreparedStatement claimRequest;
  private final PreparedStatement selectRejection;
  private final PreparedStatement insertRejection;
  private final PreparedStatement openPort;
  private final PreparedStatement transition;
  private final PreparedStatement transitionReleasing;
  private final PreparedStatement activate;
  private final PreparedStatement extendDeadline;
  private final PreparedStatement reverse;
  private final PreparedStatement reverseWithoutOpenPort;
  private final PreparedStatement storeCode;
  private final PreparedStatement clearCode;
  private final PreparedStatement countMismatch;
  private final PreparedStatement voidCode;
  private final PreparedStatement insertMismatch;
  private final PreparedStatement returnNumber;
  private final PreparedStatement insertFact;
  private final PreparedStatement selectFacts;
  private final PreparedStatement insertQuery;
  private final PreparedStatement selectQuery;
  private final PreparedStatement selectSealedSubscriber;
  private final PreparedStatement closeQuery;

  public CassandraPortStore(CqlSession session, NumberPlan plan) {
    this.session = session;
    this.plan = plan;
    selectNumber = session.prepare(Consistency.read("SELECT open_port_id, serving_carrier, route_version, "
        + "last_ported_at, code_hash, code_salt, code_issued_at, code_expires_at, code_used_by, code_mismatches "
        + "FROM numbers WHERE msisdn = ? LIMIT 1"));
    selectPort = session.prepare(Consistency.read(
        "SELECT " + PORT_COLUMNS + " FROM numbers WHERE msisdn = ? AND port_id = ?"));
    selectPortsOfNumber = session.prepare(Consistency.read(
        "SELECT " + PORT_COLUMNS + " FROM numbers WHERE msisdn = ?"));
    selectPortLocation = session.prepare(Consistency.read("SELECT msisdn FROM ports_by_id WHERE port_id = ?"));
    insertPortLocation = session.prepare("INSERT INTO ports_by_id (port_id, msisdn) VALUES (?, ?)");
    insertCarrierDay = session.prepare("INSERT INTO ports_by_carrier_day (carrier, day, submitted_at, port_id, "
        + "msisdn, side) VALUES (?, ?, ?, ?, ?, ?)");
    claimRequest = session.prepare("INSERT INTO requests (carrier, idempotency_key, request_hash, port_id, "
        + "created_at) VALUES (?, ?, ?, ?, ?) IF NOT EXISTS USING TTL " + REQUEST_MEMORY.toSeconds());
    selectRejection = session.prepare(Consistency.read(
        "SELECT code, detail FROM request_outcomes WHERE port_id = ?"));
    insertRejection = session.prepare(
        "INSERT INTO request_outcomes (port_id, code, detail, decided_at) VALUES (?, ?, ?, ?)");
    openPort = session.prepare("UPDATE numbers SET open_port_id = :port_id, code_used_by = :port_id, "
        + "state = :state, order_id = :order_id, channel = :channel, recipient = :recipient, donor = :donor, "
        + "subscriber_type = :subscriber_type, subscriber_digest = :subscriber_digest, "
        + "idempotency_key = :idempotency_key, submitted_at = :submitted_at, donor_deadline = :donor_deadline, "
        + "audit_steps = audit_steps + :audit_steps "
        + "WHERE msisdn = :msisdn AND port_id = :port_id "
        + "IF open_port_id = null AND code_hash = :code_hash AND code_used_by = null "
        + "AND last_ported_at = :last_ported_at AND route_version = :route_version");
    transition = session.prepare("UPDATE numbers SET " + MUTABLE_PORT_FIELDS
        + " WHERE msisdn = :msisdn AND port_id = :port_id IF state = :expected_state");
    transitionReleasing = session.prepare("UPDATE numbers SET " + MUTABLE_PORT_FIELDS + ", open_port_id = null"
        + " WHERE msisdn = :msisdn AND port_id = :port_id IF state = :expected_state AND open_port_id = :port_id");
    extendDeadline = session.prepare("UPDATE numbers SET donor_deadline = :new_deadline, "
        + "audit_steps = audit_steps + :audit_steps "
        + "WHERE msisdn = :msisdn AND port_id = :port_id IF state = :expected_state AND donor_deadline = :old_deadline");
    activate = session.prepare("UPDATE numbers SET " + MUTABLE_PORT_FIELDS + ", serving_carrier = :carrier, "
        + "route_version = :new_version, last_ported_at = :activated_at "
        + "WHERE msisdn = :msisdn AND port_id = :port_id IF state = :expected_state AND route_version = :old_version");
    reverse = session.prepare("UPDATE numbers SET " + MUTABLE_PORT_FIELDS + ", serving_carrier = :carrier, "
        + "route_version = :new_version "
        + "WHERE msisdn = :msisdn AND port_id = :port_id IF state = :expected_state AND route_version = :old_version");
    reverseWithoutOpenPort = session.prepare("UPDATE numbers SET " + MUTABLE_PORT_FIELDS + ", serving_carrier = :carrier, "
        + "route_version = :new_version WHERE msisdn = :msisdn AND port_id = :port_id "
        + "IF state = :expected_state AND route_version = :old_version AND open_port_id = null");
    storeCode = session.prepare("UPDATE numbers SET code_hash = :hash, code_salt = :salt, code_issued_at = :issued, "
        + "code_expires_at = :expires, code_used_by = null, code_mismatches = null, "
        + "number_audit_steps = number_audit_steps + :audit_steps WHERE msisdn = :msisdn "
        + "IF open_port_id = null AND code_hash = :old_hash");
    clearCode = session.prepare("UPDATE numbers SET code_hash = null, code_salt = null, code_issued_at = null, "
        + "code_expires_at = null, code_mismatches = null, number_audit_steps = number_audit_steps + :audit_steps "
        + "WHERE msisdn = :msisdn IF code_hash = :hash AND code_used_by = null");
    // A code's mismatches: counted one by one, each write requiring the count the request saw (null for none), so
    // two mismatches at once never count as one. The one that reaches the limit clears the code, and the count left
    // on a number without a code says the code was voided (a new code, or an expiry, resets it).
    countMismatch = session.prepare("UPDATE numbers SET code_mismatches = :next, "
        + "number_audit_steps = number_audit_steps + :audit_steps WHERE msisdn = :msisdn "
        + "IF code_hash = :hash AND code_used_by = null AND code_mismatches = :seen");
    voidCode = session.prepare("UPDATE numbers SET code_hash = null, code_salt = null, code_issued_at = null, "
        + "code_expires_at = null, code_mismatches = :next, number_audit_steps = number_audit_steps + :audit_steps "
        + "WHERE msisdn = :msisdn IF code_hash = :hash "
        + "AND code_used_by = null AND code_mismatches = :seen AND route_version = :route_version");
    insertMismatch = session.prepare("INSERT INTO code_mismatches (recipient, day, at, port_id, msisdn, mismatch, "
        + "voided) VALUES (?, ?, ?, ?, ?, ?, ?)");
    returnNumber = session.prepare("UPDATE numbers SET serving_carrier = null, route_version = :new_version, "
        + "number_audit_steps = number_audit_steps + :audit_steps "
        + "WHERE msisdn = :msisdn IF open_port_id = null AND serving_carrier = :carrier "
        + "AND route_version = :old_version");
    insertFact = session.prepare("INSERT INTO port_facts (port_id, fact, carrier, at) VALUES (?, ?, ?, ?)");
    selectFacts = session.prepare(Consistency.read("SELECT fact, carrier FROM port_facts WHERE port_id = ?"));
    insertQuery = session.prepare("INSERT INTO eligibility_queries (query_id, msisdn, asked_by, donor, asked_at, "
        + "deadline, state, subscriber_type, subscriber_digest, subscriber_sealed, audit_steps) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        + "IF NOT EXISTS");
    selectQuery = session.prepare(Consistency.read("SELECT query_id, msisdn, asked_by, donor, asked_at, deadline, "
        + "state, eligible, reasons, warnings, subscriber_type FROM eligibility_queries WHERE query_id = ?"));
    selectSealedSubscriber = session.prepare(Consistency.read("SELECT state, subscriber_sealed "
        + "FROM eligibility_queries "
        + "WHERE query_id = ?"));
    closeQuery = session.prepare("UPDATE eligibility_queries SET state = :state, eligible = :eligible, "
        + "reasons = :reasons, warnings = :warnings, answered_at = :at, subscriber_sealed = null, "
        + "audit_steps = audit_steps + :audit_steps "
        + "WHERE query_id = :query_id IF state = :expected_state");
  }

  @Override
  public NumberState number(Msisdn msisdn) {
    Row row = session.execute(selectNumber.bind(msisdn.toString())).one();
    return row == null ? NumberState.EMPTY : numberState(row);
  }

  @Override
  public Optional<Port> port(UUID portId) {
    String msisdn = locations.get(portId);
    if (msisdn == null) {
      Row location = session.execute(selectPortLocation.bind(portId)).one();
      if (location == null) {
        return Optional.empty();
      }
      msisdn = location.getString("msisdn");
      locations.put(portId, msisdn);
    }
    Row row = session.execute(selectPort.bind(msisdn, portId)).one();
    return row == null || row.getString("state") == null ? Optional.empty() : Optional.of(port(row));
  }

  /** The port {@code portId} of {@code msisdn}, read without going through {@code ports_by_id}. */
  CompletionStage<Optional<Port>> portAt(String msisdn, UUID portId) {
    return session.executeAsync(selectPort.bind(msisdn, portId)).thenApply(rs -> {
      Row row = rs.one();
      return row == null || row.getString("state") == null ? Optional.<Port>empty() : Optional.of(port(row));
    });
  }

  /** Waits for {@code writes}, failing as the first that failed did (the driver's own exception). */
  private static void await(CompletableFuture<Void> writes) {
    try {
      writes.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public List<Port> ports(Msisdn msisdn) {
    List<Port> ports = new ArrayList<>();
    for (Row row : session.execute(selectPortsOfNumber.bind(msisdn.toString()))) {
      if (row.getUuid("port_id") != null && row.getString("state") != null) {
        ports.add(port(row));
      }
    }
    ports.sort((a, b) -> a.submittedAt().compareTo(b.submittedAt()));
    return ports;
  }

  @Override
  public RequestClaim claimRequest(CarrierId carrier, String key, byte[] requestHash, UUID portId, Instant now) {
    Row row = session.execute(claimRequest.bind(carrier.value(), key, ByteBuffer.wrap(requestHash), portId, now))
        .one();
    if (row != null && row.getBoolean("[applied]")) {
      return new RequestClaim.Claimed();
    }
    return new RequestClaim.Existing(bytes(row.getByteBuffer("request_hash")), row.getUuid("port_id"));
  }

  @Override
  public Optional<PortOutcome.RejectedByClearinghouse> rejection(UUID portId) {
    Row row = session.execute(selectRejection.bind(portId)).one();
    return row == null ? Optional.empty() : Optional.of(new PortOutcome.RejectedByClearinghouse(portId,
        RejectionCode.valueOf(row.getString("code")), row.getString("detail")));
  }

  @Override
  public void recordRejection(PortOutcome.RejectedByClearinghouse rejection, Instant now) {
    session.execute(insertRejection.bind(rejection.portId(), rejection.code().name(), rejection.detail(), now));
  }

  @Override
  public Optional<NumberState> openPort(Port port, byte[] subscriberDigest, String idempotencyKey,
      NumberState seen) {
    // The port's location and its entries under its carriers are written first, together: a crash after the
    // conditional write still finds the port by id and by carrier, and an entry whose port never opened is skipped by
    // its readers. Port ids are random per claim of an idempotency key, so these plain inserts never meet the rows of
    // another port, and a retry writes the same rows again.
    String number = port.msisdn().toString();
    LocalDate day = LocalDate.ofInstant(port.submittedAt(), ZoneOffset.UTC);
    await(CompletableFuture.allOf(
        session.executeAsync(insertPortLocation.bind(port.id(), number)).toCompletableFuture(),
        session.executeAsync(insertCarrierDay.bind(port.recipient().value(), day, port.submittedAt(), port.id(),
            number, "RECIPIENT")).toCompletableFuture(),
        session.executeAsync(insertCarrierDay.bind(port.donor().value(), day, port.submittedAt(), port.id(),
            number, "DONOR")).toCompletableFuture()));
    locations.put(port.id(), port.msisdn().toString());
    NumberState.StoredCode code = seen.code().orElseThrow(() -> new IllegalArgumentException("no code to consume"));
    BoundStatementBuilder b = openPort.boundStatementBuilder()
        .setUuid("port_id", port.id())
        .setString("state", port.state().name())
        .setString("order_id", port.orderId())
        .setString("channel", port.channel())
        .setString("recipient", port.recipient().value())
        .setString("donor", port.donor().value())
        .setString("subscriber_type", port.subscriberType().name())
        .setByteBuffer("subscriber_digest", ByteBuffer.wrap(subscriberDigest))
        .setString("idempotency_key", idempotencyKey)
        .setInstant("submitted_at", port.submittedAt())
        .setInstant("donor_deadline", port.donorDeadline())
        .setString("msisdn", port.msisdn().toString())
        .setByteBuffer("code_hash", ByteBuffer.wrap(code.hash()))
        .setInstant("last_ported_at", seen.lastPortedAt().orElse(null));
    // The route version guards what the checks read of the serving carrier (the donor, "the recipient does not
    // serve it already"): a reversal or a number return since then moved it.
    b = seen.routeVersion() == 0 ? b.setToNull("route_version") : b.setLong("route_version", seen.routeVersion());
    Row row = session.execute(steps(b).build()).one();
    if (row != null && row.getBoolean("[applied]")) {
      return Optional.empty();
    }
    return Optional.of(number(port.msisdn()));
  }

  @Override
  public boolean transition(Port before, Port after) {
    boolean releases = after.state().isTerminal() && !before.state().isTerminal();
    BoundStatementBuilder b = portFields((releases ? transitionReleasing : transition).boundStatementBuilder(), before, after)
        .setString("expected_state", before.state().name());
    return applied(b);
  }

  @Override
  public boolean extendDeadline(Port before, Port after) {
    return applied(extendDeadline.boundStatementBuilder()
        .setInstant("new_deadline", after.donorDeadline())
        .setString("msisdn", before.msisdn().toString())
        .setUuid("port_id", before.id())
        .setString("expected_state", before.state().name())
        .setInstant("old_deadline", before.donorDeadline()));
  }

  @Override
  public boolean activate(Port before, Port after, long routeVersion) {
    BoundStatementBuilder b = portFields(activate.boundStatementBuilder(), before, after)
        .setString("expected_state", before.state().name())
        .setString("carrier", after.recipient().value())
        .setLong("new_version", routeVersion + 1);
    b = routeVersion == 0 ? b.setToNull("old_version") : b.setLong("old_version", routeVersion);
    return applied(b);
  }

  /**
   * One conditional batch on the number's partition: the reversed port and the route back to its donor, and the
   * number's open port (if any) cancelled. It applies only if the reversed port, the route version and the open port
   * are all as the caller saw them.
   */
  @Override
  public boolean reverse(Port before, Port after, String approvedBy, long routeVersion, Optional<Port> open,
      Optional<Port> cancelled) {
    BoundStatementBuilder b = portFields((open.isPresent() ? reverse : reverseWithoutOpenPort).boundStatementBuilder(),
        before, after)
        .setString("expected_state", before.state().name())
        .setString("carrier", after.donor().value())
        .setLong("new_version", routeVersion + 1)
        .setLong("old_version", routeVersion);
    if (open.isEmpty()) {
      return applied(b);
    }
    BoundStatementBuilder cancel = portFields(transitionReleasing.boundStatementBuilder(), open.get(),
        cancelled.orElseThrow()).setString("expected_state", open.get().state().name());
    return applied(BatchStatement.newInstance(DefaultBatchType.LOGGED, steps(b).build(), steps(cancel).build()));
  }

  @Override
  public boolean storeCode(Msisdn msisdn, NumberState.StoredCode code, NumberState seen) {
    BoundStatementBuilder b = storeCode.boundStatementBuilder()
        .setByteBuffer("hash", ByteBuffer.wrap(code.hash()))
        .setByteBuffer("salt", ByteBuffer.wrap(code.salt()))
        .setInstant("issued", code.issuedAt())
        .setInstant("expires", code.expiresAt())
        .setString("msisdn", msisdn.toString())
        .setByteBuffer("old_hash", seen.code().map(c -> ByteBuffer.wrap(c.hash())).orElse(null));
    return applied(b);
  }

  @Override
  public boolean clearCode(Msisdn msisdn, byte[] hash) {
    return applied(clearCode.boundStatementBuilder().setString("msisdn", msisdn.toString())
        .setByteBuffer("hash", ByteBuffer.wrap(hash)));
  }

  @Override
  public Optional<NumberState> countMismatch(Msisdn msisdn, NumberState seen, boolean voids) {
    NumberState.StoredCode code = seen.code().orElseThrow(() -> new IllegalArgumentException("no code to count"));
    BoundStatementBuilder b = (voids ? voidCode : countMismatch).boundStatementBuilder()
        .setInt("next", code.mismatches() + 1)
        .setString("msisdn", msisdn.toString())
        .setByteBuffer("hash", ByteBuffer.wrap(code.hash()));
    b = code.mismatches() == 0 ? b.setToNull("seen") : b.setInt("seen", code.mismatches());
    if (voids) {
      b = seen.routeVersion() == 0 ? b.setToNull("route_version") : b.setLong("route_version", seen.routeVersion());
    }
    return applied(b) ? Optional.empty() : Optional.of(number(msisdn));
  }

  @Override
  public void recordMismatch(CarrierId recipient, Instant at, UUID portId, Msisdn msisdn, int mismatch,
      boolean voided) {
    session.execute(insertMismatch.bind(recipient.value(), LocalDate.ofInstant(at, ZoneOffset.UTC), at, portId,
        msisdn.toString(), mismatch, voided));
  }

  @Override
  public boolean returnNumber(Msisdn msisdn, CarrierId carrier, long routeVersion) {
    return applied(returnNumber.boundStatementBuilder()
        .setLong("new_version", routeVersion + 1)
        .setString("msisdn", msisdn.toString())
        .setString("carrier", carrier.value())
        .setLong("old_version", routeVersion));
  }

  @Override
  public void recordFact(UUID portId, String fact, CarrierId carrier, Instant at) {
    session.execute(insertFact.bind(portId, fact, carrier.value(), at));
  }

  @Override
  public Map<String, Set<CarrierId>> facts(UUID portId) {
    Map<String, Set<CarrierId>> facts = new HashMap<>();
    for (Row row : session.execute(selectFacts.bind(portId))) {
      facts.computeIfAbsent(row.getString("fact"), f -> new HashSet<>()).add(new CarrierId(row.getString("carrier")));
    }
    return facts;
  }

  @Override
  public boolean createQuery(EligibilityQuery query, byte[] subscriberDigest, byte[] sealedSubscriber) {
    return applied(PresentValues.bind(insertQuery, query.id(), query.msisdn().toString(), query.askedBy().value(),
        query.donor().value(), query.askedAt(), query.deadline(), query.state().name(), query.subscriberType().name(),
        ByteBuffer.wrap(subscriberDigest), ByteBuffer.wrap(sealedSubscriber), WriteSteps.current()));
  }

  @Override
  public Optional<EligibilityQuery> query(UUID queryId) {
    Row row = session.execute(selectQuery.bind(queryId)).one();
    if (row == null) {
      return Optional.empty();
    }
    Map<String, Map<String, String>> reasons = new LinkedHashMap<>(row.get("reasons", REASONS));
    return Optional.of(new EligibilityQuery(row.getUuid("query_id"), msisdn(row.getString("msisdn")),
        new CarrierId(row.getString("asked_by")), new CarrierId(row.getString("donor")), row.getInstant("asked_at"),
        row.getInstant("deadline"), EligibilityQuery.State.valueOf(row.getString("state")),
        row.isNull("eligible") ? Optional.empty() : Optional.of(row.getBoolean("eligible")), reasons,
        row.getList("warnings", String.class),
        // Queries asked before V005 named no subscriber, and their answers were checked as a company's.
        row.isNull("subscriber_type") ? SubscriberType.CORPORATE
            : SubscriberType.valueOf(row.getString("subscriber_type")),
        Optional.empty()));
  }

  @Override
  public Optional<byte[]> sealedSubscriber(UUID queryId) {
    Row row = session.execute(selectSealedSubscriber.bind(queryId)).one();
    if (row == null || row.isNull("subscriber_sealed")
        || !EligibilityQuery.State.PENDING.name().equals(row.getString("state"))) {
      return Optional.empty();
    }
    return Optional.of(bytes(row.getByteBuffer("subscriber_sealed")));
  }

  @Override
  public boolean closeQuery(EligibilityQuery before, EligibilityQuery after, Instant at) {
    BoundStatementBuilder b = closeQuery.boundStatementBuilder()
        .setString("state", after.state().name())
        .setInstant("at", at)
        .setUuid("query_id", after.id())
        .setString("expected_state", before.state().name());
    if (after.eligible().isPresent()) {
      b = b.setBoolean("eligible", after.eligible().get());
    }
    // A query is closed once, and was created without reasons or warnings: empty ones stay unset (writing an empty
    // collection writes only a deletion of the old content).
    if (!after.reasons().isEmpty()) {
      b = b.set("reasons", after.reasons(), REASONS);
    }
    if (!after.warnings().isEmpty()) {
      b = b.setList("warnings", after.warnings(), String.class);
    }
    return applied(b);
  }

  private boolean applied(BoundStatementBuilder statement) {
    return applied(steps(statement).build());
  }

  /**
   * Binds the audit's step ids of the write in progress ({@link WriteSteps}): added to the row in the same write,
   * so that the row says which steps applied to it.
   */
  private static BoundStatementBuilder steps(BoundStatementBuilder statement) {
    return statement.setSet("audit_steps", WriteSteps.current(), UUID.class);
  }

  private boolean applied(com.datastax.oss.driver.api.core.cql.Statement<?> statement) {
    Row row = session.execute(statement).one();
    return row != null && row.getBoolean("[applied]");
  }

  /**
   * Binds the fields a transition may change; absent optionals and collections the transition leaves as they were
   * stay unset, so they write nothing. (Setting a collection writes a tombstone for its old content beside the new
   * one, which every later read of the row, the conditional writes' own among them, has to merge.)
   */
  private static BoundStatementBuilder portFields(BoundStatementBuilder b, Port before, Port port) {
    b = b.setString("msisdn", port.msisdn().toString())
        .setUuid("port_id", port.id())
        .setString("state", port.state().name());
    if (!port.evidence().equals(before.evidence())) {
      b = b.setMap("evidence", port.evidence(), String.class, String.class);
    }
    if (!port.warnings().equals(before.warnings())) {
      b = b.setList("warnings", port.warnings(), String.class);
    }
    if (!port.ackExpected().equals(before.ackExpected())) {
      b = b.setSet("ack_expected", ids(port.ackExpected()), String.class);
    }
    if (!port.laggards().equals(before.laggards())) {
      b = b.setSet("laggards", ids(port.laggards().keySet()), String.class)
          .set("laggard_facts", port.laggards().entrySet().stream()
              .collect(Collectors.toMap(e -> e.getKey().value(), Map.Entry::getValue)), LAGGARD_FACTS);
    }
    if (port.answeredAt().isPresent()) {
      b = b.setInstant("answered_at", port.answeredAt().get());
    }
    if (port.deemed()) {
      b = b.setBoolean("deemed", true);
    }
    if (port.endReason().isPresent()) {
      b = b.setString("end_reason", port.endReason().get());
    }
    if (port.reversalReference().isPresent()) {
      b = b.setString("reversal_reference", port.reversalReference().get());
    }
    if (port.reason().isPresent()) {
      b = b.setString("reason", port.reason().get());
    }
    if (port.activationAt().isPresent()) {
      b = b.setInstant("activation_at", port.activationAt().get());
    }
    if (port.activatedAt().isPresent()) {
      b = b.setInstant("activated_at", port.activatedAt().get());
    }
    if (port.endedAt().isPresent()) {
      b = b.setInstant("ended_at", port.endedAt().get());
    }
    return b;
  }

  private Port port(Row row) {
    return new Port(row.getUuid("port_id"), msisdn(row.getString("msisdn")), row.getString("order_id"),
        row.getString("channel"), new CarrierId(row.getString("recipient")), new CarrierId(row.getString("donor")),
        SubscriberType.valueOf(row.getString("subscriber_type")), PortState.valueOf(row.getString("state")),
        row.getInstant("submitted_at"), row.getInstant("donor_deadline"),
        Optional.ofNullable(row.getInstant("answered_at")), !row.isNull("deemed") && row.getBoolean("deemed"),
        Optional.ofNullable(row.getString("reason")), row.getMap("evidence", String.class, String.class),
        row.getList("warnings", String.class), Optional.ofNullable(row.getInstant("activation_at")),
        Optional.ofNullable(row.getInstant("activated_at")), carriers(row.getSet("ack_expected", String.class)),
        Optional.ofNullable(row.getInstant("ended_at")), laggards(row),
        Optional.ofNullable(row.getString("end_reason")), Optional.ofNullable(row.getString("reversal_reference")));
  }

  /** The laggards and the facts each missed (rows written before V005 name only the carriers: their acks). */
  private static Map<CarrierId, Set<String>> laggards(Row row) {
    Map<String, Set<String>> facts = row.get("laggard_facts", LAGGARD_FACTS);
    Map<CarrierId, Set<String>> laggards = new HashMap<>();
    for (String carrier : row.getSet("laggards", String.class)) {
      laggards.put(new CarrierId(carrier), facts.getOrDefault(carrier, Set.of(Port.ACK)));
    }
    return laggards;
  }

  private static NumberState numberState(Row row) {
    int mismatches = row.isNull("code_mismatches") ? 0 : row.getInt("code_mismatches");
    Optional<NumberState.StoredCode> code = row.isNull("code_hash") ? Optional.empty()
        : Optional.of(new NumberState.StoredCode(bytes(row.getByteBuffer("code_hash")),
            bytes(row.getByteBuffer("code_salt")), row.getInstant("code_issued_at"), row.getInstant("code_expires_at"),
            Optional.ofNullable(row.getUuid("code_used_by")), mismatches));
    return new NumberState(Optional.ofNullable(row.getUuid("open_port_id")),
        Optional.ofNullable(row.getString("serving_carrier")).map(CarrierId::new),
        row.isNull("route_version") ? 0 : row.getLong("route_version"),
        Optional.ofNullable(row.getInstant("last_ported_at")), code, code.isEmpty() && mismatches > 0);
  }

  private Msisdn msisdn(String text) {
    return plan.parse(text).orElseThrow(() -> new IllegalStateException("stored number " + text
        + " is not a number of this regime's plan"));
  }

  private static Set<String> ids(Set<CarrierId> carriers) {
    return carriers.stream().map(CarrierId::value).collect(Collectors.toSet());
  }

  private static Set<CarrierId> carriers(Set<String> ids) {
    return ids.stream().map(CarrierId::new).collect(Collectors.toSet());
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}
