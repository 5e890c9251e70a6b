package com.furnishcare.intake.core;

import java.time.Instant;

/**
 * One thing a console user did, for the audit log.
 *
 * @param actor the username (for a failed login: the username that was tried)
 * @param action what was done: {@code login}, {@code login_failed}, {@code logout}, {@code take}, {@code reply},
 *     {@code hand_back}, {@code reassign}, {@code ticket_change} …
 * @param target what it was done to (a conversation or ticket id; the client address for logins), or ""
 * @param detail anything else worth keeping (a reason, the new owner, the changed fields), or ""
 */
public record AuditEntry(String actor, String action, String target, String detail, Instant at) {}
