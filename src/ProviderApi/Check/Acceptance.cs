using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Options;

namespace ProviderApi.Check;

/// <summary>Which rows of a view an acceptance covers.</summary>
public enum AcceptanceScope
{
    /// <summary>Every row that breaks the rule on the field.</summary>
    All,

    /// <summary>Rows whose key (outpatientNumber, examCode, deptCode) is listed.</summary>
    Keys,

    /// <summary>Rows whose <see cref="Acceptance.Column"/> holds one of the listed values ("" for an empty one).</summary>
    Column,

    /// <summary>At most <see cref="Acceptance.MaxRows"/> rows of the current window, whichever they are.</summary>
    MaxRows,
}

/// <summary>
/// One accepted exception of the hospital's file (Check:AcceptedExceptionsPath): a rule broken on a
/// field of a view, for a scope of rows (and one institution, or all), agreed with the cloud until
/// an expiry date. The listed keys and values are the hospital's own: never printed, only counted.
/// </summary>
/// <remarks>
/// Number: its place in the file, from 1 (the report names it #2). Line: the line it starts on.
/// Values: the keys (scope Keys) or the column's values (scope Column), trimmed; empty otherwise.
/// MaxRows: at most this many rows of the current window (scope MaxRows; a cap on Keys and Column
/// too); null: no cap. Expires: the last day it holds (the hospital's calendar day).
/// </remarks>
public sealed record Acceptance(
    int Number,
    int Line,
    string View,
    CheckRule Rule,
    string Field,
    AcceptanceScope Scope,
    string? Column,
    IReadOnlySet<string> Values,
    int? MaxRows,
    string? Hospitalld,
    string Reason,
    string AgreedBy,
    DateOnly Expires)
{
    /// <summary>Days before the expiry from which the check warns.</summary>
    public const int ExpiryWarningDays = 14;

    public bool HasExpired(DateOnly today) => today > Expires;

    /// <summary>The scope as the report prints it: kinds and counts, never the listed keys or values.</summary>
    public (string Chinese, string English) ScopeText()
    {
        var (zh, en) = Scope switch
        {
            AcceptanceScope.All => ("全部行", "all rows"),
            AcceptanceScope.Keys => ($"列出的 {Values.Count} 个键（{Field}）", $"{Values.Count} listed keys"),
            AcceptanceScope.Column => ($"{Column} 为列出的 {Values.Count} 个值之一的行", $"rows whose {Column} is one of {Values.Count} listed values"),
            _ => ($"至多 {MaxRows} 行", $"at most {MaxRows} rows"),
        };
        if (MaxRows is { } max && Scope != AcceptanceScope.MaxRows)
        {
            (zh, en) = ($"{zh}，至多 {max} 行", $"{en}, at most {max} rows");
        }
        if (Hospitalld is not null)
        {
            (zh, en) = ($"{zh}，仅 {Hospitalld}", $"{en}, institution {Hospitalld} only");
        }
        return (zh, en);
    }

    /// <summary>True when this acceptance's scope takes in the row (its rule and field already matched).</summary>
    internal bool Covers(Func<string, string?> value, string? key)
    {
        if (Hospitalld is not null && value("hospitalld")?.Trim() != Hospitalld)
        {
            return false;
        }
        return Scope switch
        {
            AcceptanceScope.Keys => key is not null && Values.Contains(key.Trim()),
            AcceptanceScope.Column => Values.Contains(value(Column!)?.Trim() ?? ""),
            _ => true,
        };
    }
}

/// <summary>The hospital's accepted exceptions as read from its file (none when Check:AcceptedExceptionsPath is not set).</summary>
public sealed record AcceptanceList(string? Path, IReadOnlyList<Acceptance> All)
{
    public static AcceptanceList None { get; } = new(null, []);
}

/// <summary>A broken rule on one field of a row, as the check reports it and the push parks a row for: the one mapping from the views' validators.</summary>
/// <remarks>Value: The value tried, unmasked: whoever shows it masks it (<see cref="Common.Masking.Value"/>).</remarks>
public sealed record RowProblem(CheckRule Rule, string Field, string? Value, bool IsError)
{
    /// <summary>"RULE-ID field", as the push's reasons and logs name it.</summary>
    public override string ToString() => $"{Rule.Id} {Field}";

    /// <summary>Each failure of a validator as the rule (its error code) broken on the field (the JSON key, camelCase).</summary>
    public static IEnumerable<RowProblem> Of(ValidationResult result) =>
        result.Errors.Select(f => new RowProblem(
            CheckRules.Get(f.ErrorCode),
            JsonNamingPolicy.CamelCase.ConvertName(f.PropertyName),
            f.AttemptedValue as string,
            f.Severity == Severity.Error));
}

/// <summary>
/// The accepted exceptions applied to one read of one view (a check, or one poll of the push): which
/// acceptance covers a problem of a row, and how many rows each has taken, so that "at most N rows"
/// counts against the rows of the current window.
/// </summary>
public sealed class AcceptanceLedger(AcceptanceList list, string view, DateOnly today)
{
    private readonly Acceptance[] mine = [.. list.All.Where(a => a.View == view)];
    private readonly Dictionary<int, Counts> counts = [];

    public string View => view;

    public DateOnly Today => today;

    public bool IsEmpty => mine.Length == 0;

    /// <summary>The acceptances of this view that take in the row's problem (expired ones included).</summary>
    public List<Acceptance> Covering(RowProblem problem, Func<string, string?> value, string? key) =>
        mine.Length == 0
            ? []
            : [.. mine.Where(a => a.Rule.Id == problem.Rule.Id && a.Field == problem.Field && a.Covers(value, key))];

    /// <summary>
    /// The first acceptance of <paramref name="covering"/> that is in force and has room, taking a
    /// row of it unless <paramref name="dryRun"/>; null when none. Unless a dry run, a problem no
    /// acceptance can take is counted against the one that would have (over its limit, or expired).
    /// </summary>
    public Acceptance? Take(List<Acceptance> covering, bool dryRun = false)
    {
        foreach (var acceptance in covering)
        {
            if (acceptance.HasExpired(today))
            {
                continue;
            }
            var count = Of(acceptance);
            if (acceptance.MaxRows is { } max && count.Accepted >= max)
            {
                continue;
            }
            if (!dryRun)
            {
                count.Accepted++;
            }
            return acceptance;
        }
        if (!dryRun && covering.Count > 0)
        {
            var blocked = covering.FirstOrDefault(a => !a.HasExpired(today));
            if (blocked is not null)
            {
                Of(blocked).Over++;
            }
            else
            {
                Of(covering[0]).Expired++;
            }
        }
        return null;
    }

    /// <summary>Rows taken, rows over the limit, rows it would have covered but expired.</summary>
    public (long Accepted, long Over, long Expired) CountsOf(Acceptance acceptance) =>
        counts.TryGetValue(acceptance.Number, out var c) ? (c.Accepted, c.Over, c.Expired) : (0, 0, 0);

    private Counts Of(Acceptance acceptance)
    {
        if (!counts.TryGetValue(acceptance.Number, out var count))
        {
            count = new Counts();
            counts[acceptance.Number] = count;
        }
        return count;
    }

    private sealed class Counts
    {
        public long Accepted { get; set; }

        public long Over { get; set; }

        public long Expired { get; set; }
    }
}

/// <summary>Configuration section <c>Check</c>.</summary>
public sealed class CheckOptions
{
    public const string Section = "Check";

    /// <summary>
    /// The hospital's file of accepted exceptions (JSON), kept in its own folder beside its source
    /// views and never touched by an upgrade; a relative path is taken from the provider's folder.
    /// Not set: no exception is accepted.
    /// </summary>
    public string? AcceptedExceptionsPath { get; set; }
}

/// <summary>Resolves Check:AcceptedExceptionsPath against the content root, as Database:SourceViewsPath is.</summary>
internal sealed class CheckOptionsSetup(IHostEnvironment environment) : IPostConfigureOptions<CheckOptions>
{
    public void PostConfigure(string? name, CheckOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.AcceptedExceptionsPath))
        {
            options.AcceptedExceptionsPath = System.IO.Path.GetFullPath(options.AcceptedExceptionsPath, environment.ContentRootPath);
        }
        else
        {
            options.AcceptedExceptionsPath = null;
        }
    }
}
