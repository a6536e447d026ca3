/**
 * Campaign endpoints: validate, start (idempotently), list, status, pause/resume/cancel, reports.
 */
package com.campaigns.starter.campaign;
