using Microsoft.Extensions.Options;
using ProviderApi.Common;

namespace ProviderApi.Data.Demo;

/// <summary>
/// With the Demo provider: makes the demo database ready before the server takes requests,
/// then keeps its dates current while the provider runs for days. Idle with any other provider.
/// </summary>
internal sealed class DemoDatabaseService(
    IOptions<DatabaseOptions> options, DemoDatabase demo, TimeProvider clock, ILogger<DemoDatabaseService> logger) : BackgroundService
{
    private bool Enabled => options.Value.Provider == DatabaseProvider.Demo;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (Enabled)
        {
            demo.EnsureReady();
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(DemoDatabase.MaxAge, clock);
        while (await timer.NextAsync(stoppingToken))
        {
            try
            {
                demo.RefreshAnchor();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.DemoReanchorFailed(logger, ex, DemoDatabase.MaxAge);
            }
        }
    }
}
