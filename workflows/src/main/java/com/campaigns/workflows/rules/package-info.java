/**
 * Pure, deterministic decisions: validation, wave plan, budget guard, status projection,
 * reconciliation.
 */
package com.campaigns.workflows.rules;
