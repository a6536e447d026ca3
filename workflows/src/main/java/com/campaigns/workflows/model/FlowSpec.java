package com.campaigns.workflows.model;

/**
 * End-of-campaign flow files. WeChat Pay publishes them at 10:00 (Asia/Shanghai) the day after the
 * stock ends; {@code ready_after} (ISO-8601 duration after the end) overrides the first attempt for
 * environments that publish sooner, such as the local sandbox.
 */
@SnakeCaseNonNull
public record FlowSpec(Boolean download, String readyAfter) {}
