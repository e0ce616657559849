package npc.cassandra.embedded;

/**
 * The child JVM's main class: watches the parent process and stops the node when the parent is gone (even
 * after {@code kill -9}, which skips the parent's shutdown hook), then hands over to Cassandra's own main.
 */
public final class NodeMain {
  static final String PARENT_PID_PROPERTY = "npc.embedded.parent-pid";
  static final String DAEMON_CLASS = "org.apache.cassandra.service.CassandraDaemon";

  private NodeMain() {}

  public static void main(String[] args) throws Exception {
    String parentPid = System.getProperty(PARENT_PID_PROPERTY);
    if (parentPid != null) {
      ProcessHandle.of(Long.parseLong(parentPid)).ifPresentOrElse(
          parent -> parent.onExit().thenRun(NodeMain::parentGone),
          NodeMain::parentGone);
    }
    Class.forName(DAEMON_CLASS).getMethod("main", String[].class).invoke(null, (Object) args);
  }

  private static void parentGone() {
    System.err.println("npc: the process that started this node has ended; stopping the node");
    // System.exit runs Cassandra's own shutdown hooks, which drain the node cleanly.
    System.exit(0);
  }
}
