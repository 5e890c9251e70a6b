package com.furnishcare.intake.dialog.model;

import java.util.Optional;
import java.util.regex.Pattern;

/** A fact a flow collects: its type, what to ask, what to say when the answer does not fit. */
public record SlotSpec(String name, SlotType type, String prompt, String reprompt, boolean optional,
    Optional<Pattern> pattern) {}
