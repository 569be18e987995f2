namespace ProviderApi;

/// <summary>
/// Every log line the provider writes, generated at build time. None takes a patient's or
/// doctor's ID number or phone number: the arguments are paths, counts and names of things.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Error, "Reading {What} failed before the response started; answered 500")]
    public static partial void ReadFailedBeforeResponse(ILogger logger, Exception exception, string what);

    [LoggerMessage(1002, LogLevel.Error, "Reading {What} failed after {Rows} rows were sent; connection aborted so the client cannot take a partial answer for a whole one")]
    public static partial void ReadFailedMidResponse(ILogger logger, Exception exception, string what, int rows);

    [LoggerMessage(1003, LogLevel.Error, "Unhandled failure on {Path}; answered 500")]
    public static partial void Unhandled(ILogger logger, Exception? exception, string path);

    [LoggerMessage(2001, LogLevel.Information, "Created the demo hospital database at {Path}")]
    public static partial void DemoCreated(ILogger logger, string path);

    [LoggerMessage(2002, LogLevel.Information, "Demo hospital database: {Path}")]
    public static partial void DemoOpened(ILogger logger, string path);

    [LoggerMessage(2003, LogLevel.Information, "Demo database {Path} was made by another version (schema {Old}, now {New}); making it anew")]
    public static partial void DemoRebuilt(ILogger logger, string path, int old, int @new);

    [LoggerMessage(2004, LogLevel.Information, "Demo hospital data moved forward by {Age} so that the recency windows stay filled")]
    public static partial void DemoReanchored(ILogger logger, TimeSpan age);

    [LoggerMessage(2005, LogLevel.Warning, "Could not move the demo hospital's dates forward; will try again in {Interval}")]
    public static partial void DemoReanchorFailed(ILogger logger, Exception exception, TimeSpan interval);
}
