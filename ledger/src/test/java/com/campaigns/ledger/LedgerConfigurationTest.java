package com.campaigns.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.ledger.LedgerConfiguration.Ledger;
import java.lang.reflect.RecordComponent;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** The configuration exposes every repository of the ledger as a bean of its own type. */
class LedgerConfigurationTest {

  @Test
  void everyRepositoryOfTheLedgerIsABeanTakenFromTheLedgerBean() throws Exception {
    try (var context = new AnnotationConfigApplicationContext()) {
      context.registerBean(DataSource.class, TestDatabases::h2);
      context.register(LedgerConfiguration.class);
      context.refresh();
      Ledger ledger = context.getBean(Ledger.class);
      assertThat(Ledger.class.getRecordComponents()).hasSize(6);
      for (RecordComponent repository : Ledger.class.getRecordComponents()) {
        assertThat(context.getBean(repository.getType()))
            .as(repository.getName())
            .isSameAs(repository.getAccessor().invoke(ledger));
      }
    }
  }
}
