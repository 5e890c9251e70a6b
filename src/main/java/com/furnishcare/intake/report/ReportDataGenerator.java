package com.furnishcare.intake.report;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Route;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyResponse;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Fills a store with a realistic synthetic year of a national brand, for the benchmark and for demos:
 * seasonality by month (renovation seasons in spring and autumn, a dip at the Spring Festival) and weekday
 * (weekends busier), dealers from the dealer list plus generated ones in seven regions with a long tail of
 * small dealers, the category mix the seeds describe (four categories make ~80%), levels from the grading
 * rules, some first responses and resolutions late, some tickets reopened, repeat complaints on the same
 * order or phone, escalations and survey follow-ups; and survey responses after design, measurement,
 * installation, repair and return visits with installers per dealer and a score mix that leans satisfied.
 *
 * <p>Tickets go through {@link com.furnishcare.intake.core.SessionStore#commitTurn} — the write path every
 * ticket takes — in batches (one transaction or script each); one in ten is filed pending and brought to its
 * final state by a later commit, as a status change. Surveys go through {@link ReportStore#importSurveys}.
 * Either way the aggregates are kept by the stores themselves.
 */
public final class ReportDataGenerator {

  /** How much to make, over which days, from which seed. */
  public record Settings(int tickets, int responses, LocalDate from, LocalDate to, long seed, int dealers) {}

  public record Result(int tickets, int changes, int surveysSent, int responses, Duration took) {}

  private static final int TICKET_BATCH = 500;
  private static final int SURVEY_BATCH = 500;
  private static final String[] REGIONS = {"华东", "华北", "华南", "华中", "西南", "西北", "东北"};
  private static final String[] CITIES = {"杭州", "上海", "南京", "苏州", "北京", "天津", "石家庄", "广州", "深圳",
      "厦门", "武汉", "长沙", "郑州", "成都", "重庆", "昆明", "西安", "兰州", "沈阳", "哈尔滨", "长春", "合肥", "济南",
      "青岛", "南昌", "福州", "南宁", "贵阳", "太原", "乌鲁木齐"};
  private static final String[] CITY_REGIONS = {"华东", "华东", "华东", "华东", "华北", "华北", "华北", "华南", "华南",
      "华南", "华中", "华中", "华中", "西南", "西南", "西南", "西北", "西北", "东北", "东北", "东北", "华东", "华北",
      "华北", "华中", "华南", "华南", "西南", "华北", "西北"};
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
  static final String[] CATEGORIES = {"design_error", "size_mismatch", "installation", "colour_difference",
      "material_mismatch", "late_delivery", "missing_parts", "service_attitude", "slow_response", "repair_delay",
      "leak_or_safety", "other"};
  private static final double[] CATEGORY_WEIGHTS = {22, 20, 20, 18, 4, 4, 3, 3, 2, 2, 1, 1};
  /** Level per category as config/grading.yaml sets it (others: 1). */
  private static final Map<String, Integer> CATEGORY_LEVELS = Map.of("leak_or_safety", 3, "design_error", 2,
      "size_mismatch", 2, "material_mismatch", 2, "repair_delay", 2, "slow_response", 2);
  private static final Duration[] FIRST_RESPONSE = {Duration.ofHours(1), Duration.ofHours(1), Duration.ofMinutes(10)};
  private static final Duration[] RESOLUTION = {Duration.ofDays(3), Duration.ofHours(24), Duration.ofHours(4)};
  private static final double[] MONTH = {1.0, 0.55, 1.25, 1.3, 1.2, 1.0, 0.9, 0.9, 1.2, 1.3, 1.15, 1.0};
  private static final double[] WEEKDAY = {0.95, 0.9, 0.9, 0.95, 1.0, 1.25, 1.2};
  /** The shipped surveys' scored questions (SurveyBookTest-style check: ReportDataGeneratorTest). */
  static final Map<String, List<String>> SCORED = Map.of(
      "post-design", List.of("communication", "recommend"),
      "post-measurement", List.of("attitude"),
      "post-installation", List.of("attitude", "professionalism", "timeliness", "recommend"),
      "post-repair", List.of("speed", "attitude", "recommend"),
      "return-visit", List.of("result", "speed", "recommend"));
  private static final String[] SURVEYS = {"post-design", "post-measurement", "post-installation", "post-repair",
      "return-visit"};
  private static final double[] SURVEY_WEIGHTS = {15, 15, 40, 15, 15};

  private final Stores stores;
  private final List<Route> knownDealers;
  private final Settings settings;
  private final Instant now;
  private final Random random;

  public ReportDataGenerator(Stores stores, List<Route> knownDealers, Settings settings, Instant now) {
    this.stores = stores;
    this.knownDealers = knownDealers;
    this.settings = settings;
    this.now = now;
    this.random = new Random(settings.seed());
  }

  public Future<Result> run() {
    long started = System.nanoTime();
    List<Route> dealers = dealers();
    double[] dealerWeights = new double[dealers.size()];
    for (int i = 0; i < dealers.size(); i++) {
      dealerWeights[i] = 1.0 / Math.pow(i + 1, 0.8); // a few big dealers, a long tail of small ones
    }
    List<Instant> ticketTimes = times(settings.tickets());
    Tickets tickets = new Tickets(dealers, dealerWeights, ticketTimes);
    return tickets.run().compose(changes -> {
      Surveys surveys = new Surveys(dealers, dealerWeights, times((int) Math.round(settings.responses() * 1.4)));
      return surveys.run().map(sent -> new Result(settings.tickets(), changes, sent, surveys.answered,
          Duration.ofNanos(System.nanoTime() - started)));
    });
  }

  private List<Route> dealers() {
    List<Route> out = new ArrayList<>(knownDealers);
    for (int i = 0; out.size() < Math.max(settings.dealers(), knownDealers.size()); i++) {
      int city = i % CITIES.length;
      String id = String.format("G%03d", i + 1);
      out.add(new Route(id, CITIES[city] + (i < CITIES.length ? "旗舰店" : "体验店" + (i / CITIES.length)),
          CITY_REGIONS[city]));
    }
    // Shuffled (seeded) so the big dealers are spread over the regions.
    java.util.Collections.shuffle(out, random);
    return out;
  }

  /** Sorted instants over the days, seasonal by month and weekday, mostly in the day hours (China time). */
  private List<Instant> times(int count) {
    List<LocalDate> days = new ArrayList<>();
    double total = 0;
    for (LocalDate d = settings.from(); !d.isAfter(settings.to()); d = d.plusDays(1)) {
      days.add(d);
      total += weight(d);
    }
    List<Instant> out = new ArrayList<>(count);
    double carried = 0;
    for (LocalDate d : days) {
      carried += count * weight(d) / total;
      int n = (int) Math.floor(carried);
      carried -= n;
      List<Instant> day = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        double hour = 8 + 14 * Math.pow(random.nextDouble(), 1.2); // 08:00–22:00, busier in the morning
        day.add(ZonedDateTime.of(d.atStartOfDay(), TicketFigures.CHINA).plusSeconds((long) (hour * 3600)).toInstant());
      }
      day.sort(null);
      out.addAll(day);
    }
    while (out.size() < count) {
      out.add(out.isEmpty() ? settings.to().atStartOfDay(TicketFigures.CHINA).toInstant() : out.get(out.size() - 1));
    }
    return out;
  }

  private static double weight(LocalDate d) {
    return MONTH[d.getMonthValue() - 1] * WEEKDAY[d.getDayOfWeek().getValue() - 1];
  }

  private int pick(double[] weights) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    double r = random.nextDouble() * sum;
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private String phone() {
    return "13" + String.format("%09d", random.nextInt(1_000_000_000));
  }

  private static Duration hours(double h) {
    return Duration.ofSeconds((long) (h * 3600));
  }

  /** Tickets in batches; each batch also brings the previous batch's pending tenth to its final state. */
  private final class Tickets {
    private final List<Route> dealers;
    private final double[] dealerWeights;
    private final List<Instant> times;
    private final ConversationKey conversation = new ConversationKey(ChannelName.WEBCHAT, "report-generator");
    /** Recent orders (order, phone, dealer) for repeat complaints. */
    private final List<String[]> recent = new ArrayList<>();
    private final Map<String, Route> byId = new java.util.HashMap<>();
    private int changes;

    Tickets(List<Route> dealers, double[] dealerWeights, List<Instant> times) {
      this.dealers = dealers;
      this.dealerWeights = dealerWeights;
      this.times = times;
      dealers.forEach(d -> byId.put(d.dealer(), d));
    }

    /**
     * Each batch starts when the previous one is written (from its completion callback, not by composing
     * futures: a chain of thousands of nested futures would overflow the stack when it completes).
     */
    Future<Integer> run() {
      Promise<Integer> done = Promise.promise();
      step(0, List.of(), done);
      return done.future();
    }

    private void step(int from, List<Ticket> pendingFinals, Promise<Integer> done) {
      if (from >= times.size() && pendingFinals.isEmpty()) {
        done.complete(changes);
        return;
      }
      List<Ticket> created = new ArrayList<>();
      List<Ticket> finals = new ArrayList<>();
      int to = Math.min(times.size(), from + TICKET_BATCH);
      for (int i = from; i < to; i++) {
        Ticket t = ticket(i, times.get(i));
        if (random.nextInt(10) == 0 && t.status() != TicketStatus.PENDING) {
          created.add(pendingOf(t));
          finals.add(t);
        } else {
          created.add(t);
        }
      }
      changes += pendingFinals.size();
      String key = "report-generator-" + settings.seed() + "-" + from;
      stores.sessions().commitTurn(conversation, new Session(Map.of(), now), Duration.ofMinutes(1), key,
          RecordedReply.nothing(), created, pendingFinals).onComplete(written -> {
            if (written.failed()) {
              done.fail(written.cause());
            } else {
              step(to, finals, done);
            }
          });
    }

    private Ticket pendingOf(Ticket t) {
      return new Ticket(t.id(), TicketStatus.PENDING, t.level(), t.category(), t.customerName(), t.phone(),
          t.orderNo(), t.address(), t.description(), t.wants(), t.attachments(), t.channel(), t.userId(),
          t.createdAt(), t.firstResponseDueAt(), t.resolutionDueAt(), t.occurredOn(), t.needsAgent(), t.escalation(),
          t.transcript(), t.route(), t.installer(), Optional.empty(), Optional.empty(), 0, t.origin());
    }

    private Ticket ticket(int n, Instant created) {
      String[] order;
      Route dealer;
      if (!recent.isEmpty() && random.nextInt(100) < 7) {
        // A repeat complaint: an order (or only the phone) of a recent ticket.
        String[] earlier = recent.get(random.nextInt(recent.size()));
        dealer = byId.get(earlier[2]);
        order = random.nextInt(3) == 0 ? new String[] {"DD" + (2026_000000L + n), earlier[1]} : earlier;
      } else {
        dealer = dealers.get(pick(dealerWeights));
        order = new String[] {"DD" + (2026_000000L + n), phone()};
      }
      if (recent.size() < 20_000) {
        recent.add(new String[] {order[0], order[1], dealer.dealer()});
      } else {
        recent.set(random.nextInt(recent.size()), new String[] {order[0], order[1], dealer.dealer()});
      }
      String category = CATEGORIES[pick(CATEGORY_WEIGHTS)];
      int level = CATEGORY_LEVELS.getOrDefault(category, random.nextInt(10) < 8 ? 1 : 2);
      if (random.nextInt(100) < 4) {
        level = 3; // escalation words
      }
      boolean survey = random.nextInt(100) < 3;
      boolean needsAgent = survey || level == 3 || random.nextInt(100) < 10;
      ChannelName channel = ChannelName.values()[pick(new double[] {60, 15, 25})];
      Instant firstDue = created.plus(FIRST_RESPONSE[level - 1]);
      Instant resolutionDue = created.plus(RESOLUTION[level - 1]);

      // First response: mostly well within the hour, some late, the newest not yet.
      double r = random.nextDouble();
      double dueHours = FIRST_RESPONSE[level - 1].toMinutes() / 60.0;
      Instant responded = created.plus(hours(r < 0.85 ? dueHours * random.nextDouble() : dueHours * (1 + 4 * random.nextDouble())));
      Optional<Instant> firstResponse = responded.isAfter(now) ? Optional.empty() : Optional.of(responded);
      // Resolution: log-normal handling time around a day, the median shorter for severe tickets.
      double median = level == 3 ? 3 : level == 2 ? 20 : 40;
      Instant resolved = created.plus(hours(median * Math.exp(random.nextGaussian() * 0.9)));
      int reopens = 0;
      Instant firstDueNow = firstDue;
      if (random.nextInt(100) < 6) {
        // Reopened by the homeowner, then resolved again against the new deadlines.
        reopens = 1;
        level = Math.min(3, level + 1);
        resolutionDue = resolved.plus(RESOLUTION[level - 1]);
        firstDueNow = resolved.plus(FIRST_RESPONSE[level - 1]);
        resolved = resolved.plus(hours(RESOLUTION[level - 1].toHours() * 1.3 * random.nextDouble()));
      }
      boolean done = firstResponse.isPresent() && !resolved.isAfter(now) && random.nextInt(100) < 97;
      TicketStatus status = !done ? (firstResponse.isPresent() ? TicketStatus.IN_PROGRESS : TicketStatus.PENDING)
          : random.nextInt(100) < 60 ? TicketStatus.CLOSED : TicketStatus.RESOLVED;
      String customer = SURNAMES[random.nextInt(SURNAMES.length)] + (random.nextBoolean() ? "女士" : "先生");
      String installer = dealer.dealer() + "-" + SURNAMES[random.nextInt(4)] + "师傅";
      return new Ticket(String.format("GT%08d", n), status, level, category, customer, order[1], order[0],
          dealer.dealerName() + "附近小区", "合成数据：" + category, "repair", List.of(), channel, "gen-" + n, created,
          reopens > 0 ? firstDueNow : firstDue, resolutionDue, "", needsAgent, "", List.of(), dealer,
          survey ? installer : "", firstResponse, done ? Optional.of(resolved) : Optional.empty(), reopens,
          survey ? Ticket.ORIGIN_SURVEY : "");
    }
  }

  /** Survey jobs, sent, seven in ten answered, in batches. */
  private final class Surveys {
    private final List<Route> dealers;
    private final double[] dealerWeights;
    private final List<Instant> times;
    int answered;

    Surveys(List<Route> dealers, double[] dealerWeights, List<Instant> times) {
      this.dealers = dealers;
      this.dealerWeights = dealerWeights;
      this.times = times;
    }

    Future<Integer> run() {
      Promise<Integer> done = Promise.promise();
      step(0, done);
      return done.future();
    }

    private void step(int from, Promise<Integer> done) {
      if (from >= times.size()) {
        done.complete(times.size());
        return;
      }
      int to = Math.min(times.size(), from + SURVEY_BATCH);
      List<ReportStore.ImportedSurvey> batch = new ArrayList<>();
      for (int i = from; i < to; i++) {
        batch.add(survey(i, times.get(i)));
      }
      stores.reports().importSurveys(batch).onComplete(written -> {
        if (written.failed()) {
          done.fail(written.cause());
        } else {
          step(to, done);
        }
      });
    }

    private ReportStore.ImportedSurvey survey(int n, Instant sent) {
      String surveyId = SURVEYS[pick(SURVEY_WEIGHTS)];
      Route dealer = dealers.get(pick(dealerWeights));
      String installer = dealer.dealer() + "-" + SURNAMES[random.nextInt(4)] + "师傅";
      Instant service = sent.minus(Duration.ofHours(2));
      SurveyJob job = new SurveyJob(String.format("GS%08d", n), surveyId, "DD" + (2027_000000L + n),
          Optional.of(phone()), Optional.empty(), Optional.empty(), Optional.of(dealer.dealer()),
          Optional.of(installer), service, service, sent);
      // About seven in ten answer (two million responses from ~2.8 million surveys sent): each survey is
      // answered with the chance that leaves exactly the responses asked for by the last one.
      double chance = (double) (settings.responses() - answered) / (times.size() - n);
      if (random.nextDouble() >= chance) {
        return new ReportStore.ImportedSurvey(job, sent, "sms", Optional.empty());
      }
      answered++;
      // Dealers differ: a dealer's own mood shifts its scores a little.
      double mood = ((dealer.dealer().hashCode() & 0xff) / 255.0 - 0.5) * 0.8;
      Instant started = sent.plus(Duration.ofMinutes(5 + random.nextInt(600)));
      List<SurveyAnswer> answers = new ArrayList<>();
      int q = 0;
      for (String question : SCORED.get(surveyId)) {
        boolean nps = question.equals("recommend");
        double x = random.nextGaussian() + 1.1 + mood;
        int score = nps ? (int) Math.max(0, Math.min(10, Math.round(7.5 + 2 * x - 2)))
            : (int) Math.max(1, Math.min(5, Math.round(3.6 + x * 0.8 - 0.4)));
        answers.add(new SurveyAnswer(question, Optional.of(score), "", started.plusSeconds(20L * q++)));
      }
      return new ReportStore.ImportedSurvey(job, sent, "sms", Optional.of(new SurveyResponse(job, answers, "page",
          started, Optional.of(started.plusSeconds(20L * q)))));
    }
  }
}
