package com.furnishcare.intake.dialog.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A fact a flow collects: its type, what to ask, what to say when the answer does not fit, and how the
 * bot changes course when the homeowner cannot give it (after the flow's {@code maxTries} answers that
 * do not fit, or a plain "不知道/没有"): the slot takes {@code fallback} (empty = unknown) and the bot
 * says {@code givenUp}, so no question is asked forever.
 */
public record SlotSpec(String name, SlotType type, String label, String prompt, String reprompt, boolean optional,
    Optional<Pattern> pattern, String fallback, String givenUp) {}
