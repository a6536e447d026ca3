/** The worker application and its settings. */
package com.campaigns.worker;
