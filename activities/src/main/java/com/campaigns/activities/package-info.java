/** Activity implementations: every I/O the campaign workflow needs. */
package com.campaigns.activities;
