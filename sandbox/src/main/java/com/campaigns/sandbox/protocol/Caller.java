package com.campaigns.sandbox.protocol;

/** The request attribute holding the authenticated {@code Merchant} of a verified APIv3 request. */
public final class Caller {

  public static final String ATTRIBUTE = "sandbox.caller";

  private Caller() {}
}
