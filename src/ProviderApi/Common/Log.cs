namespace ProviderApi.Common;

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

    [LoggerMessage(1010, LogLevel.Warning, "Client fault on {Method} {Path} from {Caller}: {Problem}; answered {Status}")]
    public static partial void ClientFault(ILogger logger, string method, string path, string caller, string problem, int status);

    [LoggerMessage(1011, LogLevel.Warning, "{Method} {Path} from {Caller}: the client went away mid-request ({Problem}); not answered")]
    public static partial void ClientGone(ILogger logger, string method, string path, string caller, string problem);

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

    [LoggerMessage(2006, LogLevel.Warning, "The database file {Path} changed under the running provider (replaced, restored or rewritten): pooled connections to the old file closed, the dictionaries are read again")]
    public static partial void DatabaseFileChanged(ILogger logger, string path);

    // 5xxx: access, cache, monitoring (the issue "Safe to put in a hospital").

    /// <summary>One line per network and minute however many were refused (ProviderApi.Access.RefusalLog): paths, masked, with their counts; reasons with theirs.</summary>
    [LoggerMessage(5001, LogLevel.Warning, "Refused {Count} requests from {Network} ({Addresses}) in the minute from {Minute}: {Paths}; {Reasons}; answered 401")]
    public static partial void CallerRefused(ILogger logger, int count, string network, string addresses, string minute, string paths, string reasons);

    [LoggerMessage(5002, LogLevel.Error, "Reading {What} from the database failed")]
    public static partial void DictionaryReadFailed(ILogger logger, Exception exception, string what);

    [LoggerMessage(5003, LogLevel.Warning, "Serving the last good {What}, read at {ReadAt}: the database is failing (answer marked X-Imgcloud-Stale: true)")]
    public static partial void ServingStale(ILogger logger, string what, DateTimeOffset readAt);

    /// <summary>The access line of every poll; kept short (no format specifier: the elapsed time comes rounded), as it is written at the cloud's rate.</summary>
    [LoggerMessage(5004, LogLevel.Information, "Cloud poll {Endpoint} from {Caller}: {Status} {Outcome}, {Rows} rows ({Source}), {ElapsedMs} ms")]
    public static partial void CloudPoll(ILogger logger, string endpoint, string caller, int status, string outcome, int rows, string source, double elapsedMs);

    [LoggerMessage(5005, LogLevel.Error, "ALERT: the imaging cloud has not polled for {Silence} (Monitoring:CloudSilenceMinutes is {Limit}); last poll: {LastPoll}")]
    public static partial void CloudSilent(ILogger logger, TimeSpan silence, int limit, string lastPoll);

    [LoggerMessage(5006, LogLevel.Information, "The imaging cloud polls again: last poll from {Caller}; alert cleared")]
    public static partial void CloudPollsAgain(ILogger logger, string caller);

    [LoggerMessage(5007, LogLevel.Information, "Log files: {Folder} (kept {Days} days, at most {MaxMegabytes} MB in all)")]
    public static partial void LogFiles(ILogger logger, string folder, int days, long maxMegabytes);

    [LoggerMessage(5008, LogLevel.Warning, "Log files over Logging:File:MaxTotalMegabytes ({MaxMegabytes} MB): removed the {Count} oldest ({RemovedMegabytes} MB, {FirstRemoved} to {LastRemoved}); the logs now cover {Days} days, from {OldestKept} (Logging:File:RetainedDays is {RetainedDays})")]
    public static partial void LogFilesCapped(ILogger logger, long maxMegabytes, int count, double removedMegabytes, string firstRemoved, string lastRemoved, int days, string oldestKept, int retainedDays);

    [LoggerMessage(5009, LogLevel.Warning, "Could not remove the old log file {File} to keep Logging:File:MaxTotalMegabytes: {Problem}")]
    public static partial void LogFileNotRemoved(ILogger logger, string file, string problem);

    /// <summary>Debug: once per build of a cached dictionary (every DictionaryCache:Seconds), what it holds and what the build's collection handed back.</summary>
    [LoggerMessage(5010, LogLevel.Debug, "Cached {What}: {Bytes} bytes, {Rows} rows; {Collection}")]
    public static partial void DictionaryCached(ILogger logger, string what, long bytes, int rows, string collection);

    // 6xxx: the relay of the HIS's calls to the cloud (§3.1–§3.3). Patients appear masked (ResidentIdNumber.Mask); bodies are never logged.

    [LoggerMessage(6001, LogLevel.Information, "Relay on: the HIS's swipingIdCardNo and checkAgain go to {Cloud} (SM2 {Format}; delivered within {MaxAgeSeconds} s of the HIS's call or never; {Workers} workers, queue {Capacity})")]
    public static partial void RelayOn(ILogger logger, string cloud, string format, int maxAgeSeconds, int workers, int capacity);

    [LoggerMessage(6002, LogLevel.Information, "Relay off: Relay:CloudBaseAddress is not set; /iuWorkStation/swipingIdCardNo and /iuWorkStation/checkAgain answer 503")]
    public static partial void RelayOff(ILogger logger);

    // 6003 was a line per refused caller; refusals are now counted in RefusalLog's summary (5001).

    [LoggerMessage(6004, LogLevel.Warning, "Rejected {Call} from {Caller}: {Problem}; answered 400")]
    public static partial void RelayRejected(ILogger logger, string call, string caller, string problem);

    [LoggerMessage(6005, LogLevel.Debug, "Accepted {Call} for patient {Patient} from {Caller}; queued for the cloud")]
    public static partial void RelayAccepted(ILogger logger, string call, string patient, string caller);

    [LoggerMessage(6006, LogLevel.Information, "Relayed {Call} for patient {Patient}: HTTP {Status}, code {Code}, {AgeMs:0} ms after the HIS's call")]
    public static partial void Relayed(ILogger logger, string call, string patient, int status, string code, double ageMs);

    [LoggerMessage(6007, LogLevel.Warning, "Dropped {Call} for patient {Patient}: {Age} after the HIS's call, past Relay:MaxAgeSeconds ({MaxAgeSeconds} s); never delivered")]
    public static partial void RelayTooOld(ILogger logger, string call, string patient, TimeSpan age, int maxAgeSeconds);

    [LoggerMessage(6008, LogLevel.Warning, "Relay queue full: dropped the oldest call, {Call} for patient {Patient} ({Age} old); never delivered")]
    public static partial void RelayQueueFull(ILogger logger, string call, string patient, TimeSpan age);

    [LoggerMessage(6009, LogLevel.Warning, "Could not relay {Call} for patient {Patient}: {Reason} ({AgeMs:0} ms after the HIS's call); given up")]
    public static partial void RelayFailed(ILogger logger, string call, string patient, string reason, double ageMs);

    [LoggerMessage(6010, LogLevel.Warning, "The cloud refused {Call} for patient {Patient}: HTTP {Status}, code {Code}; not sent again")]
    public static partial void RelayRefusedByCloud(ILogger logger, string call, string patient, int status, string code);

    [LoggerMessage(6012, LogLevel.Warning, "Provider stopping: dropped the queued {Call} for patient {Patient}; never delivered")]
    public static partial void RelayDroppedAtShutdown(ILogger logger, string call, string patient);

    [LoggerMessage(6011, LogLevel.Information, "Relay: attempt {Attempt} to reach the cloud after {Outcome}, in {DelayMs:0} ms")]
    public static partial void RelayRetrying(ILogger logger, int attempt, string outcome, double delayMs);

    // 7xxx: the push (mode 2). Rows are named by outpatientNumber or accessionNo/studyOrderId, never by a personal value.

    [LoggerMessage(7001, LogLevel.Information, "Push is off (Push:Registrations:Enabled and Push:Settlements:Enabled are false)")]
    public static partial void PushOff(ILogger logger);

    [LoggerMessage(7002, LogLevel.Information, "Push on: registrations {Registrations}, settlements {Settlements}; delivery state in {Store}; this instance is {Holder}")]
    public static partial void PushOn(ILogger logger, bool registrations, bool settlements, string store, string holder);

    [LoggerMessage(7003, LogLevel.Information, "Pushed {Kind} {Label} (attempt {Attempts})")]
    public static partial void Pushed(ILogger logger, string kind, string label, int attempts);

    [LoggerMessage(7004, LogLevel.Warning, "The cloud rejected {Kind} {Label}: {Detail}; parked until the row changes or an operator re-queues it")]
    public static partial void PushRejected(ILogger logger, string kind, string label, string detail);

    [LoggerMessage(7005, LogLevel.Warning, "Not sending {Kind} {Label}: it breaks {Problems}; parked until the row changes")]
    public static partial void PushInvalid(ILogger logger, string kind, string label, string problems);

    [LoggerMessage(7006, LogLevel.Warning, "Could not push {Kind} {Label}: {Detail}; attempt {Attempts}, next not before {NextAttempt:u}")]
    public static partial void PushFailed(ILogger logger, string kind, string label, string detail, int attempts, DateTimeOffset nextAttempt);

    [LoggerMessage(7007, LogLevel.Error, "ALERT push paused: the cloud refused the provider ({Reason}) on a {Kind}; nothing is sent until an operator runs push-resume or a probe is accepted (Push:PausedProbeMinutes). Check Cloud:Headers and Cloud:BaseAddress")]
    public static partial void PushPaused(ILogger logger, string kind, string reason);

    [LoggerMessage(7008, LogLevel.Information, "Push resumed: the cloud accepted a call again")]
    public static partial void PushResumed(ILogger logger);

    [LoggerMessage(7009, LogLevel.Error, "ALERT {Count} settlement(s) not delivered within {Hours} h of appearing in view_setlInfoList (the cloud wants them within 24 h); oldest {Oldest}, last problem: {Reason}")]
    public static partial void PushOverdue(ILogger logger, int count, double hours, TimeSpan oldest, string reason);

    [LoggerMessage(7010, LogLevel.Information, "Every overdue settlement is delivered now; the alert is over")]
    public static partial void PushOverdueCleared(ILogger logger);

    [LoggerMessage(7011, LogLevel.Warning, "{Kind} {Label} left the view while {State}, never accepted by the cloud; sent again only if it comes back")]
    public static partial void PushExpired(ILogger logger, string kind, string label, string state);

    [LoggerMessage(7012, LogLevel.Warning, "{Count} {Kind} row(s) repeat another row's key in the view; sent once")]
    public static partial void PushDuplicates(ILogger logger, string kind, int count);

    [LoggerMessage(7013, LogLevel.Error, "Push poll failed ({Type}): {Message}; nothing was marked, the next poll tries again")]
    public static partial void PushPollFailed(ILogger logger, string type, string message);

    [LoggerMessage(7014, LogLevel.Information, "Push on standby: {Holder} holds the lease")]
    public static partial void PushStandby(ILogger logger, string holder);

    [LoggerMessage(7015, LogLevel.Warning, "Could not give up the push lease at shutdown ({Message}); another instance takes over when it expires")]
    public static partial void PushReleaseFailed(ILogger logger, string message);

    [LoggerMessage(7016, LogLevel.Information, "Forgot {Count} delivered rows older than {Days} days (Push:RetainDays)")]
    public static partial void PushPruned(ILogger logger, int count, int days);

    [LoggerMessage(7017, LogLevel.Information, "Push: attempt {Attempt} to reach the cloud after {Outcome}, in {DelayMs:0} ms")]
    public static partial void PushRetrying(ILogger logger, int attempt, string outcome, double delayMs);

    [LoggerMessage(7018, LogLevel.Information, "Push lease taken over from {Holder}: its process on this machine is gone (a crash or kill); rows it was sending are sent again")]
    public static partial void PushTookOver(ILogger logger, string holder);

    [LoggerMessage(7019, LogLevel.Warning, "Push lease lost: another instance took it while this one was busy longer than Push:LeaseSeconds ({LeaseSeconds} s); sending stops here")]
    public static partial void PushLeaseLost(ILogger logger, double leaseSeconds);

    [LoggerMessage(8001, LogLevel.Warning, "The operator console's history file {Path} could not be used ({Message}); its counts stay in memory and are written when it can be")]
    public static partial void ConsoleHistoryFailed(ILogger logger, string path, string message);

    [LoggerMessage(8002, LogLevel.Information, "Operator console: {Job} run by {Caller}: {Outcome}")]
    public static partial void ConsoleJobRan(ILogger logger, string job, string caller, string outcome);
}
