using System.Data.Common;
using ProviderApi.Data;

namespace ProviderApi.Dictionaries;

/// <summary>Reads the two dictionary views, ordered by code with ordinal comparison.</summary>
public sealed class DictionaryRepository(ViewReader views, DatabaseEngine dialect)
{
    private readonly string examItemsSql = $"""
        SELECT hospitalld, modality, examCode, examName, examBodyPart, examPrice, checkStatus, sourceType
        FROM View_ProjectItemCode_Info
        ORDER BY {dialect.OrdinalOrder("examCode")}
        """;

    private readonly string departmentsSql = $"""
        SELECT deptCode, deptName, hospitalld
        FROM View_Dept_Info
        ORDER BY {dialect.OrdinalOrder("deptCode")}
        """;

    /// <summary>The exam items' rows as the reader gives them, for writing straight to JSON.</summary>
    public IAsyncEnumerable<DbDataReader> ExamItemRowsAsync(CancellationToken cancellationToken) =>
        views.RowsAsync(examItemsSql, cancellationToken);

    /// <summary>The departments' rows as the reader gives them, for writing straight to JSON.</summary>
    public IAsyncEnumerable<DbDataReader> DepartmentRowsAsync(CancellationToken cancellationToken) =>
        views.RowsAsync(departmentsSql, cancellationToken);

    public IAsyncEnumerable<ExamItem> StreamExamItemsAsync(CancellationToken cancellationToken) =>
        views.StreamAsync<ExamItem>(examItemsSql, cancellationToken);

    public IAsyncEnumerable<Department> StreamDepartmentsAsync(CancellationToken cancellationToken) =>
        views.StreamAsync<Department>(departmentsSql, cancellationToken);
}
