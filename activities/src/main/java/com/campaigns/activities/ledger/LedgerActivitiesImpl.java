package com.campaigns.activities.ledger;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.activity.LedgerActivities;
import com.campaigns.workflows.model.StatusRecord;
import io.temporal.spring.boot.ActivityImpl;
import org.springframework.stereotype.Component;

/** Keeps the campaign index current from the workflow (a local activity). */
@Component
@ActivityImpl(taskQueues = TemporalNames.TASK_QUEUE)
public class LedgerActivitiesImpl implements LedgerActivities {

  private final CampaignIndex index;

  public LedgerActivitiesImpl(CampaignIndex index) {
    this.index = index;
  }

  @Override
  public void recordStatus(StatusRecord record) {
    index.update(record);
  }
}
