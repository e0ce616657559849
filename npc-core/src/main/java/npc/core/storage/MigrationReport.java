package npc.core.storage;

import java.util.List;

/** What one run of a component's migrations found and did. */
public record MigrationReport(String component, int versionBefore, int versionAfter, List<String> applied) {
  public MigrationReport {
    applied = List.copyOf(applied);
  }
}
