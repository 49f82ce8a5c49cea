using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Vpcep.Api.Contracts;
using Vpcep.Provisioning.Models;

namespace Vpcep.Api;

/// <summary>
/// Reads a listing's query string, collecting every problem (each named with its parameter) rather than stopping at
/// the first, so one 400 answer names them all.
/// </summary>
internal sealed class ListingQuery(IQueryCollection query)
{
    /// <summary>The <c>result</c> filter's value for items and requests that have no result yet.</summary>
    public const string Running = "running";

    /// <summary>Every value the <c>result</c> filter takes: each outcome result, and <see cref="Running"/>.</summary>
    public static readonly IReadOnlyList<string> Results =
    [
        ProvisioningResult.Accepted, ProvisioningResult.PendingAcceptance, ProvisioningResult.Rejected,
        ProvisioningResult.Failed, ProvisioningResult.Invalid, ProvisioningResult.TimedOut, Running,
    ];

    /// <summary>Every value the <c>runtime_status</c> filter takes (the orchestration runtime statuses a request can be in).</summary>
    public static readonly IReadOnlyList<OrchestrationRuntimeStatus> RuntimeStatuses =
    [
        OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated,
    ];

    private readonly List<QueryError> errors = [];

    /// <summary>Every problem found so far.</summary>
    public IReadOnlyList<QueryError> Errors => errors;

    /// <summary><c>page_size</c>: 1 to <paramref name="max"/>, <paramref name="fallback"/> when absent.</summary>
    public int PageSize(int fallback, int max)
    {
        if (Value("page_size") is not { } text)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int size))
        {
            errors.Add(new QueryError("page_size", "not_a_number", $"page_size '{text}' is not a whole number; give 1 to {max}."));
            return fallback;
        }

        if (size is < 1 || size > max)
        {
            errors.Add(new QueryError("page_size", "out_of_range", $"page_size {size} is out of range; give 1 to {max}."));
            return fallback;
        }

        return size;
    }

    /// <summary>A <c>true</c>/<c>false</c> parameter, <paramref name="fallback"/> when absent.</summary>
    public bool Flag(string name, bool fallback)
    {
        if (Value(name) is not { } text)
        {
            return fallback;
        }

        if (bool.TryParse(text, out bool value))
        {
            return value;
        }

        errors.Add(new QueryError(name, "unknown_value", $"{name} '{text}' is not true or false."));
        return fallback;
    }

    /// <summary><c>result</c>: a comma list of <see cref="Results"/>; null (no filter) when absent.</summary>
    public IReadOnlySet<string>? ResultFilter()
    {
        if (List("result") is not { } values)
        {
            return null;
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (string value in values)
        {
            if (Results.Contains(value, StringComparer.Ordinal))
            {
                set.Add(value);
            }
            else
            {
                errors.Add(new QueryError("result", "unknown_value", $"result '{value}' is unknown; give a comma list of {string.Join(", ", Results)}."));
            }
        }

        return set;
    }

    /// <summary><c>runtime_status</c>: a comma list of <see cref="RuntimeStatuses"/> (any case); null (no filter) when absent.</summary>
    public IReadOnlyList<OrchestrationRuntimeStatus>? RuntimeStatusFilter()
    {
        if (List("runtime_status") is not { } values)
        {
            return null;
        }

        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (string value in values)
        {
            OrchestrationRuntimeStatus? status = RuntimeStatuses.Cast<OrchestrationRuntimeStatus?>()
                .FirstOrDefault(s => string.Equals(s.ToString(), value, StringComparison.OrdinalIgnoreCase));
            if (status is { } known)
            {
                if (!statuses.Contains(known))
                {
                    statuses.Add(known);
                }
            }
            else
            {
                errors.Add(new QueryError("runtime_status", "unknown_value", $"runtime_status '{value}' is unknown; give a comma list of {string.Join(", ", RuntimeStatuses)}."));
            }
        }

        return statuses;
    }

    /// <summary>
    /// <c>continuation_token</c>, as this API wrote it for a listing of <paramref name="kind"/>: the text it carries, or
    /// null when absent (the first page) or not one of ours (a problem).
    /// </summary>
    public string? Token(string kind)
    {
        if (Value("continuation_token") is not { } token)
        {
            return null;
        }

        if (ContinuationTokens.Read(kind, token) is { } payload)
        {
            return payload;
        }

        errors.Add(new QueryError("continuation_token", "invalid_token", "continuation_token is not one this listing gave; start again without it."));
        return null;
    }

    /// <summary>Records a problem the caller found in a value this class read.</summary>
    public void Add(QueryError error) => errors.Add(error);

    /// <summary>The 400 answer naming every problem, or null when there is none.</summary>
    public ProblemHttpResult? Problem()
    {
        if (errors.Count == 0)
        {
            return null;
        }

        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid query",
            Detail = string.Join(" ", errors.Select(e => e.Message)),
            Type = "urn:vpcep-functions:problem:invalid-query",
        };
        problem.Extensions["errors"] = errors;
        return TypedResults.Problem(problem);
    }

    private string? Value(string name) => query[name].ToString() is { Length: > 0 } text ? text : null;

    /// <summary>The values of a comma list (also given as repeated parameters), trimmed, empty entries dropped.</summary>
    private string[]? List(string name) =>
        query[name].Count == 0
            ? null
            : [.. query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];
}

/// <summary>
/// The listings' continuation tokens: opaque to callers (base64url), each marked with the listing it belongs to so a
/// token of one listing given to another is refused rather than misread.
/// </summary>
internal static class ContinuationTokens
{
    /// <summary>A token carrying <paramref name="payload"/> for listing <paramref name="kind"/>.</summary>
    public static string Write(string kind, string payload) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{kind}:{payload}"));

    /// <summary>The payload of a token of listing <paramref name="kind"/>, or null when it is not one.</summary>
    public static string? Read(string kind, string token)
    {
        if (token.Length > 8192 || !Base64Url.IsValid(token))
        {
            return null;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return null;
        }

        return text.StartsWith(kind + ":", StringComparison.Ordinal) ? text[(kind.Length + 1)..] : null;
    }
}
