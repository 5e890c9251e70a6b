package com.furnishcare.intake.cli;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * {@code java -jar intake-gateway.jar hash-password}: reads one password from standard input (so it never
 * shows in the process list or the shell history) and prints its argon2id hash in PHC form, for the
 * {@code passwordHash} of an account in the agents file.
 */
public final class HashPasswordCommand {

  /** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane; about 50 ms here, slow enough for guessing. */
  static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID, 19);
  /** Shorter than this is refused: a console password, not a PIN. */
  static final int MIN_LENGTH = 10;
  static final int MAX_LENGTH = 256;

  private HashPasswordCommand() {}

  public static CommandResult run(InputStream in) {
    String password;
    try {
      password = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      return new CommandResult(ExitCodes.FAILED, "");
    }
    if (password == null || password.isEmpty()) {
      return new CommandResult(ExitCodes.CONFIGURATION,
          "hash-password: give the password on standard input, e.g. read -rs P; printf '%s\\n' \"$P\" | java -jar"
              + " intake-gateway.jar hash-password\n");
    }
    if (password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
      return new CommandResult(ExitCodes.CONFIGURATION, "hash-password: a password has " + MIN_LENGTH + " to "
          + MAX_LENGTH + " characters\n");
    }
    return new CommandResult(ExitCodes.OK, Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult() + "\n");
  }
}
