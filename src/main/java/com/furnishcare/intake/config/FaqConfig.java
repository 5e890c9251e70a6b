package com.furnishcare.intake.config;

import java.nio.file.Path;

/**
 * The knowledge base: where its files are and when a search result is good enough to answer with
 * (confidence thresholds, 0..1; the defaults were chosen on the evaluation set, see README).
 */
public record FaqConfig(Path knowledgeBaseDir, double answerConfidence, double choicesConfidence, double answerMargin) {}
