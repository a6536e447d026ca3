package com.campaigns.ledger;

import java.lang.reflect.RecordComponent;
import javax.sql.DataSource;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/** The ledger's repositories over the application's DataSource (Flyway migrates it at startup). */
@Configuration(proxyBeanMethods = false)
public class LedgerConfiguration {

  /** Builds every repository from one DataSource; also used by tests without Spring. */
  public record Ledger(
      IssuanceLedger issuance,
      CampaignIndex campaigns,
      CouponUses uses,
      FlowRows flows,
      Reconciliations reconciliations,
      SendSlots slots) {

    public static Ledger over(DataSource dataSource) {
      LedgerDatabase db = LedgerDatabase.over(dataSource);
      return new Ledger(
          new IssuanceLedger(db),
          new CampaignIndex(db.jdbc()),
          new CouponUses(db.jdbc()),
          new FlowRows(db),
          new Reconciliations(db),
          new SendSlots(db));
    }
  }

  @Bean
  Ledger ledger(DataSource dataSource) {
    ServerVersion.require(dataSource);
    return Ledger.over(dataSource);
  }

  /**
   * Each repository of the {@link Ledger} becomes a bean of its own type, made by the ledger bean's
   * accessor, so the record stays the one list of repositories.
   */
  @Bean
  static BeanDefinitionRegistryPostProcessor ledgerRepositories() {
    return registry -> {
      for (RecordComponent repository : Ledger.class.getRecordComponents()) {
        RootBeanDefinition bean = new RootBeanDefinition();
        bean.setTargetType(repository.getType());
        bean.setFactoryBeanName("ledger");
        bean.setFactoryMethodName(repository.getAccessor().getName());
        registry.registerBeanDefinition(
            StringUtils.uncapitalize(repository.getType().getSimpleName()), bean);
      }
    };
  }
}
