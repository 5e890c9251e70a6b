package com.furnishcare.intake.cli;

/** What a command-line mode printed and the exit status it asks for; GatewayMain prints and exits. */
public record CommandResult(int exitCode, String output) {}
