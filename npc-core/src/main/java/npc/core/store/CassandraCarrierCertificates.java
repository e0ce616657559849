package npc.core.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import npc.core.carrier.CarrierCertificates;
import npc.core.carrier.CarrierId;
import npc.core.carrier.CertificateFingerprint;
import npc.core.carrier.RegisteredCertificate;
import npc.core.storage.Consistency;

/**
 * Carriers' client certificates in table {@code carrier_certificates} (migration V007). The registrations of each
 * start are plain writes (the same certificate again); the operator's registration through the API is conditional
 * on the row's absence, and a revocation on the row not being revoked, so a revocation never un-revokes and keeps
 * its first time.
 */
public final class CassandraCarrierCertificates implements CarrierCertificates {
  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement insertNew;
  private final PreparedStatement revoke;
  private final PreparedStatement selectAll;

  public CassandraCarrierCertificates(CqlSession session) {
    this.session = session;
    insert = session.prepare("UPDATE carrier_certificates SET carrier = ?, not_after = ?, registered_at = ? "
        + "WHERE fingerprint = ?");
    insertNew = session.prepare("INSERT INTO carrier_certificates (fingerprint, carrier, not_after, registered_at) "
        + "VALUES (?, ?, ?, ?) IF NOT EXISTS");
    revoke = session.prepare("UPDATE carrier_certificates SET revoked_at = ? WHERE fingerprint = ? "
        + "IF revoked_at = null");
    selectAll = session.prepare(Consistency.read(
        "SELECT fingerprint, carrier, not_after, registered_at, revoked_at FROM carrier_certificates"));
  }

  @Override
  public void register(CarrierId carrier, CertificateFingerprint fingerprint, Instant notAfter, Instant at) {
    session.execute(insert.bind(carrier.value(), notAfter, at, fingerprint.value()));
  }

  @Override
  public boolean registerNew(CarrierId carrier, CertificateFingerprint fingerprint, Instant notAfter, Instant at) {
    return session.execute(insertNew.bind(fingerprint.value(), carrier.value(), notAfter, at)).wasApplied();
  }

  @Override
  public boolean revoke(CertificateFingerprint fingerprint, Instant at) {
    return session.execute(revoke.bind(at, fingerprint.value())).wasApplied();
  }

  @Override
  public List<RegisteredCertificate> all() {
    List<RegisteredCertificate> all = new ArrayList<>();
    for (Row row : session.execute(selectAll.bind())) {
      String carrier = row.getString("carrier");
      if (carrier == null) {
        continue; // revoked but never registered: nothing to connect with
      }
      all.add(new RegisteredCertificate(new CertificateFingerprint(row.getString("fingerprint")),
          new CarrierId(carrier), row.getInstant("not_after"), row.getInstant("registered_at"),
          Optional.ofNullable(row.getInstant("revoked_at"))));
    }
    return all;
  }
}
