package dev.floe.planner.ddl;

import dev.floe.planner.csv.FileAccess;
import dev.floe.planner.exec.StatementCancel;
import dev.floe.planner.parquet.ParquetExport;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.table.FloeStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * COPY ... TO: runs the query on the statement's own connection (as CREATE TABLE AS does) and
 * writes its rows with {@link ParquetExport}. A cancel or timeout of the COPY cancels the query and
 * leaves no file.
 */
final class CopyTo {
  private CopyTo() {}

  static void execute(SqlCopy copy, Connection connection, FloeStore store, FileAccess access) {
    if (copy.format == null) {
      throw new UnsupportedOperationException("COPY TO '" + copy.target + "': Floe writes Parquet only; name a"
          + " .parquet file or add (FORMAT parquet). For CSV, use the shell's !export");
    }
    if (!copy.format.equals("parquet")) {
      throw new UnsupportedOperationException("COPY TO with FORMAT " + copy.format + ": Floe writes Parquet only;"
          + " use (FORMAT parquet). For CSV, use the shell's !export");
    }
    AtomicBoolean cancel = StatementCancel.current();
    StatementCancel.check(cancel);
    try (Statement s = connection.createStatement()) {
      StatementCancel.onCancel(cancel, () -> {
        try {
          s.cancel();
        } catch (SQLException e) {
          // closed already
        }
      });
      try (ResultSet rs = s.executeQuery(copy.query)) {
        ParquetExport.write(rs, copy.target, access, store, ParquetExport.codec(copy.compression),
            () -> StatementCancel.check(cancel));
      }
    } catch (SQLException e) {
      if (cancel != null && cancel.get()) {
        FloeException stopped = StatementCancel.stopped(cancel);
        stopped.addSuppressed(e);
        throw stopped;
      }
      throw new FloeException(ErrorCode.INVALID_ARGUMENT, null, "the query of COPY failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new dev.floe.planner.csv.CsvException(dev.floe.planner.csv.CsvException.Kind.IO, "COPY TO cannot write '"
          + copy.target + "': " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage()
          + ")") + "; check that the folder exists and is writable", e);
    }
  }
}
