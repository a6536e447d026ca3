package com.campaigns.workflows.campaign;

import com.campaigns.workflows.model.CampaignState;
import com.campaigns.workflows.model.CampaignState.Stage;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * Keeps each run's history under {@code max_run_events}: at a safe point past the bound (or when
 * the server suggests it) the run continues as new, carrying the whole {@link CampaignState}.
 */
final class HistoryBound {

  private static final Logger log = Workflow.getLogger(HistoryBound.class);

  private final CampaignContext c;

  HistoryBound(CampaignContext c) {
    this.c = c;
  }

  boolean reached() {
    var info = Workflow.getInfo();
    return info.getHistoryLength() >= c.settings.maxRunEvents() || info.isContinueAsNewSuggested();
  }

  /**
   * Continues as new if the bound is reached; returns only if it is not (or the campaign is done).
   */
  void continueAsNewIfReached() {
    CampaignState state = c.state;
    if (!reached() || state.stage == Stage.DONE) {
      return;
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    state.runs++;
    state.publishedPhase = null;
    log.info("campaign {} continues as new (run {})", state.campaignId, state.runs);
    Workflow.continueAsNew(c.input.withState(state));
  }
}
