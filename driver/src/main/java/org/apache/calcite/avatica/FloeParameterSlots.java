package org.apache.calcite.avatica;

/**
 * Reads which parameters of an Avatica prepared statement have a value, which only Avatica's
 * package can see (its {@code slots}); Avatica itself binds a parameter never set as NULL when it
 * is batched, where JDBC drivers such as pgjdbc refuse the row.
 */
public final class FloeParameterSlots {
  private FloeParameterSlots() {}

  /** The 0-based index of the first parameter without a value, or -1 if every one has one. */
  public static int firstUnset(AvaticaPreparedStatement statement) {
    for (int i = 0; i < statement.slots.length; i++) {
      if (statement.slots[i] == null) {
        return i;
      }
    }
    return -1;
  }
}
