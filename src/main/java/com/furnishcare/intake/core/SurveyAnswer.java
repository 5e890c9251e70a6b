package com.furnishcare.intake.core;

import java.time.Instant;
import java.util.Optional;

/**
 * One answered question of a survey response.
 *
 * @param score the number for scale (1–5) and NPS (0–10) questions
 * @param value the chosen option's id, {@code yes}/{@code no}, or the free text; empty for a bare score
 */
public record SurveyAnswer(String questionId, Optional<Integer> score, String value, Instant answeredAt) {}
