package com.campaigns.ledger.audience;

/** The audience contract on files ({@code campaigns.audiences.store=file}). */
class FileAudienceStoreTest extends AudienceStoreContract {

  @Override
  AudienceStore store() {
    return new FileAudienceStore(tmp.resolve("audiences"));
  }
}
