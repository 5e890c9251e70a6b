package com.furnishcare.intake.config;

import com.furnishcare.intake.dialog.model.ServiceHours;
import java.time.Duration;
import java.util.Optional;

/**
 * How the agents' desk runs.
 *
 * @param serviceHours when people answer, China time (empty: always); outside them a hand-over keeps a
 *     ticket and tells the homeowner when a person will answer
 * @param firstResponse how soon a person must answer a hand-over without a ticket (a ticket's own
 *     first-response deadline applies otherwise)
 * @param ownerTimeout a conversation whose owner's console has been away this long goes back to the queue
 */
public record AgentDeskConfig(Optional<ServiceHours> serviceHours, Duration firstResponse, Duration ownerTimeout) {}
