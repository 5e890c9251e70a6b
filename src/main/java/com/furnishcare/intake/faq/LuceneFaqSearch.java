package com.furnishcare.intake.faq;

import com.furnishcare.intake.core.FaqQuery;
import com.furnishcare.intake.core.FaqResult;
import com.furnishcare.intake.core.FaqSearch;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The knowledge base port over the current Lucene index. A question the index has answered before is
 * answered at once from its cache; any other query runs on a worker thread.
 */
public final class LuceneFaqSearch implements FaqSearch {

  public static final int MAX_LIMIT = 20;

  private final Vertx vertx;
  private final Supplier<FaqIndex> index;

  public LuceneFaqSearch(Vertx vertx, Supplier<FaqIndex> index) {
    this.vertx = vertx;
    this.index = index;
  }

  @Override
  public Future<FaqResult> find(FaqQuery query, int limit) {
    int capped = capped(limit);
    FaqIndex current = index.get();
    if (!query.byEntry()) {
      Optional<FaqResult> known = current.answered(query.text(), capped);
      if (known.isPresent()) {
        return Future.succeededFuture(known.get());
      }
    }
    return vertx.executeBlocking(() -> query.byEntry()
        ? current.lookup(query.entryId())
        : current.search(query.text(), capped), false);
  }

  @Override
  public Optional<FaqResult> answeredAlready(FaqQuery query, int limit) {
    return query.byEntry() ? Optional.empty() : index.get().answered(query.text(), capped(limit));
  }

  private static int capped(int limit) {
    return Math.max(1, Math.min(limit, MAX_LIMIT));
  }
}
