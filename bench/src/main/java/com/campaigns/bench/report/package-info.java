/**
 * Everything one run measured ({@link com.campaigns.bench.report.Results}) and docs/benchmarks.md,
 * .csv and the chart.
 */
package com.campaigns.bench.report;
