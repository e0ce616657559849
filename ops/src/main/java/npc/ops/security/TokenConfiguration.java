package npc.ops.security;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code npc.tokens.*}: where the development tokens go, and whether the first start writes them. */
@ConfigurationProperties("npc.tokens")
public class TokenConfiguration {
  private String developmentDir = System.getProperty("user.home") + "/.npc/tokens";
  private boolean development = true;

  public String getDevelopmentDir() {
    return developmentDir;
  }

  public void setDevelopmentDir(String developmentDir) {
    this.developmentDir = developmentDir;
  }

  public boolean isDevelopment() {
    return development;
  }

  public void setDevelopment(boolean development) {
    this.development = development;
  }
}
