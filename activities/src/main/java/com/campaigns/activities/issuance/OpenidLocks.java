package com.campaigns.activities.issuance;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes sends to one user within this worker: WeChat Pay answers concurrent sends to the same
 * openid with a false RULE_LIMIT. Striped, so memory stays constant however large the audience.
 */
final class OpenidLocks {

  private final ReentrantLock[] stripes;

  OpenidLocks(int stripes) {
    this.stripes = new ReentrantLock[stripes];
    for (int i = 0; i < stripes; i++) {
      this.stripes[i] = new ReentrantLock();
    }
  }

  ReentrantLock lockFor(String mchid, String openid) {
    int h = (mchid.hashCode() * 31 + openid.hashCode()) & 0x7fffffff;
    return stripes[h % stripes.length];
  }
}
