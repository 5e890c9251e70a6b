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

  /**
   * Reads the last {@link ReportFilter#MAX_DAYS} days into the cache, so the first dashboard after a start
   * does not pay for them (a year of a national brand from Redis: tens of seconds of transfer and parsing).
   */
  public Future<Void> warm(LocalDate today) {
    return days(new ReportFilter(today.minusDays(ReportFilter.MAX_DAYS - 1L), today, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty())).mapEmpty();
  }

  /** Cells cached now (for the bench's memory figure). */
  public long cachedCells() {
    return cache.values().stream().mapToLong(DayCells::cells).sum();
  }

  /** One request's adding up: array arithmetic over the cells' numbered dimensions. */
  private final class Sums {
    private static final int NO_FILTER = -1;
    private static final int MATCHES_NOTHING = -2;
    private static final byte UNSET = 0;
    private static final byte SENT = 1;
    private static final byte RESPONSE = 2;
    private static final byte SCALE = 3;
    private static final byte NPS = 4;
    private static final byte IGNORED = 5;

    private final ReportFilter filter;
    private final Labels names = labels.get();
    private final int nDealers = DayCells.DEALERS.size();
    private final int nRegions = DayCells.REGIONS.size();
    private final int nCategories = DayCells.CATEGORIES.size();
    private final int nChannels = DayCells.CHANNELS.size();
    private final int nCounters = DayCells.COUNTERS.size();
    private final int fDealer;
    private final int fRegion;
    private final int fCategory;
    private final int fChannel;
    private final int[] slotOf = new int[nCounters];
    private final long[] total = new long[TICKET_SLOTS.length];
    private final long[][] byDealer = new long[nDealers][];
    private final long[] byCategory = new long[nCategories];
    private final long[] byChannel = new long[nChannels];
    private final long[] byRegion = new long[nRegions];
    private final long[] byLevel = new long[4];
    private final Map<LocalDate, long[]> dayRows = new TreeMap<>();
    private final int[] dealerRegion = new int[nDealers];
    private final long[] surveyTotal = new long[8];
    private final long[][] byNode = new long[DayCells.SURVEYS.size()][];
    private final long[][] surveyByDealer = new long[nDealers][];
    private final long[][] byInstaller = new long[DayCells.INSTALLERS.size()][];
    private final byte[][] kinds = new byte[DayCells.SURVEYS.size()][];
    private final int[] scoreOf = new int[nCounters];

    Sums(ReportFilter filter) {
      this.filter = filter;
      fDealer = resolve(filter.dealer(), DayCells.DEALERS);
      fRegion = resolve(filter.region(), DayCells.REGIONS);
      fCategory = resolve(filter.category(), DayCells.CATEGORIES);
      fChannel = resolve(filter.channel(), DayCells.CHANNELS);
      java.util.Arrays.fill(dealerRegion, -1);
      names.dealers().forEach((id, route) -> {
        int d = DayCells.DEALERS.find(id);
        int r = DayCells.REGIONS.find(route.region());
        if (d >= 0 && d < nDealers && r >= 0 && r < nRegions) {
          dealerRegion[d] = r;
        }
      });
      for (int id = 0; id < nCounters; id++) {
        String name = DayCells.COUNTERS.name(id);
        slotOf[id] = -1;
        for (int slot = 0; slot < TICKET_SLOTS.length; slot++) {
          if (TICKET_SLOTS[slot].equals(name)) {
            slotOf[id] = slot;
          }
        }
        int dot = name.lastIndexOf('.');
        scoreOf[id] = -1;
        if (name.startsWith(SurveyFigures.ANSWER_PREFIX) && dot > 2) {
          try {
            scoreOf[id] = Integer.parseInt(name.substring(dot + 1));
          } catch (NumberFormatException notAScore) {
            scoreOf[id] = -1;
          }
        }
      }
    }

    private int resolve(Optional<String> value, DayCells.Names names) {
      if (value.isEmpty()) {
        return NO_FILTER;
      }
      int id = names.find(value.get());
      return id < 0 ? MATCHES_NOTHING : id;
    }

    Sums add(List<DayCells> days) {
      // Regions of dealers the directory does not know come from the tickets' own routes.
      for (DayCells day : days) {
        for (int c = 0; c < day.tDealer.length; c++) {
          if (dealerRegion[day.tDealer[c]] < 0) {
            dealerRegion[day.tDealer[c]] = day.tRegion[c];
          }
        }
      }
      for (DayCells day : days) {
        addTickets(day);
        addSurveys(day);
      }
      return this;
    }

    private void addTickets(DayCells day) {
      long[] row = null;
      for (int c = 0; c < day.tCounts.length; c++) {
        if ((fDealer != NO_FILTER && day.tDealer[c] != fDealer) || (fRegion != NO_FILTER && day.tRegion[c] != fRegion)
            || (fCategory != NO_FILTER && day.tCategory[c] != fCategory)
            || (fChannel != NO_FILTER && day.tChannel[c] != fChannel)) {
          continue;
        }
        int[] pairs = day.tCounts[c];
        long[] dealer = byDealer[day.tDealer[c]];
        if (dealer == null) {
          dealer = new long[TICKET_SLOTS.length];
          byDealer[day.tDealer[c]] = dealer;
        }
        long created = 0;
        for (int i = 0; i < pairs.length; i += 2) {
          int slot = slotOf[pairs[i]];
          if (slot >= 0) {
            total[slot] += pairs[i + 1];
            dealer[slot] += pairs[i + 1];
            if (slot == N) {
              created = pairs[i + 1];
            }
          }
        }
        if (created != 0) {
          int level = Math.max(0, Math.min(3, day.tLevel[c]));
          byCategory[day.tCategory[c]] += created;
          byChannel[day.tChannel[c]] += created;
          byRegion[day.tRegion[c]] += created;
          byLevel[level] += created;
          if (row == null) {
            row = dayRows.computeIfAbsent(day.day, d -> new long[1 + nCategories + 4 + nChannels]);
          }
          row[0] += created;
          row[1 + day.tCategory[c]] += created;
          row[1 + nCategories + level] += created;
          row[1 + nCategories + 4 + day.tChannel[c]] += created;
        }
      }
    }

    /** What a counter name is in a survey: sent, response, a 1–5 or 0–10 answer, or nothing to count. */
    private byte kind(int survey, int id) {
      byte[] of = kinds[survey];
      if (of == null) {
        of = new byte[nCounters];
        kinds[survey] = of;
      }
      if (of[id] == UNSET) {
        String name = DayCells.COUNTERS.name(id);
        if (name.equals(SurveyFigures.SENT)) {
          of[id] = SENT;
        } else if (name.equals(SurveyFigures.RESPONSES)) {
          of[id] = RESPONSE;
        } else if (scoreOf[id] >= 0) {
          String question = name.substring(SurveyFigures.ANSWER_PREFIX.length(), name.lastIndexOf('.'));
          Question.Type type = surveys.apply(DayCells.SURVEYS.name(survey))
              .flatMap(found -> found.questions().stream().filter(q -> Counters.safe(q.id()).equals(question))
                  .findFirst()).map(Question::type).orElse(null);
          int score = scoreOf[id];
          of[id] = type == Question.Type.SCALE && score >= 1 && score <= 5 ? SCALE
              : type == Question.Type.NPS && score >= 0 && score <= 10 ? NPS : IGNORED;
        } else {
          of[id] = IGNORED;
        }
      }
      return of[id];
    }

    private void addSurveys(DayCells day) {
      long[] cell = new long[8];
      for (int c = 0; c < day.sCounts.length; c++) {
        int dealerId = day.sDealer[c];
        if ((fDealer != NO_FILTER && dealerId != fDealer) || (fRegion != NO_FILTER && dealerRegion[dealerId] != fRegion)) {
          continue;
        }
        java.util.Arrays.fill(cell, 0);
        int[] pairs = day.sCounts[c];
        int survey = day.sSurvey[c];
        for (int i = 0; i < pairs.length; i += 2) {
          int n = pairs[i + 1];
          int score = scoreOf[pairs[i]];
          switch (kind(survey, pairs[i])) {
            case SENT -> cell[0] += n;
            case RESPONSE -> cell[1] += n;
            case SCALE -> {
              cell[2] += n;
              cell[3] += score >= 4 ? n : 0;
              cell[7] += score <= low.scaleAtMost() ? n : 0;
            }
            case NPS -> {
              cell[4] += n;
              cell[5] += score >= 9 ? n : 0;
              cell[6] += score <= 6 ? n : 0;
              cell[7] += score <= low.npsAtMost() ? n : 0;
            }
            default -> { }
          }
        }
        plus(surveyTotal, cell);
        plus(group(byNode, survey), cell);
        if (!DayCells.DEALERS.name(dealerId).isEmpty()) {
          plus(group(surveyByDealer, dealerId), cell);
        }
        if (!DayCells.INSTALLERS.name(day.sInstaller[c]).isEmpty()) {
          plus(group(byInstaller, day.sInstaller[c]), cell);
        }
      }
    }

    private long[] group(long[][] groups, int id) {
      if (groups[id] == null) {
        groups[id] = new long[8];
      }
      return groups[id];
    }

    private void plus(long[] into, long[] cell) {
      for (int i = 0; i < into.length; i++) {
        into[i] += cell[i];
      }
    }

    private Map<String, Long> named(long[] counts, DayCells.Names names, boolean dropZeros) {
      Map<String, Long> out = new TreeMap<>();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] != 0 || !dropZeros) {
          out.put(names.name(i), counts[i]);
        }
      }
      return out;
    }

    private Map<String, Long> dealerTotals() {
      Map<String, Long> out = new TreeMap<>();
      for (int d = 0; d < byDealer.length; d++) {
        if (byDealer[d] != null && byDealer[d][N] != 0) {
          out.put(DayCells.DEALERS.name(d), byDealer[d][N]);
        }
      }
      return out;
    }

    private Map<String, Long> levels(long[] counts, int offset) {
      Map<String, Long> out = new TreeMap<>();
      for (int level = 1; level <= 3; level++) {
        out.put(Integer.toString(level), counts[offset + level]);
      }
      return out;
    }

    JsonObject summary() {
      return new JsonObject()
          .put("from", filter.from().toString())
          .put("to", filter.to().toString())
          .put("dealer", filter.dealer().orElse(null))
          .put("tickets", new JsonObject().put("total", total[N])
              .put("byCategory", json(ranked(named(byCategory, DayCells.CATEGORIES, true))))
              .put("byLevel", json(levels(byLevel, 0))).put("byDealer", json(ranked(dealerTotals()))))
          .put("sla", new JsonObject().put("firstResponseOnTime", rate(total[FO], total[FO] + total[FL]))
              .put("resolutionOnTime", rate(total[RO], total[RO] + total[RL])))
          .put("csat", rate(surveyTotal[3], surveyTotal[2]))
          .put("nps", nps(surveyTotal));
    }

    JsonObject dashboard() {
      long resolved = total[RO] + total[RL];
      Map<String, Long> dealers = ranked(dealerTotals());
      JsonObject slaByDealer = new JsonObject();
      for (String id : dealers.keySet()) {
        long[] s = byDealer[DayCells.DEALERS.find(id)];
        slaByDealer.put(id, new JsonObject().put("tickets", s[N])
            .put("firstResponseOnTime", rate(s[FO], s[FO] + s[FL]))
            .put("resolutionOnTime", rate(s[RO], s[RO] + s[RL])));
      }
      JsonArray days = new JsonArray();
      long[] empty = new long[1 + nCategories + 4 + nChannels];
      // Every day of the range, empty days included, so a chart's axis has no holes.
      for (LocalDate d = filter.from(); !d.isAfter(filter.to()); d = d.plusDays(1)) {
        long[] row = dayRows.getOrDefault(d, empty);
        days.add(new JsonObject().put("day", d.toString()).put("total", row[0])
            .put("byCategory", json(named(java.util.Arrays.copyOfRange(row, 1, 1 + nCategories), DayCells.CATEGORIES,
                true)))
            .put("byLevel", json(levels(row, nCategories)))
            .put("byChannel", json(named(java.util.Arrays.copyOfRange(row, 1 + nCategories + 4, row.length),
                DayCells.CHANNELS, true))));
      }
      JsonObject categoryLabels = new JsonObject();
      names.categories().forEach(categoryLabels::put);
      JsonObject dealerLabels = new JsonObject();
      names.dealers().forEach((id, r) -> dealerLabels.put(id, new JsonObject().put("name", r.dealerName())
          .put("region", r.region())));
      for (int d = 0; d < nDealers; d++) {
        String id = DayCells.DEALERS.name(d);
        if (!id.isEmpty() && !dealerLabels.containsKey(id) && (byDealer[d] != null || surveyByDealer[d] != null)) {
          dealerLabels.put(id, new JsonObject().put("name", id)
              .put("region", dealerRegion[d] < 0 ? "" : DayCells.REGIONS.name(dealerRegion[d])));
        }
      }
      JsonObject surveyJson = new JsonObject()
          .put("sent", surveyTotal[0]).put("answered", surveyTotal[1])
          .put("responseRate", rate(surveyTotal[1], surveyTotal[0]))
          .put("byNode", scores(byNode, DayCells.SURVEYS)).put("byDealer", scores(surveyByDealer, DayCells.DEALERS))
          .put("byInstaller", scores(byInstaller, DayCells.INSTALLERS));
      JsonObject filters = new JsonObject();
      filter.dealer().ifPresent(v -> filters.put("dealer", v));
      filter.region().ifPresent(v -> filters.put("region", v));
      filter.category().ifPresent(v -> filters.put("category", v));
      filter.channel().ifPresent(v -> filters.put("channel", v));
      return new JsonObject()
          .put("from", filter.from().toString())
          .put("to", filter.to().toString())
          .put("filters", filters)
          .put("tickets", new JsonObject().put("total", total[N])
              .put("byCategory", json(ranked(named(byCategory, DayCells.CATEGORIES, true))))
              .put("byLevel", json(levels(byLevel, 0)))
              .put("byChannel", json(named(byChannel, DayCells.CHANNELS, true)))
              .put("byDealer", json(dealers))
              .put("byRegion", json(ranked(named(byRegion, DayCells.REGIONS, true))))
              .put("byDay", days))
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

    private JsonObject scores(long[][] groups, DayCells.Names names) {
      Map<String, long[]> sorted = new TreeMap<>();
      for (int i = 0; i < groups.length; i++) {
        if (groups[i] != null) {
          sorted.put(names.name(i), groups[i]);
        }
      }
      JsonObject out = new JsonObject();
      sorted.forEach((key, s) -> out.put(key, new JsonObject().put("sent", s[0]).put("responses", s[1])
          .put("csat", rate(s[3], s[2])).put("nps", nps(s)).put("lowScores", s[7])));
      return out;
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
