package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * End-of-campaign flow files. WeChat Pay publishes them at 10:00 (Asia/Shanghai) the day after the
 * stock ends; {@code ready_after} (ISO-8601 duration after the end) overrides the first attempt for
 * environments that publish sooner, such as the local sandbox.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FlowSpec(Boolean download, String readyAfter) {}
