using ProviderApi;
using ProviderApi.Contract;
using ProviderApi.Data;
using ProviderApi.Dictionaries;

var builder = WebApplication.CreateBuilder(args);

// Runs as a Windows service or a systemd unit where started as one; no effect otherwise.
builder.Host.UseWindowsService().UseSystemd();

builder.Services.AddProviderData();
builder.Services.AddContract();
builder.Services.AddDictionaries();
builder.Services.AddApiDocumentation();

var app = builder.Build();

app.UseContractErrors();
app.UseApiDocumentation();
app.MapDictionaries();

try
{
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupFailure.IsSettingProblem(ex) && StartupFailure.IsOwnProcess)
{
    // A bad setting stops start-up with one line that names the key, not a stack trace.
    await Console.Error.WriteLineAsync($"Start-up stopped: {ex.Message}");
    return 1;
}
