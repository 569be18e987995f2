using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using ProviderApi.Contract;
using ProviderApi.Data;

namespace ProviderApi.Views;

/// <summary>The ways the contract lets the cloud have a view's rows.</summary>
[Flags]
public enum ViewModes
{
    /// <summary>Mode 1: the cloud reads the view itself, with its own login (granted this view and no other object).</summary>
    ReadByCloud = 1,

    /// <summary>The cloud polls it over HTTP (§3.5.2, §3.7.2): only the two dictionaries.</summary>
    ServedOverHttp = 2,

    /// <summary>Mode 2: the provider posts its rows to the cloud (§3.4.2, §3.6.2): only registrations and settlements.</summary>
    Pushed = 4,
}

/// <summary>How a served view is answered over HTTP.</summary>
/// <param name="Path">The route, e.g. /standardHttp/getExamDict.</param>
/// <param name="Name">The endpoint's name (getExamDict), also the cache's key and the metrics' label.</param>
/// <param name="What">What the answer is, as log lines name it ("the exam-item dictionary").</param>
/// <param name="Summary">The Swagger summary.</param>
/// <param name="Description">The Swagger description.</param>
/// <param name="OrderBy">The columns <c>datas</c> is ordered by, in turn (ordinal comparison, NULLs last, on every engine).</param>
public sealed record HttpServing(string Path, string Name, string What, string Summary, string Description, IReadOnlyList<string> OrderBy)
{
    /// <summary>The ORDER BY terms of <see cref="OrderBy"/> on <paramref name="engine"/>.</summary>
    public string OrderTerms(DatabaseEngine engine) => string.Join(", ", OrderBy.Select(engine.OrdinalOrder));
}

/// <summary>
/// One standard view of the contract, declared once in its feature folder: its name and
/// columns, its key, the row type and its JSON, the validator of the contract's rules, and the
/// modes it takes part in. The endpoints, the check, the health probe, selftest and the push all
/// iterate <see cref="ViewCatalog"/>; none keeps a list of its own, and none may serve or push a
/// view whose declaration does not say so.
/// </summary>
public abstract class StandardView
{
    private protected StandardView(string name, ViewModes modes, IReadOnlyList<string> columns, string? key)
    {
        Name = name;
        Modes = modes;
        Columns = columns;
        Key = key;
    }

    /// <summary>The view's name, as the scripts create it and the cloud reads it.</summary>
    public string Name { get; }

    public ViewModes Modes { get; }

    /// <summary>The view's columns, in the contract's order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The column whose value is unique in the view (the cloud de-duplicates on it); null when the view has none.</summary>
    public string? Key { get; }

    /// <summary>How it is answered over HTTP; set exactly when <see cref="Modes"/> has <see cref="ViewModes.ServedOverHttp"/>.</summary>
    public HttpServing? Http { get; init; }

    /// <summary>The id of the check's rule broken by a repeated <see cref="Key"/> (e.g. REG-NUMBER-DUPLICATE).</summary>
    public string? DuplicateRule { get; init; }

    /// <summary>
    /// The column within each of whose values <see cref="Key"/> is unique, or null when it is unique in the whole view:
    /// hospitalld for the dictionaries, whose codes are unique per institution, not across the institutions of one HIS.
    /// </summary>
    public string? KeyScope { get; init; }

    /// <summary>Pushed views: the kind the push's delivery state records its rows under ("registration").</summary>
    public string? PushedAs { get; init; }

    /// <summary>Pushed views: fields of the view the push interface does not list, left out of the posted record.</summary>
    public IReadOnlySet<string> NotPushed { get; init; } = new HashSet<string>();

    public abstract Type RowType { get; }

    /// <summary>The JSON keys of a row, in the contract's order (what a repository selects).</summary>
    public abstract IReadOnlyList<string> Fields { get; }

    public bool Takes(ViewModes mode) => (Modes & mode) == mode;

    /// <summary>
    /// SELECT of the row's fields from the view, named with its schema on <paramref name="engine"/>,
    /// ordered by <paramref name="orderBy"/> when given (an engine's ordinal ORDER BY term).
    /// </summary>
    public string Select(DatabaseEngine engine, string? orderBy = null) =>
        $"SELECT {string.Join(", ", Fields)}\nFROM {engine.StandardView(Name)}" + (orderBy is null ? "" : $"\nORDER BY {orderBy}");

    /// <summary>Hands the typed declaration to <paramref name="visitor"/>: how generic work (check, push) reaches the row type.</summary>
    public abstract TResult Accept<TResult>(IStandardViewVisitor<TResult> visitor);

    /// <summary>A writer of the reader's current row as the contract's JSON, for one read (see <see cref="ReaderRowJson{T}"/>).</summary>
    public abstract Func<Action<Utf8JsonWriter, DbDataReader>> RowWriter { get; }

    public override string ToString() => Name;
}

/// <summary>Work done with a view's rows typed: <c>view.Accept(visitor)</c> calls <see cref="Visit{T}"/> with the view's row type.</summary>
public interface IStandardViewVisitor<out TResult>
{
    TResult Visit<T>(StandardView<T> view);
}

/// <summary>A standard view whose rows are <typeparamref name="T"/>.</summary>
public sealed class StandardView<T> : StandardView
{
    private readonly ReaderRowJson<T>? readerJson;

    /// <param name="name">The view's name.</param>
    /// <param name="modes">The modes the contract gives it.</param>
    /// <param name="columns">The view's columns, in the contract's order.</param>
    /// <param name="key">The unique column, or null.</param>
    /// <param name="json">The row's JSON (the contract's keys and order).</param>
    /// <param name="validator">The contract's rules for a row, given the sex map's outputs (what patientSex may be).</param>
    /// <param name="label">What a report or a status page shows to name a row (never a personal value), given its place in the read.</param>
    public StandardView(
        string name, ViewModes modes, IReadOnlyList<string> columns, string? key,
        JsonTypeInfo<T> json, Func<IReadOnlySet<string>, IValidator<T>> validator, Func<T, long, string?> label)
        : base(name, modes, columns, key)
    {
        Json = json;
        Validator = validator;
        Label = label;
        Fields = json.Properties.OrderBy(p => p.Order).Select(p => p.Name).ToArray();
        if (json.Properties.All(p => p.PropertyType == typeof(string)))
        {
            readerJson = new ReaderRowJson<T>(json);
        }
        getters = json.Properties
            .Where(p => p.PropertyType == typeof(string) && p.Get is not null)
            .ToDictionary(p => p.Name, p => (Func<T, string?>)(row => (string?)p.Get!(row!)), StringComparer.Ordinal);
        KeyOf = key is null ? null : getters.TryGetValue(key, out var get)
            ? get
            : throw new ArgumentException($"{name}: the key {key} cannot be read from {typeof(T).Name}.", nameof(key));
    }

    private readonly Dictionary<string, Func<T, string?>> getters;

    /// <summary>The value of the field <paramref name="field"/> (a JSON key of the row) in a row; null when the row has no such text field.</summary>
    public string? ValueOf(T row, string field) => getters.TryGetValue(field, out var get) ? get(row) : null;

    public JsonTypeInfo<T> Json { get; }

    public Func<IReadOnlySet<string>, IValidator<T>> Validator { get; }

    public Func<T, long, string?> Label { get; }

    /// <summary>The value of <see cref="StandardView.Key"/> in a row; null when the view has no key.</summary>
    public Func<T, string?>? KeyOf { get; }

    /// <summary>The value of <see cref="StandardView.KeyScope"/> in a row; null when the key is unique in the whole view.</summary>
    public Func<T, string?>? ScopeOf => KeyScope is null
        ? null
        : scopeOf ??= Json.Properties.Single(p => p.Name == KeyScope).Get is { } get
            ? row => (string?)get(row!)
            : throw new InvalidOperationException($"{Name}: the key's scope {KeyScope} cannot be read from {typeof(T).Name}.");

    private Func<T, string?>? scopeOf;

    /// <summary>Pushed views: what the status page and the log show of a row (never a personal value in clear); default: its key.</summary>
    public Func<T, string>? PushLabel { get; init; }

    public override Type RowType => typeof(T);

    public override IReadOnlyList<string> Fields { get; }

    public override Func<Action<Utf8JsonWriter, DbDataReader>> RowWriter =>
        readerJson is null ? throw new InvalidOperationException($"{Name}: {typeof(T).Name} has a value that is not a string; it is not written from the reader.") : readerJson.NewRead;

    /// <summary>Every row of the view, typed (Dapper, one row at a time).</summary>
    public IAsyncEnumerable<T> StreamAsync(ViewReader views, CancellationToken cancellationToken) =>
        views.StreamAsync<T>(Select(views.Engine), cancellationToken);

    public override TResult Accept<TResult>(IStandardViewVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>
/// The standard views, in the contract's order: the one list every part iterates. Each feature's
/// declaration is added to it at composition (<c>StandardViewList.cs</c> beside Program.cs).
/// </summary>
public sealed class ViewCatalog
{
    public ViewCatalog(IEnumerable<StandardView> views)
    {
        All = views.ToArray();
        foreach (var view in All)
        {
            if (view.Takes(ViewModes.ServedOverHttp) != view.Http is not null)
            {
                throw new InvalidOperationException($"{view.Name}: a view is answered over HTTP exactly when its declaration says ServedOverHttp.");
            }
            if (view.Takes(ViewModes.Pushed) != view.PushedAs is not null)
            {
                throw new InvalidOperationException($"{view.Name}: a view is pushed exactly when its declaration says Pushed.");
            }
        }
        var twice = All.GroupBy(v => v.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new InvalidOperationException($"{twice.Key} is declared twice.");
        }
    }

    public IReadOnlyList<StandardView> All { get; }

    /// <summary>The views that take part in <paramref name="mode"/>.</summary>
    public IEnumerable<StandardView> In(ViewModes mode) => All.Where(v => v.Takes(mode));
}

public static class ViewServices
{
    /// <summary>Adds the views' declarations, in order, and the catalog that lists them.</summary>
    public static IServiceCollection AddStandardViews(this IServiceCollection services, params StandardView[] views)
    {
        foreach (var view in views)
        {
            services.AddSingleton(view);
        }
        services.AddSingleton<ViewCatalog>();
        return services;
    }
}
