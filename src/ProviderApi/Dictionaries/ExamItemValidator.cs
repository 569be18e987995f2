using System.Linq.Expressions;
using FluentValidation;
using ProviderApi.Check;
using static ProviderApi.Check.ContractFormats;

namespace ProviderApi.Dictionaries;

/// <summary>A row of View_ProjectItemCode_Info against contract.md (§3.5). examCode's uniqueness is checked across rows by <c>ContractCheck</c>.</summary>
public sealed class ExamItemValidator : AbstractValidator<ExamItem>
{
    public ExamItemValidator()
    {
        Required(e => e.Hospitalld);
        Required(e => e.Modality);
        Required(e => e.ExamCode);
        Required(e => e.ExamName);
        Required(e => e.ExamBodyPart);
        Required(e => e.ExamPrice);
        Required(e => e.CheckStatus);
        Required(e => e.SourceType);

        RuleFor(e => e.ExamPrice).Must(v => IsEmpty(v) || IsPrice(v)).Breaks(CheckRules.ExamPriceFormat);
        RuleFor(e => e.CheckStatus).Must(v => IsEmpty(v) || v is "0" or "1").Breaks(CheckRules.ExamCheckStatus);
        RuleFor(e => e.SourceType).Must(v => IsEmpty(v) || v is "1" or "2").Breaks(CheckRules.ExamSourceType);
        RuleFor(e => e.Hospitalld).Must(v => IsEmpty(v) || IsHospitalld(v)).Breaks(CheckRules.ExamHospitalld);
    }

    private void Required(Expression<Func<ExamItem, string?>> field) =>
        RuleFor(field).NotEmpty().Breaks(CheckRules.ExamRequired);
}
