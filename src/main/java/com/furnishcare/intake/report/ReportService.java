package com.furnishcare.intake.report;

import com.furnishcare.intake.core.Route;
import com.furnishcare.intake.survey.model.Question;
import com.furnishcare.intake.survey.model.Survey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The figures of the reports, from the stored aggregates: the cells of the days asked for, summed with the
 * filters. Whole days are cached in the process with the version they were read at; each request reads the
 * versions of its days (one small query) and fetches again only the days that changed, so it never serves a
 * stale figure and a year of a national brand does not travel from Redis on every request. The adding up
 * runs on a worker thread, never on the event loop.
 *
 * <p>Rates are 0..1, NPS −100..100, and null where there is nothing to divide by.
 */
public final class ReportService {

  /** Days fetched per store call when the cache is cold. */
  private static final int FETCH_CHUNK = 31;
  /** Days kept in the cache at most (over a year of history and a year back to compare with). */
  private static final int CACHED_DAYS = 800;

  /** What the labels of the figures come from: category codes and dealers as the dialog book has them now. */
  public record Labels(Map<String, String> categories, Map<String, Route> dealers) {}

  /** When a survey answer counts as low (the thresholds that call for a person). */
  public record LowScores(int scaleAtMost, int npsAtMost) {}

  private static final Map<String, String> CHANNELS = Map.of("wechat", "微信公众号", "sms", "短信", "webchat", "网页聊天");

  private static final String[] TICKET_SLOTS = ticketSlots();
  private static final int N = 0;
  private static final int FO = 1;
  private static final int FL = 2;
  private static final int RO = 4;
  private static final int RL = 5;
  private static final int HM = 6;
  private static final int FCR = 8;
  private static final int RC = 9;
  private static final int ESC = 10;
  private static final int FU = 11;
  private static final int FUR = 12;
  private static final int H0 = 13;

  private final Vertx vertx;
  private final ReportStore store;
  private final Supplier<Labels> labels;
  private final Function<String, Optional<Survey>> surveys;
  private final LowScores low;
  private final ConcurrentHashMap<LocalDate, DayCells> cache = new ConcurrentHashMap<>();

  public ReportService(Vertx vertx, ReportStore store, Supplier<Labels> labels,
      Function<String, Optional<Survey>> surveys, LowScores low) {
    this.vertx = vertx;
    this.store = store;
    this.labels = labels;
    this.surveys = surveys;
    this.low = low;
  }

  private static String[] ticketSlots() {
    List<String> slots = new ArrayList<>(List.of(TicketFigures.CREATED, TicketFigures.FIRST_RESPONSE_ON_TIME,
        TicketFigures.FIRST_RESPONSE_LATE, TicketFigures.FIRST_RESPONSE_WAITING, TicketFigures.RESOLVED_ON_TIME,
        TicketFigures.RESOLVED_LATE, TicketFigures.HANDLING_MINUTES, TicketFigures.REOPENED,
        TicketFigures.FIRST_CONTACT_RESOLUTION, TicketFigures.RECOMPLAINT, TicketFigures.ESCALATED,
        TicketFigures.FOLLOW_UP, TicketFigures.FOLLOW_UP_RESOLVED));
    for (int i = 0; i <= TicketFigures.HOUR_BOUNDS.length; i++) {
      slots.add(TicketFigures.bucket(i));
    }
    return slots.toArray(String[]::new);
  }

  /** The dashboard's figures (the shape the README documents). */
  public Future<JsonObject> dashboard(ReportFilter filter) {
    return days(filter).compose(days -> vertx.executeBlocking(() -> new Sums(filter).add(days).dashboard(), false));
  }

  /** The short form for other systems: totals, SLA, CSAT and NPS. */
  public Future<JsonObject> summary(ReportFilter filter) {
    return days(filter).compose(days -> vertx.executeBlocking(() -> new Sums(filter).add(days).summary(), false));
  }

  /** Cells of the range, current: cached days whose version is unchanged, the others read again. */
  private Future<List<DayCells>> days(ReportFilter filter) {
    return store.versions(filter.from(), filter.to()).compose(versions -> {
      List<LocalDate> stale = new ArrayList<>();
      versions.forEach((day, version) -> {
        DayCells cached = cache.get(day);
        if (cached == null || cached.version != version) {
          stale.add(day);
        }
      });
      List<Future<Map<LocalDate, ReportStore.Day>>> reads = new ArrayList<>();
      for (int i = 0; i < stale.size(); i += FETCH_CHUNK) {
        reads.add(store.days(stale.subList(i, Math.min(stale.size(), i + FETCH_CHUNK))));
      }
      return Future.all(new ArrayList<Future<?>>(reads)).compose(done -> vertx.executeBlocking(() -> {
        Map<LocalDate, DayCells> fresh = new HashMap<>();
        for (Future<Map<LocalDate, ReportStore.Day>> read : reads) {
          read.result().forEach((day, cells) -> fresh.put(day, DayCells.of(day, cells)));
        }
        fresh.forEach((day, cells) -> cache.merge(day, cells, (a, b) -> a.version >= b.version ? a : b));
        List<DayCells> out = new ArrayList<>();
        for (LocalDate day : versions.keySet()) {
          DayCells cells = fresh.containsKey(day) ? fresh.get(day) : cache.get(day);
          if (cells != null) {
            out.add(cells);
          }
        }
        trim(filter);
        return out;
      }, false));
    });
  }

  /** Keeps the cache bounded: the days farthest from the range just asked for go first. */
  private void trim(ReportFilter filter) {
    if (cache.size() <= CACHED_DAYS) {
      return;
    }
    List<LocalDate> days = new ArrayList<>(cache.keySet());
    days.sort((a, b) -> Long.compare(distance(b, filter), distance(a, filter)));
    for (int i = 0; i < days.size() - CACHED_DAYS; i++) {
      cache.remove(days.get(i));
    }
  }

  private static long distance(LocalDate day, ReportFilter f) {
    return day.isBefore(f.from()) ? f.from().toEpochDay() - day.toEpochDay()
        : day.isAfter(f.to()) ? day.toEpochDay() - f.to().toEpochDay() : 0;
  }

  /** Cells cached now and the counter names known (for the bench's memory figure). */
  public long cachedCells() {
    return cache.values().stream().mapToLong(DayCells::cells).sum();
  }

  /** One request's adding up. */
  private final class Sums {
    private final ReportFilter filter;
    private final Labels names = labels.get();
    private final long[] total = new long[TICKET_SLOTS.length];
    private final Map<String, Long> byCategory = new TreeMap<>();
    private final Map<String, Long> byLevel = new TreeMap<>(Map.of("1", 0L, "2", 0L, "3", 0L));
    private final Map<String, Long> byChannel = new TreeMap<>();
    private final Map<String, long[]> byDealer = new HashMap<>();
    private final Map<String, Long> byRegion = new TreeMap<>();
    private final Map<String, String> dealerRegions = new HashMap<>();
    private final long[] surveyTotal = new long[8];
    private final Map<String, long[]> byNode = new TreeMap<>();
    private final Map<String, long[]> surveyByDealer = new TreeMap<>();
    private final Map<String, long[]> byInstaller = new TreeMap<>();
    private int[] slots = new int[0];
    private Object[] answerNames = new Object[0];
    private final Map<String, Map<String, Question.Type>> types = new HashMap<>();

    Sums(ReportFilter filter) {
      this.filter = filter;
      names.dealers().forEach((id, route) -> dealerRegions.put(id, route.region()));
    }

    private int slot(int id) {
      if (id >= slots.length) {
        int known = DayCells.names();
        int[] grown = new int[Math.max(known, id + 1)];
        for (int i = 0; i < grown.length; i++) {
          grown[i] = -1;
          String name = i < known ? DayCells.name(i) : "";
          for (int s = 0; s < TICKET_SLOTS.length; s++) {
            if (TICKET_SLOTS[s].equals(name)) {
              grown[i] = s;
            }
          }
        }
        slots = grown;
      }
      return slots[id];
    }

    Sums add(List<DayCells> days) {
      // Regions of dealers the directory does not know come from the tickets' own routes.
      for (DayCells day : days) {
        for (String[] dims : day.ticketDims) {
          dealerRegions.putIfAbsent(dims[0], dims[1]);
        }
      }
      for (DayCells day : days) {
        addTickets(day);
        addSurveys(day);
      }
      return this;
    }

    private void addTickets(DayCells day) {
      for (int c = 0; c < day.ticketCounts.length; c++) {
        String[] dims = day.ticketDims[c];
        if (filter.dealer().filter(d -> !d.equals(dims[0])).isPresent()
            || filter.region().filter(r -> !r.equals(dims[1])).isPresent()
            || filter.category().filter(k -> !k.equals(dims[2])).isPresent()
            || filter.channel().filter(k -> !k.equals(dims[3])).isPresent()) {
          continue;
        }
        int[] pairs = day.ticketCounts[c];
        long[] dealer = byDealer.computeIfAbsent(dims[0], k -> new long[TICKET_SLOTS.length]);
        long created = 0;
        for (int i = 0; i < pairs.length; i += 2) {
          int s = slot(pairs[i]);
          if (s >= 0) {
            total[s] += pairs[i + 1];
            dealer[s] += pairs[i + 1];
            if (s == N) {
              created = pairs[i + 1];
            }
          }
        }
        if (created != 0) {
          byCategory.merge(dims[2], created, Long::sum);
          byLevel.merge(Integer.toString(day.ticketLevels[c]), created, Long::sum);
          byChannel.merge(dims[3], created, Long::sum);
          byRegion.merge(dims[1], created, Long::sum);
          dayOf(day).add(dims[2], Integer.toString(day.ticketLevels[c]), dims[3], created);
        }
      }
    }

    private final Map<LocalDate, DayRow> rows = new TreeMap<>();

    private DayRow dayOf(DayCells day) {
      return rows.computeIfAbsent(day.day, d -> new DayRow());
    }

    /** answerNames[id]: "sent", "resp", a String[]{question, score} for an answer, or a Boolean.FALSE. */
    private Object answerName(int id) {
      if (id >= answerNames.length) {
        Object[] grown = new Object[Math.max(DayCells.names(), id + 1)];
        System.arraycopy(answerNames, 0, grown, 0, answerNames.length);
        answerNames = grown;
      }
      if (answerNames[id] == null) {
        String name = id < DayCells.names() ? DayCells.name(id) : "";
        if (name.equals(SurveyFigures.SENT) || name.equals(SurveyFigures.RESPONSES)) {
          answerNames[id] = name;
        } else if (name.startsWith(SurveyFigures.ANSWER_PREFIX) && name.lastIndexOf('.') > 2) {
          int dot = name.lastIndexOf('.');
          answerNames[id] = new String[] {name.substring(2, dot), name.substring(dot + 1)};
        } else {
          answerNames[id] = Boolean.FALSE;
        }
      }
      return answerNames[id];
    }

    private Question.Type type(String survey, String question) {
      return types.computeIfAbsent(survey, s -> {
        Map<String, Question.Type> byId = new HashMap<>();
        surveys.apply(s).ifPresent(found -> found.questions().forEach(q -> byId.put(q.id(), q.type())));
        return byId;
      }).get(question);
    }

    private void addSurveys(DayCells day) {
      for (int c = 0; c < day.surveyCounts.length; c++) {
        String[] dims = day.surveyDims[c];
        if (filter.dealer().filter(d -> !d.equals(dims[1])).isPresent()
            || filter.region().filter(r -> !r.equals(dealerRegions.get(dims[1]))).isPresent()) {
          continue;
        }
        long[] cell = new long[8];
        int[] pairs = day.surveyCounts[c];
        for (int i = 0; i < pairs.length; i += 2) {
          Object name = answerName(pairs[i]);
          int n = pairs[i + 1];
          if (SurveyFigures.SENT.equals(name)) {
            cell[0] += n;
          } else if (SurveyFigures.RESPONSES.equals(name)) {
            cell[1] += n;
          } else if (name instanceof String[] answer) {
            Question.Type type = type(dims[0], answer[0]);
            int score = Integer.parseInt(answer[1]);
            if (type == Question.Type.SCALE && score >= 1 && score <= 5) {
              cell[2] += n;
              cell[3] += score >= 4 ? n : 0;
              cell[7] += score <= low.scaleAtMost() ? n : 0;
            } else if (type == Question.Type.NPS && score >= 0 && score <= 10) {
              cell[4] += n;
              cell[5] += score >= 9 ? n : 0;
              cell[6] += score <= 6 ? n : 0;
              cell[7] += score <= low.npsAtMost() ? n : 0;
            }
          }
        }
        plus(surveyTotal, cell);
        plus(byNode.computeIfAbsent(dims[0], k -> new long[8]), cell);
        if (!dims[1].isEmpty()) {
          plus(surveyByDealer.computeIfAbsent(dims[1], k -> new long[8]), cell);
        }
        if (!dims[2].isEmpty()) {
          plus(byInstaller.computeIfAbsent(dims[2], k -> new long[8]), cell);
        }
      }
    }

    private void plus(long[] into, long[] cell) {
      for (int i = 0; i < into.length; i++) {
        into[i] += cell[i];
      }
    }

    JsonObject summary() {
      Map<String, Long> dealers = new TreeMap<>();
      byDealer.forEach((id, s) -> dealers.put(id, s[N]));
      return new JsonObject()
          .put("from", filter.from().toString())
          .put("to", filter.to().toString())
          .put("dealer", filter.dealer().orElse(null))
          .put("tickets", new JsonObject().put("total", total[N]).put("byCategory", json(byCategory))
              .put("byLevel", json(byLevel)).put("byDealer", json(ranked(dealers))))
          .put("sla", new JsonObject().put("firstResponseOnTime", rate(total[FO], total[FO] + total[FL]))
              .put("resolutionOnTime", rate(total[RO], total[RO] + total[RL])))
          .put("csat", rate(surveyTotal[3], surveyTotal[2]))
          .put("nps", nps(surveyTotal));
    }

    JsonObject dashboard() {
      long resolved = total[RO] + total[RL];
      Map<String, Long> dealers = new TreeMap<>();
      JsonObject slaByDealer = new JsonObject();
      byDealer.forEach((id, s) -> dealers.put(id, s[N]));
      for (String id : ranked(dealers).keySet()) {
        long[] s = byDealer.get(id);
        slaByDealer.put(id, new JsonObject().put("tickets", s[N])
            .put("firstResponseOnTime", rate(s[FO], s[FO] + s[FL]))
            .put("resolutionOnTime", rate(s[RO], s[RO] + s[RL])));
      }
      JsonArray days = new JsonArray();
      // Every day of the range, empty days included, so a chart's axis has no holes.
      for (LocalDate d = filter.from(); !d.isAfter(filter.to()); d = d.plusDays(1)) {
        DayRow row = rows.getOrDefault(d, new DayRow());
        days.add(new JsonObject().put("day", d.toString()).put("total", row.total)
            .put("byCategory", json(row.byCategory)).put("byLevel", json(row.byLevel))
            .put("byChannel", json(row.byChannel)));
      }
      JsonObject categoryLabels = new JsonObject();
      names.categories().forEach(categoryLabels::put);
      JsonObject dealerLabels = new JsonObject();
      names.dealers().forEach((id, r) -> dealerLabels.put(id, new JsonObject().put("name", r.dealerName())
          .put("region", r.region())));
      dealerRegions.forEach((id, region) -> {
        if (!dealerLabels.containsKey(id)) {
          dealerLabels.put(id, new JsonObject().put("name", id).put("region", region));
        }
      });
      JsonObject surveyJson = new JsonObject()
          .put("sent", surveyTotal[0]).put("answered", surveyTotal[1])
          .put("responseRate", rate(surveyTotal[1], surveyTotal[0]))
          .put("byNode", scores(byNode)).put("byDealer", scores(surveyByDealer))
          .put("byInstaller", scores(byInstaller));
      JsonObject filters = new JsonObject();
      filter.dealer().ifPresent(v -> filters.put("dealer", v));
      filter.region().ifPresent(v -> filters.put("region", v));
      filter.category().ifPresent(v -> filters.put("category", v));
      filter.channel().ifPresent(v -> filters.put("channel", v));
      return new JsonObject()
          .put("from", filter.from().toString())
          .put("to", filter.to().toString())
          .put("filters", filters)
          .put("tickets", new JsonObject().put("total", total[N]).put("byCategory", json(ranked(byCategory)))
              .put("byLevel", json(byLevel)).put("byChannel", json(byChannel)).put("byDealer", json(ranked(dealers)))
              .put("byRegion", json(ranked(byRegion))).put("byDay", days))
          .put("sla", new JsonObject().put("firstResponseOnTime", rate(total[FO], total[FO] + total[FL]))
              .put("resolutionOnTime", rate(total[RO], total[RO] + total[RL])).put("byDealer", slaByDealer))
          .put("handling", new JsonObject().put("resolved", resolved)
              .put("averageHours", resolved == 0 ? null : total[HM] / 60.0 / resolved)
              .put("p90Hours", p90(resolved)))
          .put("firstContactResolution", rate(total[FCR], resolved))
          .put("recomplaintRate", rate(total[RC], total[N]))
          .put("escalations", new JsonObject().put("count", total[ESC]).put("rate", rate(total[ESC], total[N])))
          .put("csat", rate(surveyTotal[3], surveyTotal[2]))
          .put("nps", nps(surveyTotal))
          .put("surveys", surveyJson)
          .put("funnel", new JsonObject().put("lowScores", surveyTotal[7]).put("followUps", total[FU])
              .put("resolved", total[FUR]))
          .put("labels", new JsonObject().put("categories", categoryLabels)
              .put("channels", new JsonObject(new HashMap<>(CHANNELS))).put("dealers", dealerLabels));
    }

    /**
     * The 90th percentile of the handling times, from the histogram: linear within the bucket that holds it
     * (the open last bucket answers its lower edge).
     */
    private Double p90(long resolved) {
      if (resolved == 0) {
        return null;
      }
      double target = 0.9 * resolved;
      long seen = 0;
      int[] bounds = TicketFigures.HOUR_BOUNDS;
      for (int b = 0; b <= bounds.length; b++) {
        long in = total[H0 + b];
        if (in > 0 && seen + in >= target) {
          double lo = b == 0 ? 0 : bounds[b - 1];
          if (b == bounds.length) {
            return lo;
          }
          return lo + (bounds[b] - lo) * (target - seen) / in;
        }
        seen += in;
      }
      return (double) bounds[bounds.length - 1];
    }

    private JsonObject scores(Map<String, long[]> groups) {
      JsonObject out = new JsonObject();
      groups.forEach((key, s) -> out.put(key, new JsonObject().put("sent", s[0]).put("responses", s[1])
          .put("csat", rate(s[3], s[2])).put("nps", nps(s)).put("lowScores", s[7])));
      return out;
    }

    /** One day's tickets for the time charts. */
    private static final class DayRow {
      long total;
      final Map<String, Long> byCategory = new TreeMap<>();
      final Map<String, Long> byLevel = new TreeMap<>();
      final Map<String, Long> byChannel = new TreeMap<>();

      void add(String category, String level, String channel, long n) {
        total += n;
        byCategory.merge(category, n, Long::sum);
        byLevel.merge(level, n, Long::sum);
        byChannel.merge(channel, n, Long::sum);
      }
    }
  }

  private static Double rate(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }

  private static Double nps(long[] s) {
    return s[4] == 0 ? null : 100.0 * (s[5] - s[6]) / s[4];
  }

  private static JsonObject json(Map<String, Long> map) {
    JsonObject out = new JsonObject();
    map.forEach(out::put);
    return out;
  }

  /** Largest first (a ranking), ties by key. */
  private static Map<String, Long> ranked(Map<String, Long> map) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(map.entrySet());
    entries.sort((a, b) -> b.getValue().equals(a.getValue()) ? a.getKey().compareTo(b.getKey())
        : Long.compare(b.getValue(), a.getValue()));
    Map<String, Long> out = new LinkedHashMap<>();
    entries.forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
