using System.Data.Common;
using System.Globalization;
using Dapper;
using ProviderApi.Check;

namespace ProviderApi.Tests.Contract;

/// <summary>
/// patientAge on every engine: whole years at the visit, never negative. A HIS whose date of
/// birth falls after the day of the visit gets NULL (the contract check reports it), and the
/// demo hospital never has such a visit, whatever the windows.
/// </summary>
public abstract partial class ContractTests
{
    /// <summary>Window lengths in days, for all four settings at once: none, the usual ones, and wider than the demo's whole history.</summary>
    private static readonly int[] WindowLengths = [0, 1, 7, 30, 365, 3650, 36500];

    [Fact]
    public void No_demo_registration_lies_before_its_patients_birth_and_no_age_is_negative_in_any_window()
    {
        using var connection = hospital.Open(writable: true);
        using var transaction = connection.BeginTransaction();
        var visitsAndStays = Scalar(connection, transaction, $"SELECT count(*) FROM {His("CLINIC_MASTER")}")
            + Scalar(connection, transaction, $"SELECT count(*) FROM {His("PAT_VISIT")}");

        foreach (var days in WindowLengths)
        {
            SetWindows(connection, transaction, days);
            var rows = ViewRows.Query(connection, $"""
                SELECT r.outpatientNumber, r.outpatientDateTime, r.patientAge, p.DATE_OF_BIRTH AS birth
                FROM View_Register_Info r
                JOIN {His("PAT_MASTER_INDEX")} p ON p.PATIENT_ID = r.insuranceId
                """, transaction: transaction);

            Assert.NotEmpty(rows);
            var wrong = rows
                .Select(r => (Row: r, Visit: DateTime.ParseExact((string)r["outpatientDateTime"]!, ContractFormats.DateTimeFormat, CultureInfo.InvariantCulture), Birth: DateOf(r["birth"]!)))
                .Where(r => r.Birth > DateOnly.FromDateTime(r.Visit)
                    || (string?)r.Row["patientAge"] != ContractFormats.AgeAt(r.Birth, r.Visit).ToString(CultureInfo.InvariantCulture))
                .Select(r => $"{r.Row["outpatientNumber"]}: born {r.Birth:yyyy-MM-dd}, visit {r.Visit:yyyy-MM-dd HH:mm:ss}, patientAge {r.Row["patientAge"] ?? "NULL"}")
                .ToList();
            Assert.True(wrong.Count == 0, $"windows of {days} days: {wrong.Count} rows before birth or with a wrong age:\n{string.Join('\n', wrong)}");
            if (days == WindowLengths[^1])
            {
                // Every visit and stay of the demo is in the widest window: no other setting can show another.
                Assert.Equal(visitsAndStays, rows.Count);
            }
        }
        transaction.Rollback();
    }

    /// <summary>One HIS patient with one visit (outpatient) or stay (inpatient, never discharged) and the age the view must give.</summary>
    private sealed record AgeCase(string Patient, string Why, DateTime Birth, DateTime Visit, bool Inpatient = false, DateTime? Admitted = null, string? Age = null);

    private static DateTime At(string value) => DateTime.ParseExact(value, ["yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None);

    /// <summary>Fixed dates (the windows are opened wide for them): birthdays on, before and after the visit's day, a leap day, and births after the visit.</summary>
    private static readonly AgeCase[] AgeBoundaries =
    [
        new("T-AGE-01", "leap-day birthday not reached on 28 February", At("2000-02-29"), At("2021-02-28 10:00:00"), Age: "20"),
        new("T-AGE-02", "leap-day birthday passed on 1 March", At("2000-02-29"), At("2021-03-01 08:00:00"), Age: "21"),
        new("T-AGE-03", "the day before the 40th birthday, last second", At("1986-06-15"), At("2026-06-14 23:59:59"), Age: "39"),
        new("T-AGE-04", "the 40th birthday, first second", At("1986-06-15"), At("2026-06-15 00:00:00"), Age: "40"),
        new("T-AGE-05", "the day after the 40th birthday", At("1986-06-15"), At("2026-06-16 08:00:00"), Age: "40"),
        new("T-AGE-06", "born on the day of the visit", At("2026-06-15"), At("2026-06-15 08:00:00"), Age: "0"),
        new("T-AGE-07", "a birth time later on the day of the visit: days count, not times", At("2026-06-15 14:00:00"), At("2026-06-15 08:00:00"), Age: "0"),
        new("T-AGE-08", "born the day after the visit", At("2026-06-16"), At("2026-06-15 23:59:59")),
        new("T-AGE-09", "born in the year after the visit", At("2027-01-01"), At("2026-12-31 09:00:00")),
        new("T-AGE-10", "the last day of the year, born on the last day of another", At("1990-12-31"), At("2026-12-31 09:00:00"), Age: "36"),
        new("T-AGE-11", "the first day of the year, born on the last day of another", At("1990-12-31"), At("2026-01-01 09:00:00"), Age: "35"),
        new("T-AGE-12", "admitted the day before birth", At("2026-06-16"), At("2026-06-14 20:00:00"), Inpatient: true, Admitted: At("2026-06-15 10:00:00")),
        new("T-AGE-13", "registered the day before the birthday, admitted on it: age at admission", At("1986-06-15"), At("2026-06-14 20:00:00"), Inpatient: true, Admitted: At("2026-06-15 09:00:00"), Age: "40"),
        new("T-AGE-14", "waiting for a bed since the day before the birthday: age at registration", At("1986-06-15"), At("2026-06-14 20:00:00"), Inpatient: true, Age: "39"),
        new("T-AGE-15", "waiting for a bed since the day before birth", At("2026-06-15"), At("2026-06-14 20:00:00"), Inpatient: true),
    ];

    [Fact]
    public void The_age_is_whole_years_at_the_visit_and_null_when_the_HIS_has_the_birth_after_the_visit()
    {
        using var connection = hospital.Open(writable: true);
        using var transaction = connection.BeginTransaction();
        SetWindows(connection, transaction, 36500);
        var visitNo = 99000;
        foreach (var c in AgeBoundaries)
        {
            Execute(connection, transaction, $"INSERT INTO {His("PAT_MASTER_INDEX")} (PATIENT_ID, NAME, SEX, DATE_OF_BIRTH) VALUES (@Patient, '边界', '女', @Birth)", new { c.Patient, c.Birth });
            if (c.Inpatient)
            {
                Execute(connection, transaction, $"""
                    INSERT INTO {His("PAT_VISIT")} (PATIENT_ID, VISIT_ID, REGISTER_DATE_TIME, DEPT_ADMISSION_TO, ADMISSION_DATE_TIME)
                    VALUES (@Patient, 1, @Visit, '0101', @Admitted)
                    """, new { c.Patient, c.Visit, c.Admitted });
            }
            else
            {
                Execute(connection, transaction, $"""
                    INSERT INTO {His("CLINIC_MASTER")} (VISIT_DATE, VISIT_NO, PATIENT_ID, VISIT_DEPT, REGISTRATION_STATUS, REGISTERING_DATE)
                    VALUES (@Visit, @VisitNo, @Patient, '0101', '0', @Registered)
                    """, new { c.Visit, VisitNo = ++visitNo, c.Patient, Registered = c.Visit.AddDays(-1) });
            }
        }

        var ages = ViewRows.Query(connection, "SELECT insuranceId, patientAge FROM View_Register_Info WHERE insuranceId LIKE 'T-AGE-%'", transaction: transaction)
            .ToDictionary(r => (string)r["insuranceId"]!, r => (string?)r["patientAge"]);
        transaction.Rollback();

        static string Line(AgeCase c, string? age) =>
            $"{c.Patient} born {c.Birth:yyyy-MM-dd HH:mm}, {(c.Inpatient ? "registered" : "visit")} {c.Visit:yyyy-MM-dd HH:mm:ss}{(c.Admitted is { } a ? $", admitted {a:yyyy-MM-dd HH:mm:ss}" : "")} ({c.Why}): {age ?? "NULL"}";
        Assert.Equal(
            AgeBoundaries.Select(c => Line(c, c.Age)),
            AgeBoundaries.Select(c => Line(c, ages.TryGetValue(c.Patient, out var age) ? age : "(no row)")));
    }

    private void SetWindows(DbConnection connection, DbTransaction transaction, int days) =>
        Execute(connection, transaction, $"""
            UPDATE {hospital.Dialect.Imgcloud("settings")}
               SET outpatient_days_back = @days, outpatient_days_ahead = @days, discharged_days = @days, settlement_days = @days
            """, new { days });

    private void Execute(DbConnection connection, DbTransaction transaction, string sql, object? parameters = null) =>
        connection.Execute(hospital.Dialect.Parameters(sql), parameters, transaction);

    private static long Scalar(DbConnection connection, DbTransaction transaction, string sql) =>
        Convert.ToInt64(connection.ExecuteScalar(sql, transaction: transaction), CultureInfo.InvariantCulture);

    /// <summary>A date of birth as the engine returns it: a date-time, or text in SQLite.</summary>
    private static DateOnly DateOf(object value) => value switch
    {
        DateTime d => DateOnly.FromDateTime(d),
        DateOnly d => d,
        string s => DateOnly.FromDateTime(DateTime.Parse(s, CultureInfo.InvariantCulture)),
        _ => throw new InvalidOperationException($"a date of birth of type {value.GetType()}"),
    };
}
