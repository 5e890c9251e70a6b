package com.furnishcare.intake.core;

import java.time.Instant;

/**
 * Something that happened to a message we sent or tried to send: a push rejected by the platform,
 * a template job finished, a user unsubscribed. Kept for operators; never retried from here.
 *
 * @param kind e.g. {@code push_sent}, {@code push_rejected}, {@code template_job_finished}
 * @param reference the platform's id (template MsgID) or the message key
 * @param detail the platform's status or error code and message
 */
public record DeliveryEvent(String kind, ChannelName channel, String userId, String reference,
    String detail, Instant at) {}
