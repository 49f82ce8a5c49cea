using System.Net;

namespace Vpcep.Cli.Api;

/// <summary>The API answered with an error status; carries the problem document when there was one.</summary>
internal sealed class VpcepApiException : Exception
{
    /// <summary>Creates the exception for an answer.</summary>
    public VpcepApiException(HttpStatusCode status, Problem? problem, string body, string method, Uri url)
        : base($"{method} {url.AbsolutePath} answered {(int)status} {status}.")
    {
        Status = status;
        Problem = problem;
        Body = body;
    }

    /// <summary>Creates an exception with a message only.</summary>
    public VpcepApiException()
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public VpcepApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public VpcepApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The answer's status code.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The problem document, when the body was one.</summary>
    public Problem? Problem { get; }

    /// <summary>The body as sent.</summary>
    public string Body { get; } = "";
}
