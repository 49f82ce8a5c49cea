namespace Vpcep.HuaweiCloud;

/// <summary>The project (and optionally the region) a call acts in; without a region the configured default is used.</summary>
public sealed record ProjectScope(string ProjectId, string? Region = null)
{
    /// <summary>The environment variable the official SDKs read the project id from.</summary>
    public const string ProjectIdVariable = "HUAWEICLOUD_SDK_PROJECT_ID";

    /// <summary>
    /// The scope of <see cref="HuaweiCloudOptions.ProjectId"/> (or <c>HUAWEICLOUD_SDK_PROJECT_ID</c>) in
    /// <see cref="HuaweiCloudOptions.Region"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Neither the option nor the variable names a project.</exception>
    public static ProjectScope FromOptions(HuaweiCloudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? projectId = string.IsNullOrWhiteSpace(options.ProjectId) ? Environment.GetEnvironmentVariable(ProjectIdVariable) : options.ProjectId;
        if (string.IsNullOrWhiteSpace(projectId))
        {
            throw new InvalidOperationException($"No Huawei Cloud project id: set HuaweiCloud:ProjectId or {ProjectIdVariable}.");
        }

        return new ProjectScope(projectId.Trim(), options.Region);
    }
}
