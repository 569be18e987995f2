using System.Globalization;
using System.Linq.Expressions;
using FluentValidation;
using ProviderApi.Check;
using static ProviderApi.Check.ContractFormats;

namespace ProviderApi.Registrations;

/// <summary>
/// A row of View_Register_Info against contract.md (§3.4 and the settled formats). Uniqueness
/// of outpatientNumber spans rows, so <c>ContractCheck</c> checks it, not this validator.
/// </summary>
public sealed class RegistrationValidator : AbstractValidator<Registration>
{
    /// <param name="sexTexts">What the sex code map writes out (sex_map.sex_text): exactly the values patientSex may take.</param>
    public RegistrationValidator(IReadOnlySet<string> sexTexts)
    {
        // Required everywhere. An unidentified emergency patient (无名氏) has no ID number and
        // usually no phone: a warning below, not a missing field.
        Required(r => r.IdCardNo).Unless(IsUnidentified);
        Required(r => r.MobilePhone).Unless(IsUnidentified);
        Required(r => r.PatientName);
        Required(r => r.PatientSex);
        Required(r => r.PatientAge);
        Required(r => r.PatientType);
        Required(r => r.OutpatientNumber);
        Required(r => r.RegistDateTime);
        Required(r => r.OutpatientDateTime);
        Required(r => r.OutpatientDeptName);
        Required(r => r.OutpatientDeptCode);
        Required(r => r.OutpatientDocName);
        Required(r => r.OutpatientDocHisUid);
        Required(r => r.OutpatientDocCode);
        Required(r => r.OutpatientIdcardNo);
        Required(r => r.QuitType);
        Required(r => r.OutpatientType);
        Required(r => r.Hospitalld);

        // Inpatients (settled: required for patientType 2 only; admissionDateTime once in a bed).
        When(r => r.PatientType == "2", () =>
        {
            InpatientRequired(r => r.AdmissionRegistDateTime);
            InpatientRequired(r => r.AdmissionDeptCode);
            InpatientRequired(r => r.AdmissionDeptName);
            InpatientRequired(r => r.CurrentDeptCode);
            InpatientRequired(r => r.CurrentDeptName);
            InpatientRequired(r => r.AdmissionDateTime).When(r => r.OutpatientType == "1");
        });

        DateTimeField(r => r.RegistDateTime);
        DateTimeField(r => r.OutpatientDateTime);
        DateTimeField(r => r.AdmissionRegistDateTime);
        DateTimeField(r => r.AdmissionDateTime);
        DateTimeField(r => r.DischargedDateTime);

        RuleFor(r => r.PatientType).Must(v => IsEmpty(v) || v is "1" or "2" or "3" or "9").Breaks(CheckRules.RegPatientType);
        RuleFor(r => r.QuitType).Must(v => IsEmpty(v) || v is "0" or "1").Breaks(CheckRules.RegQuitType);
        RuleFor(r => r.OutpatientType).Must(v => IsEmpty(v) || v is "0" or "1").Breaks(CheckRules.RegOutpatientType);
        RuleFor(r => r.PatientSex).Must(v => IsEmpty(v) || sexTexts.Contains(v!)).Breaks(CheckRules.RegSex);
        RuleFor(r => r.PatientAge).Must(v => IsEmpty(v) || IsWholeYears(v)).Breaks(CheckRules.RegAgeFormat);

        IdNumber(r => r.IdCardNo);
        IdNumber(r => r.OutpatientIdcardNo);
        RuleFor(r => r.IdCardNo).Must((row, _) => !IsUnidentified(row)).Breaks(CheckRules.RegIdUnidentified);
        RuleFor(r => r.IdCardNo).Must((row, _) => AgeVerdictOf(row) != AgeVerdict.Guardian).Breaks(CheckRules.RegIdGuardian);
        RuleFor(r => r.IdCardNo).Must((row, _) => AgeVerdictOf(row) != AgeVerdict.Mismatch).Breaks(CheckRules.RegIdAgeMismatch);

        RuleFor(r => r.MobilePhone).Must(v => IsEmpty(v) || IsMobile(v) || IsLandline(v)).Breaks(CheckRules.RegPhoneFormat);
        RuleFor(r => r.MobilePhone).Must(v => !IsLandline(v)).Breaks(CheckRules.RegPhoneLandline);

        RuleFor(r => r.Hospitalld).Must(v => IsEmpty(v) || IsHospitalld(v)).Breaks(CheckRules.RegHospitalld);
    }

    /// <summary>No ID number, and a name such as 无名氏 or 未知.</summary>
    public static bool IsUnidentified(Registration row) => IsEmpty(row.IdCardNo) && IsUnidentifiedName(row.PatientName);

    private IRuleBuilderOptions<Registration, string?> Required(Expression<Func<Registration, string?>> field) =>
        RuleFor(field).NotEmpty().Breaks(CheckRules.RegRequired);

    private IRuleBuilderOptions<Registration, string?> InpatientRequired(Expression<Func<Registration, string?>> field) =>
        RuleFor(field).NotEmpty().Breaks(CheckRules.RegInpatientRequired);

    private void DateTimeField(Expression<Func<Registration, string?>> field) =>
        RuleFor(field).Must(v => IsEmpty(v) || IsDateTime(v)).Breaks(CheckRules.RegDateTimeFormat);

    /// <summary>The patient's and the doctor's ID numbers: resident numbers must be right; other documents are warned about.</summary>
    private void IdNumber(Expression<Func<Registration, string?>> field)
    {
        RuleFor(field).Must(v => IsEmpty(v) || ShapeOf(v!) != IdNumberShape.BadChecksum).Breaks(CheckRules.RegIdChecksum);
        RuleFor(field).Must(v => IsEmpty(v) || ShapeOf(v!) != IdNumberShape.BadBirthDate).Breaks(CheckRules.RegIdBirthDate);
        RuleFor(field).Must(v => IsEmpty(v) || ShapeOf(v!) != IdNumberShape.Unknown).Breaks(CheckRules.RegIdFormat);
        RuleFor(field).Must(v => IsEmpty(v) || ShapeOf(v!) != IdNumberShape.Legacy15).Breaks(CheckRules.RegIdLegacy15);
        RuleFor(field).Must(v => IsEmpty(v) || ShapeOf(v!) != IdNumberShape.Foreign).Breaks(CheckRules.RegIdForeign);
    }

    private enum AgeVerdict
    {
        Agrees,
        Guardian,
        Mismatch,
    }

    /// <summary>
    /// The age the patient's ID number implies at the visit, against patientAge (the standard
    /// view computes it from the source view's date of birth, at outpatientDateTime). Unknown
    /// when either side cannot be read; other rules report those.
    /// </summary>
    private static AgeVerdict AgeVerdictOf(Registration row)
    {
        if (row.IdCardNo is null || ShapeOf(row.IdCardNo) != IdNumberShape.Resident
            || !int.TryParse(row.PatientAge, NumberStyles.None, CultureInfo.InvariantCulture, out var age)
            || !DateTime.TryParseExact(row.OutpatientDateTime, DateTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var visit))
        {
            return AgeVerdict.Agrees;
        }
        var implied = AgeAt(BirthDate(row.IdCardNo)!.Value, visit);
        return implied == age ? AgeVerdict.Agrees : age == 0 ? AgeVerdict.Guardian : AgeVerdict.Mismatch;
    }
}
