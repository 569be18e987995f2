using Microsoft.Data.Sqlite;

namespace ProviderApi.Tests.Safety;

/// <summary>A demo hospital database made once per test class; tests serve it as the Demo provider, or a copy of it as a plain SQLite hospital.</summary>
public sealed class DemoFile : IDisposable
{
    private readonly TempFolder folder = new();

    public DemoFile()
    {
        using var maker = ProviderFactory.ForDemo(Path);
        maker.CreateClient().Dispose();
    }

    /// <summary>The demo's own file, for ProviderFactory.ForDemo.</summary>
    public string Path => folder.File("demo-hospital.db");

    /// <summary>A copy of the demo as a hospital's SQLite file, and its provider settings (no pooling, so a moved file is noticed at once).</summary>
    public (string File, Dictionary<string, string?> Settings) SqliteCopy(params (string Key, string? Value)[] more)
    {
        SqliteConnection.ClearAllPools();
        var file = folder.File($"hospital-{Guid.NewGuid():N}.db");
        File.Copy(Path, file);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={file};Pooling=False",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return (file, settings);
    }

    public ProviderFactory Demo(params (string Key, string? Value)[] more) => ProviderFactory.ForDemo(Path, more);

    public void Dispose() => folder.Dispose();
}

internal static class Requests
{
    public const string Unauthorized = """{"code":401,"message":"权限校验不通过","datas":[]}""";
    public const string ServerError = """{"code":500,"message":"服务异常","datas":[]}""";

    public static async Task<(int Status, string Body, HttpResponseMessage Response)> FetchAsync(
        this HttpClient client, string path, string? from = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (from is not null)
        {
            request.Headers.Add(ProviderFactory.RemoteAddressHeader, from);
        }
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, body, response);
    }
}
