/** The stock lifecycle activities: create, activate, pause, restart, check. */
package com.campaigns.activities.stock;
