/**
 * The ledger activity: keeps the campaign index of module {@code ledger} current from the workflow.
 */
package com.campaigns.activities.ledger;
