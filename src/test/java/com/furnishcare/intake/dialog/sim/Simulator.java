package com.furnishcare.intake.dialog.sim;

import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.dialog.Chat;
import com.furnishcare.intake.dialog.model.DialogBook;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one conversation: the persona opens, then answers whatever the bot last asked with a randomly
 * chosen wording of its own, until a ticket is filed, a person takes over, the bot says goodbye, or
 * {@link #TURN_LIMIT} user turns have passed ("stuck").
 */
public final class Simulator {

  public static final int TURN_LIMIT = 20;

  public enum End { TICKET, HANDOFF, EXIT, STUCK }

  /**
   * @param ticket the ticket filed in this conversation, if any (also with a hand-off that files one)
   * @param turns user turns sent, the opening included
   * @param maxRun the longest run of the same bot reply in a row
   * @param runAsk what the bot was asking during that longest run
   * @param unknownAsks bot replies whose question the persona could not tell
   * @param lastAsk what the bot asked last before the conversation ended
   * @param unknownReplies the bot replies counted in unknownAsks
   */
  public record Outcome(Persona persona, Persona.Opening opening, long seed, End end, Ticket ticket, int turns,
      int maxRun, Ask runAsk, int unknownAsks, Ask lastAsk, List<String> transcript, List<String> unknownReplies) {}

  private final DialogBook book;
  private final UnaryOperator<String> script;

  /** @param script turns the persona's simplified wording into the script under test (identity, or Hans-Hant) */
  public Simulator(DialogBook book, UnaryOperator<String> script) {
    this.book = book;
    this.script = script;
  }

  public Outcome run(Persona persona, Persona.Opening opening, long seed) {
    Random random = new Random(seed * 1_000_003L + persona.id().hashCode() * 31L + opening.ordinal());
    Chat chat = new Chat("sim-" + persona.id() + "-" + opening + "-" + seed, book);
    List<String> transcript = new ArrayList<>();
    String message = pick(persona.openings(opening), random);
    String previous = null;
    int run = 0;
    int maxRun = 0;
    Ask runAsk = Ask.UNKNOWN;
    int unknown = 0;
    List<String> unknownReplies = new ArrayList<>();
    int photosSent = 0;
    boolean saidDescription = false;
    Ask ask = Ask.UNKNOWN;
    for (int turn = 1; ; turn++) {
      List<String> replies;
      if (message == null) {
        transcript.add("用户: [照片]");
        replies = chat.photo("SIM-" + persona.id() + "-" + photosSent);
      } else {
        String sent = script.apply(message);
        transcript.add("用户: " + sent);
        replies = chat.say(sent);
      }
      String joined = String.join("\n", replies);
      if (joined.equals(previous)) {
        transcript.add("  机器人: (the same reply again)");
      } else {
        for (String r : replies) {
          transcript.add("  机器人: " + r.replace("\n", "\n          "));
        }
      }
      String last = replies.isEmpty() ? "" : replies.get(replies.size() - 1);
      ask = Ask.of(last);
      if (ask == Ask.UNKNOWN && replies.size() > 1) {
        ask = Ask.of(joined);
      }
      run = joined.equals(previous) ? run + 1 : 1;
      previous = joined;
      if (run > maxRun) {
        maxRun = run;
        runAsk = ask;
      }
      Ticket ticket = chat.tickets().isEmpty() ? null : chat.tickets().get(0);
      boolean handoff = joined.contains("转接") || joined.contains("接手本对话") || joined.contains("已为您转");
      if (handoff) {
        return new Outcome(persona, opening, seed, End.HANDOFF, ticket, turn, maxRun, runAsk, unknown, ask, transcript, unknownReplies);
      }
      if (ticket != null || joined.contains("工单号")) {
        return new Outcome(persona, opening, seed, End.TICKET, ticket, turn, maxRun, runAsk, unknown, ask, transcript, unknownReplies);
      }
      if (joined.contains("已取消") || joined.contains("再见")) {
        return new Outcome(persona, opening, seed, End.EXIT, null, turn, maxRun, runAsk, unknown, ask, transcript, unknownReplies);
      }
      if (turn >= TURN_LIMIT) {
        return new Outcome(persona, opening, seed, End.STUCK, null, turn, maxRun, runAsk, unknown, ask, transcript, unknownReplies);
      }
      switch (ask) {
        case UNKNOWN -> {
          unknown++;
          unknownReplies.add(joined);
          message = saidDescription ? "嗯" : pick(persona.answers(Ask.DESCRIPTION), random);
          saidDescription = true;
        }
        case PHOTOS -> {
          if (persona.photos() && photosSent < 2 && (photosSent == 0 || random.nextBoolean())) {
            photosSent++;
            message = null;
          } else {
            message = pick(persona.answers(Ask.PHOTOS), random);
          }
        }
        case MENU -> {
          String number = complaintOption(last);
          message = number != null && random.nextBoolean() ? number : pick(persona.answers(Ask.MENU), random);
        }
        default -> message = rephrase(persona.answers(ask), message, random);
      }
    }
  }

  private static final Pattern OPTION = Pattern.compile("(?m)^\\s*(\\d+)[.、．]\\s*[^\\n]*(投诉|登记)");

  /** The number of a menu line that offers to file a complaint, as a homeowner would pick it. */
  private static String complaintOption(String menu) {
    Matcher m = OPTION.matcher(menu);
    return m.find() ? m.group(1) : null;
  }

  /**
   * A wording for the question; asked again right after an answer, the homeowner puts it another way
   * (the same words, repeated, would only measure the bot's patience).
   */
  private static String rephrase(List<String> options, String previous, Random random) {
    String next = pick(options, random);
    for (int i = 0; i < 5 && next.equals(previous); i++) {
      next = pick(options, random);
    }
    return next;
  }

  private static String pick(List<String> options, Random random) {
    return options.get(random.nextInt(options.size()));
  }
}
