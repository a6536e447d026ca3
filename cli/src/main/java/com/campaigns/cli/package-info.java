/** The command-line client and its HTTP plumbing. */
package com.campaigns.cli;
