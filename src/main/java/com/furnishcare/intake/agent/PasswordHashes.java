package com.furnishcare.intake.agent;

import com.password4j.Argon2Function;
import com.password4j.BcryptFunction;
import com.password4j.HashingFunction;
import com.password4j.Password;
import java.util.Optional;

/**
 * The password hashes the accounts file may hold: argon2id in PHC form (what {@code hash-password} prints)
 * and bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}, for hashes made by other tools). Checking is slow on
 * purpose (tens of milliseconds): call {@link #matches} on a worker thread, never on the event loop.
 */
public final class PasswordHashes {

  /**
   * Checked when the username is unknown, so that an unknown user costs the same time as a wrong password
   * and the answer's timing does not tell which usernames exist. Made by {@code hash-password} (argon2id,
   * 19 MiB, 2 passes, 1 lane) from a random password nobody kept.
   */
  static final String DUMMY_HASH =
      "$argon2id$v=19$m=19456,t=2,p=1$7KwTjTPanNuL+UZtbyhdiA$hZRSvKICYBOB9ShcNj/2zJyz3PmXAfKkr+EIGVEg6Lc";

  private PasswordHashes() {}

  /** The function that checks {@code hash}, or empty when it is neither argon2id nor bcrypt. */
  public static Optional<HashingFunction> functionOf(String hash) {
    try {
      if (hash.startsWith("$argon2id$")) {
        return Optional.of(Argon2Function.getInstanceFromHash(hash));
      }
      if (hash.matches("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}")) {
        return Optional.of(BcryptFunction.getInstanceFromHash(hash));
      }
    } catch (RuntimeException e) {
      // a malformed hash: reported as not a known form
    }
    return Optional.empty();
  }

  /** Whether {@code password} matches {@code hash}; a malformed hash matches nothing. Blocks for tens of ms. */
  public static boolean matches(String password, String hash) {
    Optional<HashingFunction> function = functionOf(hash);
    if (function.isEmpty()) {
      return false;
    }
    try {
      return Password.check(password, hash).with(function.get());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Spends the time of a real check and always fails: for a username that does not exist. */
  public static boolean matchesNothing(String password) {
    matches(password, DUMMY_HASH);
    return false;
  }
}
