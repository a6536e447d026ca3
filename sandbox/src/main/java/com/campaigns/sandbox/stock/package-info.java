/** Coupon stocks (批次): create-stock validation, the state machine, queries and budgets. */
package com.campaigns.sandbox.stock;
