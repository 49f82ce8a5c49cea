using System.Text.Json.Serialization;

namespace Vpcep.Provisioning.Models;

/// <summary>Workflow phases, shown in the orchestration's custom status.</summary>
public static class ProvisioningPhase
{
    public const string Validating = "validating";
    public const string Creating = "creating";
    public const string Polling = "polling";
    public const string Notifying = "notifying";
    public const string Completed = "completed";
}

/// <summary>The orchestration's custom status: where it is and what it last saw.</summary>
public sealed record ProvisioningStatus(
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("endpoint_id")] string? EndpointId = null,
    [property: JsonPropertyName("endpoint_status")] string? EndpointStatus = null,
    [property: JsonPropertyName("polls")] int Polls = 0);
