package com.campaigns.workflows.activity;

import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.model.StatusRecord;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Small ledger writes the workflow makes as local activities. */
@ActivityInterface
public interface LedgerActivities {

  /** Upserts the campaign index row (status, stock, totals) the API lists campaigns from. */
  @ActivityMethod(name = TemporalNames.ACTIVITY_RECORD_STATUS)
  void recordStatus(StatusRecord record);
}
