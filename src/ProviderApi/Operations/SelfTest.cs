using System.Data.Common;
using System.Diagnostics;
using System.Net.Sockets;
using Dapper;
using Microsoft.Extensions.Options;
using ProviderApi.Access;
using ProviderApi.Check;
using ProviderApi.Common;
using ProviderApi.Contract;
using ProviderApi.Data;
using ProviderApi.Data.Demo;
using ProviderApi.Dictionaries;
using ProviderApi.Logging;

namespace ProviderApi.Operations;

/// <summary>
/// The <c>selftest</c> verb: what an installer checks before telling the cloud "ready": settings,
/// the database and the four views, the examPart crosswalk's gaps, the log folder, the access
/// lists and the cloud's address. One line each; exit 1 when a line says FAIL.
/// </summary>
public static class SelfTest
{
    private enum Outcome
    {
        OK,
        WARN,
        SKIP,
        FAIL,
    }

    public static IServiceCollection AddSelfTestSettings(this IServiceCollection services)
    {
        services.AddOptions<CloudOptions>().BindConfiguration(CloudOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CloudOptions>, CloudOptionsValidation>();
        return services;
    }

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken = default)
    {
        var failed = false;
        void Line(Outcome outcome, string name, string detail)
        {
            failed |= outcome == Outcome.FAIL;
            output.WriteLine($"{outcome,-5} {name,-31} {Masking.Text(detail)}");
        }

        // Settings: every section the provider validates at start-up, each on its own line.
        var settingsOk = true;
        void Setting<T>(string section)
            where T : class
        {
            try
            {
                _ = services.GetRequiredService<IOptions<T>>().Value;
            }
            catch (OptionsValidationException ex)
            {
                settingsOk = false;
                Line(Outcome.FAIL, $"settings {section}", string.Join(" ", ex.Failures));
            }
        }
        Setting<DatabaseOptions>(DatabaseOptions.Section);
        Setting<ContractOptions>(ContractOptions.Section);
        Setting<AccessOptions>(AccessOptions.Section);
        Setting<ReverseProxyOptions>(ReverseProxyOptions.Section);
        Setting<DictionaryCacheOptions>(DictionaryCacheOptions.Section);
        Setting<MonitoringOptions>(MonitoringOptions.Section);
        Setting<FileLogOptions>(FileLogOptions.Section);
        Setting<CloudOptions>(CloudOptions.Section);
        Setting<Push.PushOptions>(Push.PushOptions.Section);
        if (settingsOk)
        {
            Line(Outcome.OK, "settings", "every section is valid");
        }

        if (TryGet<DatabaseOptions>(services) is { } database)
        {
            await DatabaseAsync(services, database, Line, cancellationToken);
        }
        else
        {
            Line(Outcome.SKIP, "database", "the Database settings are wrong (above)");
        }

        if (TryGet<FileLogOptions>(services) is { } logs)
        {
            Line(Outcome.OK, "log files", logs.Enabled ? $"{logs.Path} ({logs.Format}, kept {logs.RetainedDays} days, at most {logs.MaxTotalMegabytes} MB)" : "off (Logging:File:Enabled is false): console only");
        }

        if (TryGet<AccessOptions>(services) is not null)
        {
            var policy = services.GetRequiredService<AccessPolicy>();
            var cloud = string.Join(", ", policy.Cloud.Ranges);
            var loopbackOnly = policy.Cloud.Ranges.All(r => System.Net.IPAddress.IsLoopback(r.BaseAddress));
            Line(loopbackOnly ? Outcome.WARN : Outcome.OK, "access cloud",
                $"Access:CloudNetworks {cloud}; key {(policy.ApiKey is null ? "not required" : $"required in {policy.ApiKeyHeader}")}" +
                (loopbackOnly ? " — loopback only: the cloud cannot call until its network is added" : ""));
            Line(Outcome.OK, "access operators", $"Access:OperatorNetworks {string.Join(", ", policy.Operators.Ranges)}");
        }

        if (TryGet<CloudOptions>(services) is { } cloudOptions)
        {
            // One address for the cloud: the relay's, where Cloud:BaseAddress is not set.
            var address = string.IsNullOrWhiteSpace(cloudOptions.BaseAddress)
                ? services.GetRequiredService<IConfiguration>()["Relay:CloudBaseAddress"]
                : cloudOptions.BaseAddress;
            await CloudAsync(address, cloudOptions.ConnectTimeoutSeconds, Line, cancellationToken);
        }

        if (TryGet<Push.PushOptions>(services) is { } push)
        {
            await PushAsync(services, push, Line, cancellationToken);
        }

        output.WriteLine(failed ? "selftest: FAILED" : "selftest: passed");
        return failed ? 1 : 0;
    }

    /// <summary>The push (mode 2): off, or its delivery state ready (the embedded file writable, or migrate's tables present) and whether it is paused.</summary>
    private static async Task PushAsync(IServiceProvider services, Push.PushOptions options, Action<Outcome, string, string> line, CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            line(Outcome.SKIP, "push", "off (Push:Registrations:Enabled and Push:Settlements:Enabled are false)");
            return;
        }
        var store = services.GetRequiredService<Push.PushStore>();
        try
        {
            await store.EnsureReadyAsync(cancellationToken);
            var control = await store.ReadControlAsync(cancellationToken);
            var kinds = string.Join(" and ", new[] { ("registrations", options.Registrations.Enabled), ("settlements", options.Settlements.Enabled) }.Where(k => k.Item2).Select(k => k.Item1));
            line(control.PausedReason is null ? Outcome.OK : Outcome.WARN, "push",
                $"{kinds}; delivery state in {store.Location}" + (control.PausedReason is null ? "" : $"; PAUSED: {control.PausedReason} (push-resume)"));
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            line(Outcome.FAIL, "push", $"delivery state in {store.Location} not usable: {Masking.Redact(ex.Message)}");
        }
    }

    private static T? TryGet<T>(IServiceProvider services)
        where T : class
    {
        try
        {
            return services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }

    private static async Task DatabaseAsync(IServiceProvider services, DatabaseOptions options, Action<Outcome, string, string> line, CancellationToken cancellationToken)
    {
        if (options.Provider == DatabaseProvider.Demo)
        {
            try
            {
                services.GetRequiredService<DemoDatabase>().EnsureReady();
            }
            catch (DemoDatabaseException ex)
            {
                line(Outcome.FAIL, "database", ex.Message);
                return;
            }
        }
        var dialect = services.GetRequiredService<DatabaseEngine>();
        if (dialect.Driver(options) is { } driver)
        {
            line(driver.Warn ? Outcome.WARN : Outcome.OK, "database driver", driver.Text);
        }
        ProbeResult probe;
        try
        {
            probe = await services.GetRequiredService<ViewProbe>().RunAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or DbException)
        {
            // A connection string the driver cannot even parse, or a driver that cannot load.
            line(Outcome.FAIL, "database", ViewProbe.Describe(ex));
            return;
        }
        if (!probe.Reachable)
        {
            var advice = probe.Failure is null ? null : dialect.Advice(probe.Failure);
            line(Outcome.FAIL, "database", $"{options.Provider}: {probe.Problem}{(advice is null ? "" : $" — {advice}")}");
            return;
        }
        if (probe.TimedOut)
        {
            line(Outcome.FAIL, "database",
                $"{options.Provider}: connected, but the views timed out after {probe.Elapsed.TotalMilliseconds:0} ms " +
                $"(Database:RequestTimeoutSeconds {options.RequestTimeout.TotalSeconds:0} s): a table they read is locked, or the server is overloaded");
        }
        else
        {
            line(Outcome.OK, "database", $"{options.Provider} answered in {probe.Elapsed.TotalMilliseconds:0} ms");
        }
        foreach (var view in probe.Views)
        {
            line(view.Problem is null ? Outcome.OK : Outcome.FAIL, $"view {view.View}", view.Problem ?? "present and readable");
        }
        if (probe.TimedOut)
        {
            line(Outcome.SKIP, "crosswalk examPart", "the views timed out (above)");
            return;
        }

        var crosswalk = dialect.Imgcloud("exam_part_map");
        var gapsSql = $"""
            SELECT COUNT(*)
            {ContractCheck.UnmappedItems(dialect)}
            """;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.RequestTimeout);
        try
        {
            await using var lease = await services.GetRequiredService<DbDataSource>().LeaseWithinAsync(deadline.Token);
            var count = lease.Connection.ExecuteScalarAsync<long>(new CommandDefinition(gapsSql, commandTimeout: options.CommandTimeoutSeconds, cancellationToken: deadline.Token));
            var gaps = await lease.WithinAsync(count, deadline.Token);
            line(gaps == 0 ? Outcome.OK : Outcome.WARN, "crosswalk examPart",
                gaps == 0 ? $"every exam item is mapped (an override in {crosswalk} or a rule in {dialect.Imgcloud("exam_part_rule")})"
                    : $"{gaps} exam items have neither an override in {crosswalk} nor a matching rule: their settlements carry examPart NULL (`check` lists them; `export-crosswalk` groups them for a radiologist)");
        }
        catch (Exception ex) when ((ex is DbException or InvalidOperationException or OperationCanceledException or TimeoutException) && !cancellationToken.IsCancellationRequested)
        {
            line(Outcome.FAIL, "crosswalk examPart", ViewProbe.Describe(ex));
        }
    }

    private static async Task CloudAsync(string? address, int timeoutSeconds, Action<Outcome, string, string> line, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            line(Outcome.SKIP, "cloud address", "Cloud:BaseAddress is not set");
            return;
        }
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            line(Outcome.FAIL, "cloud address", $"'{address}' is not an absolute address");
            return;
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        var clock = Stopwatch.StartNew();
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(uri.Host, uri.Port, deadline.Token);
            line(Outcome.OK, "cloud address", $"{uri.Host}:{uri.Port} accepted a TCP connection in {clock.ElapsedMilliseconds} ms");
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            var why = ex is OperationCanceledException ? $"no answer within {timeoutSeconds} s (Cloud:ConnectTimeoutSeconds)" : ex.Message;
            line(Outcome.FAIL, "cloud address", $"{uri.Host}:{uri.Port} cannot be reached: {why}");
        }
    }
}
