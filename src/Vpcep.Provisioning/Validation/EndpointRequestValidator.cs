using Microsoft.Extensions.Options;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Validation;

/// <summary>
/// The syntactic rules of a provisioning request: what can be judged without asking the cloud.
/// Intake must not refuse what Huawei accepts and should refuse what Huawei will certainly refuse, so
/// each rule names its source; docs/validation-rules.md lists them all, verified or not. Limits
/// come from <see cref="ValidationOptions"/>. The rules live by subject: <see cref="EnvelopeRules"/>,
/// <see cref="NetworkRules"/>, <see cref="TagRules"/>, <see cref="PolicyRules"/> and
/// <see cref="UnknownMemberRules"/>; this class runs them in a fixed order.
/// </summary>
/// <remarks>
/// Lengths of tag keys, tag values and descriptions are counted in Unicode code points (runes),
/// not UTF-8 bytes and not UTF-16 units: a 36-character Chinese key is 36 (the SDK's <c>TagList</c>
/// says Chinese characters count one each), and an emoji such as U+1F600 is 1. A sequence drawn as one
/// glyph but made of several code points (a ZWJ family emoji, a flag) counts each code point. How the
/// service counts characters outside the Basic Multilingual Plane is unverified: a service counting
/// UTF-16 units would count an emoji twice.
/// <para>
/// <c>enable_whitelist: true</c> without entries is accepted: the seed page and the SDK document both
/// members as optional and independent, and Terraform's huaweicloud_vpcep_endpoint sends exactly that
/// body when its whitelist is empty. A whitelist without <c>enable_whitelist</c> is accepted too
/// (stored, not enforced). <see cref="ValidationOptions.RefuseLikelyMistakes"/> refuses the first.
/// </para>
/// </remarks>
public sealed class EndpointRequestValidator
{
    private readonly EnvelopeRules envelope;
    private readonly NetworkRules network;
    private readonly TagRules tags;
    private readonly PolicyRules policies;
    private readonly UnknownMemberRules unknownMembers;

    /// <summary>
    /// Initializes a new instance of the <see cref="EndpointRequestValidator"/> class with the production callback rules
    /// (<see cref="CallbackTargetPolicy.Strict"/>: https to public addresses only).
    /// </summary>
    /// <param name="options">The limits to enforce.</param>
    public EndpointRequestValidator(IOptions<ValidationOptions> options)
        : this(options, CallbackTargetPolicy.Strict)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EndpointRequestValidator"/> class.</summary>
    /// <param name="options">The limits to enforce.</param>
    /// <param name="callbackTargets">Where callbacks may go (<c>Notifications</c> settings).</param>
    public EndpointRequestValidator(IOptions<ValidationOptions> options, CallbackTargetPolicy callbackTargets)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(callbackTargets);
        ValidationOptions limits = options.Value;
        envelope = new EnvelopeRules(limits, callbackTargets);
        network = new NetworkRules(limits);
        tags = new TagRules(limits);
        policies = new PolicyRules(limits);
        unknownMembers = new UnknownMemberRules(limits);
    }

    /// <summary>Checks every syntactic rule and returns all problems found (empty when valid).</summary>
    /// <param name="request">The request.</param>
    /// <param name="pointer">The JSON pointer of the request within its document ("" for a whole document).</param>
    /// <returns>The problems, each with a pointer below <paramref name="pointer"/>.</returns>
    public IReadOnlyList<ValidationError> Validate(ProvisioningRequest request, string pointer = "")
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(pointer);
        var errors = new ErrorCollector(pointer);
        Validate(request, errors);
        return errors.ToList();
    }

    /// <summary>Checks every syntactic rule, adding the problems to <paramref name="errors"/> (which stands at the request).</summary>
    internal void Validate(ProvisioningRequest request, ErrorCollector errors)
    {
        envelope.Check(request, errors);

        ErrorCollector at = errors.At("endpoint");
        if (request.Endpoint is not { } endpoint)
        {
            at.Add(ValidationCodes.Required, "endpoint is required.");
            return;
        }

        // The order of the subjects is the order errors are listed in.
        NetworkRules.Ids(endpoint, at);
        tags.Check(endpoint, at);
        network.Access(endpoint, at);
        policies.Description(endpoint, at);
        NetworkRules.IpVersion(endpoint, at);
        PolicyRules.Documents(endpoint, at);
        unknownMembers.Check(endpoint, at);
    }

    /// <summary>The callback URL rule, for a callback_url that is not a request's (a batch's own).</summary>
    internal void ValidateCallbackUrl(string callbackUrl, ErrorCollector at) => envelope.CallbackUrl(callbackUrl, at);
}
