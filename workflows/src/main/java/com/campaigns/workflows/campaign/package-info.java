/** CampaignWorkflow, its implementation, its state and the activity policies. */
package com.campaigns.workflows.campaign;
