package com.campaigns.workflows.violations;

import com.campaigns.ledger.IssuanceLedger;

/** Workflow code reading the database directly instead of through an activity. */
public class WorkflowCodeReadingTheLedger {

  Object totals(IssuanceLedger ledger) {
    return ledger.totals("c", 0, 0, 10);
  }
}
