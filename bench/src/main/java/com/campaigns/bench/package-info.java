/**
 * {@code ./campaigns bench}: {@link com.campaigns.bench.BenchMain} runs the phases (throughput,
 * rate, memory, scale) on one stack ({@code stack}), measures them ({@code measure}) and writes the
 * report ({@code report}).
 */
package com.campaigns.bench;
