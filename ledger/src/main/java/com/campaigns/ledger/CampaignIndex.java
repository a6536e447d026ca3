package com.campaigns.ledger;

import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.model.StatusRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The campaigns this deployment runs, with their latest status: lets the API list campaigns and
 * enforce idempotent starts on any Temporal server, including the test server (no visibility).
 */
public class CampaignIndex {

  /** One campaign as indexed. */
  public record Entry(
      String campaignId,
      String workflowId,
      String mchid,
      String appid,
      String specHash,
      String specJson,
      String stockId,
      String status,
      String pauseReason,
      long issuedCount,
      long issuedAmount,
      long usedAmount,
      long maxAmount,
      String createdBy,
      OffsetDateTime createdAt) {}

  /** One campaign as the list shows it: what a line needs, not the spec. */
  public record Summary(
      String campaignId,
      String mchid,
      String stockId,
      String status,
      String pauseReason,
      long issuedCount,
      long issuedAmount,
      long usedAmount,
      long maxAmount,
      String createdBy,
      OffsetDateTime createdAt) {}

  /** Where a page starts: after this campaign in the list's order. */
  public record After(OffsetDateTime createdAt, String campaignId) {}

  /** A page of the list; {@code next} is null on the last page. */
  public record Page(List<Summary> campaigns, After next) {}

  private static final String SUMMARY_COLUMNS =
      "campaign_id, mchid, stock_id, status, pause_reason, issued_count, issued_amount,"
          + " used_amount, max_amount, created_by, created_at";

  private static final RowMapper<Summary> SUMMARY = RecordRowMapper.of(Summary.class);

  private static final String COLUMNS =
      "campaign_id, workflow_id, mchid, appid, spec_hash, spec_json, stock_id,"
          + " status, pause_reason, issued_count, issued_amount, used_amount, max_amount, created_by, created_at";

  /** The statuses after which a campaign's row no longer changes (unless its run is reset). */
  public static final List<String> FINAL =
      List.of("COMPLETED", "FAILED", "CANCELLED", "REJECTED", "EXPIRED", "TERMINATED", "TIMED_OUT");

  private static final String FINAL_IN = "'" + String.join("', '", FINAL) + "'";

  private static final RowMapper<Entry> ENTRY = RecordRowMapper.of(Entry.class);

  private final JdbcClient jdbc;

  public CampaignIndex(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Registers a new campaign; false when the id is taken. */
  public boolean insert(
      String campaignId,
      String workflowId,
      String mchid,
      String appid,
      String specHash,
      String specJson,
      long maxAmount,
      String createdBy) {
    OffsetDateTime now = now();
    return Rows.insertedOnce(
        () ->
            jdbc.sql(
                    "INSERT INTO campaign (campaign_id, workflow_id, mchid, appid, spec_hash, spec_json, status,"
                        + " max_amount, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'SCHEDULED', ?, ?, ?, ?)")
                .params(
                    campaignId,
                    workflowId,
                    mchid,
                    appid,
                    specHash,
                    specJson,
                    maxAmount,
                    createdBy,
                    now,
                    now)
                .update());
  }

  /** Keeps the row current; creates a minimal one for a campaign started outside the API. */
  public void update(StatusRecord r) {
    int n =
        jdbc.sql(
                "UPDATE campaign SET stock_id = COALESCE(?, stock_id), status = ?, pause_reason = ?,"
                    + " issued_count = ?, issued_amount = ?, used_amount = ?, max_amount = ?, updated_at = ?"
                    + " WHERE campaign_id = ?")
            .params(progress(r))
            .params(now(), r.campaignId())
            .update();
    if (n == 0) {
      OffsetDateTime now = now();
      try {
        jdbc.sql(
                "INSERT INTO campaign (campaign_id, workflow_id, mchid, spec_hash, spec_json, stock_id, status,"
                    + " pause_reason, issued_count, issued_amount, used_amount, max_amount, created_at, updated_at)"
                    + " VALUES (?, ?, ?, '', '{}', ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(r.campaignId(), TemporalNames.workflowId(r.campaignId()), r.mchid())
            .params(progress(r))
            .params(now, now)
            .update();
      } catch (DuplicateKeyException e) {
        update(r);
      }
    }
  }

  public Optional<Entry> find(String campaignId) {
    return Rows.one(
        jdbc, "SELECT " + COLUMNS + " FROM campaign WHERE campaign_id = ?", campaignId, ENTRY);
  }

  public Optional<Entry> findByStock(String stockId) {
    return Rows.one(
        jdbc, "SELECT " + COLUMNS + " FROM campaign WHERE stock_id = ?", stockId, ENTRY);
  }

  /**
   * Campaigns whose last indexed status is not final (see {@link #FINAL}): the ones whose workflow
   * may have closed without saying so (terminated, timed out). Summaries: read every pass of the
   * reconciler, never the specs.
   */
  public List<Summary> unsettled() {
    return jdbc.sql(
            "SELECT "
                + SUMMARY_COLUMNS
                + " FROM campaign WHERE status NOT IN ("
                + FINAL_IN
                + ") ORDER BY created_at")
        .query(SUMMARY)
        .list();
  }

  /**
   * Writes the final status of a run Temporal reports closed, with counts from the ledger; only
   * while the row is not final yet, so concurrent API replicas and repeated passes write it once. A
   * reset run that starts again writes its own status through {@link #update} afterwards.
   *
   * @return whether this call changed the row
   */
  public boolean settle(
      String campaignId, String status, long issuedCount, long issuedAmount, long usedAmount) {
    return jdbc.sql(
                "UPDATE campaign SET status = ?, pause_reason = NULL, issued_count = ?,"
                    + " issued_amount = ?, used_amount = ?, updated_at = ?"
                    + " WHERE campaign_id = ? AND status NOT IN ("
                    + FINAL_IN
                    + ")")
            .params(status, issuedCount, issuedAmount, usedAmount, now(), campaignId)
            .update()
        == 1;
  }

  /**
   * Corrects the counts of a row settled in {@code status}: segments still sending when their run
   * was terminated record their last answers a few seconds after it was settled.
   */
  public void recount(
      String campaignId, String status, long issuedCount, long issuedAmount, long usedAmount) {
    jdbc.sql(
            "UPDATE campaign SET issued_count = ?, issued_amount = ?, used_amount = ?, updated_at = ?"
                + " WHERE campaign_id = ? AND status = ?")
        .params(issuedCount, issuedAmount, usedAmount, now(), campaignId, status)
        .update();
  }

  /**
   * One page of the list, newest first (then by id, descending): the campaigns after {@code after}
   * (null: from the newest), of the given merchants (empty: of all), at most {@code limit}. Reads
   * the summary columns only, never the spec.
   */
  public Page list(Set<String> mchids, After after, int limit) {
    StringBuilder sql =
        new StringBuilder("SELECT " + SUMMARY_COLUMNS + " FROM campaign WHERE 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (!mchids.isEmpty()) {
      sql.append(" AND mchid IN (:mchids)");
      params.put("mchids", mchids);
    }
    if (after != null) {
      sql.append(
          " AND (created_at < :createdAt OR (created_at = :createdAt AND campaign_id < :campaignId))");
      params.put("createdAt", after.createdAt());
      params.put("campaignId", after.campaignId());
    }
    sql.append(" ORDER BY created_at DESC, campaign_id DESC LIMIT :limit");
    params.put("limit", limit + 1);
    List<Summary> rows = jdbc.sql(sql.toString()).params(params).query(SUMMARY).list();
    if (rows.size() <= limit) {
      return new Page(rows, null);
    }
    Summary last = rows.get(limit - 1);
    return new Page(
        List.copyOf(rows.subList(0, limit)), new After(last.createdAt(), last.campaignId()));
  }

  /**
   * What a status record changes, in column order: stock_id, status, pause_reason, issued_count,
   * issued_amount, used_amount, max_amount.
   */
  private static List<Object> progress(StatusRecord r) {
    return Arrays.asList(
        r.stockId(),
        r.status().name(),
        r.pauseReason(),
        r.issuedCount(),
        r.issuedAmount(),
        r.usedAmount(),
        r.maxAmount());
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
