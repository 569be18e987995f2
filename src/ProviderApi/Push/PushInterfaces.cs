using ProviderApi.Views;

namespace ProviderApi.Push;

/// <summary>
/// One interface of mode 2: its kind, the word its rows are stored under in the delivery state
/// (and that <c>push-requeue --kind</c> and a view declaration's <c>PushedAs</c> name), and its
/// section of <see cref="PushOptions"/> (enabled, path).
/// </summary>
public sealed record PushInterface(PushKind Kind, string Text, string OptionsKey, Func<PushOptions, PushKindOptions> Options);

/// <summary>
/// The interfaces of mode 2, in one list: every place that goes through the interfaces (the
/// worker, the store's words, the options' validation, the status, the metrics, the command
/// line) reads it. A new interface is one entry here, its <see cref="PushKind"/> and its section
/// in <see cref="PushOptions"/>, and a view declared Pushed as its <see cref="PushInterface.Text"/>.
/// </summary>
public static class PushInterfaces
{
    public static IReadOnlyList<PushInterface> All { get; } =
    [
        new(PushKind.Registration, "registration", nameof(PushOptions.Registrations), options => options.Registrations),
        new(PushKind.Settlement, "settlement", nameof(PushOptions.Settlements), options => options.Settlements),
    ];

    /// <summary>The entry of a kind; a kind without one is a defect.</summary>
    public static PushInterface Of(PushKind kind) =>
        All.FirstOrDefault(i => i.Kind == kind) ?? throw new InvalidOperationException($"The push kind {kind} has no entry in PushInterfaces.All.");

    /// <summary>The interface stored or written as <paramref name="text"/> (also its plural, as operators type it); null for none.</summary>
    public static PushInterface? Parse(string text) =>
        All.FirstOrDefault(i => i.Text == text || i.Text + "s" == text);

    /// <summary>The words, as the help lists them: registration|settlement.</summary>
    public static string Words => string.Join('|', All.Select(i => i.Text));
}

/// <summary>
/// A pushed interface as the worker runs it: the interface and the view it reads. The view's
/// declaration gives the key the cloud de-duplicates on, the validator that holds a row back and
/// the fields left out; the interface's options give the path it is posted to.
/// </summary>
public sealed record PushedView(PushInterface Interface, StandardView View)
{
    public PushKind Kind => Interface.Kind;

    /// <summary>
    /// The views the catalog declares Pushed, each with the interface it feeds (in the catalog's
    /// order); a pushed view this version has no interface for stops start-up.
    /// </summary>
    public static IReadOnlyList<PushedView> In(ViewCatalog catalog) =>
        [.. catalog.In(ViewModes.Pushed).Select(view => new PushedView(PushInterfaces.Of(PushStore.KindOf(view)), view))];
}
