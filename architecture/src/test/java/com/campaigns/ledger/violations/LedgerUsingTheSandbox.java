package com.campaigns.ledger.violations;

import com.campaigns.sandbox.Sandbox;

/** Main code of a product module that uses the sandbox. */
public class LedgerUsingTheSandbox {

  Class<?> sandbox() {
    return Sandbox.class;
  }
}
