/** Activity interfaces (implementations live in the activities module). */
package com.campaigns.workflows.activity;
