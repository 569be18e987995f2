using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProviderApi.Check;
using ProviderApi.Data;
using ProviderApi.Push;
using ProviderApi.Tests.Contract;
using ProviderApi.Tests.Safety;
using ProviderApi.Views;

namespace ProviderApi.Tests.Architecture;

/// <summary>
/// The one list of standard views, and each view where its declaration places it: the contract's
/// four views in its order with its columns; every declared view created by every engine's
/// scripts and probed by /health/ready and checked by `check`; the dictionaries, and only they,
/// answered over HTTP; registrations and settlements, and only they, pushed.
/// </summary>
public sealed partial class StandardViewTests(DemoFile demo) : IClassFixture<DemoFile>
{
    private static ViewCatalog Catalog() => new(StandardViewList.All);

    [Fact]
    public void The_list_is_the_contracts_four_views_in_its_order_with_its_columns_and_modes()
    {
        var catalog = Catalog();
        Assert.Equal(["View_Register_Info", "View_ProjectItemCode_Info", "view_setlInfoList", "View_Dept_Info"], catalog.All.Select(v => v.Name));
        foreach (var view in catalog.All)
        {
            Assert.Equal(ContractColumns.ByView[view.Name], view.Columns);
            Assert.True(view.Takes(ViewModes.ReadByCloud), $"{view.Name} is read by the cloud (mode 1)");
        }
        // §3.5.2 and §3.7.2 are the only GET interfaces; §3.4.2 and §3.6.2 the only pushed ones.
        Assert.Equal(["View_ProjectItemCode_Info", "View_Dept_Info"], catalog.In(ViewModes.ServedOverHttp).Select(v => v.Name));
        Assert.Equal(["View_Register_Info", "view_setlInfoList"], catalog.In(ViewModes.Pushed).Select(v => v.Name));
    }

    [Fact]
    public void Every_engines_scripts_create_every_declared_view_and_grant_it_to_the_cloud()
    {
        foreach (var engine in DatabaseEngine.All.DistinctBy(e => e.ScriptFolder))
        {
            var scripts = engine.Plan(withDemo: false, hospitalSourceViews: null);
            var created = string.Join('\n', scripts.Where(s => s.Name.Contains("standard_views", StringComparison.Ordinal)).Select(s => s.Text));
            foreach (var view in Catalog().All)
            {
                Assert.True(Regex.IsMatch(created, $@"\bCREATE\b[^;]*?\bVIEW\s+(\w+\.)?\[?{view.Name}\]?\s", RegexOptions.IgnoreCase),
                    $"sql/{engine.ScriptFolder}: no script creates {view.Name}");
                if (engine.IsServer)
                {
                    var accounts = scripts.Single(s => s.Name.Contains("05_accounts", StringComparison.Ordinal)).Text;
                    Assert.True(accounts.Contains(view.Name, StringComparison.OrdinalIgnoreCase), $"sql/{engine.ScriptFolder}/05_accounts.sql does not grant {view.Name}");
                }
            }
        }
    }

    [Fact]
    public async Task Exactly_the_served_views_have_an_endpoint_and_it_answers_their_rows()
    {
        await using var factory = demo.Demo();
        using var client = factory.CreateClient();
        var catalog = factory.Services.GetRequiredService<ViewCatalog>();
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p.StartsWith("/standardHttp/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        Assert.Equal(catalog.In(ViewModes.ServedOverHttp).Select(v => v.Http!.Path).Order(StringComparer.Ordinal), routes);
        foreach (var view in catalog.In(ViewModes.ServedOverHttp))
        {
            var (status, body, _) = await client.FetchAsync(view.Http!.Path);
            Assert.Equal(200, status);
            var first = JsonDocument.Parse(body).RootElement.GetProperty("datas")[0];
            Assert.Equal(view.Fields, first.EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public async Task The_probe_and_the_check_cover_every_declared_view()
    {
        await using var factory = demo.Demo();
        using var client = factory.CreateClient();
        var names = factory.Services.GetRequiredService<ViewCatalog>().All.Select(v => v.Name).ToList();

        var (_, details, _) = await client.FetchAsync("/health/ready");
        var database = JsonDocument.Parse(details).RootElement.GetProperty("checks").GetProperty("database");
        Assert.All(names, name => Assert.Equal("ok", database.GetProperty(name).GetString()));

        var report = await ActivatorUtilities.CreateInstance<ContractCheck>(factory.Services).RunAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(names, report.Views.Select(v => v.View));
    }

    [Fact]
    public void Every_pushed_view_feeds_one_interface_and_every_interface_has_its_view()
    {
        var kinds = Catalog().In(ViewModes.Pushed).Select(PushStore.KindOf).ToList();
        Assert.Equal(Enum.GetValues<PushKind>(), kinds.Order());
    }

    [Fact]
    public void A_declaration_cannot_serve_or_push_a_view_without_saying_so()
    {
        var registrations = ProviderApi.Registrations.RegistrationView.Declaration;
        var served = new StandardView<ProviderApi.Registrations.Registration>(registrations.Name, ViewModes.ReadByCloud, registrations.Columns, registrations.Key, registrations.Json, registrations.Validator, registrations.Label)
        {
            Http = new HttpServing("/standardHttp/getRegistrations", "getRegistrations", "registrations", "", "", ["outpatientNumber"]),
        };
        Assert.Contains("ServedOverHttp", Assert.Throws<InvalidOperationException>(() => new ViewCatalog([served])).Message, StringComparison.Ordinal);
        var pushed = new StandardView<ProviderApi.Registrations.Registration>(registrations.Name, ViewModes.ReadByCloud, registrations.Columns, registrations.Key, registrations.Json, registrations.Validator, registrations.Label) { PushedAs = "registration" };
        Assert.Contains("Pushed", Assert.Throws<InvalidOperationException>(() => new ViewCatalog([pushed])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_provider_value_has_one_engine_and_its_script_folder()
    {
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            var engine = DatabaseEngine.For(provider);
            Assert.Equal(provider, engine.Provider);
            Assert.True(Directory.Exists(Repository.File($"sql/{engine.ScriptFolder}")), $"sql/{engine.ScriptFolder}");
        }
        var unknown = Assert.Throws<InvalidOperationException>(() => DatabaseEngine.For((DatabaseProvider)99));
        Assert.StartsWith("Database:Provider '99' is unknown; use Demo, Sqlite, PostgreSql, SqlServer, Oracle or MySql.", unknown.Message, StringComparison.Ordinal);
    }
}
