using System.Linq.Expressions;
using FluentValidation;
using ProviderApi.Check;
using static ProviderApi.Check.ContractFormats;

namespace ProviderApi.Settlements;

/// <summary>A row of view_setlInfoList against contract.md (§3.6).</summary>
public sealed class SettlementValidator : AbstractValidator<Settlement>
{
    /// <summary>The field name a report gives the either-or rule of accessionNo and studyOrderId.</summary>
    public const string AccessionOrOrderField = "accessionNo|studyOrderId";

    public SettlementValidator()
    {
        Required(s => s.SetlId);
        Required(s => s.MedListCodg);
        Required(s => s.FeedetlSn);
        Required(s => s.Hospitalld);

        RuleFor(s => s.AccessionNo)
            .Must((row, accessionNo) => !IsEmpty(accessionNo) || !IsEmpty(row.StudyOrderId))
            .OverridePropertyName(AccessionOrOrderField)
            .Breaks(CheckRules.SetlAccessionOrOrder);

        // Insurance values or exactly twenty zeros (self-paid); a placeholder of another length is a typing slip.
        RuleFor(s => s.SetlId).Must(v => !IsWrongPlaceholder(v)).Breaks(CheckRules.SetlPlaceholder);
        RuleFor(s => s.FeedetlSn).Must(v => !IsWrongPlaceholder(v)).Breaks(CheckRules.SetlPlaceholder);

        // NULL means the crosswalk has no row for the billed item: an error here, the gap listed apart.
        RuleFor(s => s.ExamPart).NotEmpty().Breaks(CheckRules.SetlExamPartMissing);
        RuleFor(s => s.ExamPart).Must(v => IsEmpty(v) || IsExamPart(v)).Breaks(CheckRules.SetlExamPartFormat);

        RuleFor(s => s.Hospitalld).Must(v => IsEmpty(v) || IsHospitalld(v)).Breaks(CheckRules.SetlHospitalld);
    }

    private void Required(Expression<Func<Settlement, string?>> field) =>
        RuleFor(field).NotEmpty().Breaks(CheckRules.SetlRequired);
}
