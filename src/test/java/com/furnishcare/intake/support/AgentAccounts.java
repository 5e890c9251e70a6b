package com.furnishcare.intake.support;

import com.password4j.Argon2Function;
import com.password4j.BcryptFunction;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/** An accounts file a test writes for itself, with hashes made the way hash-password makes them. */
public final class AgentAccounts {

  /** The cost hash-password uses (OWASP's argon2id baseline), so login timings are the real ones. */
  private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID, 19);

  private final List<String> entries = new ArrayList<>();

  public static String argon2id(String password) {
    return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
  }

  public static String bcrypt(String password) {
    return Password.hash(password).with(BcryptFunction.getInstance(6)).getResult();
  }

  public AgentAccounts add(String username, String displayName, String role, String dealer, String hash) {
    entries.add("- username: " + username + "\n  displayName: \"" + displayName + "\"\n  role: " + role + "\n"
        + (dealer == null ? "" : "  dealer: " + dealer + "\n") + "  passwordHash: \"" + hash + "\"\n");
    return this;
  }

  public String yaml() {
    return entries.isEmpty() ? "[]\n" : String.join("", entries);
  }

  /** Writes the file and moves its modification time on, so a reload sees the edit even within a millisecond. */
  public Path writeTo(Path file) throws IOException {
    write(file, yaml());
    return file;
  }

  public static void write(Path file, String text) throws IOException {
    FileTime before = Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0);
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.fromMillis(Math.max(System.currentTimeMillis(), before.toMillis() + 1000)));
  }
}
