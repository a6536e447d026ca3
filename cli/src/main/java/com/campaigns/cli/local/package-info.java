/**
 * The launcher's commands ({@code ./campaigns up}, {@code demo}, {@code sandbox}, {@code bench},
 * {@code chaos}): picocli front ends over {@link com.campaigns.cli.stack.LocalStack}.
 */
package com.campaigns.cli.local;
