using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using ProviderApi.Data;
using ProviderApi.Views;

namespace ProviderApi.Push;

/// <summary>Where a row stands. Stored as the lower-case word.</summary>
public enum DeliveryState
{
    /// <summary>Seen, not yet accepted: sent at the next chance.</summary>
    Pending,

    /// <summary>Accepted by the cloud with exactly this content.</summary>
    Delivered,

    /// <summary>The cloud answered 400: parked with its message until the row changes or an operator re-queues it.</summary>
    Rejected,

    /// <summary>Broke a contract rule before sending: parked with the rule until the row changes.</summary>
    Invalid,

    /// <summary>Left the view before it was accepted (past the recency window): sent again only if it comes back.</summary>
    Expired,
}

/// <summary>One row of push_delivery: what the push knows of one record of a view.</summary>
public sealed class Delivery
{
    public PushKind Kind { get; set; }

    public string Key { get; set; } = "";

    public string? Label { get; set; }

    public DeliveryState State { get; set; }

    /// <summary>Hash of the content last seen in the view.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>Hash of the content the cloud last accepted; null before the first acceptance.</summary>
    public string? DeliveredHash { get; set; }

    /// <summary>Why it is parked or was last not delivered (the cloud's message with digits masked, or the broken rules).</summary>
    public string? Reason { get; set; }

    /// <summary>Calls made for the current content.</summary>
    public int Attempts { get; set; }

    /// <summary>When the current content first appeared in the view (Unix milliseconds, UTC).</summary>
    public long FirstSeenMs { get; set; }

    /// <summary>Not sent before this (backoff after failed calls).</summary>
    public long NextAttemptMs { get; set; }

    public long? LastAttemptMs { get; set; }

    public long? DeliveredAtMs { get; set; }

    /// <summary>Sent (or to be sent) with problems an accepted exception covers: its reason starts "accepted: ".</summary>
    public bool IsAccepted => State is DeliveryState.Pending or DeliveryState.Delivered or DeliveryState.Rejected
        && Reason is not null && Reason.StartsWith(RowVerdict.AcceptedPrefix, StringComparison.Ordinal);

    /// <summary>The "accepted: ..." part of a reason (kept when the row is delivered or a call fails), or null.</summary>
    public static string? AcceptedPart(string? reason) =>
        reason is not null && reason.StartsWith(RowVerdict.AcceptedPrefix, StringComparison.Ordinal) ? reason.Split(" | ")[0] : null;

    /// <summary>The reason after a call: the accepted problems kept, then what the call said (null for nothing).</summary>
    public string? ReasonAfterCall(string? detail) =>
        AcceptedPart(Reason) is { } accepted ? (detail is null ? accepted : $"{accepted} | {detail}") : detail;

    /// <summary>Not accepted: pending or parked.</summary>
    public bool IsUndelivered => State is DeliveryState.Pending or DeliveryState.Rejected or DeliveryState.Invalid;
}

/// <summary>The one row of push_control: who pushes (the lease), whether pushing is paused, and a counter operators' verbs bump.</summary>
public sealed record PushControl(string? Holder, long? LeaseUntilMs, string? PausedReason, long? PausedAtMs, long Generation);

/// <summary>Counts of one interface's rows in one state, and the oldest first sighting among them.</summary>
public sealed record StateCount(PushKind Kind, DeliveryState State, long Count, long OldestFirstSeenMs)
{
    /// <summary>Of them, rows sent (or to be sent) with accepted problems (reason "accepted: ...").</summary>
    public long Accepted { get; init; }
}

/// <summary>
/// The delivery state: in an SQLite file of the provider's own (Push:Store Embedded) or in
/// imgcloud.push_delivery and imgcloud.push_control of the hospital's database (Push:Store
/// Database, created by migrate: sql/&lt;engine&gt;/06_push_state.sql). The SQL is plain
/// enough to run unchanged on SQLite, PostgreSQL, SQL Server and Oracle (no upsert syntax, no
/// LIMIT); times are Unix milliseconds from the provider's clock.
/// </summary>
public sealed class PushStore
{
    /// <summary>The embedded store's tables; the server engines' are in sql/&lt;engine&gt;/06_push_state.sql.</summary>
    private const string EmbeddedSchema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS imgcloud_push_delivery (
            kind             TEXT    NOT NULL,
            item_key         TEXT    NOT NULL,
            label            TEXT,
            state            TEXT    NOT NULL,
            content_hash     TEXT    NOT NULL,
            delivered_hash   TEXT,
            reason           TEXT,
            attempts         INTEGER NOT NULL DEFAULT 0,
            first_seen_ms    INTEGER NOT NULL,
            next_attempt_ms  INTEGER NOT NULL DEFAULT 0,
            last_attempt_ms  INTEGER,
            delivered_at_ms  INTEGER,
            PRIMARY KEY (kind, item_key)
        );
        CREATE INDEX IF NOT EXISTS imgcloud_push_delivery_state ON imgcloud_push_delivery (state, kind);
        CREATE TABLE IF NOT EXISTS imgcloud_push_control (
            name             TEXT    NOT NULL PRIMARY KEY,
            holder           TEXT,
            lease_until_ms   INTEGER,
            paused_reason    TEXT,
            paused_at_ms     INTEGER,
            generation       INTEGER NOT NULL DEFAULT 0
        );
        INSERT OR IGNORE INTO imgcloud_push_control (name, generation) VALUES ('push', 0);
        """;

    private const string Columns = """
        kind AS KindText, item_key AS ItemKey, label AS Label, state AS StateText, content_hash AS ContentHash,
        delivered_hash AS DeliveredHash, reason AS Reason, attempts AS Attempts, first_seen_ms AS FirstSeenMs,
        next_attempt_ms AS NextAttemptMs, last_attempt_ms AS LastAttemptMs, delivered_at_ms AS DeliveredAtMs
        """;

    private readonly DbDataSource dataSource;
    private readonly DatabaseEngine dialect;
    private readonly bool embedded;
    private readonly string delivery;
    private readonly string control;
    private readonly int? commandTimeout;
    private readonly TimeSpan? connectBound;
    private volatile bool ready;

    private PushStore(DbDataSource dataSource, DatabaseEngine dialect, bool embedded, int? commandTimeout = null, TimeSpan? connectBound = null)
    {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.embedded = embedded;
        this.commandTimeout = commandTimeout;
        this.connectBound = connectBound;
        delivery = dialect.Imgcloud("push_delivery");
        control = dialect.Imgcloud("push_control");
    }

    /// <summary>Where the state lives, for log lines and the status page.</summary>
    public required string Location { get; init; }

    /// <summary>The provider's own SQLite file (created with its folder when missing).</summary>
    public static PushStore Embedded(string path)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
            Pooling = true,
        };
        return new PushStore(SqliteFactory.Instance.CreateDataSource(builder.ToString()), DatabaseEngine.For(DatabaseProvider.Sqlite), embedded: true)
        {
            Location = path,
        };
    }

    /// <summary>
    /// The imgcloud tables of the hospital's database, through the provider's own data source: each
    /// command bounded by Database:CommandTimeoutSeconds (carried by the command itself, since ODP.NET
    /// has no connection-string key for it) and each open by Database:ConnectTimeoutSeconds, even
    /// where the driver does not listen (<see cref="BoundedOpen.OpenWithinAsync"/>).
    /// </summary>
    public static PushStore InDatabase(DbDataSource dataSource, DatabaseEngine dialect, DatabaseOptions options) =>
        new(dataSource, dialect, embedded: false, options.CommandTimeoutSeconds, TimeSpan.FromSeconds(options.ConnectTimeoutSeconds + 1))
        {
            Location = $"{dialect.Imgcloud("push_delivery")} in the hospital's database",
        };

    /// <summary>
    /// Creates the embedded store's tables; for the database store, checks migrate has made them.
    /// Done once per process: later calls return at once (a failed attempt is tried again).
    /// </summary>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (ready)
        {
            return;
        }
        if (embedded)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Location)!);
        }
        await using var connection = await OpenAsync(cancellationToken);
        if (embedded)
        {
            await connection.ExecuteAsync(Command(EmbeddedSchema, cancellationToken));
        }
        else
        {
            var rows = await connection.ExecuteScalarAsync<long>(Command(
                dialect.Parameters($"SELECT COUNT(*) FROM {control} WHERE name = @name"), new { name = "push" }, cancellationToken));
            if (rows != 1)
            {
                throw new InvalidOperationException($"{control} has no row 'push': run migrate (sql/{dialect.ScriptFolder}/06_push_state.sql) before enabling Push:Store Database.");
            }
        }
        ready = true;
    }

    /// <summary>Takes or renews the lease: true when this holder may push until <paramref name="untilMs"/>.</summary>
    public async Task<bool> TryLeaseAsync(string holder, long nowMs, long untilMs, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var taken = await connection.ExecuteAsync(Command(dialect.Parameters($"""
            UPDATE {control} SET holder = @holder, lease_until_ms = @untilMs
            WHERE name = 'push' AND (holder IS NULL OR holder = @holder OR lease_until_ms IS NULL OR lease_until_ms < @nowMs)
            """), new { holder, untilMs, nowMs }, cancellationToken));
        return taken == 1;
    }

    /// <summary>Takes the lease from <paramref name="stale"/> (a holder known to be dead) whatever its expiry; true when taken.</summary>
    public async Task<bool> TakeOverAsync(string stale, string holder, long untilMs, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Command(dialect.Parameters(
            $"UPDATE {control} SET holder = @holder, lease_until_ms = @untilMs WHERE name = 'push' AND holder = @stale"),
            new { holder, untilMs, stale }, cancellationToken)) == 1;
    }

    /// <summary>Gives the lease up (at shutdown), so another instance need not wait for it to expire.</summary>
    public async Task ReleaseAsync(string holder, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(Command(dialect.Parameters(
            $"UPDATE {control} SET holder = NULL, lease_until_ms = NULL WHERE name = 'push' AND holder = @holder"),
            new { holder }, cancellationToken));
    }

    public async Task<PushControl> ReadControlAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<ControlRow>(Command(
            $"SELECT holder AS Holder, lease_until_ms AS LeaseUntilMs, paused_reason AS PausedReason, paused_at_ms AS PausedAtMs, generation AS Generation FROM {control} WHERE name = 'push'",
            cancellationToken: cancellationToken));
        return new PushControl(row.Holder, row.LeaseUntilMs, row.PausedReason, row.PausedAtMs, row.Generation);
    }

    /// <summary>Pauses all pushing (a 401: the credentials), with the reason operators see.</summary>
    public async Task PauseAsync(string reason, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(Command(dialect.Parameters(
            $"UPDATE {control} SET paused_reason = @reason, paused_at_ms = @nowMs WHERE name = 'push'"),
            new { reason, nowMs }, cancellationToken));
    }

    /// <summary>Resumes pushing; true when it was paused.</summary>
    public async Task<bool> ResumeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Command(
            $"UPDATE {control} SET paused_reason = NULL, paused_at_ms = NULL, generation = generation + 1 WHERE name = 'push' AND paused_reason IS NOT NULL",
            cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Every row of one interface (the worker keeps them in memory while it holds the lease).</summary>
    public async Task<List<Delivery>> LoadAsync(PushKind kind, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeliveryRow>(Command(
            dialect.Parameters($"SELECT {Columns} FROM {delivery} WHERE kind = @kind"), new { kind = KindText(kind) }, cancellationToken));
        return rows.Select(r => r.ToDelivery()).ToList();
    }

    /// <summary>Writes rows, each as an update or, when new, an insert; in one transaction.</summary>
    public async Task SaveAsync(IReadOnlyCollection<Delivery> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var update = dialect.Parameters($"""
            UPDATE {delivery} SET label = @Label, state = @State, content_hash = @ContentHash, delivered_hash = @DeliveredHash,
                reason = @Reason, attempts = @Attempts, first_seen_ms = @FirstSeenMs, next_attempt_ms = @NextAttemptMs,
                last_attempt_ms = @LastAttemptMs, delivered_at_ms = @DeliveredAtMs
            WHERE kind = @Kind AND item_key = @Key
            """);
        var insert = dialect.Parameters($"""
            INSERT INTO {delivery} (kind, item_key, label, state, content_hash, delivered_hash, reason, attempts,
                first_seen_ms, next_attempt_ms, last_attempt_ms, delivered_at_ms)
            VALUES (@Kind, @Key, @Label, @State, @ContentHash, @DeliveredHash, @Reason, @Attempts,
                @FirstSeenMs, @NextAttemptMs, @LastAttemptMs, @DeliveredAtMs)
            """);
        foreach (var row in rows)
        {
            var parameters = Parameters(row);
            if (await connection.ExecuteAsync(Command(update, parameters, transaction, cancellationToken)) == 0)
            {
                await connection.ExecuteAsync(Command(insert, parameters, transaction, cancellationToken));
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Forgets the rows <see cref="PushRetention"/> says (delivered, or expired after first appearing, before <paramref name="cutoffMs"/>); returns how many.</summary>
    public async Task<int> PruneAsync(long cutoffMs, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Command(dialect.Parameters(
            $"DELETE FROM {delivery} WHERE {PushRetention.Where}"), new { cutoffMs }, cancellationToken));
    }

    /// <summary>
    /// Puts parked rows (rejected, invalid) back to pending, optionally of one interface and one key
    /// or label, and tells the worker to reload; returns how many.
    /// </summary>
    public async Task<int> RequeueAsync(PushKind? kind, string? key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sql = $"UPDATE {delivery} SET state = 'pending', attempts = 0, next_attempt_ms = 0, reason = NULL WHERE state IN ('rejected', 'invalid')"
            + (kind is null ? "" : " AND kind = @kind")
            + (key is null ? "" : " AND (item_key = @key OR label = @key)");
        var count = await connection.ExecuteAsync(Command(dialect.Parameters(sql),
            new { kind = kind is null ? null : KindText(kind.Value), key }, transaction, cancellationToken));
        await connection.ExecuteAsync(Command(
            $"UPDATE {control} SET generation = generation + 1 WHERE name = 'push'", null, transaction, cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>Counts by interface and state, with the oldest first sighting of each.</summary>
    public async Task<List<StateCount>> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CountRow>(Command(
            $"SELECT kind AS KindText, state AS StateText, COUNT(*) AS RowTotal, MIN(first_seen_ms) AS OldestFirstSeenMs, " +
            $"SUM(CASE WHEN reason LIKE '{RowVerdict.AcceptedPrefix.TrimEnd()}%' THEN 1 ELSE 0 END) AS AcceptedTotal FROM {delivery} GROUP BY kind, state",
            cancellationToken: cancellationToken));
        return rows.Select(r => new StateCount(ParseKind(r.KindText), ParseState(r.StateText), r.RowTotal, r.OldestFirstSeenMs) { Accepted = r.AcceptedTotal }).ToList();
    }

    /// <summary>
    /// Rows an operator should look at, newest first: parked and expired, and pending after failed
    /// calls; at most <paramref name="max"/> of each, read until both are full.
    /// </summary>
    public async Task<(List<Delivery> Parked, List<Delivery> Retrying)> AttentionAsync(int max, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var parked = new List<Delivery>();
        var retrying = new List<Delivery>();
        var rows = connection.QueryUnbufferedAsync<DeliveryRow>(
            $"SELECT {Columns} FROM {delivery} WHERE state IN ('rejected', 'invalid', 'expired') OR (state = 'pending' AND attempts > 0) ORDER BY first_seen_ms DESC",
            commandTimeout: commandTimeout);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var list = row.StateText == "pending" ? retrying : parked;
            if (list.Count < max)
            {
                list.Add(row.ToDelivery());
            }
            if (parked.Count >= max && retrying.Count >= max)
            {
                break;
            }
        }
        return (parked, retrying);
    }

    public static string KindText(PushKind kind) => PushInterfaces.Of(kind).Text;

    public static string StateText(DeliveryState state) => state.ToString().ToLowerInvariant();

    /// <summary>The kind a stored word means; a word no interface of this version has (a row of a newer version) is refused, not taken for another kind.</summary>
    private static PushKind ParseKind(string text) =>
        PushInterfaces.All.FirstOrDefault(i => i.Text == text)?.Kind ?? throw new InvalidOperationException($"The push state holds rows of kind '{text}', which this version does not push.");

    /// <summary>The interface a view declared Pushed feeds, by the kind its declaration names; a kind this version has no interface for is a defect.</summary>
    public static PushKind KindOf(StandardView view) =>
        PushInterfaces.All.FirstOrDefault(i => i.Text == view.PushedAs)?.Kind
            ?? throw new InvalidOperationException($"{view.Name} is declared Pushed as '{view.PushedAs}', which no push interface of this version takes.");

    private static DeliveryState ParseState(string text) => Enum.Parse<DeliveryState>(text, ignoreCase: true);

    private static object Parameters(Delivery row) => new
    {
        Kind = KindText(row.Kind),
        row.Key,
        row.Label,
        State = StateText(row.State),
        row.ContentHash,
        row.DeliveredHash,
        row.Reason,
        row.Attempts,
        row.FirstSeenMs,
        row.NextAttemptMs,
        row.LastAttemptMs,
        row.DeliveredAtMs,
    };

    private CommandDefinition Command(string sql, CancellationToken cancellationToken) => Command(sql, null, null, cancellationToken);

    private CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken) => Command(sql, parameters, null, cancellationToken);

    private CommandDefinition Command(string sql, object? parameters, DbTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, commandTimeout, cancellationToken: cancellationToken);

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (connectBound is { } bound)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(bound);
            try
            {
                return await dataSource.OpenWithinAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The push state's database did not answer within Database:ConnectTimeoutSeconds ({bound.TotalSeconds - 1:0} s).");
            }
        }
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // A delivery recorded is on disk before the next call is made.
        await connection.ExecuteAsync(Command("PRAGMA synchronous = FULL", cancellationToken));
        return connection;
    }

    private sealed class ControlRow
    {
        public string? Holder { get; set; }

        public long? LeaseUntilMs { get; set; }

        public string? PausedReason { get; set; }

        public long? PausedAtMs { get; set; }

        public long Generation { get; set; }
    }

    private sealed class CountRow
    {
        public string KindText { get; set; } = "";

        public string StateText { get; set; } = "";

        public long RowTotal { get; set; }

        public long OldestFirstSeenMs { get; set; }

        public long AcceptedTotal { get; set; }
    }

    private sealed class DeliveryRow
    {
        public string KindText { get; set; } = "";

        public string ItemKey { get; set; } = "";

        public string? Label { get; set; }

        public string StateText { get; set; } = "";

        public string ContentHash { get; set; } = "";

        public string? DeliveredHash { get; set; }

        public string? Reason { get; set; }

        public int Attempts { get; set; }

        public long FirstSeenMs { get; set; }

        public long NextAttemptMs { get; set; }

        public long? LastAttemptMs { get; set; }

        public long? DeliveredAtMs { get; set; }

        public Delivery ToDelivery() => new()
        {
            Kind = ParseKind(KindText),
            Key = ItemKey,
            Label = Label,
            State = ParseState(StateText),
            ContentHash = ContentHash,
            DeliveredHash = DeliveredHash,
            Reason = Reason,
            Attempts = Attempts,
            FirstSeenMs = FirstSeenMs,
            NextAttemptMs = NextAttemptMs,
            LastAttemptMs = LastAttemptMs,
            DeliveredAtMs = DeliveredAtMs,
        };
    }
}
