package npc.ops.cli;

import npc.ops.security.Role;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that calls the running service: reads the token, runs {@link #run(ApiClient)}, and turns a failed call
 * into {@code npc <command>: <reason>} on standard error with the exit code of {@link ApiClient}: 0 done, 1 refused
 * by the service, 3 service unreachable or failed, 4 no usable token (picocli's 2 is bad options).
 */
abstract class ApiCommand implements Callable<Integer> {
  /** The footer of every such command's help. */
  static final String EXIT_CODES = "Exit codes: 0 done, 1 refused by the service, 2 bad options, 3 service "
      + "unreachable or failed, 4 no usable token (missing file, 401, 403).";

  @Spec
  CommandSpec spec;

  @Mixin
  ApiOptions api;

  @Override
  public final Integer call() {
    try {
      run(ApiClient.of(api, tokenRole()));
      return 0;
    } catch (ApiClient.ApiCallException e) {
      spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
      return e.exitCode;
    }
  }

  abstract void run(ApiClient client);

  /** The role whose development token is used when {@code --token} is not given. */
  Role tokenRole() {
    return Role.OPERATOR;
  }
}
