namespace Vpcep.Provisioning.Validation;

/// <summary>Validation limits (placeholder until the validation branch lands).</summary>
public sealed class ValidationOptions
{
    public const string SectionName = "Validation";
    public int MaxTags { get; set; } = 10;
}
