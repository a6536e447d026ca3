/**
 * Who may call the API and the console: bearer tokens stored as SHA-256, three roles, the console's
 * token login.
 */
package com.campaigns.starter.security;
