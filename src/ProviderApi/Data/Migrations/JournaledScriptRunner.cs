using System.Data.Common;
using System.Globalization;

namespace ProviderApi.Data.Migrations;

/// <summary>One statement of a script and the line of the script it starts on.</summary>
public sealed record SqlStatement(int Line, string Text);

/// <summary>
/// Runs a migration's scripts on an open connection where no DbUp provider is served (MySQL,
/// MariaDB): one-time scripts once, journaled with their name and the time (UTC) they were
/// applied; run-always scripts (views, grants) every time, never journaled. Each script runs
/// statement by statement, as its engine's client would cut it. Nothing here is one
/// transaction: MySQL commits DDL implicitly, so a failure stops the run where it failed,
/// the statements before it in effect, and the message names the script and the statement;
/// every shipped script is written to be run again once the cause is fixed.
/// </summary>
/// <param name="connection">An open connection, as the migrating account.</param>
/// <param name="journalTable">The journal's qualified name, e.g. imgcloud.schema_versions.</param>
/// <param name="split">How the engine's client cuts a script into statements.</param>
/// <param name="clock">The time written beside a journaled script.</param>
/// <param name="log">Where each script's fate is written, as DbUp would.</param>
/// <param name="createJournal">The journal's CREATE TABLE IF NOT EXISTS; null for <see cref="MySqlJournal"/>.</param>
/// <param name="commandTimeoutSeconds">Each statement's limit: a view on a large HIS compiles in moments, an index may not.</param>
public sealed class JournaledScriptRunner(
    DbConnection connection,
    string journalTable,
    Func<string, IReadOnlyList<SqlStatement>> split,
    TimeProvider clock,
    TextWriter log,
    string? createJournal = null,
    int commandTimeoutSeconds = 300)
{
    /// <summary>The journal as DbUp keeps it on the other engines (script name, when applied), in utf8mb4 with binary comparison.</summary>
    public static string MySqlJournal(string table) =>
        $"CREATE TABLE IF NOT EXISTS {table} (scriptname VARCHAR(255) NOT NULL PRIMARY KEY, applied DATETIME NOT NULL) " +
        "ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin";

    /// <summary>Runs <paramref name="scripts"/> in order; returns the names of those it executed.</summary>
    /// <exception cref="MigrationException">A statement failed: the message names the script, the statement's number and line.</exception>
    public IReadOnlyList<string> Run(IEnumerable<SqlScript> scripts)
    {
        var applied = JournalReady() ? Applied() : new HashSet<string>();
        var executed = new List<string>();
        foreach (var script in scripts)
        {
            if (!script.RunAlways && applied.Contains(script.Name))
            {
                log.WriteLine($"Skipping {script.Name} (already applied)");
                continue;
            }
            log.WriteLine($"Executing {script.Name}");
            var statements = split(script.Text);
            for (var n = 0; n < statements.Count; n++)
            {
                try
                {
                    Execute(statements[n].Text);
                }
                catch (DbException ex)
                {
                    throw new MigrationException(
                        $"{script.Name}: statement {n + 1} of {statements.Count} (line {statements[n].Line}, \"{FirstLine(statements[n].Text)}\") failed: {ex.Message} " +
                        $"The statements before it took effect (DDL commits as it goes); fix the cause and run migrate again: every script is safe to run twice.",
                        ex, script.Name);
                }
            }
            if (!script.RunAlways)
            {
                Execute(createJournal ?? MySqlJournal(journalTable));
                Journal(script.Name);
            }
            executed.Add(script.Name);
        }
        return executed;
    }

    /// <summary>
    /// Creates the journal if absent. False when it cannot be created yet: the first script
    /// creates the database it lives in (imgcloud), so nothing can have been journaled; should
    /// the cause be another, journaling the first one-time script fails with it.
    /// </summary>
    private bool JournalReady()
    {
        try
        {
            Execute(createJournal ?? MySqlJournal(journalTable));
            return true;
        }
        catch (DbException)
        {
            return false;
        }
    }

    /// <summary>The names in the journal.</summary>
    public IReadOnlySet<string> Applied()
    {
        using var command = Command($"SELECT scriptname FROM {journalTable}");
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    private void Journal(string name)
    {
        using var command = Command($"INSERT INTO {journalTable} (scriptname, applied) VALUES (@name, @applied)");
        Add(command, "@name", name);
        var now = clock.GetUtcNow().UtcDateTime;
        Add(command, "@applied", now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)));
        command.ExecuteNonQuery();
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private DbCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = commandTimeoutSeconds;
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string FirstLine(string statement)
    {
        var line = statement.Split('\n')[0].Trim();
        return line.Length <= 80 ? line : string.Create(CultureInfo.InvariantCulture, $"{line[..77]}...");
    }
}
