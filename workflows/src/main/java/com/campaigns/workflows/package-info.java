/** The campaign workflow's contract: names ops read, the model, the pure rules and the workflow. */
package com.campaigns.workflows;
