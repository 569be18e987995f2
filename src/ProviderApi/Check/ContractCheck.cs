using System.Data.Common;
using ProviderApi.Common;
using ProviderApi.Data;
using ProviderApi.Views;

namespace ProviderApi.Check;

/// <summary>Reading a view or a code table failed; the message names which, and holds no value in clear.</summary>
public sealed class ContractCheckException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// The contract check a DBA runs before go-live: reads the four standard views through the
/// same repositories the endpoints and the push use (so it sees what the cloud sees), one
/// row at a time, and validates each row against contract.md. Only the keys of the views are
/// kept (for the uniqueness rules), never the rows.
/// </summary>
public sealed class ContractCheck(
    ViewCatalog catalog,
    ViewReader views,
    DatabaseEngine dialect,
    Microsoft.Extensions.Options.IOptions<DatabaseOptions> options)
{
    public const int DefaultExamples = 3;

    /// <summary>
    /// FROM and WHERE of the exam items the crosswalk does not map (v.examCode, v.examName, v.hospitalld),
    /// for selftest's count (the check counts the same from <see cref="Crosswalk"/>): no row for the item's own institution, none for all
    /// institutions ('*') and no matching rule (exam_part_by_rule). The standard view, not src_exam_item: it has
    /// the source view's rows one for one, and the provider's own login (imgcloud_provider) may read it, the
    /// crosswalk and the rules' views, not the source views.
    /// </summary>
    public static string UnmappedItems(DatabaseEngine dialect) => $"""
        FROM {dialect.StandardView("View_ProjectItemCode_Info")} v
        LEFT JOIN {dialect.Imgcloud("exam_part_map")} m ON m.exam_code = v.examCode AND m.hospital_id IN (v.hospitalld, '{AllInstitutions}')
        WHERE m.exam_code IS NULL
          AND NOT EXISTS (SELECT 1 FROM {dialect.Imgcloud("exam_part_by_rule")} r WHERE r.exam_code = v.examCode AND r.hospital_id = v.hospitalld)
        """;

    /// <summary>The crosswalk's hospital_id of a row for every institution (a key column cannot be NULL, and Oracle stores '' as NULL).</summary>
    public const string AllInstitutions = "*";

    public Task<CheckReport> RunAsync(int examples = DefaultExamples, CancellationToken cancellationToken = default) =>
        RunAsync(examples, AcceptanceList.None, default, cancellationToken);

    /// <summary>The check, with the hospital's accepted exceptions as they stand on <paramref name="today"/>.</summary>
    public async Task<CheckReport> RunAsync(int examples, AcceptanceList accepted, DateOnly today, CancellationToken cancellationToken = default)
    {
        var sexTexts = await ReadAsync(options.Value, dialect.Imgcloud("sex_map"), () => SexMap.ReadTextsAsync(views, dialect, cancellationToken));

        var reports = new List<ViewReport>();
        var ledgers = new List<AcceptanceLedger>();
        foreach (var view in catalog.All)
        {
            var ledger = new AcceptanceLedger(accepted, view.Name, today);
            ledgers.Add(ledger);
            reports.Add(await view.Accept(new ViewChecker(views, options.Value, sexTexts, examples, ledger, cancellationToken)));
        }

        var crosswalk = await Crosswalk.ReadAsync(views, dialect, options.Value, cancellationToken);

        return new CheckReport(options.Value.Provider.ToString(), [.. reports], CrosswalkReport.Of(crosswalk, dialect))
        {
            Accepted = accepted.Path is null ? null : AcceptedReport.Of(accepted, ledgers),
        };
    }

    /// <summary>Checks one view, typed: every row against its validator, and its key for repeats.</summary>
    private sealed class ViewChecker(ViewReader views, DatabaseOptions options, IReadOnlySet<string> sexTexts, int examples, AcceptanceLedger ledger, CancellationToken cancellationToken)
        : IStandardViewVisitor<Task<ViewReport>>
    {
        public async Task<ViewReport> Visit<T>(StandardView<T> view)
        {
            var validator = view.Validator(sexTexts);
            var duplicate = view.DuplicateRule is null ? null : CheckRules.Get(view.DuplicateRule);
            var tally = new Tally(examples);
            var acceptedTally = new Tally(examples);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            long count = 0;
            await ReadAsync(options, view.Name, async () =>
            {
                await foreach (var row in view.StreamAsync(views, cancellationToken).WithCancellation(cancellationToken))
                {
                    count++;
                    var label = view.Label(row, count);
                    var shownKey = ContractFormats.IsEmpty(label) ? $"#{count}" : label!;
                    var key = view.KeyOf?.Invoke(row);
                    void Found(RowProblem problem)
                    {
                        var accepted = problem.IsError && !ledger.IsEmpty
                            ? ledger.Take(ledger.Covering(problem, f => view.ValueOf(row, f), key))
                            : null;
                        (accepted is null ? tally : acceptedTally).Add(problem.Rule, problem.Field, shownKey, Masking.Value(problem.Field, problem.Value), accepted?.Number);
                    }
                    foreach (var problem in RowProblem.Of(validator.Validate(row)))
                    {
                        Found(problem);
                    }
                    if (duplicate is not null && !ContractFormats.IsEmpty(key))
                    {
                        // Unique within its scope (the dictionaries' codes per hospitalld): the same code in two institutions is no repeat.
                        var scope = view.ScopeOf?.Invoke(row);
                        if (!seen.Add(view.ScopeOf is null ? key! : $"{key}\u001F{scope}"))
                        {
                            Found(new RowProblem(duplicate, view.Key!, view.ScopeOf is null ? key : $"{key} ({view.KeyScope} {scope})", IsError: true));
                        }
                    }
                }
                return count;
            });
            return new ViewReport(view.Name, count, tally.Findings()) { Accepted = acceptedTally.Findings() };
        }
    }

    /// <summary>
    /// Runs a read; a driver's error becomes a <see cref="ContractCheckException"/> naming <paramref name="what"/>,
    /// its message redacted, with the GRANT to run when a right was lacking (<see cref="DatabaseEngine.ReadAdvice"/>).
    /// </summary>
    internal static async Task<TResult> ReadAsync<TResult>(DatabaseOptions options, string what, Func<Task<TResult>> read)
    {
        try
        {
            return await read();
        }
        catch (DbException ex)
        {
            var advice = DatabaseEngine.For(options.Provider).ReadAdvice(ex, what, options);
            throw new ContractCheckException($"Reading {what} failed: {Masking.Redact(ex.Message)}{(advice is null ? "" : $"\n{advice}")}", ex);
        }
    }

    /// <summary>Counts per rule and field, keeping only the first few examples of each.</summary>
    private sealed class Tally(int examples)
    {
        private readonly Dictionary<(string Rule, string? Field, int? Acceptance), Entry> found = [];

        public void Add(CheckRule rule, string? field, string row, string? value, int? acceptance = null)
        {
            if (!found.TryGetValue((rule.Id, field, acceptance), out var entry))
            {
                entry = new Entry(rule);
                found[(rule.Id, field, acceptance)] = entry;
            }
            entry.Count++;
            if (entry.Examples.Count < examples)
            {
                entry.Examples.Add(new FindingExample(row, value));
            }
        }

        /// <summary>Errors first, then by rule id and field, so two runs over the same rows print the same report.</summary>
        public RuleFinding[] Findings() =>
        [
            .. found
                .OrderBy(f => f.Value.Rule.Severity)
                .ThenBy(f => f.Key.Rule, StringComparer.Ordinal)
                .ThenBy(f => f.Key.Field, StringComparer.Ordinal)
                .ThenBy(f => f.Key.Acceptance)
                .Select(f => new RuleFinding(f.Key.Rule, f.Value.Rule.Severity, f.Key.Field, f.Value.Count,
                    f.Value.Rule.Chinese, f.Value.Rule.English, f.Value.Examples) { Acceptance = f.Key.Acceptance }),
        ];

        private sealed class Entry(CheckRule rule)
        {
            public CheckRule Rule { get; } = rule;

            public long Count { get; set; }

            public List<FindingExample> Examples { get; } = [];
        }
    }
}
