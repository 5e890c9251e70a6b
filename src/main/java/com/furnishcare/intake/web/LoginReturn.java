package com.furnishcare.intake.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the console login sends the browser back to after signing in, when a page behind the session check
 * sent it there ({@code /agent/login?next=...}). Only the reports dashboard, optionally with its filters as a
 * query of plain URL characters: a fixed path on this host, so the login is no open redirect, and nothing in
 * it can end an HTML attribute or a header. Anything else is ignored (the console, as before).
 */
final class LoginReturn {

  static final String PARAM = "next";
  static final String REPORTS = "/reports/";
  /** The dashboard's own query: letters, digits, percent-escapes and the separators of a query string. */
  private static final Pattern ALLOWED = Pattern.compile("/reports/(\\?[A-Za-z0-9=&%._~+-]{1,512})?");

  private LoginReturn() {}

  static Optional<String> of(String raw) {
    return raw != null && ALLOWED.matcher(raw).matches() ? Optional.of(raw) : Optional.empty();
  }

  /** The login page's address that comes back to {@code next}. */
  static String loginFor(String next) {
    return AgentAuth.LOGIN_PAGE + "?" + PARAM + "=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
  }
}
