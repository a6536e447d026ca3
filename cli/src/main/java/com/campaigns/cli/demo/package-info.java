/** The ./campaigns demo: a sample campaign driven end to end through the REST API. */
package com.campaigns.cli.demo;
