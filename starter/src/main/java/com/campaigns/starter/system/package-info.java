/**
 * Cross-cutting wiring: imported activity-module configuration, error rendering, clock, OpenAPI.
 */
package com.campaigns.starter.system;
