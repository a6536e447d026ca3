/** The campaign manager's REST API (Spring Boot, Temporal client only). */
package com.campaigns.starter;
