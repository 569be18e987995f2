using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ProviderApi.Benchmarks;

/// <summary>
/// The provider as it is built by its own Program.cs, on Kestrel at 127.0.0.1 (a random port),
/// with the given settings, plus the benchmark's reference endpoints:
/// <list type="bullet">
/// <item><c>/bench/bare/{name}</c>: pre-serialised bytes, routed through the provider's whole
/// middleware pipeline and marked, like getExamDict, as a cloud endpoint (its metadata from the
/// provider's namespace is copied), so access control, the poll log and the metrics see it as
/// they see getExamDict;</item>
/// <item><c>/bench/floor/getExamDict</c>: the same view read with a raw NpgsqlDataReader and
/// written with Utf8JsonWriter, in the same pipeline;</item>
/// <item><c>/bench/outside/{name}</c>: the same bytes, answered before any of the provider's
/// middleware runs.</item>
/// </list>
/// </summary>
public sealed class ProviderHost : WebApplicationFactory<Program>
{
    public const string ExamDictSql = """
        SELECT hospitalld, modality, examCode, examName, examBodyPart, examPrice, checkStatus, sourceType
        FROM View_ProjectItemCode_Info
        ORDER BY examCode COLLATE "C"
        """;

    private static readonly JsonEncodedText[] ExamKeys =
        [.. new[] { "hospitalld", "modality", "examCode", "examName", "examBodyPart", "examPrice", "checkStatus", "sourceType" }.Select(k => JsonEncodedText.Encode(k))];

    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    private readonly Dictionary<string, string?> settings;
    private readonly NpgsqlDataSource floorSource;

    public ProviderHost(string connectionString, IReadOnlyDictionary<string, string?> settings, string logFolder)
    {
        this.settings = new Dictionary<string, string?>(settings)
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = connectionString,
            ["Logging:File:Path"] = logFolder,
        };
        floorSource = NpgsqlDataSource.Create(connectionString);
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Bytes answered by the bare endpoints, by name (set before they are called).</summary>
    public Dictionary<string, byte[]> Bare { get; } = new(StringComparer.Ordinal);

    /// <summary>Names of the provider's own metadata types found on getExamDict and copied onto the bench endpoints.</summary>
    public IReadOnlyList<string> CopiedMetadata { get; private set; } = [];

    public Uri Address { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(settings));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new BenchEndpoints(this)));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            floorSource.Dispose();
        }
        base.Dispose(disposing);
    }

    private sealed class BenchEndpoints(ProviderHost host) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, inner) => http.Request.Path.StartsWithSegments("/bench/outside", out var rest)
                ? host.WriteBareAsync(http, rest.Value!.TrimStart('/'))
                : inner(http));

            next(app);

            // The provider's endpoints are registered on the WebApplication, which the minimal
            // hosting model leaves in the application builder's properties for UseEndpoints to find.
            var routes = app.Properties.Values.OfType<IEndpointRouteBuilder>().FirstOrDefault()
                ?? throw new InvalidOperationException("The provider's endpoint route builder was not found; cannot add the reference endpoints.");
            var model = routes.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
                .FirstOrDefault(e => e.RoutePattern.RawText?.EndsWith("/getExamDict", StringComparison.Ordinal) == true)
                ?? throw new InvalidOperationException("getExamDict is not mapped.");
            var marks = model.Metadata.Where(m => m.GetType().Namespace?.StartsWith("ProviderApi", StringComparison.Ordinal) == true).ToArray();
            host.CopiedMetadata = [.. marks.Select(m => m.GetType().Name)];

            routes.MapGet("/bench/bare/{name}", (HttpContext http, string name) => host.WriteBareAsync(http, name))
                .WithMetadata(marks).WithName("benchBare").ExcludeFromDescription();
            routes.MapGet("/bench/floor/getExamDict", (HttpContext http) => host.WriteFloorAsync(http))
                .WithMetadata(marks).WithName("benchFloor").ExcludeFromDescription();
        };
    }

    private Task WriteBareAsync(HttpContext http, string name)
    {
        var body = Bare[name];
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body, http.RequestAborted).AsTask();
    }

    /// <summary>The floor: the view's rows straight from the data reader into the envelope's JSON, flushed every 32 KiB.</summary>
    private async Task WriteFloorAsync(HttpContext http)
    {
        var cancel = http.RequestAborted;
        await using var connection = await floorSource.OpenConnectionAsync(cancel);
        await using var command = new NpgsqlCommand(ExamDictSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = http.Response.BodyWriter;
        await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = Encoder });
        json.WriteStartObject();
        json.WriteNumber("code", 200);
        json.WriteString("message", "成功");
        json.WriteStartArray("datas");
        // Counted from BytesCommitted: over a PipeWriter BytesPending never passes a 4 KiB block.
        var flushed = 0L;
        while (await reader.ReadAsync(cancel))
        {
            json.WriteStartObject();
            for (var i = 0; i < ExamKeys.Length; i++)
            {
                if (reader.IsDBNull(i))
                {
                    json.WriteNull(ExamKeys[i]);
                }
                else
                {
                    json.WriteString(ExamKeys[i], reader.GetString(i));
                }
            }
            json.WriteEndObject();
            if (json.BytesCommitted + json.BytesPending - flushed >= 32 * 1024)
            {
                json.Flush();
                flushed = json.BytesCommitted;
                await body.FlushAsync(cancel);
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        await body.FlushAsync(cancel);
    }
}
