/**
 * The sandbox-only admin API under /sandbox: merchants, issued coupons, redemption, faults, clock,
 * stats.
 */
package com.campaigns.sandbox.admin;
