using ArchUnitNET.Loader;

namespace ProviderApi.Tests.Architecture;

/// <summary>
/// The provider's folders (its namespaces) depend on each other in one direction only: a feature
/// may use the shared floor, never the other way round, no two features lean on each other, and
/// the root namespace is composition only (Program and the host), which nothing inside reaches back to.
/// </summary>
public sealed class NamespaceTests
{
    private static readonly ArchUnitNET.Domain.Architecture Provider =
        new ArchLoader().LoadAssemblies(typeof(ProviderApi.Data.DatabaseOptions).Assembly).Build();

    /// <summary>Every use of a type of one folder by a type of another: (from folder, to folder) and an example.</summary>
    private static readonly Dictionary<(string From, string To), string> Edges = Provider.Types
        .SelectMany(t => t.Dependencies.Select(d => (From: t, To: d.Target)))
        // A generic method's type parameter is listed as a type of the method's class: not a use.
        .Where(d => d.To is not ArchUnitNET.Domain.GenericParameter)
        .Select(d => (From: Folder(d.From.Namespace?.FullName), To: Folder(d.To.Namespace?.FullName), Example: $"{d.From.FullName} -> {d.To.FullName}"))
        .Where(d => d.From is not null && d.To is not null && d.From != d.To)
        .GroupBy(d => (d.From!, d.To!))
        .ToDictionary(g => g.Key, g => g.First().Example);

    /// <summary>The folder of a namespace of the provider: ProviderApi.Data.Demo is Data; the root is "(root)"; null outside the provider.</summary>
    private static string? Folder(string? ns) =>
        ns == "ProviderApi" ? "(root)"
        : ns is not null && ns.StartsWith("ProviderApi.", StringComparison.Ordinal) ? ns["ProviderApi.".Length..].Split('.')[0]
        : null;

    [Fact]
    public void The_folders_form_no_cycle()
    {
        var graph = Edges.Keys.Where(e => e.From != "(root)").GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToHashSet());
        bool Reaches(string from, string to)
        {
            var seen = new HashSet<string>();
            var stack = new Stack<string>([from]);
            while (stack.TryPop(out var at))
            {
                if (at == to)
                {
                    return true;
                }
                if (seen.Add(at) && graph.TryGetValue(at, out var next))
                {
                    foreach (var n in next)
                    {
                        stack.Push(n);
                    }
                }
            }
            return false;
        }
        var cycles = Edges
            .Where(e => e.Key.From != "(root)" && e.Key.To != "(root)" && Reaches(e.Key.To, e.Key.From))
            .Select(e => $"{e.Key.From} -> {e.Key.To} (e.g. {e.Value}), and {e.Key.To} leads back to {e.Key.From}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(cycles.Count == 0, "Folders that depend on each other, directly or round a loop:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void Nothing_in_a_folder_depends_on_the_root_namespace()
    {
        var reachingBack = Edges.Where(e => e.Key.To == "(root)").Select(e => e.Value).Order(StringComparer.Ordinal).ToList();
        Assert.True(reachingBack.Count == 0, "The root namespace is composition only; these reach back to it:\n" + string.Join("\n", reachingBack));
    }

    /// <summary>The floors of ARCHITECTURE.md ("Folders, floor by floor"): a folder uses only folders on lower floors.</summary>
    private static readonly Dictionary<string, int> Floors = new(StringComparer.Ordinal)
    {
        ["Common"] = 0,
        ["Logging"] = 1,
        ["Contract"] = 1,
        ["Data"] = 2,
        ["Access"] = 2,
        ["Views"] = 3,
        ["Discovery"] = 3,
        ["Check"] = 4,
        ["Registrations"] = 5,
        ["Settlements"] = 5,
        ["Dictionaries"] = 5,
        ["Push"] = 5,
        ["Relay"] = 5,
        ["Operations"] = 6,
        ["Cli"] = 7,
        ["(root)"] = 8,
    };

    [Fact]
    public void Every_folder_uses_only_folders_on_lower_floors()
    {
        var unknown = Edges.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct().Where(f => !Floors.ContainsKey(f)).ToList();
        Assert.True(unknown.Count == 0, "Folders without a floor in ARCHITECTURE.md (and in this test): " + string.Join(", ", unknown));
        var upward = Edges
            .Where(e => Floors[e.Key.From] <= Floors[e.Key.To])
            .Select(e => $"{e.Key.From} (floor {Floors[e.Key.From]}) -> {e.Key.To} (floor {Floors[e.Key.To]}), e.g. {e.Value}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(upward.Count == 0, "Uses of a folder on the same floor or above:\n" + string.Join("\n", upward));
    }
}
