using ProviderApi.Dictionaries;
using ProviderApi.Registrations;
using ProviderApi.Settlements;
using ProviderApi.Views;

namespace ProviderApi;

/// <summary>
/// The contract's standard views, in its order: the one list the endpoints, the check, the health
/// probe, selftest and the push iterate (through <see cref="ViewCatalog"/>). Each declaration
/// lives in its feature folder and says which modes the view takes part in.
/// </summary>
public static class StandardViewList
{
    /// <summary>The declarations, in the contract's order.</summary>
    public static StandardView[] All =>
    [
        RegistrationView.Declaration,
        DictionaryViews.ExamItems,
        SettlementView.Declaration,
        DictionaryViews.Departments,
    ];

    public static IServiceCollection AddContractViews(this IServiceCollection services) => services.AddStandardViews(All);
}
