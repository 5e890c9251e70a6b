package com.furnishcare.intake.dialog.model;

import java.util.Map;

/** The welcome and the menu shown when no flow is running; options map a reply or menu key to an intent. */
public record MainMenu(String welcome, String text, Map<String, String> options, Map<String, String> menuKeys,
    String faq, String question) {}
