using ProviderApi;
using ProviderApi.Access;
using ProviderApi.Check;
using ProviderApi.Cli;
using ProviderApi.Contract;
using ProviderApi.Data;
using ProviderApi.Dictionaries;
using ProviderApi.Logging;
using ProviderApi.Operations;
using ProviderApi.Push;
using ProviderApi.Relay;

ProviderCommand command;
try
{
    command = ProviderCommand.Parse(args);
}
catch (UsageException ex)
{
    await Console.Error.WriteLineAsync($"{ex.Message}{Environment.NewLine}{ProviderCommand.Usage(ex.Language)}");
    return 2;
}

// Settings and data beside the program; listens where ASP.NET Core's settings say, else on localhost:5080.
var builder = ProviderHost.CreateBuilder(command);

// Runs as a Windows service or a systemd unit where started as one; no effect otherwise.
builder.Host.UseWindowsService().UseSystemd();
builder.Logging.UseMaskedSerilog(StartupFailure.IsReportedInOneLine);

builder.Services.AddProviderData();
builder.Services.AddContract();
builder.Services.AddContractViews();
builder.Services.AddAcceptedExceptions();
builder.Services.AddAccess();
builder.Services.AddDictionaries();
builder.Services.AddOperations();
builder.Services.AddRelay();
builder.Services.AddPush();
builder.Services.AddApiDocumentation();

try
{
    // Built inside the try: a setting read while the pipeline is assembled is reported like any other.
    var app = builder.Build();

    app.UseReverseProxy();
    app.UseContractErrors();
    app.UseRouting();
    app.UseCloudPollLog();
    app.UseAccessGate();
    app.UseApiDocumentation();
    app.MapDictionaries();
    app.MapOperations();
    app.MapRelay();
    app.MapPush();

    if (command.Verb != Verb.Serve)
    {
        return command.Run(app.Services);
    }
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupFailure.IsSettingProblem(ex) && StartupFailure.IsOwnProcess)
{
    // A bad setting stops with one line that names the key, not a stack trace.
    await Console.Error.WriteLineAsync(StartupFailure.Line(command.Verb, ex));
    return 1;
}
