package dev.floe.shell;

import dev.floe.jdbc.FloeVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import sqlline.Application;
import sqlline.CommandHandler;
import sqlline.SqlLine;
import sqlline.SqlLineOpts;

/** sqlline configured as the floe shell: Floe's banner, URL examples and the {@code !export} command. */
public final class FloeApplication extends Application {
  /** sqlline creates it by name ({@code -ac}). */
  public FloeApplication() {}

  @Override
  public String getInfoMessage() {
    return "floe " + FloeVersion.VERSION + " - type !help for commands, !quit to leave";
  }

  @Override
  public Collection<String> getConnectionUrlExamples() {
    return List.of("jdbc:floe:file:./floe-data", "jdbc:floe:mem:scratch",
        "jdbc:floe:s3://bucket/prefix?endpoint=http://127.0.0.1:9000");
  }

  /** Keeps the options already set from the command line (sqlline's default would start afresh). */
  @Override
  public SqlLineOpts getOpts(SqlLine sqlLine) {
    return sqlLine.getOpts();
  }

  @Override
  public Collection<CommandHandler> getCommandHandlers(SqlLine sqlLine) {
    List<CommandHandler> handlers = new ArrayList<>(super.getCommandHandlers(sqlLine));
    handlers.add(new ExportCommand(sqlLine));
    return handlers;
  }
}
