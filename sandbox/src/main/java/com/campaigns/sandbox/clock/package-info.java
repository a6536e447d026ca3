/**
 * The business clock: stock windows, daily and monthly limits, flow availability; shiftable by the
 * admin API.
 */
package com.campaigns.sandbox.clock;
