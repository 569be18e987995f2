using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ProviderApi.Access;
using ProviderApi.Common;

namespace ProviderApi.Relay;

/// <summary>Takes the HIS's calls: checks, encrypts, queues, answers at once.</summary>
public sealed class RelayService
{
    private readonly RelayOptions options;
    private readonly Networks networks;
    private readonly Sm2Cipher? cipher;
    private readonly RelayOutbox queue;
    private readonly RelayStatistics statistics;
    private readonly InteractiveCallValidator callValidator;
    private readonly LaunchParametersValidator launchValidator;
    private readonly TimeProvider clock;

    public RelayService(
        IOptions<RelayOptions> options,
        RelayOutbox queue,
        RelayStatistics statistics,
        InteractiveCallValidator callValidator,
        LaunchParametersValidator launchValidator,
        TimeProvider clock,
        ILogger<RelayService> logger)
    {
        this.options = options.Value;
        networks = Networks.Parse(Networks.OrLoopback(this.options.HisNetworks), "Relay:HisNetworks", []);
        // Validated at start-up: a key that does not parse never gets this far.
        cipher = string.IsNullOrWhiteSpace(this.options.Sm2.PublicKey)
            ? null
            : new Sm2Cipher(Sm2Cipher.ParsePublicKey(this.options.Sm2.PublicKey), this.options.Sm2.Format);
        this.queue = queue;
        this.statistics = statistics;
        this.callValidator = callValidator;
        this.launchValidator = launchValidator;
        this.clock = clock;
        Logger = logger;
    }

    internal ILogger Logger { get; }

    public bool IsHis(IPAddress? address) => networks.Contains(address);

    internal static string Caller(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } address ? Networks.Normalise(address).ToString() : "(none)";

    /// <summary>§3.2 / §3.3: validate, encrypt the two ID numbers, queue for the cloud, answer 200 without waiting.</summary>
    public async Task<IResult> AcceptAsync(HttpContext http, CallKind kind)
    {
        var receivedAt = clock.GetTimestamp();
        var name = kind == CallKind.SwipingIdCardNo ? "swipingIdCardNo" : "checkAgain";
        if (!options.Enabled || cipher is null)
        {
            return RelayResults.Answer(
                RelayAnswer.NotConfigured("转发未配置：未设置 Relay:CloudBaseAddress（relay not configured）"), StatusCodes.Status503ServiceUnavailable);
        }

        var (body, problem) = await RelayBody.ReadAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return Reject(http, name, problem!);
        }
        var call = InteractiveCall.From(body, kind);
        var result = await callValidator.ValidateAsync(call, http.RequestAborted);
        if (!result.IsValid)
        {
            return Reject(http, name, result.Errors[0].ErrorMessage);
        }

        var patient = Encrypt(body, "idCardNo", call.IdCardNo);
        Encrypt(body, "doctorIdCardNo", call.DoctorIdCardNo);

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var header in options.ForwardHeaders.Where(h => !string.IsNullOrWhiteSpace(h)))
        {
            if (http.Request.Headers.TryGetValue(header!, out var values) && values.ToString() is { Length: > 0 } value)
            {
                headers.Add(KeyValuePair.Create(header!, value));
            }
        }

        queue.Enqueue(new RelayCall(kind, RelayBody.ToUtf8(body), receivedAt, patient, call.HisUserId!.Trim(), headers));
        statistics.CountAccepted();
        Log.RelayAccepted(Logger, name, patient, Caller(http));
        return RelayResults.Answer(RelayAnswer.Accepted, StatusCodes.Status200OK);
    }

    /// <summary>§3.1: the three launch strings for the doctor who logs in.</summary>
    public async Task<IResult> LaunchAsync(HttpContext http)
    {
        if (cipher is null)
        {
            return RelayResults.Answer(
                RelayAnswer.NotConfigured("启动串未配置：未设置 Relay:Sm2:PublicKey（launch string not configured）"), StatusCodes.Status503ServiceUnavailable);
        }

        var (body, problem) = await RelayBody.ReadAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return Reject(http, "launchString", problem!);
        }
        var parameters = LaunchParameters.From(body);
        var result = await launchValidator.ValidateAsync(parameters, http.RequestAborted);
        if (!result.IsValid)
        {
            return Reject(http, "launchString", result.Errors[0].ErrorMessage);
        }

        var form = RelayIds.Classify(parameters.DoctorIdCardNo, cipher.Format, out var doctorId);
        var encrypted = form == IdForm.Clear ? cipher.Encrypt(doctorId) : doctorId;
        var forms = LaunchString.Build(parameters, encrypted, options.Launch);
        return TypedResults.Json(new LaunchAnswer(200, forms, ""), RelayJsonContext.Relay.LaunchAnswer);
    }

    /// <summary>Replaces a clear ID number with its cipher text (cipher text stays); returns the number as log lines show it.</summary>
    private string Encrypt(JsonObject body, string key, string? value)
    {
        var form = RelayIds.Classify(value, cipher!.Format, out var normalised);
        if (form == IdForm.Clear)
        {
            body[key] = cipher.Encrypt(normalised);
        }
        return RelayIds.ForLog(normalised, form);
    }

    private IResult Reject(HttpContext http, string call, string message)
    {
        Log.RelayRejected(Logger, call, Caller(http), message);
        return RelayResults.Answer(RelayAnswer.BadRequest(message), StatusCodes.Status400BadRequest);
    }
}
