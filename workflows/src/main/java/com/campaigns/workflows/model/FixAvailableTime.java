package com.campaigns.workflows.model;

import java.util.List;

/**
 * When in the week a coupon may be used (WeChat Pay's {@code fix_available_time}).
 *
 * @param availableWeekDay days of the week, 0 = Sunday … 6 = Saturday
 * @param beginTime seconds of the day the use starts (0 … 86399)
 * @param endTime seconds of the day the use ends (1 … 86400, after {@code beginTime})
 */
@SnakeCaseNonNull
public record FixAvailableTime(
    List<Integer> availableWeekDay, Integer beginTime, Integer endTime) {}
