package com.furnishcare.intake.dialog.sim;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * A homeowner with a complaint: the facts a correct ticket must carry, and for every kind of question the
 * bot may ask several wordings of the answer (the persona's own, plus the shared templates of
 * {@code sim/personas.yaml} filled with the persona's facts).
 *
 * @param category the complaint category as DOMAIN.md names it (设计失误 … 其他)
 * @param order the order number as the homeowner reads it off the contract; null when they do not have it
 * @param nameKey what the ticket's customer name must contain
 * @param addressKey what the ticket's address must contain
 */
public record Persona(
    String id,
    String category,
    String product,
    String name,
    String nameKey,
    String phone,
    String order,
    String address,
    String addressKey,
    boolean photos,
    Map<Ask, List<String>> answers,
    List<String> problemOpenings,
    List<String> bareOpenings,
    List<String> partialOpenings,
    List<String> fullOpenings) {

  /** The opening styles, from least to most said in the first message. */
  public enum Opening { BARE, PROBLEM, PARTIAL, FULL }

  public List<String> openings(Opening style) {
    return switch (style) {
      case BARE -> bareOpenings;
      case PROBLEM -> problemOpenings;
      case PARTIAL -> partialOpenings;
      case FULL -> fullOpenings;
    };
  }

  public List<String> answers(Ask ask) {
    return answers.getOrDefault(ask, List.of());
  }

  /** All personas of {@code sim/personas.yaml}, templates filled in. */
  @SuppressWarnings("unchecked")
  public static List<Persona> load() {
    Map<String, Object> root;
    try (InputStream in = Persona.class.getResourceAsStream("/sim/personas.yaml")) {
      root = new Yaml().load(in);
    } catch (Exception e) {
      throw new IllegalStateException("sim/personas.yaml: " + e, e);
    }
    Map<String, List<String>> templates = (Map<String, List<String>>) root.get("templates");
    List<Persona> personas = new ArrayList<>();
    for (Map<String, Object> p : (List<Map<String, Object>>) root.get("personas")) {
      personas.add(of(p, templates));
    }
    return personas;
  }

  @SuppressWarnings("unchecked")
  private static Persona of(Map<String, Object> p, Map<String, List<String>> templates) {
    String id = str(p, "id");
    Map<String, String> facts = new LinkedHashMap<>();
    for (String key : List.of("category", "product", "name", "phone", "order", "address", "desc", "want")) {
      Object value = p.get(key);
      facts.put(key, value == null ? "" : String.valueOf(value));
    }
    String phone = facts.get("phone");
    facts.put("phoneSpaced", phone.length() == 11 ? phone.substring(0, 3) + " " + phone.substring(3, 7) + " "
        + phone.substring(7) : phone);
    facts.put("phoneDashed", phone.length() == 11 ? phone.substring(0, 3) + "-" + phone.substring(3, 7) + "-"
        + phone.substring(7) : phone);
    facts.put("surname", facts.get("name").isEmpty() ? "" : facts.get("name").substring(0, 1));
    facts.put("orderLower", facts.get("order").toLowerCase());
    boolean hasOrder = p.get("order") != null;
    boolean photos = Boolean.TRUE.equals(p.get("photos"));
    Map<String, List<String>> own = (Map<String, List<String>>) p.getOrDefault("answers", Map.of());

    Map<Ask, List<String>> answers = new LinkedHashMap<>();
    for (Ask ask : Ask.ANSWERABLE) {
      List<String> list = new ArrayList<>(own.getOrDefault(ask.key, List.of()));
      String templateKey = switch (ask) {
        case ORDER -> hasOrder ? "order" : "noOrder";
        case PHOTOS -> photos ? "photosDone" : "photosNo";
        default -> ask.key;
      };
      for (String t : templates.getOrDefault(templateKey, List.of())) {
        list.add(fill(t, facts));
      }
      if (list.size() < 3) {
        throw new IllegalStateException(id + ": fewer than 3 wordings for " + ask.key + ": " + list);
      }
      answers.put(ask, List.copyOf(list));
    }
    List<String> problem = (List<String>) p.get("openings");
    if (problem == null || problem.size() < 2) {
      throw new IllegalStateException(id + ": needs at least 2 problem openings");
    }
    List<String> partial = new ArrayList<>();
    List<String> full = new ArrayList<>();
    for (String t : templates.get(hasOrder ? "partialOpening" : "partialOpeningNoOrder")) {
      partial.add(fill(t, facts));
    }
    for (String t : templates.get(hasOrder ? "fullOpening" : "fullOpeningNoOrder")) {
      full.add(fill(t, facts));
    }
    full.addAll((List<String>) p.getOrDefault("fullOpenings", List.of()));
    return new Persona(id, facts.get("category"), facts.get("product"), facts.get("name"),
        String.valueOf(p.getOrDefault("nameKey", facts.get("name"))), phone, hasOrder ? facts.get("order") : null,
        facts.get("address"), str(p, "addressKey"), photos, answers, List.copyOf(problem),
        List.copyOf(templates.get("bareOpening")), List.copyOf(partial), List.copyOf(full));
  }

  private static String fill(String template, Map<String, String> facts) {
    String out = template;
    for (Map.Entry<String, String> f : facts.entrySet()) {
      out = out.replace("{" + f.getKey() + "}", f.getValue());
    }
    if (out.contains("{")) {
      throw new IllegalStateException("unfilled placeholder in " + template);
    }
    return out;
  }

  private static String str(Map<String, Object> p, String key) {
    Object v = p.get(key);
    if (v == null) {
      throw new IllegalStateException("persona " + p.get("id") + " lacks " + key);
    }
    return String.valueOf(v);
  }
}
