package npc.core.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a CQL file into statements at semicolons, skipping comments ({@code --}, {@code //}, {@code /* *\/})
 * and leaving semicolons inside string literals ({@code '...'}, {@code $$...$$}) alone.
 */
final class CqlScript {
  private CqlScript() {}

  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      if (startsWith(script, i, "--") || startsWith(script, i, "//")) {
        while (i < n && script.charAt(i) != '\n') {
          i++;
        }
      } else if (startsWith(script, i, "/*")) {
        int end = script.indexOf("*/", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated /* comment");
        }
        i = end + 2;
        current.append(' ');
      } else if (c == '\'') {
        int end = i + 1;
        while (true) {
          if (end >= n) {
            throw new IllegalArgumentException("unterminated string literal");
          }
          if (script.charAt(end) == '\'') {
            if (end + 1 < n && script.charAt(end + 1) == '\'') {
              end += 2; // '' is an escaped quote
              continue;
            }
            break;
          }
          end++;
        }
        current.append(script, i, end + 1);
        i = end + 1;
      } else if (startsWith(script, i, "$$")) {
        int end = script.indexOf("$$", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated $$ string");
        }
        current.append(script, i, end + 2);
        i = end + 2;
      } else if (c == ';') {
        add(statements, current);
        i++;
      } else {
        current.append(c);
        i++;
      }
    }
    add(statements, current);
    return statements;
  }

  private static void add(List<String> statements, StringBuilder current) {
    String statement = current.toString().strip();
    if (!statement.isEmpty()) {
      statements.add(statement);
    }
    current.setLength(0);
  }

  private static boolean startsWith(String s, int at, String prefix) {
    return s.startsWith(prefix, at);
  }
}
