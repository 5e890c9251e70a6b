package com.furnishcare.intake.core;

/**
 * One knowledge-base entry found for a question. {@code score} is the search engine's ranking score
 * (comparable within one result only); {@code confidence} (0..1) says how much of the question the
 * entry covers, comparable across questions. {@code category} names a complaint category, or is empty.
 */
public record FaqHit(String id, String question, double score, double confidence, String answer, String category) {}
