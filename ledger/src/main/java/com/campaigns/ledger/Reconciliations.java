package com.campaigns.ledger;

import com.campaigns.workflows.model.ReconciliationReport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Stored reconciliation reports, one per campaign (the latest). */
public class Reconciliations {

  private final LedgerDatabase db;
  private final ObjectMapper json = new ObjectMapper();

  Reconciliations(LedgerDatabase db) {
    this.db = db;
  }

  public void save(ReconciliationReport report) {
    String body;
    try {
      body = json.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    db.tx()
        .executeWithoutResult(
            s -> {
              db.jdbc()
                  .sql("DELETE FROM reconciliation WHERE campaign_id = ?")
                  .param(report.campaignId())
                  .update();
              db.jdbc()
                  .sql(
                      "INSERT INTO reconciliation (campaign_id, balanced, report_json, created_at) VALUES (?, ?, ?, ?)")
                  .params(
                      report.campaignId(),
                      report.balanced(),
                      body,
                      OffsetDateTime.now(ZoneOffset.UTC))
                  .update();
            });
  }

  public Optional<ReconciliationReport> find(String campaignId) {
    return db.jdbc()
        .sql("SELECT report_json FROM reconciliation WHERE campaign_id = ?")
        .param(campaignId)
        .query(String.class)
        .optional()
        .map(
            s -> {
              try {
                return json.readValue(s, ReconciliationReport.class);
              } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable report of campaign " + campaignId, e);
              }
            });
  }
}
