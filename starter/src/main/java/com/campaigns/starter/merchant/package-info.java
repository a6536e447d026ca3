/**
 * The merchants this deployment acts for: {@code GET /api/v1/merchants} and the {@code merchants}
 * health.
 */
package com.campaigns.starter.merchant;
