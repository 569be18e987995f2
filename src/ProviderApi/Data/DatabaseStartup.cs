using Microsoft.Extensions.Options;

namespace ProviderApi.Data;

/// <summary>
/// The engine's own step as the provider starts to serve (<see cref="DatabaseEngine.StartingAsync"/>):
/// Oracle reports its driver and checks that driver and server pair. Other verbs do not start
/// the host's services, so they never run it.
/// </summary>
internal sealed class DatabaseStartup(
    DatabaseEngine engine, IOptions<DatabaseOptions> options, IServiceProvider services, ILogger<DatabaseStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        engine.StartingAsync(options.Value, services, logger, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
