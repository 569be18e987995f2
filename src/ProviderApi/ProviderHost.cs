using ProviderApi.Cli;
using ProviderApi.Data;

namespace ProviderApi;

/// <summary>
/// Where the provider finds its settings and listens. The content root is the program's own
/// folder, whatever the working directory: appsettings.json is read there and the relative
/// paths (data/, logs/) land beside the program, as for a Windows service. The listening
/// address follows ASP.NET Core's own settings and precedence; only when none of them is set
/// anywhere does the provider listen on <see cref="DefaultUrl"/>.
/// </summary>
internal static class ProviderHost
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>The settings any of which says where Kestrel listens (urls: ASPNETCORE_URLS, --urls, Urls).</summary>
    private static readonly string[] ListeningKeys = ["urls", "http_ports", "https_ports"];

    public static WebApplicationBuilder CreateBuilder(ProviderCommand command)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = command.ConfigurationArgs,
            ContentRootPath = ContentRootGiven(command.ConfigurationArgs) ? null : AppContext.BaseDirectory,
        });
        builder.Configuration.AddSecretFiles();
        if (!ListeningIsSet(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        builder.Services.AddSingleton(new DatabaseUse(command.ConnectsToDatabase));
        return builder;
    }

    /// <summary>True when urls, http_ports, https_ports or Kestrel:Endpoints has a value in any source.</summary>
    internal static bool ListeningIsSet(IConfiguration configuration) =>
        ListeningKeys.Any(key => !string.IsNullOrWhiteSpace(configuration[key]))
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();

    /// <summary>An explicit content root (--contentRoot, ASPNETCORE_CONTENTROOT, DOTNET_CONTENTROOT) is kept.</summary>
    private static bool ContentRootGiven(string[] args)
    {
        var host = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build();
        return !string.IsNullOrWhiteSpace(host[HostDefaults.ContentRootKey]);
    }
}
