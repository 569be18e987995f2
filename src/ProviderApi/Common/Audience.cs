namespace ProviderApi.Common;

/// <summary>Who an endpoint answers to.</summary>
public enum Audience
{
    /// <summary>The imaging cloud's networks (and its key, when one is configured).</summary>
    Cloud,

    /// <summary>The hospital's operators' networks. Also every path without an endpoint of its own (Swagger, unknown paths).</summary>
    Operators,

    /// <summary>Anyone who reaches the port (a liveness probe); such endpoints show no details.</summary>
    Anyone,
}
