namespace ProviderApi.Tests.Safety;

/// <summary>Two lists: the cloud's networks (and key) for /standardHttp, the operators' for Swagger, health details and metrics.</summary>
public sealed class AccessTests(DemoFile demo) : IClassFixture<DemoFile>
{
    private const string ExamDict = "/standardHttp/getExamDict";

    [Fact]
    public async Task By_default_loopback_is_admitted_to_both_lists_and_nothing_else_is()
    {
        await using var factory = demo.Demo();
        using var client = factory.CreateClient();

        Assert.Equal(200, (await client.FetchAsync(ExamDict)).Status);
        Assert.Equal(200, (await client.FetchAsync("/swagger/v1/swagger.json")).Status);
        Assert.Equal(200, (await client.FetchAsync("/metrics")).Status);
        Assert.Equal(200, (await client.FetchAsync(ExamDict, from: "::1")).Status);

        foreach (var path in new[] { ExamDict, "/standardHttp/getDeptInfo", "/swagger/index.html", "/swagger/v1/swagger.json", "/metrics", "/no/such/path" })
        {
            var (status, body, _) = await client.FetchAsync(path, from: "10.1.2.3");
            Assert.Equal(401, status);
            Assert.Equal(Requests.Unauthorized, body);
        }
    }

    [Fact]
    public async Task The_clouds_network_reaches_the_endpoints_but_not_the_operators_surfaces()
    {
        await using var factory = demo.Demo(("Access:CloudNetworks:0", "10.20.0.0/16"), ("Access:CloudNetworks:1", "172.16.5.9"));
        using var client = factory.CreateClient();

        Assert.Equal(200, (await client.FetchAsync(ExamDict, from: "10.20.3.4")).Status);
        Assert.Equal(200, (await client.FetchAsync("/standardHttp/getDeptInfo", from: "172.16.5.9")).Status);
        Assert.Equal(200, (await client.FetchAsync(ExamDict, from: "::ffff:10.20.3.4")).Status);

        Assert.Equal(401, (await client.FetchAsync(ExamDict, from: "10.21.0.1")).Status);
        Assert.Equal(401, (await client.FetchAsync(ExamDict, from: "172.16.5.10")).Status);
        // A configured list replaces the default: loopback is no longer the cloud.
        Assert.Equal(401, (await client.FetchAsync(ExamDict)).Status);

        Assert.Equal(401, (await client.FetchAsync("/swagger/index.html", from: "10.20.3.4")).Status);
        Assert.Equal(401, (await client.FetchAsync("/metrics", from: "10.20.3.4")).Status);
        var (readyStatus, readyBody, _) = await client.FetchAsync("/health/ready", from: "10.20.3.4");
        Assert.Equal(200, readyStatus);
        Assert.Equal("Healthy", readyBody);
    }

    [Fact]
    public async Task The_operators_network_reaches_swagger_metrics_and_health_details_but_not_the_clouds_endpoints()
    {
        await using var factory = demo.Demo(("Access:OperatorNetworks:0", "192.168.5.0/24"));
        using var client = factory.CreateClient();

        Assert.Equal(200, (await client.FetchAsync("/swagger/index.html", from: "192.168.5.9")).Status);
        Assert.Equal(200, (await client.FetchAsync("/metrics", from: "192.168.5.9")).Status);
        var (_, details, _) = await client.FetchAsync("/health/ready", from: "192.168.5.9");
        Assert.Contains("View_Dept_Info", details, StringComparison.Ordinal);

        Assert.Equal(401, (await client.FetchAsync(ExamDict, from: "192.168.5.9")).Status);
        Assert.Equal(401, (await client.FetchAsync("/metrics", from: "192.168.6.9")).Status);
        Assert.Equal(401, (await client.FetchAsync("/metrics")).Status);
        var (_, plain, _) = await client.FetchAsync("/health/ready", from: "192.168.6.9");
        Assert.Equal("Healthy", plain);
    }

    [Fact]
    public async Task With_a_key_configured_the_cloud_must_also_send_it()
    {
        await using var factory = demo.Demo(("Access:ApiKey", "on-boarding-key-42"), ("Access:ApiKeyHeader", "X-Imgcloud-Key"));
        using var client = factory.CreateClient();

        var (noKey, body, _) = await client.FetchAsync(ExamDict);
        Assert.Equal(401, noKey);
        Assert.Equal(Requests.Unauthorized, body);
        Assert.Equal(401, (await client.FetchAsync(ExamDict, null, ("X-Imgcloud-Key", "on-boarding-key-43"))).Status);
        Assert.Equal(401, (await client.FetchAsync(ExamDict, null, ("X-Api-Key", "on-boarding-key-42"))).Status);
        Assert.Equal(200, (await client.FetchAsync(ExamDict, null, ("X-Imgcloud-Key", "on-boarding-key-42"))).Status);
        // The right key from the wrong network is still refused; operators need no key.
        Assert.Equal(401, (await client.FetchAsync(ExamDict, "10.9.9.9", ("X-Imgcloud-Key", "on-boarding-key-42"))).Status);
        Assert.Equal(200, (await client.FetchAsync("/metrics")).Status);
    }

    [Fact]
    public async Task Forwarded_for_is_believed_from_a_configured_proxy_only()
    {
        await using var factory = demo.Demo(("Access:CloudNetworks:0", "10.50.0.0/16"), ("ReverseProxy:KnownProxies:0", "10.0.0.1"));
        using var client = factory.CreateClient();

        Assert.Equal(200, (await client.FetchAsync(ExamDict, "10.0.0.1", ("X-Forwarded-For", "10.50.1.2"))).Status);
        Assert.Equal(401, (await client.FetchAsync(ExamDict, "10.0.0.1", ("X-Forwarded-For", "10.60.1.2"))).Status);
        Assert.Equal(401, (await client.FetchAsync(ExamDict, "10.0.0.2", ("X-Forwarded-For", "10.50.1.2"))).Status);
    }

    [Fact]
    public async Task Without_configured_proxies_no_caller_can_claim_another_address()
    {
        await using var factory = demo.Demo(("Access:CloudNetworks:0", "10.50.0.0/16"));
        using var client = factory.CreateClient();

        // Loopback is no proxy unless configured as one.
        Assert.Equal(401, (await client.FetchAsync(ExamDict, null, ("X-Forwarded-For", "10.50.1.2"))).Status);
    }

    [Fact]
    public async Task A_path_base_puts_every_endpoint_under_it()
    {
        await using var factory = demo.Demo(("ReverseProxy:PathBase", "/imgcloud"), ("ReverseProxy:KnownNetworks:0", "10.0.0.0/24"));
        using var client = factory.CreateClient();

        var (status, body, _) = await client.FetchAsync("/imgcloud/standardHttp/getDeptInfo");
        Assert.Equal(200, status);
        Assert.Contains("心血管内科", body, StringComparison.Ordinal);
        Assert.Equal(200, (await client.FetchAsync("/imgcloud/health/live")).Status);
    }

    [Theory]
    [InlineData("Access:CloudNetworks:0", "10.0.0.0/33", "Access:CloudNetworks")]
    [InlineData("Access:OperatorNetworks:0", "intranet", "Access:OperatorNetworks")]
    [InlineData("Access:ApiKey", "short", "Access:ApiKey")]
    [InlineData("ReverseProxy:KnownProxies:0", "proxy.local", "ReverseProxy:KnownProxies")]
    [InlineData("ReverseProxy:KnownNetworks:0", "10.0.0.0/99", "ReverseProxy:KnownNetworks")]
    [InlineData("ReverseProxy:PathBase", "imgcloud/", "ReverseProxy:PathBase")]
    [InlineData("DictionaryCache:Seconds", "-1", "DictionaryCache:Seconds")]
    [InlineData("DictionaryCache:RetrySeconds", "0", "DictionaryCache:RetrySeconds")]
    [InlineData("Database:RequestTimeoutSeconds", "0", "Database:RequestTimeoutSeconds")]
    [InlineData("Monitoring:CloudSilenceMinutes", "-5", "Monitoring:CloudSilenceMinutes")]
    [InlineData("Logging:File:RetainedDays", "30", "Logging:File:RetainedDays")]
    [InlineData("Logging:File:Format", "xml", "Logging:File:Format")]
    [InlineData("Logging:File:MaxTotalMegabytes", "150", "Logging:File:MaxTotalMegabytes")]
    [InlineData("Cloud:BaseAddress", "ftp://cloud", "Cloud:BaseAddress")]
    public async Task A_bad_setting_stops_start_up_naming_the_key(string key, string value, string named)
    {
        using var folder = new TempFolder();
        var error = await ProviderProcess.StartupFailsAsync(
            new Dictionary<string, string?> { ["Database:DemoPath"] = folder.File("demo.db"), [key] = value }, folder.Path);

        Assert.Contains(named, error, StringComparison.Ordinal);
    }
}
