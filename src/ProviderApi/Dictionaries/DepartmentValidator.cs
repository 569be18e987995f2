using System.Linq.Expressions;
using FluentValidation;
using ProviderApi.Check;
using static ProviderApi.Check.ContractFormats;

namespace ProviderApi.Dictionaries;

/// <summary>
/// A row of View_Dept_Info against contract.md (§3.7): deptName, deptCode and hospitalld
/// (remark is optional, so the check does not read it). deptCode's uniqueness is checked across rows.
/// </summary>
public sealed class DepartmentValidator : AbstractValidator<Department>
{
    public DepartmentValidator()
    {
        Required(d => d.DeptName);
        Required(d => d.DeptCode);
        Required(d => d.Hospitalld);

        RuleFor(d => d.Hospitalld).Must(v => IsEmpty(v) || IsHospitalld(v)).Breaks(CheckRules.DeptHospitalld);
    }

    private void Required(Expression<Func<Department, string?>> field) =>
        RuleFor(field).NotEmpty().Breaks(CheckRules.DeptRequired);
}
