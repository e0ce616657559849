package npc.core.porting;

import java.time.Instant;
import npc.core.numbering.Msisdn;

/** A new authorisation code, shown once to the donor that relays it to its subscriber; never stored in clear. */
public record IssuedCode(Msisdn msisdn, String code, Instant expiresAt) {
  @Override
  public String toString() {
    return "IssuedCode[" + msisdn + ", expires " + expiresAt + "]";
  }
}
