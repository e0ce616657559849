package npc.core.storage;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The consistency levels npc reads and writes at. An acknowledged write must survive the loss of any one replica,
 * and a read must see what another instance wrote before it: hence {@code LOCAL_QUORUM} for both by default (a
 * quorum written and a quorum read overlap), and {@code LOCAL_SERIAL} for conditional writes and serial reads
 * (Paxos among the local datacenter's replicas). The driver's own default, {@code LOCAL_ONE}, gives neither.
 *
 * <p>{@link Database} applies them through driver execution profiles, so that no statement runs at a level of its
 * own: the default profile writes at {@link #write} with serial level {@link #serial}; a statement built with
 * {@link #read(String)} reads at {@link #read}, one built with {@link #serialRead(String)} at {@link #serial}.
 *
 * @param read   plain reads
 * @param write  plain writes, and the commit of a conditional write
 * @param serial conditional writes (their Paxos rounds) and serial reads
 */
public record Consistency(ConsistencyLevel read, ConsistencyLevel write, ConsistencyLevel serial) {
  /** The driver profile of plain reads. */
  public static final String READ_PROFILE = "npc-read";
  /** The driver profile of serial reads: they see every conditional write that completed before them. */
  public static final String SERIAL_READ_PROFILE = "npc-serial-read";

  public Consistency {
    Objects.requireNonNull(read, "read");
    Objects.requireNonNull(write, "write");
    Objects.requireNonNull(serial, "serial");
    if (read.isSerial() || write.isSerial()) {
      throw new IllegalArgumentException("the read and write consistency cannot be a serial level (" + read + ", "
          + write + "): serial levels are for conditional writes, set npc.cassandra.consistency.serial");
    }
    if (!serial.isSerial()) {
      throw new IllegalArgumentException("the serial consistency must be SERIAL or LOCAL_SERIAL, not " + serial);
    }
    if (read == DefaultConsistencyLevel.ANY || write == DefaultConsistencyLevel.ANY) {
      // Cassandra refuses ANY for reads; a write at ANY may be held only as a hint, acknowledged by no replica.
      throw new IllegalArgumentException("the read and write consistency cannot be ANY");
    }
  }

  /** {@code LOCAL_QUORUM} reads and writes, {@code LOCAL_SERIAL} conditional writes and serial reads. */
  public static Consistency defaults() {
    return new Consistency(DefaultConsistencyLevel.LOCAL_QUORUM, DefaultConsistencyLevel.LOCAL_QUORUM,
        DefaultConsistencyLevel.LOCAL_SERIAL);
  }

  /** The configuration form: level names, any case ({@code local_quorum}, {@code QUORUM}, {@code LOCAL_SERIAL}...). */
  public static Consistency parse(String read, String write, String serial) {
    return new Consistency(level("read", read), level("write", write), level("serial", serial));
  }

  /** A plain read: runs at {@link #read}. */
  public static SimpleStatement read(String cql) {
    return SimpleStatement.newInstance(cql).setExecutionProfileName(READ_PROFILE);
  }

  /** A serial read: runs at {@link #serial}, seeing every conditional write completed before it. */
  public static SimpleStatement serialRead(String cql) {
    return SimpleStatement.newInstance(cql).setExecutionProfileName(SERIAL_READ_PROFILE);
  }

  private static ConsistencyLevel level(String which, String text) {
    String name = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    try {
      return DefaultConsistencyLevel.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("npc.cassandra.consistency." + which + " must be one of "
          + Arrays.toString(DefaultConsistencyLevel.values()) + ", not '" + text + "'");
    }
  }
}
