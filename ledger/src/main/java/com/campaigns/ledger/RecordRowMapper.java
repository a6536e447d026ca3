package com.campaigns.ledger;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import org.springframework.jdbc.core.RowMapper;

/**
 * Maps a row to a record by position: the i-th selected column is the record's i-th component, so a
 * query selects its columns in the record's order. Reads {@code int}, {@code long} and {@code
 * String} components with the matching getter (NULL is 0 for a primitive) and any other type, such
 * as {@code Long} or {@code OffsetDateTime}, with {@code getObject(i, type)} (NULL stays null).
 */
final class RecordRowMapper<T extends Record> implements RowMapper<T> {

  private final Constructor<T> constructor;
  private final Class<?>[] types;

  private RecordRowMapper(Class<T> type) {
    this.types =
        Arrays.stream(type.getRecordComponents())
            .map(RecordComponent::getType)
            .toArray(Class<?>[]::new);
    try {
      this.constructor = type.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(type + " has no canonical constructor", e);
    }
    for (Class<?> t : types) {
      if (t.isPrimitive() && t != int.class && t != long.class) {
        throw new IllegalArgumentException(type + ": no column reader for " + t);
      }
    }
  }

  static <T extends Record> RecordRowMapper<T> of(Class<T> type) {
    return new RecordRowMapper<>(type);
  }

  @Override
  public T mapRow(ResultSet rs, int rowNum) throws SQLException {
    Object[] values = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      values[i] = column(rs, i + 1, types[i]);
    }
    try {
      return constructor.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object column(ResultSet rs, int index, Class<?> type) throws SQLException {
    if (type == int.class) {
      return rs.getInt(index);
    }
    if (type == long.class) {
      return rs.getLong(index);
    }
    if (type == String.class) {
      return rs.getString(index);
    }
    return rs.getObject(index, type);
  }
}
