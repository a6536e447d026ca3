package com.campaigns.ledger.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaigns.ledger.TestDatabases;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class AudienceConfigurationTest {

  @TempDir Path dir;

  private final StaticListableBeanFactory beans = new StaticListableBeanFactory();

  AudienceStore store(String kind) {
    return new AudienceConfiguration()
        .audienceStore(
            kind, dir.toString(), beans.getBeanProvider(DataSource.class), AudienceLimits.DEFAULTS);
  }

  @Test
  void campaignsAudiencesStoreChoosesTheStore() {
    beans.addBean("dataSource", TestDatabases.h2());
    assertThat(store("database")).isInstanceOf(DatabaseAudienceStore.class);
    assertThat(store("file")).isInstanceOf(FileAudienceStore.class);
    assertThat(((FileAudienceStore) store("file")).directory()).isEqualTo(dir);
  }

  @Test
  void anUnknownStoreIsRefusedByName() {
    assertThatThrownBy(() -> store("s3"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("campaigns.audiences.store")
        .hasMessageContaining("s3");
  }
}
