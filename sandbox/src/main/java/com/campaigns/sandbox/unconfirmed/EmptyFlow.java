package com.campaigns.sandbox.unconfirmed;

/** WeChat Pay's answer for a published flow file without rows (no use, no refund): undocumented. */
public enum EmptyFlow {
  /** 404 RESOURCE_NOT_EXISTS, as for a file that does not exist. */
  NOT_FOUND,
  /** 200 and a download of a file with the header line only. */
  EMPTY_FILE
}
