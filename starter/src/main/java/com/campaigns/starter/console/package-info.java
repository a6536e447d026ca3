/**
 * The marketer console: server-rendered pages (Thymeleaf, htmx, Chart.js from WebJars) over the
 * same services as the REST API. Every action goes through those services, so a security filter
 * wrapping {@code /console/**} and {@code /api/**} alike guards both.
 */
package com.campaigns.starter.console;
