namespace Vpcep.HuaweiCloud;

/// <summary>The project (and optionally the region) a call acts in; without a region the configured default is used.</summary>
public sealed record ProjectScope(string ProjectId, string? Region = null);
