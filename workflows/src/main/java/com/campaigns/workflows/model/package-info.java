/**
 * Records exchanged with Temporal and the API: spec, inputs and outputs, status document, report.
 */
package com.campaigns.workflows.model;
