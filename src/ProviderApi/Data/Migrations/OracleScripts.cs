using System.Data.Common;
using Dapper;

namespace ProviderApi.Data.Migrations;

/// <summary>
/// Oracle has no maintained DbUp provider on this project's package source, so its scripts run
/// here: split the way SQL*Plus runs them (a statement ends at a line holding only <c>/</c>),
/// one-time scripts journaled in imgcloud.schema_versions. Oracle commits DDL as it goes, so a
/// failed run stops where it failed; every script is written to be safe to run again.
/// </summary>
public static class OracleScripts
{
    /// <summary>The statements of a script, in order, without their <c>/</c> lines.</summary>
    public static IReadOnlyList<string> Split(string script)
    {
        var statements = new List<string>();
        var current = new List<string>();
        foreach (var line in script.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.Trim() == "/")
            {
                Add(current);
                current.Clear();
            }
            else
            {
                current.Add(line);
            }
        }
        Add(current);
        return statements;

        void Add(List<string> lines)
        {
            var code = lines.Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal)).ToList();
            if (code.All(string.IsNullOrWhiteSpace))
            {
                return;
            }
            var text = string.Join('\n', lines).Trim();
            // A PL/SQL block keeps its END; a plain statement must not end with ';' (ORA-00911).
            if (!IsPlSql(text) && text.EndsWith(';'))
            {
                text = text[..^1].TrimEnd();
            }
            statements.Add(text);
        }
    }

    private static bool IsPlSql(string statement)
    {
        var code = string.Join('\n', statement.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))).TrimStart();
        return code.StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase)
            || code.StartsWith("DECLARE", StringComparison.OrdinalIgnoreCase)
            || System.Text.RegularExpressions.Regex.IsMatch(code, @"^CREATE\s+(OR\s+REPLACE\s+)?(PACKAGE|PROCEDURE|FUNCTION|TRIGGER|TYPE)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    }

    public static void Run(DbConnection connection, IEnumerable<SqlScript> scripts, TextWriter log)
    {
        foreach (var script in scripts)
        {
            if (!script.RunAlways && Journaled(connection).Contains(script.Name))
            {
                log.WriteLine($"Skipping {script.Name} (already applied)");
                continue;
            }
            log.WriteLine($"Executing {script.Name}");
            foreach (var statement in Split(script.Text))
            {
                try
                {
                    connection.Execute(statement);
                }
                catch (DbException ex)
                {
                    throw new MigrationException($"{script.Name} failed: {ex.Message}", ex, script.Name);
                }
            }
            if (!script.RunAlways)
            {
                EnsureJournal(connection);
                connection.Execute("INSERT INTO imgcloud.schema_versions (scriptname, applied) VALUES (:name, SYSDATE)", new { name = script.Name });
            }
        }
    }

    private static HashSet<string> Journaled(DbConnection connection) =>
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM all_tables WHERE owner = 'IMGCLOUD' AND table_name = 'SCHEMA_VERSIONS'") == 0
            ? []
            : connection.Query<string>("SELECT scriptname FROM imgcloud.schema_versions").ToHashSet(StringComparer.Ordinal);

    private static void EnsureJournal(DbConnection connection) => connection.Execute("""
        BEGIN
          EXECUTE IMMEDIATE 'CREATE TABLE imgcloud.schema_versions (scriptname VARCHAR2(255) PRIMARY KEY, applied DATE NOT NULL)';
        EXCEPTION WHEN OTHERS THEN
          IF SQLCODE != -955 THEN RAISE; END IF;
        END;
        """);
}
