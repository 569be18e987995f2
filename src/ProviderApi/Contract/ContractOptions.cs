using System.ComponentModel.DataAnnotations;

namespace ProviderApi.Contract;

/// <summary>Settings of the contract's envelope (configuration section <c>Contract</c>).</summary>
public sealed class ContractOptions
{
    public const string Section = "Contract";

    /// <summary>
    /// The body's <c>code</c> on success. The interface document's field table says 200, its
    /// example shows 0: 200 by default, 0 where a cloud deployment expects the example.
    /// </summary>
    [AllowedValues(200, 0, ErrorMessage = "Contract:SuccessCode must be 200 or 0.")]
    public int SuccessCode { get; set; } = 200;
}
